"""Accessibility in real Chromium: axe-core on every page in both palettes. (Reduced motion, counted in
the page's own time: tests/e2e/test_bridge.py.)"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PALETTES, assert_network_clean, follow_link, set_palette
from tests.e2e.demo_page import LIVE_TIMEOUT_MS, PAGE, wait_live
from tests.site_pages import page_urls
from tools import runtime_mirror

PAGES = page_urls()  # every page of the site, from the docs tree
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="session")
def axe_script():
    return (runtime_mirror.asset("axe-core") / "axe.min.js").read_text()


def _use_the_demo(page):
    """Bring the demo to the states a reader sees: live, a point selected, predicted and revealed."""
    wait_live(page)
    page.check("input[data-action=select][value='3']")
    expect(page.locator("[data-reveal=pending]")).to_contain_text("Point 4 ")
    page.check("input[data-action=predict][value='raise']")
    page.click("button[data-action=reveal]")
    expect(page.locator("[data-reveal=shown]")).to_be_visible()


def _open_everything(page):
    # The practice panel reveals its hints in order: opening the first hint is the reader's reveal.
    hint = page.locator("[data-hint]").first
    if hint.count():
        hint.evaluate("d => { d.open = true; }")
        expect(page.locator("[data-hint]").first).to_have_js_property("open", True)
    page.eval_on_selector_all("details", "all => all.forEach(d => { d.open = true; })")


def _blocking(violations):
    found = []
    for v in violations:
        if v["impact"] not in BLOCKING:
            continue
        nodes = v["nodes"]
        targets = [", ".join(n["target"]) for n in nodes[:4]]
        found.append(
            f"{v['id']} ({v['impact']}): {v['help']} -- {len(nodes)} node(s), e.g. {targets}"
            f"\n    {nodes[0]['failureSummary']}"
        )
    return found


@pytest.fixture(scope="module")
def visit(shared_page, servers):
    """One visit of the site for the module, in the dark palette: the first page opened, each next one reached
    by instant navigation (the page's own stylesheets follow), so one Python worker serves every demo. The
    reader prefers reduced motion, so Material switches palettes without fading colours: axe reads the
    palette's own at once. visit(path) -> (page, Network)."""
    opened = []

    def go(path):
        if not opened:
            opened.append(shared_page(path, color_scheme="dark", reduced_motion="reduce"))
            expect(opened[0][0].locator("body")).to_have_attribute("data-md-color-scheme", PALETTES["dark"])
        else:
            follow_link(opened[0][0], servers["root"].url + path)
            set_palette(opened[0][0], "dark")
        return opened[0]

    return go


@pytest.fixture(scope="module")
def opened(visit, axe_script, path):
    """The page at `path`, reached once for both palettes (in the dark one), every demo on it live and every
    part of it open: the state axe checks. (Axe changes nothing on the page; each test sets its palette.)"""
    page, net = visit(path)
    for demo in page.locator("section.live-demo").all():
        expect(demo).to_have_attribute("data-state", "live", timeout=LIVE_TIMEOUT_MS)
    if path == PAGE:
        _use_the_demo(page)
    _open_everything(page)
    # Evaluated by the test driver: the site's Content-Security-Policy rightly refuses an added script tag.
    if page.evaluate("typeof axe === 'undefined'"):
        page.evaluate(axe_script)
    return page, net


@pytest.mark.parametrize("scheme", PALETTES)
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.strip("/") or "home", scope="module")
def test_no_serious_or_critical_axe_violations(opened, site, path, scheme):
    page, net = opened
    set_palette(page, scheme)
    result = page.evaluate('() => axe.run(document, {resultTypes: ["violations"]})')
    assert_network_clean(net)
    found = _blocking(result["violations"])
    assert not found, f"axe on /{path} ({scheme}):\n" + "\n".join(found)
