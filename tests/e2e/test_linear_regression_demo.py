"""The Linear Regression demo in real Chromium: Pyodide's numbers are CPython's run of the listing."""

import numpy as np
import pytest
from playwright.sync_api import expect

from pyscript_demo import least_squares as ls
from pyscript_demo.demos.linear_regression.model import TOLERANCE, start
from tests.e2e.conftest import assert_network_clean

PAGE = "machine-learning/linear-regression/"
DEMO = "section.live-demo[data-demo=linear-regression]"
SLOPE, INTERCEPT = "#lin-slope", "#lin-intercept"
LIVE_TIMEOUT_MS = 120_000  # a cold start of Pyodide + numpy takes seconds; this only guards against a hang


@pytest.fixture(scope="module")
def demo(shared_page):
    """The module's one Linear Regression page: Pyodide starts once for all its tests."""
    return shared_page(PAGE)


@pytest.fixture
def live(demo, site):
    """The module's page, live and back at the listing's start, with the numbers behind the figures open."""
    page, net = demo
    expect(page.locator(DEMO)).to_have_attribute("data-state", "live", timeout=LIVE_TIMEOUT_MS)
    reset(page)
    # The numbers behind the figures, open as a reader who reads them has them.
    page.locator(f"{DEMO} details").evaluate_all("all => all.forEach((d) => { d.open = true; })")
    yield page
    assert_network_clean(net)


def reset(page):
    """Back to where the listing starts, as a reader gets there: Reset, answered by Python."""
    page.click(f"{DEMO} button[data-action=reset]")
    expect(page.locator(DEMO)).not_to_have_attribute("data-busy", "")
    expect(page.locator(f"{DEMO} .demo-intercept")).to_have_attribute("data-value", repr(start().intercept))
    expect(page.locator(f"{DEMO} .demo-slope")).to_have_attribute("data-value", repr(start().slope))
    wait_steps(page, 0)
    expect(page.locator(f"{DEMO} [data-run]")).to_have_attribute("aria-pressed", "false")
    expect(page.locator(f"{DEMO} button[data-action=reveal]")).to_have_attribute("aria-disabled", "true")


def value(page, cls):
    return float(page.get_attribute(f"{DEMO} .{cls}", "data-value"))


def weights(page):
    """(intercept, slope) as the readout shows them, at full precision: the listing's w."""
    return np.array([value(page, "demo-intercept"), value(page, "demo-slope")])


def wait_steps(page, steps):
    expect(page.locator(f"{DEMO} .demo-steps")).to_have_text(str(steps))


def assert_matches_cpython(page):
    w = weights(page)
    assert value(page, "demo-mse") == pytest.approx(ls.mse(ls.X, ls.y, w), abs=1e-12)
    residuals = [
        float(v) for v in page.eval_on_selector_all(".lin-table .demo-residual", "c => c.map(e => e.dataset.value)")
    ]
    np.testing.assert_allclose(residuals, ls.y - ls.X @ w, rtol=0, atol=1e-12)
    np.testing.assert_allclose(
        [value(page, "demo-grad-b"), value(page, "demo-grad-w")], ls.gradient(ls.X, ls.y, w), rtol=0, atol=1e-12
    )
    expect(page.locator(f"{DEMO} rect.lin-square")).to_have_count(ls.y.size)


@pytest.mark.parametrize("slope, intercept", [(1.5, 0.25), (2.7, -1.4)])
def test_a_line_set_by_hand_has_cpythons_residuals_and_error(live, slope, intercept):
    live.fill(f"{SLOPE}-exact", str(slope))
    live.fill(f"{INTERCEPT}-exact", str(intercept))
    expect(live.locator(f"{DEMO} .demo-intercept")).to_have_attribute("data-value", repr(float(intercept)))
    expect(live.locator(f"{DEMO} .demo-slope")).to_have_attribute("data-value", repr(float(slope)))
    assert_matches_cpython(live)
    mse = ls.mse(ls.X, ls.y, np.array([intercept, slope]))
    expect(live.locator(f"{DEMO} [data-part='figure.description']")).to_contain_text(f"Mean squared error {mse:.4f}")


