"""What a reader meets when things go wrong, in real Chromium with real Pyodide: a slow network, a
Python worker that dies mid-run, browser storage that fills up while they type, and a keyboard
instead of a mouse. Each time the page stays readable, says what happened, and loses nothing the
reader typed.
"""

import json
import re
import time

import numpy as np
import pytest
from playwright.sync_api import expect

from pyscript_demo import logreg
from tests.e2e.demo_page import (
    BIAS_EXACT,
    DEMO,
    DEMO_MODULE,
    ENDLESS_TRAIN,
    PAGE,
    SLOPE,
    assert_matches_cpython,
    demo_workers,
    replace_train,
    serve_demo_module,
    set_weights,
    wait_live,
    wait_weights,
    weights,
)
from tests.e2e.panels_page import use_practice_and_inquiry

STATUS = "[data-status]"
KEY = "learning-panels:concept:machine-learning/logistic-regression"
UNSAVED = "Nothing will be saved"
# How long the slow network holds each loading stage's downloads: two stages download, so the load takes at
# least 2 x 4.5 s of real time (on top of the 65 s of page time the test fast-forwards while the first is held).
HOLD_S = 4.5
# A state the page reaches within seconds when it works: failing fast beats waiting for LIVE_TIMEOUT_MS.
SOON_MS = 15_000


def _entries(page):
    """What the slope slider and the exact bias field show (the field may be reformatted, 1.25 as 1.2500)."""
    return float(page.input_value(SLOPE)), float(page.input_value(BIAS_EXACT))


def assert_readable(page):
    """The page as built stays: its typeset math, and the demo's figure with its seven points."""
    assert page.locator(".katex").count() > 40
    expect(page.locator(".lr-figure circle.lr-dot")).to_have_count(7)


# 1. A slow network ------------------------------------------------------------------------------------


class SlowNetwork:
    """Holds back every download matching `patterns` until the test lets it through (then served as usual).

    Each held request waits in Playwright's router; `release` passes it on to the `network` fixture's
    handler (the sha256-verified mirror, or the local server), as if the bytes had been slow to arrive.
    """

    def __init__(self, context, patterns):
        self.held = {}  # file name: (route, when it was held)
        for pattern in patterns:
            context.route(pattern, self._hold)

    def _hold(self, route):
        self.held[route.request.url.rsplit("/", 1)[-1]] = (route, time.monotonic())

    def wait_held(self, page, *prefixes, timeout_s=60):
        """Let the page run until a download starting with each prefix is being held."""
        deadline = time.monotonic() + timeout_s
        while not all(any(name.startswith(p) for name in self.held) for p in prefixes):
            assert page.get_attribute(DEMO, "data-state") == "loading", page.text_content(STATUS)
            assert time.monotonic() < deadline, f"never asked for {prefixes}; holding {list(self.held)}"
            page.wait_for_timeout(50)  # lets Playwright dispatch the routed requests

    def release(self, page, seconds):
        """Let every held download through once it has been held for `seconds`."""
        for name, (route, since) in list(self.held.items()):
            page.wait_for_timeout(max(0, since + seconds - time.monotonic()) * 1000)
            route.fallback()
            del self.held[name]


# Every (state, progress value or None while hidden, status text) the demo shows, in order, from the start.
RECORD_STATUS = """
addEventListener("DOMContentLoaded", () => {
  const section = document.querySelector("section.live-demo");
  if (!section) return;
  const seen = (window.__demoStatusSeen = []);
  const look = () => {
    const progress = section.querySelector("[data-progress]");
    const now = [section.dataset.state, progress.hidden ? null : progress.value,
                 section.querySelector("[data-status]").textContent];
    const last = seen[seen.length - 1];
    if (!last || last.some((value, i) => value !== now[i])) seen.push(now);
  };
  look();
  new MutationObserver(look).observe(section, {subtree: true, childList: true, characterData: true, attributes: true});
});
"""


