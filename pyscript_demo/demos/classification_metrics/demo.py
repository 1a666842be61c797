"""The Classification Metrics demo: move the threshold, predict how precision and recall move, reveal.

Declared on the kit: the figures, the rates and the reveal are functions of the state and of
`model.numbers` (computed once per action from the page's listing, `classification_metrics`).
"""

import functools

from pyscript_demo import classification_metrics as cm
from pyscript_demo import kit

from .model import (
    AUC,
    BINS,
    CALIBRATION_ERROR,
    CELL_NAMES,
    MOVES,
    PR_PRECISION,
    PR_RECALL,
    PR_THRESHOLDS,
    ROC_FPR,
    ROC_THRESHOLDS,
    ROC_TPR,
    STEP,
    can_reveal,
    guess_precision,
    guess_recall,
    move,
    numbers,
    reset,
    reveal,
    set_threshold,
    start,
    sweep,
)

UNIT, TICKS = (0.0, 1.0), [0, 0.5, 1]
SQUARE = {"width": 360, "height": 330, "margin": (34, 16, 52, 52)}
MOVE_TEXT = {"rises": "rises", "stays": "stays the same", "falls": "falls"}
PREVALENCE = float(cm.y.mean())


def _count(n, noun):
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _axes(plot, x_ticks, y_ticks, x_label, y_label=""):
    """The kit's axes, with their labels set clear of the tick labels: above the plot and low in the margin."""
    plot.axes(x_ticks=x_ticks, y_ticks=y_ticks)
    plot.text(sum(plot.x) / 2, plot.y[0], x_label, dy=42, anchor="middle", cls="kit-label")
    if y_label:
        plot.text(plot.x[0], plot.y[1], y_label, dy=-14, cls="kit-label")


def _example(i, where):
    return f"Example {i + 1}: q = {cm.q[i]:g}, y = {cm.y[i]}, {CELL_NAMES[where]}"


def scores(state, nums):
    """The ten examples on the score axis, positives above, negatives below, and the threshold."""
    t, now = state.threshold, nums["now"]
    plot = kit.Plot(UNIT, (-0.7, 1.7), height=200, margin=(10, 16, 52, 60), cls="cm-scores")
    zone = plot.group("cm-zone")
    left = plot.sx(min(t, 1.0))
    kit.markup.element(
        "rect",
        {"x": f"{left:.1f}", "y": plot.top, "width": f"{plot.sx(1) - left:.1f}", "height": plot.floor - plot.top},
        parent=zone,
    )
    _axes(plot, [0, 0.2, 0.4, 0.6, 0.8, 1], [], "predicted probability q")
    plot.text(0, 1, "y = 1", dx=-8, dy=5, anchor="end", cls="kit-tick")
    plot.text(0, 0, "y = 0", dx=-8, dy=5, anchor="end", cls="kit-tick")
    plot.rule(x=t, label=f"t = {t:.2f}", cls="cm-threshold")
    for i, where in enumerate(nums["cells"]):
        side = "cm-positive" if cm.y[i] else "cm-negative"
        plot.circle(cm.q[i], cm.y[i], 8, cls=f"cm-dot {side} cm-cell--{where}", title=_example(i, where))
    table = kit.Table(
        f"Each example at t = {t:.2f}",
        ["example", "q", "y", "cell"],
        [[i + 1, kit.num(cm.q[i], 2), int(cm.y[i]), where] for i, where in enumerate(nums["cells"])],
    )
    description = (
        f"Ten examples by their probability q; threshold t = {t:.2f}. {now['TP'] + now['FP']} predicted "
        f"positive ({_count(now['TP'], 'positive')}, {_count(now['FP'], 'negative')}); "
        f"{_count(now['FN'], 'positive')} below t."
    )
    return plot.chart("The scored examples and the threshold", description, table)


