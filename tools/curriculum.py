"""Generate a curriculum: a project of N concept pages in K areas that `mkdocs build` accepts with the real hooks.

Each concept page is a realistic page of this site: front matter that places it
in a prerequisite DAG (`builds_on`, `prerequisites`, `next`), citations of a
generated bibliography, display and inline formulas, claims, a learning map,
a `listing` of the concept's own small numpy module (which imports its area's
shared module), a live demo, and the learning panels. The numbers on each page
are computed by its listing, never typed. Use it to try the build at the size
of a real curriculum, and to benchmark it (`make bench` builds one at several
sizes):

    python -m tools.curriculum OUT --concepts 200 --areas 10 [--demo logistic-regression] [--seed 0]

OUT then holds mkdocs.yml, docs/ and listings/; build it with
`mkdocs build -f OUT/mkdocs.yml`. `--demo none` leaves the demo blocks out.
"""

import argparse
import random
import re
import shutil
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AREA_NAMES = [
    "Foundations",
    "Linear Models",
    "Optimization",
    "Probability",
    "Kernels",
    "Trees and Ensembles",
    "Neural Networks",
    "Sequence Models",
    "Unsupervised Learning",
    "Reinforcement Learning",
    "Evaluation",
    "Generative Models",
]
TOPICS = ["Estimator", "Loss", "Gradient", "Regularizer", "Update Rule", "Projection", "Score", "Bound", "Model"]
QUALIFIERS = ["Weighted", "Stochastic", "Smoothed", "Robust", "Sparse", "Batched", "Scaled", "Centered", "Damped"]
SYMBOLS = ["w", "\\theta", "\\beta", "u", "v", "\\phi", "a", "c"]


@dataclass(eq=False)
class Concept:
    index: int
    area: int
    slug: str
    title: str
    builds_on: "Concept | None" = None
    prerequisites: list = field(default_factory=list)
    next: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{area_slug(self.area)}/{self.slug}"


def area_slug(area: int) -> str:
    return re.sub(r"[^a-z0-9]+", "-", area_name(area).lower()).strip("-")


def area_name(area: int) -> str:
    base = AREA_NAMES[area % len(AREA_NAMES)]
    return base if area < len(AREA_NAMES) else f"{base} {area // len(AREA_NAMES) + 1}"


