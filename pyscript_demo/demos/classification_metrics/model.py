"""The Classification Metrics demo's state, its actions, and every number it shows.

Every number comes from `classification_metrics` (the listing on the page), called in CPython when the
page is built and in Pyodide when it is live. The actions are pure: the browser keeps the state.
"""

from dataclasses import dataclass, replace

from pyscript_demo import classification_metrics as cm
from pyscript_demo import kit

STEP = 0.1  # how far the prediction raises the threshold
MOVES = ("rises", "stays", "falls")
CELLS = ("TP", "FP", "FN", "TN")
CELL_NAMES = dict(zip(CELLS, ["true positive", "false positive", "false negative", "true negative"], strict=True))

# The curves and the calibration do not depend on the threshold: computed once.
ROC_FPR, ROC_TPR, ROC_THRESHOLDS = cm.roc_curve(cm.y, cm.q)
AUC = float(cm.auc(ROC_FPR, ROC_TPR))
PR_PRECISION, PR_RECALL, PR_THRESHOLDS = cm.precision_recall_curve(cm.y, cm.q)
BINS = cm.reliability(cm.y, cm.q)
CALIBRATION_ERROR = float(cm.calibration_error(cm.y, cm.q))


@dataclass(frozen=True)
class State:
    threshold: float = 0.5
    precision_guess: str | None = None
    recall_guess: str | None = None
    revealed: bool = False
    before: float | None = None  # the threshold the revealed prediction started from


def at(threshold):
    """The four counts and the rates of the listing at `threshold`."""
    tp, fp, fn, tn = (int(n) for n in cm.confusion(cm.y, cm.q, threshold))
    rates = {name: float(value) for name, value in cm.metrics(tp, fp, fn, tn).items()}
    return {"TP": tp, "FP": fp, "FN": fn, "TN": tn, **rates}


def cell(i, threshold):
    """Which cell of the confusion matrix example i lands in: the listing's `confusion` of that example alone."""
    counts = cm.confusion(cm.y[i : i + 1], cm.q[i : i + 1], threshold)
    return CELLS[[int(n) for n in counts].index(1)]


def move(before, after):
    if abs(after - before) < 1e-12:
        return "stays"
    return "rises" if after > before else "falls"


def numbers(state):
    """Everything the demo shows about `state`, at full precision."""
    now = at(state.threshold)
    return {
        "now": now,
        "cells": [cell(i, state.threshold) for i in range(cm.y.size)],
        "before": at(state.before) if state.revealed else None,
    }


def start():
    return State()


# The reader's actions: each the state after it.


def set_threshold(state, value):
    """A new threshold; after a reveal it also starts a new prediction."""
    fresh = {"precision_guess": None, "recall_guess": None} if state.revealed else {}
    return replace(state, threshold=min(max(value, 0.0), 1.0), revealed=False, before=None, **fresh)


def guess_precision(state, direction):
    return replace(state, precision_guess=direction, revealed=False, before=None)


def guess_recall(state, direction):
    return replace(state, recall_guess=direction, revealed=False, before=None)


def can_reveal(state):
    return (
        state.precision_guess is not None
        and state.recall_guess is not None
        and not state.revealed
        and state.threshold + STEP <= 1 + 1e-9
    )


def reveal(state):
    """Raise the threshold by STEP and show how precision and recall moved."""
    if not can_reveal(state):
        raise ValueError("guess how precision and recall move, at a threshold of at most 0.9, before revealing")
    # Rounded so that 0.5 + 0.1 is the score 0.6 exactly, as the slider would set it.
    return replace(state, threshold=round(state.threshold + STEP, 6), revealed=True, before=state.threshold)


def sweep(state, by):
    """Raise the threshold by `by`, from 0 when it is already at 1; at 1 the sweep is done."""
    start_at = 0.0 if state.threshold >= 1 else state.threshold
    moved = set_threshold(state, round(min(start_at + by, 1.0), 6))
    return kit.done(moved) if moved.threshold >= 1 else moved


def reset(state):
    return start()
