"""The Classification Metrics demo's actions, in CPython: the same code the browser runs."""

import json

import numpy as np
import pytest

from pyscript_demo import classification_metrics as cm
from pyscript_demo.demos.classification_metrics import demo as view
from pyscript_demo.demos.classification_metrics import model

DEMO = view.demo


def act(state, action, value=None):
    """The state after `action`, dispatched by the kit as the browser's messages are."""
    return DEMO.act(state, action, None if value is None else str(value))


def parts(state):
    return json.loads(DEMO.handle(json.dumps({"state": DEMO.state_to_json(state), "action": "view"})))["parts"]


@pytest.mark.parametrize("threshold", [0.0, 0.3, 0.5, 0.55, 0.6, 0.7, 0.96, 1.0])
def test_the_counts_and_rates_are_the_listings_at_the_slider_threshold(threshold):
    state, _ = act(model.start(), "set-threshold", threshold)
    nums = model.numbers(state)
    tp, fp, fn, tn = cm.confusion(cm.y, cm.q, threshold)
    assert [nums["now"][c] for c in model.CELLS] == [tp, fp, fn, tn]
    for name, value in cm.metrics(tp, fp, fn, tn).items():
        assert nums["now"][name] == pytest.approx(value)
    # Each example's cell, from the definitions: predicted positive when q >= t.
    expected = [
        ("T" if (q >= threshold) == bool(y) else "F") + ("P" if q >= threshold else "N")
        for y, q in zip(cm.y, cm.q, strict=True)
    ]
    assert nums["cells"] == expected


def test_the_threshold_stays_between_zero_and_one():
    assert act(model.start(), "set-threshold", 1.7)[0].threshold == 1.0
    assert act(model.start(), "set-threshold", -0.2)[0].threshold == 0.0


def test_reveal_waits_for_both_guesses():
    state = act(model.start(), "guess-precision", "rises")[0]
    assert not model.can_reveal(state)
    with pytest.raises(ValueError):
        act(state, "reveal")
    assert model.can_reveal(act(state, "guess-recall", "falls")[0])


def test_the_reveal_raises_the_threshold_and_judges_each_guess():
    # From t = 0.5 to 0.6 the positive at 0.55 leaves the predicted positives: precision 4/5 -> 3/4, recall 1 -> 3/4.
    state = act(act(model.start(), "guess-precision", "rises")[0], "guess-recall", "falls")[0]
    state, _ = act(state, "reveal")
    assert (state.threshold, state.before, state.revealed) == (0.6, 0.5, True)
    shown = parts(state)["reveal"]
    assert "Precision falls: 0.800 → 0.750" in shown and "Recall falls: 1.000 → 0.750" in shown
    assert shown.count('data-verdict="wrong"') == 1 and shown.count('data-verdict="right"') == 1
    assert "positives lost 1 (now false negatives), negatives lost 0" in shown
    assert parts(state)["summary"] == (
        "Threshold raised to 0.60: precision falls, your guess was wrong; recall falls, your guess was right."
    )


@pytest.mark.parametrize("start", [0.0, 0.2, 0.35, 0.5, 0.62, 0.9])
def test_recall_never_rises_when_the_threshold_does(start):
    state = act(act(model.start(), "set-threshold", start)[0], "guess-precision", "stays")[0]
    state = act(state, "guess-recall", "falls")[0]
    nums = model.numbers(act(state, "reveal")[0])
    assert nums["now"]["recall"] <= nums["before"]["recall"]


def test_no_reveal_above_where_the_threshold_can_rise():
    state = act(model.start(), "set-threshold", 0.95)[0]
    state = act(act(state, "guess-precision", "rises")[0], "guess-recall", "falls")[0]
    assert not DEMO.enabled(state)["reveal"]
    assert "Lower the threshold" in parts(state)["reveal"]


def test_moving_the_threshold_after_a_reveal_starts_a_new_prediction():
    state = act(act(model.start(), "guess-precision", "rises")[0], "guess-recall", "falls")[0]
    state = act(act(state, "reveal")[0], "set-threshold", 0.4)[0]
    assert (state.precision_guess, state.recall_guess, state.revealed, state.before) == (None, None, False, None)


def test_a_sweep_rises_to_one_then_ends_the_run_and_starts_again_from_zero():
    state, finished, steps = act(model.start(), "set-threshold", 0.95)[0], False, 0
    while not finished:
        state, finished = act(state, "sweep", 0.01)
        steps += 1
    assert (state.threshold, steps) == (1.0, 5)
    assert act(state, "sweep", 0.01)[0].threshold == 0.01


def test_the_curves_and_calibration_are_the_listings_and_do_not_follow_the_threshold():
    fpr, tpr, _ = cm.roc_curve(cm.y, cm.q)
    assert pytest.approx(cm.auc(fpr, tpr)) == model.AUC
    assert pytest.approx(cm.calibration_error(cm.y, cm.q)) == model.CALIBRATION_ERROR
    low, high = parts(act(model.start(), "set-threshold", 0.2)[0]), parts(act(model.start(), "set-threshold", 0.8)[0])
    assert low["reliability"] == high["reliability"]
    assert low["roc"] != high["roc"]  # the operating point moves
    assert f"AUC = {cm.auc(fpr, tpr):.3f}" in low["roc"]


def test_the_operating_point_is_on_the_roc_curve():
    fpr, tpr, _ = cm.roc_curve(cm.y, cm.q)
    for threshold in np.linspace(0, 1, 21):
        now = model.numbers(act(model.start(), "set-threshold", threshold)[0])["now"]
        assert any(
            np.isclose(now["false positive rate"], f) and np.isclose(now["recall"], r)
            for f, r in zip(fpr, tpr, strict=True)
        )
