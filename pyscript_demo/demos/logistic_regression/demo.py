"""The Logistic Regression demo: choose a point, predict what training does to its logit, reveal, train.

Declared on the kit: the figure, loss plot, readout and reveal are functions of
the state (and of `model.numbers`, computed once per action); the actions are
the pure functions of `model`.
"""

import json

import numpy as np

from pyscript_demo import kit, logreg

from .model import (
    DIRECTIONS,
    MISCLASSIFIED,
    OVERCONFIDENT,
    PULLED,
    can_reveal,
    numbers,
    predict,
    reset,
    reveal,
    select,
    set_bias,
    set_slope,
    start,
    step,
)

X_RANGE, Q_RANGE = (-4.0, 4.0), (-0.1, 1.1)
ARROW = 110  # user units of arrow per unit of |q - y|
DIRECTION_TEXT = {
    "raise": "training wants to raise this point's logit",
    "lower": "training wants to lower this point's logit",
    "unchanged": "training wants to leave this point's logit mostly unchanged",
}
PREDICTIONS = dict(zip(DIRECTIONS, ["raise its logit", "lower its logit", "leave it mostly unchanged"], strict=True))
CAVEAT_AFTER_STEPS = 100
QUESTION = "Will training raise its logit, lower it, or leave it mostly unchanged?"


def _name(i, nums):
    return f"Point {i + 1} (x = {nums['x'][i]:g}, y = {nums['y'][i]:g})"


def figure(state, nums):
    """The curve q = sigma(wx + b), the midline, the boundary and the seven points."""
    plot = kit.Plot(X_RANGE, Q_RANGE, cls="lr-figure")
    plot.axes(x_ticks=range(-4, 5), y_ticks=[0, 0.5, 1])
    plot.rule(y=0.5, cls="lr-midline")
    boundary = nums["boundary"]
    if boundary is not None and X_RANGE[0] <= boundary <= X_RANGE[1]:
        plot.rule(x=boundary, label=f"x = -b/w = {boundary:.2f}", cls="lr-boundary")
    xs = np.linspace(*X_RANGE, 161)
    plot.curve(xs, logreg.sigmoid(state.slope * xs + state.bias), cls="lr-curve")
    for i, (x, y, q) in enumerate(zip(nums["x"], nums["y"], nums["q"], strict=True)):
        chosen = state.selected == i
        slug = nums["labels"][i].replace(" ", "-")
        g = plot.group(f"lr-point lr-point--{slug}" + (" lr-point--selected" if chosen else ""), data_index=i)
        plot.line(x, q, x, y, cls="lr-residual", parent=g)
        plot.circle(x, q, 3, cls="lr-q", parent=g)
        side = "positive" if y else "negative"
        title = f"{_name(i, nums)}: q = {q:.3f}, {nums['labels'][i]}"
        plot.circle(x, y, 7, cls=f"lr-dot lr-dot--{side}", parent=g, title=title, index=i)
        if chosen:
            plot.circle(x, y, 12, cls="lr-ring", parent=g)
        plot.circle(x, y, 16, cls="lr-hit", parent=g, index=i, choose="selected")
    if state.revealed and state.selected is not None:
        _gradient_arrow(plot, state.selected, nums)
    wrong = nums["labels"].count("misclassified")
    where = f"decision boundary at x = {boundary:.2f}" if boundary is not None else "no decision boundary"
    description = (
        f"The curve q = sigma(w x + b) at w = {state.slope:.2f}, b = {state.bias:.2f}; {where}; "
        f"{wrong} of {len(nums['x'])} points misclassified."
    )
    return plot.chart("Logistic regression: the curve and the seven points", description)


def _gradient_arrow(plot, i, nums):
    """The selected point's logit gradient: from its q on the curve, the way descent moves it."""
    x, q, residual = nums["x"][i], nums["q"][i], nums["residual"][i]
    px, pq = plot.sx(x), plot.sy(q)
    length = max(abs(residual) * ARROW, 6)
    tip, head = (pq - length, 6) if residual < 0 else (pq + length, -6)
    g = plot.group(f"lr-gradient lr-gradient--{nums['directions'][i]}")
    kit.markup.element("line", {"x1": f"{px:.1f}", "y1": f"{pq:.1f}", "x2": f"{px:.1f}", "y2": f"{tip:.1f}"}, parent=g)
    d = f"M{px - 5:.1f},{tip + head:.1f} L{px:.1f},{tip:.1f} L{px + 5:.1f},{tip + head:.1f}"
    kit.markup.element("path", {"d": d}, parent=g)
    kit.markup.element(
        "text", {"x": f"{px + 8:.1f}", "y": f"{(pq + tip) / 2 + 4:.1f}"}, f"q - y = {residual:.3f}", parent=g
    )


