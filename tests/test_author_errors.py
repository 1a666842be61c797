"""Every row of the guide's table of build errors is produced by a test, and each stops the build cleanly.

A row is covered here by a case below, or, when an existing test already builds it, by naming that test
in COVERED_ELSEWHERE (the check reads the test file to make sure the test is still there).
"""

import re
import textwrap

import pytest

from hooks.authoring.errors import AuthorError, CurrentPage
from hooks.listing import fence as code_listing
from tests.conftest import ROOT, make_project, mkdocs_build

GUIDE = ROOT / "docs" / "authoring.md"

PAGE = "---\ntitle: T\nconcept: t/topic\narea: Testing\n---\n\nIntro.\n\n"
PRACTICE = "/// practice | Predict.\n    hints: [One]\n    answer: The answer.\n///\n"
CLAIM = "/// claim | A statement.\n    id: c\n    sources: [cs229-logistic-regression]\nSummary.\n///\n"
BIB_WITHOUT_WEB_URL = "@book{a,\n  title = {X},\n  author = {A B},\n  year = {2016},\n  url = {www.x.org},\n}\n"


def table_rows():
    """The `mistake` cell of every row of the guide's table of build errors."""
    section = GUIDE.read_text().split("{ #errors }", 1)[1].split("\n## ", 1)[0]
    rows = [re.match(r"\| (.*?) \|", line).group(1) for line in section.splitlines() if line.startswith("| ")]
    return [row for row in rows if row not in ("mistake", "---")]


# (table row, pages, make_project options, what stderr must hold); the first part is the file:line or key.
CASES = [
    (
        "citing any key while the bibliography is missing or empty",
        {"index.md": "Intro [@cs229].\n"},
        {"bib": ""},
        ["docs/index.md:1", "there is no source 'cs229': docs/references.bib is missing or empty."],
    ),
    (
        "a `sources` entry that is not `key` or `key, locator`",
        {"index.md": CLAIM.replace("[cs229-logistic-regression]", "[1]")},
        {},
        ["docs/index.md:3", "the source 1 is not a bibliography key."],
    ),
    (
        "a claim's `reviewer`, `checked` or `scope` that is not text",
        {"index.md": CLAIM.replace("    sources", "    scope: [a]\n    sources")},
        {},
        ["docs/index.md:3", "claim 'c': `scope` is not text."],
    ),
    (
        "block options that are YAML but not `name: value` lines",
        {"index.md": PAGE + "/// practice | P.\n    - a\n    - b\n///\n"},
        {},
        ["docs/index.md:10", "the options of `/// practice` are not `name: value` lines."],
    ),
    (
        "any block inside a block quote",
        {"index.md": "Intro.\n\n> " + CLAIM.replace("\n", "\n> ")},
        {},
        ["docs/index.md:3", "`/// claim` stands in a block quote, where it cannot be read."],
    ),
    # Found by fuzzing: the scan did not read quoted headers, and pymdownx left this one as text.
    (
        "any block inside a block quote",
        {"index.md": "> /// claim-review\n>     {colour: null}\n\n> Body text.\n> ///\n"},
        {},
        ["docs/index.md:1", "`/// claim-review` stands in a block quote"],
    ),
    (
        "a learning panel the page never shows (in indented code, in raw HTML)",
        {"index.md": PAGE + textwrap.indent(PRACTICE, "    ")},
        {},
        ["docs/index.md:9", "the panel `practice` did not make it onto the page."],
    ),
    (
        "a learning panel the page never shows (in indented code, in raw HTML)",
        {"index.md": PAGE + "<div>\n" + PRACTICE + "</div>\n"},
        {},
        ["docs/index.md:10", "the panel `practice` did not make it onto the page."],
    ),
    (
        "a `.bib` `url` that is not a web address",
        {"index.md": "Intro.\n"},
        {"bib": BIB_WITHOUT_WEB_URL},
        ["docs/references.bib:1", "the url of 'a' is 'www.x.org', not a web address."],
    ),
    (
        "a `listing` of a file that is not Python",
        {"index.md": "Intro.\n\n```listing\nmkdocs.yml\n```\n"},
        {},
        ["docs/index.md:4", "the listing 'mkdocs.yml' cannot be run: only .py files can."],
    ),
    # Found by fuzzing: pymdownx left these on the page as text, and the build passed.
    (
        "a `demo` without a name",
        {"index.md": "# Demo\n\n/// demo\n///\n"},
        {},
        ["docs/index.md:3", "`/// demo` has no demo name."],
    ),
    (
        "an option the block does not have",
        {"index.md": "# Demo\n\n/// demo | logistic-regression\n    colour: red\n///\n"},
        {},
        ["docs/index.md:4", "`/// demo` has no option 'colour'."],
    ),
    (
        "`extra.runtime.pyodide` in `mkdocs.yml` not ending in `/`",
        {"index.md": "Intro.\n"},
        {"config_edit": lambda c: c.replace("pyodide/v0.27.7/full/", "pyodide/v0.27.7/full")},
        ["mkdocs.yml: extra.runtime.pyodide is 'https://cdn.jsdelivr.net/pyodide/v0.27.7/full'."],
    ),
    (
        "`extra.runtime.self_host` in `mkdocs.yml` other than `true` or `false`",
        {"index.md": "Intro.\n"},
        {"config_edit": lambda c: c.replace("[SELF_HOST_RUNTIME, false]", "[SELF_HOST_RUNTIME, maybe]")},
        ["mkdocs.yml: extra.runtime.self_host is 'maybe'."],
    ),
]

