"""The bridge's state machine (pyscript_demo/demo.js) in real Chromium, against a stub worker (stub.py).

Queueing, Pause, Stop, Retry, a slow load and a worker that dies need no Python: the stub answers when told,
so each test runs in a second and shows exactly what the bridge sent, in what order. What depends on
Pyodide itself (numbers equal CPython's, a wheel's hash, a missing module) is tested with the real worker.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.demo_page import BIAS_EXACT, DEMO, PAGE, SLOPE, wait_state
from tests.e2e.stub import StubWorker

STATUS = "[data-status]"
SUMMARY = "[data-part=summary]"
LIVE = "Live: numpy is running in your browser and follows your changes."
STILL = "Python is still computing. You can stop it; your settings are kept."
NOT_READY = "Until it is ready, the figure and numbers below are the ones computed when this page was built."
WAITING = " Your changes so far will be applied as soon as it is ready."


def loading(step, stage_text):
    return f"Loading Python, step {step} of 3: {stage_text}. {NOT_READY}"


def open_page(page, site, **plan):
    stub = StubWorker(page, **plan)
    page.goto(site + PAGE)
    return stub


def test_changes_made_while_loading_are_queued_and_sent_in_order_once_ready(page, site):
    stub = open_page(page, site, load="hold")
    status = page.locator(STATUS)
    expect(status).to_have_text(loading(1, "stub stage 1"))
    expect(page.locator("[data-progress]")).to_have_js_property("value", 0)
    # Pressed from the keyboard: a click at its position could land elsewhere if the status above moves.
    page.press("button[data-action=step][data-value='60']", "Enter")
    expect(status).to_have_text("That needs Python, which is not ready yet.")
    page.fill(SLOPE, "-2")
    page.fill(SLOPE, "-2.5")  # consecutive moves of one control collapse into the last
    page.check("input[data-action=select][value='5']")
    expect(status).to_have_text(loading(1, "stub stage 1") + WAITING)
    expect(page.locator("[data-part=figure]")).to_have_attribute("data-stale", "")
    stub.tell({"do": "stage", "stage": 1})
    expect(status).to_have_text(loading(2, "stub stage 2") + WAITING)
    expect(page.locator("[data-progress]")).to_have_js_property("value", 1)
    stub.tell({"do": "ready"})
    expect(page.locator(SUMMARY)).to_have_text("view | set-slope -2.5 | select 5")
    expect(status).to_have_text(LIVE)
    stub.wait_calls(3)  # the stub's record of a call can trail the answer the page has applied
    assert stub.actions() == ["view", "set-slope -2.5", "select 5"]
    # A part Python answered for is fresh again; the stub answers only for the summary.
    expect(page.locator(SUMMARY)).not_to_have_attribute("data-stale", "")
    expect(page.locator("[data-part=figure]")).to_have_attribute("data-stale", "")
    expect(page.locator("[data-progress]")).to_be_hidden()
    assert page.input_value(SLOPE) == "-2.5"
    expect(page.locator("input[data-action=select][value='5']")).to_be_checked()


def test_reveal_waits_until_python_has_taken_the_prediction(page, site):
    stub = open_page(page, site, calls="hold")
    reveal = page.locator("button[data-action=reveal]")
    built = page.locator(SUMMARY).text_content()
    stub.tell({"do": "answer"})  # the first view
    # Live as soon as Python is ready; the view's answer lands just after.
    expect(page.locator(STATUS)).to_have_text(LIVE)
    page.check("input[data-action=select][value='3']")
    stub.wait_calls(2)  # sent once the view's answer is applied; held, so nothing else has changed the parts
    # It is the starting view, which the build rendered with the same code, so the parts are left as built
    # (the stub's answer is not).
    expect(page.locator(SUMMARY)).to_have_text(built)
    page.check("input[data-action=predict][value='lower']")
    expect(reveal).to_have_attribute("aria-disabled", "true")
    reveal.press("Enter")  # as a reader would: it is focusable and says why it does nothing yet
    expect(page.locator(STATUS)).to_have_text("Python is still taking in your last change.")
    stub.tell({"do": "answer"})
    stub.tell({"do": "answer"})
    expect(reveal).to_have_attribute("aria-disabled", "false")
    stub.wait_calls(3)
    assert stub.actions() == ["view", "select 3", "predict lower"]


def test_an_answer_does_not_undo_a_move_the_reader_made_since(page, site):
    stub = open_page(page, site, calls="hold")
    stub.tell({"do": "answer"})
    expect(page.locator(STATUS)).to_have_text(LIVE)
    slider = page.locator(SLOPE)
    step = float(slider.get_attribute("step"))
    start = float(slider.input_value())
    slider.focus()
    page.keyboard.press("ArrowRight")  # this move is sent to Python
    stub.wait_calls(2)  # sent on its own, once the first view is answered; the next two then collapse into one
    page.keyboard.press("ArrowRight")  # these two wait for its answer
    page.keyboard.press("ArrowRight")
    stub.tell({"do": "answer"})  # it answers for the first move
    stub.wait_calls(3)
    assert float(slider.input_value()) == pytest.approx(start + 3 * step)
    page.keyboard.press("ArrowRight")  # so the next key starts from where the reader is
    stub.tell({"do": "answer"})
    stub.tell({"do": "answer"})
    expect(page.locator(DEMO)).not_to_have_attribute("data-busy", "")
    stub.wait_calls(4)
    assert float(slider.input_value()) == pytest.approx(start + 4 * step)
    sent = [float(call["value"]) for call in stub.calls()[1:]]
    assert sent == pytest.approx([start + step, start + 3 * step, start + 4 * step])


def test_pause_lets_the_step_in_flight_land_and_queues_no_more(page, site):
    stub = open_page(page, site, calls="hold")
    stub.tell({"do": "answer"})
    expect(page.locator(STATUS)).to_have_text(LIVE)
    run = page.locator("[data-run]")
    run.click()
    expect(run).to_have_attribute("aria-pressed", "true")
    expect(run).to_have_text("Pause")
    stub.wait_calls(2)
    stub.tell({"do": "answer"})
    stub.wait_calls(3)
    run.click()  # Pause, while the second step is in flight
    expect(run).to_have_attribute("aria-pressed", "false")
    expect(run).to_have_text("Run")
    stub.tell({"do": "answer"})
    expect(page.locator(SUMMARY)).to_have_text("view | step 5 | step 5")
    expect(page.locator(DEMO)).not_to_have_attribute("data-busy", "")
    page.click("button[data-action=step][data-value='1']")  # the next call is the reader's, not the run's
    stub.wait_calls(4)
    assert stub.actions() == ["view", "step 5", "step 5", "step 1"]


def test_stop_restarts_python_and_applies_what_the_reader_did_meanwhile(page, site):
    stub = open_page(page, site, calls="hold")
    stub.tell({"do": "answer"})
    expect(page.locator(STATUS)).to_have_text(LIVE)
    run = page.locator("[data-run]")
    run.click()  # the run's step hangs
    stop = page.locator("[data-stop]")
    expect(stop).to_be_visible()  # after the bridge's 1.5 s of patience
    expect(page.locator(STATUS)).to_have_text(STILL)
    page.fill(SLOPE, "-3")
    page.fill(BIAS_EXACT, "1.5")
    page.check("input[data-action=select][value='4']")
    page.click("button[data-action=step][data-value='1']")
    expect(page.locator(STATUS)).to_have_text(STILL)  # it does not claim to be live
    stub.plan["calls"] = "answer"  # the restarted Python answers
    stop.click()
    # The state the bridge kept (the first view's) goes to the restarted Python with what the reader did.
    expect(page.locator(SUMMARY)).to_have_text("view | view | set-slope -3 | set-bias 1.5 | select 4 | step 1")
    expect(page.locator(STATUS)).to_have_text(LIVE)
    expect(stop).to_be_hidden()
    expect(run).to_have_attribute("aria-pressed", "false")
    assert stub.served == 2
    stub.wait_calls(7)
    # The first worker got the view and the run's step; the restarted one, what the reader did, the run dropped.
    assert stub.actions() == ["view", "step 5", "view", "set-slope -3", "set-bias 1.5", "select 4", "step 1"]
    assert float(page.input_value(SLOPE)) == -3 and float(page.input_value(BIAS_EXACT)) == 1.5


def test_a_python_error_is_shown_and_retry_restarts_python(page, site):
    stub = open_page(page, site, calls="hold")
    stub.tell({"do": "answer"})
    page.click("button[data-action=step][data-value='1']")
    stub.wait_calls(2)
    stub.tell({"do": "answer"})
    expect(page.locator(SUMMARY)).to_have_text("view | step 1")
    page.click("button[data-action=step][data-value='1']")
    stub.wait_calls(3)
    stub.tell({"do": "error", "message": "Traceback (most recent call last):\n  ...\nRuntimeError: the demo broke"})
    wait_state(page, "error")
    expect(page.locator(STATUS)).to_have_text(
        "The demo's Python raised an error: RuntimeError: the demo broke. "
        "The last good figure is shown; try again to restart Python."
    )
    expect(page.locator(SUMMARY)).to_have_text("view | step 1")  # the last good answer stays
    retry = page.locator("[data-retry]")
    expect(retry).to_be_visible()
    stub.plan["calls"] = "answer"
    retry.click()
    expect(page.locator(STATUS)).to_have_text(LIVE)
    expect(retry).to_be_hidden()
    assert stub.served == 2


@pytest.mark.parametrize("death", ["ends itself", "stopped by the browser"])
def test_a_worker_that_dies_mid_call_is_noticed_and_retry_keeps_the_readers_settings(page, site, death):
    """A dedicated worker that ends sends no message and fires no event: the bridge learns it from the Web
    Lock the worker held. The stub ends itself mid-call (as a crash), or the page terminates it (as a browser
    reclaiming it)."""
    stub = open_page(page, site, calls="hold")
    stub.tell({"do": "answer"})
    run = page.locator("[data-run]")
    run.click()
    stub.wait_calls(2)
    if death == "ends itself":
        stub.tell({"do": "close"})
    else:
        page.evaluate("window.conceptDemos.runtime.worker.terminate()")
    wait_state(page, "failed")
    expect(page.locator(STATUS)).to_have_text(
        "Python stopped (its worker stopped unexpectedly). The rest of the page works; the figure and numbers "
        "below are the last ones it computed. Try again to restart it; your settings are kept."
    )
    expect(page.locator("[data-retry]")).to_be_visible()
    expect(page.locator("[data-stop]")).to_be_hidden()
    expect(run).to_have_attribute("aria-pressed", "false")
    page.fill(SLOPE, "2.5")  # the reader goes on while Python is down
    expect(page.locator("[data-part=figure]")).to_have_attribute("data-stale", "")
    stub.plan["calls"] = "answer"
    page.click("[data-retry]")
    expect(page.locator(SUMMARY)).to_have_text("view | view | set-slope 2.5")  # from the last good state
    expect(page.locator(STATUS)).to_have_text(LIVE)
    stub.wait_calls(4)
    assert stub.actions()[2:] == ["view", "set-slope 2.5"]


def test_python_that_cannot_start_is_said_and_retry_starts_it(page, site):
    stub = open_page(page, site, load={"failed": "numpy: the download failed"})
    wait_state(page, "failed")
    expect(page.locator(STATUS)).to_have_text(
        "Python could not start (numpy: the download failed). The rest of the page works; the figure and "
        "numbers below are the ones computed when this page was built."
    )
    page.fill(SLOPE, "2")
    stub.plan["load"] = "ready"
    page.click("[data-retry]")
    expect(page.locator(SUMMARY)).to_have_text("view | set-slope 2")
    expect(page.locator(STATUS)).to_have_text(LIVE)


def test_a_slow_load_is_waited_for_stage_by_stage(page, site):
    """Nothing gives up on a slow network: after 65 s of page time the load is still waited for, and the
    status walks through the three stages in order."""
    page.clock.install()
    stub = open_page(page, site, load="hold")
    status = page.locator(STATUS)
    expect(status).to_have_text(loading(1, "stub stage 1"))
    page.clock.run_for(65_000)  # any timer the bridge set on the load has now fired
    expect(page.locator(DEMO)).to_have_attribute("data-state", "loading")
    expect(status).to_have_text(loading(1, "stub stage 1"))
    stub.tell({"do": "stage", "stage": 1})
    expect(status).to_have_text(loading(2, "stub stage 2"))
    page.clock.run_for(65_000)
    stub.tell({"do": "stage", "stage": 2})
    expect(status).to_have_text(loading(3, "stub stage 3"))
    expect(page.locator("[data-progress]")).to_have_js_property("value", 2)
    stub.tell({"do": "ready"})
    expect(status).to_have_text(LIVE)


def test_data_saver_starts_no_worker_until_the_reader_asks(page, site):
    page.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    stub = open_page(page, site)
    expect(page.locator(STATUS)).to_contain_text("Data saver is on")
    assert page.get_attribute(DEMO, "data-state") == "static"
    assert stub.served == 0
    page.click("[data-load]")
    expect(page.locator(STATUS)).to_have_text(LIVE)
    assert stub.served == 1


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_run_updates_once_a_second_with_reduced_motion_and_every_frame_otherwise(page, site, motion):
    """Counted in the page's own time (a fake clock), not the machine's: each update is one call."""
    page.emulate_media(reduced_motion=motion)
    page.clock.install()
    stub = open_page(page, site)
    expect(page.locator(STATUS)).to_have_text(LIVE)
    page.clock.pause_at(page.evaluate("Date.now()") + 10)  # the page's timers and frames wait for the test
    page.click("[data-run]")
    expect(page.locator(SUMMARY)).to_have_text("view | step 5")  # the run's first step landed: it waits
    page.clock.run_for(100)  # six frames, a tenth of a second
    if motion == "no-preference":
        stub.wait_calls(3)  # the next frame took the next step
        return
    page.wait_for_timeout(200)  # room for a step the bridge should not take
    assert len(stub.calls()) == 2
    page.clock.run_for(900)  # one second since the first step
    stub.wait_calls(3)
    expect(page.locator(SUMMARY)).to_have_text("view | step 5 | step 5")
