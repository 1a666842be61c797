"""The built page: KaTeX for every formula, the real listing and its real output, the static demo."""

import base64
import hashlib
import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import markdown
import numpy as np
import pytest

from hooks.formulas import font_preload, katex_engine
from hooks.theme import copy_buttons, stylesheet_urls
from pyscript_demo import logreg
from pyscript_demo.demos.logistic_regression.demo import demo
from tests import harness
from tests.conftest import PAGE_SRC, ROOT

DISPLAY = re.compile(r"^\$\$\n(.+?)\n\$\$$", re.S | re.M)
INLINE = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<!\\)\$")


def formulas(markdown):
    """(tex, display) of every formula in a page, found independently of the build."""
    display = [m.strip() for m in DISPLAY.findall(markdown)]
    prose = DISPLAY.sub("", re.sub(r"(?ms)^```.*?^```", "", markdown))
    return [(t, True) for t in display] + [(t.strip(), False) for t in INLINE.findall(prose)]


PAGE_URL = "machine-learning/logistic-regression/"
KATEX_TEXT = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def page_html(built_site):
    return (built_site / PAGE_URL / "index.html").read_text()


def test_every_formula_is_typeset_by_katex(page_html):
    found = formulas(PAGE_SRC.read_text())
    assert len(found) > 40
    for tex, display in found:
        assert katex_engine.render(tex, display) in page_html, tex
    assert page_html.count('<span class="katex">') == len(found)
    assert page_html.count('<span class="katex-display">') == sum(d for _, d in found)


@pytest.fixture(scope="module")
def indexed(built_site):
    """The search index's text of the page."""
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    return "\n".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(PAGE_URL))


def test_the_search_index_reads_each_formula_as_its_tex(indexed):
    text = indexed
    glyphs = 0
    for tex, display in formulas(PAGE_SRC.read_text()):
        assert html.escape(tex, quote=False) in text, tex
        # Not KaTeX's rendering of it: the text of its glyphs, where that is long enough to be telling.
        shown = KATEX_TEXT.sub("", katex_engine.render(tex, display).split('aria-hidden="true">', 1)[1])
        if len(shown) >= 8 and shown not in tex:
            glyphs += 1
            assert html.escape(html.unescape(shown), quote=False) not in text, tex
    assert glyphs > 10


def test_the_search_index_reads_a_listing_as_its_plain_code_and_a_demo_as_its_title(indexed, page_html):
    code, output = _listing(page_html)
    assert f"<pre><code>{html.escape(code, quote=False)}</code></pre>" in indexed
    assert html.escape(output, quote=False) in indexed
    # Not the listing's highlighted markup read again: its title is not the listing's text (the prose names it).
    assert indexed.count("pyscript_demo/logreg.py") == indexed.count("<code>pyscript_demo/logreg.py</code>")
    assert html.escape(demo.title, quote=False) in indexed
    first_label = re.search(r"<label[^>]*>([^<]+)</label>", page_html.split('class="live-demo"', 1)[1]).group(1)
    assert first_label not in indexed


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
    module = (ROOT / "pyscript_demo" / "logreg.py").read_text().replace("steps=60", "steps=7")
    html = harness.convert(
        tmp_path, {"index.md": "```listing\npyscript_demo/logreg.py\n```\n"}, files={"pyscript_demo/logreg.py": module}
    )
    code, output = _listing(html["index.md"])
    assert "steps=7" in code
    w = logreg.train(logreg.w_start, steps=7)
    assert f"bias, slope: {np.round(w, 3)}" in output
    assert output != (ROOT / "tests" / "data" / "seed_reference_output.txt").read_text()


def test_static_demo_shows_cpython_numbers_at_the_starting_weights(page_html):
    start = page_html.index(
        '<section aria-label="Logistic regression: slope, bias, and one point\'s gradient" class="live-demo"'
    )
    section = page_html[start : page_html.index("</section>", start)]
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


