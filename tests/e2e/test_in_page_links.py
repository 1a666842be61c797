"""An in-page link lands on its target and stays there while the page above it settles (hooks/theme/anchor-landing.js).

The browser's own scroll anchoring is turned off in these tests: it holds the target in most cases, and the
site's script is what holds it when it does not (a slow phone, blocks laid out late).
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.demo_page import PAGE

CITATION = "sup.citation .citation__item a"
SOURCE = "#source-cs229-logistic-regression"
# A block that appears above the target after the jump, as a block laid out late would grow.
GROW_ABOVE = """() => {
  const block = document.createElement("div");
  block.style.height = "1500px";
  document.querySelector(".md-content article").prepend(block);
}"""
# Waits for n frames of the page.
FRAMES = (
    "n => new Promise(done => { const next = k => (k ? requestAnimationFrame(() => next(k - 1)) : done()); next(n); })"
)


@pytest.fixture
def article(page, without_python, site):
    page.goto(site + PAGE)
    page.evaluate("document.documentElement.style.overflowAnchor = document.body.style.overflowAnchor = 'none'")
    return page


def _top(page):
    return page.evaluate(f"document.querySelector('{SOURCE}').getBoundingClientRect().top")


def test_a_citation_link_keeps_its_source_in_view_while_the_page_above_grows(article):
    article.click(CITATION)
    source = article.locator(SOURCE)
    expect(source).to_be_in_viewport()
    landed = _top(article)
    article.evaluate(GROW_ABOVE)
    article.evaluate(FRAMES, 3)
    expect(source).to_be_in_viewport()
    assert _top(article) == pytest.approx(landed, abs=1)


def test_once_the_reader_scrolls_the_page_no_longer_moves_them(article):
    article.click(CITATION)
    expect(article.locator(SOURCE)).to_be_in_viewport()
    article.mouse.wheel(0, -200)
    article.evaluate(FRAMES, 3)
    before = _top(article)
    article.evaluate(GROW_ABOVE)
    article.evaluate(FRAMES, 10)
    assert _top(article) == pytest.approx(before + 1500, abs=1)
