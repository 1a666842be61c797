"""`/// concept-graph`: the concept graph by area, drawn and indexed, complete without JavaScript.

A whole curriculum in one drawing is too large to read, so the block draws:
- a map of the areas (with two or more): one box per area, an arrow where concepts of one lead to
  concepts of another, thicker for more edges; a table under it gives the same counts as text;
- per area, its concepts in layers (layout.py): left to right, each after the concepts it needs;
  an edge to or from another area ends at a dashed box naming that area, linked to its section;
- per area, an index entry per concept, anchored, that opens to its neighbourhood: its page, what
  comes before it and what it leads to, each linked to that concept's own entry.
A search box (concept-graph.js) filters the index; without JavaScript the index is all there, and a
browser's find-in-page opens the entry it finds.
"""

import xml.etree.ElementTree as etree

from markdown.util import AtomicString

from hooks.authoring import assets
from hooks.authoring.scan import find_bare_blocks
from hooks.authoring.site import Page, Site, SiteBlocks
from hooks.cache.store import BuildCache
from hooks.graph import area_index, concept_graph, drawing
from hooks.graph.areas import Area, areas, crossings, direct, pairs, slug_of
from hooks.graph.svg_links import SvgLinksExtension


def configure(site: Site) -> None:
    site.config.markdown_extensions += [SiteBlocks(site, ConceptGraph), SvgLinksExtension()]
    assets.publish(site, __file__, "concept-graph.css", "concept-graph.js")


def check(page: Page) -> None:
    """`/// concept-graph` takes neither a title nor options: refuse them rather than lose the block."""
    find_bare_blocks(page, {ConceptGraph.NAME})


def anchor(key: str) -> str:
    """The id of the concept's entry in the index."""
    return "concept-" + key.replace("/", "--")


def area_anchor(slug: str) -> str:
    return f"area-{slug or 'none'}"


class ConceptGraph(concept_graph.GraphBlock):
    NAME = "concept-graph"

    def on_create(self, parent: etree.Element) -> etree.Element:
        wrapper = etree.SubElement(parent, "div", {"class": "concept-graph"})
        lead = etree.SubElement(wrapper, "div", {"class": "concept-graph__lead"})
        site = self.site
        found = areas(site)
        edges = pairs(site)
        titles = {area.slug: area.title for area in found}
        if len(found) > 1:
            _overview(site, wrapper, found, titles)
        _search(wrapper)
        for area in found:
            _area_section(site, wrapper, area, edges, titles)
        return lead


def _overview(site: Site, parent: etree.Element, found: list[Area], titles: dict[str, str]) -> None:
    counts = crossings(site)
    figure = etree.SubElement(parent, "figure", {"class": "concept-graph__overview"})
    nodes = {
        area.slug: drawing.Node(
            f"{area.title} · {len(area.keys)} concepts", f"#{area_anchor(area.slug)}", "concept-graph__area-node"
        )
        for area in found
    }
    edges = {
        pair: {
            "data-from": pair[0],
            "data-to": pair[1],
            "data-count": str(count),
            # Thicker for more edges, within reason: 1.5 to 6 units.
            "style": f"stroke-width: {min(6, 1.5 + count / 4):g}",
        }
        for pair, count in sorted(counts.items())
    }
    # Areas in layers by the longest chain of areas before them, in the order areas() gives; an edge against
    # that order (areas that lead into each other) is drawn backwards.
    layer = {}
    for area in found:
        before = [layer[source] for source, target in counts if target == area.slug and source in layer]
        layer[area.slug] = 1 + max(before, default=-1)
    label = "The areas and how their concepts lead into each other"
    drawing.draw(figure, "concept-graph-areas", label, nodes, edges, layer, BuildCache.of_project(site.config))
    caption = etree.SubElement(figure, "figcaption")
    caption.text = "Each arrow leads from an area to one whose concepts need its concepts; the table counts them."
    table = etree.SubElement(parent, "table", {"class": "concept-graph__area-table"})
    head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
    for heading in ("Area", "Concepts", "Needs concepts of", "Leads to concepts of"):
        etree.SubElement(head, "th", {"scope": "col"}).text = heading
    body = etree.SubElement(table, "tbody")
    for area in found:
        row = etree.SubElement(body, "tr")
        _area_link(etree.SubElement(row, "th", {"scope": "row"}), area.slug, titles)
        etree.SubElement(row, "td").text = str(len(area.keys))
        before = [(source, count) for (source, target), count in sorted(counts.items()) if target == area.slug]
        after = [(target, count) for (source, target), count in sorted(counts.items()) if source == area.slug]
        for related in (before, after):
            _area_counts(etree.SubElement(row, "td"), related, titles)


def _area_link(parent: etree.Element, slug: str, titles: dict[str, str]) -> etree.Element:
    link = etree.SubElement(parent, "a", {"href": f"#{area_anchor(slug)}"})
    link.text = AtomicString(titles[slug])
    return link


def _area_counts(cell: etree.Element, related: list[tuple[str, int]], titles: dict[str, str]) -> None:
    """`Area (n), Area (m)` for each related area and its number of edges; `none` for none."""
    if not related:
        cell.text = "none"
    for index, (slug, count) in enumerate(related):
        _area_link(cell, slug, titles).tail = f" ({count})" + (", " if index < len(related) - 1 else "")


