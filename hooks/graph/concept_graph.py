"""The concept graph: each page's `concept`, the concept it builds on, its prerequisites and what comes next.

MkDocs reads a page's front matter only when it converts that page, but a
learning map links pages converted later. So the graph is read from every
page's front matter in on_nav, before any page is converted, and checked whole
there: an edge to a concept no page has, a concept key two pages claim, and a
cycle of concepts that come before one another stop the build before any page
is written, all of them reported at once. Every edge says which concept comes
first (`builds_on` and `prerequisites` point back, `next` forward), so the
checked graph is acyclic and can be drawn and listed in that order.
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
    area: str = ""
    summary: str = ""

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
    """Read and check every page's front matter, then the graph they make together: every problem at once."""
    graph = site.state(Graph)
    concepts, errors = [], []
    for file in files.documentation_pages():
        markdown, _ = get_data(file.content_string)
        try:
            concepts.extend(_read_page(site.read(file.page, markdown), markdown))
        except AuthorError as error:
            errors.append(error)
    # A page whose front matter is refused is missing from the graph: checking edges to it would only mislead.
    errors = errors or problems(concepts)
    if errors:
        raise errors[0] if len(errors) == 1 else GraphErrors(errors)
    for concept in concepts:
        graph.by_key[concept.key] = graph.by_page[concept.src_uri] = concept


def _read_page(page: Page, markdown: str) -> list[Concept]:
    data = front_matter.check(page)
    if "concept" in data:
        return [_read(page, data, markdown)]
    if any(key in data for key in EDGE_KEYS):
        key = next(key for key in EDGE_KEYS if key in data)
        raise AuthorError(
            page.src_path,
            front_matter.line_of(page, key),
            f"the front matter has `{key}` but no `concept`.",
            "add `concept: area/name`: only a concept page joins the concept graph.",
        )
    return []


def _read(page: Page, data: dict[str, Any], markdown: str) -> Concept:
    heading = FIRST_HEADING.search(markdown)
    title = data.get("title") or (heading.group(1) if heading else page.mkdocs.file.name)
    edges = {kind: tuple(Edge(*found) for found in front_matter.edges(page, data, kind)) for kind in EDGE_KEYS}
    line = front_matter.line_of(page, "concept")
    texts = {key: data.get(key, "").strip() for key in ("area", "summary")}
    return Concept(data["concept"].strip(), title, page.src_uri, page.src_path, line, **texts, **edges)


class GraphErrors(AuthorError):
    """Several problems of the concept graph, each `file:line: what is wrong. Fix: what to do.` on its own line."""

    def __init__(self, errors: list[AuthorError]) -> None:
        lines = "\n".join(f"  {error}" for error in errors)
        super(AuthorError, self).__init__(f"the concept graph has {len(errors)} problems:\n{lines}")


def problems(concepts: list[Concept]) -> list[AuthorError]:
    """Every duplicate key, edge to an unknown concept and cycle, in time linear in concepts and edges."""
    by_key, found = {}, []
    for concept in concepts:
        first = by_key.setdefault(concept.key, concept)
        if first is not concept:
            found.append(
                AuthorError(
                    concept.src_path,
                    concept.line,
                    f"the concept {concept.key!r} is already the concept of {first.src_path}:{first.line}.",
                    "give each page its own `concept` key.",
                )
            )
    for concept in by_key.values():
        found.extend(_unknown_targets(concept, by_key))
    found.extend(_cycles(by_key))
    return found