def test_the_normal_equations_and_descent_reach_the_listings_weights(live):
    live.click("button[data-action=step][data-value='1']")
    wait_steps(live, 1)
    np.testing.assert_allclose(weights(live), ls.gradient_descent(ls.X, ls.y, np.zeros(2), steps=1), atol=1e-12)
    live.click("button[data-action=reset]")
    wait_steps(live, 0)
    live.click("button[data-action=step][data-value='60']")
    wait_steps(live, 60)
    np.testing.assert_allclose(weights(live), ls.gradient_descent(ls.X, ls.y, np.zeros(2), steps=60), atol=1e-12)
    assert_matches_cpython(live)
    live.click("button[data-action=solve]")
    wait_steps(live, 0)
    expect(live.locator(f"{DEMO} [data-converged]")).to_be_visible()
    np.testing.assert_allclose(weights(live), np.linalg.lstsq(ls.X, ls.y, rcond=None)[0], rtol=0, atol=1e-12)
    assert_matches_cpython(live)


def test_run_stops_by_itself_once_the_gradient_vanishes(live):
    run = live.locator(f"{DEMO} [data-run]")
    run.click()
    expect(run).to_have_attribute("aria-pressed", "false", timeout=LIVE_TIMEOUT_MS)
    expect(live.locator(f"{DEMO} [data-converged]")).to_be_visible()
    steps = int(live.text_content(f"{DEMO} .demo-steps"))
    # CPython: the first multiple of the run's 5 steps at which the listing's gradient is below the tolerance.
    w, expected = np.zeros(2), 0
    while np.linalg.norm(ls.gradient(ls.X, ls.y, w)) >= TOLERANCE:
        w, expected = ls.gradient_descent(ls.X, ls.y, w, steps=5), expected + 5
    assert steps == expected
    np.testing.assert_allclose(weights(live), w, rtol=0, atol=1e-12)
    live.wait_for_timeout(300)
    assert int(live.text_content(f"{DEMO} .demo-steps")) == steps, "the run went on after converging"


def test_guess_then_reveal_by_keyboard_alone(live):
    page = live
    page.focus(SLOPE)
    page.keyboard.press("End")  # the slider's maximum: slope 4
    expect(page.locator(f"{DEMO} .demo-slope")).to_have_attribute("data-value", "4.0")
    reveal = page.locator("button[data-action=reveal]")
    expect(reveal).to_have_attribute("aria-disabled", "true")
    for _ in range(4):  # the exact field, the intercept slider, its exact field, the commit button
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "commit-guess"
    page.keyboard.press("Enter")
    expect(page.locator("[data-reveal=pending]")).to_contain_text("y = 4.00 x + 0.00")
    expect(reveal).to_have_attribute("aria-disabled", "false")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    shown = page.locator("[data-reveal=shown]")
    expect(shown).to_have_attribute("data-verdict", "off")
    best = np.linalg.lstsq(ls.X, ls.y, rcond=None)[0]
    assert float(shown.locator(".demo-best-slope").get_attribute("data-value")) == pytest.approx(best[1], abs=1e-12)
    ratio = ls.mse(ls.X, ls.y, np.array([0.0, 4.0])) / ls.mse(ls.X, ls.y, best)
    expect(shown).to_contain_text(f"{ratio:.2f} times")
    expect(page.locator(f"{DEMO} .lin-best")).to_have_count(1)
    expect(page.get_by_role("slider", name="Slope (w)")).to_have_id(SLOPE[1:])
    expect(page.get_by_role("slider", name="Intercept (b)")).to_have_id(INTERCEPT[1:])


def test_a_closed_table_catches_up_when_it_is_opened(live):
    page = live
    table = page.locator(f"{DEMO} [data-part='figure.table']")
    summary = page.locator(f"{DEMO} details:has([data-part='figure.table']) summary")
    summary.click()  # the reader closes the table
    expect(table).not_to_be_visible()
    before = table.inner_html()
    page.fill(SLOPE, "1.5")
    expect(table).to_have_attribute("data-stale", "")  # closed: Python skipped it
    assert table.inner_html() == before
    summary.click()
    expect(table).not_to_have_attribute("data-stale", "")
    residuals = [float(v) for v in table.locator(".demo-residual").evaluate_all("c => c.map(e => e.dataset.value)")]
    np.testing.assert_allclose(residuals, ls.y - ls.X @ np.array([start().intercept, 1.5]), rtol=0, atol=1e-12)
