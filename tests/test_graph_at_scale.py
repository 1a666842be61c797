"""The concept graph of a generated curriculum of 500 concepts in 10 areas, read back from the built pages.

Expected edges come from the generated front matter, not from the hooks. The geometry is read from the SVG
the build wrote: boxes, the lines of their titles and the paths of the edges.
"""

import posixpath
import re
import xml.etree.ElementTree as etree
from collections import Counter

import pytest

from hooks.graph.drawing import FONT_SIZE, LINE_HEIGHT, PADDING, SMALLEST_READABLE
from hooks.graph.svg_links import XLINK
from tests.conftest import make_project, mkdocs_build
from tests.graph_curriculum import concepts, pages

COUNT, AREAS = 500, 10
XLINK_HREF = f"{{{XLINK}}}href"
SVG = re.compile(r'<svg aria-labelledby="([^"]+)" class="concept-graph__svg".*?</svg>', re.S)
# A character of the titles' sans-serif face is at most this wide on average, in em.
CHARACTER_WIDTH = 0.6


def area(key):
    return key.split("/")[0]


@pytest.fixture(scope="module")
def curriculum():
    return concepts(COUNT, AREAS)


@pytest.fixture(scope="module")
def edges(curriculum):
    """{(earlier, later)} of every front matter edge."""
    found = set()
    for data in curriculum:
        for kind in ("builds_on", "prerequisites", "next"):
            value = data.get(kind) or []
            for target in [value] if isinstance(value, str) else value:
                found.add((data["concept"], target) if kind == "next" else (target, data["concept"]))
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("curriculum")
    docs = {**pages(COUNT, AREAS), "concept-graph.md": "# Concept graph\n\n/// concept-graph\n///\n"}
    # Only the graph in the navigation: Material's navigation of 500 pages would dominate the build time.
    config = make_project(root, docs, config_edit=lambda text: text + "\nnav:\n  - concept-graph.md\n")
    done = mkdocs_build(config, root / "site")
    assert done.returncode == 0, done.stderr
    return root / "site"


@pytest.fixture(scope="module")
def graph_page(site):
    return (site / "concept-graph" / "index.html").read_text()


@pytest.fixture(scope="module")
def drawings(graph_page):
    """{svg title id: parsed <svg>}."""
    return {name: etree.fromstring(found.group(0)) for found in SVG.finditer(graph_page) for name in [found.group(1)]}


def boxes(svg):
    """[(x, y, width, height, node link)] of every box."""
    found = []
    for link in svg.iter("a"):
        rect = link.find("rect")
        found.append((*(float(rect.get(k)) for k in ("x", "y", "width", "height")), link))
    return found