# Rows another test file already builds: (file, the test's name or case id, which must stay in that file).
COVERED_ELSEWHERE = {
    "citing a key the bibliography lacks: in prose, in front matter `sources` or in a claim's `sources`": (
        "test_grounding.py",
        "unknown-front-matter-key",
    ),
    "a citation of another shape": ("test_grounding.py", "malformed-citation"),
    "a claim without sources": ("test_grounding.py", "claim-without-sources"),
    "a `reviewed` claim without `reviewed`, `reviewer` or `checked`": (
        "test_grounding.py",
        "reviewed-without-reviewer",
    ),
    "a review date that is not a date": ("test_grounding.py", "impossible-date"),
    "a review date in the future": ("test_grounding.py", "future-date"),
    "an unknown status": ("test_grounding.py", "unknown-status"),
    "a claim id used twice, on one page or on two": ("test_grounding.py", "test_a_claim_id_is_unique_across_the_site"),
    "a claim without an id, or with an id that is not a short name": ("test_grounding.py", "claim-without-id"),
    "a claim without a statement": ("test_grounding.py", "claim-without-statement"),
    "block options that are not YAML": ("test_grounding.py", "bad-yaml-options"),
    "an option the block does not have": ("test_learning_panels.py", "unknown-option"),
    "a claim inside a list": ("test_grounding.py", "claim-in-a-list"),
    "a title or an option on a panel": ("test_grounding.py", "panel-with-title"),
    "a learning panel without a required option": ("test_learning_panels.py", "missing-answer"),
    "a learning panel option of the wrong kind": ("test_learning_panels.py", "hints-not-a-list"),
    "a storyboard, inquiry or practice without its question, or a research room with a title": (
        "test_learning_panels.py",
        "practice-without-prompt",
    ),
    "an inquiry without a `best: true` choice": ("test_learning_panels.py", "inquiry-without-best"),
    "a research room on a page without `concept` or `area`, or a second one": (
        "test_learning_panels.py",
        "room-without-concept",
    ),
    "a `//// frame` outside a storyboard": ("test_learning_panels.py", "frame-outside-a-storyboard"),
    "front matter that is not YAML": ("test_grounding.py", "bad-front-matter"),
    "front matter `sources` that is not a list": ("test_grounding.py", "front-matter-sources-not-a-list"),
    "front matter that is not `key: value` lines": ("test_grounding.py", "front-matter-not-a-mapping"),
    "`concept`, `area`, `summary` or `builds_on` that is not text": ("test_concept_graph.py", "builds-on-not-text"),
    "a `.bib` that does not parse": ("test_grounding.py", "syntax-error"),
    "a `.bib` entry without a title or an author": ("test_grounding.py", "entry-without-author"),
    "a `.bib` key used twice": ("test_grounding.py", "repeated-key"),
    "a formula KaTeX cannot parse": ("test_build.py", "inline-formula"),
    "a `listing` of a file that is not there": ("test_build.py", "missing-listing"),
    "a `listing` whose file fails when run": ("test_build.py", "test_a_listing_that_fails_to_run_stops_the_build"),
    "a `demo` of an unknown name": ("test_build.py", "unknown-demo"),
    "`builds_on`, `prerequisites` or `next` naming a concept no page has": (
        "test_concept_graph.py",
        "test_an_edge_to_a_concept_no_page_has_stops_the_build",
    ),
    "prerequisites that lead back to where they started": (
        "test_concept_graph.py",
        "test_a_cycle_of_prerequisites_stops_the_build_naming_it",
    ),
    "one concept key on two pages": (
        "test_concept_graph.py",
        "test_a_concept_key_of_two_pages_stops_the_build_naming_both",
    ),
    "`prerequisites` or `next` that is not a list of keys": ("test_concept_graph.py", "edges-not-a-list"),
    "`builds_on`, `prerequisites` or `next` on a page without `concept`": (
        "test_concept_graph.py",
        "edges-without-concept",
    ),
    "`/// learning-map` or `/// builds-on` where the front matter lacks what it draws": (
        "test_concept_graph.py",
        "builds-on-block-without-key",
    ),
    "`extra.runtime.katex` in `mkdocs.yml` for another KaTeX version": (
        "test_build.py",
        "test_katex_stylesheet_version_must_match_the_build",
    ),
}

