"""Every demo, found from the site's pages, live in real Chromium: the same markup as CPython's, one worker
for any number of demos and pages, and figures that stay legible on a phone."""

import json

import pytest
from playwright.sync_api import expect

from hooks.demo import discovery
from tests.conftest import host_headers, make_project, mkdocs_build
from tests.e2e.conftest import assert_network_clean, click_through, follow_link
from tests.e2e.demo_page import LIVE_TIMEOUT_MS, demo_workers
from tests.site_pages import demo_pages
from tools.static_server import StaticServer

PAGES = demo_pages()


def section(name):
    return f"section.live-demo[data-demo='{name}']"


def wait_live(page, name):
    expect(page.locator(section(name))).to_have_attribute("data-state", "live", timeout=LIVE_TIMEOUT_MS)


# The region markup the browser holds equals the markup CPython rendered, each parsed by the same parser.
SAME_PARTS = """([selector, parts]) => {
  const demo = document.querySelector(selector);
  if (demo.hasAttribute("data-busy")) return false;
  const parsed = document.createElement("div");
  return Object.entries(parts).every(([name, markup]) => {
    const region = demo.querySelector(`[data-part="${name}"]`);
    if (region.hasAttribute("data-text")) return region.textContent === markup;
    parsed.innerHTML = markup;
    return region.innerHTML === parsed.innerHTML;
  });
}"""


def test_every_demo_is_shown_on_a_page():
    assert set(PAGES) == set(discovery.names()), "a demo no page shows is not tested live"


@pytest.fixture(scope="module")
def visit(shared_page, servers):
    """One visit of the site for the module: the first page opened, each next one reached by instant
    navigation, so one Python worker serves every demo, as on a reader's visit. visit(path) -> (page, Network)."""
    opened = []

    def go(path):
        if not opened:
            opened.append(shared_page(path))
            return opened[0]
        page, net = opened[0]
        url = servers["root"].url + path
        # A page is reached afresh, its demos at their start: from itself, by way of the home page.
        for step in [servers["root"].url, url] if page.url == url else [url]:
            follow_link(page, step)
        return page, net

    return go


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_control_change_gives_the_markup_cpython_gives(visit, site, name):
    demo = discovery.load(name)
    page, net = visit(PAGES[name][0])
    wait_live(page, name)
    here = page.locator(section(name))
    # Open every figure's numbers, so Python keeps their tables up to date too.
    here.locator("details").evaluate_all("all => all.forEach((d) => { d.open = true; })")
    control = here.locator("input[type=range], input[type=number], input[type=radio]").first
    kind, action = control.get_attribute("type"), control.get_attribute("data-action")
    if kind == "radio":
        control.check()
        value = control.get_attribute("value")
    else:
        low, high = float(control.get_attribute("min") or 0), float(control.get_attribute("max") or 1)
        control.fill(str(low + 0.7 * (high - low)))
        value = control.input_value()
    state, _ = demo.act(demo.initial, action, value)
    expected = json.loads(json.dumps(demo.answer(state)))
    page.wait_for_function(SAME_PARTS, arg=[section(name), expected["parts"]], timeout=10_000)
    for key, shown in expected["controls"].items():
        for input_ in here.locator(f"[data-control='{key}']:not([type=radio])").all():
            if input_.get_attribute("type") != "range":
                expect(input_).to_have_value(shown)
    assert_network_clean(net)


@pytest.fixture(scope="module")
def two_demo_site(tmp_path_factory):
    """A site of three pages: home, one demo, and every other demo on one page; built and served like the
    real one."""
    project = tmp_path_factory.mktemp("two-demos")
    names = [n for n in discovery.names() if n != "logistic-regression"]
    pages = {
        "index.md": "# Home\n\n[First](first.md) and [second](second.md).\n",
        "first.md": "# First\n\n/// demo | logistic-regression\n///\n",
        "second.md": "# Second\n\n" + "".join(f"/// demo | {n}\n///\n\n" for n in names),
    }
    config = make_project(project, pages)
    server = StaticServer(project / "root")
    done = mkdocs_build(config, project / "root", site_url=server.origin + "/")
    assert done.returncode == 0, done.stderr
    server.headers.update(host_headers(project / "root"))
    yield server.origin + "/", names
    server.close()


def test_two_demos_on_one_page_and_instant_navigation_keep_one_worker(page, two_demo_site):
    url, others = two_demo_site
    page.goto(url + "first/")
    page.evaluate("window.__sameDocument = true")
    wait_live(page, "logistic-regression")
    for _ in range(2):
        click_through(page, page.locator("nav").get_by_role("link", name="Second", exact=True).first, "**/second/")
        for name in others:
            wait_live(page, name)
            # Each demo answers its own actions, from its own module in the one worker.
            here = page.locator(section(name))
            slider = here.locator("input[type=range]").first
            slider.fill(slider.get_attribute("max"))
            expect(here).not_to_have_attribute("data-busy", "")
            expect(here).to_have_attribute("data-state", "live")
        click_through(page, page.locator("nav").get_by_role("link", name="First", exact=True).first, "**/first/")
        wait_live(page, "logistic-regression")
        page.click("button[data-action=step][data-value='1']")
        expect(page.locator(".demo-steps")).to_have_text("1")
    assert page.evaluate("window.__sameDocument") is True, "navigation reloaded the page"
    assert len(demo_workers(page)) == 1
    assert page.evaluate("window.conceptDemos.runtime.listeners.size") == 1


PHONE = {"width": 360, "height": 800}
# The smallest text any demo figure renders (px), and whether the page scrolls sideways.
MEASURE = """() => {
  document.querySelectorAll("section.live-demo details").forEach((d) => (d.open = true));
  const sizes = [...document.querySelectorAll("section.live-demo svg text")].flatMap((t) => {
    const ctm = t.getScreenCTM();
    if (!ctm || !t.getClientRects().length) return [];
    return [[parseFloat(getComputedStyle(t).fontSize) * ctm.a, t.textContent]];
  });
  return {sizes, wide: document.documentElement.scrollWidth - document.documentElement.clientWidth};
}"""


@pytest.mark.parametrize("path", sorted({p for urls in PAGES.values() for p in urls}))
def test_figures_are_legible_and_tables_fit_on_a_phone(browser, network, site, path):
    context = network.attach(browser.new_context(viewport=PHONE))
    page = context.new_page()
    page.goto(site + path)
    found = page.evaluate(MEASURE)
    assert found["sizes"], "no figure text measured"
    small = [(round(size, 1), text) for size, text in found["sizes"] if size < 11]
    assert not small, f"text under 11 px at {PHONE['width']} px wide: {small[:5]}"
    assert found["wide"] <= 0, f"the page scrolls sideways by {found['wide']} px"
    context.close()
