"""The concept graph: front matter edges, the learning maps, the graph figure, and the build refusing a bad graph."""

import posixpath
import re

import yaml

from tests import harness
from tests.conftest import ROOT

DOCS = ROOT / "docs"
HREF = re.compile(r'<a class="[^"]*" data-concept="([^"]+)" href="([^"]+)"')
NODE = re.compile(r'<a class="concept-graph__node" data-concept="([^"]+)" xlink:href="([^"]+)"')
EDGE = re.compile(
    r'<path class="concept-graph__edge" d="[^"]+" data-from="([^"]+)" data-kinds="([^"]+)" data-to="([^"]+)"'
)


def front_matter(path):
    """The page's front matter, read here independently of the hooks."""
    return yaml.safe_load(path.read_text().split("---\n")[1])


def concept_pages():
    """{concept key: (front matter, the page's URL path under the site)} of every page in docs/."""
    found = {}
    for path in sorted(DOCS.rglob("*.md")):
        data = front_matter(path) if path.read_text().startswith("---\n") else {}
        if "concept" in data:
            found[data["concept"]] = (data, path.relative_to(DOCS).with_suffix("").as_posix() + "/")
    return found


def edge_targets(data, key):
    """The concept keys of a front matter edge key: `key` or `key: reason` items, or one key."""
    value = data.get(key) or []
    return [value] if isinstance(value, str) else [i if isinstance(i, str) else next(iter(i)) for i in value]


def resolves(built_site, page_url, href):
    """The built file an href of the page at `page_url` leads to, if it exists."""
    assert not href.startswith(("/", "http")), f"{href} is not relative"
    target = posixpath.normpath(posixpath.join(page_url, href))
    path = built_site / target / "index.html"
    return path if path.is_file() else None


def element(html, css_class):
    start = html.index(f'class="{css_class}"')
    return html[start : html.index("</dl>", start)]


# The real site.


def test_the_first_three_concept_pages_are_connected():
    pages = concept_pages()  # every concept page of docs/: a new one joins without an edit here
    assert set(pages) >= {
        "machine-learning/linear-regression",
        "machine-learning/logistic-regression",
        "machine-learning/classification-metrics",
    }
    logreg = pages["machine-learning/logistic-regression"][0]
    assert logreg["builds_on"] == "machine-learning/linear-regression"
    assert edge_targets(logreg, "prerequisites") == ["machine-learning/linear-regression"]
    assert edge_targets(logreg, "next") == ["machine-learning/classification-metrics"]


def test_every_learning_map_links_its_front_matter_edges_to_built_pages(built_site):
    pages = concept_pages()
    for key, (data, url) in pages.items():
        html = (built_site / url / "index.html").read_text()
        panel = element(html, "learning-map__edges") if "learning-map" in html else ""
        for kind in ("builds_on", "prerequisites", "next"):
            listed = re.findall(
                rf'<dd data-edge="{kind}"><a class="learning-map__link" data-concept="([^"]+)" href="([^"]+)"', panel
            )
            assert [target for target, _ in listed] == edge_targets(data, kind), (key, kind)
            for target, href in listed:
                assert resolves(built_site, url, href) == built_site / pages[target][1] / "index.html"


def test_the_learning_map_of_logistic_regression_keeps_the_seed_text_and_the_bridge(built_site):
    html = (built_site / "machine-learning" / "logistic-regression" / "index.html").read_text()
    panel = html[html.index('class="learning-map"') :]
    assert "What should feel connected as you move through this page." in panel.split("</dl>")[0]
    bridge = (
        "The next edge should feel earned: use the demo prediction here before following "
        "Classification Metrics, Thresholds, and Calibration."
    )
    assert (
        'href="../classification-metrics/">Classification Metrics, Thresholds, and Calibration</a>: '
        f'<span class="learning-map__reason">{bridge}</span>' in panel
    )
    assert (
        '<p>Bring the mental model from <a class="concept-link" data-concept="machine-learning/linear-regression" '
        'href="../linear-regression/">Linear Regression &amp; Least Squares</a>; this page will reuse it instead '
        "of restarting from zero.</p>"
    ) in html


def test_the_graph_has_one_linked_node_per_concept_page_and_the_front_matter_edges(built_site):
    # The Machine Learning area's drawing: its pages and the edges between them (other areas have their own).
    pages = {key: page for key, page in concept_pages().items() if key.startswith("machine-learning/")}
    html = (built_site / "concept-graph" / "index.html").read_text()
    start = html.index('aria-labelledby="area-machine-learning-graph-title"')
    svg = html[html.rindex("<svg", 0, start) : html.index("</svg>", start)]
    nodes = NODE.findall(svg)
    assert sorted(key for key, _ in nodes) == sorted(pages)
    for key, href in nodes:
        assert resolves(built_site, "concept-graph/", href) == built_site / pages[key][1] / "index.html"
    expected = set()
    for key, (data, _) in pages.items():
        expected |= {(t, key) for t in edge_targets(data, "builds_on") + edge_targets(data, "prerequisites")}
        expected |= {(key, t) for t in edge_targets(data, "next")}
    expected = {(source, target) for source, target in expected if source in pages and target in pages}
    drawn = [(source, target) for source, _, target in EDGE.findall(svg)]
    assert sorted(drawn) == sorted(expected) and len(drawn) == len(set(drawn))
    # The index: the same pages, linked, each in its own entry.
    index = html.index('class="concept-graph__index"', html.index("</svg>", start))
    listing = html[index : html.index("</ul>", index)]
    assert sorted(set(key for key, _ in HREF.findall(listing))) == sorted(pages)
    opening = svg.split(">", 1)[0]
    assert 'role="group"' in opening


