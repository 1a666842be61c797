"""`/// concept-graph`: the whole concept graph as an SVG figure, with the same links as a list.

Concepts stand in columns, left to right by how many prerequisites lie under
them; an arrow joins each pair of concepts that a page's `builds_on`,
`prerequisites` or `next` joins. Every node links to its page. The figure is
for the eye and the pointer; the list under it carries the same links for
keyboards and screen readers, so the figure is hidden from them.
"""

import textwrap
import xml.etree.ElementTree as etree

from markdown.util import AtomicString

from hooks.authoring import assets
from hooks.authoring.scan import find_bare_blocks
from hooks.authoring.site import Page, Site, SiteBlocks
from hooks.graph import concept_graph

# Layout in SVG user units.
NODE_WIDTH, LINE_HEIGHT, PADDING, CHARS_PER_LINE = 200, 18, 12, 24
COLUMN_GAP, ROW_GAP, MARGIN = 80, 28, 8
# Each line's tspan moves down a line height to its baseline; starting this much higher centres the text.
BASELINE_LIFT = 4
ARROW = "concept-graph-arrow"
# Where a concept stands in the figure: x, y, and the lines of its title.
Place = tuple[float, float, list[str]]


def configure(site: Site) -> None:
    site.config.markdown_extensions.append(SiteBlocks(site, ConceptGraph))
    assets.publish(site.config, __file__, "concept-graph.css")


def check(page: Page) -> None:
    """`/// concept-graph` takes neither a title nor options: refuse them rather than lose the block."""
    find_bare_blocks(page, {ConceptGraph.NAME})


def layout(site: Site) -> tuple[dict[str, Place], float, float]:
    """{key: (x, y, lines of the title)} and the figure's width and height."""
    depths, by_key = concept_graph.depths(site), site.state(concept_graph.Graph).by_key
    columns = {}
    for key in sorted(depths, key=lambda k: (depths[k], by_key[k].title)):
        columns.setdefault(depths[key], []).append(key)
    lines = {key: textwrap.wrap(by_key[key].title, CHARS_PER_LINE) for key in depths}
    height_of = {key: 2 * PADDING + LINE_HEIGHT * len(lines[key]) for key in depths}
    column_height = {d: sum(height_of[k] for k in keys) + ROW_GAP * (len(keys) - 1) for d, keys in columns.items()}
    height = max(column_height.values(), default=0) + 2 * MARGIN
    width = len(columns) * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP + 2 * MARGIN
    places = {}
    for depth, keys in columns.items():
        x, y = MARGIN + depth * (NODE_WIDTH + COLUMN_GAP), (height - column_height[depth]) / 2
        for key in keys:
            places[key] = (x, y, lines[key])
            y += height_of[key] + ROW_GAP
    return places, width, height


def pairs(site: Site) -> dict[tuple[str, str], list[str]]:
    """{(from key, to key): [front matter keys that draw this edge]}, in page order."""
    found = {}
    for concept in site.state(concept_graph.Graph).by_key.values():
        for source, target, kind in concept.edges():
            found.setdefault((source, target), []).append(kind)
    return found


class ConceptGraph(concept_graph.GraphBlock):
    NAME = "concept-graph"

    def on_create(self, parent: etree.Element) -> etree.Element:
        wrapper = etree.SubElement(parent, "div", {"class": "concept-graph"})
        lead = etree.SubElement(wrapper, "div", {"class": "concept-graph__lead"})
        figure = etree.SubElement(wrapper, "figure")
        places, width, height = layout(self.site)
        svg = etree.SubElement(
            figure,
            "svg",
            {
                "class": "concept-graph__svg",
                "viewBox": f"0 0 {width} {height}",
                "width": str(width),
                "height": str(height),
                "aria-hidden": "true",
            },
        )
        _arrowhead(svg)
        for (source, target), kinds in pairs(self.site).items():
            etree.SubElement(
                svg,
                "path",
                {
                    "class": "concept-graph__edge",
                    "data-from": source,
                    "data-to": target,
                    "data-kinds": " ".join(kinds),
                    "d": _curve(places[source], places[target]),
                    "marker-end": f"url(#{ARROW})",
                },
            )
        for key, (x, y, lines) in places.items():
            _node(self.site, svg, key, x, y, lines)
        caption = etree.SubElement(figure, "figcaption")
        caption.text = "Each arrow points from a concept to one that builds on it or comes after it."
        _as_list(self.site, wrapper, places)
        return lead


def _arrowhead(svg: etree.Element) -> None:
    marker = etree.SubElement(
        etree.SubElement(svg, "defs"),
        "marker",
        {
            "id": ARROW,
            "viewBox": "0 0 10 10",
            "refX": "10",
            "refY": "5",
            "markerWidth": "8",
            "markerHeight": "8",
            "orient": "auto",
        },
    )
    etree.SubElement(marker, "path", {"class": "concept-graph__arrowhead", "d": "M0,0 L10,5 L0,10 z"})


def _curve(source: Place, target: Place) -> str:
    """A curve from the right side of the source node to the left side of the target node."""
    (x1, y1, lines1), (x2, y2, lines2) = source, target
    start = (x1 + NODE_WIDTH, y1 + PADDING + LINE_HEIGHT * len(lines1) / 2)
    end = (x2, y2 + PADDING + LINE_HEIGHT * len(lines2) / 2)
    bend = max(COLUMN_GAP / 2, abs(end[0] - start[0]) / 2)
    return (
        f"M{start[0]:g},{start[1]:g} C{start[0] + bend:g},{start[1]:g} "
        f"{end[0] - bend:g},{end[1]:g} {end[0]:g},{end[1]:g}"
    )


def _node(site: Site, svg: etree.Element, key: str, x: float, y: float, lines: list[str]) -> None:
    """The concept's box and title, one link to its page (kept out of the tab order: the list has it)."""
    anchor = etree.SubElement(
        svg,
        "a",
        {
            "class": "concept-graph__node",
            "href": concept_graph.href(site, key),
            "data-concept": key,
            "tabindex": "-1",
        },
    )
    etree.SubElement(
        anchor,
        "rect",
        {
            "x": f"{x:g}",
            "y": f"{y:g}",
            "width": str(NODE_WIDTH),
            "height": str(2 * PADDING + LINE_HEIGHT * len(lines)),
            "rx": "6",
        },
    )
    text = etree.SubElement(anchor, "text", {"x": f"{x + NODE_WIDTH / 2:g}", "y": f"{y + PADDING - BASELINE_LIFT:g}"})
    for line in lines:
        span = etree.SubElement(text, "tspan", {"x": f"{x + NODE_WIDTH / 2:g}", "dy": str(LINE_HEIGHT)})
        span.text = AtomicString(line)


def _as_list(site: Site, parent: etree.Element, places: dict[str, Place]) -> None:
    """The same graph as text: each concept, linked, and the concepts it leads to."""
    listing = etree.SubElement(parent, "ul", {"class": "concept-graph__list"})
    leads_to = {}
    for source, target in pairs(site):
        leads_to.setdefault(source, []).append(target)
    for key in places:
        item = etree.SubElement(listing, "li")
        targets = leads_to.get(key, [])
        concept_graph.link(site, item, key).tail = " leads to " if targets else ": nothing comes after it yet."
        for index, target in enumerate(targets):
            concept_graph.link(site, item, target).tail = ", " if index < len(targets) - 1 else "."
