"""The built page: KaTeX for every formula, the real listing and its real output, the static demo."""

import html
import re
import subprocess
import sys

import numpy as np
import pytest

from hooks.formulas import katex_engine
from pyscript_demo import logreg
from tests.conftest import PAGE_SRC, ROOT, make_project, mkdocs_build

DISPLAY = re.compile(r"^\$\$\n(.+?)\n\$\$$", re.S | re.M)
INLINE = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<!\\)\$")


def formulas(markdown):
    """(tex, display) of every formula in a page, found independently of the build."""
    display = [m.strip() for m in DISPLAY.findall(markdown)]
    prose = DISPLAY.sub("", re.sub(r"(?ms)^```.*?^```", "", markdown))
    return [(t, True) for t in display] + [(t.strip(), False) for t in INLINE.findall(prose)]


@pytest.fixture(scope="module")
def page_html(built_site):
    return (built_site / "machine-learning" / "logistic-regression" / "index.html").read_text()


def test_every_formula_is_typeset_by_katex(page_html):
    found = formulas(PAGE_SRC.read_text())
    assert len(found) > 40
    for tex, display in found:
        assert katex_engine.render(tex, display) in page_html, tex
    assert page_html.count('<span class="katex">') == len(found)
    assert page_html.count('<span class="katex-display">') == sum(d for _, d in found)


def test_no_math_is_left_for_the_browser(page_html):
    assert "\\(" not in page_html and "$$" not in page_html
    assert not re.search(r"<script[^>]+(katex|mathjax)", page_html, re.I)
    version = katex_engine.version()
    assert f'href="https://cdn.jsdelivr.net/npm/katex@{version}/dist/katex.min.css"' in page_html


def _listing(page_html):
    block = page_html.split('data-listing="pyscript_demo/logreg.py"', 1)[1]
    code, output = re.findall(r"<code>(.*?)</code>", block, re.S)[:2]
    text = lambda fragment: html.unescape(re.sub(r"<[^>]+>", "", fragment))  # noqa: E731
    return text(code), text(output)


def test_listing_is_the_module_and_its_output_is_a_real_run(page_html):
    code, output = _listing(page_html)
    assert code.strip() == (ROOT / "pyscript_demo" / "logreg.py").read_text().strip()
    ran = subprocess.run([sys.executable, logreg.__file__], capture_output=True, text=True, check=True)
    assert output == ran.stdout


def test_changing_a_number_in_the_module_changes_the_page(tmp_path):
    config = make_project(tmp_path, {"index.md": "```listing\npyscript_demo/logreg.py\n```\n"}, copy_demo=True)
    module = tmp_path / "pyscript_demo" / "logreg.py"
    module.write_text(module.read_text().replace("steps=60", "steps=7"))
    done = mkdocs_build(config, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    code, output = _listing((tmp_path / "site" / "index.html").read_text())
    assert "steps=7" in code
    w = logreg.train(logreg.w_start, steps=7)
    assert f"bias, slope: {np.round(w, 3)}" in output
    assert output != (ROOT / "tests" / "data" / "seed_reference_output.txt").read_text()


def test_static_demo_shows_cpython_numbers_at_the_starting_weights(page_html):
    section = page_html.split("<section", 1)[1].split("</section>", 1)[0]
    bias, slope = logreg.w_start
    loss, _, q = logreg.loss_and_grad(logreg.w_start)
    values = [float(v) for v in re.findall(r'class="demo-q" data-value="([^"]+)"', section)]
    assert values == pytest.approx(q.tolist(), abs=1e-12) and len(values) == 7
    assert (
        f'id="lr-slope" data-action="set-slope" data-control="slope" min="-5" max="5" step="0.05" value="{slope:.4f}"'
        in section
    )
    assert f'value="{bias:.4f}"' in section
    assert section.count('<circle class="lr-dot') == 7
    assert f">{loss:.4f}<" in section
    assert 'data-runtime="https://cdn.jsdelivr.net/pyodide/v0.27.7/full/"' in section


def test_demo_assets_are_published(built_site):
    names = ["demo.js", "worker.js", "logreg.py", "__init__.py", "kit/plot.py", "demos/logistic_regression/demo.py"]
    for name in names:
        published = built_site / "pyscript_demo" / name
        assert published.read_bytes() == (ROOT / "pyscript_demo" / name).read_bytes()


@pytest.mark.parametrize(
    "page, expected",
    [
        ("Intro.\n\nThe loss $\\frac{1}{n$ is wrong.\n", ["docs/index.md:3", "\\frac{1}{n", "KaTeX"]),
        ("Intro.\n\n$$\n\\sum_{i=1}^{n \\badmacro\n$$\n", ["docs/index.md:4", "\\sum_{i=1}^{n", "Fix:"]),
        ("Intro.\n\n```listing\npyscript_demo/nope.py\n```\n", ["docs/index.md:4", "nope.py", "Fix:"]),
        ("# Demo\n\n/// demo | no-such-demo\n///\n", ["docs/index.md:3", "no-such-demo", "logistic-regression"]),
    ],
    ids=["inline-formula", "display-formula", "missing-listing", "unknown-demo"],
)
def test_bad_input_stops_the_build_naming_file_line_and_fix(tmp_path, page, expected):
    config = make_project(tmp_path, {"index.md": page})
    done = mkdocs_build(config, tmp_path / "site")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    for text in expected:
        assert text in done.stderr, done.stderr


def test_a_listing_that_fails_to_run_stops_the_build(tmp_path):
    config = make_project(tmp_path, {"index.md": "```listing\npyscript_demo/logreg.py\n```\n"}, copy_demo=True)
    module = tmp_path / "pyscript_demo" / "logreg.py"
    module.write_text(module.read_text().replace("print(", "raise SystemExit('boom'); print(", 1))
    done = mkdocs_build(config, tmp_path / "site")
    assert done.returncode != 0
    assert "boom" in done.stderr and "docs/index.md:2" in done.stderr, done.stderr


def test_katex_stylesheet_version_must_match_the_build(tmp_path):
    config = make_project(
        tmp_path, {"index.md": "$x$\n"}, config_edit=lambda c: c.replace("katex@0.19.1", "katex@0.16.0")
    )
    done = mkdocs_build(config, tmp_path / "site")
    assert done.returncode != 0
    assert "extra.runtime.katex" in done.stderr and katex_engine.version() in done.stderr
