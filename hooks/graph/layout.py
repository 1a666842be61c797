"""A layered (Sugiyama) layout: each node in a layer, each long edge through a lane of its own.

igraph does the hard part: it breaks cycles (when no layers are given), adds a
dummy node in every layer a long edge crosses, orders each layer to reduce
crossings (barycentre heuristic) and places each layer's nodes and dummies at
least one unit apart. A box is much taller than an edge needs,
so each layer is then packed from the top in igraph's order: a node takes a box's
height, a dummy a lane's, and neither moves above where igraph put it (scaled to
lanes). So in a layer no box overlaps another box or an edge's lane.

igraph's answer is a pure function of the graph and the layers: it is kept in
the build cache, so a warm build neither lays out nor imports igraph.
"""

import functools
import importlib.metadata
from dataclasses import dataclass

from hooks.cache.store import BuildCache

MAXITER = 200


@dataclass(frozen=True)
class Layout:
    """`place[node] = (layer, y)` and `route[(a, b)]` the (layer, y) an edge passes; y of centres, from 0 down."""

    place: dict
    route: dict
    layers: int
    height: float


def layered(
    nodes: list,
    edges: list,
    layers: dict | None = None,
    box: float = 1,
    lane: float = 1,
    cache: BuildCache | None = None,
) -> Layout:
    """Lay out `nodes` (hashable, in a stable order) and `edges` ((a, b) pairs) in layers.

    With `layers` ({node: layer}, every edge from a lower layer to a higher one), the layers are kept;
    without, igraph picks them, reversing a few edges of any cycle. `box` and `lane` are the heights a node
    and an edge passing a layer take, gaps included; `cache` keeps igraph's answer.
    """
    index = {node: n for n, node in enumerate(nodes)}
    fixed = [layers[node] for node in nodes] if layers else None
    coords, edge_routing = sugiyama(len(nodes), [[index[a], index[b]] for a, b in edges], fixed, cache)
    # Every item of every layer, (igraph's position, height, what it is): a node, or (edge, step along it).
    by_layer = {}
    for node, (position, layer) in zip(nodes, coords, strict=False):
        by_layer.setdefault(round(layer), []).append((position, box, node))
    for edge, points in zip(edges, edge_routing, strict=True):
        for step, (position, layer) in enumerate(points):
            by_layer.setdefault(round(layer), []).append((position, lane, (edge, step)))
    top = min((position for items in by_layer.values() for position, _, _ in items), default=0)
    centre = {}
    for items in by_layer.values():
        below = 0.0
        for position, height, item in sorted(items, key=lambda found: found[0]):
            centre[item] = max((position - top) * lane + height / 2, below + height / 2)
            below = centre[item] + height / 2
    place = {node: (round(coords[index[node]][1]), centre[node]) for node in nodes}
    route = {
        edge: [(round(layer), centre[(edge, step)]) for step, (_, layer) in enumerate(points)]
        for edge, points in zip(edges, edge_routing, strict=True)
    }
    bottom = max((centre[item] + height / 2 for items in by_layer.values() for _, height, item in items), default=0)
    return Layout(place, route, 1 + max(by_layer, default=-1), bottom)


def sugiyama(count: int, edges: list, layers: list | None, cache: BuildCache | None = None) -> list:
    """igraph's layered layout of vertices 0..count-1: [each vertex's (position, layer), dummies after them,
    each edge's route of (position, layer)], from the cache when it holds it."""
    cache = cache or BuildCache(None)
    parts = [_igraph_version(), count, edges, layers, MAXITER]
    found = cache.get("layout", parts)
    if isinstance(found, list) and len(found) == 2:
        return found
    import igraph  # here, not at the top: a build whose layouts are all cached never loads it

    graph = igraph.Graph(n=count, edges=edges, directed=True)
    layout = graph.layout_sugiyama(layers=layers, maxiter=MAXITER)
    found = [[list(point) for point in layout.coords], [[list(p) for p in route] for route in layout.edge_routing]]
    cache.put("layout", parts, found)
    return found


@functools.cache
def _igraph_version() -> str:
    return importlib.metadata.version("igraph")
