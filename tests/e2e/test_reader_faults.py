"""What a reader meets when things go wrong, in real Chromium with real Pyodide: browser storage that
fills up while they type, and a keyboard instead of a mouse. Each time the page stays readable, says
what happened, and loses nothing the reader typed. (A slow network, a Python worker that dies or hangs:
tests/e2e/test_bridge.py.)
"""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.demo_page import PAGE, wait_live
from tests.e2e.panels_page import use_practice_and_inquiry

KEY = "learning-panels:concept:machine-learning/logistic-regression"
UNSAVED = "Nothing will be saved"


# 1. Storage that fills up while the reader types ------------------------------------------------------

# This site's storage has room for `window.__panelQuota` characters of answers: past that, setItem throws
# what a full browser throws (and stores nothing), as localStorage does once the origin's quota is used.
QUOTA = """(() => {
  window.__panelQuota = 300;
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (String(key).startsWith("learning-panels:") && String(value).length > window.__panelQuota) {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    }
    return setItem.call(this, key, value);
  };
})();"""
FIRST = "The logit gradient is q - y."
MORE = (
    " Each point pulls on w in proportion to its residual times x, so a confident mistake far from the"
    " boundary pulls hardest and a well fit point hardly at all; on separable data the pull never stops,"
    " and the slope grows without bound while the loss creeps toward zero. Ask why a prior on w helps."
)


def test_storage_that_fills_up_mid_session_is_said_and_nothing_typed_is_lost(page, without_python, site, tmp_path):
    """Storage worked when the page opened; the reader's note then outgrows the quota while they type.
    Every panel says its answers are no longer saved, the note keeps every character (and exports whole),
    the panels keep working, and once there is room again everything typed meanwhile is saved.
    """
    page.add_init_script(QUOTA)
    page.goto(site + PAGE)
    statuses = page.locator("[data-panel-status]")
    expect(statuses).to_have_count(4)
    for status in statuses.all():
        expect(status).to_have_text("Kept in this browser for concept:machine-learning/logistic-regression.")
    room = page.locator("section.research-room")
    note = room.get_by_label("Note")
    note.press_sequentially(FIRST)
    assert json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["research-room"]["note"] == FIRST

    note.press_sequentially(MORE)  # the quota runs out part way through
    expect(note).to_have_value(FIRST + MORE)
    assert page.evaluate("document.activeElement.id") == "research-room-note"  # the reader was not interrupted
    for status in statuses.all():
        expect(status).to_contain_text(UNSAVED)
    kept = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["research-room"]["note"]
    assert FIRST in kept and kept != FIRST + MORE and (FIRST + MORE).startswith(kept)  # the last save that fit

    # The panels keep working without storage.
    use_practice_and_inquiry(page, "The curve slides left when b grows.")
    room.get_by_label("Equation").check()
    with page.expect_download() as download:
        room.get_by_role("button", name="Export draft").click()
    path = tmp_path / "draft.json"
    download.value.save_as(path)
    assert json.loads(path.read_text())["note"] == FIRST + MORE
    expect(note).to_have_value(FIRST + MORE)

    page.evaluate("window.__panelQuota = Infinity")  # room again (the reader cleared other sites' data)
    note.press_sequentially(" Done.")
    for status in statuses.all():
        expect(status).to_contain_text("Kept in this browser")
    saved = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert saved["research-room"] == {"note": FIRST + MORE + " Done.", "object": "equation"}
    assert saved["practice"] == {"prediction": "The curve slides left when b grows.", "revealed": 1}
    assert saved["inquiry"] == {"choice": "1"}


# 2. The keyboard alone --------------------------------------------------------------------------------

# A keyboard stop of the article, named for messages: a radio group is one stop (Tab enters it, arrows move).
_DESCRIBE = """
  const article = document.querySelector("article.md-content__inner"), all = [...article.querySelectorAll("*")];
  const describe = (el) => {
    if (el.type === "radio") return `radio group ${el.name}`;
    const label = el.id || el.getAttribute("aria-label") ||
      (el.labels && el.labels.length ? el.labels[0].textContent : el.textContent);
    return `${el.tagName.toLowerCase()} #${all.indexOf(el)} ${label.trim().replace(/\\s+/g, " ").slice(0, 40)}`;
  };
"""

