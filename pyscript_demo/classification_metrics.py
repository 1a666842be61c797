import numpy as np

# Labels and predicted probabilities q = P(y = 1 | x) of a binary classifier.
y = np.array([0, 0, 0, 0, 0, 1, 0, 1, 1, 1])
q = np.array([0.05, 0.15, 0.3, 0.35, 0.45, 0.55, 0.6, 0.7, 0.8, 0.95])


def confusion(y, q, threshold=0.5):
    predicted = q >= threshold
    tp = np.sum(predicted & (y == 1))
    fp = np.sum(predicted & (y == 0))
    fn = np.sum(~predicted & (y == 1))
    tn = np.sum(~predicted & (y == 0))
    return tp, fp, fn, tn


def metrics(tp, fp, fn, tn):
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn)
    return {
        "accuracy": (tp + tn) / (tp + fp + fn + tn),
        "precision": precision,
        "recall": recall,
        # The harmonic mean of precision and recall: 2 TP / (2 TP + FP + FN).
        "F1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "false positive rate": fp / (fp + tn),
    }


def roc_curve(y, q):
    # One point per distinct score used as the threshold, from "nothing positive" to "everything positive".
    thresholds = np.concatenate([[np.inf], np.unique(q)[::-1]])
    points = [confusion(y, q, t) for t in thresholds]
    fpr = np.array([fp / (fp + tn) for tp, fp, fn, tn in points])
    tpr = np.array([tp / (tp + fn) for tp, fp, fn, tn in points])
    return fpr, tpr, thresholds


def auc(fpr, tpr):
    # Area under the curve by the trapezoid rule.
    return np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2)


def precision_recall_curve(y, q):
    # One point per distinct score used as the threshold, highest first; precision needs a predicted positive.
    thresholds = np.unique(q)[::-1]
    points = [confusion(y, q, t) for t in thresholds]
    precision = np.array([tp / (tp + fp) for tp, fp, fn, tn in points])
    recall = np.array([tp / (tp + fn) for tp, fp, fn, tn in points])
    return precision, recall, thresholds


def reliability(y, q, bins=5):
    # Per bin of q, [lower edge, upper edge): how many examples, their mean q and their fraction of positives.
    which = np.minimum((q * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        members = which == b
        if members.any():
            rows.append((b / bins, (b + 1) / bins, int(members.sum()), q[members].mean(), y[members].mean()))
    return rows


def calibration_error(y, q, bins=5):
    # |mean predicted probability - fraction of positives| per bin, weighted by the bin's share of examples.
    return sum(count / len(q) * abs(mean_q - positives) for _, _, count, mean_q, positives in reliability(y, q, bins))


if __name__ == "__main__":
    for threshold in [0.3, 0.5, 0.7]:
        tp, fp, fn, tn = confusion(y, q, threshold)
        scores = {name: round(float(value), 3) for name, value in metrics(tp, fp, fn, tn).items()}
        print(f"threshold {threshold}: TP={tp} FP={fp} FN={fn} TN={tn}", scores)
    fpr, tpr, thresholds = roc_curve(y, q)
    print("ROC AUC:", round(float(auc(fpr, tpr)), 4))
    precision, recall, _ = precision_recall_curve(y, q)
    print(
        "precision-recall points:",
        [(round(float(r), 2), round(float(p), 2)) for p, r in zip(precision, recall, strict=True)],
    )
    for lower, upper, count, mean_q, positives in reliability(y, q):
        print(f"bin [{lower:.1f}, {upper:.1f}): {count} examples, mean q {mean_q:.3f}, positives {positives:.3f}")
    print("calibration error (5 bins):", round(float(calibration_error(y, q)), 4))
