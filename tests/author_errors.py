"""Every mistake an author can make that stops the build: the one table behind the guide and the tests.

Each `Mistake` is a row of the guide's tables of build errors (docs/build-errors.md):
the guide shows its first case's message and fix, and `tests/test_author_errors.py` builds every case and
compares the whole message. Write the guide's tables from here with `python -m tests.author_errors`.
"""

# A message stays on one line, as the build prints it: a reader can search the table for what they saw.
# ruff: noqa: E501

import datetime
import re
import textwrap
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from hooks.demo import discovery

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "build-errors.md"
BIB = (ROOT / "docs" / "references.bib").read_text()
KEYS = ", ".join(sorted(re.findall(r"^@\w+\{([^,]+),", BIB, re.M)))
DEMOS = ", ".join(discovery.names())
GOODFELLOW = BIB.split("\n\n")[2].strip("\n")
TOMORROW = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()


@dataclass(frozen=True)
class Case:
    """A project that must not build, and the whole message of the error that stops it.

    `pages` maps paths under docs/ to Markdown (a string is docs/page.md); `bib` replaces
    docs/references.bib; `config` is an (old, new) replacement in mkdocs.yml; `files` are other files of
    the project.
    """

    id: str
    pages: str | dict[str, str]
    message: str
    bib: str | None = None
    config: tuple[str, str] | None = None
    files: dict[str, str] = field(default_factory=dict)

    def options(self) -> dict:
        """The keyword arguments of `tests.harness.project` that make this case's project."""
        pages = {"page.md": self.pages} if isinstance(self.pages, str) else self.pages
        options = {"pages": pages, "bib": self.bib, "files": self.files}
        if self.config:
            old, new = self.config
            options["config_edit"] = lambda text: text.replace(old, new)
        return options


class Section:
    """The sections of the guide's page of build errors: (heading, id)."""

    FRONT = ("Front matter and the bibliography", "front-matter-and-bibliography")
    CITATIONS = ("Citations and claims", "citations-and-claims")
    BLOCKS = ("Blocks and panels", "blocks-and-panels")
    LISTINGS = ("Formulas and listings", "formulas-and-listings")
    DEMOS = ("Demos", "demos")
    LINKS = ("Ids and links", "ids-and-links")
    GRAPH = ("The concept graph", "concept-graph")
    SETTINGS = ("Settings in mkdocs.yml", "settings")


# The page's order.
SECTIONS = (
    Section.FRONT,
    Section.CITATIONS,
    Section.BLOCKS,
    Section.LISTINGS,
    Section.DEMOS,
    Section.LINKS,
    Section.GRAPH,
    Section.SETTINGS,
)


@dataclass(frozen=True)
class Mistake:
    """A row of the guide's tables: the mistake, and the cases that make it, in one of the `SECTIONS`.
    `shown` shortens the first case's message for the guide, ending in ` ...` where the message goes on."""

    mistake: str
    cases: tuple[Case, ...]
    section: tuple[str, str]
    shown: str | None = None

    def message(self) -> str:
        """The message column: where and what, as the first case's error says it."""
        return _general(self.shown or self.cases[0].message.split(" Fix: ", 1)[0])

    def fix(self) -> str:
        """The fix column: the first case's fix (a path in the throwaway project left relative)."""
        return _general(self.cases[0].message.split(" Fix: ", 1)[1].replace("{project}/", ""))


def _general(text: str) -> str:
    """The guide's words for what grows with the site (its sources, its demos), so a new one leaves it true."""
    return text.replace(KEYS, "…").replace(DEMOS, "…")


FRONT = "---\ntitle: T\n---\n\n"
CONCEPT = "---\ntitle: T\nconcept: t/topic\narea: Testing\n---\n\nIntro.\n\n"
VALID = "id: c\nsources: [cs229-logistic-regression]\n"
REVIEW = "status: reviewed\nreviewed: 2026-06-28\nreviewer: Concept review team\nchecked: section 2.1\n"
STORY = "/// storyboard | Which change?\n    choices: [A, B]\n\n//// frame | One\nA frame.\n////\n///\n"
INQUIRY = (
    "/// inquiry | Which cue?\n    choices:\n      - choice: A\n        feedback: Yes.\n        best: true\n"
    "      - choice: B\n        feedback: No.\n///\n"
)
PRACTICE = "/// practice | Predict.\n    hints: [One]\n    answer: The answer.\n///\n"
ROOM = "/// research-room\n    question: Why?\n    evidence: [E]\n    resolves: [R]\n///\n"
BIB_WITHOUT_WEB_URL = "@book{a,\n  title = {X},\n  author = {A B},\n  year = {2016},\n  url = {www.x.org},\n}\n"


def claim(options: str, statement: str = "A statement.") -> str:
    return f"/// claim | {statement}\n" + textwrap.indent(options, "    ") + "\nSummary.\n///\n"


def concept_page(concept: str, title: str, edges: str = "") -> str:
    return f"---\ntitle: {title}\nconcept: {concept}\n{edges}---\n\n# {title}\n\nText.\n"


def quoted(markdown: str) -> str:
    return "Intro.\n\n> " + markdown.replace("\n", "\n> ")


# A page showing the demo `oops`, the project's own (tests/test_author_errors.py has the build find it).
DEMO_PAGE = "# Demo\n\n/// demo | oops\n///\n"
OOPS = "pyscript_demo/demos/oops/demo.py"
# A demo of one part and one button: the part's `view` returns on line 12 and the demo is declared on line 19,
# both after the lines given as `first`.
OOPS_DEMO = """\
from dataclasses import dataclass

from pyscript_demo import kit


@dataclass(frozen=True)
class State:
    n: int = 0


def view(state):
    return {view}


def go(state):
    return state


demo = kit.Demo("Oops", State(), [kit.Part("view", view), kit.Button("Go", go)]{packages})
"""


def oops(first: str = "", view: str = "'<p>n</p>'", packages: str | None = None) -> dict[str, str]:
    """The project file of a demo named oops: `first` lines, then OOPS_DEMO with `packages=` if given."""
    declared = f", packages={packages}" if packages is not None else ""
    return {OOPS: first + OOPS_DEMO.format(view=view, packages=declared)}


MODEL_IMPORT = "from pyscript_demo.demos.oops import model\n"


def laid_out(layout: str, first: str = "") -> dict[str, str]:
    """The demo oops with `layout` in place of its button (OOPS_DEMO's `kit.Button("Go", go)`)."""
    return {OOPS: oops(first)[OOPS].replace('kit.Button("Go", go)', layout)}


def _kit_line(call: str) -> int:
    """The line of the kit that raises when a part makes this call: found by making it, as the build does."""
    from pyscript_demo import kit

    try:
        eval(call, {"kit": kit})
    except Exception as err:
        return traceback.extract_tb(err.__traceback__)[-1].lineno
    raise AssertionError(f"{call} raised nothing")


# The demo oops with a slider of its field `n`: its input's id is `oops-n`.
ONE_SLIDER = laid_out('kit.Slider("n", "N", go, min=0, max=1, step=1)')
BAD_POINTS = "kit.Plot((0, 1), (0, 1)).points([1], [1, 2])"
LAMBDA_ACTION = "lambda state: state"

