"""The Linear Regression demo: move the line, see the residuals and their squares, guess, reveal, descend.

Declared on the kit: the figures, readout and reveal are functions of the state
and of `model.numbers` (computed once per action from the listing, `least_squares`).
"""

import json
import math

from pyscript_demo import kit

from .model import (
    CLOSE,
    TOLERANCE,
    can_reveal,
    commit_guess,
    numbers,
    reset,
    reveal,
    set_intercept,
    set_slope,
    solve,
    start,
    step,
)

X_RANGE, Y_RANGE = (-0.5, 5.5), (-2.0, 13.0)
MARGIN = (14, 14, 40, 64)  # top, right, bottom, left: room for "0.07"; the same x scale in every figure


def _line(plot, slope, intercept, cls):
    plot.curve(X_RANGE, [intercept + slope * x for x in X_RANGE], cls=cls)


def _equation(slope, intercept):
    sign = "+" if intercept >= 0 else "-"
    return f"y = {slope:.2f} x {sign} {abs(intercept):.2f}"


def figure(state, nums):
    """The points, the line, each residual as a segment and its square drawn on it."""
    plot = kit.Plot(X_RANGE, Y_RANGE, margin=MARGIN, cls="lin-figure")
    plot.axes(x_ticks=range(0, 6), y_ticks=range(0, 13, 4), x_label="x", y_label="y")
    unit = plot.sy(0) - plot.sy(1)  # user units per unit of y: a square's side in the picture
    middle = sum(X_RANGE) / 2
    squares = plot.group("lin-squares")
    for x, y, p, r in zip(nums["x"], nums["y"], nums["predictions"], nums["residuals"], strict=True):
        side = abs(r) * unit
        left = plot.sx(x) if x < middle else plot.sx(x) - side  # drawn inwards, beside its segment
        attrs = {"x": f"{left:.1f}", "y": f"{plot.sy(max(y, p)):.1f}", "width": f"{side:.1f}", "height": f"{side:.1f}"}
        kit.markup.element("rect", {"class": "lin-square", **attrs}, parent=squares)
    if state.guess_slope is not None:
        _line(plot, state.guess_slope, state.guess_intercept, "lin-guess")
    if state.revealed:
        _line(plot, nums["best"][1], nums["best"][0], "lin-best")
    _line(plot, state.slope, state.intercept, "lin-line")
    for x, y, p, r in zip(nums["x"], nums["y"], nums["predictions"], nums["residuals"], strict=True):
        plot.line(x, p, x, y, cls="lin-residual " + ("lin-residual--above" if r > 0 else "lin-residual--below"))
    titles = [
        f"x = {x:g}, y = {y:g}, residual {r:.3f}"
        for x, y, r in zip(nums["x"], nums["y"], nums["residuals"], strict=True)
    ]
    plot.points(nums["x"], nums["y"], cls="lin-point", titles=titles)
    keys = [("your line", "lin-key--line")]
    keys += [("your guess", "lin-key--guess")] if state.guess_slope is not None else []
    keys += [("least squares", "lin-key--best")] if state.revealed else []
    plot.legend(keys, x=X_RANGE[0] + 0.2, y=Y_RANGE[1] - 0.3)
    return plot.chart(
        "Linear regression: the points, your line and its residuals", _describe(state, nums), _table(nums)
    )


def _describe(state, nums):
    residuals = nums["residuals"]
    above, below = sum(r > 0 for r in residuals), sum(r < 0 for r in residuals)
    worst = max(range(len(residuals)), key=lambda i: abs(residuals[i]))
    text = (
        f"The line {_equation(state.slope, state.intercept)} through {len(residuals)} points: {above} above it, "
        f"{below} below; the largest residual is {residuals[worst]:.3f} at x = {nums['x'][worst]:g}. "
        f"Mean squared error {nums['mse']:.4f}."
    )
    if state.guess_slope is not None:
        text += f" Your guess, dotted: {_equation(state.guess_slope, state.guess_intercept)}."
    if state.revealed:
        text += f" The least-squares line, dashed: {_equation(nums['best'][1], nums['best'][0])}."
    return text


