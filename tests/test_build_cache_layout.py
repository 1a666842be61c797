"""Graph layouts in the build cache: igraph's answer kept under the graph, read back whole, never trusted when bad."""

from hooks.cache.store import BuildCache
from hooks.graph import layout
from hooks.graph.layout import layered, sugiyama

NODES = ["a", "b", "c", "d"]
EDGES = [("a", "b"), ("b", "c"), ("a", "c"), ("a", "d")]


def _entries(root):
    return sorted((root / "layout").rglob("*.json"))


def test_a_cached_layout_is_the_layout_igraph_gives(tmp_path):
    cache = BuildCache(tmp_path)
    fresh = layered(NODES, EDGES, box=3, lane=1)
    assert layered(NODES, EDGES, box=3, lane=1, cache=cache) == fresh
    assert len(_entries(tmp_path)) == 1
    assert layered(NODES, EDGES, box=3, lane=1, cache=cache) == fresh
    layers = {"a": 0, "b": 1, "c": 3, "d": 1}
    assert layered(NODES, EDGES, layers, box=3, lane=1, cache=cache) == layered(NODES, EDGES, layers, box=3, lane=1)
    assert len(_entries(tmp_path)) == 2


def test_a_stored_answer_is_read_a_corrupt_one_ignored_and_another_graph_is_laid_out_again(tmp_path):
    cache = BuildCache(tmp_path)
    edges = [[0, 1], [1, 2]]
    real = sugiyama(3, edges, None, cache)
    (entry,) = _entries(tmp_path)
    entry.write_text(entry.read_text().replace("]]", "]", 1))
    assert sugiyama(3, edges, None, cache) == real
    planted = [[[9.0, 0.0], [9.0, 1.0], [9.0, 2.0]], [[[9.0, 0.0], [9.0, 1.0]], [[9.0, 1.0], [9.0, 2.0]]]]
    cache.put("layout", [layout._igraph_version(), 3, edges, None, layout.MAXITER], planted)
    assert sugiyama(3, edges, None, cache) == planted
    assert sugiyama(3, [[0, 2], [1, 2]], None, cache) == sugiyama(3, [[0, 2], [1, 2]], None)
    assert sugiyama(3, edges, [0, 1, 3], cache) == sugiyama(3, edges, [0, 1, 3])