# Where focus is, as a stop of the article, or null outside it.
FOCUS_STOP = (
    "() => {"
    + _DESCRIBE
    + """
  const el = document.activeElement;
  return article.contains(el) && el !== article ? describe(el) : null;
}"""
)

# Every stop Tab should make in the article, in document order: each rendered control that takes focus
# from the keyboard (links, buttons, inputs, selects, textareas, summaries, tabindex >= 0).
EXPECTED_STOPS = (
    "() => {"
    + _DESCRIBE
    + """
  const stops = [];
  for (const el of all) {
    if (el.tabIndex < 0 || el.disabled || !el.checkVisibility({visibilityProperty: true})) continue;
    const stop = describe(el);
    if (!stops.includes(stop)) stops.push(stop);
  }
  return stops;
}"""
)

# Whether the focused control shows it: an outline or a box shadow on it or, for a visually hidden input
# (the draft's file input), on the label that is its visible button.
FOCUS_SHOWN = """() => {
  let el = document.activeElement;
  const box = el.getBoundingClientRect();
  if ((box.width < 4 || box.height < 4 || getComputedStyle(el).opacity === "0") && el.labels && el.labels.length) {
    el = el.labels[0];
  }
  const style = getComputedStyle(el);
  return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
}"""


def _accessible_name(cdp):
    """The name Chromium's accessibility tree gives the focused element (what a screen reader says)."""
    focused = cdp.send("Runtime.evaluate", {"expression": "document.activeElement", "objectGroup": "walk"})
    nodes = cdp.send(
        "Accessibility.getPartialAXTree", {"objectId": focused["result"]["objectId"], "fetchRelatives": False}
    )["nodes"]
    cdp.send("Runtime.releaseObjectGroup", {"objectGroup": "walk"})
    shown = [n for n in nodes if not n.get("ignored")]
    return (shown[0].get("name", {}).get("value") or "").strip() if shown else ""


def _walk(page, key, cdp=None, limit=300):
    """Press `key` until focus has gone through the article and out; each stop in it as (stop, accessible
    name, focus shown)."""
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        stop = page.evaluate(FOCUS_STOP)
        if stop is None:
            if stops:
                return stops
            continue  # the header and the site navigation, before the article
        stops.append((stop, cdp and _accessible_name(cdp), page.evaluate(FOCUS_SHOWN)))
    raise AssertionError(f"focus never left the article after {limit} presses of {key}: {stops[-5:]}")


def _from_the_top(page):
    """The first Tab on a fresh page reaches the skip link, visibly and by its name."""
    page.wait_for_function("() => typeof document$ !== 'undefined'")  # Material's scripts are running
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    expect(skip).to_have_accessible_name("Skip to content")


@pytest.fixture
def walked(page, site, context):
    """The live page walked by Tab from its top to past the article, then back by Shift+Tab."""
    page.goto(site + PAGE)
    wait_live(page)  # the demo's own markup is in place, and its Load/Stop/Retry buttons hidden
    cdp = context.new_cdp_session(page)
    _from_the_top(page)
    forward = _walk(page, "Tab", cdp)
    backward = _walk(page, "Shift+Tab")
    return page.evaluate(EXPECTED_STOPS), forward, backward


def test_tab_reaches_every_control_of_the_article_in_order_each_named_and_showing_focus(walked):
    """From the top of the page (the skip link first, then the header and the site navigation), Tab stops
    once at every control of the article in document order: the demo's, each panel's, the code's copy
    buttons, the links. Each has an accessible name and shows it has focus, and Shift+Tab goes the same
    way back. (One walk of the live page for all of it: Python starts once.)"""
    expected, forward, backward = walked
    assert len(expected) > 60
    assert [stop for stop, _, _ in forward] == expected
    assert [stop for stop, _, _ in backward] == expected[::-1]
    nameless = [stop for stop, name, _ in forward if not name]
    assert not nameless, f"controls without an accessible name: {nameless}"
    for kind in [
        r"input #\d+ lr-slope",
        r"input #\d+ lr-bias-exact",
        "radio group lr-selected",
        "radio group lr-prediction",
        r"button #\d+ One step",
        "radio group storyboard-choice",
        r"summary #\d+ Reveal when",
        r"textarea #\d+ research-room-note",
        r"pre #\d+ I am working",
    ]:
        assert any(re.fullmatch(kind + ".*", stop) for stop in expected), kind
    hidden = sorted({stop for stop, _, shown in forward + backward if not shown})
    assert not hidden, f"focus is not visible on: {hidden}"