def _table(nums):
    rows = [
        [f"{x:g}", f"{y:g}", kit.num(p, 3), kit.num(r, 3, "demo-residual"), kit.num(s, 4)]
        for x, y, p, r, s in zip(
            nums["x"], nums["y"], nums["predictions"], nums["residuals"], nums["squares"], strict=True
        )
    ]
    return kit.Table(
        "Each point at the current line", ["x", "y", "prediction", "residual", "squared"], rows, cls="lin-table"
    )


def squares(state, nums):
    """The squared residuals as bars, and their mean: the mean squared error."""
    top = max(max(nums["squares"]), nums["mse"]) * 1.15 or 1.0
    plot = kit.Plot(X_RANGE, (0, top), height=180, margin=MARGIN, cls="lin-squares-plot")
    tick = float(f"{max(nums['squares']):.1g}")  # one significant digit: a short label, within the window
    plot.axes(x_ticks=range(0, 6), y_ticks=[0, tick], x_label="x")
    titles = [f"x = {x:g}: squared residual {s:.4f}" for x, s in zip(nums["x"], nums["squares"], strict=True)]
    plot.bars(nums["x"], nums["squares"], 0.5, cls="lin-bars", titles=titles)
    plot.rule(y=nums["mse"], label=f"mean = MSE = {nums['mse']:.4f}", cls="lin-mse")
    worst = max(range(len(nums["squares"])), key=nums["squares"].__getitem__)
    description = (
        f"Squared residuals of the {len(nums['x'])} points; the largest is {nums['squares'][worst]:.4f} "
        f"at x = {nums['x'][worst]:g}. Their mean, the mean squared error, is {nums['mse']:.4f}."
    )
    rows = [[f"{x:g}", kit.num(s, 4)] for x, s in zip(nums["x"], nums["squares"], strict=True)]
    rows.append(["mean", kit.num(nums["mse"], 4)])
    table = kit.Table("Squared residual of each point, and their mean", ["x", "squared residual"], rows)
    return plot.chart("The squared residuals and their mean", description, table)


def loss_plot(state, nums):
    """The mean squared error over the descent's steps, on a log scale (its points also as JSON)."""
    history = state.history
    title = "Mean squared error over gradient-descent steps"
    if not history:
        plot = kit.Plot((0, 1), (0, 1), height=150, cls="lin-loss-plot", attrs={"data-history": "[]"})
        plot.axes(x_label="gradient steps")
        plot.text(0.5, 0.5, "Descend to plot the error over steps.", anchor="middle", cls="kit-tick")
        return plot.chart(title, "No descent steps from this line yet.")
    steps, logs = [s for s, _ in history], [math.log10(max(loss, 1e-12)) for _, loss in history]
    low, high = math.floor(min(logs)), math.ceil(max(logs))
    high = max(high, low + 1)
    plot = kit.Plot(
        (steps[0], max(steps[-1], steps[0] + 1)),
        (low, high),
        height=170,
        margin=MARGIN,
        cls="lin-loss-plot",
        attrs={"data-history": json.dumps(history)},
    )
    plot.axes(x_ticks=[steps[0], steps[-1]], x_label="gradient steps (MSE, log scale)")
    for k in range(low, high + 1):
        plot.text(plot.x[0], k, f"1e{k}", dx=-8, dy=5, anchor="end", cls="kit-tick")
    plot.curve(steps, logs, cls="lin-loss")
    picks = sorted({round(i * (len(history) - 1) / 5) for i in range(6)})
    table = kit.Table(
        "Mean squared error after each step (a sample)",
        ["step", "MSE"],
        [[history[i][0], kit.num(history[i][1], 6)] for i in picks],
    )
    description = (
        f"Mean squared error over {steps[-1] - steps[0]} descent steps: from {history[0][1]:.4f} "
        f"to {history[-1][1]:.6f}."
    )
    return plot.chart(title, description, table)


