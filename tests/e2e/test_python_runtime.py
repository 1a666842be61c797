"""The site's own build of the runtime's Python files, in the browser: served by the site, checked, complete.

`make mirror` derives them from the pinned Pyodide (tools/python_runtime); the
core (pyodide.js, pyodide.asm.*) still comes from the CDN, answered by the mirror.
"""

import json
from pathlib import Path

from playwright.sync_api import expect

from hooks.runtime import lock
from pyscript_demo.demos.logistic_regression import model
from tests.e2e.demo_page import DEMO_MODULE, MODEL_FILE, PAGE, set_weights, wait_live, wait_state, with_train

DERIVED = "**/runtime/python-*/"


def _record(context, seen):
    def note(route):
        seen.append(route.request.url.rsplit("/", 1)[-1])
        route.fallback()

    context.route(DERIVED + "*", note)


def test_the_demo_runs_on_the_derived_files_from_the_site(page, site, network):
    seen = []
    _record(page.context, seen)
    page.goto(site + PAGE)
    wait_live(page)
    set_weights(page, 1.5, -0.5)  # every number equals CPython's
    assert {"python_stdlib.zip", "pyodide-lock.json"} <= set(seen)
    assert any(name.startswith("numpy-") and name.endswith(".whl") for name in seen)
    # The trace covered everything the demo imports: the rest of the library was never needed.
    assert "python_stdlib_rest.zip" not in seen and "numpy_rest.zip" not in seen
    core = {url.rsplit("/", 1)[-1] for url in network.served}
    assert "pyodide.asm.wasm" in core
    assert not core & {"python_stdlib.zip", "pyodide-lock.json"}, "the plain runtime's files were loaded too"


def _changed(route):
    """The file as served, its last byte flipped."""
    body = route.fetch().body()
    route.fulfill(body=body[:-1] + bytes([body[-1] ^ 1]), headers={"Content-Type": "application/octet-stream"})


def _not_the_wheel(route):
    route.fulfill(
        body=b"not the wheel the lock file pins",
        headers={"Access-Control-Allow-Origin": "*", "Content-Type": "application/octet-stream"},
    )


def _gone(route):
    route.fulfill(status=404, body="gone")


def _needing_the_rest_of_numpy(route):
    route.fulfill(body=Path(model.__file__).read_text() + "\n" + _left_out_numpy_import())


# What can go wrong while Python starts, in the order a reader meets them below: (the requests it changes and
# how, what the status then says). The worker fetches these: only a context route sees its requests.
START_FAULTS = [
    (
        [(DERIVED + "python_stdlib.zip", _changed)],
        "python_stdlib.zip: download failed or its integrity check did not pass",
    ),
    (
        [(DERIVED + "pyodide-lock.json", _changed)],
        "pyodide-lock.json: download failed or its integrity check did not pass",
    ),
    # Pyodide checks numpy's wheel against the sha256 in its lock file: a tampered wheel never runs.
    ([("**/numpy-*.whl", _not_the_wheel)], "numpy"),
    # The demo's modules download while Pyodide starts; a host that lost one gets its name said.
    ([(DEMO_MODULE, _gone)], f"Python could not start ({MODEL_FILE}: HTTP 404)"),
    # A demo importing a part of numpy the derived wheel left out fetches the rest of numpy, checked.
    (
        [(DEMO_MODULE, _needing_the_rest_of_numpy), (DERIVED + "numpy_rest.zip", _changed)],
        "numpy_rest.zip does not match its sha256",
    ),
]
BROKEN_TRAIN = "def train(state, count):\n    raise RuntimeError('the demo broke')\n"


def _left_out_numpy_import():
    """Code that imports a numpy subpackage the derived wheel left out, one with an extension module if the
    demos leave such a one out, and checks what it computes."""
    left_out = json.loads(lock.stamp(lock.DERIVED).read_text())["numpy_left_out"]
    assert left_out, "the demos use every numpy subpackage: the wheel leaves nothing out to fetch"
    if "numpy.fft" in left_out:
        # The discrete Fourier transform of [1, 2, 3, 4], by its definition: [10, -2 + 2i, -2, -2 - 2i].
        return "import numpy.fft\nassert numpy.allclose(numpy.fft.fft([1, 2, 3, 4]), [10, -2 + 2j, -2, -2 - 2j])\n"
    if "numpy.random" in left_out:
        return "import numpy.random\nassert 0 <= numpy.random.default_rng(7).random() < 1\n"
    return f"import {left_out[0]}\n"


def test_each_fault_at_start_is_said_then_a_demo_needing_more_runs_and_its_exception_is_contained(page, site):
    """One reader's visit, one cold start of Python for each step (each costs seconds, so they share a page).

    A changed derived file, a wheel its lock file does not pin, a lost demo module, a changed rest of numpy:
    each stops Python's start and is said, the static page stays, and Retry starts again from the beginning:
    it meets the next fault, so the one before was fetched afresh. Once none is left, a demo that uses more
    than the trims kept still runs: the rest of the standard library and the rest of numpy (extension modules
    included) each arrive once, checked, and the numbers are CPython's. Then the demo's own Python raises:
    the error is said, the last good figure stays, and Retry is offered."""
    dots = page.locator(".lr-figure circle.lr-dot")
    status = page.locator("[data-status]")
    for n, (routes, said) in enumerate(START_FAULTS):
        for url, fault in routes:
            page.context.route(url, fault)
        if n == 0:
            page.goto(site + PAGE)
        else:
            page.click("[data-retry]")
        wait_state(page, "failed")
        expect(status).to_contain_text("Python could not start")
        expect(status).to_contain_text(said)
        assert dots.count() == 7
        for url, fault in routes:
            page.context.unroute(url, fault)
    seen = []
    _record(page.context, seen)
    # A top-level module and a module of a package whose other modules were kept (json); a part of numpy.
    extra = "import json.tool\nimport statistics\n\nassert statistics.mean([1, 2, 6]) == 3\n"
    patched = with_train(Path(model.__file__).read_text(), BROKEN_TRAIN) + "\n" + extra + _left_out_numpy_import()
    page.context.route(DEMO_MODULE, lambda route: route.fulfill(body=patched))
    page.click("[data-retry]")
    wait_live(page)
    set_weights(page, -2.0, 0.75)
    assert seen.count("python_stdlib_rest.zip") == 1
    assert seen.count("numpy_rest.zip") == 1
    page.click("button[data-action=step][data-value='1']")
    wait_state(page, "error")
    # The last line of Python's traceback, as the reader should see it (Retry: tests/e2e/test_bridge.py).
    expect(status).to_have_text(
        "The demo's Python raised an error: RuntimeError: the demo broke. "
        "The last good figure is shown; try again to restart Python."
    )
    expect(page.locator("[data-retry]")).to_be_visible()
    assert dots.count() == 7