def confusion(state, nums):
    """The confusion matrix as a grid of cells: actual class by row, predicted class by column."""
    now = nums["now"]
    plot = kit.Plot((0, 2), (0, 2), width=360, height=220, margin=(10, 10, 44, 96), cls="cm-matrix")
    plot.cells(
        [[now["TP"], now["FN"]], [now["FP"], now["TN"]]], ["actual 1", "actual 0"], ["predicted 1", "predicted 0"]
    )
    for (row, col), name in zip([(0, 0), (0, 1), (1, 0), (1, 1)], ["TP", "FN", "FP", "TN"], strict=True):
        plot.text(col + 0.5, 1.5 - row, name, dy=-16, anchor="middle", cls="kit-tick")
    table = kit.Table(
        f"Counts at t = {state.threshold:.2f}",
        ["", "predicted 1", "predicted 0"],
        [["actual 1", now["TP"], now["FN"]], ["actual 0", now["FP"], now["TN"]]],
    )
    description = (
        f"At t = {state.threshold:.2f}: {_count(now['TP'], 'true positive')}, "
        f"{_count(now['FP'], 'false positive')}, {_count(now['FN'], 'false negative')}, "
        f"{_count(now['TN'], 'true negative')}; precision {now['precision']:.3f}, "
        f"recall {now['recall']:.3f}."
    )
    return plot.chart("Confusion matrix", description, table)


PLUS = "\u00a0+\u00a0"  # no line break inside a sum: a narrow table breaks after the slash only


def _ratio(top, *bottom):
    below = PLUS.join(map(str, bottom))
    return f"{top} / ({below})" if len(bottom) > 1 else f"{top} / {below}"


def rates(state, nums):
    """Each rate of the listing's `metrics`, with the counts it is made of."""
    n = nums["now"]
    tp, fp, fn, tn = n["TP"], n["FP"], n["FN"], n["TN"]
    rows = [
        ["precision", _ratio(tp, tp, fp), kit.num(n["precision"], 3, "cm-precision")],
        ["recall (TPR)", _ratio(tp, tp, fn), kit.num(n["recall"], 3, "cm-recall")],
        ["F1", _ratio(f"2·{tp}", f"2·{tp}", fp, fn), kit.num(n["F1"], 3, "cm-f1")],
        ["accuracy", _ratio(f"({tp}{PLUS}{tn})", tp + fp + fn + tn), kit.num(n["accuracy"], 3, "cm-accuracy")],
        ["false positive rate", _ratio(fp, fp, tn), kit.num(n["false positive rate"], 3, "cm-fpr")],
    ]
    return kit.table(f"Rates at t = {state.threshold:.2f}", ["rate", "counts", "value"], rows, cls="cm-rates")


def roc(state, nums):
    """The ROC curve, its area, the chance diagonal and the operating point at the threshold."""
    now = nums["now"]
    fpr, tpr = now["false positive rate"], now["recall"]
    plot = kit.Plot(UNIT, UNIT, cls="cm-roc", **SQUARE)
    plot.curve([*ROC_FPR, 1, 0], [*ROC_TPR, 0, 0], cls="cm-area")
    _axes(plot, TICKS, TICKS, "false positive rate", "true positive rate")
    plot.line(0, 0, 1, 1, cls="cm-chance")
    plot.curve(ROC_FPR, ROC_TPR, cls="cm-curve")
    plot.text(0.95, 0.08, f"AUC = {AUC:.3f}", anchor="end", cls="cm-auc")
    plot.circle(fpr, tpr, 8, cls="cm-operating", title=f"t = {state.threshold:.2f}: FPR {fpr:.3f}, TPR {tpr:.3f}")
    table = kit.Table(
        "The ROC curve, one point per threshold",
        ["threshold", "FPR", "TPR"],
        [
            ["above all" if t == float("inf") else f"{t:g}", kit.num(f, 3), kit.num(r, 3)]
            for t, f, r in zip(ROC_THRESHOLDS, ROC_FPR, ROC_TPR, strict=True)
        ],
    )
    description = (
        f"ROC curve through {len(ROC_FPR)} thresholds, area under it AUC = {AUC:.3f} (the diagonal is 0.5). "
        f"The operating point at t = {state.threshold:.2f} is FPR = {fpr:.3f}, TPR = {tpr:.3f}."
    )
    return plot.chart("ROC curve and the operating point", description, table)