def test_a_slow_runtime_download_is_waited_for_and_the_readers_changes_are_applied(page, context, site):
    """Every runtime file arrives seconds late: the status walks through the three loading stages in order,
    nothing gives up (not even after 65 s of page time: a load timeout under a minute is a bug), and the
    slider moved and the number typed while Python loaded are what the live demo shows.
    """
    slow = SlowNetwork(
        context,
        [
            "**/pyodide.asm.wasm",
            "**/python_stdlib.zip",  # stage 1: the runtime ...
            "**/pyscript_demo/demos/logistic_regression/demo.py",  # ... while the page's own Python downloads alongside
            "**/numpy-*.whl",  # stage 2: numpy
        ],
    )
    page.clock.install()  # the page's timers only: Pyodide's worker keeps real time
    page.add_init_script(RECORD_STATUS)
    page.goto(site + PAGE)
    status = page.locator(STATUS)

    slow.wait_held(page, "pyodide.asm.wasm", "python_stdlib.zip", "demo.py")
    expect(status).to_contain_text("Loading Python, step 1 of 3: downloading and starting the Python runtime")
    expect(page.locator("[data-progress]")).to_have_js_property("value", 0)
    page.fill(SLOPE, "-2.5")  # the reader moves the slider ...
    page.fill(BIAS_EXACT, "1.25")  # ... and types an exact bias while Python loads
    expect(status).to_contain_text("Your changes so far will be applied as soon as it is ready.")
    expect(page.locator("[data-part=figure]")).to_have_attribute("data-stale", "")
    assert_readable(page)
    page.clock.run_for(65_000)  # any timer demo.js set on the load has now fired
    expect(page.locator(DEMO)).to_have_attribute("data-state", "loading")
    expect(status).to_contain_text("step 1 of 3")
    slow.release(page, HOLD_S)

    slow.wait_held(page, "numpy-")
    expect(status).to_contain_text("Loading Python, step 2 of 3: downloading numpy")
    expect(page.locator("[data-progress]")).to_have_js_property("value", 1)
    slow.release(page, HOLD_S)

    wait_live(page)
    wait_weights(page, -2.5, 1.25)
    assert _entries(page) == (-2.5, 1.25)
    assert_matches_cpython(page)

    seen = page.evaluate("window.__demoStatusSeen")
    states = [state for state, _, _ in seen]
    assert states[-1] == "live" and set(states[:-1]) <= {"static", "loading"}, states
    steps = [int(m[1]) for _, _, text in seen if (m := re.search(r"step (\d) of 3", text))]
    assert steps == sorted(steps) and set(steps) == {1, 2, 3}, steps
    values = [value for _, value, _ in seen if value is not None]
    assert values == sorted(values) and set(values) == {0, 1, 2}, values


# 2. A Python worker that dies -------------------------------------------------------------------------

ENDS_ITSELF_MID_RUN = '''
def train(state, count):
    """The listing's training, until the worker ends itself mid-run without a word, as a crash would."""
    if state.steps >= 20:
        import js

        js.close()  # js is the worker's global scope: it ends when this call returns, its answer unsent
    return _train(state, count)
'''


def _serve_dying_train(page):
    def patch(source):
        return source.replace("def train(state, count):", "def _train(state, count):") + ENDS_ITSELF_MID_RUN

    serve_demo_module(page, patch)


@pytest.mark.parametrize("death", ["ends itself", "stopped by the browser"])
def test_a_worker_that_dies_mid_run_is_noticed_and_retry_keeps_the_readers_settings(page, site, death):
    """A dedicated worker that ends sends no message and fires no event, so a bridge that only waits for
    an answer waits forever (before the fix, it said "Python is still computing" with a Stop button). Two
    genuine deaths, neither announced: the demo's own Python ends its worker mid-run (`js.close()` in
    `train`: the worker is gone between one step and the next and that step's answer is never sent, as
    when a worker crashes); and the worker is ended from outside while it computes (`terminate()`, as a
    browser ends a worker it reclaims). Aborting the wasm instead (`os.abort()`) does not kill anything:
    Pyodide turns it into a Python error, which the error path already covers. The page must say Python
    stopped and offer Retry, keep the last good figure, keep what the reader sets while it is down, and
    apply it after Retry.
    """
    if death == "ends itself":
        _serve_dying_train(page)
    page.goto(site + PAGE)
    wait_live(page)
    set_weights(page, -1.0, 0.5)
    run = page.locator("[data-run]")
    run.click()
    expect(run).to_have_attribute("aria-pressed", "true")
    page.wait_for_function("() => Number(document.querySelector('.demo-steps').textContent) >= 20")
    if death == "stopped by the browser":
        page.evaluate("window.conceptDemos.runtime.worker.terminate()")

    expect(page.locator(DEMO)).to_have_attribute("data-state", "failed", timeout=SOON_MS)
    expect(page.locator(STATUS)).to_contain_text("Python stopped")
    expect(page.locator(STATUS)).to_contain_text("your settings are kept")
    expect(page.locator("[data-retry]")).to_be_visible()
    expect(page.locator("[data-stop]")).to_be_hidden()
    expect(run).to_have_attribute("aria-pressed", "false")
    # The last good figure: the numbers of the last step that landed, from the reader's weights.
    assert_readable(page)
    steps = int(page.text_content(".demo-steps"))
    assert steps >= 20
    slope = float(page.get_attribute(".demo-slope", "data-value"))
    bias = float(page.get_attribute(".demo-bias", "data-value"))
    np.testing.assert_allclose([bias, slope], logreg.train(np.array([0.5, -1.0]), steps=steps), rtol=0, atol=1e-9)
    assert_matches_cpython(page)

    page.fill(SLOPE, "2.5")  # the reader goes on while Python is down
    page.fill(BIAS_EXACT, "-1.25")
    expect(page.locator("[data-part=figure]")).to_have_attribute("data-stale", "")
    if death == "ends itself":
        page.unroute(DEMO_MODULE)
    page.click("[data-retry]")
    wait_live(page)
    wait_weights(page, 2.5, -1.25)
    assert _entries(page) == (2.5, -1.25)
    assert page.text_content(".demo-steps") == str(steps)
    assert_matches_cpython(page)
    assert len(demo_workers(page)) == 1
    page.click("button[data-action=step][data-value='1']")  # the new worker computes
    expect(page.locator(".demo-steps")).to_have_text(str(steps + 1))


