"""The light/dark toggle in the header (hooks/theme/palette-toggle.js): Material's behaviour, without
restyling the page on a load where the palette does not change."""

from playwright.sync_api import expect

from tests.e2e.conftest import PALETTES, follow_link
from tests.e2e.demo_page import PAGE

# Every time the page was told to switch palettes, counted from before any of its scripts ran.
SWITCHES = """
window.__switches = 0;
new MutationObserver((records) => {
  window.__switches += records.filter((r) => r.target.hasAttribute("data-md-color-switching")).length;
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-md-color-switching"] });
"""


def _palette(page):
    return page.locator("body").get_attribute("data-md-color-scheme")


def _header_colour(page):
    """The header's background as #rrggbb, as the browser's theme colour should be."""
    rgb = page.eval_on_selector("header", "h => getComputedStyle(h).backgroundColor.match(/\\d+/g).slice(0, 3)")
    return "#" + "".join(f"{int(c):02x}" for c in rgb)


def test_the_palette_follows_the_browser_then_the_readers_choice_kept_across_visits(page, without_python, site):
    page.emulate_media(color_scheme="dark")
    page.goto(site)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", PALETTES["dark"])
    assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == "dark"
    expect(page.locator('meta[name="theme-color"]')).to_have_attribute("content", _header_colour(page))
    # One toggle is shown, named for what it does.
    toggle = page.locator("form[data-palette-toggle] label:visible")
    expect(toggle).to_have_count(1)
    expect(toggle).to_have_attribute("title", "Switch to light mode")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", PALETTES["light"])
    expect(body).not_to_have_attribute("data-md-color-switching", "")
    assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == "light"
    expect(page.locator('meta[name="theme-color"]')).to_have_attribute("content", _header_colour(page))
    expect(page.locator("form[data-palette-toggle] label:visible")).to_have_attribute("title", "Switch to dark mode")
    # The choice outlives the page, whatever the browser prefers.
    page.reload()
    assert _palette(page) == PALETTES["light"]
    # Enter on the toggle moves to the next palette, and focus stays on the toggle.
    page.locator("form[data-palette-toggle] input:checked").focus()
    page.keyboard.press("Enter")
    expect(body).to_have_attribute("data-md-color-scheme", PALETTES["dark"])
    assert page.evaluate("document.activeElement.dataset.mdColorScheme") == PALETTES["dark"]
    # After instant navigation (the same document, the header kept), the toggle still switches.
    page.wait_for_load_state("networkidle")  # Material follows links instantly once it has the sitemap
    page.evaluate("window.__sameDocument = true")
    follow_link(page, site + PAGE)
    page.locator("form[data-palette-toggle] label:visible").click()
    expect(body).to_have_attribute("data-md-color-scheme", PALETTES["light"])
    assert page.evaluate("window.__sameDocument") is True


def test_a_load_where_the_palette_does_not_change_switches_nothing(page, without_python, site):
    """Switching restyles every element of the page: on a load that keeps the palette it must not happen."""
    page.emulate_media(color_scheme="light")
    page.add_init_script(SWITCHES)
    page.goto(site)
    page.wait_for_function("() => typeof document$ !== 'undefined'")
    page.locator("form[data-palette-toggle] label:visible").click()  # the reader chooses dark
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", PALETTES["dark"])
    assert page.evaluate("window.__switches") == 1
    page.reload()  # the same palette as the last page's
    page.wait_for_load_state("load")
    page.wait_for_function("() => typeof document$ !== 'undefined'")
    assert _palette(page) == PALETTES["dark"]
    assert page.evaluate("window.__switches") == 0