def loss_plot(state, nums):
    """The average loss over the steps trained (its points also as JSON, for readers' tools and tests)."""
    history = state.history
    steps = [s for s, _ in history] or [0, 1]
    top = max((loss for _, loss in history), default=1.0)
    plot = kit.Plot(
        (steps[0], max(steps[-1], steps[0] + 1)),
        (0, top),
        height=150,
        cls="lr-loss-plot",
        attrs={"data-history": json.dumps(history)},
    )
    if not history:
        plot.axes(x_label="gradient steps")
        plot.text(
            sum(plot.x) / 2, top / 2, "Train to plot the average loss over steps.", anchor="middle", cls="kit-tick"
        )
        return plot.chart("Average loss over training steps", "No steps trained yet.")
    plot.axes(x_ticks=[steps[-1]], y_ticks=[0, top], x_label="gradient steps", fmt=".4g")
    plot.curve(steps, [loss for _, loss in history], cls="lr-loss")
    picks = sorted({round(i * (len(history) - 1) / 5) for i in range(6)})
    table = kit.Table(
        "Average loss after each step (a sample)",
        ["step", "loss"],
        [[history[i][0], kit.num(history[i][1], 4)] for i in picks],
    )
    description = f"Loss over {steps[-1]} training steps: from {history[0][1]:.4f} to {history[-1][1]:.4f}."
    return plot.chart("Average loss over training steps", description, table)


def readout(state, nums):
    """The weights, the loss, the overall verdict and a table of every point."""
    boundary = nums["boundary"]
    counts = {name: nums["labels"].count(name) for name in dict.fromkeys(nums["labels"])}
    rows = [
        [i + 1, f"{x:g}", f"{y:g}", kit.num(q, 3, "demo-q"), kit.num(r, 3, "demo-residual"), (lab, "demo-label")]
        for i, (x, y, q, r, lab) in enumerate(
            zip(nums["x"], nums["y"], nums["q"], nums["residual"], nums["labels"], strict=True)
        )
    ]
    selected = {"class": "lr-row--selected", "aria-current": "true"}
    row_attrs = [{"data-index": i, **(selected if state.selected == i else {})} for i in range(len(rows))]
    caveat = ""
    if state.steps >= CAVEAT_AFTER_STEPS and counts.get("misclassified", 0) == 0:
        caveat = (
            '<p class="lr-caveat" data-caveat>Every point is on its right side of 0.5, yet each step still '
            f"grows the slope (now {state.slope:.3f}): these data are separable, so the likelihood has "
            "no finite maximum. This is the caveat from the Intuition section.</p>"
        )
    where = kit.span(kit.num(boundary, 3, "demo-boundary")) if boundary is not None else "none (w = 0)"
    overall = nums["overall"]
    return (
        f'<p class="lr-weights">w = {kit.span(kit.num(state.slope, 3, "demo-slope"))}, '
        f"b = {kit.span(kit.num(state.bias, 3, 'demo-bias'))}, boundary x = -b/w = {where}, "
        f"average loss L = {kit.span(kit.num(nums['loss'], 4, 'demo-loss'))}, "
        f'steps trained: <span class="demo-steps">{state.steps}</span></p>'
        f'<p class="lr-overall">Overall: <strong class="demo-overall lr-label--{overall.replace(" ", "-")}">'
        f"{overall}</strong> ("
        + ", ".join(f"{n} {name}" for name, n in counts.items())
        + ")</p>"
        + caveat
        + kit.table(
            "Each point at the current weights",
            ["point", "x", "y", "q", "q - y", "label"],
            rows,
            cls="lr-table",
            row_attrs=row_attrs,
        )
    )


