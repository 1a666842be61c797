"""The learning panels in real Chromium: reveal order, saved answers, the research room's draft and prompt."""

import json

import pytest
import yaml
from playwright.sync_api import expect

from tests.conftest import PAGE_SRC
from tests.e2e.panels_page import use_practice_and_inquiry
from tests.test_learning_panels import blocks_in, expected_prompt

KEY = "learning-panels:concept:machine-learning/logistic-regression"
HOSTILE = "<img src=x onerror=window.__pwned=1>"


@pytest.fixture
def panels(page, without_python, site):
    page.goto(site + "machine-learning/logistic-regression/")
    page.evaluate("localStorage.clear()")
    page.reload()
    return page


def test_the_storyboard_shows_its_frames_after_a_choice(panels):
    board = panels.locator("section.storyboard")
    frames = board.locator("[data-frames]")
    expect(frames).to_be_hidden()
    board.get_by_label("A curve that bends a score into a probability").check()
    expect(frames).to_be_visible()
    expect(frames).to_be_focused()
    expect(board.locator("[data-live]")).to_contain_text("You expected: A curve that bends a score")


def test_the_inquiry_announces_the_chosen_choices_feedback(panels):
    inquiry = panels.locator("section.inquiry")
    live = inquiry.locator("[data-live]")
    expect(live).to_have_attribute("aria-live", "polite")
    expect(inquiry.locator("[data-all-feedback]")).to_be_hidden()
    inquiry.locator("input[value='2']").check()
    expect(live).to_contain_text("Not the first cue. It is the training signal")
    inquiry.locator("input[value='1']").check()
    expect(live).to_contain_text("That cue carries the first intuition.")
    expect(inquiry.locator("[data-all-feedback]")).to_be_visible()


def test_hints_come_one_at_a_time_then_the_answer(panels):
    practice = panels.locator("section.practice")
    hints = practice.locator("[data-hint]")
    answer = practice.locator("[data-answer]")
    expect(hints.nth(0)).to_be_visible()
    expect(hints.nth(1)).to_be_hidden()
    expect(answer).to_be_hidden()
    for index in range(3):
        hints.nth(index).locator("summary").click()
        expect(hints.nth(index).locator(".practice__revealed")).to_be_focused()
        if index < 2:
            expect(hints.nth(index + 1)).to_be_visible()
            expect(answer).to_be_hidden()
    expect(answer).to_be_visible()
    answer.locator("summary").click()
    expect(answer.locator(".practice__revealed")).to_contain_text("The boundary")


def test_answers_persist_across_a_reload_and_reset_clears_a_panel(panels):
    practice = panels.locator("section.practice")
    practice.locator("textarea").fill("The curve slides left when b grows.")
    practice.locator("[data-hint] summary").first.click()
    practice.get_by_label("The answer names why the claim should hold.").check()
    panels.locator("section.storyboard input[value='2']").check()
    panels.reload()
    practice = panels.locator("section.practice")
    expect(practice.locator("textarea")).to_have_value("The curve slides left when b grows.")
    expect(practice.locator("[data-hint]").nth(1)).to_be_visible()
    expect(practice.get_by_label("The answer names why the claim should hold.")).to_be_checked()
    expect(panels.locator("section.storyboard input[value='2']")).to_be_checked()
    saved = json.loads(panels.evaluate(f"localStorage.getItem('{KEY}')"))
    assert saved["practice"]["prediction"] == "The curve slides left when b grows."

    practice.get_by_role("button", name="Reset this panel").click()
    expect(practice.locator("textarea")).to_have_value("")
    expect(practice.locator("[data-hint]").nth(1)).to_be_hidden()
    expect(practice.locator("[data-panel-status]")).to_contain_text("This panel was reset.")
    panels.reload()
    expect(panels.locator("section.practice textarea")).to_have_value("")
    # The other panels kept theirs.
    expect(panels.locator("section.storyboard input[value='2']")).to_be_checked()


