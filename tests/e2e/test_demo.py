"""The live demo in real Chromium: every number from Pyodide's numpy equals CPython's."""

import itertools
import subprocess
import sys

import numpy as np
import pytest
from playwright.sync_api import expect

from pyscript_demo import logreg
from tests.e2e.conftest import assert_network_clean, set_palette
from tests.e2e.demo_page import (
    BIAS,
    SLOPE,
    SLOPE_EXACT,
    assert_matches_cpython,
    expected_direction,
    loss_history,
    reset,
    set_weights,
    wait_live,
    wait_weights,
    weights,
)

WHEEL = "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"
SETTINGS = [(0.7, -0.2), (2.5, 1.0), (-3.0, 4.95), (5.0, -5.0), (0.0, 0.0), (1.35, -2.4), (-0.05, 0.35)]


@pytest.fixture
def live_page(shared_demo, site):
    """The module's one live page, reset to the listing's start in the light palette; Pyodide started once for
    all its tests."""
    page, net = shared_demo
    set_palette(page, "light")
    wait_live(page)
    reset(page)
    yield page
    assert_network_clean(net)


def assert_matches_cpython_at_many_settings(page):
    assert_matches_cpython(page)
    for slope, bias in SETTINGS:
        set_weights(page, slope, bias)


def test_every_point_matches_cpython_at_many_settings(live_page, shared_demo):
    assert live_page.get_attribute("body", "data-md-color-scheme") == "default"
    assert_matches_cpython_at_many_settings(live_page)
    # The pinned numpy: precompiled by the site's derived runtime, or as the CDN serves it.
    assert any(url.endswith(WHEEL) for url in shared_demo[1].served + shared_demo[1].local)


def test_in_the_dark_palette_too(live_page, shared_demo):
    set_palette(live_page, "dark")
    assert_matches_cpython_at_many_settings(live_page)
    assert any(url.endswith(WHEEL) for url in shared_demo[1].served + shared_demo[1].local)


def test_exact_numeric_entry(live_page):
    live_page.fill(SLOPE_EXACT, "1.2345")
    wait_weights(live_page, 1.2345, logreg.w_start[0])
    assert_matches_cpython(live_page)
    assert live_page.input_value(SLOPE) == "1.25"  # the slider shows the nearest step


def _reveal(page, index, prediction):
    point = page.locator(f"input[data-action=select][value='{index}']")
    if not point.is_checked():
        point.check()
        expect(page.locator("[data-reveal=pending]")).to_contain_text(f"Point {index + 1} ")
    page.check(f"input[data-action=predict][value='{prediction}']")
    page.click("button[data-action=reveal]")
    return page.locator("[data-reveal=shown]")


def test_prediction_is_judged_against_the_points_gradient(live_page):
    q = logreg.loss_and_grad(logreg.w_start)[2]
    residual = q - logreg.y
    for index in (3, 4, 0):
        right = expected_direction(residual[index])
        wrong = next(d for d in ("raise", "lower", "unchanged") if d != right)
        for prediction, verdict in [(wrong, "wrong"), (right, "right")]:
            shown = _reveal(live_page, index, prediction)
            expect(shown).to_have_attribute("data-verdict", verdict)
            expect(shown).to_have_attribute("data-direction", right)
            contribution = float(shown.locator(".demo-contribution").get_attribute("data-value"))
            assert contribution == pytest.approx(residual[index], abs=1e-9)
            expect(live_page.locator(f".lr-gradient--{right}")).to_have_count(1)
            summary = live_page.text_content("[data-part=summary]")
            assert f"q - y = {residual[index]:.3f}" in summary and verdict in summary


def test_nothing_is_revealed_before_a_prediction(live_page):
    live_page.check("input[data-action=select][value='2']")
    # Once Python has taken the choice, the button's own reason is what a press should announce.
    expect(live_page.locator("[data-reveal=pending]")).to_contain_text("Point 3 ")
    reveal = live_page.locator("button[data-action=reveal]")
    expect(reveal).to_have_attribute("aria-disabled", "true")
    reveal.press("Enter")  # as a reader would: the button looks and is focusable, but says why not
    expect(live_page.locator("[data-status]")).to_contain_text("commit a prediction")
    expect(live_page.locator("[data-reveal=pending]")).to_contain_text("q = ")
    assert live_page.locator(".lr-gradient").count() == 0


def test_clicking_a_point_in_the_figure_selects_it(live_page):
    live_page.click(".lr-figure .lr-hit[data-index='5']")
    expect(live_page.locator("input[data-action=select][value='5']")).to_be_checked()
    expect(live_page.locator(".lr-figure .lr-ring")).to_have_count(1)
    expect(live_page.locator("[data-reveal]")).to_contain_text("Point 6 (x = 2, y = 1)")


