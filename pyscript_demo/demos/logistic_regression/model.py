"""The Logistic Regression demo's state, its rule for naming points, and its training.

Every number the demo shows is computed here from `logreg` (the listing on
the page): in CPython when the page is built, in Pyodide when it is live.
The functions are pure: the browser keeps the state and sends it with every
action, so a restarted Python loses nothing.
"""

from dataclasses import dataclass, field, replace

import numpy as np

from pyscript_demo import logreg

# The rule that names a point, by its residual q - y (the logit gradient of the Math section).
MISCLASSIFIED = 0.5  # |q - y| >= 0.5: on the wrong side of the 0.5 midline, or on it
PULLED = 0.1  # |q - y| >= 0.1: training still moves this point's logit noticeably
OVERCONFIDENT = 0.01  # |q - y| < 0.01: more than 99% certainty from seven points

LABELS = ("misclassified", "underconfident", "well fit", "overconfident")
DIRECTIONS = ("raise", "lower", "unchanged")

# Loss points kept for the plot; older ones are thinned so long runs stay cheap.
HISTORY_LIMIT = 400


def label(residual):
    size = abs(residual)
    if size >= MISCLASSIFIED:
        return "misclassified"
    if size >= PULLED:
        return "underconfident"
    if size >= OVERCONFIDENT:
        return "well fit"
    return "overconfident"


def direction(residual):
    """What the point's own gradient term, x (q - y) / n, makes descent do to its logit z."""
    if abs(residual) < PULLED:
        return "unchanged"
    return "raise" if residual < 0 else "lower"


def overall(labels):
    """The set's name: its worst point's label (misclassified before underconfident before ...)."""
    return min(labels, key=LABELS.index)


@dataclass(frozen=True)
class State:
    slope: float
    bias: float
    selected: int | None = None
    prediction: str | None = None
    revealed: bool = False
    steps: int = 0
    history: list = field(default_factory=list)  # [step, loss] pairs

    @property
    def w(self):
        """The listing's weight vector: bias first, then slope."""
        return np.array([self.bias, self.slope], dtype=float)


def start():
    """The listing's starting weights, nothing chosen, nothing trained."""
    return State(slope=float(logreg.w_start[1]), bias=float(logreg.w_start[0]))


def numbers(state):
    """Everything the demo shows about `state`, at full precision."""
    loss, grad, q = logreg.loss_and_grad(state.w)
    residual = q - logreg.y
    labels = [label(r) for r in residual]
    return {
        "x": logreg.x.tolist(),
        "y": logreg.y.tolist(),
        "q": q.tolist(),
        "residual": residual.tolist(),
        "labels": labels,
        "directions": [direction(r) for r in residual],
        "overall": overall(labels),
        "loss": float(loss),
        "grad": grad.tolist(),
        "boundary": -state.bias / state.slope if state.slope != 0 else None,
    }


def _record(history, step, loss):
    history = [*history, [step, loss]]
    if len(history) > HISTORY_LIMIT:
        history = history[:-1:2] + history[-1:]
    return history


def train(state, count):
    """`count` gradient steps of the listing's `train`, recording the loss after each."""
    w = state.w
    history = state.history or [[state.steps, float(logreg.loss_and_grad(w)[0])]]
    for n in range(state.steps + 1, state.steps + count + 1):
        w = logreg.train(w, steps=1)
        history = _record(history, n, float(logreg.loss_and_grad(w)[0]))
    return replace(state, bias=float(w[0]), slope=float(w[1]), steps=state.steps + count, history=history)


# The reader's actions: each the state after it.


def set_slope(state, value):
    return replace(state, slope=value)


def set_bias(state, value):
    return replace(state, bias=value)


def select(state, index):
    return replace(state, selected=index, prediction=None, revealed=False)


def predict(state, direction):
    return replace(state, prediction=direction, revealed=False)


def can_reveal(state):
    return state.selected is not None and state.prediction is not None


def reveal(state):
    if not can_reveal(state):
        raise ValueError("choose a point and commit a prediction before revealing")
    return replace(state, revealed=True)


def step(state, count):
    return train(state, count)


def reset(state):
    return start()
