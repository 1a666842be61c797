"""The Classification Metrics demo live in Chromium: its rates are the listing's, and the prediction by keyboard."""

import pytest
from playwright.sync_api import expect

from pyscript_demo import classification_metrics as cm
from pyscript_demo.demos.classification_metrics.model import start
from tests.e2e.conftest import assert_network_clean
from tests.e2e.demo_page import LIVE_TIMEOUT_MS

PAGE = "machine-learning/classification-metrics/"
DEMO = "section.live-demo[data-demo='classification-metrics']"
NAMES = ["true positive", "false positive", "false negative", "true negative"]
RATES = {"precision": ".cm-precision", "recall": ".cm-recall", "F1": ".cm-f1", "accuracy": ".cm-accuracy"}


@pytest.fixture(scope="module")
def demo(shared_page):
    """The module's one Classification Metrics page: Pyodide starts once for all its tests."""
    return shared_page(PAGE)


@pytest.fixture
def live(demo, site):
    """The module's page, live and back at the listing's start (the demo's Reset, answered by Python)."""
    page, net = demo
    here = page.locator(DEMO)
    expect(here).to_have_attribute("data-state", "live", timeout=LIVE_TIMEOUT_MS)
    here.locator("button[data-action=reset]").click()
    expect(here).not_to_have_attribute("data-busy", "")
    expect(page.locator("#cm-threshold-exact")).to_have_value(f"{start().threshold:.2f}")
    expect(here.locator("input[type=radio]:checked")).to_have_count(0)
    expect(here.locator("[data-reveal=pending]")).to_be_visible()
    expect(here.locator("[data-part=summary]")).to_have_text("")
    yield page
    assert_network_clean(net)


def shown(page, selector):
    return float(page.locator(DEMO).locator(selector).get_attribute("data-value"))


@pytest.mark.parametrize("threshold", ["0.3", "0.55", "0.7", "0.96"])
def test_the_rates_follow_the_threshold_as_the_listing_computes_them(live, threshold):
    live.fill("#cm-threshold-exact", threshold)
    # The fill marks the demo busy at once; some thresholds leave every rate as it was (0.55 counts as 0.5 does).
    expect(live.locator(DEMO)).not_to_have_attribute("data-busy", "")
    expected = cm.metrics(*cm.confusion(cm.y, cm.q, float(threshold)))
    expect(live.locator(DEMO).locator(".cm-fpr")).to_have_attribute(
        "data-value", repr(float(expected["false positive rate"]))
    )
    for name, selector in RATES.items():
        assert shown(live, selector) == pytest.approx(expected[name], abs=1e-12), name
    tp, fp, fn, tn = cm.confusion(cm.y, cm.q, float(threshold))
    counts = [f"{n} {name}" + ("" if n == 1 else "s") for n, name in zip([tp, fp, fn, tn], NAMES, strict=True)]
    expect(live.locator(DEMO).locator("figcaption").nth(1)).to_contain_text(", ".join(counts))


def test_the_prediction_by_keyboard_alone(live):
    live.locator(DEMO).locator("input[name=cm-precision_guess]").first.focus()
    live.keyboard.press("Space")  # the first option: rises
    live.keyboard.press("Tab")
    live.keyboard.press("ArrowRight")
    live.keyboard.press("ArrowRight")  # rises -> stays -> falls
    reveal = live.locator(DEMO).locator("button[data-action=reveal]")
    expect(reveal).to_have_attribute("aria-disabled", "false")
    reveal.focus()
    live.keyboard.press("Enter")
    verdicts = live.locator(DEMO).locator("[data-reveal=shown] li")
    expect(verdicts).to_have_count(2)
    before = cm.metrics(*cm.confusion(cm.y, cm.q, 0.5))
    after = cm.metrics(*cm.confusion(cm.y, cm.q, 0.6))
    # Precision falls (4/5 -> 3/4) against the guess "rises"; recall falls (1 -> 3/4) as guessed.
    assert after["precision"] < before["precision"] and after["recall"] < before["recall"]
    expect(verdicts.nth(0)).to_have_attribute("data-verdict", "wrong")
    expect(verdicts.nth(1)).to_have_attribute("data-verdict", "right")
    expect(live.locator("#cm-threshold-exact")).to_have_value("0.60")
    expect(live.locator(DEMO).locator("[data-part=summary]")).to_have_text(
        "Threshold raised to 0.60: precision falls, your guess was wrong; recall falls, your guess was right."
    )