def _tab_to(page, selector, limit=150):
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_every_learning_panel_is_answered_by_keyboard_alone(page, without_python, site, context, tmp_path):
    """Tab, arrows, Space and Enter only: choose in the storyboard and the inquiry, write the prediction,
    open the hints one by one and the answer, tick the rubric, fill the research room, export and copy;
    then a reload shows every answer kept."""
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site + PAGE)
    _from_the_top(page)
    keys = page.keyboard

    board = page.locator("section.storyboard")
    _tab_to(page, "section.storyboard input[type=radio]")
    keys.press("ArrowDown")  # the second choice, chosen as focus moves to it
    chosen = board.locator("input[type=radio]").nth(1)
    expect(chosen).to_be_checked()
    expect(board.locator("[data-frames]")).to_be_visible()
    expect(board.locator("[data-frames]")).to_be_focused()
    expect(board.locator("[data-live]")).to_contain_text("You expected: ")

    inquiry = page.locator("section.inquiry")
    _tab_to(page, "section.inquiry input[type=radio]")
    keys.press("Space")
    keys.press("ArrowDown")
    expect(inquiry.locator("input[value='1']")).to_be_checked()
    expect(inquiry.locator("[data-live]")).to_contain_text("That cue carries the first intuition.")
    _tab_to(page, "section.inquiry [data-all-feedback] > summary")
    keys.press("Enter")
    expect(inquiry.locator("[data-feedback='2']")).to_be_visible()

    practice = page.locator("section.practice")
    _tab_to(page, "section.practice textarea")
    keys.type("The curve slides left when b grows.")
    steps = practice.locator("[data-hint], [data-answer]")
    for index in range(4):  # three hints, then the answer: each is the next Tab stop once the last is open
        keys.press("Tab")
        expect(steps.nth(index).locator("summary")).to_be_focused()
        keys.press("Enter")
        expect(steps.nth(index).locator(".practice__revealed")).to_be_focused()
    expect(practice.locator("[data-answer] .practice__revealed")).to_contain_text("The boundary")
    for index in range(3):
        keys.press("Tab")
        keys.press("Space")
        expect(practice.locator("input[type=checkbox]").nth(index)).to_be_checked()

    room = page.locator("section.research-room")
    _tab_to(page, "section.research-room input[type=radio]")
    keys.press("ArrowDown")
    expect(room.get_by_label("Equation")).to_be_checked()
    keys.press("Tab")
    keys.type("Check the q - y gradient.")
    keys.press("Tab")
    keys.type("Derive it once by hand.")
    keys.press("Tab")
    expect(room.get_by_role("button", name="Export draft")).to_be_focused()
    with page.expect_download() as download:
        keys.press("Enter")
    path = tmp_path / "draft.json"
    download.value.save_as(path)
    draft = json.loads(path.read_text())
    assert (draft["object"], draft["note"], draft["next"]) == (
        "equation",
        "Check the q - y gradient.",
        "Derive it once by hand.",
    )
    _tab_to(page, "section.research-room [data-copy]")
    keys.press("Enter")
    expect(room.locator("[data-copy-status]")).to_have_text("Copied the prompt.")
    assert page.evaluate("navigator.clipboard.readText()") == room.locator("[data-prompt]").text_content()

    page.reload()
    expect(page.locator("section.storyboard input[type=radio]").nth(1)).to_be_checked()
    expect(page.locator("section.inquiry input[value='1']")).to_be_checked()
    expect(page.locator("section.practice textarea")).to_have_value("The curve slides left when b grows.")
    expect(page.locator("section.practice [data-answer]")).to_be_visible()
    expect(page.locator("section.practice input[type=checkbox]:checked")).to_have_count(3)
    expect(page.locator("section.research-room").get_by_label("Note")).to_have_value("Check the q - y gradient.")