def readout(state, nums):
    """The weights, the error, the gradient, and whether descent has converged."""
    g = nums["gradient"]
    converged = (
        f'<strong class="lin-converged" data-converged>converged</strong> (|gradient| below {TOLERANCE:g})'
        if nums["converged"]
        else f"not converged (stops when |gradient| &lt; {TOLERANCE:g})"
    )
    return (
        f'<p class="lin-weights">slope w = {kit.span(kit.num(state.slope, 3, "demo-slope"))}, '
        f"intercept b = {kit.span(kit.num(state.intercept, 3, 'demo-intercept'))}, "
        f"mean squared error L = {kit.span(kit.num(nums['mse'], 4, 'demo-mse'))}</p>"
        f'<p class="lin-gradient">gradient (dL/db, dL/dw) = ({kit.span(kit.num(g[0], 4, "demo-grad-b"))}, '
        f"{kit.span(kit.num(g[1], 4, 'demo-grad-w'))}); descent steps: "
        f'<span class="demo-steps">{state.steps}</span>, {converged}</p>'
    )


def revealed(state, nums):
    """The reader's committed line, then the least-squares answer beside it."""
    if state.guess_slope is None:
        return (
            '<p data-reveal="none">Fit the line by eye with the sliders: which slope and intercept make the squared '
            "error smallest? Commit your line as your guess, then reveal the least-squares line.</p>"
        )
    guess = (
        f"Your guess: {_equation(state.guess_slope, state.guess_intercept)}, "
        f"mean squared error {nums['guess_mse']:.4f}."
    )
    if not state.revealed:
        return kit.markup.html(kit.markup.element("p", {"data-reveal": "pending"}, guess + " Reveal to compare."))
    best, ratio = nums["best"], nums["guess_mse"] / nums["best_mse"]
    verdict = "close" if ratio <= CLOSE else "off"
    return (
        f'<p data-reveal="shown" data-verdict="{verdict}">{guess} Least squares: '
        f"slope {kit.span(kit.num(best[1], 3, 'demo-best-slope'))}, "
        f"intercept {kit.span(kit.num(best[0], 3, 'demo-best-intercept'))}, "
        f"mean squared error {kit.span(kit.num(nums['best_mse'], 4, 'demo-best-mse'))}, the smallest any line "
        f"reaches. Your slope is off by {state.guess_slope - best[1]:+.3f}; your error is "
        f"<strong>{ratio:.2f} times</strong> the minimum.</p>"
    )


RULE = (
    f'<p class="lin-rule">Residual = observed y minus the line\'s prediction; each shaded square has that residual '
    f"as its side, so its area is the squared residual. Gradient descent takes steps of the listing's "
    f"<code>gradient_descent</code> (learning rate 0.05) and a run stops once |gradient| &lt; {TOLERANCE:g}. "
    f"Your guess counts as close when its error is within {CLOSE:g} times the minimum.</p>"
)

demo = kit.Demo(
    title="Linear regression: residuals, their squares, and two ways to the least-squares line",
    initial=start(),
    derive=numbers,
    prefix="lin",
    layout=[
        kit.Figure("figure", figure),
        kit.Row(
            kit.Slider("slope", "Slope (w)", set_slope, min=-1, max=4, step=0.01),
            kit.Slider("intercept", "Intercept (b)", set_intercept, min=-3, max=6, step=0.01),
        ),
        kit.Row(
            kit.Button("Commit this line as my guess", commit_guess),
            kit.Button("Reveal the least-squares line", reveal, enabled=can_reveal, why="Commit a guess first."),
            label="Your guess",
        ),
        kit.Part("reveal", revealed, cls="lin-reveal"),
        kit.Row(
            kit.Button("Solve the normal equations", solve),
            kit.Button("One step", step, 1),
            kit.Button("60 steps", step, 60),
            kit.Run(step, 5),
            kit.Button("Reset to w = 0", reset),
            label="Fitting",
        ),
        kit.Part("readout", readout),
        kit.Figure("squares", squares, live=False),
        kit.Figure("loss-plot", loss_plot, live=False),
        kit.Note(RULE),
    ],
)
