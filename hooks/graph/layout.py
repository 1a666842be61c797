"""A layered (Sugiyama) layout: each node in a layer, each long edge through a lane of its own.

igraph does the hard part: it breaks cycles (when no layers are given), adds a
dummy node in every layer a long edge crosses, orders each layer to reduce
crossings (barycentre heuristic) and places each layer's nodes and dummies at
least one unit apart. A box is much taller than an edge needs,
so each layer is then packed from the top in igraph's order: a node takes a box's
height, a dummy a lane's, and neither moves above where igraph put it (scaled to
lanes). So in a layer no box overlaps another box or an edge's lane.
"""

from dataclasses import dataclass

import igraph


@dataclass(frozen=True)
class Layout:
    """`place[node] = (layer, y)` and `route[(a, b)]` the (layer, y) an edge passes; y of centres, from 0 down."""

    place: dict
    route: dict
    layers: int
    height: float


def layered(nodes: list, edges: list, layers: dict | None = None, box: float = 1, lane: float = 1) -> Layout:
    """Lay out `nodes` (hashable, in a stable order) and `edges` ((a, b) pairs) in layers.

    With `layers` ({node: layer}, every edge from a lower layer to a higher one), the layers are kept;
    without, igraph picks them, reversing a few edges of any cycle. `box` and `lane` are the heights a node
    and an edge passing a layer take, gaps included.
    """
    index = {node: n for n, node in enumerate(nodes)}
    graph = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in edges], directed=True)
    found = graph.layout_sugiyama(layers=[layers[node] for node in nodes] if layers else None, maxiter=200)
    # Every item of every layer, (igraph's position, height, what it is): a node, or (edge, step along it).
    by_layer = {}
    for node, (position, layer) in zip(nodes, found.coords, strict=False):
        by_layer.setdefault(round(layer), []).append((position, box, node))
    for edge, points in zip(edges, found.edge_routing, strict=True):
        for step, (position, layer) in enumerate(points):
            by_layer.setdefault(round(layer), []).append((position, lane, (edge, step)))
    top = min((position for items in by_layer.values() for position, _, _ in items), default=0)
    centre = {}
    for items in by_layer.values():
        below = 0.0
        for position, height, item in sorted(items, key=lambda found: found[0]):
            centre[item] = max((position - top) * lane + height / 2, below + height / 2)
            below = centre[item] + height / 2
    place = {node: (round(found.coords[index[node]][1]), centre[node]) for node in nodes}
    route = {
        edge: [(round(layer), centre[(edge, step)]) for step, (_, layer) in enumerate(points)]
        for edge, points in zip(edges, found.edge_routing, strict=True)
    }
    bottom = max((centre[item] + height / 2 for items in by_layer.values() for _, height, item in items), default=0)
    return Layout(place, route, 1 + max(by_layer, default=-1), bottom)