def overlaps(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def path_points(d, steps=16):
    """Points along an SVG path of M, C and L commands."""
    tokens = [
        tuple(map(float, pair.split(","))) if "," in pair else pair for pair in re.findall(r"[MCL]|[-\d.]+,[-\d.]+", d)
    ]
    points, current, index = [], None, 0
    while index < len(tokens):
        command = tokens[index]
        if command in ("M", "L"):
            current = tokens[index + 1]
            points.append(current)
            index += 2
        else:
            c1, c2, end = tokens[index + 1 : index + 4]
            for step in range(1, steps + 1):
                t = step / steps
                points.append(
                    tuple(
                        (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t**2 * p2 + t**3 * p3
                        for p0, p1, p2, p3 in zip(current, c1, c2, end, strict=True)
                    )
                )
            current = end
            index += 4
    return points


def test_boxes_and_their_titles_never_overlap(drawings):
    assert len(drawings) == AREAS + 1
    for name, svg in drawings.items():
        found = boxes(svg)
        for n, box in enumerate(found):
            assert not any(overlaps(box, other) for other in found[n + 1 :]), name
            _, _, width, height, link = box
            lines = [span.text for span in link.iter("tspan")]
            assert LINE_HEIGHT * len(lines) <= height - 2 * PADDING + 0.01, (name, lines)
            for line in lines:
                assert len(line) * CHARACTER_WIDTH * FONT_SIZE <= width - 2 * PADDING, (name, line)


def test_no_edge_passes_through_a_box(drawings):
    for name, svg in drawings.items():
        found = boxes(svg)
        columns = {}
        for box in found:
            columns.setdefault(box[0], []).append(box)
        for path in svg.iter("path"):
            if path.get("class") != "concept-graph__edge":
                continue
            for px, py in path_points(path.get("d")):
                for left, column in columns.items():
                    if left + 0.5 < px < left + column[0][2] - 0.5:
                        inside = [b for b in column if b[1] + 0.5 < py < b[1] + b[3] - 0.5]
                        assert not inside, (name, path.get("data-from"), path.get("data-to"), px, py)


def reachable(pairs):
    later = {}
    for source, target in pairs:
        later.setdefault(source, set()).add(target)

    def below(node):
        seen, stack = set(), list(later.get(node, ()))
        while stack:
            other = stack.pop()
            if other not in seen:
                seen.add(other)
                stack.extend(later.get(other, ()))
        return seen

    return below


def test_every_edge_is_drawn_or_implied_by_a_drawn_path_and_no_other(drawings, edges):
    for slug in sorted({area(a) for a, _ in edges}):
        svg = drawings[f"area-{slug}-graph-title"]
        drawn = set()
        for path in svg.iter("path"):
            if path.get("class") != "concept-graph__edge":
                continue
            away = path.get("data-away")
            source = path.get("data-from") or f"from {away}"
            target = path.get("data-to") or f"to {away}"
            drawn.add((source, target))
        expected = set()
        for source, target in edges:
            if area(source) == area(target) == slug:
                expected.add((source, target))
            elif area(target) == slug:
                expected.add((f"from {area(source)}", target))
            elif area(source) == slug:
                expected.add((source, f"to {area(target)}"))
        assert drawn <= expected, slug
        below = reachable(drawn)
        assert all(target in below(source) for source, target in expected), slug


def test_every_concept_has_one_linked_box_and_an_index_entry_with_its_neighbours(site, graph_page, drawings, edges):
    linked = Counter()
    for svg in drawings.values():
        for link in svg.iter("a"):
            if link.get("data-concept"):
                linked[link.get("data-concept")] += 1
                target = posixpath.normpath(posixpath.join("concept-graph/", link.get(XLINK_HREF)))
                assert (site / target / "index.html").is_file(), link.get(XLINK_HREF)
    keys = {data["concept"] for data in concepts(COUNT, AREAS)}
    assert linked == Counter(keys)
    before, after = {}, {}
    for source, target in edges:
        after.setdefault(source, set()).add(target)
        before.setdefault(target, set()).add(source)
    entries = re.findall(r'<li data-concept="([^"]+)" id="([^"]+)">(.*?)</li>', graph_page, re.S)
    assert sorted(key for key, _, _ in entries) == sorted(keys)
    anchor_of = {key: anchor for key, anchor, _ in entries}
    for key, _, entry in entries:
        comes_after, leads_to = re.findall(r"<p>(?:Comes after|Leads to): (.*?)</p>", entry, re.S)
        assert set(re.findall(r'href="#([^"]+)"', comes_after)) == {anchor_of[k] for k in before.get(key, ())}
        assert set(re.findall(r'href="#([^"]+)"', leads_to)) == {anchor_of[k] for k in after.get(key, ())}
        assert f'data-concept="{key}" href="../{key}/"' in entry


def test_the_map_of_areas_counts_the_edges_between_them(drawings, edges):
    expected = Counter((area(a), area(b)) for a, b in edges if area(a) != area(b))
    svg = drawings["concept-graph-areas-title"]
    drawn = {
        (path.get("data-from"), path.get("data-to")): int(path.get("data-count"))
        for path in svg.iter("path")
        if path.get("class") == "concept-graph__edge"
    }
    assert drawn == dict(expected)


def test_the_drawings_stay_small_and_their_text_readable_on_a_narrow_screen(drawings):
    for name, svg in drawings.items():
        width, height = float(svg.get("width")), float(svg.get("height"))
        # One area's drawing, not the whole curriculum's: the old single drawing was 4,688 x 6,018.
        assert width <= 6000 and height <= 1600, (name, width, height)
        min_width = float(re.match(r"min-width: (\d+)px", svg.get("style")).group(1))
        assert min_width / width * FONT_SIZE >= SMALLEST_READABLE


def test_each_area_has_an_index_page_in_prerequisite_order(site, curriculum, edges):
    for slug in sorted({area(data["concept"]) for data in curriculum}):
        html = (site / slug / "index.html").read_text()
        listing = html[html.index('class="area-index__list"') : html.index("</ol>", html.index("area-index__list"))]
        order = re.findall(r'<li data-concept="([^"]+)">', listing)
        assert sorted(order) == sorted(d["concept"] for d in curriculum if area(d["concept"]) == slug)
        position = {key: n for n, key in enumerate(order)}
        for source, target in edges:
            if area(source) == area(target) == slug:
                assert position[source] < position[target], (source, target)
