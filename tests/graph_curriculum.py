"""A generated curriculum's front matter: concepts in areas joined by a prerequisite DAG, for the graph tests.

Only what the concept graph reads (title, concept, area and the three edge keys), so a site of hundreds of
concepts builds in seconds. Edges always point from an earlier concept to a later one, so the graph is
acyclic; most stay within an area, some cross to an earlier area.
"""

import random

import yaml

WORDS = [
    "gradient",
    "bias",
    "variance",
    "kernel",
    "margin",
    "entropy",
    "prior",
    "posterior",
    "softmax",
    "attention",
    "embedding",
    "norm",
    "projection",
    "eigenvalue",
    "residual",
    "dropout",
    "momentum",
    "sampling",
    "likelihood",
    "convexity",
    "boosting",
    "pruning",
    "tokenizer",
    "convolution",
    "pooling",
    "recurrence",
    "diffusion",
    "calibration",
]


def concepts(count: int, areas: int, seed: int = 14) -> list[dict]:
    """Front matter of `count` concepts in `areas` areas, in an order every edge respects."""
    rng = random.Random(seed)
    area_names = [f"Area {chr(ord('A') + i)} {rng.choice(WORDS).title()}" for i in range(areas)]
    found = []
    for index in range(count):
        area = index * areas // count
        slug = f"area-{chr(ord('a') + area)}"
        words = rng.sample(WORDS, rng.choice((1, 2, 3, 4)))
        title = f"{' '.join(words).capitalize()} {index}"
        data = {"title": title, "concept": f"{slug}/c{index}", "area": area_names[area]}
        same_area = [c for c in found[-40:] if c["area"] == area_names[area]]
        earlier = rng.sample(same_area, min(len(same_area), rng.choice((1, 2, 2, 3))))
        if found and rng.random() < 0.2:
            earlier.append(rng.choice(found))
        keys = list(dict.fromkeys(c["concept"] for c in earlier))
        if keys:
            data["builds_on"] = keys[0]
            data["prerequisites"] = keys[1:]
        found.append(data)
        # Some concepts name a later one as `next` instead of being named as its prerequisite.
        if len(found) > 2 and rng.random() < 0.3:
            source = rng.choice(same_area or found[-2:-1])
            if source["concept"] not in keys:
                source.setdefault("next", []).append(data["concept"])
    return found


def pages(count: int, areas: int, seed: int = 14) -> dict[str, str]:
    """{path under docs/: Markdown} of the generated concepts, each page in its area's folder."""
    found = {}
    for data in concepts(count, areas, seed):
        body = {key: value for key, value in data.items() if value}
        found[f"{data['concept']}.md"] = f"---\n{yaml.safe_dump(body, sort_keys=False)}---\n\n# {data['title']}\n"
    return found