def test_the_features_stylesheets_and_scripts_reach_the_page_as_one_of_each(built_site, page_html):
    """Every feature's own CSS and script, found in hooks/ independently of the build, is in the one file of its
    kind that the page links, with a digest of its text in the link; the stylesheet comes after KaTeX's."""
    for suffix in ("css", "js"):
        linked = re.findall(rf'"(?:\.\./)*(assets/concepts/site\.{suffix})\?v=([0-9a-f]{{12}})"', page_html)
        [(uri, digest)] = linked
        text = (built_site / uri).read_text()
        assert hashlib.sha256(text.encode()).hexdigest()[:12] == digest
        features = sorted((ROOT / "hooks").glob(f"*/*.{suffix}"))
        assert features
        for feature in features:
            assert feature.read_text() in text, feature
    assert not re.search(r'(?:href|src)="(?:\.\./)*assets/concepts/(?!site\.)', page_html)
    assert page_html.index("katex.min.css") < page_html.index("assets/concepts/site.")


def test_each_relative_stylesheet_link_is_made_absolute_before_the_themes_script_starts(built_site):
    """The site's script runs after each such link and before the theme's bundle, and the policy lets it run."""
    script = f"<script>{stylesheet_urls.SCRIPT}</script>"
    digest = base64.b64encode(hashlib.sha256(stylesheet_urls.SCRIPT.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in (built_site / "_headers").read_text()
    count = 0
    for path in sorted(built_site.rglob("*.html")):
        html = path.read_text()
        bundle, head_end = html.index("/javascripts/bundle."), html.index("</head>")
        for link in re.finditer(r"<link\b[^>]*>", html):
            attributes = dict(re.findall(r'(\w+)="([^"]*)"', link.group()))
            if attributes.get("rel") != "stylesheet" or re.match(r"https?:|//", attributes["href"]):
                continue
            end = head_end if link.start() < head_end else bundle
            assert script in html[link.end() : end], (path, link.group())
            count += 1
    assert count >= 20


class _Scripts(HTMLParser):
    """Every script a page loads by URL, as (src, attribute names)."""

    def __init__(self):
        super().__init__()
        self.loaded = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" in attributes:
            self.loaded.append((attributes["src"], set(attributes)))


def test_the_themes_script_and_the_sites_wait_until_the_page_is_parsed(built_site):
    """On every page and the 404 template: both deferred, the theme's first, and every other script async, so
    no script the parser meets runs before the browser can paint."""
    pages = sorted(built_site.rglob("*.html"))
    assert built_site / "404.html" in pages and len(pages) >= 5
    theme = next(built_site.glob("assets/javascripts/bundle.*.min.js")).relative_to(built_site).as_posix()
    for path in pages:
        scripts = _Scripts()
        scripts.feed(path.read_text())
        deferred = [src for src, attributes in scripts.loaded if "defer" in attributes]
        assert [re.sub(r"^(\.\./)*|^/", "", src).split("?")[0] for src in deferred] == [
            theme,
            "assets/concepts/site.js",
        ], path
        assert all(attributes & {"defer", "async"} for _, attributes in scripts.loaded), (path, scripts.loaded)


PRELOAD = re.compile(r'<link rel="preload" href="([^"]*)" as="font" type="font/woff2" crossorigin>')


def test_a_formula_in_a_pages_opening_preloads_the_katex_fonts_its_stylesheet_names(tmp_path):
    """Beside KaTeX's stylesheet, from its folder, the fonts every formula uses, when a formula is laid out as
    the page loads: before its second section heading. Later formulas are laid out near the viewport only."""
    stylesheet = (ROOT / ".cache" / "runtime-mirror" / "katex" / "dist" / "katex.min.css").read_text()
    site = harness.build(
        tmp_path,
        {
            "index.md": "# Home\n\nNo formula.\n",
            "early.md": "# Early\n\nThe rate $\\eta$ first.\n\n## One\n\nText.\n\n## Two\n\n$x$\n",
            "first-section.md": "# First\n\n## One\n\nThe rate $\\eta$.\n\n## Two\n\nText.\n",
            "late.md": "# Late\n\n## One\n\nText.\n\n## Two\n\nThe rate $\\eta$.\n",
        },
    )
    for page in ("early.md", "first-section.md"):
        html = site.html(page)
        folder = re.search(r'<link rel="stylesheet" href="([^"]*)katex\.min\.css"', html)[1]
        preloads = PRELOAD.findall(html)
        assert preloads == [f"{folder}fonts/{name}.woff2" for name in font_preload.FONTS], page
        assert html.index(preloads[-1]) < html.index("katex.min.css"), page
    for page in ("index.md", "late.md"):
        assert PRELOAD.findall(site.html(page)) == [], page
    assert 'class="katex"' in site.html("late.md")
    for name in font_preload.FONTS:
        assert f"url(fonts/{name}.woff2)" in stylesheet, name


def _unclosed(css: str) -> int | None:
    """The line of the first rule `css` opens and never closes (or closes twice), None when all balance."""
    opened = []
    for match in re.finditer(r"/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|[{}]", css, re.S):
        line = css.count("\n", 0, match.start()) + 1
        if match.group() == "{":
            opened.append(line)
        elif match.group() == "}":
            if not opened:
                return line
            opened.pop()
    return opened[0] if opened else None


@pytest.mark.parametrize(
    "stylesheet",
    [*sorted((ROOT / "hooks").rglob("*.css")), *sorted((ROOT / "pyscript_demo").rglob("*.css"))],
    ids=lambda path: path.relative_to(ROOT).as_posix(),
)
def test_every_stylesheet_closes_every_rule_it_opens(stylesheet):
    """An unclosed rule swallows what follows it: in the bundle, the next feature's whole stylesheet."""
    assert _unclosed(stylesheet.read_text()) is None, (
        f"{stylesheet.relative_to(ROOT)}:{_unclosed(stylesheet.read_text())}"
    )


def test_an_unclosed_rule_is_found():
    assert _unclosed("a {\n  color: red;\n\nb { color: blue; }\n") == 1
    assert _unclosed('/* { */ a { content: "}"; }\n') is None


class _CodeBlocks(HTMLParser):
    """A page's code blocks as [wrapper id, [targets of the copy buttons in it], number of `pre > code` in it],
    and the theme's features."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[list] = []
        self.features: list[str] = []
        self._divs: list[bool] = []  # for each open div: whether it is a code block's wrapper
        self._last = ""  # the last start tag
        self._config = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        inside = any(self._divs)
        if tag == "div":
            wrapper = "highlight" in (attributes.get("class") or "").split()
            self._divs.append(wrapper)
            if wrapper:
                self.blocks.append([attributes.get("id"), [], 0])
        elif inside and tag == "button" and attributes.get("data-md-type") == "copy":
            self.blocks[-1][1].append(attributes.get("data-clipboard-target"))
        elif inside and tag == "code" and self._last in ("pre", "span"):
            self.blocks[-1][2] += 1
        self._last = tag
        self._config = tag == "script" and attributes.get("id") == "__config"

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._divs:
            self._divs.pop()

    def handle_data(self, data: str) -> None:
        if self._config:
            self.features = json.loads(data)["features"]
            self._config = False


def _assert_one_button_each(html: str, where: str) -> list:
    parsed = _CodeBlocks()
    parsed.feed(html)
    for wrapper, targets, codes in parsed.blocks:
        assert wrapper and targets == [f"#{wrapper} pre > code"], f"{where}: {wrapper}: {targets}"
        assert codes == 1, f"{where}: {wrapper} holds {codes} code elements"
    ids = [wrapper for wrapper, _, _ in parsed.blocks]
    assert len(set(ids)) == len(ids), f"{where}: two code blocks share an id: {ids}"
    return parsed


def test_every_code_block_has_its_copy_button_in_the_page_as_built(built_site):
    """The button is there before Material's scripts set the block up (they do once it is in view), and only
    ours: Material's own would be a second one."""
    count = 0
    for path in sorted(built_site.rglob("*.html")):
        parsed = _assert_one_button_each(path.read_text(), str(path))
        if parsed.blocks:
            assert "content.lazy" in parsed.features and "content.code.copy" not in parsed.features, path
        count += len(parsed.blocks)
    assert count >= 20


@pytest.mark.parametrize("options", ["", 'title="a.py"', 'linenums="1"', 'title="a.py" linenums="1"'])
def test_a_code_block_with_a_title_or_line_numbers_gets_its_button_too(options):
    source = f"```py {options}\nx = 1\ny = 2\n```\n\nText.\n\n```text\nplain\n```\n"
    html = copy_buttons.add(markdown.markdown(source, extensions=["pymdownx.superfences", "pymdownx.highlight"]))
    assert len(_assert_one_button_each(html, options).blocks) == 2
