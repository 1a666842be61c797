"""`/// learning-map` and `/// builds-on`: where a concept page comes from and where it leads, linked.

Both render from the concept graph (concept_graph.py, beside this module), that is from the
front matter's `builds_on`, `prerequisites` and `next`, so a page never holds a
hand-typed link to a neighbour. A concept page with neighbours that places no
learning map gets one at its end.
"""

import xml.etree.ElementTree as etree

from markdown.util import AtomicString

from hooks.authoring.scan import find_bare_blocks
from hooks.authoring.site import Page, Site, SiteBlocks
from hooks.graph import concept_graph

# The learning map's groups: front matter key, and what the group says of its concepts.
GROUPS = (("builds_on", "Builds on"), ("prerequisites", "Comes after"), ("next", "Leads to"))
SECTION = "## Learning map { #learning-map }\n"


def configure(site: Site) -> None:
    site.config.markdown_extensions.append(SiteBlocks(site, LearningMap, BuildsOn))


def place(page: Page, markdown: str) -> str:
    """`markdown`, with a learning map at its end if the page has neighbours and places none."""
    concept = concept_graph.of_current_page(page.site)
    placed = {}
    for header in find_bare_blocks(page, {LearningMap.NAME, BuildsOn.NAME}):
        placed.setdefault(header.name, header)
    if placed and concept is None:
        header = next(iter(placed.values()))
        raise page.error_at(
            header.line,
            f"`/// {header.name}` is on a page with no `concept`.",
            "add `concept:` and its `builds_on`, `prerequisites` or `next` to the front matter.",
        )
    if BuildsOn.NAME in placed and not concept.builds_on:
        raise page.error_at(
            placed[BuildsOn.NAME].line,
            "`/// builds-on` is on a page whose front matter has no `builds_on`.",
            "add `builds_on: area/concept` to the front matter, or remove the block.",
        )
    if concept is None or LearningMap.NAME in placed or not any(getattr(concept, kind) for kind, _ in GROUPS):
        return markdown
    return f"{markdown.rstrip()}\n\n{SECTION}\n/// {LearningMap.NAME}\n///\n"


class LearningMap(concept_graph.GraphBlock):
    NAME = "learning-map"

    def on_create(self, parent: etree.Element) -> etree.Element:
        concept = concept_graph.of_current_page(self.site)
        panel = etree.SubElement(parent, "div", {"class": "learning-map", "data-concept": concept.key})
        lead = etree.SubElement(panel, "div", {"class": "learning-map__lead"})
        edges = etree.SubElement(panel, "dl", {"class": "learning-map__edges"})
        for kind, label in GROUPS:
            if getattr(concept, kind):
                etree.SubElement(edges, "dt").text = label
            for edge in getattr(concept, kind):
                item = etree.SubElement(edges, "dd", {"data-edge": kind})
                anchor = concept_graph.link(self.site, item, edge.target, "learning-map__link")
                if edge.reason:
                    anchor.tail = ": "
                    reason = etree.SubElement(item, "span", {"class": "learning-map__reason"})
                    reason.text = AtomicString(edge.reason)
        return lead


class BuildsOn(concept_graph.GraphBlock):
    NAME = "builds-on"

    def on_create(self, parent: etree.Element) -> etree.Element:
        concept = concept_graph.of_current_page(self.site)
        wrapper = etree.SubElement(parent, "div", {"class": "concept-builds-on"})
        sentence = etree.SubElement(wrapper, "p")
        sentence.text = "Bring the mental model from "
        anchor = concept_graph.link(self.site, sentence, concept.builds_on[0].target)
        anchor.tail = "; this page will reuse it instead of restarting from zero."
        return wrapper
