"""A layered layout drawn as SVG: one linked box per node, one arrow per edge, left to right by layer.

Every box of a drawing has the same size and the layout (layout.py) keeps a gap
between boxes and lanes; a title is wrapped to fit its box and cut
after a few lines (the full title stays in the link's `<title>`). Between layers
an edge is a curve that stays in the gap between columns; across a layer it runs
straight along the lane the layout kept for it.
"""

import math
import textwrap
import xml.etree.ElementTree as etree
from collections.abc import Hashable
from dataclasses import dataclass, field

from markdown.util import AtomicString

from hooks.cache.store import BuildCache
from hooks.graph.layout import Layout, layered

# SVG user units. Titles are wrapped at CHARS_PER_LINE: at 0.6 em a character they fit inside the padding.
NODE_WIDTH, LINE_HEIGHT, PADDING, CHARS_PER_LINE, MAX_LINES = 200, 18, 10, 20, 3
FONT_SIZE, SMALLEST_READABLE = 14, 11
COLUMN_GAP, ROW_GAP, MARGIN = 72, 16, 8
# The height an edge takes where it passes a layer: lines this far apart stay easy to follow.
LANE = 14
# Each line's tspan moves down a line height to its baseline; starting this much higher centres the text.
BASELINE_LIFT = 4


@dataclass(frozen=True)
class Node:
    title: str
    href: str
    css_class: str = "concept-graph__node"
    data: dict = field(default_factory=dict)

    def lines(self) -> list[str]:
        lines = textwrap.wrap(self.title, CHARS_PER_LINE) or [""]
        if len(lines) > MAX_LINES:
            rest = " ".join(lines[MAX_LINES - 1 :])
            lines = [*lines[: MAX_LINES - 1], textwrap.shorten(rest, CHARS_PER_LINE, placeholder=" …")]
        return lines


def draw(
    parent: etree.Element,
    name: str,
    label: str,
    nodes: dict,
    edges: dict,
    layers: dict | None = None,
    cache: BuildCache | None = None,
) -> etree.Element:
    """An `<svg>` in `parent`: `nodes` {node: Node}, `edges` {(a, b): {attribute: value}}, ids prefixed `name`.

    `layers` ({node: layer}) fixes each node's layer; without, the layout picks them. `cache` keeps the layout.
    """
    lines = {node: spec.lines() for node, spec in nodes.items()}
    height_of_box = 2 * PADDING + LINE_HEIGHT * max((len(found) for found in lines.values()), default=1)
    layout = layered(list(nodes), list(edges), layers, box=height_of_box + ROW_GAP, lane=LANE, cache=cache)
    grid = Grid(layout, height_of_box)
    svg = etree.SubElement(
        parent,
        "svg",
        {
            "class": "concept-graph__svg",
            "viewBox": f"0 0 {grid.width:g} {grid.height:g}",
            "width": f"{grid.width:g}",
            "height": f"{grid.height:g}",
            "role": "group",
            "aria-labelledby": f"{name}-title",
            # Shrunk to fit a narrow screen, text stays readable: below this width the figure scrolls instead.
            "style": f"min-width: {math.ceil(grid.width * SMALLEST_READABLE / FONT_SIZE)}px",
        },
    )
    etree.SubElement(svg, "title", {"id": f"{name}-title"}).text = AtomicString(label)
    arrow = f"{name}-arrow"
    _arrowhead(svg, arrow)
    for (source, target), attributes in edges.items():
        etree.SubElement(
            svg,
            "path",
            {
                "class": "concept-graph__edge",
                **attributes,
                "d": grid.path(source, target),
                "marker-end": f"url(#{arrow})",
            },
        )
    for node, spec in nodes.items():
        _node(svg, spec, lines[node], *grid.box(node))
    return svg