PYODIDE_PACKAGES = "https://pyodide.org/en/0.27.7/usage/packages-in-pyodide.html"


MISTAKES = (
    Mistake(
        "citing a key the bibliography lacks: in prose, in front matter `sources` or in a claim's `sources`",
        (
            Case(
                "unknown-inline-key",
                FRONT + "Intro.\n\nSee [@cs229-logistic-regresion].\n",
                "docs/page.md:7: there is no source 'cs229-logistic-regresion' in docs/references.bib. Fix: cite a key of docs/references.bib (did you mean 'cs229-logistic-regression'?) or add an entry 'cs229-logistic-regresion' there.",
            ),
            Case(
                "unknown-key-wrapped",
                FRONT + "Intro [@cs229-logistic-regression;\n@nope].\n",
                f"docs/page.md:5: there is no source 'nope' in docs/references.bib. Fix: cite a key of docs/references.bib (its keys are {KEYS}) or add an entry 'nope' there.",
            ),
            Case(
                "unknown-front-matter-key",
                "---\ntitle: T\nsources: [cs229-logistic-regression, nope]\n---\n\nIntro.\n",
                f"docs/page.md:3: there is no source 'nope' in docs/references.bib. Fix: cite a key of docs/references.bib (its keys are {KEYS}) or add an entry 'nope' there.",
            ),
            Case(
                "unknown-claim-key",
                claim("id: c\nsources:\n  - cs229-logistic-regression, §2.1\n  - nope\n"),
                f"docs/page.md:3: there is no source 'nope' in docs/references.bib. Fix: cite a key of docs/references.bib (its keys are {KEYS}) or add an entry 'nope' there.",
            ),
        ),
        section=Section.CITATIONS,
    ),
    Mistake(
        "a citation of another shape",
        (
            Case(
                "malformed-citation",
                FRONT + "Intro [@cs229-logistic-regression; Goodfellow].\n",
                "docs/page.md:5: the citation `[@cs229-logistic-regression; Goodfellow]` is not one this site reads. Fix: write `[@key]`, `[@key, locator]` or `[@key-one; @key-two, locator]`.",
            ),
        ),
        section=Section.CITATIONS,
    ),
    Mistake(
        "citing any key while the bibliography is missing or empty",
        (
            Case(
                "empty-bibliography",
                FRONT + "Intro.\n\nSee [@cs229].\n",
                "docs/page.md:7: there is no source 'cs229': docs/references.bib is missing or empty. Fix: add an entry 'cs229' to docs/references.bib.",
                bib="",
            ),
        ),
        section=Section.CITATIONS,
    ),
    Mistake(
        "a claim without sources",
        (
            Case(
                "claim-without-sources",
                FRONT + claim("id: c\n"),
                "docs/page.md:5: claim 'c': the claim names no sources. Fix: add `sources: [key]` with the keys of docs/references.bib that support it.",
            ),
            Case(
                "claim-with-empty-sources",
                claim("id: c\nsources: []\n"),
                "docs/page.md:3: claim 'c': the claim names no sources. Fix: add `sources: [key]` with the keys of docs/references.bib that support it.",
            ),
        ),
        section=Section.CITATIONS,
    ),
    Mistake(
        "a `sources` entry that is not `key` or `key, locator`",
        (
            Case(
                "source-not-a-key",
                claim("id: c\nsources: [1]\n"),
                "docs/page.md:3: the source 1 is not a bibliography key. Fix: write each source as `key` or `key, locator`; in a [flow, list] a comma separates entries, so give a locator in a list of `- key, locator` lines.",
            ),
        ),
        section=Section.CITATIONS,
    ),
    Mistake(
        "a `reviewed` claim without `reviewed`, `reviewer` or `checked`",
        (
            Case(
                "reviewed-without-reviewer",
                claim(VALID + REVIEW.replace("reviewer: Concept review team\n", "")),
                "docs/page.md:1: claim 'c': the claim is marked reviewed but has no `reviewer`. Fix: add `reviewer:` (who reviewed it: a team or a role), or set `status: needs-review`.",
            ),
            Case(
                "reviewed-without-date",
                claim(VALID + REVIEW.replace("reviewed: 2026-06-28\n", "")),
                "docs/page.md:1: claim 'c': the claim is marked reviewed but has no `reviewed`. Fix: add `reviewed:` (the date of the review, YYYY-MM-DD), or set `status: needs-review`.",
            ),
            Case(
                "reviewed-without-checked",
                claim(VALID + REVIEW.replace("checked: section 2.1\n", "")),
                "docs/page.md:1: claim 'c': the claim is marked reviewed but has no `checked`. Fix: add `checked:` (what in the sources was checked), or set `status: needs-review`.",
            ),
        ),
        section=Section.CITATIONS,
    ),
    Mistake(
        "a review date that is not a date",
        (
            Case(
                "impossible-date",
                claim(VALID + "reviewed: 2026-13-01\n"),
                "docs/page.md:4: claim 'c': the review date '2026-13-01' is not a date. Fix: write it as YYYY-MM-DD.",
            ),
            Case(
                "not-a-date",
                claim(VALID + "reviewed: last june\n"),
                "docs/page.md:4: claim 'c': the review date 'last june' is not a date. Fix: write it as YYYY-MM-DD.",
            ),
        ),
        section=Section.CITATIONS,
    ),
    Mistake(
        "a review date in the future",
        (
            Case(
                "far-future-date",
                claim(VALID + "reviewed: 2099-01-01\n"),
                "docs/page.md:4: claim 'c': the review date 2099-01-01 is in the future. Fix: give the day the review was done: today at the latest.",
            ),
            Case(
                "tomorrow",
                claim(VALID + f"reviewed: {TOMORROW}\n"),
                f"docs/page.md:4: claim 'c': the review date {TOMORROW} is in the future. Fix: give the day the review was done: today at the latest.",
            ),
        ),
        section=Section.CITATIONS,
    ),
    Mistake(
        "a claim's `reviewer`, `checked` or `scope` that is not text",
        (
            Case(
                "scope-not-text",
                claim("scope: [a]\n" + VALID),
                "docs/page.md:2: claim 'c': `scope` is not text. Fix: write `scope:` and one line of text.",
            ),
        ),
        section=Section.CITATIONS,
    ),
    Mistake(
        "an unknown status",
        (
            Case(
                "unknown-status",
                claim(VALID + "status: done\n"),
                "docs/page.md:4: claim 'c': the status 'done' is not one this site knows. Fix: set `status:` to one of reviewed, needs-review, disputed.",
            ),
        ),
        section=Section.CITATIONS,
    ),
    Mistake(
        "a claim id used twice, on one page or on two",
        (
            Case(
                "id-on-two-pages",
                {"a.md": "# A\n\n" + claim(VALID), "b.md": "# B\n\nIntro.\n\n" + claim(VALID)},
                "docs/b.md:6: claim 'c': the id is already used by the claim at docs/a.md:3. Fix: give this claim an id of its own: claim ids are unique across the site.",
            ),
            Case(
                "id-twice-on-a-page",
                claim(VALID) + "\n" + claim(VALID),
                "docs/page.md:9: claim 'c': the id is already used by the claim at docs/page.md:1. Fix: give this claim an id of its own: claim ids are unique across the site.",
            ),
        ),
        section=Section.CITATIONS,
    ),
    Mistake(
        "a claim without an id, or with an id that is not a short name",
        (
            Case(
                "claim-without-id",
                FRONT + claim("sources: [cs229-logistic-regression]\n"),
                "docs/page.md:5: the claim has no `id`. Fix: add `id: a-short-name` (lower-case letters, digits and hyphens), unique on the site.",
            ),
            Case(
                "bad-id",
                claim("id: Core Mechanism\nsources: [cs229-logistic-regression]\n"),
                "docs/page.md:2: the claim id 'Core Mechanism' is not a short name. Fix: add `id: a-short-name` (lower-case letters, digits and hyphens), unique on the site.",
            ),
        ),
        section=Section.CITATIONS,
    ),
    Mistake(
        "a claim without a statement",
        (
            Case(
                "claim-without-statement",
                claim(VALID, statement=""),
                "docs/page.md:1: claim 'c': the claim has no statement. Fix: write it after a bar: `/// claim | What it says.`",
            ),
        ),
        section=Section.CITATIONS,
    ),
    Mistake(
        "block options that are not YAML",
        (
            Case(
                "bad-yaml-claim-options",
                claim(VALID + "sources: [cs229-logistic-regression\n"),
                "docs/page.md:4: the YAML of the options of `/// claim` does not parse: expected ',' or ']', but got '<stream end>'. Fix: write one `name: value` per line, indented four spaces under the header; quote a value that contains ': ' or starts with [ { @ or `.",
            ),
            Case(
                "bad-yaml-storyboard-options",
                CONCEPT + STORY.replace("[A, B]", "[A, B"),
                "docs/page.md:10: the YAML of the options of `/// storyboard` does not parse: expected ',' or ']', but got '<stream end>'. Fix: write one `name: value` per line, indented four spaces under the header; quote a value that contains ': ' or starts with [ { @ or `.",
            ),
        ),
        shown="docs/page.md:4: the YAML of the options of `/// claim` does not parse: ...",
        section=Section.BLOCKS,
    ),
    Mistake(
        "block options that are YAML but not `name: value` lines",
        (
            Case(
                "options-a-list",
                CONCEPT + "/// practice | P.\n    - a\n    - b\n///\n",
                "docs/page.md:10: the options of `/// practice` are not `name: value` lines. Fix: write one `name: value` per line, indented four spaces under the header.",
            ),
        ),
        section=Section.BLOCKS,
    ),
    Mistake(
        "an option the block does not have",
        (
            Case(
                "claim-option",
                claim(VALID + "colour: red\n"),
                "docs/page.md:4: `/// claim` has no option 'colour'. Fix: use only id, sources, status, reviewed, reviewer, checked, scope.",
            ),
            Case(
                "inquiry-option",
                CONCEPT + INQUIRY.replace("    choices:", "    colour: red\n    choices:"),
                "docs/page.md:10: `/// inquiry` has no option 'colour'. Fix: use only choices.",
            ),
            Case(
                "demo-option",
                "# Demo\n\n/// demo | logistic-regression\n    colour: red\n///\n",
                "docs/page.md:4: `/// demo` has no option 'colour'. Fix: remove it: `/// demo` takes none.",
            ),
            Case(
                "graph-option",
                "# Graph\n\n/// concept-graph\n    width: 3\n///\n",
                "docs/page.md:4: `/// concept-graph` has no option 'width'. Fix: remove it: `/// concept-graph` takes none.",
            ),
        ),
        section=Section.BLOCKS,
    ),
    Mistake(
        "a claim inside a list",
        (
            Case(
                "claim-in-a-list",
                "- item\n\n" + textwrap.indent(claim(VALID), "    "),
                "docs/page.md:3: claim 'c' did not make it onto the page. Fix: write the claim at the top level of the page or in `/// claim-review`, not in a list.",
            ),
        ),
        section=Section.CITATIONS,
    ),
    Mistake(
        "any block inside a block quote",
        (
            Case(
                "claim-in-a-quote",
                quoted(claim(VALID)),
                "docs/page.md:3: `/// claim` stands in a block quote, where it cannot be read. Fix: write `/// claim` at the top level of the page, not in a block quote.",
            ),
            Case(
                "practice-in-a-quote",
                quoted(PRACTICE),
                "docs/page.md:3: `/// practice` stands in a block quote, where it cannot be read. Fix: write `/// practice` at the top level of the page, not in a block quote.",
            ),
            # Found by fuzzing: the scan did not read quoted headers, and pymdownx left this one as text.
            Case(
                "quoted-header",
                "> /// claim-review\n>     {colour: null}\n\n> Body text.\n> ///\n",
                "docs/page.md:1: `/// claim-review` stands in a block quote, where it cannot be read. Fix: write `/// claim-review` at the top level of the page, not in a block quote.",
            ),
        ),
        section=Section.BLOCKS,
    ),
    Mistake(
        "a learning panel the page never shows (in indented code, in raw HTML)",
        (
            Case(
                "panel-in-indented-code",
                CONCEPT + textwrap.indent(PRACTICE, "    "),
                "docs/page.md:9: the panel `practice` did not make it onto the page. Fix: write the panel at the top level of the page, not in a block quote.",
            ),
            Case(
                "panel-in-raw-html",
                CONCEPT + "<div>\n" + PRACTICE + "</div>\n",
                "docs/page.md:10: the panel `practice` did not make it onto the page. Fix: write the panel at the top level of the page, not in a block quote.",
            ),
        ),
        section=Section.BLOCKS,
    ),
    Mistake(
        "a title or an option on a panel",
        (
            Case(
                "panel-with-title",
                "Intro.\n\n/// claim-review | Claims\n///\n",
                "docs/page.md:3: `/// claim-review` takes no title. Fix: write `/// claim-review` alone on its line.",
            ),
            Case(
                "panel-with-option",
                "Intro.\n\n/// source-grounding\n    title: Sources\n///\n",
                "docs/page.md:4: `/// source-grounding` has no option 'title'. Fix: remove it: `/// source-grounding` takes none.",
            ),
            Case(
                "map-with-title",
                concept_page("x/a", "A") + "\n/// learning-map | Map\n///\n",
                "docs/page.md:10: `/// learning-map` takes no title. Fix: write `/// learning-map` alone on its line.",
            ),
            Case(
                "concept-index-with-title",
                "# Home\n\n/// concept-index | All\n///\n",
                "docs/page.md:3: `/// concept-index` takes no title. Fix: write `/// concept-index` alone on its line.",
            ),
        ),
        section=Section.BLOCKS,
    ),
    Mistake(
        "a learning panel without a required option",
        (
            Case(
                "missing-answer",
                CONCEPT + PRACTICE.replace("    answer: The answer.\n", ""),
                "docs/page.md:9: `/// practice` has no `answer` option. Fix: add `answer:`, one line of text.",
            ),
            Case(
                "missing-question",
                CONCEPT + ROOM.replace("    question: Why?\n", ""),
                "docs/page.md:9: `/// research-room` has no `question` option. Fix: add `question:`, one line of text: the open question.",
            ),
        ),
        section=Section.BLOCKS,
    ),
    Mistake(
        "a learning panel option of the wrong kind",
        (
            Case(
                "hints-not-a-list",
                CONCEPT + PRACTICE.replace("hints: [One]", "hints: One"),
                "docs/page.md:10: the `hints` of `/// practice` is not a list of one-line texts: `[First, Second]` or `- text` lines. Fix: write `hints:` as a list of one-line texts: `[First, Second]` or `- text` lines.",
            ),
        ),
        shown="docs/page.md:10: the `hints` of `/// practice` is not a list of one-line texts ...",
        section=Section.BLOCKS,
    ),
    Mistake(
        "a storyboard, inquiry or practice without its question, or a research room with a title",
        (
            Case(
                "practice-without-prompt",
                CONCEPT + PRACTICE.replace("/// practice | Predict.", "/// practice"),
                "docs/page.md:9: `/// practice` has no prompt. Fix: write it after a bar: `/// practice | ...`.",
            ),
            Case(
                "room-with-title",
                CONCEPT + ROOM.replace("/// research-room", "/// research-room | Room"),
                "docs/page.md:9: `/// research-room` takes no title. Fix: write `/// research-room` alone on its line.",
            ),
        ),
        section=Section.BLOCKS,
    ),
    Mistake(
        "an inquiry without a `best: true` choice",
        (
            Case(
                "inquiry-without-best",
                CONCEPT + INQUIRY.replace("        best: true\n", ""),
                "docs/page.md:10: no choice of `/// inquiry` is marked `best: true`. Fix: add `best: true` to the choice that should carry the first intuition.",
            ),
        ),
        section=Section.BLOCKS,
    ),
    Mistake(
        "a research room on a page without `concept` or `area`, or a second one",
        (
            Case(
                "room-without-concept",
                "# No concept\n\n" + ROOM,
                "docs/page.md:3: the research room needs the front matter's `concept`. Fix: add `concept:` and `area:` to the front matter: the handoff prompt names them.",
            ),
            Case(
                "two-rooms",
                CONCEPT + ROOM + "\n" + ROOM,
                "docs/page.md:15: the page has a second `/// research-room`. Fix: keep one: the research room's draft is the page's.",
            ),
        ),
        section=Section.BLOCKS,
    ),
    Mistake(
        "a `//// frame` outside a storyboard",
        (
            Case(
                "frame-outside-a-storyboard",
                CONCEPT + "//// frame | Alone\nA frame.\n////\n",
                "docs/page.md:9: a frame stands outside a storyboard. Fix: nest it in `/// storyboard` with one more slash: `//// frame | caption`.",
            ),
        ),
        section=Section.BLOCKS,
    ),
    Mistake(
        "front matter that is not YAML",
        (
            Case(
                "bad-front-matter",
                "---\ntitle: T\ndescription: a: b\n---\n\nIntro.\n",
                "docs/page.md:3: the YAML of the front matter does not parse: mapping values are not allowed here. Fix: correct the YAML between the `---` lines; quote a value that contains ': ' or starts with [ { @.",
            ),
        ),
        section=Section.FRONT,
    ),
    Mistake(
        "front matter `sources` that is not a list",
        (
            Case(
                "front-matter-sources-not-a-list",
                "---\ntitle: T\nsources: cs229-logistic-regression\n---\n\nIntro.\n",
                "docs/page.md:3: the front matter's `sources` is not a list of bibliography keys. Fix: write `sources: [key-one, key-two]` with keys of docs/references.bib.",
            ),
        ),
        section=Section.FRONT,
    ),
    Mistake(
        "front matter that is not `key: value` lines",
        (
            Case(
                "front-matter-not-a-mapping",
                "---\n- a list\n---\n\nIntro.\n",
                "docs/page.md:1: the front matter is not a list of `key: value` lines. Fix: correct the YAML between the `---` lines; quote a value that contains ': ' or starts with [ { @.",
            ),
        ),
        section=Section.FRONT,
    ),
    Mistake(
        "`concept`, `area`, `summary` or `builds_on` that is not text",
        (
            Case(
                "builds-on-not-text",
                {"a.md": "---\nconcept: x/a\nbuilds_on: [x/b]\n---\n"},
                "docs/a.md:3: the front matter's `builds_on` is not text. Fix: give the `concept` of the page whose mental model this page reuses.",
            ),
        ),
        section=Section.FRONT,
    ),
    Mistake(
        "a `.bib` that does not parse",
        (
            Case(
                "bib-syntax-error",
                "Intro.\n",
                "docs/references.bib:16: the bibliography does not parse: '}' expected. Fix: write each entry as @type{key, title = {...}, author = {Last, First and ...}, year = {...}}.",
                bib=BIB.replace("year = {2016},", "year = 2016 2017,"),
            ),
        ),
        section=Section.FRONT,
    ),
    Mistake(
        "a `.bib` entry without a title or an author",
        (
            Case(
                "bib-entry-without-author",
                "Intro.\n",
                "docs/references.bib:1: the entry 'a' has no author. Fix: add `author = {...}` to it.",
                bib="@book{a,\n  title = {X},\n  year = {2016},\n}\n",
            ),
        ),
        section=Section.FRONT,
    ),
    Mistake(
        "a `.bib` key used twice",
        # The Goodfellow entry (entries are separated by blank lines) twice: the second starts on the line
        # after the first one's blank line.
        (
            Case(
                "bib-repeated-key",
                "Intro.\n",
                f"docs/references.bib:{GOODFELLOW.count(chr(10)) + 3}: repeated bibliography entry: goodfellow-2016-deep-learning. Fix: give every entry its own key.",
                bib=f"{GOODFELLOW}\n\n{GOODFELLOW}\n",
            ),
        ),
        section=Section.FRONT,
    ),
    Mistake(
        "a `.bib` `url` that is not a web address",
        (
            Case(
                "bib-url",
                "Intro.\n",
                "docs/references.bib:1: the url of 'a' is 'www.x.org', not a web address. Fix: give an address that starts with https://.",
                bib=BIB_WITHOUT_WEB_URL,
            ),
        ),
        section=Section.FRONT,
    ),
    Mistake(
        "a formula KaTeX cannot parse",
        (
            Case(
                "inline-formula",
                FRONT + "Intro.\n\nThe loss $\\frac{1}{n$ is wrong.\n",
                "docs/page.md:7: KaTeX cannot typeset the formula `\\frac{1}{n`: KaTeX parse error: Unexpected end of input in a macro argument, expected '}' at end of input: \\frac{1}{n. Fix: correct the LaTeX; KaTeX's supported functions are listed at https://katex.org/docs/supported",
            ),
            Case(
                "display-formula",
                "Intro.\n\n$$\n\\sum_{i=1}^{n \\badmacro\n$$\n",
                "docs/page.md:4: KaTeX cannot typeset the formula `\\sum_{i=1}^{n \\badmacro`: KaTeX parse error: Undefined control sequence: \\badmacro at position 15: \\sum_{i=1}^{n \\̲b̲a̲d̲m̲a̲c̲r̲o̲. Fix: correct the LaTeX; KaTeX's supported functions are listed at https://katex.org/docs/supported",
            ),
        ),
        shown="docs/page.md:7: KaTeX cannot typeset the formula `\\frac{1}{n`: KaTeX parse error: ...",
        section=Section.LISTINGS,
    ),
    Mistake(
        "a `listing` of a file that is not there",
        (
            Case(
                "missing-listing",
                "Intro.\n\n```listing\npyscript_demo/nope.py\n```\n",
                "docs/page.md:4: the listing names 'pyscript_demo/nope.py', which is not a file of this project. Fix: give the path of the file relative to mkdocs.yml, e.g. pyscript_demo/logreg.py.",
            ),
        ),
        section=Section.LISTINGS,
    ),
    Mistake(
        "a `listing` of a file that is not Python",
        (
            Case(
                "listing-not-python",
                "Intro.\n\n```listing\nmkdocs.yml\n```\n",
                "docs/page.md:4: the listing 'mkdocs.yml' cannot be run: only .py files can. Fix: list a Python file.",
            ),
        ),
        section=Section.LISTINGS,
    ),
    Mistake(
        "a `listing` whose file fails when run",
        (
            Case(
                "listing-fails",
                "```listing\nfails.py\n```\n",
                "docs/page.md:2: running fails.py failed:\nboom\n Fix: make the file run without error: .venv/bin/python {project}/fails.py",
                files={"fails.py": "raise SystemExit('boom')\n"},
            ),
        ),
        shown="docs/page.md:2: running fails.py failed: ... (its error output follows)",
        section=Section.LISTINGS,
    ),
    Mistake(
        # Built by `test_a_listing_that_runs_too_long_stops_the_build`, with a shorter limit.
        "a `listing` that runs longer than 120 s",
        (
            Case(
                "listing-too-slow",
                "```listing\nslow.py\n```\n",
                "docs/page.md:2: running slow.py took more than 120 s. Fix: make the listing finish quickly; it runs on every build.",
                files={"slow.py": "import time\ntime.sleep(5)\n"},
            ),
        ),
        section=Section.LISTINGS,
    ),
    Mistake(
        "a `demo` of an unknown name",
        (
            Case(
                "unknown-demo",
                "# Demo\n\n/// demo | nope\n///\n",
                f"docs/page.md:3: there is no demo named 'nope'. Fix: use one of: {DEMOS}; or write the demo in pyscript_demo/demos/nope/demo.py (see docs/writing-a-demo.md).",
            ),
            Case(
                "demo-named-by-its-folder",
                "# Demo\n\n/// demo | logistic_regression\n///\n",
                "docs/page.md:3: there is no demo named 'logistic_regression'. Fix: did you mean 'logistic-regression'? A demo is named by its folder, with hyphens for underscores.",
            ),
        ),
        section=Section.DEMOS,
    ),
    Mistake(
        "a `demo` without a name",
        (
            Case(
                "demo-without-name",
                "# Demo\n\n/// demo\n///\n",
                f"docs/page.md:3: `/// demo` has no demo name. Fix: write it after a bar: `/// demo | NAME`, NAME one of: {DEMOS}.",
            ),
        ),
        section=Section.DEMOS,
    ),
    Mistake(
        "a demo importing a package the build's Python does not have (the build runs the demo too)",
        (
            Case(
                "demo-imports-uninstalled-package",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:1 imports scipy, which the build's Python does not have. Fix: the build runs the demo in CPython too: add \"scipy==1.14.1\" (the version Pyodide 0.27.7 ships) to the dependencies in pyproject.toml and run `make build`; declare Pyodide's package 'scipy' for the browser: `kit.Demo(packages=[\"numpy\", \"scipy\"])`.",
                files=oops("import scipy\n"),
            ),
            Case(
                "demo-imports-uninstalled-module-of-a-package",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:1 imports sklearn, which the build's Python does not have. Fix: the build runs the demo in CPython too: add \"scikit-learn==1.6.1\" (the version Pyodide 0.27.7 ships) to the dependencies in pyproject.toml and run `make build`; declare Pyodide's package 'scikit-learn' for the browser: `kit.Demo(packages=[\"numpy\", \"scikit-learn\"])`.",
                files=oops("from sklearn.linear_model import LinearRegression\n", packages='("numpy",)'),
            ),
            Case(
                "demo-imports-a-package-nobody-has",
                DEMO_PAGE,
                f"docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:1 imports torch, which neither the build's Python nor Pyodide 0.27.7 has. Fix: import only Python's standard library, modules of pyscript_demo/ and packages Pyodide has (listed at {PYODIDE_PACKAGES}).",
                files=oops("import torch\n"),
            ),
        ),
        section=Section.DEMOS,
    ),
    Mistake(
        "a demo importing a module the browser would not have: from a package the demo does not declare, or from none of Pyodide's",
        (
            Case(
                "demo-imports-undeclared-package",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:1 imports yaml, which the browser has only from Pyodide's package 'pyyaml', and the demo does not declare it. Fix: declare it: `kit.Demo(packages=[\"numpy\", \"pyyaml\"])`.",
                files=oops("import yaml\n"),
            ),
            Case(
                "demo-imports-unvendored-standard-module",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:1 imports sqlite3, which the browser has only from Pyodide's package 'sqlite3', and the demo does not declare it. Fix: declare it: `kit.Demo(packages=[\"numpy\", \"sqlite3\"])`.",
                files=oops("import sqlite3\n"),
            ),
            Case(
                "demo-imports-what-pyodide-lacks",
                DEMO_PAGE,
                f"docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:1 imports pybtex, which the browser does not have: it is not Python's standard library and no package of Pyodide 0.27.7 provides it. Fix: import only Python's standard library, modules of pyscript_demo/ and packages Pyodide has (listed at {PYODIDE_PACKAGES}).",
                files=oops("import pybtex\n"),
            ),
        ),
        section=Section.DEMOS,
    ),
    Mistake(
        "a demo declaring a package by another name than Pyodide's, or one Pyodide does not have",
        (
            Case(
                "demo-declares-a-module-name",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:20 declares the package 'yaml', which Pyodide 0.27.7 does not have. Fix: name it as Pyodide does: 'pyyaml' (it provides the module yaml).",
                files=oops("import yaml\n", packages='["numpy", "yaml"]'),
            ),
            Case(
                "demo-declares-another-spelling",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:19 declares the package 'PyYAML', which Pyodide 0.27.7 does not have. Fix: name it as Pyodide does: 'pyyaml'.",
                files=oops(packages='["numpy", "PyYAML"]'),
            ),
            Case(
                "demo-declares-an-unknown-package",
                DEMO_PAGE,
                f"docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:19 declares the package 'pybtex', which Pyodide 0.27.7 does not have. Fix: name a package Pyodide has (did you mean 'pytest' or 'pytz'?); they are listed at {PYODIDE_PACKAGES}",
                files=oops(packages='["numpy", "pybtex"]'),
            ),
        ),
        section=Section.DEMOS,
    ),
    Mistake(
        "a demo importing a module or a name of `pyscript_demo` that is not there",
        (
            Case(
                "demo-imports-a-missing-name",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:1 imports nothing from pyscript_demo, which has no module or name 'nothing'. Fix: import a module or a name that pyscript_demo has, or write it there.",
                files=oops("from pyscript_demo import nothing\n"),
            ),
            Case(
                "demo-imports-a-missing-sibling",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:1 imports pyscript_demo.demos.oops.helpers, which is no module of pyscript_demo/. Fix: write pyscript_demo/demos/oops/helpers.py, or import a module that is there.",
                files=oops("from .helpers import x\n"),
            ),
            Case(
                "demo-imports-a-missing-module",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:1 imports pyscript_demo.least_square, which is no module of pyscript_demo/. Fix: did you mean 'pyscript_demo.least_squares'? write pyscript_demo/least_square.py, or import a module that is there.",
                files=oops("import pyscript_demo.least_square\n"),
            ),
        ),
        section=Section.DEMOS,
    ),
    Mistake(
        "a demo importing a module named by an expression, which the build cannot ship",
        (
            Case(
                "demo-imports-a-computed-name",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:4 imports a module named by an expression, `importlib.import_module(MODULE)`, which the build cannot follow to ship it. Fix: name the module in a string, as in `importlib.import_module(\"pyscript_demo.logreg\")`, or import it with `import`.",
                files=oops(
                    'import importlib\n\nMODULE = "pyscript_demo.least_squares"\nleast_squares = importlib.import_module(MODULE)\n'
                ),
            ),
            Case(
                "demo-dunder-imports-a-computed-name",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:1 imports a module named by an expression, `__import__('pyscript_demo.' + 'logreg')`, which the build cannot follow to ship it. Fix: name the module in a string, as in `importlib.import_module(\"pyscript_demo.logreg\")`, or import it with `import`.",
                files=oops('logreg = __import__("pyscript_demo." + "logreg")\n'),
            ),
        ),
        section=Section.DEMOS,
    ),
    Mistake(
        "a demo whose code raises while the build imports it or renders its starting state",
        (
            Case(
                "demo-part-raises",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': rendering the demo's starting state raised ZeroDivisionError at pyscript_demo/demos/oops/demo.py:12: division by zero. Fix: make that code work for the demo's starting state (`initial`); the contract tests render every demo in CPython: `.venv/bin/python -m pytest tests/test_demo_contract.py`.",
                files=oops(view="1 / 0"),
            ),
            Case(
                "demo-part-raises-in-the-kit",
                DEMO_PAGE,
                f"docs/page.md:3: demo 'oops': rendering the demo's starting state raised ValueError at pyscript_demo/kit/plot.py:{_kit_line(BAD_POINTS)} (from pyscript_demo/demos/oops/demo.py:12): zip() argument 2 is longer than argument 1. Fix: make that code work for the demo's starting state (`initial`); the contract tests render every demo in CPython: `.venv/bin/python -m pytest tests/test_demo_contract.py`.",
                files=oops(view=BAD_POINTS),
            ),
            Case(
                "demo-module-raises",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': importing the demo raised ZeroDivisionError at pyscript_demo/demos/oops/demo.py:1: division by zero. Fix: make the module import without error: `.venv/bin/python -c \"import pyscript_demo.demos.oops.demo\"` shows the whole traceback.",
                files=oops("SCALE = 1 / 0\n"),
            ),
        ),
        section=Section.DEMOS,
    ),
    Mistake(
        "a control the page cannot call or show: a lambda action, an action named `view`, two actions of one "
        "name, an input showing a field the state lacks, two inputs of one key",
        (
            Case(
                "demo-lambda-action",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:1: the button 'Go' calls a lambda, which has no name for the page to call it by. Fix: define the action with `def NAME(state)` (or `def NAME(state, value)`) and pass NAME.",
                files=laid_out('kit.Button("Go", GO)', f"GO = {LAMBDA_ACTION}\n"),
            ),
            Case(
                "demo-action-named-view",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:11: the button 'Go' calls an action named `view`, the name of the kit's own redraw of the current state. Fix: rename the function.",
                files=laid_out('kit.Button("Go", view)'),
            ),
            Case(
                "demo-actions-share-a-name",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/model.py:1: the button 'Again' calls pyscript_demo.demos.oops.model.go and another control calls pyscript_demo.demos.oops.demo.go: both are the action 'go' on the page. Fix: rename one of them.",
                files={
                    **laid_out('kit.Button("Go", go), kit.Button("Again", model.go)', MODEL_IMPORT),
                    "pyscript_demo/demos/oops/model.py": "def go(state):\n    return state\n",
                },
            ),
            Case(
                "demo-input-unknown-field",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:20: the slider 'm' shows the state's field 'm', which State does not have (its fields: n). Fix: name one of them, or give `value=` a function of the state that computes what it shows.",
                files=laid_out('\n    kit.Slider("m", "M", go, min=0, max=1, step=1),\n'),
            ),
            Case(
                "demo-inputs-share-a-key-across-files",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:22: the number 'n' and the slider 'n' (model.py:8) both name an input 'n' on the page. Fix: keep one (a slider has its own field for an exact value), or give this one another key and `value=` a function of the state that computes what it shows.",
                files={
                    **laid_out('\n    model.SLIDER,\n    kit.Number("n", "N, typed", model.go),\n', MODEL_IMPORT),
                    "pyscript_demo/demos/oops/model.py": (
                        "from pyscript_demo import kit\n\n\ndef go(state, value):\n    return state\n\n\n"
                        'SLIDER = kit.Slider("n", "N", go, min=0, max=1, step=1)\n'
                    ),
                },
            ),
            Case(
                "demo-input-named-like-an-exact-field",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:21: the number 'n-exact' and the slider 'n' (line 20) both name an input 'n-exact' on the page. Fix: keep one (a slider has its own field for an exact value), or give this one another key and `value=` a function of the state that computes what it shows.",
                files=laid_out(
                    '\n    kit.Slider("n", "N", go, min=0, max=1, step=1),\n    kit.Number("n-exact", "N", go, value=lambda s: s.n),\n'
                ),
            ),
            Case(
                "demo-inputs-share-a-key",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:21: the number 'n' and the slider 'n' (line 20) both name an input 'n' on the page. Fix: keep one (a slider has its own field for an exact value), or give this one another key and `value=` a function of the state that computes what it shows.",
                files=laid_out(
                    '\n    kit.Slider("n", "N", go, min=0, max=1, step=1),\n    kit.Number("n", "N, typed", go),\n'
                ),
            ),
        ),
        section=Section.DEMOS,
    ),
    Mistake(
        "a grounding panel placed twice",
        (
            Case(
                "grounding-panel-twice",
                "Intro.\n\n/// claim-review\n///\n\nText.\n\n/// claim-review\n///\n",
                "docs/page.md:8: `/// claim-review` is on the page twice, here and on line 3. Fix: remove one: the panel lists the whole page wherever it stands.",
            ),
        ),
        section=Section.BLOCKS,
    ),
    Mistake(
        "an id on two elements of a page: a heading's and a block's (a learning panel's heading, a demo's input), "
        "one written in attributes or raw HTML, or a demo shown twice",
        (
            Case(
                "id-of-heading-and-panel",
                "Intro.\n\n## Storyboard { #storyboard }\n\n" + STORY,
                "docs/page.md:3: the id 'storyboard' is on two elements of the page: the heading 'Storyboard' and the heading 'Mechanism Storyboard' of the `/// storyboard` block; a link or a label reaches only the first. Fix: give the heading 'Storyboard' an id of its own after its text: `{ #another-id }`.",
            ),
            Case(
                "id-of-heading-and-demo-input",
                "# Demo\n\n## Oops n\n\n/// demo | oops\n///\n",
                "docs/page.md:3: the id 'oops-n' is on two elements of the page: the heading 'Oops n' and the <input> of the demo 'oops'; a link or a label reaches only the first. Fix: give the heading 'Oops n' an id of its own after its text: `{ #another-id }`.",
                files=ONE_SLIDER,
            ),
            Case(
                "id-written-twice",
                "Intro.\n\nOne.\n{: #x }\n\nTwo.\n{: #x }\n",
                "docs/page.md:7: the id 'x' is on two elements of the page: the <p> and the <p>; a link or a label reaches only the first. Fix: give this one another id: the first is on line 4.",
            ),
            Case(
                "demo-shown-twice",
                "# Demo\n\n/// demo | logistic-regression\n///\n\n/// demo | logistic-regression\n///\n",
                "docs/page.md:6: the demo 'logistic-regression' is on the page twice, here and on line 3. Fix: show it once: both would have the same inputs, with the same ids.",
            ),
            Case(
                "id-of-raw-html-and-demo-input",
                '# Demo\n\n<p id="oops-n">A note.</p>\n\n/// demo | oops\n///\n',
                "docs/page.md:3: the id 'oops-n' is on two elements of the page: the <p> and the <input> of the demo 'oops'; a link or a label reaches only the first. Fix: change the id written on this line: the other is the page's own (a demo's inputs are `PREFIX-KEY`, PREFIX its name or `kit.Demo(prefix=...)`).",
                files=ONE_SLIDER,
            ),
        ),
        section=Section.LINKS,
    ),
    Mistake(
        "a Markdown link to a heading or id that is not there, on the page or on another",
        (
            Case(
                "link-to-no-id",
                # The heading's id begins with the link's, and a code span shows the link: neither is its line.
                "Intro.\n\n## Alpha beta { #alpha-beta }\n\nWrite `[x](#alpha)` for a link.\n\nSee [the part](#alpha).\n",
                "docs/page.md:7: the link '#alpha' goes to no heading or id of this page. Fix: link to '#alpha-beta', the closest id there is; or give the heading you mean that id: `{ #alpha }` after its text.",
            ),
            Case(
                "link-to-no-id-of-another-page",
                {
                    "page.md": "Intro.\n\n```markdown\n[not a link](other.md#nope)\n```\n\nSee [it](other.md#nope).\n",
                    "other.md": "# Other\n\n## The update\n\nText.\n",
                },
                "docs/page.md:7: the link 'other.md#nope' goes to no heading or id of docs/other.md. Fix: link to one of that page's headings: '#other', '#the-update'; or give the heading you mean that id: `{ #nope }` after its text.",
            ),
            Case(
                "link-to-near-id-of-another-page",
                {
                    "page.md": "Intro.\n\nSee [it](other.md#the-updates).\n",
                    "other.md": "# Other\n\n## The update\n\nText.\n",
                },
                "docs/page.md:3: the link 'other.md#the-updates' goes to no heading or id of docs/other.md. Fix: link to 'other.md#the-update', the closest id there is; or give the heading you mean that id: `{ #the-updates }` after its text.",
            ),
        ),
        section=Section.LINKS,
    ),
    Mistake(
        "a demo module that is not Python",
        (
            Case(
                "demo-not-python",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:1 is not Python: '(' was never closed. Fix: correct it; `.venv/bin/python -m py_compile pyscript_demo/demos/oops/demo.py` shows where.",
                files={OOPS: "demo = kit.Demo(\n"},
            ),
        ),
        section=Section.DEMOS,
    ),
    Mistake(
        "a `demo.py` without `demo = kit.Demo(...)`",
        (
            Case(
                "demo-undeclared",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py declares no `demo = kit.Demo(...)`. Fix: assign the demo at the module's top level, `demo = kit.Demo(title, initial, layout)` (see docs/writing-a-demo.md).",
                files={OOPS: "from pyscript_demo import kit\n\nDEMO = kit\n"},
            ),
            Case(
                "demo-not-a-demo",
                DEMO_PAGE,
                "docs/page.md:3: demo 'oops': pyscript_demo/demos/oops/demo.py:3 sets `demo` to a dict, not a kit.Demo. Fix: assign the demo at the module's top level, `demo = kit.Demo(title, initial, layout)` (see docs/writing-a-demo.md).",
                files={OOPS: '"""A demo."""\n\ndemo = {"title": "Oops"}\n'},
            ),
        ),
        section=Section.DEMOS,
    ),
    Mistake(
        "`builds_on`, `prerequisites` or `next` naming a concept no page has",
        tuple(
            Case(
                f"unknown-{kind}",
                {"a.md": concept_page("x/a", "A", f"{kind}:{value}\n"), "b.md": concept_page("x/b", "B")},
                f"docs/a.md:{4 if kind == 'builds_on' else 5}: the front matter's `{kind}` names the concept 'x/bee',"
                " which no page has. Fix: did you mean 'x/b'? name the `concept` of a page in docs/.",
            )
            for kind, value in [("next", "\n- x/bee"), ("builds_on", " x/bee"), ("prerequisites", "\n- x/bee")]
        ),
        section=Section.GRAPH,
    ),
    Mistake(
        "concepts that come before one another in a loop, through `builds_on`, `prerequisites` or `next`",
        (
            Case(
                "prerequisite-cycle",
                {
                    "a.md": concept_page("x/a", "A", "prerequisites: [x/c]\n"),
                    "b.md": concept_page("x/b", "B", "prerequisites:\n- x/a\n"),
                    "c.md": concept_page("x/c", "C", "prerequisites:\n- x/b: B first.\n"),
                },
                "docs/b.md:5: the concepts form a cycle: x/a → x/b → x/c → x/a (each comes before the next: x/a comes before x/b (`prerequisites` of docs/b.md:5); x/b comes before x/c (`prerequisites` of docs/c.md:5); x/c comes before x/a (`prerequisites` of docs/a.md:4)). Fix: remove one edge of the cycle: no concept can come before itself.",
            ),
            Case(
                "next-cycle",
                {
                    "a.md": concept_page("x/a", "A", "builds_on: x/c\nnext: [x/b]\n"),
                    "b.md": concept_page("x/b", "B", "next: [x/c]\n"),
                    "c.md": concept_page("x/c", "C"),
                },
                "docs/a.md:5: the concepts form a cycle: x/a → x/b → x/c → x/a (each comes before the next: x/a comes before x/b (`next` of docs/a.md:5); x/b comes before x/c (`next` of docs/b.md:4); x/c comes before x/a (`builds_on` of docs/a.md:4)). Fix: remove one edge of the cycle: no concept can come before itself.",
            ),
        ),
        shown="docs/b.md:5: the concepts form a cycle: x/a → x/b → x/c → x/a (each comes before the next: x/a comes before x/b (`prerequisites` of docs/b.md:5); ...",
        section=Section.GRAPH,
    ),
    Mistake(
        "one concept key on two pages",
        (
            Case(
                "concept-on-two-pages",
                {"a.md": concept_page("x/a", "A"), "b.md": concept_page("x/a", "B")},
                "docs/b.md:3: the concept 'x/a' is already the concept of docs/a.md:3. Fix: give each page its own `concept` key.",
            ),
        ),
        section=Section.GRAPH,
    ),
    Mistake(
        "`prerequisites` or `next` that is not a list of keys",
        (
            Case(
                "edges-not-a-list",
                {"a.md": "---\nconcept: x/a\nnext: x/b\n---\n"},
                "docs/a.md:3: the front matter's `next` is not a list of concept keys. Fix: write a list with one concept key per line: `- area/concept` or `- area/concept: why this edge`.",
            ),
            Case(
                "edge-without-reason-text",
                {"a.md": "---\nconcept: x/a\nprerequisites:\n  - x/b:\n---\n"},
                "docs/a.md:3: the front matter's `prerequisites` is not a list of concept keys. Fix: write a list with one concept key per line: `- area/concept` or `- area/concept: why this edge`.",
            ),
        ),
        section=Section.GRAPH,
    ),
    Mistake(
        "`builds_on`, `prerequisites` or `next` on a page without `concept`",
        (
            Case(
                "edges-without-concept",
                {"a.md": "---\ntitle: A\nnext: [x/b]\n---\n"},
                "docs/a.md:3: the front matter has `next` but no `concept`. Fix: add `concept: area/name`: only a concept page joins the concept graph.",
            ),
        ),
        section=Section.GRAPH,
    ),
    Mistake(
        "`/// area-index` on a page that is not an area's index page",
        (
            Case(
                "area-index-off-an-area-page",
                concept_page("x/a", "A") + "\n/// area-index\n///\n",
                "docs/page.md:10: `/// area-index` is on a page that is not an area's index page. Fix: place it on `AREA/index.md`, where AREA is the first part of the area's concept keys.",
            ),
        ),
        section=Section.GRAPH,
    ),
    Mistake(
        "`/// learning-map` or `/// builds-on` where the front matter lacks what it draws",
        (
            Case(
                "builds-on-block-without-key",
                concept_page("x/a", "A") + "\n/// builds-on\n///\n",
                "docs/page.md:10: `/// builds-on` is on a page whose front matter has no `builds_on`. Fix: add `builds_on: area/concept` to the front matter, or remove the block.",
            ),
            Case(
                "map-without-concept",
                "# A\n\n/// learning-map\n///\n",
                "docs/page.md:3: `/// learning-map` is on a page with no `concept`. Fix: add `concept:` and its `builds_on`, `prerequisites` or `next` to the front matter.",
            ),
        ),
        section=Section.GRAPH,
    ),
    Mistake(
        "`extra.runtime.katex` in `mkdocs.yml` for another KaTeX version",
        (
            Case(
                "katex-version",
                "$x$\n",
                "mkdocs.yml: extra.runtime.katex is 'https://cdn.jsdelivr.net/npm/katex@0.16.0/dist/', but the build typesets with KaTeX 0.19.1. Fix: set it to https://cdn.jsdelivr.net/npm/katex@0.19.1/dist/",
                config=("katex@0.19.1", "katex@0.16.0"),
            ),
        ),
        section=Section.SETTINGS,
    ),
    Mistake(
        "`extra.runtime.pyodide` in `mkdocs.yml` not ending in `/`",
        (
            Case(
                "pyodide-folder",
                "Intro.\n",
                "mkdocs.yml: extra.runtime.pyodide is 'https://cdn.jsdelivr.net/pyodide/v0.27.7/full'. Fix: set it to the folder that holds pyodide.js, ending in '/', e.g. https://cdn.jsdelivr.net/pyodide/v0.27.7/full/",
                config=("pyodide/v0.27.7/full/", "pyodide/v0.27.7/full"),
            ),
        ),
        section=Section.SETTINGS,
    ),
    Mistake(
        "`extra.runtime.self_host` in `mkdocs.yml` other than `true` or `false`",
        (
            Case(
                "self-host",
                "Intro.\n",
                "mkdocs.yml: extra.runtime.self_host is 'maybe'. Fix: set it to true or false.",
                config=("[SELF_HOST_RUNTIME, false]", "[SELF_HOST_RUNTIME, maybe]"),
            ),
        ),
        section=Section.SETTINGS,
    ),
    Mistake(
        "a setting under `extra.runtime` in `mkdocs.yml` that the build does not know",
        (
            Case(
                "runtime-unknown-setting",
                "Intro.\n",
                "mkdocs.yml: extra.runtime has no setting 'pyodid'. Fix: use only pyodide, katex, self_host.",
                config=("    pyodide: !ENV", "    pyodid: !ENV"),
            ),
        ),
        section=Section.SETTINGS,
    ),
)