def revealed(state, nums):
    """The selected point before and after the reveal: its probability, then its gradient."""
    i = state.selected
    if i is None:
        return '<p data-reveal="none">Choose a point, in the figure or in the list, to inspect it.</p>'
    head = f"{_name(i, nums)}: q = {nums['q'][i]:.3f}."
    if not state.revealed:
        ask = (
            f" Your prediction: training will {state.prediction} its logit. Reveal to check it."
            if state.prediction
            else f" {QUESTION} Commit a prediction, then reveal."
        )
        return kit.markup.html(kit.markup.element("p", {"data-reveal": "pending"}, head + ask))
    actual = nums["directions"][i]
    verdict = "right" if state.prediction == actual else "wrong"
    return (
        f'<p data-reveal="shown" data-direction="{actual}" data-verdict="{verdict}">{head} Its contribution is '
        f"q - y = {kit.span(kit.num(nums['residual'][i], 3, 'demo-contribution'))}, so {DIRECTION_TEXT[actual]}. "
        f"Your prediction ({state.prediction}) was <strong>{verdict}</strong>. "
        f"Average loss L = {nums['loss']:.4f}.</p>"
    )


def summary(state, nums):
    """One sentence for screen readers, announced after every change."""
    loss = f"Average loss {nums['loss']:.4f}."
    trained = f"After {state.steps} steps, w = {state.slope:.2f}, b = {state.bias:.2f}. " if state.steps else ""
    i = state.selected
    if i is None:
        return f"{trained}w = {state.slope:.2f}, b = {state.bias:.2f}: overall {nums['overall']}. {loss}"
    point = f"{_name(i, nums)}: q = {nums['q'][i]:.3f}"
    if not state.revealed:
        return f"{trained}{point}. {loss}"
    verdict = "right" if state.prediction == nums["directions"][i] else "wrong"
    return (
        f"{trained}{point}, q - y = {nums['residual'][i]:.3f}: "
        f"{DIRECTION_TEXT[nums['directions'][i]]}; your prediction was {verdict}. {loss}"
    )


RULE = (
    f'<p class="lr-rule">A point is <em>misclassified</em> when |q - y| &ge; {MISCLASSIFIED:g} (wrong side of '
    f"the midline), <em>underconfident</em> when {PULLED:g} &le; |q - y| &lt; {MISCLASSIFIED:g}, "
    f"<em>well fit</em> when {OVERCONFIDENT:g} &le; |q - y| &lt; {PULLED:g}, and <em>overconfident</em> "
    f"when |q - y| &lt; {OVERCONFIDENT:g}. A point's own gradient term, x (q - y) / n, wants to leave "
    f"its logit mostly unchanged when |q - y| &lt; {PULLED:g}; otherwise it raises the logit when "
    "q - y &lt; 0 and lowers it when q - y &gt; 0. The whole set is named by its worst point.</p>"
)
POINTS = [(i, f"{i + 1}: x = {x:g}, y = {y:g}") for i, (x, y) in enumerate(zip(logreg.x, logreg.y, strict=True))]

demo = kit.Demo(
    title="Logistic regression: slope, bias, and one point's gradient",
    initial=start(),
    derive=numbers,
    prefix="lr",
    layout=[
        kit.Figure("figure", figure, live=False),
        kit.Row(
            kit.Slider("slope", "Slope (w)", set_slope, min=-5, max=5, step=0.05),
            kit.Slider("bias", "Bias (b)", set_bias, min=-5, max=5, step=0.05),
        ),
        kit.Choice("selected", "Choose a point", select, POINTS),
        kit.Choice(
            "prediction",
            QUESTION,
            predict,
            list(PREDICTIONS.items()),
        ),
        kit.Row(kit.Button("Reveal", reveal, enabled=can_reveal, why="Choose a point and commit a prediction first.")),
        kit.Part("reveal", revealed, cls="lr-reveal"),
        kit.Row(
            kit.Button("One step", step, 1),
            kit.Button("60 steps", step, 60),
            kit.Run(step, 5),
            kit.Button("Reset to the listing's start", reset),
            label="Training",
        ),
        kit.Part("readout", readout),
        kit.Figure("loss-plot", loss_plot, live=False),
        kit.Text("summary", summary, hidden=True),
        kit.Note(RULE),
    ],
)
