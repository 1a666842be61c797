"""What the Logistic Regression demo shows: its SVG figure, loss plot, readout and controls.

The same functions render the page's static demo at build time (CPython) and
every live update in the browser (Pyodide), so the live markup replaces the
static markup without a jump.
"""

import json
from dataclasses import asdict
from html import escape

import numpy as np

from pyscript_demo import logreg
from pyscript_demo.logreg_demo import (
    MISCLASSIFIED,
    OVERCONFIDENT,
    PULLED,
    State,
    act,
    numbers,
    start,
)

TITLE = "Logistic regression: slope, bias, and one point's gradient"

# Figure geometry (SVG user units) and the window onto the data.
WIDTH, HEIGHT, LOSS_HEIGHT = 520, 300, 150
LEFT, RIGHT, TOP, BOTTOM = 46, 14, 14, 34
X_RANGE = (-4.0, 4.0)
Q_RANGE = (-0.1, 1.1)
CURVE_SAMPLES = 161
ARROW_SCALE = 110  # pixels of arrow per unit of |q - y|

DIRECTION_TEXT = {
    "raise": "training wants to raise this point's logit",
    "lower": "training wants to lower this point's logit",
    "unchanged": "training wants to leave this point's logit mostly unchanged",
}
CAVEAT_AFTER_STEPS = 100


def _sx(x):
    return LEFT + (x - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0]) * (WIDTH - LEFT - RIGHT)


def _sy(q, height=HEIGHT):
    return TOP + (Q_RANGE[1] - q) / (Q_RANGE[1] - Q_RANGE[0]) * (height - TOP - BOTTOM)


def _num(value, digits):
    return f"{value:.{digits}f}"


def _point_name(i, nums):
    return f"Point {i + 1} (x = {nums['x'][i]:g}, y = {nums['y'][i]:g})"


def figure(state, nums):
    """The curve q = sigma(wx + b), the midline, the boundary and the seven points, as SVG."""
    xs = np.linspace(*X_RANGE, CURVE_SAMPLES)
    qs = logreg.sigmoid(state.slope * xs + state.bias)
    curve = "M" + " L".join(f"{_sx(x):.1f},{_sy(q):.1f}" for x, q in zip(xs, qs))
    bottom = HEIGHT - BOTTOM
    parts = [
        f'<line class="lr-axis" x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}"/>',
        f'<line class="lr-axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}"/>',
    ]
    for tick in range(int(X_RANGE[0]), int(X_RANGE[1]) + 1):
        parts.append(f'<text class="lr-tick" x="{_sx(tick):.1f}" y="{bottom + 20}" text-anchor="middle">{tick}</text>')
    for q in (0, 0.5, 1):
        parts.append(f'<text class="lr-tick" x="{LEFT - 8}" y="{_sy(q) + 5:.1f}" text-anchor="end">{q:g}</text>')
    parts.append(f'<line class="lr-midline" x1="{LEFT}" y1="{_sy(0.5):.1f}" x2="{WIDTH - RIGHT}" y2="{_sy(0.5):.1f}"/>')
    boundary = nums["boundary"]
    if boundary is not None and X_RANGE[0] <= boundary <= X_RANGE[1]:
        bx = _sx(boundary)
        parts.append(f'<line class="lr-boundary" x1="{bx:.1f}" y1="{TOP}" x2="{bx:.1f}" y2="{bottom}"/>')
        anchor = "start" if boundary < 2 else "end"
        shift = 6 if anchor == "start" else -6
        parts.append(
            f'<text class="lr-boundary-label" x="{bx + shift:.1f}" y="{TOP + 14}" text-anchor="{anchor}">'
            f"x = -b/w = {_num(boundary, 2)}</text>"
        )
    parts.append(f'<path class="lr-curve" d="{curve}"/>')
    for i, (x, y, q) in enumerate(zip(nums["x"], nums["y"], nums["q"])):
        px, py, pq = _sx(x), _sy(y), _sy(q)
        slug = nums["labels"][i].replace(" ", "-")
        selected = " lr-point--selected" if state.selected == i else ""
        parts.append(
            f'<g class="lr-point lr-point--{slug}{selected}" data-index="{i}">'
            f'<line class="lr-residual" x1="{px:.1f}" y1="{pq:.1f}" x2="{px:.1f}" y2="{py:.1f}"/>'
            f'<circle class="lr-q" cx="{px:.1f}" cy="{pq:.1f}" r="3"/>'
            f'<circle class="lr-dot lr-dot--{"positive" if y else "negative"}" cx="{px:.1f}" cy="{py:.1f}" r="7"'
            f' data-index="{i}"><title>{escape(_point_name(i, nums))}: q = {_num(q, 3)}, '
            f"{nums['labels'][i]}</title></circle>"
            + (f'<circle class="lr-ring" cx="{px:.1f}" cy="{py:.1f}" r="12"/>' if selected else "")
            + f'<circle class="lr-hit" cx="{px:.1f}" cy="{py:.1f}" r="16" data-index="{i}"/></g>'
        )
    if state.revealed and state.selected is not None:
        parts.append(_gradient_arrow(state.selected, nums))
    misclassified = nums["labels"].count("misclassified")
    description = (
        f"Curve q = sigma(w x + b) at w = {_num(state.slope, 2)}, b = {_num(state.bias, 2)}; "
        + (f"decision boundary at x = {_num(boundary, 2)}; " if boundary is not None else "no decision boundary; ")
        + f"{misclassified} of 7 points misclassified."
    )
    return (
        f'<svg class="lr-figure" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(description)}">'
        + "".join(parts)
        + "</svg>"
    )


