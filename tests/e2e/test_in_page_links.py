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


def test_a_citation_link_keeps_its_source_in_view_while_the_page_above_grows(article):
    article.click(CITATION)
    source = article.locator(SOURCE)
    expect(source).to_be_in_viewport(ratio=0.5)
    article.evaluate(GROW_ABOVE)
    article.evaluate(FRAMES, 3)
    expect(source).to_be_in_viewport(ratio=0.5)


def test_once_the_reader_scrolls_the_page_no_longer_moves_them(article):
    article.click(CITATION)
    expect(article.locator(SOURCE)).to_be_in_viewport(ratio=0.5)
    article.mouse.wheel(0, -200)
    article.wait_for_function("scrollY > 0")
    article.evaluate(FRAMES, 3)
    where = article.evaluate("scrollY")
    article.evaluate(GROW_ABOVE)
    article.evaluate(FRAMES, 10)
    # The block pushed the text down, and the page stayed where the reader had scrolled it.
    assert article.evaluate("scrollY") == where
