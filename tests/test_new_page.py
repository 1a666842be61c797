"""`make page`: a new concept page builds green straight away, in the navigation and the concept graph."""

import os
import re
import shutil
import subprocess
import sys

from hooks.navigation import site_nav
from tests.conftest import ROOT, SITE_SETTINGS, make_project
from tools import new_page

# A concept no real page will take: the test copies docs/ and pyscript_demo/, so a real name would collide.
KEY, TITLE = "scratch/new-concept", "A New Concept"


def test_a_new_page_builds_and_joins_the_navigation_and_the_graph(tmp_path):
    docs = ROOT / "docs"
    pages = {p.relative_to(docs).as_posix(): p.read_text() for p in docs.rglob("*.md")}
    config = make_project(tmp_path, pages, copy_demo=True)
    (tmp_path / "tests").mkdir()
    written = new_page.write(tmp_path, KEY, TITLE)
    assert len(written) == 4
    # Run from the project, as an author does: the build imports its pyscript_demo, not the repository's.
    env = {k: v for k, v in os.environ.items() if k not in SITE_SETTINGS} | {"NO_MKDOCS_2_WARNING": "1"}
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(tmp_path / "site")]
    done = subprocess.run(build, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    built = (site / KEY / "index.html").read_text()
    assert 'data-demo="new-concept"' in built and 'data-listing="pyscript_demo/new_concept.py"' in built
    assert "best guess: 3.5" in built  # the listing's real output
    home = (site / "index.html").read_text()
    assert re.search(rf'href="{KEY}/" class="md-nav__link">\s*<span class="md-ellipsis">\s*{TITLE}', home)
    assert f'data-concept="{KEY}"' in (site / "concept-graph" / "index.html").read_text()
    tested = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(tmp_path / "tests" / "test_new_concept.py"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, **env},
    )
    assert tested.returncode == 0, tested.stdout
    shutil.rmtree(tmp_path / "site")


def test_the_tool_overwrites_nothing(tmp_path):
    new_page.write(tmp_path, KEY, TITLE)
    try:
        new_page.write(tmp_path, KEY, TITLE)
    except SystemExit as refused:
        assert "already exist" in str(refused)
    else:
        raise AssertionError("the second run overwrote the page")


def test_the_demo_takes_the_name_given(tmp_path):
    written = new_page.write(tmp_path, KEY, TITLE, demo="guess-slider")
    assert tmp_path / "pyscript_demo" / "demos" / "guess_slider" / "demo.py" in written
    assert "/// demo | guess-slider\n" in (tmp_path / "docs" / f"{KEY}.md").read_text()
    for bad in ("Guess Slider", "guess_slider"):
        try:
            new_page.write(tmp_path, "scratch/other", TITLE, demo=bad)
        except SystemExit as refused:
            assert f"DEMO={bad!r}" in str(refused)
        else:
            raise AssertionError(f"the demo name {bad!r} was taken")


def test_the_navigation_is_home_areas_in_learning_order_then_the_guides():
    nav = site_nav.build(ROOT / "docs")
    assert nav[0] == {"Home": "index.md"}
    index, *area = nav[1]["Machine Learning"]
    assert index == "machine-learning/index.md"  # the area's index page, added by the build
    order = [next(iter(item.values())) for item in area]
    assert order.index("machine-learning/linear-regression.md") < order.index("machine-learning/logistic-regression.md")
    assert order.index("machine-learning/logistic-regression.md") < order.index(
        "machine-learning/classification-metrics.md"
    )
    assert nav[-4:] == [
        {"Concept graph": "concept-graph.md"},
        {"Authoring guide": "authoring.md"},
        {"Writing a demo": "writing-a-demo.md"},
        {"Build errors": "build-errors.md"},
    ]
