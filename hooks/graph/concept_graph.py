"""The concept graph: each page's `concept`, the concept it builds on, its prerequisites and what comes next.

MkDocs reads a page's front matter only when it converts that page, but a
learning map links pages converted later. So the graph is read from every
page's front matter in on_nav, before any page is converted, and checked whole
there: an edge to a concept no page has, a concept key two pages claim, and a
cycle of prerequisites stop the build before any page is written.
"""

import difflib
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from markdown.util import AtomicString
from mkdocs.structure.files import Files
from mkdocs.utils.meta import get_data

from hooks.authoring import front_matter
from hooks.authoring.errors import AuthorError
from hooks.authoring.site import Page, Site, SiteBlock

EDGE_KEYS = ("builds_on", "prerequisites", "next")
FIRST_HEADING = re.compile(r"^# +(.+?) *$", re.M)


@dataclass(frozen=True)
class Edge:
    target: str
    reason: str
    line: int


@dataclass(frozen=True)
class Concept:
    key: str
    title: str
    src_uri: str
    src_path: str
    line: int
    builds_on: tuple
    prerequisites: tuple
    next: tuple

    def edges(self) -> Iterator[tuple[str, str, str]]:
        """(from key, to key, front matter key) of each edge this page declares, pointing forward."""
        for kind in EDGE_KEYS:
            for edge in getattr(self, kind):
                yield (self.key, edge.target, kind) if kind == "next" else (edge.target, self.key, kind)


@dataclass
class Graph:
    """The site's concepts by key and by page (path under docs/): `site.state(Graph)`."""

    by_key: dict[str, Concept] = field(default_factory=dict)
    by_page: dict[str, Concept] = field(default_factory=dict)


def collect(site: Site, files: Files) -> None:
    """Read and check every page's front matter, then the graph they make together."""
    graph = site.state(Graph)
    for file in files.documentation_pages():
        markdown, _ = get_data(file.content_string)
        page = site.read(file.page, markdown)
        data = front_matter.check(page)
        if "concept" in data:
            _add(graph, _read(page, data, markdown))
        elif any(key in data for key in EDGE_KEYS):
            key = next(key for key in EDGE_KEYS if key in data)
            raise AuthorError(
                page.src_path,
                front_matter.line_of(page, key),
                f"the front matter has `{key}` but no `concept`.",
                "add `concept: area/name`: only a concept page joins the concept graph.",
            )
    for concept in graph.by_key.values():
        _check_targets(graph, concept)
    _check_cycles(graph)


def _read(page: Page, data: dict[str, Any], markdown: str) -> Concept:
    heading = FIRST_HEADING.search(markdown)
    title = data.get("title") or (heading.group(1) if heading else page.mkdocs.file.name)
    edges = {kind: tuple(Edge(*found) for found in front_matter.edges(page, data, kind)) for kind in EDGE_KEYS}
    line = front_matter.line_of(page, "concept")
    return Concept(data["concept"].strip(), title, page.src_uri, page.src_path, line, **edges)


def _add(graph: Graph, concept: Concept) -> None:
    first = graph.by_key.get(concept.key)
    if first:
        raise AuthorError(
            concept.src_path,
            concept.line,
            f"the concept {concept.key!r} is already the concept of {first.src_path}:{first.line}.",
            "give each page its own `concept` key.",
        )
    graph.by_key[concept.key] = graph.by_page[concept.src_uri] = concept


def _check_targets(graph: Graph, concept: Concept) -> None:
    for kind in EDGE_KEYS:
        for edge in getattr(concept, kind):
            if edge.target not in graph.by_key:
                close = difflib.get_close_matches(edge.target, graph.by_key, 1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                raise AuthorError(
                    concept.src_path,
                    edge.line,
                    f"the front matter's `{kind}` names the concept {edge.target!r}, which no page has.",
                    f"{hint}name the `concept` of a page in docs/: {', '.join(sorted(graph.by_key))}.",
                )


def _check_cycles(graph: Graph) -> None:
    """Refuse prerequisites that lead back to where they started, naming the cycle."""
    done = set()

    def visit(concept: Concept, path: list[str]) -> None:
        for edge in concept.prerequisites:
            if edge.target in path:
                cycle = " → ".join([*path[path.index(edge.target) :], edge.target])
                raise AuthorError(
                    concept.src_path,
                    edge.line,
                    f"the prerequisites form a cycle: {cycle} (each needs the next first).",
                    "remove one prerequisite of the cycle: no concept can come before itself.",
                )
            if edge.target not in done:
                visit(graph.by_key[edge.target], [*path, edge.target])
        done.add(concept.key)

    for key in sorted(graph.by_key):
        if key not in done:
            visit(graph.by_key[key], [key])


def depths(site: Site) -> dict[str, int]:
    """{key: the length of the longest chain of prerequisites under the concept}; the graph has no cycle."""
    graph, found = site.state(Graph), {}

    def depth(key: str) -> int:
        if key not in found:
            found[key] = 1 + max((depth(e.target) for e in graph.by_key[key].prerequisites), default=-1)
        return found[key]

    return {key: depth(key) for key in graph.by_key}


def of_current_page(site: Site) -> Concept | None:
    return site.state(Graph).by_page.get(site.page.src_uri)


def href(site: Site, key: str) -> str:
    """The concept's Markdown file, relative to the current page: MkDocs turns it into the page's URL."""
    here = posixpath.dirname(site.page.src_uri) or "."
    return posixpath.relpath(site.state(Graph).by_key[key].src_uri, here)


def link(site: Site, parent: etree.Element, key: str, css_class: str = "concept-link") -> etree.Element:
    """An `<a>` to the concept's page, its title as text."""
    anchor = etree.SubElement(parent, "a", {"class": css_class, "href": href(site, key), "data-concept": key})
    anchor.text = AtomicString(site.state(Graph).by_key[key].title)
    return anchor


class GraphBlock(SiteBlock):
    """A block drawn from the concept graph: the front matter says everything, so no title and no options."""

    ARGUMENT = False
