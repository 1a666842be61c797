"""Gradient descent on f(w) = (w - 2)^2: the complete example of the guide's Writing a demo page.

Its numbers come from the guide's listing, `pyscript_demo/descent.py`, which it imports.
"""

from dataclasses import dataclass, replace

import numpy as np

from pyscript_demo import descent, kit


@dataclass(frozen=True)
class State:
    w: float = -1.0
    rate: float = 0.1
    steps: int = 0


def set_w(state, value):
    return replace(state, w=value, steps=0)


def set_rate(state, value):
    return replace(state, rate=min(max(value, 0.0), 1.0))


def step(state):
    state = replace(state, w=descent.step(state.w, state.rate), steps=state.steps + 1)
    return kit.done(state) if abs(descent.slope(state.w)) < 1e-3 else state  # converged: a run ends here


def figure(state):
    f, df = descent.loss(state.w), descent.slope(state.w)
    plot = kit.Plot(x=(-2, 6), y=(0, 16))
    plot.axes(x_ticks=range(-2, 7, 2), y_ticks=[0, 8, 16], x_label="w", y_label="f(w)")
    plot.curve(ws := np.linspace(-2, 6, 81), descent.loss(ws))
    plot.rule(x=2, label="minimum")
    plot.points([state.w], [f], titles=[f"w = {state.w:.3f}"])
    table = kit.Table(
        "The current w", ["w", "f(w)", "f'(w)"], [[kit.num(state.w), kit.num(f), kit.num(df)]], row_headers=False
    )
    said = f"w = {state.w:.3f} after {state.steps} steps; f(w) = {f:.4f}, slope {df:.3f}."
    return plot.chart("f(w) = (w - 2)² and the current w", said, table)


demo = kit.Demo(
    title="Gradient descent on a parabola",
    initial=State(),
    layout=[
        kit.Figure("figure", figure),
        kit.Slider("w", "Start w", set_w, min=-2, max=6, step=0.1),
        kit.Number("rate", "Rate", set_rate, min=0, max=1, step=0.05),
        kit.Row(kit.Button("One step", step), kit.Run(step), label="Descent"),
    ],
)
