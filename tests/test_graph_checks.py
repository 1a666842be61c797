"""The concept graph's checks on large graphs: every problem reported at once, work linear in the edges."""

from hooks.graph.concept_graph import EDGE_KEYS, Concept, Edge, layers, problems
from tests.graph_curriculum import concepts as generated


class Counter:
    """How many times the checks walk an edge list or read an edge's target."""

    walks = 0
    reads = 0


class CountedEdges(tuple):
    def __iter__(self):
        Counter.walks += 1
        return super().__iter__()


class CountedEdge(Edge):
    def __getattribute__(self, name):
        if name == "target":
            Counter.reads += 1
        return super().__getattribute__(name)


def as_concepts(front_matters, edge_type=Edge, edges_type=tuple):
    """Concepts as the build reads them, each on its own page `docs/<key>.md` with one line per edge."""
    found = []
    for data in front_matters:
        edges = {}
        for kind in EDGE_KEYS:
            value = data.get(kind) or []
            targets = [value] if isinstance(value, str) else value
            edges[kind] = edges_type(edge_type(target, "", 10 + n) for n, target in enumerate(targets))
        found.append(
            Concept(data["concept"], data["title"], f"{data['concept']}.md", f"docs/{data['concept']}.md", 2, **edges)
        )
    return found


def edge_count(front_matters):
    return sum(len(c.prerequisites) + len(c.builds_on) + len(c.next) for c in as_concepts(front_matters))


def test_a_generated_curriculum_has_no_problem_and_layers_respect_every_edge():
    front_matters = generated(500, 10)
    found = as_concepts(front_matters)
    assert problems(found) == []
    by_key = {c.key: c for c in found}
    depth = layers(by_key)
    for concept in found:
        for kind in EDGE_KEYS:
            for edge in getattr(concept, kind):
                earlier, later = (concept.key, edge.target) if kind == "next" else (edge.target, concept.key)
                assert depth[earlier] < depth[later], (earlier, later)


def test_the_checks_walk_each_edge_list_and_read_each_target_a_bounded_number_of_times():
    for size in (200, 2000):
        front_matters = generated(size, 10)
        Counter.walks = Counter.reads = 0
        assert problems(as_concepts(front_matters, CountedEdge, CountedEdges)) == []
        # Linear: a constant number of walks per edge list and reads per edge, whatever the size.
        assert Counter.walks <= 2 * len(EDGE_KEYS) * size, (size, Counter.walks)
        assert Counter.reads <= 3 * edge_count(front_matters), (size, Counter.reads)


def test_a_chain_of_thousands_of_prerequisites_is_checked_without_recursion():
    chain = [{"concept": "x/0", "title": "0"}]
    chain += [{"concept": f"x/{n}", "title": str(n), "prerequisites": [f"x/{n - 1}"]} for n in range(1, 5000)]
    assert problems(as_concepts(chain)) == []
    chain[0]["prerequisites"] = ["x/4999"]
    (error,) = problems(as_concepts(chain))
    assert str(error).startswith("docs/x/1.md:10: the concepts form a cycle: x/0 → x/1 → x/2 → ")
    assert "x/4999 comes before x/0 (`prerequisites` of docs/x/0.md:10)" in str(error)


def test_every_problem_is_reported_once_duplicates_unknown_keys_and_every_cycle():
    front_matters = generated(300, 6)
    by_key = {data["concept"]: data for data in front_matters}
    # Two separate cycles, one through `next`, one through `builds_on`.
    first, second = front_matters[10]["concept"], front_matters[40]["concept"]
    by_key[first].setdefault("next", []).append(front_matters[5]["concept"])
    by_key[first]["prerequisites"] = [*by_key[first].get("prerequisites", []), front_matters[5]["concept"]]
    by_key[second]["prerequisites"] = [*by_key[second].get("prerequisites", []), front_matters[200]["concept"]]
    front_matters[200]["builds_on"] = second
    # Two unknown keys and a duplicate.
    front_matters[7]["prerequisites"] = [*front_matters[7].get("prerequisites", []), "area-a/c99999"]
    front_matters[250]["next"] = ["nowhere/at-all"]
    front_matters.append({**front_matters[3], "title": "Copy"})
    messages = [str(error) for error in problems(as_concepts(front_matters))]
    assert len(messages) == 5, "\n".join(messages)
    duplicate, unknown_one, unknown_two, *cycles = messages
    assert duplicate.startswith(f"docs/{front_matters[3]['concept']}.md:2: the concept ")
    assert "is already the concept of" in duplicate
    assert "'area-a/c99999', which no page has" in unknown_one and "did you mean" in unknown_one
    assert "'nowhere/at-all', which no page has" in unknown_two
    assert len(cycles) == 2 and all("the concepts form a cycle" in c for c in cycles)
    assert any(f"{first} comes before {front_matters[5]['concept']} (`next` of docs/{first}.md" in c for c in cycles)
    assert any(f"(`builds_on` of docs/{front_matters[200]['concept']}.md:10)" in c for c in cycles)