class Grid:
    """Where the layout's layers and centres are in user units."""

    def __init__(self, layout: Layout, box_height: float) -> None:
        self.layout, self.box_height = layout, box_height
        self.width = 2 * MARGIN + layout.layers * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP
        self.height = 2 * MARGIN + layout.height

    def left(self, layer: int) -> float:
        return MARGIN + layer * (NODE_WIDTH + COLUMN_GAP)

    def middle(self, y: float) -> float:
        return MARGIN + y

    def box(self, node: Hashable) -> tuple[float, float, float, float]:
        """(x, y, width, height) of the node's box."""
        layer, y = self.layout.place[node]
        return self.left(layer), self.middle(y) - self.box_height / 2, NODE_WIDTH, self.box_height

    def path(self, source: Hashable, target: Hashable) -> str:
        """From the source box's side facing the target, through the edge's cells, into the target's side."""
        (from_layer, from_row), (to_layer, to_row) = self.layout.place[source], self.layout.place[target]
        forward = to_layer > from_layer
        cells = sorted(self.layout.route[(source, target)], key=lambda cell: cell[0], reverse=not forward)

        def leaving(layer: int) -> float:
            return self.left(layer) + (NODE_WIDTH if forward else 0)

        def entering(layer: int) -> float:
            return self.left(layer) + (0 if forward else NODE_WIDTH)

        x, y = leaving(from_layer), self.middle(from_row)
        if from_layer == to_layer:
            # Two nodes of one layer (areas that lead into each other): a loop through the gap on the right.
            x1, y1, out = self.left(to_layer) + NODE_WIDTH, self.middle(to_row), x + COLUMN_GAP / 2
            return f"M{x:g},{y:g} C{out:g},{y:g} {out:g},{y1:g} {x1:g},{y1:g}"
        parts = [f"M{x:g},{y:g}"]
        for layer, row in [*cells, (to_layer, to_row)]:
            x1, y1 = entering(layer), self.middle(row)
            bend = (x + x1) / 2
            parts.append(f"C{bend:g},{y:g} {bend:g},{y1:g} {x1:g},{y1:g}")
            x, y = x1, y1
            if (layer, row) != (to_layer, to_row):
                x = leaving(layer)
                parts.append(f"L{x:g},{y:g}")
        return " ".join(parts)


def _arrowhead(svg: etree.Element, arrow: str) -> None:
    marker = etree.SubElement(
        etree.SubElement(svg, "defs"),
        "marker",
        {
            "id": arrow,
            "viewBox": "0 0 10 10",
            "refX": "10",
            "refY": "5",
            # In user units: a thicker line keeps the same arrowhead.
            "markerUnits": "userSpaceOnUse",
            "markerWidth": "10",
            "markerHeight": "10",
            "orient": "auto",
        },
    )
    etree.SubElement(marker, "path", {"class": "concept-graph__arrowhead", "d": "M0,0 L10,5 L0,10 z"})


def _node(svg: etree.Element, spec: Node, lines: list[str], x: float, y: float, width: float, height: float) -> None:
    """The node's box and title, one link."""
    anchor = etree.SubElement(svg, "a", {"class": spec.css_class, "href": spec.href, **spec.data})
    if " ".join(lines) != spec.title:
        # The box shows a shortened title: the link's name and tooltip keep it whole.
        anchor.set("aria-label", spec.title)
        etree.SubElement(anchor, "title").text = AtomicString(spec.title)
    etree.SubElement(
        anchor, "rect", {"x": f"{x:g}", "y": f"{y:g}", "width": f"{width:g}", "height": f"{height:g}", "rx": "6"}
    )
    top = y + (height - LINE_HEIGHT * len(lines)) / 2 - BASELINE_LIFT
    text = etree.SubElement(anchor, "text", {"x": f"{x + width / 2:g}", "y": f"{top:g}"})
    for line in lines:
        span = etree.SubElement(text, "tspan", {"x": f"{x + width / 2:g}", "dy": str(LINE_HEIGHT)})
        span.text = AtomicString(line)
