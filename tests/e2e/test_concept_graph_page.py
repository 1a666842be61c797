"""The concept graph page in real Chromium: the search box, following a neighbour, a narrow screen."""

from playwright.sync_api import expect

from tests.site_pages import concepts

GRAPH = "concept-graph/"
LOGREG = "machine-learning/logistic-regression"


def test_the_search_box_filters_the_index_and_says_how_many_match(page, site):
    page.goto(site + GRAPH)
    search = page.get_by_label("Find a concept")
    expect(search).to_be_visible()
    entries = page.locator(".concept-graph__index > li")
    figures = page.locator(".concept-graph__area-figure")  # one an area
    assert figures.count() >= 1
    total = entries.count()
    assert total == len(concepts()) >= 3
    search.fill("logistic")
    expect(page.locator(".concept-graph__found")).to_have_text(f"1 of {total} concepts match.")
    expect(entries.filter(has=page.locator("details[open]"))).to_have_count(1)
    expect(page.locator(f"li[data-concept='{LOGREG}']")).to_be_visible()
    expect(page.locator(f"li[data-concept='{LOGREG}'] .concept-link")).to_be_visible()
    expect(figures.filter(visible=True)).to_have_count(0)
    search.fill("")
    expect(entries.filter(has=page.locator(":scope:visible"))).to_have_count(total)
    expect(figures.filter(visible=True)).to_have_count(figures.count())


def test_following_a_neighbour_opens_its_entry(page, site):
    page.goto(site + GRAPH)
    first = page.locator("li[data-concept='machine-learning/linear-regression'] details")
    first.locator("summary").click()
    first.get_by_role("link", name="Logistic Regression").last.click()
    expect(page.locator(f"li[data-concept='{LOGREG}'] details")).to_have_js_property("open", True)


def test_on_a_narrow_screen_the_figure_scrolls_and_its_text_stays_readable(page, site):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site + GRAPH)
    svg = page.locator(".concept-graph__svg").first
    rendered = svg.evaluate("s => s.getBoundingClientRect().width / s.viewBox.baseVal.width")
    font = page.locator(".concept-graph__node text").first.evaluate("t => parseFloat(getComputedStyle(t).fontSize)")
    assert font * rendered >= 11, (font, rendered)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