def _unknown_targets(concept: Concept, by_key: dict[str, Concept]) -> Iterator[AuthorError]:
    for kind in EDGE_KEYS:
        for edge in getattr(concept, kind):
            if edge.target not in by_key:
                # Only an unknown key pays for the suggestion's scan of every key.
                close = difflib.get_close_matches(edge.target, by_key, 1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                yield AuthorError(
                    concept.src_path,
                    edge.line,
                    f"the front matter's `{kind}` names the concept {edge.target!r}, which no page has.",
                    f"{hint}name the `concept` of a page in docs/.",
                )


def _cycles(by_key: dict[str, Concept]) -> list[AuthorError]:
    """One error per group of concepts that come before one another (a strongly connected component).

    Every concept of such a group lies on a cycle, and groups share no concept, so naming one cycle per
    group names every place to cut. Tarjan's algorithm, without recursion: a chain of thousands of
    prerequisites stays within Python's recursion limit.
    """
    # after[key]: (later key, concept that declares the edge, edge, front matter key): edges point forward.
    after = {key: [] for key in by_key}
    for concept in by_key.values():
        for source, target, kind, edge, declared_by in _forward_edges(concept):
            if source in after and target in after:
                after[source].append((target, declared_by, edge, kind))
    index, low, on_stack, stack, groups = {}, {}, set(), [], []
    for root in by_key:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(after[root]))]
        while work:
            key, pending = work[-1]
            step = next(pending, None)
            if step is not None:
                target = step[0]
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(after[target])))
                elif target in on_stack:
                    low[key] = min(low[key], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[key])
            if low[key] == index[key]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == key:
                        break
                if len(group) > 1 or any(step[0] == key for step in after[key]):
                    groups.append(set(group))
    return [_cycle_error(group, after) for group in groups]


def _forward_edges(concept: Concept) -> Iterator[tuple[str, str, str, Edge, Concept]]:
    """(earlier key, later key, front matter key, edge, concept that declares it) of the concept's edges."""
    for kind in EDGE_KEYS:
        for edge in getattr(concept, kind):
            if kind == "next":
                yield concept.key, edge.target, kind, edge, concept
            else:
                yield edge.target, concept.key, kind, edge, concept


def _cycle_error(group: set[str], after: dict[str, list]) -> AuthorError:
    """A cycle inside the group, each step with the page and line that declares it."""
    start = min(group)
    path, seen, key = [], {start: 0}, start
    while True:
        # Inside a strongly connected group every concept has a later one in the group: the walk closes.
        step = next(step for step in after[key] if step[0] in group)
        path.append((key, step))
        key = step[0]
        if key in seen:
            path = path[seen[key] :]
            break
        seen[key] = len(path)
    first = path[0][1]
    steps = "; ".join(
        f"{source} comes before {target} (`{kind}` of {declared_by.src_path}:{edge.line})"
        for source, (target, declared_by, edge, kind) in path
    )
    cycle = " → ".join([source for source, _ in path] + [path[0][0]])
    return AuthorError(
        first[1].src_path,
        first[2].line,
        f"the concepts form a cycle: {cycle} (each comes before the next: {steps}).",
        "remove one edge of the cycle: no concept can come before itself.",
    )


def depths(site: Site) -> dict[str, int]:
    """{key: the length of the longest chain of concepts before it}; the checked graph has no cycle."""
    return layers(site.state(Graph).by_key)


def layers(by_key: dict[str, Concept]) -> dict[str, int]:
    """{key: longest chain of edges leading to it among `by_key`}, edges to other concepts ignored."""
    earlier = {key: 0 for key in by_key}
    later = {key: [] for key in by_key}
    for concept in by_key.values():
        for source, target, *_ in _forward_edges(concept):
            if source in by_key and target in by_key:
                later[source].append(target)
                earlier[target] += 1
    found = dict.fromkeys(by_key, 0)
    ready = [key for key, count in earlier.items() if count == 0]
    while ready:
        key = ready.pop()
        for target in later[key]:
            found[target] = max(found[target], found[key] + 1)
            earlier[target] -= 1
            if earlier[target] == 0:
                ready.append(target)
    return found


def of_current_page(site: Site) -> Concept | None:
    return site.state(Graph).by_page.get(site.page.src_uri)


def href(site: Site, key: str) -> str:
    """The concept's Markdown file, relative to the current page: MkDocs turns it into the page's URL."""
    return href_to(site, site.state(Graph).by_key[key].src_uri)


def href_to(site: Site, src_uri: str) -> str:
    """A Markdown file of docs/, relative to the current page."""
    return posixpath.relpath(src_uri, posixpath.dirname(site.page.src_uri) or ".")


def link(site: Site, parent: etree.Element, key: str, css_class: str = "concept-link") -> etree.Element:
    """An `<a>` to the concept's page, its title as text."""
    anchor = etree.SubElement(parent, "a", {"class": css_class, "href": href(site, key), "data-concept": key})
    anchor.text = AtomicString(site.state(Graph).by_key[key].title)
    return anchor


class GraphBlock(SiteBlock):
    """A block drawn from the concept graph: the front matter says everything, so no title and no options."""

    ARGUMENT = False
