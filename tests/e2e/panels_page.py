"""Driving the learning panels the way a reader does."""

from playwright.sync_api import expect


def use_practice_and_inquiry(page, prediction):
    """Write a prediction, open the first hint, answer the inquiry; each panel responds."""
    practice = page.locator("section.practice")
    practice.locator("textarea").fill(prediction)
    practice.locator("[data-hint] summary").first.click()
    expect(practice.locator("[data-hint]").nth(1)).to_be_visible()
    page.locator("section.inquiry input[value='1']").check()
    expect(page.locator("section.inquiry [data-live]")).to_contain_text("That cue carries")
    return practice
