"""The bridge's protocol in one place: a stub worker served in place of pyscript_demo/worker.js.

Tests of the bridge's state machine (queueing, Pause, Stop, Retry, a slow load, a worker that dies) need
no Python: the stub answers in milliseconds, and when the test says so. Its JavaScript is stub_worker.js.
"""

import json
from pathlib import Path

from playwright.sync_api import Page, Route

SCRIPT = (Path(__file__).with_name("stub_worker.js")).read_text()
WORKER = "**/pyscript_demo/worker.js"
# The Logistic Regression demo's actions that set a field of its state: the stub's answers carry them back,
# as Python's do, so the controls keep what the reader set.
FIELDS = {"set-slope": "slope", "set-bias": "bias", "select": "selected", "predict": "prediction"}
# The page keeps one end of the channel: what the stub received, and the way to tell it what to do.
CHANNEL = """
window.__stub = { channel: new BroadcastChannel("stub-worker"), received: [] };
window.__stub.channel.onmessage = ({ data }) => window.__stub.received.push(data);
"""


class StubWorker:
    """Serves the stub as the demo's worker to every page of `page`'s context, with a plan the test may change
    before each (re)start: `load` is "ready", "hold" or {"failed": text}; `calls` is "answer" or "hold"."""

    def __init__(self, page: Page, load: str | dict = "ready", calls: str = "answer") -> None:
        self.page = page
        self.plan = {"load": load, "calls": calls, "fields": FIELDS}
        self.served = 0  # workers started
        page.context.route(WORKER, self._serve)
        page.add_init_script(CHANNEL)

    def _serve(self, route: Route) -> None:
        self.served += 1
        body = f"const PLAN = {json.dumps(self.plan)};\n{SCRIPT}"
        route.fulfill(body=body, headers={"Content-Type": "text/javascript"})

    def tell(self, command: dict) -> None:
        """A command for the latest stub (see stub_worker.js), once it has been asked to load the demo: a
        command posted before then would reach no one, or no demo.

        At least one stub: the page may start its worker after `goto` returns, before this side has seen the
        worker's script served, and a command posted then would be lost."""
        started = "n => window.__stub.received.filter(r => r.received === 'load').length >= n"
        self.page.wait_for_function(started, arg=max(self.served, 1))
        self.page.evaluate("command => window.__stub.channel.postMessage(command)", command)

    def wait_calls(self, count: int) -> None:
        """Wait until the stubs have received `count` calls in all."""
        received = "n => window.__stub.received.filter(r => r.received === 'call').length >= n"
        self.page.wait_for_function(received, arg=count)

    def calls(self) -> list[dict]:
        """The demo's calls the stub received, in order: each the JSON the bridge sent, decoded."""
        received = self.page.evaluate("window.__stub.received")
        return [json.loads(r["message"]) for r in received if r["received"] == "call"]

    def actions(self) -> list[str]:
        """Each call's action (and value), in the order the stub received them."""
        return [c["action"] if c.get("value") is None else f"{c['action']} {c['value']}" for c in self.calls()]