def _gradient_arrow(i, nums):
    """The selected point's logit gradient: from its q on the curve, toward the way descent moves it."""
    x, q, residual = nums["x"][i], nums["q"][i], nums["residual"][i]
    px, pq = _sx(x), _sy(q)
    length = max(abs(residual) * ARROW_SCALE, 6)
    tip = pq - length if residual < 0 else pq + length
    head = 6 if residual < 0 else -6
    return (
        f'<g class="lr-gradient lr-gradient--{nums["directions"][i]}">'
        f'<line x1="{px:.1f}" y1="{pq:.1f}" x2="{px:.1f}" y2="{tip:.1f}"/>'
        f'<path d="M{px - 5:.1f},{tip + head:.1f} L{px:.1f},{tip:.1f} L{px + 5:.1f},{tip + head:.1f}"/>'
        f'<text x="{px + 8:.1f}" y="{(pq + tip) / 2 + 4:.1f}">q - y = {_num(residual, 3)}</text></g>'
    )


def loss_plot(state):
    """The average loss over training steps, as SVG (its points also as JSON, for readers and tests)."""
    history = state.history
    bottom = LOSS_HEIGHT - BOTTOM
    frame = (
        f'<line class="lr-axis" x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}"/>'
        f'<line class="lr-axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}"/>'
        f'<text class="lr-tick" x="{(LEFT + WIDTH - RIGHT) / 2:.0f}" y="{LOSS_HEIGHT - 6}" '
        'text-anchor="middle">gradient steps</text>'
    )
    if not history:
        body = (
            f'<text class="lr-tick" x="{(LEFT + WIDTH - RIGHT) / 2:.0f}" y="{LOSS_HEIGHT / 2:.0f}" '
            'text-anchor="middle">Train to plot the average loss over steps.</text>'
        )
        label = "Loss over training steps: no steps trained yet."
    else:
        steps = [s for s, _ in history]
        losses = [loss for _, loss in history]
        first, last, top = steps[0], max(steps[-1], steps[0] + 1), max(losses)
        sx = lambda s: LEFT + (s - first) / (last - first) * (WIDTH - LEFT - RIGHT)  # noqa: E731
        sy = lambda v: bottom - v / top * (bottom - TOP)  # noqa: E731
        points = " ".join(f"{sx(s):.1f},{sy(v):.1f}" for s, v in history)
        body = (
            f'<text class="lr-tick" x="{LEFT - 8}" y="{TOP + 4}" text-anchor="end">{_num(top, 2)}</text>'
            f'<text class="lr-tick" x="{LEFT - 8}" y="{bottom + 4}" text-anchor="end">0</text>'
            f'<text class="lr-tick" x="{WIDTH - RIGHT}" y="{bottom + 16}" text-anchor="end">{steps[-1]}</text>'
            f'<polyline class="lr-loss" points="{points}"/>'
        )
        label = f"Loss over {steps[-1]} training steps: from {_num(losses[0], 4)} to {_num(losses[-1], 4)}."
    return (
        f'<svg class="lr-loss-plot" viewBox="0 0 {WIDTH} {LOSS_HEIGHT}" role="img" '
        f"aria-label=\"{escape(label)}\" data-history='{json.dumps(history)}'>{frame}{body}</svg>"
    )


