"""pyscript_demo/classification_metrics.py against the definitions of its metrics."""

import itertools

import numpy as np
import pytest

from pyscript_demo import classification_metrics as cm


def test_confusion_counts_a_hand_example():
    y = np.array([1, 1, 0, 0, 1])
    q = np.array([0.9, 0.4, 0.6, 0.1, 0.5])
    # Predicted positive (q >= 0.5): examples 0, 2, 4.
    assert cm.confusion(y, q, 0.5) == (2, 1, 1, 1)
    assert cm.metrics(2, 1, 1, 1) == pytest.approx(
        {"accuracy": 3 / 5, "precision": 2 / 3, "recall": 2 / 3, "F1": 2 / 3, "false positive rate": 1 / 2}
    )


def test_extreme_thresholds_predict_everything_or_nothing_positive():
    positives, negatives = int(cm.y.sum()), int((1 - cm.y).sum())
    assert cm.confusion(cm.y, cm.q, 0.0) == (positives, negatives, 0, 0)
    assert cm.confusion(cm.y, cm.q, 1.01) == (0, 0, positives, negatives)


def test_the_roc_curve_runs_from_nothing_to_everything_positive_and_never_falls():
    fpr, tpr, _ = cm.roc_curve(cm.y, cm.q)
    assert (fpr[0], tpr[0], fpr[-1], tpr[-1]) == (0, 0, 1, 1)
    assert np.all(np.diff(fpr) >= 0) and np.all(np.diff(tpr) >= 0)


def ranking_probability(y, q):
    """P(positive scored above negative) + P(tie) / 2, over every positive-negative pair."""
    pairs = list(itertools.product(q[y == 1], q[y == 0]))
    return sum(1.0 if p > n else 0.5 if p == n else 0.0 for p, n in pairs) / len(pairs)


@pytest.mark.parametrize("seed", range(5))
def test_auc_is_the_probability_a_positive_outranks_a_negative(seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=30)
    y[:2] = [0, 1]
    q = np.round(rng.random(30), 1)  # rounding makes ties
    fpr, tpr, _ = cm.roc_curve(y, q)
    assert cm.auc(fpr, tpr) == pytest.approx(ranking_probability(y, q))


def test_auc_of_a_perfect_and_a_reversed_ranking():
    y = np.array([0, 0, 1, 1])
    q = np.array([0.1, 0.2, 0.8, 0.9])
    assert cm.auc(*cm.roc_curve(y, q)[:2]) == 1
    assert cm.auc(*cm.roc_curve(y, 1 - q)[:2]) == 0


def test_calibration_error_is_the_weighted_gap_between_probability_and_frequency():
    # Half of the examples at 0.5 are positive: calibrated.
    assert cm.calibration_error(np.array([0, 1, 0, 1]), np.full(4, 0.5)) == pytest.approx(0)
    # Bin [0.8, 1]: mean q 0.9, no positive; bin [0, 0.2): mean q 0.1, all positive. Each holds half.
    y, q = np.array([0, 0, 1, 1]), np.array([0.9, 0.9, 0.1, 0.1])
    assert cm.calibration_error(y, q) == pytest.approx(0.5 * 0.9 + 0.5 * 0.9)


@pytest.mark.parametrize("threshold", [0.0, 0.3, 0.5, 0.55, 0.6, 0.7, 0.95])
def test_f1_is_the_harmonic_mean_of_precision_and_recall(threshold):
    tp, fp, fn, tn = cm.confusion(cm.y, cm.q, threshold)
    scores = cm.metrics(tp, fp, fn, tn)
    assert scores["F1"] == pytest.approx(2 / (1 / scores["precision"] + 1 / scores["recall"]))
    assert scores["F1"] == pytest.approx(2 * tp / (2 * tp + fp + fn))


def test_f1_is_zero_when_nothing_positive_is_found():
    assert cm.metrics(0, 0, 4, 6)["F1"] == 0


def test_the_precision_recall_curve_holds_the_rates_at_each_distinct_score():
    precision, recall, thresholds = cm.precision_recall_curve(cm.y, cm.q)
    assert list(thresholds) == sorted(set(cm.q), reverse=True)
    for p, r, t in zip(precision, recall, thresholds, strict=True):
        above = cm.q >= t
        assert p == pytest.approx(cm.y[above].mean())  # the share of positives among predicted positives
        assert r == pytest.approx(cm.y[above].sum() / cm.y.sum())
    assert np.all(np.diff(recall) >= 0)
    # At the lowest score everything is predicted positive: recall 1, precision the share of positives.
    assert (recall[-1], precision[-1]) == (1, pytest.approx(cm.y.mean()))


def test_precision_can_fall_when_the_threshold_rises():
    # The page's data: raising t from 0.5 to 0.6 drops the positive at 0.55 and keeps the negative at 0.6.
    before = cm.metrics(*cm.confusion(cm.y, cm.q, 0.5))["precision"]
    after = cm.metrics(*cm.confusion(cm.y, cm.q, 0.6))["precision"]
    assert (before, after) == (pytest.approx(4 / 5), pytest.approx(3 / 4))


def test_reliability_bins_hold_each_example_once_with_its_bins_means():
    y = np.array([0, 1, 1, 0, 1, 1])
    q = np.array([0.1, 0.15, 0.5, 0.55, 0.99, 1.0])
    assert cm.reliability(y, q, bins=4) == [
        (0.0, 0.25, 2, pytest.approx(0.125), pytest.approx(0.5)),
        (0.5, 0.75, 2, pytest.approx(0.525), pytest.approx(0.5)),
        (0.75, 1.0, 2, pytest.approx(0.995), pytest.approx(1.0)),  # q = 1 falls in the last bin
    ]
    assert sum(count for _, _, count, _, _ in cm.reliability(cm.y, cm.q)) == cm.y.size
