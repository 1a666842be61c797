"""The page as a whole in real Chromium: math, static first, loading, failure, navigation, hosting."""

import re
from urllib.parse import urlparse

import numpy as np
import pytest
from playwright.sync_api import expect

from pyscript_demo import logreg
from tests.conftest import ROOT
from tests.e2e.conftest import click_through
from tests.e2e.demo_page import (
    PAGE,
    SLOPE,
    assert_matches_cpython,
    demo_workers,
    set_weights,
    table,
    wait_live,
    wait_state,
)


def test_math_is_typeset_by_katex_with_its_stylesheet(page, without_python, site):
    page.goto(site + PAGE)
    assert page.locator(".katex").count() > 40
    assert page.locator(".arithmatex:not(:has(.katex))").count() == 0
    font = page.eval_on_selector(".katex", "e => getComputedStyle(e).fontFamily")
    assert "KaTeX_Main" in font


# Every layout shift a page makes that the reader did not cause, with what moved.
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    const moved = entry.sources.map((s) => (s.node && s.node.outerHTML ? s.node.outerHTML.slice(0, 80) : "?"));
    window.__shifts.push({ value: entry.value, moved });
  }
}).observe({ type: "layout-shift", buffered: true });
"""


# Every stylesheet link whose href changed once the theme's script was running: the sheet is loaded again
# and the whole page restyled (hooks/theme/stylesheet_urls.py changes them while the page is parsed).
RECORD_RELOADED_SHEETS = """
window.__reloadedSheets = [];
new MutationObserver((records) => {
  if (!document.querySelector('script[src*="/javascripts/bundle."]')) return;
  for (const r of records) if (r.target.rel === "stylesheet") window.__reloadedSheets.push(r.oldValue);
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["href"], attributeOldValue: true });
"""


def test_no_page_moves_or_reloads_a_stylesheet_while_it_loads_on_a_phone(page, without_python, site):
    """Lighthouse's phone screen; every page of the sitemap, the generated area indexes included. A block
    laid out at a placeholder size, or a control shown by a script, would push the text the reader is
    reading; a stylesheet loaded again would restyle the whole page while the phone's CPU is busiest."""
    page.set_viewport_size({"width": 412, "height": 823})
    page.add_init_script(RECORD_SHIFTS)
    page.add_init_script(RECORD_RELOADED_SHEETS)
    sitemap = page.request.get(site + "sitemap.xml").text()
    paths = [urlparse(loc).path.lstrip("/") for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    assert "" in paths and len(paths) >= 5
    for path in paths:
        page.goto(site + path, wait_until="load")
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(300)
        shifts = page.evaluate("window.__shifts")
        assert sum(shift["value"] for shift in shifts) < 0.005, (path, shifts)
        # Material has made the page's relative URLs absolute (its icon's, which the site leaves to it), but
        # no stylesheet's was left for it.
        assert page.locator("link[rel=icon]").get_attribute("href").startswith(site), path
        assert page.locator('script[src*="/javascripts/bundle."]').count() == 1, "the recorder looks for this script"
        assert page.evaluate("window.__reloadedSheets") == [], path
        assert page.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')].every((l) => l.sheet)"), path


# Every (state, progress value or None while hidden, status text) the demo shows, in order, from the start.
RECORD_STATUS = """
addEventListener("DOMContentLoaded", () => {
  const section = document.querySelector("section.live-demo");
  if (!section) return;
  const seen = (window.__demoStatusSeen = []);
  const look = () => {
    const progress = section.querySelector("[data-progress]");
    const now = [section.dataset.state, progress.hidden ? null : progress.value,
                 section.querySelector("[data-status]").textContent];
    const last = seen[seen.length - 1];
    if (!last || last.some((value, i) => value !== now[i])) seen.push(now);
  };
  look();
  new MutationObserver(look).observe(section, {subtree: true, childList: true, characterData: true, attributes: true});
});
"""


def test_loading_is_announced_stage_by_stage_then_the_demo_is_live(page, site):
    """The real worker reports its three stages in order (the runtime, numpy, the page's Python). Static
    first: the build's figure and Python's first live render of it are the same (no jump)."""
    page.add_init_script(RECORD_STATUS)
    page.goto(site + PAGE)
    demo_page = page
    static = page.inner_html("[data-part=figure]")
    status = demo_page.locator("[data-status]")
    # The worker's first word: the explanation below then stands until the next stage's news replaces it.
    expect(status).to_contain_text("Loading Python, step 1 of 3: downloading")
    expect(demo_page.locator("[data-progress]")).to_be_visible()
    # Controls that need Python say so instead of doing nothing.
    demo_page.press("button[data-action=step][data-value='60']", "Enter")
    # Looked up in the record: the next stage's news may replace the answer before a poll could see it.
    said = "() => window.__demoStatusSeen.some(([, , text]) => text.includes('needs Python'))"
    demo_page.wait_for_function(said)
    wait_live(demo_page)
    expect(status).to_contain_text("Live")
    expect(demo_page.locator("[data-progress]")).to_be_hidden()
    expect(demo_page.locator("[data-retry]")).to_be_hidden()
    assert page.inner_html("[data-part=figure]") == static
    assert_matches_cpython(demo_page)
    seen = demo_page.evaluate("window.__demoStatusSeen")
    states = [state for state, _, _ in seen]
    assert states[-1] == "live" and set(states[:-1]) <= {"static", "loading"}, states
    stages = [
        "downloading and starting the Python runtime (Pyodide, about 13 MB)",
        "downloading numpy (about 3 MB)",
        "loading this page's Python",
    ]
    shown = [(int(m[1]), m[2]) for _, _, text in seen if (m := re.search(r"step (\d) of 3: ([^.]+)\.", text))]
    # Before the worker's first word the bridge says it is starting; then each stage once, in order.
    assert list(dict.fromkeys(shown)) == [(1, "starting")] + [(i + 1, stage) for i, stage in enumerate(stages)]
    values = [value for _, value, _ in seen if value is not None]
    assert values == sorted(values) and set(values) == {0, 1, 2}, values


def test_without_javascript_the_page_is_complete(browser, network, site):
    context = network.attach(browser.new_context(java_script_enabled=False))
    page = context.new_page()
    page.goto(site + PAGE)
    assert page.locator(".katex").count() > 40
    assert page.locator("[data-listing] code").count() == 2
    expect(page.locator("[data-listing] .md-code__button")).to_have_count(2)
    expect(page.locator(".md-code__button").first).to_be_hidden()  # it copies with the scripts only
    assert page.locator(".lr-figure circle.lr-dot").count() == 7
    loss, _, q = logreg.loss_and_grad(logreg.w_start)
    np.testing.assert_allclose([row[0] for row in table(page)], q, rtol=0, atol=1e-12)
    assert float(page.get_attribute(".demo-loss", "data-value")) == pytest.approx(float(loss), abs=1e-12)
    context.close()


def test_a_code_blocks_copy_button_copies_the_listed_module_and_says_so(page, without_python, site, context):
    """The button is in the page as built; Material's scripts copy the block's code and announce it."""
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site + PAGE)
    listing = page.locator('[data-listing="pyscript_demo/logreg.py"]')
    listing.get_by_role("button", name="Copy to clipboard").first.press("Enter")
    expect(page.locator(".md-dialog")).to_contain_text("Copied to clipboard")
    assert (
        page.evaluate("navigator.clipboard.readText()") == (ROOT / "pyscript_demo" / "logreg.py").read_text().rstrip()
    )


