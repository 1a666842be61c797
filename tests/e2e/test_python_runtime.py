"""The site's own build of the runtime's Python files, in the browser: served by the site, checked, complete.

`make mirror` derives them from the pinned Pyodide (tools/python_runtime); the
core (pyodide.js, pyodide.asm.*) still comes from the CDN, answered by the mirror.
"""

import json
from pathlib import Path

from playwright.sync_api import expect

from hooks.runtime import lock
from pyscript_demo.demos.logistic_regression import model
from tests.e2e.demo_page import DEMO_MODULE, MODEL_FILE, PAGE, set_weights, wait_live, wait_state

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


# What can go wrong while Python starts, in the order a reader meets them below: (the requests it changes, how,
# what the status then says). The worker fetches these: only a context route sees its requests.
START_FAULTS = [
    (DERIVED + "python_stdlib.zip", _changed, "python_stdlib.zip: download failed or its integrity check did not pass"),
    (DERIVED + "pyodide-lock.json", _changed, "pyodide-lock.json: download failed or its integrity check did not pass"),
    # Pyodide checks numpy's wheel against the sha256 in its lock file: a tampered wheel never runs.
    ("**/numpy-*.whl", _not_the_wheel, "numpy"),
    # The demo's modules download while Pyodide starts; a host that lost one gets its name said.
    (DEMO_MODULE, _gone, f"Python could not start ({MODEL_FILE}: HTTP 404)"),
]


def test_each_fault_at_start_is_said_and_retry_starts_afresh(page, site):
    """A changed derived file, a wheel its lock file does not pin, a lost demo module: each stops Python's start
    and is said, the static page stays, and Retry starts again from the beginning: it meets the next fault
    (so the one before was fetched afresh), and once none is left the demo comes up."""
    for n, (url, fault, said) in enumerate(START_FAULTS):
        page.context.route(url, fault)
        if n == 0:
            page.goto(site + PAGE)
        else:
            page.click("[data-retry]")
        wait_state(page, "failed")
        status = page.locator("[data-status]")
        expect(status).to_contain_text("Python could not start")
        expect(status).to_contain_text(said)
        assert page.locator(".lr-figure circle.lr-dot").count() == 7
        page.context.unroute(url, fault)
    page.click("[data-retry]")
    wait_live(page)


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


def test_what_the_trims_left_out_is_fetched_on_first_import(page, site):
    """A demo that uses more than was traced still runs: the rest of the standard library and the rest of numpy
    (extension modules included) each arrive once, checked."""
    source = Path(model.__file__).read_text()
    seen = []
    _record(page.context, seen)
    # A top-level module and a module of a package whose other modules were kept (json); a part of numpy.
    extra = "import json.tool\nimport statistics\n\nassert statistics.mean([1, 2, 6]) == 3\n"
    patched = source + "\n" + extra + _left_out_numpy_import()
    page.context.route(DEMO_MODULE, lambda route: route.fulfill(body=patched))
    page.goto(site + PAGE)
    wait_live(page)
    set_weights(page, -2.0, 0.75)
    assert seen.count("python_stdlib_rest.zip") == 1
    assert seen.count("numpy_rest.zip") == 1


def test_a_changed_rest_of_numpy_is_refused_and_said(page, site):
    source = Path(model.__file__).read_text()
    page.context.route(DEMO_MODULE, lambda route: route.fulfill(body=source + "\n" + _left_out_numpy_import()))
    page.context.route(DERIVED + "numpy_rest.zip", _changed)
    page.goto(site + PAGE)
    wait_state(page, "failed")
    expect(page.locator("[data-status]")).to_contain_text("numpy_rest.zip does not match its sha256")
    assert page.locator(".lr-figure circle.lr-dot").count() == 7
