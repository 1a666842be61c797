"""The Logistic Regression page in real Chromium: typeset math, a static demo, then numpy live in Pyodide."""

import numpy as np
import pytest
from playwright.sync_api import expect

from pyscript_demo import logreg

PAGE = "machine-learning/logistic-regression/"
DEMO = "section.live-demo"
SLOPE = "#logistic-regression-slope"
BIAS = "#logistic-regression-bias"
# Cold start of Pyodide + numpy is a few seconds here; the limit only guards against a hang.
LIVE_TIMEOUT_MS = 120_000


def wait_live(page):
    expect(page.locator(DEMO)).to_have_attribute("data-state", "live", timeout=LIVE_TIMEOUT_MS)


def shown_numbers(page):
    """(q values, q texts, loss value, loss text) as the page shows them."""
    q = page.eval_on_selector_all(".demo-q", "els => els.map(e => [e.dataset.value, e.textContent])")
    loss = page.eval_on_selector(".demo-loss", "e => [e.dataset.value, e.textContent]")
    return [float(v) for v, _ in q], [t for _, t in q], float(loss[0]), loss[1]


def assert_matches_cpython(page):
    """The page's numbers equal CPython's run of the same module at the sliders' current values."""
    slope = float(page.input_value(SLOPE))
    bias = float(page.input_value(BIAS))
    expect(page.locator("[data-summary]")).to_contain_text(f"w = {slope:.2f}, b = {bias:.2f}")
    loss, _, q = logreg.loss_and_grad(np.array([bias, slope]))
    q_values, q_texts, loss_value, loss_text = shown_numbers(page)
    np.testing.assert_allclose(q_values, q, rtol=0, atol=1e-9)
    assert loss_value == pytest.approx(float(loss), abs=1e-9)
    assert q_texts == [f"{v:.3f}" for v in q]
    assert loss_text == f"{loss:.4f}"


def set_sliders(page, slope, bias):
    page.fill(SLOPE, str(slope))
    page.fill(BIAS, str(bias))
    assert_matches_cpython(page)


SETTINGS = [(0.7, -0.2), (2.5, 1.0), (-3.0, 4.95), (5.0, -5.0), (0.0, 0.0), (1.35, -2.4)]


@pytest.mark.parametrize("scheme, material_scheme", [("light", "default"), ("dark", "slate")])
def test_sliders_show_numpy_numbers_from_the_browser_equal_to_cpython(page, site, network, scheme, material_scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site + PAGE)
    assert page.get_attribute("body", "data-md-color-scheme") == material_scheme
    wait_live(page)
    assert_matches_cpython(page)
    for slope, bias in SETTINGS:
        set_sliders(page, slope, bias)
    assert any(url.endswith("numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl") for url in network.served)


def test_status_says_python_is_loading_then_live(demo_page):
    status = demo_page.locator("[data-status]")
    # The page was opened before Python had any chance to be ready.
    expect(status).not_to_have_text("")
    wait_live(demo_page)
    expect(status).to_contain_text("Live")
    expect(demo_page.locator("[data-retry]")).to_be_hidden()


def test_math_is_typeset_by_katex_with_its_stylesheet(demo_page):
    assert demo_page.locator(".katex").count() > 40
    assert demo_page.locator(".arithmatex:not(:has(.katex))").count() == 0
    font = demo_page.eval_on_selector(".katex", "e => getComputedStyle(e).fontFamily")
    assert "KaTeX_Main" in font


def test_sliders_work_from_the_keyboard(demo_page):
    wait_live(demo_page)
    demo_page.focus(SLOPE)
    demo_page.keyboard.press("End")
    assert demo_page.input_value(SLOPE) == "5"
    assert_matches_cpython(demo_page)
    demo_page.keyboard.press("Tab")
    assert demo_page.evaluate("document.activeElement.id") == BIAS[1:]
    demo_page.keyboard.press("ArrowLeft")
    demo_page.keyboard.press("ArrowLeft")
    assert float(demo_page.input_value(BIAS)) == pytest.approx(logreg.w_start[0] - 0.1)
    assert_matches_cpython(demo_page)
    # Each slider is named by its visible label.
    expect(demo_page.get_by_role("slider", name="Slope (w)")).to_have_id(SLOPE[1:])
    expect(demo_page.get_by_role("slider", name="Bias (b)")).to_have_id(BIAS[1:])


def test_without_javascript_the_page_is_complete(browser, network, site):
    context = network.attach(browser.new_context(java_script_enabled=False))
    page = context.new_page()
    page.goto(site + PAGE)
    assert page.locator(".katex").count() > 40
    assert page.locator("[data-listing] code").count() == 2
    loss, _, q = logreg.loss_and_grad(logreg.w_start)
    q_values, _, loss_value, _ = shown_numbers(page)
    np.testing.assert_allclose(q_values, q, rtol=0, atol=1e-12)
    assert loss_value == pytest.approx(float(loss), abs=1e-12)
    context.close()


def test_blocked_runtime_leaves_the_page_readable_and_can_retry(page, site, network):
    runtime = next(prefix for prefix in network.mirror if "pyodide" in prefix)
    network.fail_prefixes.append(runtime)
    page.goto(site + PAGE)
    demo = page.locator(DEMO)
    expect(demo).to_have_attribute("data-state", "failed", timeout=LIVE_TIMEOUT_MS)
    expect(page.locator("[data-status]")).to_contain_text("Python could not start")
    retry = page.locator("[data-retry]")
    expect(retry).to_be_visible()
    # The static numbers stay, the controls still respond, the rest of the page is untouched.
    loss, _, q = logreg.loss_and_grad(logreg.w_start)
    np.testing.assert_allclose(shown_numbers(page)[0], q, atol=1e-12)
    page.fill(SLOPE, "2")
    expect(page.locator('[data-output="slope"]')).to_have_text("2.00")
    assert page.locator(".katex").count() > 40
    # When the network is back, one click brings the demo up at the reader's setting.
    network.fail_prefixes.clear()
    retry.click()
    wait_live(page)
    assert_matches_cpython(page)


def _demo_workers(page):
    return [w for w in page.workers if w.url.endswith("/pyscript_demo/worker.js")]


def test_instant_navigation_keeps_one_live_worker(page, site):
    page.goto(site)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="Logistic Regression").first.click()
    page.wait_for_url("**/" + PAGE)
    wait_live(page)
    set_sliders(page, 2.5, 1.0)
    page.locator("nav").get_by_role("link", name="Home").first.click()
    page.wait_for_url(site)
    page.get_by_role("link", name="Logistic Regression").first.click()
    page.wait_for_url("**/" + PAGE)
    wait_live(page)
    set_sliders(page, -1.5, 0.5)
    assert page.evaluate("window.__sameDocument") is True, "navigation reloaded the page"
    assert len(_demo_workers(page)) == 1


@pytest.mark.parametrize("site", ["subpath"], indirect=True)
def test_site_works_from_a_sub_path(page, site, network):
    page.goto(site)
    page.get_by_role("link", name="Logistic Regression").first.click()
    page.wait_for_url(site + PAGE)
    wait_live(page)
    set_sliders(page, 3.0, -1.0)
    assert "KaTeX_Main" in page.eval_on_selector(".katex", "e => getComputedStyle(e).fontFamily")
