"""Every demo there is, held to the kit's contract in CPython: found by discovery, never listed here."""

import json
import re
from dataclasses import fields
from html import escape

import pytest

from hooks.demo import checks, discovery, packages
from pyscript_demo.kit.controls import Choice, action_name

NAMES = discovery.names()


@pytest.fixture(params=NAMES)
def demo(request):
    return discovery.load(request.param)


def start(demo):
    """The browser's first message: show the starting state."""
    return json.loads(demo.handle(json.dumps({"state": demo.state_to_json(demo.initial), "action": "view"})))


def test_there_is_a_demo_and_each_name_is_a_folder():
    assert "logistic-regression" in NAMES
    for name in NAMES:
        assert discovery.folder(name).joinpath("demo.py").is_file()


def test_static_html_is_what_handle_renders_for_the_initial_state(demo):
    static, answer = demo.static_html("x"), start(demo)
    regions = re.findall(r'data-part="([^"]+)"', static)
    assert sorted(regions) == sorted(answer["parts"]), "every region has a renderer and every renderer a region"
    for name, markup in answer["parts"].items():
        tag_end = static.index(">", static.index(f'data-part="{name}"')) + 1
        expected = (
            escape(markup, quote=False) if "data-text" in static[static.rindex("<", 0, tag_end) : tag_end] else markup
        )
        assert static[tag_end:].startswith(expected), name
    for key, value in answer["controls"].items():
        assert f'data-control="{key}"' in static
        assert f'value="{escape(value)}"' in static or value == ""


def test_every_action_on_the_page_has_a_handler(demo):
    static = demo.static_html("x")
    used = set(re.findall(r'data-(?:action|run)="([^"]+)"', static))
    assert used, "a demo with no control is a figure: use a listing"
    assert used <= set(demo.actions), used - set(demo.actions)
    for key in re.findall(r'data-enabled="([^"]+)"', static):
        assert key in start(demo)["enabled"]
    # A mark that chooses (`plot.points(choose=KEY)`) picks an option of the Choice that shows KEY.
    choices = {control.key for control in demo.controls if isinstance(control, Choice)}
    assert set(re.findall(r'data-choose="([^"]+)"', static)) <= choices


def _values(control):
    """A few values a reader can send with a control, as the browser sends them (strings)."""
    if hasattr(control, "options"):
        return [str(value) for value, _ in control.options]
    if hasattr(control, "min") and control.min is not None:
        return [str(control.min), str(control.max)]
    return [None if getattr(control, "value", None) is None else str(control.value)]


def test_every_control_acts_and_the_state_survives_json(demo):
    state = demo.initial
    for control in demo.controls:
        for value in _values(control):
            if getattr(control, "enabled", None) and not control.enabled(state):
                continue  # the page does not let the reader press it now
            message = {"state": demo.state_to_json(state), "action": action_name(control.action), "value": value}
            answer = json.loads(demo.handle(json.dumps(message)))
            state = demo.state_from_json(json.loads(json.dumps(answer["state"])))
            assert demo.state_to_json(state) == answer["state"]
            assert {f.name for f in fields(state)} == set(answer["state"])


def test_every_module_a_demo_needs_can_be_shipped(demo):
    name = next(n for n in NAMES if discovery.load(n) is demo)
    pyodide = packages.pyodide()
    assert pyodide is not None, "the tests run on the verified mirror: `make mirror`"
    shipment = checks.prepare(name, pyodide)
    assert shipment.demo is demo
    assert f"pyscript_demo/demos/{name.replace('-', '_')}/demo.py" in shipment.files
    assert "pyscript_demo/kit/demo.py" in shipment.files