CASES = [case for mistake in MISTAKES for case in mistake.cases]
SLOW_LISTING = "listing-too-slow"


def cell(text: str) -> str:
    """A table cell showing `text` as the build prints it: code, fenced past its own backticks."""
    fence = "``" if "`" in text else "`"
    inner = f" {text} " if "`" in text else text
    # Python-Markdown's tables read a `|` inside a code span as text, not as the end of the cell.
    return f"{fence}{inner}{fence}"


def tables() -> str:
    """The guide's tables of build errors, a section each, as Markdown."""
    parts = []
    for heading, anchor in SECTIONS:
        lines = [f"## {heading} {{ #{anchor} }}", "", "| mistake | message | fix |", "| --- | --- | --- |"]
        for mistake in MISTAKES:
            if mistake.section == (heading, anchor):
                lines.append(f"| {mistake.mistake} | {cell(mistake.message())} | {cell(mistake.fix())} |")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


# The line after which the guide's page is written from here.
WRITTEN_BELOW = "<!-- The sections below are written by `python -m tests.author_errors`. -->\n"


def guide_tables(guide: str) -> str:
    """The tables of build errors as the guide has them now."""
    return guide.split(WRITTEN_BELOW, 1)[1].lstrip("\n")


def write_guide() -> None:
    guide = GUIDE.read_text()
    GUIDE.write_text(guide.split(WRITTEN_BELOW, 1)[0] + WRITTEN_BELOW + "\n" + tables())


if __name__ == "__main__":
    write_guide()