def test_sixty_steps_from_reset_land_on_the_listings_weights(live_page):
    set_weights(live_page, -4.0, 3.0)
    live_page.click("button[data-action=reset]")
    wait_weights(live_page, logreg.w_start[1], logreg.w_start[0])
    live_page.click("button[data-action=step][data-value='60']")
    trained = logreg.train(logreg.w_start, steps=60)
    expect(live_page.locator(".demo-steps")).to_have_text("60")
    slope, bias = weights(live_page)
    np.testing.assert_allclose([bias, slope], trained, rtol=0, atol=1e-9)
    printed = subprocess.run([sys.executable, logreg.__file__], capture_output=True, text=True).stdout
    assert f"bias, slope: {np.round([bias, slope], 3)}" in printed
    history = loss_history(live_page)
    assert [step for step, _ in history] == list(range(61))
    losses = [loss for _, loss in history]
    assert all(a > b for a, b in itertools.pairwise(losses))
    assert_matches_cpython(live_page)


def test_one_step_is_one_gradient_step(live_page):
    live_page.click("button[data-action=step][data-value='1']")
    expect(live_page.locator(".demo-steps")).to_have_text("1")
    slope, bias = weights(live_page)
    np.testing.assert_allclose([bias, slope], logreg.train(logreg.w_start, steps=1), rtol=0, atol=1e-12)


def test_a_long_run_shows_the_slope_growing_on_separable_data(live_page):
    run = live_page.locator("[data-run]")
    run.click()
    expect(run).to_have_attribute("aria-pressed", "true")
    expect(live_page.locator("[data-caveat]")).to_be_visible(timeout=60_000)
    first = weights(live_page)[0]
    live_page.wait_for_function("() => Number(document.querySelector('.demo-steps').textContent) > 400", timeout=60_000)
    run.click()
    expect(run).to_have_attribute("aria-pressed", "false")
    # The step Python was computing at the click still lands; nothing after it.
    expect(live_page.locator("section.live-demo")).not_to_have_attribute("data-busy", "")
    steps = live_page.text_content(".demo-steps")
    slope, bias = weights(live_page)
    assert slope > first > logreg.train(logreg.w_start, steps=60)[1]
    live_page.wait_for_timeout(500)
    assert live_page.text_content(".demo-steps") == steps, "the run went on after Pause"
    np.testing.assert_allclose([bias, slope], logreg.train(logreg.w_start, steps=int(steps)), rtol=0, atol=1e-9)


def test_the_whole_lesson_by_keyboard_alone(live_page):
    page = live_page
    page.focus(SLOPE)
    page.keyboard.press("End")
    wait_weights(page, 5, logreg.w_start[0])
    page.keyboard.press("Tab")  # the exact field
    page.keyboard.press("Tab")  # the bias slider
    assert page.evaluate("document.activeElement.id") == BIAS[1:]
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    wait_weights(page, 5, round(logreg.w_start[0] - 0.1, 10))
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # into the points
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # point 4: x = 0
    expect(page.locator("input[data-action=select][value='3']")).to_be_checked()
    expect(page.locator("[data-reveal=pending]")).to_contain_text("Point 4 ")  # as a reader sees it taken
    page.keyboard.press("Tab")  # into the predictions
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # "lower"
    # Reveal is usable once Python has taken the prediction.
    expect(page.locator("button[data-action=reveal]")).to_have_attribute("aria-disabled", "false")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    assert page.evaluate("document.activeElement.dataset.action") == "reveal", f"focus is on {focused}"
    page.keyboard.press("Enter")
    expect(page.locator("[data-reveal=shown]")).to_be_visible()
    assert_matches_cpython(page)
    slope, bias = weights(page)
    residual = logreg.loss_and_grad(np.array([bias, slope]))[2][3]
    assert f"q - y = {residual:.3f}" in page.text_content("[data-part=summary]")
    page.keyboard.press("Tab")  # One step
    page.keyboard.press("Enter")
    expect(page.locator(".demo-steps")).to_have_text("1")
    # Every control has a name and shows where focus is.
    expect(page.get_by_role("slider", name="Slope (w)")).to_have_id(SLOPE[1:])
    expect(page.get_by_role("slider", name="Bias (b)")).to_have_id(BIAS[1:])
    outline = page.eval_on_selector(":focus", "e => getComputedStyle(e).outlineStyle")
    assert outline != "none"
