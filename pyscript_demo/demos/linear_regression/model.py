"""The Linear Regression demo's state and actions, every number from `least_squares` (the page's listing).

The functions are pure: the browser keeps the state and sends it with every action.
"""

from dataclasses import dataclass, field, replace

import numpy as np

from pyscript_demo import kit
from pyscript_demo import least_squares as ls

# Descent has converged when the gradient's length is below this: the shown weights no longer move.
TOLERANCE = 1e-4
# A committed line is "close" when its mean squared error is within this factor of the least-squares one.
CLOSE = 1.1
# Loss points kept for the plot; older ones are thinned so long runs stay cheap.
HISTORY_LIMIT = 400


@dataclass(frozen=True)
class State:
    slope: float
    intercept: float
    guess_slope: float | None = None
    guess_intercept: float | None = None
    revealed: bool = False
    steps: int = 0
    history: list = field(default_factory=list)  # [step, mean squared error] pairs of the current descent

    @property
    def w(self):
        """The listing's weight vector: bias (intercept) first, then slope."""
        return np.array([self.intercept, self.slope], dtype=float)

    @property
    def guess(self):
        return None if self.guess_slope is None else np.array([self.guess_intercept, self.guess_slope])


def start():
    """Where the listing's gradient descent starts: w = 0, a flat line at y = 0."""
    return State(slope=0.0, intercept=0.0)


def numbers(state):
    """Everything the demo shows about `state`, at full precision."""
    w, best = state.w, ls.fit(ls.X, ls.y)
    residuals = ls.residuals(ls.X, ls.y, w)
    grad = ls.gradient(ls.X, ls.y, w)
    guess = state.guess
    return {
        "x": ls.x.tolist(),
        "y": ls.y.tolist(),
        "predictions": (ls.X @ w).tolist(),
        "residuals": residuals.tolist(),
        "squares": (residuals**2).tolist(),
        "mse": float(ls.mse(ls.X, ls.y, w)),
        "gradient": grad.tolist(),
        "gradient_norm": float(np.linalg.norm(grad)),
        "converged": bool(np.linalg.norm(grad) < TOLERANCE),
        "best": best.tolist(),
        "best_mse": float(ls.mse(ls.X, ls.y, best)),
        "guess_mse": None if guess is None else float(ls.mse(ls.X, ls.y, guess)),
    }


def _record(history, step, loss):
    history = [*history, [step, loss]]
    if len(history) > HISTORY_LIMIT:
        history = history[:-1:2] + history[-1:]
    return history


def _moved(state, **weights):
    """The line put somewhere by hand: a new descent starts from there."""
    return replace(state, **weights, steps=0, history=[])


# The reader's actions: each the state after it.


def set_slope(state, value):
    return _moved(state, slope=value)


def set_intercept(state, value):
    return _moved(state, intercept=value)


def commit_guess(state):
    return replace(state, guess_slope=state.slope, guess_intercept=state.intercept, revealed=False)


def can_reveal(state):
    return state.guess_slope is not None


def reveal(state):
    if not can_reveal(state):
        raise ValueError("commit a line as your guess before revealing")
    return replace(state, revealed=True)


def solve(state):
    """The normal equations' solution, in one jump."""
    best = ls.fit(ls.X, ls.y)
    return _moved(state, intercept=float(best[0]), slope=float(best[1]))


def step(state, count):
    """`count` steps of the listing's gradient descent; a run ends once the gradient has vanished."""
    w = state.w
    history = state.history or [[state.steps, float(ls.mse(ls.X, ls.y, w))]]
    for n in range(state.steps + 1, state.steps + count + 1):
        w = ls.gradient_descent(ls.X, ls.y, w, steps=1)
        history = _record(history, n, float(ls.mse(ls.X, ls.y, w)))
    after = replace(state, intercept=float(w[0]), slope=float(w[1]), steps=state.steps + count, history=history)
    converged = np.linalg.norm(ls.gradient(ls.X, ls.y, w)) < TOLERANCE
    return kit.done(after) if converged else after


def reset(state):
    return start()