def precision_recall(state, nums):
    """Precision against recall at every distinct score, the share of positives, and the operating point."""
    now = nums["now"]
    plot = kit.Plot(UNIT, UNIT, cls="cm-pr", **SQUARE)
    _axes(plot, TICKS, TICKS, "recall", "precision")
    plot.rule(y=PREVALENCE, cls="cm-chance-rule")
    plot.text(0.03, PREVALENCE, f"share of positives {PREVALENCE:.2f}", dy=-8)
    plot.curve(PR_RECALL, PR_PRECISION, cls="cm-curve")
    plot.points(PR_RECALL, PR_PRECISION, cls="cm-vertex", r=3.5)
    found = now["TP"] + now["FP"] > 0
    if found:
        plot.circle(
            now["recall"],
            now["precision"],
            8,
            cls="cm-operating",
            title=f"t = {state.threshold:.2f}: recall {now['recall']:.3f}, precision {now['precision']:.3f}",
        )
    table = kit.Table(
        "Precision and recall at each distinct score",
        ["threshold", "recall", "precision"],
        [
            [f"{t:g}", kit.num(r, 3), kit.num(p, 3)]
            for t, r, p in zip(PR_THRESHOLDS, PR_RECALL, PR_PRECISION, strict=True)
        ],
    )
    at_t = (
        f"at t = {state.threshold:.2f}: recall {now['recall']:.3f}, precision {now['precision']:.3f}"
        if found
        else f"at t = {state.threshold:.2f} no example is predicted positive, so precision is undefined"
    )
    description = (
        f"Precision against recall at each of the {len(PR_THRESHOLDS)} distinct scores; {at_t}. "
        f"Calling everything positive gives precision {PREVALENCE:.2f}, the share of positives."
    )
    return plot.chart("Precision-recall curve", description, table)


def calibration(state, nums):
    """The reliability diagram: per bin of q, the fraction of positives against the mean q, and the diagonal.

    It depends on the scores alone, not on the threshold: drawn once, not on every move.
    """
    return _reliability()


@functools.cache
def _reliability():
    plot = kit.Plot(UNIT, UNIT, cls="cm-reliability", **SQUARE)
    _axes(plot, [0, 0.2, 0.4, 0.6, 0.8, 1], TICKS, "predicted probability q", "fraction positive")
    plot.bars(
        [(lo + hi) / 2 for lo, hi, *_ in BINS],
        [positives for *_, positives in BINS],
        0.18,
        cls="cm-observed",
        titles=[f"[{lo:.1f}, {hi:.1f}): {n} examples, {positives:.2f} positive" for lo, hi, n, _, positives in BINS],
    )
    plot.line(0, 0, 1, 1, cls="cm-chance")
    for lo, hi, _, mean_q, _ in BINS:
        plot.line(lo + 0.01, mean_q, hi - 0.01, mean_q, cls="cm-expected")
    plot.legend([("fraction positive", "cm-observed"), ("mean q", "cm-expected")], x=0.03, y=0.97)
    gaps = [abs(mean_q - positives) for *_, mean_q, positives in BINS]
    lo, hi, _, mean_q, positives = BINS[gaps.index(max(gaps))]
    table = kit.Table(
        "Reliability bins",
        ["bin", "n", "mean q", "positive", "gap"],
        [
            [f"[{lo:.1f}, {hi:.1f})", n, kit.num(m, 3), kit.num(p, 3), kit.num(abs(m - p), 3)]
            for lo, hi, n, m, p in BINS
        ],
    )
    description = (
        f"{len(BINS)} bins of q, each with its fraction of positives (bar) and its mean q (tick); a calibrated "
        f"model has them equal, on the diagonal. Calibration error {CALIBRATION_ERROR:.3f}; the largest gap is in "
        f"[{lo:.1f}, {hi:.1f}): mean q {mean_q:.3f}, positives {positives:.3f}. The threshold does not change it."
    )
    return plot.chart("Reliability diagram", description, table)


