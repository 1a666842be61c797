"""Reading and driving the Logistic Regression demo the way a reader does, and CPython's expectations."""

import json

import numpy as np
import pytest
from playwright.sync_api import expect

from pyscript_demo import logreg
from pyscript_demo.demos.logistic_regression.model import MISCLASSIFIED, OVERCONFIDENT, PULLED

PAGE = "machine-learning/logistic-regression/"
DEMO = "section.live-demo"
SLOPE, BIAS = "#lr-slope", "#lr-bias"
SLOPE_EXACT, BIAS_EXACT = "#lr-slope-exact", "#lr-bias-exact"
# A cold start of Pyodide + numpy takes seconds here; the limit only guards against a hang.
LIVE_TIMEOUT_MS = 120_000


def wait_state(page, state):
    expect(page.locator(DEMO)).to_have_attribute("data-state", state, timeout=LIVE_TIMEOUT_MS)


def wait_live(page):
    wait_state(page, "live")


def weights(page):
    """(slope, bias) the demo's readout shows, at full precision."""
    return (
        float(page.get_attribute(".demo-slope", "data-value")),
        float(page.get_attribute(".demo-bias", "data-value")),
    )


def wait_weights(page, slope, bias):
    """Wait until Python has answered for exactly these weights."""
    expect(page.locator(".demo-slope")).to_have_attribute("data-value", repr(float(slope)))
    expect(page.locator(".demo-bias")).to_have_attribute("data-value", repr(float(bias)))


def expected_label(residual):
    """The rule as the page states it, applied independently of the demo's code."""
    size = abs(residual)
    if size >= MISCLASSIFIED:
        return "misclassified"
    if size >= PULLED:
        return "underconfident"
    return "well fit" if size >= OVERCONFIDENT else "overconfident"


def expected_direction(residual):
    if abs(residual) < PULLED:
        return "unchanged"
    return "raise" if residual < 0 else "lower"


def table(page):
    """Each point's (q value, q text, residual value, residual text, label) from the readout."""
    return page.eval_on_selector_all(
        ".lr-table tbody tr",
        """rows => rows.map(r => {
            const q = r.querySelector('.demo-q'), d = r.querySelector('.demo-residual');
            return [Number(q.dataset.value), q.textContent, Number(d.dataset.value), d.textContent,
                    r.querySelector('.demo-label').textContent];
        })""",
    )


def assert_matches_cpython(page):
    """Every number and label the page shows equals CPython's run of the listing at the shown weights."""
    slope, bias = weights(page)
    loss, _, q = logreg.loss_and_grad(np.array([bias, slope]))
    residual = q - logreg.y
    rows = table(page)
    assert len(rows) == 7
    for (qv, qt, rv, rt, label), qi, ri in zip(rows, q, residual, strict=True):
        assert qv == pytest.approx(qi, abs=1e-9)
        assert rv == pytest.approx(ri, abs=1e-9)
        assert (qt, rt) == (f"{qi:.3f}", f"{ri:.3f}")
        assert label == expected_label(ri)
    assert float(page.get_attribute(".demo-loss", "data-value")) == pytest.approx(float(loss), abs=1e-9)
    assert page.text_content(".demo-loss") == f"{loss:.4f}"
    worst = min(
        (expected_label(r) for r in residual),
        key=["misclassified", "underconfident", "well fit", "overconfident"].index,
    )
    assert page.text_content(".demo-overall") == worst
    assert page.locator(".lr-figure circle.lr-dot").count() == 7


def set_weights(page, slope, bias):
    page.fill(SLOPE, str(slope))
    page.fill(BIAS, str(bias))
    wait_weights(page, page.input_value(SLOPE), page.input_value(BIAS))
    assert_matches_cpython(page)


def reset(page):
    """Back to the listing's start, as a reader gets there: Reset, answered by Python."""
    page.click("button[data-action=reset]")
    expect(page.locator(DEMO)).not_to_have_attribute("data-busy", "")
    wait_weights(page, logreg.w_start[1], logreg.w_start[0])
    expect(page.locator(".demo-steps")).to_have_text("0")
    expect(page.locator("input[data-action=select]:checked")).to_have_count(0)
    expect(page.locator("[data-run]")).to_have_attribute("aria-pressed", "false")


def loss_history(page):
    return json.loads(page.get_attribute(".lr-loss-plot", "data-history"))


def demo_workers(page):
    return [w for w in page.workers if w.url.endswith("/pyscript_demo/worker.js")]


# The demo's module that trains, as the browser downloads it: its file name, and a route pattern.
MODEL_FILE = "model.py"
DEMO_MODULE = "**/pyscript_demo/demos/logistic_regression/" + MODEL_FILE


def with_train(source, body):
    """model.py's source with `train` replaced by `body`, as if the demo's Python had a bug."""
    start = source.index("def train(state, count):")
    end = source.index("\n# The reader's actions")
    return source[:start] + body + "\n" + source[end:]