# Rows tested here without a full build: a listing would have to run for two minutes.
DIRECT = {"a `listing` that runs longer than 120 s"}


def test_every_row_of_the_error_table_is_produced_by_a_test():
    rows = table_rows()
    assert len(rows) == len(set(rows)), "two rows of the table share a mistake"
    covered = {row for row, *_ in CASES} | set(COVERED_ELSEWHERE) | DIRECT
    assert covered == set(rows), {"untested rows": set(rows) - covered, "rows not in the table": covered - set(rows)}
    for row, (name, marker) in COVERED_ELSEWHERE.items():
        assert marker in (ROOT / "tests" / name).read_text(), f"{name} no longer has {marker!r}, for {row!r}"


@pytest.mark.parametrize("row, pages, options, expected", CASES, ids=[f"{i}-{c[0][:40]}" for i, c in enumerate(CASES)])
def test_the_mistake_stops_the_build_naming_where_and_the_fix(tmp_path, row, pages, options, expected):
    done = mkdocs_build(make_project(tmp_path, pages, **options), tmp_path / "site")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "Fix:" in done.stderr, done.stderr
    for part in expected:
        assert part in done.stderr, done.stderr


def test_a_listing_that_runs_too_long_stops_the_build(tmp_path, monkeypatch):
    slow = tmp_path / "slow.py"
    slow.write_text("import time\ntime.sleep(5)\n")
    monkeypatch.setattr(code_listing, "RUN_TIMEOUT_S", 0.2)
    monkeypatch.setattr(CurrentPage, "src_path", "docs/index.md")
    monkeypatch.setattr(CurrentPage, "markdown", "```listing\nslow.py\n```\n")
    monkeypatch.setattr(CurrentPage, "first_line", 1)
    with pytest.raises(AuthorError) as raised:
        code_listing._run(slow, slow.read_text())
    assert str(raised.value) == (
        "docs/index.md:2: running slow.py took more than 0.2 s. "
        "Fix: make the listing finish quickly; it runs on every build."
    )