def readout(state, nums):
    """The weights, the loss, the overall verdict and a table of every point, as HTML."""
    boundary = nums["boundary"]
    counts = {name: nums["labels"].count(name) for name in dict.fromkeys(nums["labels"])}
    rows = []
    for i in range(len(nums["x"])):
        selected = ' class="lr-row--selected" aria-current="true"' if state.selected == i else ""
        rows.append(
            f'<tr data-index="{i}"{selected}><th scope="row">{i + 1}</th>'
            f"<td>{nums['x'][i]:g}</td><td>{nums['y'][i]:g}</td>"
            f'<td class="demo-q" data-value="{nums["q"][i]!r}">{_num(nums["q"][i], 3)}</td>'
            f'<td class="demo-residual" data-value="{nums["residual"][i]!r}">{_num(nums["residual"][i], 3)}</td>'
            f'<td class="demo-label">{nums["labels"][i]}</td></tr>'
        )
    caveat = ""
    if state.steps >= CAVEAT_AFTER_STEPS and counts.get("misclassified", 0) == 0:
        caveat = (
            '<p class="lr-caveat" data-caveat>Every point is on its right side of 0.5, yet each step still '
            f"grows the slope (now {_num(state.slope, 3)}): these data are separable, so the likelihood has "
            "no finite maximum. This is the caveat from the Intuition section.</p>"
        )
    return (
        '<p class="lr-weights">'
        f'w = <span class="demo-slope" data-value="{state.slope!r}">{_num(state.slope, 3)}</span>, '
        f'b = <span class="demo-bias" data-value="{state.bias!r}">{_num(state.bias, 3)}</span>, '
        "boundary x = -b/w = "
        + (
            f'<span class="demo-boundary" data-value="{boundary!r}">{_num(boundary, 3)}</span>'
            if boundary is not None
            else "none (w = 0)"
        )
        + f', average loss L = <span class="demo-loss" data-value="{nums["loss"]!r}">{_num(nums["loss"], 4)}</span>'
        f', steps trained: <span class="demo-steps">{state.steps}</span></p>'
        f'<p class="lr-overall">Overall: <strong class="demo-overall lr-label--{nums["overall"].replace(" ", "-")}">'
        f"{nums['overall']}</strong> ("
        + ", ".join(f"{n} {name}" for name, n in counts.items())
        + ")</p>"
        + caveat
        + '<div class="lr-table-scroll"><table class="lr-table"><caption>Each point at the current weights</caption>'
        '<thead><tr><th scope="col">point</th><th scope="col">x</th><th scope="col">y</th>'
        '<th scope="col">q</th><th scope="col">q - y</th><th scope="col">label</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def reveal(state, nums):
    """The selected point before and after the reveal: its probability, then its gradient."""
    i = state.selected
    if i is None:
        return '<p data-reveal="none">Choose a point, in the figure or in the list, to inspect it.</p>'
    head = f"{_point_name(i, nums)}: q = {_num(nums['q'][i], 3)}."
    if not state.revealed:
        ask = (
            f" Your prediction: training will {state.prediction} its logit. Reveal to check it."
            if state.prediction
            else " Will training raise its logit, lower it, or leave it mostly unchanged? Commit a prediction, then reveal."
        )
        return f'<p data-reveal="pending">{escape(head + ask)}</p>'
    actual = nums["directions"][i]
    right = state.prediction == actual
    verdict = "right" if right else "wrong"
    return (
        f'<p data-reveal="shown" data-direction="{actual}" data-verdict="{verdict}">{escape(head)} '
        f'Its contribution is q - y = <span class="demo-contribution" data-value="{nums["residual"][i]!r}">'
        f"{_num(nums['residual'][i], 3)}</span>, so {DIRECTION_TEXT[actual]}. "
        f"Your prediction ({state.prediction}) was <strong>{verdict}</strong>. "
        f"Average loss L = {_num(nums['loss'], 4)}.</p>"
    )


def summary(state, nums):
    """One sentence for screen readers, announced after every change."""
    loss = f"Average loss {_num(nums['loss'], 4)}."
    trained = (
        f"After {state.steps} steps, w = {_num(state.slope, 2)}, b = {_num(state.bias, 2)}. " if state.steps else ""
    )
    i = state.selected
    if i is None:
        return f"{trained}w = {_num(state.slope, 2)}, b = {_num(state.bias, 2)}: overall {nums['overall']}. {loss}"
    point = f"{_point_name(i, nums)}: q = {_num(nums['q'][i], 3)}"
    if not state.revealed:
        return f"{trained}{point}. {loss}"
    return (
        f"{trained}{point}, q - y = {_num(nums['residual'][i], 3)}: "
        f"{DIRECTION_TEXT[nums['directions'][i]]}; your prediction was "
        f"{'right' if state.prediction == nums['directions'][i] else 'wrong'}. {loss}"
    )


def control_values(state):
    """What each control shows for `state`, as the strings the inputs take."""
    return {
        "slope": f"{state.slope:.4f}",
        "bias": f"{state.bias:.4f}",
        "selected": "" if state.selected is None else str(state.selected),
        "prediction": state.prediction or "",
        "can-reveal": state.selected is not None and state.prediction is not None,
    }


def parts(state, nums):
    return {
        "figure": figure(state, nums),
        "loss-plot": loss_plot(state),
        "readout": readout(state, nums),
        "reveal": reveal(state, nums),
        "summary": summary(state, nums),
    }


def handle(message):
    """The browser's entry point. JSON in: {state, action, value}; JSON out: {state, parts, controls}."""
    request = json.loads(message)
    state = act(State.from_json(request["state"]), request["action"], request.get("value"))
    return json.dumps(
        {"state": asdict(state), "parts": parts(state, numbers(state)), "controls": control_values(state)}
    )


def _slider(param, label, value):
    return (
        f'<div class="lr-slider"><label for="lr-{param}">{label}</label>'
        f'<input type="range" id="lr-{param}" data-action="set-{param}" data-control="{param}" '
        f'min="-5" max="5" step="0.05" value="{value}">'
        f'<input type="number" id="lr-{param}-exact" data-action="set-{param}" data-control="{param}" '
        f'step="any" value="{value}" aria-label="{label}, exact value"></div>'
    )


def _radios(name, legend, options, checked, action):
    items = "".join(
        f'<label class="lr-choice"><input type="radio" name="lr-{name}" value="{value}" '
        f'data-action="{action}" data-control="{name}"{" checked" if value == checked else ""}> {text}</label>'
        for value, text in options
    )
    return f'<fieldset class="lr-{name}"><legend>{legend}</legend>{items}</fieldset>'


def static_html():
    """The whole demo at the listing's starting weights: what the page shows before Python runs."""
    state = start()
    nums = numbers(state)
    values = control_values(state)
    shown = parts(state, nums)
    points = [(str(i), f"{i + 1}: x = {x:g}, y = {y:g}") for i, (x, y) in enumerate(zip(nums["x"], nums["y"]))]
    predictions = [
        ("raise", "raise its logit"),
        ("lower", "lower its logit"),
        ("unchanged", "leave it mostly unchanged"),
    ]
    return (
        f'<div class="lr-stage" data-part="figure">{shown["figure"]}</div>'
        '<div class="lr-controls">'
        + _slider("slope", "Slope (w)", values["slope"])
        + _slider("bias", "Bias (b)", values["bias"])
        + "</div>"
        + _radios("selected", "Choose a point", points, values["selected"], "select")
        + _radios(
            "prediction",
            "Will training raise its logit, lower it, or leave it mostly unchanged?",
            predictions,
            values["prediction"],
            "predict",
        )
        + '<div class="lr-buttons">'
        '<button type="button" class="md-button" data-action="reveal" data-needs-prediction aria-disabled="true">Reveal</button>'
        "</div>"
        f'<div class="lr-reveal" data-part="reveal">{shown["reveal"]}</div>'
        '<div class="lr-buttons" role="group" aria-label="Training">'
        '<button type="button" class="md-button" data-action="step" data-value="1" aria-disabled="true">One step</button>'
        '<button type="button" class="md-button" data-action="step" data-value="60" aria-disabled="true">60 steps</button>'
        '<button type="button" class="md-button" data-run="step" data-value="5" aria-disabled="true" aria-pressed="false">Run</button>'
        '<button type="button" class="md-button" data-action="reset" aria-disabled="true">Reset to the listing\'s start</button>'
        "</div>"
        f'<div class="lr-readout" data-part="readout">{shown["readout"]}</div>'
        f'<div class="lr-loss-stage" data-part="loss-plot">{shown["loss-plot"]}</div>'
        f'<p class="lr-summary" data-part="summary" data-text aria-live="polite">{escape(shown["summary"])}</p>'
        f'<p class="lr-rule">A point is <em>misclassified</em> when |q - y| &ge; {MISCLASSIFIED:g} (wrong side of '
        f"the midline), <em>underconfident</em> when {PULLED:g} &le; |q - y| &lt; {MISCLASSIFIED:g}, "
        f"<em>well fit</em> when {OVERCONFIDENT:g} &le; |q - y| &lt; {PULLED:g}, and <em>overconfident</em> "
        f"when |q - y| &lt; {OVERCONFIDENT:g}. A point's own gradient term, x (q - y) / n, wants to leave "
        f"its logit mostly unchanged when |q - y| &lt; {PULLED:g}; otherwise it raises the logit when "
        "q - y &lt; 0 and lowers it when q - y &gt; 0. The whole set is named by its worst point.</p>"
    )


def initial_state():
    return asdict(start())
