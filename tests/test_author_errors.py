"""Every mistake of the guide's table of build errors stops the build with its whole message: file, line, fix.

The cases and the guide's table come from one table, tests/author_errors.py.
"""

import sys

import pytest

import pyscript_demo.demos
from hooks.listing import fence as code_listing
from tests import harness
from tests.author_errors import CASES, GUIDE, MISTAKES, SLOW_LISTING, guide_tables, tables


@pytest.fixture(autouse=True)
def project_demos(tmp_path, monkeypatch):
    """The throwaway project's own demos (its pyscript_demo/demos/) are found beside the repository's."""
    before = set(sys.modules)
    folders = [*pyscript_demo.demos.__path__, str(tmp_path / "pyscript_demo" / "demos")]
    monkeypatch.setattr(pyscript_demo.demos, "__path__", folders)
    yield
    for name in set(sys.modules) - before:
        if name.startswith("pyscript_demo.demos."):
            del sys.modules[name]


def expected(case, tmp_path):
    return case.message.replace("{project}", str(tmp_path))


@pytest.mark.parametrize("case", [c for c in CASES if c.id != SLOW_LISTING], ids=lambda case: case.id)
def test_the_mistake_stops_the_build_with_where_and_the_fix(tmp_path, case):
    assert harness.refusal(tmp_path, **case.options()) == expected(case, tmp_path)


def test_a_listing_that_runs_too_long_stops_the_build(tmp_path, monkeypatch):
    # The real limit is two minutes; the same check with a limit the slow listing exceeds at once.
    monkeypatch.setattr(code_listing, "RUN_TIMEOUT_S", 0.2)
    (case,) = [c for c in CASES if c.id == SLOW_LISTING]
    message = expected(case, tmp_path)
    assert "took more than 120 s." in message
    assert harness.refusal(tmp_path, **case.options()) == message.replace("120 s.", "0.2 s.")


def test_the_guides_tables_are_the_table_of_cases():
    assert guide_tables(GUIDE.read_text()) == tables(), "run `python -m tests.author_errors` to rewrite it"


def test_each_mistake_and_case_is_named_once():
    assert len({m.mistake for m in MISTAKES}) == len(MISTAKES)
    assert len({c.id for c in CASES}) == len(CASES)
    for mistake in MISTAKES:
        shown = mistake.message()
        if mistake.shown:
            # A shortened message is the start of the real one (up to its ` ...`), or says what follows.
            assert mistake.cases[0].message.startswith(shown.split(" ...")[0]), mistake.mistake