def _verdict(name, guess, before, after):
    actual = move(before, after)
    verdict = "right" if guess == actual else "wrong"
    return (
        f'<li data-verdict="{verdict}">{name} {MOVE_TEXT[actual]}: {before:.3f} → {after:.3f}. '
        f"Your guess ({MOVE_TEXT[guess]}) was <strong>{verdict}</strong>.</li>"
    )


def revealed(state, nums):
    """The prediction, pending or judged against what the listing computes at both thresholds."""
    now = nums["now"]
    if not state.revealed:
        t = state.threshold
        if t + STEP > 1 + 1e-9:
            ask = f"Lower the threshold to {1 - STEP:.1f} or below to make a prediction."
        else:
            ask = (
                f"At t = {t:.2f}, precision is {now['precision']:.3f} and recall {now['recall']:.3f}. "
                f"If t rises by {STEP:g} to {t + STEP:.2f}, how does each move? Guess both, then reveal."
            )
        return kit.markup.html(kit.markup.element("p", {"data-reveal": "pending"}, ask))
    before = nums["before"]
    lost_pos, lost_neg = before["TP"] - now["TP"], before["FP"] - now["FP"]
    why = (
        f"Raising t from {state.before:.2f} to {state.threshold:.2f} moved {_count(lost_pos + lost_neg, 'example')} "
        f"out of the predicted positives: positives lost {lost_pos} (now false negatives), negatives lost "
        f"{lost_neg} (now true negatives). Recall can only fall or stay as t rises; "
        "precision rises only when the examples dropped hold a smaller share of positives than the predicted "
        "positives did."
    )
    items = _verdict("Precision", state.precision_guess, before["precision"], now["precision"]) + _verdict(
        "Recall", state.recall_guess, before["recall"], now["recall"]
    )
    return f'<div data-reveal="shown"><ul>{items}</ul><p>{why}</p></div>'


def summary(state, nums):
    """What a screen reader hears after a reveal: both verdicts."""
    if not state.revealed:
        return ""
    now, before = nums["now"], nums["before"]
    said = []
    for name, guess in [("precision", state.precision_guess), ("recall", state.recall_guess)]:
        actual = move(before[name], now[name])
        said.append(f"{name} {MOVE_TEXT[actual]}, your guess was {'right' if guess == actual else 'wrong'}")
    return f"Threshold raised to {state.threshold:.2f}: " + "; ".join(said) + "."


GUESSES = [(m, MOVE_TEXT[m]) for m in MOVES]

demo = kit.Demo(
    title="Classification metrics: threshold, confusion matrix, ROC, precision-recall and calibration",
    initial=start(),
    derive=numbers,
    prefix="cm",
    layout=[
        kit.Figure("scores", scores, live=False),
        kit.Slider("threshold", "Threshold (t)", set_threshold, min=0, max=1, step=0.01, digits=2),
        kit.Row(kit.Run(sweep, 0.01, label="Sweep t upwards"), kit.Button("Reset", reset), label="Threshold"),
        kit.Figure("confusion", confusion, cls="cm-pair"),
        kit.Part("rates", rates, cls="cm-pair"),
        kit.Choice("precision_guess", "When t rises, precision…", guess_precision, GUESSES),
        kit.Choice("recall_guess", "When t rises, recall…", guess_recall, GUESSES),
        kit.Row(
            kit.Button(
                f"Raise t by {STEP:g} and reveal",
                reveal,
                enabled=can_reveal,
                why=f"Guess how precision and recall move first, at a threshold of {1 - STEP:.1f} or below.",
            )
        ),
        kit.Part("reveal", revealed, cls="cm-reveal"),
        kit.Text("summary", summary, hidden=True),
        kit.Figure("roc", roc, cls="cm-pair"),
        kit.Figure("pr", precision_recall, live=False, cls="cm-pair"),
        kit.Figure("reliability", calibration, cls="cm-single"),
    ],
)
