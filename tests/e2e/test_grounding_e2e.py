"""Citation cards in real Chromium: the keyboard opens them as the pointer does."""

import pytest
from playwright.sync_api import expect

from tests.e2e.demo_page import PAGE

MARKER = "sup.citation .citation__item"


@pytest.fixture
def demo_page(page, without_python, site):
    page.goto(site + PAGE)
    return page


def test_focusing_a_citation_marker_with_the_keyboard_shows_its_card(demo_page):
    item = demo_page.locator(MARKER).first
    card = item.locator(".citation__card")
    expect(card).to_be_hidden()
    item.locator("a").focus()
    expect(card).to_be_visible()
    expect(card).to_contain_text("CS229 Lecture Notes")
    expect(card).to_contain_text("Andrew Ng, n.d., §2.1")
    # Tab moves on to the next citation: its card opens and the first one closes.
    demo_page.keyboard.press("Tab")
    expect(card).to_be_hidden()
    expect(item.locator("xpath=following-sibling::span[1]").locator(".citation__card")).to_be_visible()


def test_hovering_a_citation_marker_shows_its_card_and_it_links_to_the_source(demo_page):
    item = demo_page.locator(MARKER).first
    item.locator("a").hover()
    expect(item.locator(".citation__card")).to_be_visible()
    item.locator("a").click()
    expect(demo_page.locator("#source-cs229-logistic-regression")).to_be_in_viewport()
