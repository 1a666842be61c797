"""The concept graph by area: an area is the first part of its concepts' keys (`area/name`).

Within an area, concepts are listed and drawn in prerequisite order: by the
longest chain of the area's own concepts before them, then by title, so every
concept comes after those it needs and the order is the same on every build.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from hooks.authoring.site import Site
from hooks.graph import concept_graph


@dataclass(frozen=True)
class Area:
    slug: str
    title: str
    # The area's concept keys in prerequisite order, and each one's layer: the longest chain before it.
    keys: tuple[str, ...]
    layer: dict[str, int]


def slug_of(key: str) -> str:
    """The area of a concept key; a key without `/` belongs to no area, ''."""
    return key.split("/", 1)[0] if "/" in key else ""


def areas(site: Site) -> list[Area]:
    """Every area of the site's graph, those whose concepts come first first."""
    by_key = site.state(concept_graph.Graph).by_key
    members = {}
    for key in sorted(by_key):
        members.setdefault(slug_of(key), {})[key] = by_key[key]
    overall = concept_graph.depths(site)
    found = []
    for slug, concepts in members.items():
        layer = concept_graph.layers(concepts)
        keys = tuple(sorted(concepts, key=lambda k: (layer[k], by_key[k].title, k)))
        named = next((c.area for c in concepts.values() if c.area), "")
        title = named or (slug.replace("-", " ").capitalize() if slug else "Other concepts")
        found.append(Area(slug, title, keys, layer))
    return _before_after(site, found, overall)


def _before_after(site: Site, found: list[Area], overall: dict[str, int]) -> list[Area]:
    """The areas, each after the areas whose concepts its concepts need; areas that need each other
    (a cycle of areas) by where their first concept comes."""
    rank = {area.slug: (min(overall[k] for k in area.keys), area.title) for area in found}
    crossed = crossings(site)
    waiting = {area.slug: {source for source, target in crossed if target == area.slug} for area in found}
    by_slug, ordered = {area.slug: area for area in found}, []
    while waiting:
        ready = [slug for slug, sources in waiting.items() if not sources] or list(waiting)
        slug = min(ready, key=rank.get)
        ordered.append(by_slug[slug])
        del waiting[slug]
        for sources in waiting.values():
            sources.discard(slug)
    return ordered


def pairs(site: Site) -> dict[tuple[str, str], list[str]]:
    """{(from key, to key): [front matter keys that draw this edge]}, in page order."""
    found = {}
    for concept in site.state(concept_graph.Graph).by_key.values():
        for source, target, kind in concept.edges():
            found.setdefault((source, target), []).append(kind)
    return found


def crossings(site: Site) -> Counter:
    """{(from area, to area): how many edges lead from a concept of one to a concept of the other}."""
    return Counter(
        (slug_of(source), slug_of(target)) for source, target in pairs(site) if slug_of(source) != slug_of(target)
    )


def direct(order: list, edges: Iterable[tuple]) -> list[tuple]:
    """The edges no longer path implies (the transitive reduction), for `order` a topological order of the nodes.

    An arrow from A to C says nothing an arrow A to B and one B to C do not, and in a drawing it costs a
    long line across the figure. Each node's descendants are a bit set, built in reverse order: O(V·E)
    bit operations, once per area drawing.
    """
    bit = {node: 1 << n for n, node in enumerate(order)}
    later = {node: [] for node in order}
    for source, target in edges:
        later[source].append(target)
    below = {}
    for node in reversed(order):
        below[node] = 0
        for target in later[node]:
            below[node] |= bit[target] | below[target]
    return [
        (source, target)
        for source, target in edges
        if not any(below[other] & bit[target] for other in later[source] if other != target)
    ]
