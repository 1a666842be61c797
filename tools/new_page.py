"""Write a new concept page, ready to build: `make page PAGE=area/concept TITLE="..." [DEMO=name]`.

It writes four files and edits none:
  docs/AREA/CONCEPT.md                           front matter and the four sections
  pyscript_demo/CONCEPT.py                       the page's listing: a tiny working numpy example
  tests/test_CONCEPT.py                          its unit test
  pyscript_demo/demos/DEMO/demo.py               a minimal demo on the kit, computed by the listing
The demo is named after the concept unless DEMO names it. The site builds straight after (`make build`); the
page is in the navigation and the concept graph.
"""

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = r"[a-z0-9]+(-[a-z0-9]+)*"
KEY, DEMO_NAME = re.compile(rf"^{SLUG}/{SLUG}$"), re.compile(rf"^{SLUG}$")

PAGE = """---
title: {title}
description: "{title}: one sentence on what the reader will understand. Replace it."
concept: {key}
area: {area}
summary: "{title}: one sentence on what the reader will understand. Replace it."
---

{area}
{{ .concept-area }}

# {title}

{title}: one sentence on what the reader will understand. Replace it.
{{ .concept-summary }}

## Concept Structure

1. **Picture.** The idea as a picture: [01 Intuition](#intuition).
2. **Notation.** The idea in symbols: [02 Math](#math).
3. **Implementation.** The same idea in numpy: [03 Code](#code).
4. **Manipulation.** The mechanism under your hands: [04 Interactive Demo](#interactive-demo).

## 01 Intuition {{ #intuition }}

*Build the mental picture first so the rest of the page has something to attach to.*
{{ .section-purpose }}

The example to replace: the constant guess $c$ that is closest to four numbers, in squared error.

## 02 Math {{ #math }}

*Translate the story into symbols, assumptions, and a derivation you can inspect.*
{{ .section-purpose }}

$$
L(c) = \\dfrac{{1}}{{n}} \\sum_{{i=1}}^{{n}} (x_i - c)^2
$$

Setting $L'(c) = 0$ gives the mean, $c = \\bar{{x}}$.

## 03 Code {{ #code }}

*Run the math as numpy; the output below is a real run of this file.*
{{ .section-purpose }}

```listing
pyscript_demo/{module}.py
```

## 04 Interactive Demo {{ #interactive-demo }}

*Use direct manipulation to connect the explanation to a moving system.*
{{ .section-purpose }}

/// demo | {name}
**Explore {title}.** Predict where the error is smallest, then move $c$ and check.
///
"""

LISTING = """import numpy as np

# A tiny example to replace: the squared error of a constant guess c for the numbers x.
x = np.array([1.0, 2.0, 4.0, 7.0])


def squared_error(c):
    return np.mean((x - c) ** 2)


def best_guess():
    return x.mean()


if __name__ == "__main__":
    print("best guess:", best_guess())
    print("its squared error:", round(squared_error(best_guess()), 4))
"""

TEST = '''"""The listing of {title}, in CPython: the code the page shows and the browser runs."""

import numpy as np

from pyscript_demo import {module} as listing


def test_the_best_guess_has_the_smallest_squared_error():
    best = listing.best_guess()
    for c in np.linspace(best - 3, best + 3, 13):
        assert listing.squared_error(best) <= listing.squared_error(c)


def test_the_squared_error_is_its_formula():
    assert listing.squared_error(0.0) == np.sum(listing.x**2) / listing.x.size
'''

DEMO = '''"""The {title} demo: move the guess c and watch its squared error; the numbers come from the listing."""

from dataclasses import dataclass, replace

import numpy as np

import pyscript_demo.{module} as listing
from pyscript_demo import kit


@dataclass(frozen=True)
class State:
    c: float = 0.0


def set_c(state, value):
    return replace(state, c=value)


def best(state):
    return replace(state, c=float(listing.best_guess()))


def figure(state):
    plot = kit.Plot(x=(0, 8), y=(0, 40))
    plot.axes(x_ticks=range(0, 9, 2), y_ticks=[0, 20, 40], x_label="c", y_label="L(c)")
    plot.curve(cs := np.linspace(0, 8, 81), [listing.squared_error(c) for c in cs])
    plot.points([state.c], [listing.squared_error(state.c)], titles=[f"c = {{state.c:.2f}}"])
    loss = listing.squared_error(state.c)
    table = kit.Table("The current guess", ["c", "L(c)"], [[kit.num(state.c, 2), kit.num(loss, 4)]], row_headers=False)
    return plot.chart("Squared error of the guess c", f"c = {{state.c:.2f}}, squared error {{loss:.4f}}.", table)


demo = kit.Demo(
    title="{title}",
    initial=State(),
    layout=[
        kit.Figure("figure", figure),
        kit.Slider("c", "Guess c", set_c, min=0, max=8, step=0.1),
        kit.Row(kit.Button("Jump to the best guess", best)),
    ],
)
'''


def write(root: Path, key: str, title: str, demo: str | None = None) -> list[Path]:
    """Write the page's four files under `root`, its demo named `demo` (the concept's name if None); refuse to
    overwrite any."""
    if not KEY.match(key):
        raise SystemExit(f"PAGE={key!r}: write it as area/concept, lower-case words joined by '-'.")
    area_dir, concept = key.split("/")
    name = demo or concept
    if not DEMO_NAME.match(name):
        raise SystemExit(f"DEMO={name!r}: write it as lower-case words joined by '-'.")
    module = concept.replace("-", "_")
    area = area_dir.replace("-", " ").title()
    fields = {"title": title, "key": key, "area": area, "module": module, "name": name}
    files = {
        root / "docs" / area_dir / f"{concept}.md": PAGE.format(**fields),
        root / "pyscript_demo" / f"{module}.py": LISTING,
        root / "tests" / f"test_{module}.py": TEST.format(**fields),
        root / "pyscript_demo" / "demos" / name.replace("-", "_") / "demo.py": DEMO.format(**fields),
    }
    taken = [str(path.relative_to(root)) for path in files if path.exists()]
    if taken:
        raise SystemExit(f"Not written: {', '.join(taken)} already exist.")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", help="area/concept, e.g. machine-learning/k-means")
    parser.add_argument("title", help='the page title, e.g. "K-Means Clustering"')
    parser.add_argument("--demo", help="the demo's name, e.g. guess-slider (default: the concept's)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project (default: this repository)")
    args = parser.parse_args(argv)
    for path in write(args.root, args.page, args.title, args.demo):
        print(f"wrote {path.relative_to(args.root)}")


if __name__ == "__main__":
    main(sys.argv[1:])
