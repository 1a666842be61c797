"""Accessibility in real Chromium: axe-core on every page in both palettes. (Reduced motion, counted in
the page's own time: tests/e2e/test_bridge.py.)"""

import pytest
from playwright.sync_api import expect

from tests.e2e.demo_page import PAGE, wait_live
from tests.site_pages import page_urls
from tools import runtime_mirror

PAGES = page_urls()  # every page of the site, from the docs tree
PALETTES = {"light": "default", "dark": "slate"}  # emulated color scheme: Material's body[data-md-color-scheme]
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


@pytest.mark.parametrize("scheme", PALETTES)
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.strip("/") or "home")
def test_no_serious_or_critical_axe_violations(page, site, axe_script, path, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(site + path)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", PALETTES[scheme])
    if path == PAGE:
        _use_the_demo(page)
    _open_everything(page)
    # Evaluated by the test driver: the site's Content-Security-Policy rightly refuses an added script tag.
    page.evaluate(axe_script)
    result = page.evaluate('() => axe.run(document, {resultTypes: ["violations"]})')
    found = _blocking(result["violations"])
    assert not found, f"axe on /{path} ({scheme}):\n" + "\n".join(found)