def plan(concepts: int, areas: int, seed: int = 0) -> list[Concept]:
    """The concepts in a prerequisite order, with their edges: a DAG, each edge pointing to a later concept."""
    rng = random.Random(seed)
    found = []
    for n in range(concepts):
        area = n * areas // concepts
        title = f"{QUALIFIERS[n % len(QUALIFIERS)]} {TOPICS[(n // len(QUALIFIERS)) % len(TOPICS)]} {n + 1}"
        found.append(Concept(n, area, re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"), title))
    for concept in found[1:]:
        earlier = found[: concept.index]
        same_area = [c for c in earlier if c.area == concept.area]
        # Mostly the concept just before in its own area, sometimes a concept of an earlier area.
        concept.builds_on = same_area[-1] if same_area and rng.random() < 0.8 else rng.choice(earlier[-30:])
        extra = rng.sample(earlier[-40:], k=min(len(earlier[-40:]), rng.randint(0, 2)))
        concept.prerequisites = list(dict.fromkeys([concept.builds_on, *extra]))
        for before in concept.prerequisites:
            if len(before.next) < 2:
                before.next.append(concept)
    return found


def bibliography(count: int) -> str:
    entries = []
    for n in range(count):
        entries.append(
            textwrap.dedent(f"""\
            @book{{source-{n + 1:03d},
              author = {{Author{n + 1}, Ada and Writer, Ben}},
              title = {{Lecture Notes on Learning, Volume {n + 1}}},
              publisher = {{Curriculum Press}},
              year = {{{2000 + n % 25}}},
              url = {{https://example.org/notes/{n + 1}}},
              note = {{Reference for the concepts of part {n + 1} of the curriculum.}},
            }}
            """)
        )
    return "\n".join(entries)


def area_module(area: int) -> str:
    return textwrap.dedent(f"""\
        import numpy as np

        # Data shared by every concept of {area_name(area)}: one seeded design matrix and target.
        rng = np.random.default_rng({area})
        X = np.column_stack([np.ones(40), rng.normal(size=(40, 3))])
        y = X @ np.array([0.5, -1.0, 2.0, 0.25]) + 0.1 * rng.normal(size=40)


        def loss(w, X=X, y=y):
            r = X @ w - y
            return r @ r / y.size


        def gradient(w, X=X, y=y):
            return 2 * X.T @ (X @ w - y) / y.size
        """)


def concept_module(concept: Concept) -> str:
    rate = 0.05 + 0.01 * (concept.index % 5)
    steps = 20 + 5 * (concept.index % 7)
    return textwrap.dedent(f"""\
        import numpy as np
        from shared import X, gradient, loss, y

        # {concept.title}: gradient descent on the area's data, with a ridge penalty of its own.
        penalty = {0.01 * (1 + concept.index % 9):.2f}


        def step(w, lr={rate:.2f}):
            return w - lr * (gradient(w) + 2 * penalty * w)


        def fit(steps={steps}):
            w = np.zeros(X.shape[1])
            for _ in range(steps):
                w = step(w)
            return w


        if __name__ == "__main__":
            w = fit()
            print("weights:", np.round(w, 3))
            print("loss:", round(float(loss(w)), 4))
            print("closed-form ridge:", np.round(np.linalg.solve(X.T @ X + penalty * y.size * np.eye(4), X.T @ y), 3))
        """)


def _edges(items: list) -> str:
    return "\n".join(f"  - {c.key}: {c.title} comes before this page." for c in items)


def page(concept: Concept, sources: list[str], demo: str | None) -> str:
    i, sym = concept.index, SYMBOLS[concept.index % len(SYMBOLS)]
    first, second = sources
    summary = f"{concept.title} adjusts {sym} by a penalised gradient step until the loss stops falling."
    front = [
        f"title: {concept.title}",
        f"description: {summary}",
        f"concept: {concept.key}",
        f"area: {area_name(concept.area)}",
        f"summary: {summary}",
        f"sources: [{first}, {second}]",
    ]
    if concept.builds_on:
        front.append(f"builds_on: {concept.builds_on.key}")
    if concept.prerequisites:
        front.append("prerequisites:\n" + _edges(concept.prerequisites))
    if concept.next:
        front.append("next:\n" + _edges(concept.next))
    slug = concept.slug
    listing = f"listings/{area_slug(concept.area)}/{slug.replace('-', '_')}.py"
    demo_block = (
        f"/// demo | {demo}\n**Explore the model.** Move one control and predict the change first.\n///\n"
        if demo
        else ""
    )
    body = f"""\
{area_name(concept.area)}
{{ .concept-area }}

# {concept.title}

{summary}
{{ .concept-summary }}

{"/// builds-on" + chr(10) + "///" if concept.builds_on else ""}

## Learning map

/// learning-map
**Conceptual Bridge.** {concept.title} reuses the loss of its area and adds a penalty on ${sym}$.
///

## 01 Intuition {{ #intuition }}

The model scores each example with a linear function of its features, $z = {sym}^\\top x$, and the loss
averages the squared error over $n$ examples [@{first}, §{i % 9 + 1}]. The penalty keeps ${sym}$ small, so
the fit trades a little error for a steadier answer [@{second}, ch. {i % 12 + 1}].

$$
L({sym}) = \\dfrac{{1}}{{n}} \\sum_{{i=1}}^{{n}} \\left( {sym}^\\top x_i - y_i \\right)^2
  + \\lambda \\lVert {sym} \\rVert^2
$$

## 02 Math {{ #math }}

The gradient of the loss is

$$
\\nabla L({sym}) = \\dfrac{{2}}{{n}} X^\\top (X {sym} - y) + 2 \\lambda {sym}
$$

and one step of gradient descent with rate $\\eta = {0.05 + 0.01 * (i % 5):.2f}$ is

$$
{sym}_{{t+1}} = {sym}_t - \\eta \\left( \\dfrac{{2}}{{n}} X^\\top (X {sym}_t - y) + 2 \\lambda {sym}_t \\right)
$$

/// claim | The penalised loss of {concept.title} has one minimiser, the ridge solution.
    id: {slug}-unique-minimiser
    sources:
      - {first}, §{i % 9 + 1}
    status: needs-review
    scope: a positive penalty $\\lambda > 0$ and a finite design matrix

Setting the gradient to zero gives $(X^\\top X + n \\lambda I)\\, {sym} = X^\\top y$, a system whose matrix is
positive definite for $\\lambda > 0$ [@{first}, §{i % 9 + 1}].
///

For a step size below $1 / \\lambda_{{\\max}}$ the iteration contracts, with
$\\lVert {sym}_{{t}} - {sym}^\\star \\rVert \\le \\rho^{{t}} \\lVert {sym}_0 - {sym}^\\star \\rVert$ and $\\rho < 1$.

## 03 Code {{ #code }}

The listing runs gradient descent on its area's data and checks it against the closed form; the output
was printed by this very file when the page was built.

```listing
{listing}
```

## 04 Interactive Demo {{ #interactive-demo }}

{demo_block}
## After The First Pass {{ #after-the-first-pass }}

/// storyboard | Which change should {concept.title} make visible first?
    choices:
      - The loss falling step by step
      - The weights shrinking as the penalty grows

//// frame | 1. The loss is a bowl.

$$
L({sym}) \\ge L({sym}^\\star)
$$

Every step moves downhill on the bowl.
////

//// frame | 2. The penalty pulls toward zero.

$$
{sym}^\\star = (X^\\top X + n \\lambda I)^{{-1}} X^\\top y
$$

A larger $\\lambda$ gives a smaller ${sym}^\\star$.
////

///

/// inquiry | Which object carries the first intuition of {concept.title}?
    choices:
      - choice: The loss curve
        feedback: It shows progress but not why the steps shrink.
      - choice: The closed-form solution
        best: true
        feedback: It is where every step is heading, so each step can be read against it.

Pick the cue before the page gives the answer.
///

/// source-grounding
///

/// claim-review

//// claim | {summary}
    id: {slug}-core-mechanism
    sources: [{first}, {second}]
    status: reviewed
    reviewed: 2026-06-28
    reviewer: Concept review team
    checked: the derivation of the gradient and the ridge normal equations
    scope: squared error with a ridge penalty; other losses are other claims

Both sources derive the gradient of the squared error and the ridge solution that the listing checks.
////

///

/// practice | Predict what doubling the penalty of {concept.title} does to the weights.
    hints:
      - Look at the closed form and where $\\lambda$ enters it.
      - A larger diagonal makes the inverse smaller.
    answer: >-
      The weights shrink toward zero, and the training loss rises a little.

Write your prediction first, then open one hint at a time.
///

/// research-room
    question: What is the smallest example that makes {concept.title} click?
    evidence:
      - The equation that the listing checks
    resolves:
      - The learner can predict the effect of the penalty

Pick the object before asking for help.
///
"""
    return "---\n" + "\n".join(front) + "\n---\n\n" + body


def mkdocs_config(name: str) -> str:
    """The site's own mkdocs.yml with the hooks of this repository, without its nav and with its own watch list."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("hooks/concept_pages.py", str(ROOT / "hooks" / "concept_pages.py"))
    config = re.sub(r"(?ms)^(watch|nav):.*?(?=^\S|\Z)", "", config)
    config = re.sub(r"(?m)^site_name: .*$", f"site_name: {name}", config)
    return config + "\nwatch:\n  - listings\n"


def write(out: Path, concepts: int, areas: int, demo: str | None = "logistic-regression", seed: int = 0) -> Path:
    """Write the curriculum project into `out` (emptied first); returns its mkdocs.yml."""
    if concepts < 1 or not 1 <= areas <= concepts:
        raise ValueError("need at least one concept, and between 1 and that many areas")
    found = plan(concepts, areas, seed)
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    docs.mkdir(parents=True)
    keys = [f"source-{n + 1:03d}" for n in range(max(4, concepts // 5))]
    (docs / "references.bib").write_text(bibliography(len(keys)), encoding="utf-8")
    for area in range(areas):
        folder = out / "listings" / area_slug(area)
        folder.mkdir(parents=True)
        (folder / "shared.py").write_text(area_module(area), encoding="utf-8")
    for concept in found:
        module = out / "listings" / area_slug(concept.area) / f"{concept.slug.replace('-', '_')}.py"
        module.write_text(concept_module(concept), encoding="utf-8")
        sources = [keys[concept.index % len(keys)], keys[(concept.index * 7 + 1) % len(keys)]]
        if sources[0] == sources[1]:
            sources[1] = keys[(concept.index + 1) % len(keys)]
        path = docs / area_slug(concept.area) / f"{concept.slug}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(page(concept, sources, demo), encoding="utf-8")
    index = ["---", "title: Curriculum", "---", "", "# Curriculum", ""]
    index += [f"- [{c.title}]({area_slug(c.area)}/{c.slug}.md)" for c in found]
    (docs / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    (docs / "concept-graph.md").write_text(
        "---\ntitle: Concept graph\n---\n\n# Concept graph\n\n"
        "/// concept-graph\nEvery concept of the curriculum.\n///\n",
        encoding="utf-8",
    )
    (out / "mkdocs.yml").write_text(mkdocs_config(f"Curriculum of {concepts} concepts"), encoding="utf-8")
    return out / "mkdocs.yml"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the project folder to write (emptied first)")
    parser.add_argument("--concepts", type=int, default=50, help="number of concept pages (default 50)")
    parser.add_argument("--areas", type=int, default=10, help="number of areas (default 10)")
    parser.add_argument(
        "--demo", default="logistic-regression", help="the demo each page shows (`none`: no demo block)"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the prerequisite DAG (default 0)")
    args = parser.parse_args(argv)
    config = write(args.out, args.concepts, args.areas, None if args.demo == "none" else args.demo, args.seed)
    print(f"wrote {args.concepts} concepts in {args.areas} areas; build with: mkdocs build -f {config}")


if __name__ == "__main__":
    main()
