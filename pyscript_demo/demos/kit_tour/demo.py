"""Every control, part and plot helper of the kit at work: the reference example of the guide's Writing a demo page.

Ten scores of two classes and a threshold: the scores as points and a histogram, the counts on each side
of the threshold as a grid of cells. A prediction comes first, as on the concept pages.
"""

from dataclasses import dataclass, replace

import numpy as np

from pyscript_demo import kit

sample = np.array([0.05, 0.15, 0.3, 0.35, 0.45, 0.5, 0.62, 0.7, 0.85, 0.95])
classes = np.array([0, 0, 0, 1, 0, 1, 0, 1, 1, 1])
BINS = np.linspace(0, 1, 6)


@dataclass(frozen=True)
class State:
    threshold: float = 0.5
    picked: int | None = None
    guess: str | None = None
    revealed: bool = False
    steps: int = 0


def counts(state):
    """[[true negatives, false positives], [false negatives, true positives]] at the threshold."""
    above = sample >= state.threshold
    return [[int(np.sum(~above & (classes == c))), int(np.sum(above & (classes == c)))] for c in (0, 1)]


def set_threshold(state, value):
    return replace(state, threshold=min(max(value, 0.0), 1.0), revealed=False)


def set_percent(state, value):
    return set_threshold(state, value / 100)


def pick(state, index):
    return replace(state, picked=index, revealed=False)


def guess(state, side):
    return replace(state, guess=side, revealed=False)


def reveal(state):
    return replace(state, revealed=True)


def sweep(state):
    """Raise the threshold by 0.05; at 1 there is nothing left to sweep."""
    moved = replace(state, threshold=round(min(state.threshold + 0.05, 1.0), 2), steps=state.steps + 1)
    return kit.done(moved) if moved.threshold >= 1.0 else moved


def histogram(state):
    plot = kit.Plot(x=(0, 1), y=(0, 5), height=220)
    plot.axes(x_ticks=[0, 0.5, 1], y_ticks=[0, 5], x_label="score", y_label="count")
    hist, _ = np.histogram(sample, BINS)
    plot.bars((BINS[:-1] + BINS[1:]) / 2, hist, 0.18, titles=[f"{n} scores" for n in hist])
    plot.points(
        sample,
        classes * 2 + 1.5,
        cls=["tour-negative", "tour-positive"] * 5,
        choose="picked",
        titles=[f"score {s:g}, class {c}" for s, c in zip(sample, classes, strict=True)],
    )
    plot.curve(np.linspace(0, 1, 21), 4.5 * np.linspace(0, 1, 21) ** 2, cls="tour-curve")
    plot.rule(x=state.threshold, label=f"threshold {state.threshold:.2f}")
    plot.legend([("class 0", "tour-negative"), ("class 1", "tour-positive")])
    above = int(np.sum(sample >= state.threshold))
    return plot.chart(
        "Scores, their histogram and the threshold",
        f"{above} of 10 scores at or above the threshold {state.threshold:.2f}.",
        kit.Table("Scores", ["score", "class"], [[f"{s:g}", int(c)] for s, c in zip(sample, classes, strict=True)]),
    )


def grid(state):
    plot = kit.Plot(x=(0, 1), y=(0, 1), width=320, height=200, margin=(10, 10, 40, 70))
    table = counts(state)
    plot.cells(table, ["class 0", "class 1"], ["below", "above"])
    rows = [[f"class {c}", table[c][0], table[c][1]] for c in (0, 1)]
    return plot.chart(
        "Counts on each side of the threshold",
        f"Class 1: {table[1][1]} above, {table[1][0]} below; class 0: {table[0][1]} above.",
        kit.Table("Counts", ["", "below", "above"], rows),
    )


def verdict(state):
    if not state.revealed:
        return "<p>Pick a point, guess its side, then reveal.</p>"
    side = "above" if sample[state.picked] >= state.threshold else "below"
    return f"<p>It is <strong>{side}</strong>: your guess was {'right' if side == state.guess else 'wrong'}.</p>"


demo = kit.Demo(
    title="The demo kit: every control, part and plot helper",
    initial=State(),
    layout=[
        kit.Figure("scores", histogram),
        kit.Slider("threshold", "Threshold", set_threshold, min=0, max=1, step=0.05),
        kit.Number(
            "percent",
            "Threshold, in percent",
            set_percent,
            min=0,
            max=100,
            step=1,
            digits=0,
            value=lambda s: s.threshold * 100,
        ),
        kit.Choice("picked", "Pick a point", pick, [(i, f"{s:g}") for i, s in enumerate(sample)]),
        kit.Choice("guess", "Is it above the threshold or below?", guess, [("above", "above"), ("below", "below")]),
        kit.Row(
            kit.Button(
                "Reveal",
                reveal,
                enabled=lambda s: s.picked is not None and s.guess is not None,
                why="Pick a point and guess first.",
            ),
            kit.Run(sweep, label="Sweep"),
            label="Actions",
        ),
        kit.Part("verdict", verdict),
        kit.Figure("grid", grid, live=False),
        kit.Text("said", lambda s: f"Threshold {s.threshold:.2f}, {s.steps} sweep steps.", hidden=True),
        kit.Note('<p class="kit-figure__description">A note: fixed markup the demo always shows.</p>'),
    ],
)