def test_the_research_draft_exports_and_imports_as_a_json_file(panels, tmp_path):
    room = panels.locator("section.research-room")
    room.get_by_label("Equation").check()
    room.get_by_label("Note").fill("Check the q - y gradient.")
    room.get_by_label("Next action").fill("Derive it once by hand.")
    with panels.expect_download() as download:
        room.get_by_role("button", name="Export draft").click()
    path = tmp_path / "draft.json"
    download.value.save_as(path)
    draft = json.loads(path.read_text())
    assert draft["objectKey"] == "concept:machine-learning/logistic-regression"
    assert (draft["object"], draft["note"], draft["next"]) == (
        "equation",
        "Check the q - y gradient.",
        "Derive it once by hand.",
    )

    room.get_by_role("button", name="Reset this panel").click()
    expect(room.get_by_label("Note")).to_have_value("")
    room.locator("[data-import]").set_input_files(str(path))
    expect(room.get_by_label("Note")).to_have_value("Check the q - y gradient.")
    expect(room.get_by_label("Next action")).to_have_value("Derive it once by hand.")
    expect(room.get_by_label("Equation")).to_be_checked()
    expect(room.locator("[data-tools-status]")).to_contain_text("Imported the draft from draft.json.")
    panels.reload()
    expect(panels.locator("section.research-room").get_by_label("Note")).to_have_value("Check the q - y gradient.")

    other = tmp_path / "other.json"
    other.write_text(json.dumps({**draft, "objectKey": "concept:elsewhere", "note": "not this page"}))
    room = panels.locator("section.research-room")
    room.locator("[data-import]").set_input_files(str(other))
    expect(room.locator("[data-tools-status]")).to_contain_text("nothing was changed")
    expect(room.get_by_label("Note")).to_have_value("Check the q - y gradient.")


def test_copy_puts_the_built_prompt_on_the_clipboard(panels, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    room = panels.locator("section.research-room")
    room.get_by_label("Misconception").check()
    room.get_by_role("button", name="Copy the prompt").click()
    expect(room.locator("[data-copy-status]")).to_have_text("Copied the prompt.")
    copied = panels.evaluate("navigator.clipboard.readText()")
    built = room.locator("[data-prompt]").text_content()
    assert copied == built
    meta = yaml.safe_load(PAGE_SRC.read_text().split("---\n")[1])
    prompt = expected_prompt(meta, blocks_in(PAGE_SRC.read_text())["research-room"][1], "ML Concepts")
    assert copied == prompt.replace("\nObject: concept - ", "\nObject: misconception - ")


def test_a_hostile_note_is_text_and_never_runs(panels):
    room = panels.locator("section.research-room")
    images = panels.locator("img").count()
    room.get_by_label("Note").fill(HOSTILE)
    panels.reload()
    room = panels.locator("section.research-room")
    expect(room.get_by_label("Note")).to_have_value(HOSTILE)
    room.get_by_role("button", name="Copy the prompt").focus()
    assert panels.evaluate("window.__pwned") is None
    assert panels.locator("img").count() == images
    assert panels.locator("img[src='x']").count() == 0


def test_without_storage_the_panels_work_and_say_nothing_is_saved(page, without_python, site):
    page.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"
    )
    page.goto(site + "machine-learning/logistic-regression/")
    for status in page.locator("[data-panel-status]").all():
        expect(status).to_contain_text("Nothing will be saved")
    practice = use_practice_and_inquiry(page, "Typed without storage.")
    expect(practice.locator("textarea")).to_have_value("Typed without storage.")


def test_without_javascript_every_panel_is_complete(browser, site, network):
    context = network.attach(browser.new_context(java_script_enabled=False))
    page = context.new_page()
    page.goto(site + "machine-learning/logistic-regression/")
    expect(page.locator("section.storyboard figure")).to_have_count(3)
    expect(page.locator("section.storyboard [data-frames]")).to_be_visible()
    last_hint = page.locator("section.practice [data-hint]").nth(2)
    last_hint.locator("summary").click()
    expect(last_hint.locator(".practice__revealed")).to_be_visible()
    page.locator("section.inquiry [data-all-feedback] summary").click()
    expect(page.locator("section.inquiry [data-feedback='1']")).to_contain_text("That cue carries")
    expect(page.locator("section.research-room [data-prompt]")).to_contain_text("Object key: concept:")
    expect(page.locator("[data-reset]:visible, [data-copy]:visible")).to_have_count(0)
    context.close()