def _search(parent: etree.Element) -> None:
    """The search box, hidden until concept-graph.js makes it work."""
    form = etree.SubElement(parent, "form", {"class": "concept-graph__search", "role": "search", "hidden": "hidden"})
    label = etree.SubElement(form, "label", {"for": "concept-graph-find"})
    label.text = "Find a concept"
    etree.SubElement(form, "input", {"type": "search", "id": "concept-graph-find", "autocomplete": "off"})
    etree.SubElement(form, "p", {"class": "concept-graph__found", "role": "status", "aria-live": "polite"})


def _area_section(site: Site, parent: etree.Element, area: Area, edges: dict, titles: dict[str, str]) -> None:
    section = etree.SubElement(parent, "section", {"class": "concept-graph__area", "id": area_anchor(area.slug)})
    heading = etree.SubElement(section, "h2")
    heading.text = AtomicString(area.title)
    summary = etree.SubElement(section, "p")
    summary.text = f"{len(area.keys)} concepts. "
    index_page = area_index.page_of(site, area.slug)
    if index_page:
        link = etree.SubElement(summary, "a", {"href": concept_graph.href_to(site, index_page)})
        link.text = AtomicString(f"{area.title}, in prerequisite order")
        link.tail = "."
    figure = etree.SubElement(section, "figure", {"class": "concept-graph__area-figure"})
    elsewhere = _area_drawing(site, figure, area, edges, titles)
    caption = etree.SubElement(figure, "figcaption")
    caption.text = "Left to right, each concept after the concepts it needs" + (
        "; a dashed box stands for another area's concepts." if elsewhere else "."
    )
    _index(site, section, area, edges)


def _area_drawing(site: Site, figure: etree.Element, area: Area, edges: dict, titles: dict[str, str]) -> bool:
    """The area's concepts in layers; edges to other areas end at one dashed box per area and direction.

    Whether there are such boxes."""
    by_key = site.state(concept_graph.Graph).by_key
    members = set(area.keys)
    layer = {key: area.layer[key] + 1 for key in area.keys}
    drawn, away = {}, {}
    for (source, target), kinds in edges.items():
        inside = (source in members, target in members)
        if inside == (True, True):
            drawn[(source, target)] = {"data-from": source, "data-to": target, "data-kinds": " ".join(kinds)}
        elif inside == (False, True):
            ghost = ("from", slug_of(source))
            away.setdefault((ghost, target), []).append(source)
            layer[ghost] = min(layer.get(ghost, layer[target]), layer[target] - 1)
        elif inside == (True, False):
            ghost = ("to", slug_of(target))
            away.setdefault((source, ghost), []).append(target)
            layer[ghost] = max(layer.get(ghost, layer[source]), layer[source] + 1)
    for (source, target), others in away.items():
        ghost, key = (source, target) if isinstance(source, tuple) else (target, source)
        drawn[(source, target)] = {
            "data-to" if ghost is source else "data-from": key,
            "data-away": ghost[1],
            "data-count": str(len(others)),
        }
    ghosts = sorted({node for node in layer if isinstance(node, tuple)})
    nodes = {}
    for ghost in (g for g in ghosts if g[0] == "from"):
        nodes[ghost] = _ghost(ghost, titles)
    for key in area.keys:
        nodes[key] = drawing.Node(by_key[key].title, concept_graph.href(site, key), data={"data-concept": key})
    for ghost in (g for g in ghosts if g[0] == "to"):
        nodes[ghost] = _ghost(ghost, titles)
    order = sorted(nodes, key=lambda node: layer[node])
    drawn = {edge: drawn[edge] for edge in direct(order, drawn)}
    first = min(layer[node] for node in nodes)
    label = f"The concepts of {area.title}"
    layers = {node: layer[node] - first for node in nodes}
    drawing.draw(
        figure, area_anchor(area.slug) + "-graph", label, nodes, drawn, layers, BuildCache.of_project(site.config)
    )
    return bool(ghosts)


def _ghost(ghost: tuple[str, str], titles: dict[str, str]) -> drawing.Node:
    direction, slug = ghost
    words = "From" if direction == "from" else "On to"
    return drawing.Node(
        f"{words} {titles[slug]}", f"#{area_anchor(slug)}", "concept-graph__node concept-graph__node--away"
    )


def _index(site: Site, section: etree.Element, area: Area, edges: dict) -> None:
    """One entry per concept, in prerequisite order, each opening to its neighbourhood."""
    before, after = {}, {}
    for source, target in edges:
        after.setdefault(source, []).append(target)
        before.setdefault(target, []).append(source)
    by_key = site.state(concept_graph.Graph).by_key
    listing = etree.SubElement(section, "ul", {"class": "concept-graph__index"})
    for key in area.keys:
        item = etree.SubElement(listing, "li", {"id": anchor(key), "data-concept": key})
        details = etree.SubElement(item, "details")
        summary = etree.SubElement(details, "summary")
        summary.text = AtomicString(by_key[key].title)
        concept_graph.link(site, etree.SubElement(details, "p"), key).tail = (
            f" · {by_key[key].summary}" if by_key[key].summary else ""
        )
        for label, related in (("Comes after", before.get(key, [])), ("Leads to", after.get(key, []))):
            line = etree.SubElement(details, "p")
            line.text = f"{label}: " if related else f"{label}: nothing."
            for number, other in enumerate(related):
                link = etree.SubElement(line, "a", {"href": f"#{anchor(other)}"})
                link.text = AtomicString(by_key[other].title)
                link.tail = ", " if number < len(related) - 1 else "."