def _hang_python(page, site):
    """Open the live demo with a `train` that never returns, ask for 60 steps; the Stop button it offers."""
    replace_train(page, ENDLESS_TRAIN)
    page.goto(site + PAGE)
    wait_live(page)
    page.click("button[data-action=step][data-value='60']")
    stop = page.locator("[data-stop]")
    expect(stop).to_be_visible(timeout=SOON_MS)
    return stop


def test_changes_made_while_python_hangs_are_kept_through_stop(page, site):
    """Python hangs; the page offers Stop and keeps saying so while the reader moves the slider and types
    (it does not claim to be live), and what they set meanwhile is applied once Stop has restarted Python.
    """
    stop = _hang_python(page, site)
    still = "Python is still computing. You can stop it; your settings are kept."
    expect(page.locator(STATUS)).to_have_text(still)
    page.fill(SLOPE, "-3")
    page.fill(BIAS_EXACT, "1.5")
    page.check("input[data-action=select][value='4']")
    expect(page.locator(STATUS)).to_have_text(still)
    stop.click()
    wait_live(page)
    wait_weights(page, -3, 1.5)
    expect(page.locator("input[data-action=select][value='4']")).to_be_checked()
    expect(page.locator("[data-reveal]")).to_contain_text("Point 5")
    assert _entries(page) == (-3, 1.5)
    assert_matches_cpython(page)


def test_a_step_asked_for_while_python_hangs_is_taken_after_stop(page, site):
    """Stop drops what Python was computing and the Run loop's own steps, not a step the reader asked for
    meanwhile: the restarted Python (with the real training, the hang gone) computes it."""
    stop = _hang_python(page, site)
    page.click("button[data-action=step][data-value='1']")
    page.unroute(DEMO_MODULE)
    stop.click()
    wait_live(page)
    expect(page.locator(".demo-steps")).to_have_text("1")
    slope, bias = weights(page)
    np.testing.assert_allclose([bias, slope], logreg.train(logreg.w_start, steps=1), rtol=0, atol=1e-12)


# 3. Storage that fills up while the reader types ------------------------------------------------------

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


def test_storage_that_fills_up_mid_session_is_said_and_nothing_typed_is_lost(page, site, tmp_path):
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


# 4. The keyboard alone --------------------------------------------------------------------------------

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


def test_tab_reaches_every_control_of_the_article_in_order_and_each_has_a_name(walked):
    """From the top of the page (the skip link first, then the header and the site navigation), Tab stops
    once at every control of the article in document order: the demo's, each panel's, the code's copy
    buttons, the links. Each has an accessible name, and Shift+Tab goes the same way back."""
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


def test_focus_is_visible_on_every_stop(walked):
    _, forward, backward = walked
    hidden = sorted({stop for stop, _, shown in forward + backward if not shown})
    assert not hidden, f"focus is not visible on: {hidden}"


def _tab_to(page, selector, limit=150):
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_every_learning_panel_is_answered_by_keyboard_alone(page, site, context, tmp_path):
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