def test_blocked_runtime_leaves_the_page_readable_and_can_retry(page, site, network):
    runtime = next(prefix for prefix in network.mirror if "pyodide" in prefix)
    network.fail_prefixes.append(runtime)
    page.goto(site + PAGE)
    wait_state(page, "failed")
    expect(page.locator("[data-status]")).to_contain_text("Python could not start")
    retry = page.locator("[data-retry]")
    expect(retry).to_be_visible()
    # The static figure and numbers stay; what the reader does is kept for later.
    assert page.locator(".lr-figure circle.lr-dot").count() == 7
    np.testing.assert_allclose([row[0] for row in table(page)], logreg.loss_and_grad(logreg.w_start)[2], atol=1e-12)
    page.fill(SLOPE, "2")
    assert page.locator(".katex").count() > 40
    network.fail_prefixes.clear()
    retry.click()
    wait_live(page)
    expect(page.locator(".demo-slope")).to_have_attribute("data-value", "2.0")
    assert_matches_cpython(page)


def test_instant_navigation_remounts_with_one_worker_and_no_leaks(page, site):
    # Material follows a click instantly only once it has read the sitemap, which it fetches after the page loads.
    page.goto(site, wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    for slope, bias in [(2.5, 1.0), (-1.5, 0.5)]:
        click_through(page, page.get_by_role("link", name="Logistic Regression").first, "**/" + PAGE)
        wait_live(page)
        set_weights(page, slope, bias)
        click_through(page, page.locator("nav").get_by_role("link", name="Home").first, site)
    assert page.evaluate("window.__sameDocument") is True, "navigation reloaded the page"
    # Away from the demo, nothing listens to the runtime; the worker is kept for the way back.
    page.wait_for_function("() => window.conceptDemos.runtime.listeners.size === 0", timeout=5_000)
    click_through(page, page.get_by_role("link", name="Logistic Regression").first, "**/" + PAGE)
    wait_live(page)
    assert page.evaluate("window.conceptDemos.runtime.listeners.size") == 1
    assert len(demo_workers(page)) == 1


# A browser that keeps no navigation timing entry (some privacy settings of Firefox).
HIDE_NAVIGATION_TIMING = """
const entries = performance.getEntriesByType.bind(performance);
performance.getEntriesByType = (type) => (type === "navigation" ? [] : entries(type));
"""


@pytest.mark.parametrize("timing", ["navigation timing", "no navigation timing"])
def test_the_demo_follows_instant_navigation_when_its_script_runs_before_the_themes(page, site, timing):
    """The demo's script is async and the theme's deferred: either may run first. Both are held back, then
    the demo's is let run once the page is parsed, before the theme's: the order that finds no `document$`."""
    if timing == "no navigation timing":
        page.add_init_script(HIDE_NAVIGATION_TIMING)
    held = {}
    page.route("**/javascripts/bundle.*.min.js", lambda route: held.setdefault("theme", route))
    page.route("**/pyscript_demo/demo.js", lambda route: held.setdefault("demo", route))
    page.goto(site + PAGE, wait_until="commit")
    page.wait_for_function("() => document.readyState === 'interactive'")
    held["demo"].continue_()
    page.wait_for_function("() => window.conceptDemos")
    assert page.evaluate("typeof document$") == "undefined"
    held["theme"].continue_()
    wait_live(page)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    click_through(page, page.locator("nav").get_by_role("link", name="Home").first, site)
    click_through(page, page.get_by_role("link", name="Logistic Regression").first, "**/" + PAGE)
    wait_live(page)
    assert page.evaluate("window.__sameDocument") is True, "navigation reloaded the page"


def test_the_demo_goes_live_without_the_themes_script(page, site):
    """Material's script blocked: the demo mounts once, on its own, and answers."""
    page.route("**/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(site + PAGE)
    wait_live(page)
    assert page.evaluate("typeof document$") == "undefined"
    set_weights(page, 1.5, 0.5)
    assert len(demo_workers(page)) == 1


@pytest.mark.parametrize("site", ["subpath"], indirect=True)
def test_site_works_from_a_sub_path(page, site):
    page.goto(site)
    click_through(page, page.get_by_role("link", name="Logistic Regression").first, site + PAGE)
    wait_live(page)
    set_weights(page, 3.0, -1.0)
    assert "KaTeX_Main" in page.eval_on_selector(".katex", "e => getComputedStyle(e).fontFamily")