def test_the_home_page_lists_every_concept_page_and_the_graph(built_site):
    html = (built_site / "index.html").read_text()
    for _, url in concept_pages().values():
        assert f'href="{url}"' in html
    assert 'href="concept-graph/"' in html


# Throwaway projects.


def page(concept, title, **edges):
    front = {"title": title, "concept": concept, **edges}
    return f"---\n{yaml.safe_dump(front, sort_keys=False)}---\n\n# {title}\n\nText.\n"


def test_a_page_that_places_no_learning_map_gets_one_at_its_end(tmp_path):
    html = harness.convert(
        tmp_path,
        {
            "a.md": page("x/a", "A", next=[{"x/b": "B follows."}]),
            "sub/b.md": page("x/b", "B", builds_on="x/a") + "\n/// builds-on\n///\n",
        },
    )
    a = html["a.md"]
    assert a.index("Text.") < a.index('id="learning-map"')
    assert 'href="../sub/b/">B</a>: <span class="learning-map__reason">B follows.</span>' in a
    b = html["sub/b.md"]
    assert 'Bring the mental model from <a class="concept-link" data-concept="x/a" href="../../a/">A</a>' in b


def test_links_follow_the_sites_url_style(tmp_path):
    html = harness.convert(
        tmp_path,
        {"a.md": page("x/a", "A", next=["x/b"]), "sub/b.md": page("x/b", "B"), "graph.md": "/// concept-graph\n///\n"},
        config_edit=lambda text: text + "\nuse_directory_urls: false\n",
    )
    assert 'data-concept="x/b" href="sub/b.html">B</a>' in html["a.md"]
    graph = html["graph.md"]
    assert 'data-concept="x/a" xlink:href="a.html"' in graph
    assert '<a href="x/index.html">X, in prerequisite order</a>' in graph
    assert 'data-from="x/a" data-kinds="next" data-to="x/b"' in graph


def test_an_area_index_page_the_author_wrote_gets_the_list_at_its_end(tmp_path):
    html = harness.convert(
        tmp_path,
        {
            "x/index.md": "# The X area\n\nWhy these concepts belong together.\n",
            "x/b.md": page("x/b", "B", prerequisites=["x/c"]),
            "x/c.md": page("x/c", "C"),
            "y/a.md": page("y/a", "A", next=["x/b"]),
        },
    )
    x = html["x/index.md"]
    assert x.index("Why these concepts belong together.") < x.index('class="area-index"')
    listing = x[x.index('class="area-index__list"') :]
    assert listing.index('data-concept="x/c"') < listing.index('data-concept="x/b"')
    assert 'After <a class="concept-link" data-concept="x/c" href="c/">C</a>, ' in listing
    assert '<a class="concept-link" data-concept="y/a" href="../y/a/">A</a>.' in listing
    # The area nobody wrote an index page for gets one.
    y = html["y/index.md"]
    assert '<h1 id="y">Y' in y and 'data-concept="y/a" href="a/">A</a>' in y


def test_every_graph_problem_is_reported_at_once_with_its_file_and_line(tmp_path):
    message = harness.refusal(
        tmp_path,
        {
            "a.md": page("x/a", "A", next=["x/nope"]),
            "b.md": page("x/a", "B"),
            "c.md": page("x/c", "C", builds_on="x/zzz"),
        },
    )
    assert message == (
        "the concept graph has 3 problems:\n"
        "  docs/b.md:3: the concept 'x/a' is already the concept of docs/a.md:3. "
        "Fix: give each page its own `concept` key.\n"
        "  docs/a.md:5: the front matter's `next` names the concept 'x/nope', which no page has. "
        "Fix: name the `concept` of a page in docs/.\n"
        "  docs/c.md:4: the front matter's `builds_on` names the concept 'x/zzz', which no page has. "
        "Fix: name the `concept` of a page in docs/."
    )


def test_the_concept_index_lists_every_area_and_its_concepts_in_order(tmp_path):
    html = harness.convert(
        tmp_path,
        {
            "index.md": "# Home\n\n/// concept-index\n///\n",
            "x/b.md": page("x/b", "B", builds_on="x/a"),
            "x/a.md": page("x/a", "A"),
            "y/c.md": page("y/c", "C", builds_on="x/b"),
        },
    )
    home = html["index.md"]
    headings = re.findall(r'<h3 data-area="([^"]+)"[^>]*><a href="([^"]+)">', home)
    assert headings == [("x", "x/"), ("y", "y/")]
    listed = re.findall(r'<li data-concept="([^"]+)">', home)
    assert listed == ["x/a", "x/b", "y/c"]  # each after what it builds on
    assert home.count('data-concept="x/b" href="x/b/"') == 2  # its entry, and "After" on C's
