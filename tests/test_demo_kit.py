"""The demo kit, and the build's reading of a demo's imports and packages, on small demos written here."""

import json
import logging
import re
import shutil
import sys
import xml.etree.ElementTree as etree
from colorsys import hls_to_rgb
from dataclasses import dataclass, replace

import pytest

import pyscript_demo.demos
from hooks.authoring.errors import Mistake
from hooks.demo import modules, packages
from hooks.demo.packages import Use
from hooks.runtime import lock
from pyscript_demo import kit
from tests import harness
from tests.conftest import ROOT


@dataclass(frozen=True)
class Counter:
    count: int = 0
    rate: float = 1.0
    mode: str | None = None


def bump(state, by):
    if state.count + by >= 3:
        return kit.done(replace(state, count=3))
    return replace(state, count=state.count + by)


def set_rate(state, value):
    return replace(state, rate=value)


def choose(state, mode):
    return replace(state, mode=mode)


def clear(state):
    return Counter()


def chart(state):
    plot = kit.Plot((0, 3), (0, 1), cls="counter")
    plot.axes(x_ticks=[0, 3], y_ticks=[0, 1], x_label="count <x>")
    plot.points([state.count], [0.5], titles=["the <count>"], choose="mode")
    plot.bars([1, 2], [0.5, 1], 0.5)
    plot.legend([("a & b", "kit-swatch")])
    plot.cells([[1, 2], [3, 4]], ["r1", "r2"], ["c1", "c2"])
    table = kit.Table("Counts", ["what", "value"], [["count", kit.num(state.count, 0, "n")]])
    return plot.chart("A <counter>", f"count = {state.count}", table)


DEMO = kit.Demo(
    title="Counter",
    initial=Counter(),
    layout=[
        kit.Figure("chart", chart),
        kit.Number("rate", "Rate", set_rate, min=0, max=5),
        kit.Choice("mode", "Mode", choose, [("a", "A"), ("b", "B")]),
        kit.Row(
            kit.Button("Bump", bump, 1),
            kit.Button("Clear", clear, enabled=lambda s: s.count > 0, why="Bump first."),
            kit.Run(bump, 1),
        ),
        kit.Text("said", lambda s: f"count < {s.count}"),
    ],
    packages=(),
)


def ask(state, action, value=None):
    return json.loads(DEMO.handle(json.dumps({"state": DEMO.state_to_json(state), "action": action, "value": value})))


def test_actions_are_dispatched_with_their_values_coerced():
    answer = ask(Counter(), "set-rate", "2")
    assert answer["state"]["rate"] == 2.0 and answer["controls"]["rate"] == "2.0000"
    assert ask(Counter(), "choose", "b")["controls"]["mode"] == "b"
    with pytest.raises(ValueError):
        ask(Counter(), "choose", "z")
    with pytest.raises(ValueError):
        ask(Counter(), "fly")


def test_an_action_ends_a_run_by_returning_done():
    assert ask(Counter(), "bump", "1")["done"] is False
    finished = ask(Counter(count=2), "bump", "1")
    assert finished["done"] is True and finished["state"]["count"] == 3


def test_enabled_rules_are_the_demos():
    assert ask(Counter(), "view")["enabled"] == {"clear": False}
    assert ask(Counter(), "bump", "1")["enabled"] == {"clear": True}
    assert 'data-enabled="clear" data-why="Bump first."' in DEMO.static_html("c")


def test_json_numbers_get_their_field_types_back():
    state = DEMO.state_from_json({"count": 2.0, "rate": 5, "mode": None})
    assert state == Counter(count=2, rate=5.0) and isinstance(state.rate, float) and isinstance(state.count, int)


def test_text_and_attributes_are_escaped_once():
    answer = ask(Counter(), "view")
    assert "A &lt;counter&gt;" in answer["parts"]["chart"] and "<counter>" not in answer["parts"]["chart"]
    assert "the &lt;count&gt;" in answer["parts"]["chart"] and "a &amp; b" in answer["parts"]["chart"]
    assert answer["parts"]["said"] == "count < 0"  # text parts are set as text by the bridge
    assert "count &lt; 0" in DEMO.static_html("c")
    assert 'data-choose="mode" data-value="0"' in answer["parts"]["chart"]
    assert '<td class="n" data-value="0.0">0</td>' in answer["parts"]["chart.table"]


@pytest.mark.parametrize("write", ["html", "svg"])
def test_markup_is_what_the_standard_serialiser_writes(write):
    # The kit's own walk must agree with xml.etree's: void and empty elements, nesting, tails, escaping.
    root = kit.markup.element("div", {"class": 'a "b"', "hidden": True, "data-n": 1.5})
    kit.markup.element("input", {"type": "range", "value": 2}, parent=root)
    kit.markup.element("span", {}, "x < y & z", parent=root).tail = " then <b>"
    kit.markup.element("g", {}, parent=kit.markup.element("svg", {"viewBox": "0 0 1 1"}, parent=root))
    standard = etree.tostring(root, encoding="unicode", method="html" if write == "html" else "xml")
    assert getattr(kit.markup, write)(root) == standard


def test_a_demo_without_a_run_or_sliders_renders():
    bare = kit.Demo("Bare", Counter(), [kit.Part("p", lambda s: "<p>x</p>"), kit.Button("Bump", bump, 1)])
    assert 'data-part="p"><p>x</p>' in bare.static_html("b") and "data-run" not in bare.static_html("b")


def _write(tmp_path, files):
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)


@pytest.fixture
def package(tmp_path, monkeypatch):
    """Files written under tmp_path/pyscript_demo/ are modules and demos of pyscript_demo, as a project's are."""
    before = set(sys.modules)
    monkeypatch.setattr(pyscript_demo, "__path__", [*pyscript_demo.__path__, str(tmp_path / "pyscript_demo")])
    demos = [*pyscript_demo.demos.__path__, str(tmp_path / "pyscript_demo" / "demos")]
    monkeypatch.setattr(pyscript_demo.demos, "__path__", demos)
    yield lambda files: _write(tmp_path, files)
    for name in set(sys.modules) - before:
        if name.startswith("pyscript_demo."):
            del sys.modules[name]


def test_every_import_form_is_followed(package):
    package(
        {
            "pyscript_demo/a.py": "import json\nimport numpy as np\n",
            "pyscript_demo/b.py": "",
            "pyscript_demo/c.py": "x = 1\n",
            "pyscript_demo/d.py": "try:\n    import zlib as y\nexcept ImportError:\n    y = None\n",
            "pyscript_demo/e.py": "",
            "pyscript_demo/g.py": "",
            "pyscript_demo/h.py": "from pyscript_demo.b import *\n",
            "pyscript_demo/sub/__init__.py": "",
            "pyscript_demo/sub/f.py": "",
            "pyscript_demo/demos/x/demo.py": (
                "import pyscript_demo.a\nfrom pyscript_demo import b\nfrom pyscript_demo.c import x\n"
                "from . import helper\nfrom .helper import z\nfrom ... import e\nfrom ...sub import f\n"
                "from pyscript_demo.d import y\nfrom pyscript_demo.h import anything\n"
                "import importlib\nfrom importlib import import_module as load\n"
                'importlib.import_module("pyscript_demo.g")\nload(".other", __package__)\n'
                '__import__("pyscript_demo.least_squares")\n'
            ),
            "pyscript_demo/demos/x/helper.py": "z = 1\n",
            "pyscript_demo/demos/x/other.py": "",
        }
    )
    found = modules.needs("pyscript_demo.demos.x.demo")
    assert found.files == sorted(
        f"pyscript_demo/{p}"
        for p in [
            "__init__.py",
            "a.py",
            "b.py",
            "c.py",
            "d.py",
            "e.py",
            "g.py",
            "h.py",
            "least_squares.py",
            "sub/__init__.py",
            "sub/f.py",
            "demos/__init__.py",
            "demos/x/demo.py",
            "demos/x/helper.py",
            "demos/x/other.py",
        ]
    )
    assert {(use.module, use.where) for use in found.uses} == {
        ("json", "pyscript_demo/a.py:1"),
        ("numpy", "pyscript_demo/a.py:2"),
        ("zlib", "pyscript_demo/d.py:2"),
        ("importlib", "pyscript_demo/demos/x/demo.py:10"),
    }


@pytest.mark.parametrize(
    "source, named",
    [
        ("from .missing import z\n", "imports pyscript_demo.demos.x.missing, which is no module"),
        ("import pyscript_demo.nope\n", "imports pyscript_demo.nope, which is no module"),
        ("from pyscript_demo.kit import Slidr\n", "imports Slidr from pyscript_demo.kit, which has no module or name"),
        ("from .... import e\n", "imports ...., which reaches above pyscript_demo/"),
        ("import importlib\nimportlib.import_module(f'pyscript_demo.{1}')\n", "named by an expression"),
        ("from importlib import import_module\nimport_module('.b', package=None)\n", "named by an expression"),
    ],
)
def test_an_import_the_browser_cannot_follow_stops_the_build(package, source, named):
    package({"pyscript_demo/demos/x/demo.py": source})
    with pytest.raises(Mistake, match=re.escape(named)) as err:
        modules.needs("pyscript_demo.demos.x.demo")
    assert err.value.problem.startswith("pyscript_demo/demos/x/demo.py:")


PYODIDE = packages.pyodide()


def test_the_build_reads_pyodides_packages_from_the_verified_mirror():
    assert PYODIDE is not None, "the tests run on the verified mirror: `make mirror`"
    assert PYODIDE.version == lock.pins()["pyodide"]["version"]


@pytest.mark.parametrize(
    "declared, meant",
    [("yaml", "'pyyaml' (it provides the module yaml)"), ("Scikit_Learn", "'scikit-learn'"), ("nump", "'numpy'?")],
)
def test_a_declared_name_that_is_not_pyodides_names_the_one_meant(declared, meant):
    with pytest.raises(Mistake, match=re.escape(meant)):
        PYODIDE.check_declared(("numpy", declared), "demo.py:1")


def test_a_declared_package_brings_what_it_depends_on():
    # scikit-learn depends on scipy, scipy on numpy (Pyodide's lock file): loading the one loads the others.
    uses = [Use("sklearn", "a"), Use("scipy", "b"), Use("numpy", "c"), Use("json", "d")]
    PYODIDE.check_uses(uses, ("scikit-learn",))
    with pytest.raises(Mistake, match="imports scipy, which the browser has only from Pyodide's package 'scipy'"):
        PYODIDE.check_uses(uses[1:], ("numpy",))


def test_a_module_pyodide_ships_apart_from_its_standard_library_must_be_declared():
    with pytest.raises(Mistake, match="Pyodide's package 'sqlite3'"):
        PYODIDE.check_uses([Use("sqlite3", "a")], ("numpy",))
    PYODIDE.check_uses([Use("sqlite3", "a")], ("sqlite3",))


DEMO_PAGE = {"page.md": "# Demo\n\n/// demo | y\n///\n"}


def _demo(first):
    return (
        first + "from dataclasses import dataclass\n\nfrom pyscript_demo import kit\n\n\n"
        "@dataclass(frozen=True)\nclass State:\n    n: int = 0\n\n\ndef go(state):\n    return state\n\n\n"
        'demo = kit.Demo("Y", State(), [kit.Part("p", lambda s: "<p>y</p>"), kit.Button("Go", go)],'
        ' packages=["numpy", "pyyaml"])\n'
    )


def test_a_demo_ships_the_modules_it_imports_by_name_and_loads_the_packages_it_declares(package, tmp_path):
    source = _demo('import importlib\n\nimport yaml\n\nls = importlib.import_module("pyscript_demo.least_squares")\n')
    html = harness.convert(tmp_path, DEMO_PAGE, files={"pyscript_demo/demos/y/demo.py": source})["page.md"]
    assert 'data-packages="numpy pyyaml"' in html
    shipped = re.search(r'data-modules="([^"]*)"', html).group(1).split()
    assert "pyscript_demo/least_squares.py" in shipped and "pyscript_demo/demos/y/demo.py" in shipped


def test_without_pyodides_lock_file_the_build_says_what_it_does_not_check(package, tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(lock, "MIRROR", tmp_path / "no-mirror")
    caplog.set_level(logging.INFO, logger="mkdocs")
    html = harness.convert(tmp_path, DEMO_PAGE, files={"pyscript_demo/demos/y/demo.py": _demo("")})["page.md"]
    assert 'data-demo="y"' in html
    assert "the demos' packages are not checked against Pyodide's" in caplog.text


def test_a_lock_file_changed_in_the_mirror_stops_the_build(package, tmp_path, monkeypatch):
    mirror = tmp_path / "mirror"
    (mirror / "pyodide").mkdir(parents=True)
    shutil.copy(lock.stamp("pyodide"), mirror / "pyodide.json")
    lock_file = lock.MIRROR / "pyodide" / packages.LOCK_FILE
    (mirror / "pyodide" / packages.LOCK_FILE).write_text(lock_file.read_text().replace('"pyyaml"', '"pyyaml2"', 1))
    monkeypatch.setattr(lock, "MIRROR", mirror)
    message = harness.refusal(tmp_path, DEMO_PAGE, files={"pyscript_demo/demos/y/demo.py": _demo("")})
    assert message.startswith("Pyodide's lock file in the verified mirror cannot be used: pyodide pyodide-lock.json:")
    assert message.endswith(f"Fix: delete {mirror / 'pyodide.json'} and run `make mirror`.")


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a, b):
    light, dark = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


# Material's page backgrounds: white, and slate's hsl(232, 15%, 14%).
BACKGROUNDS = {
    "light": "#ffffff",
    "dark": "#" + "".join(f"{round(c * 255):02x}" for c in hls_to_rgb(232 / 360, 0.14, 0.15)),
}


@pytest.mark.parametrize("palette", sorted(BACKGROUNDS))
def test_every_mark_colour_stands_out_from_the_page(palette):
    css = (ROOT / "hooks" / "demo" / "demo.css").read_text()
    selector = {"light": r"\.live-demo", "dark": r'\[data-md-color-scheme="slate"\] \.live-demo'}[palette]
    rules = re.search(rf"^{selector} \{{([^}}]*)\}}", css, re.M).group(1)
    colours = dict(re.findall(r"--(kit-[\w-]+):\s*(#[0-9a-f]{6})", rules))
    assert len(colours) >= 8, colours
    for name, colour in colours.items():
        # WCAG 1.4.11: graphical objects at 3:1 against what is next to them.
        assert _contrast(colour, BACKGROUNDS[palette]) >= 3, (palette, name, colour)


def test_an_inline_number_keeps_its_class_and_takes_more():
    shown = kit.span(kit.num(0.5, 2, "own"), "extra")
    assert shown == '<span class="own extra" data-value="0.5">0.50</span>'


def test_a_figures_table_is_rendered_only_when_asked_for():
    def parts(**request):
        message = {"state": DEMO.state_to_json(DEMO.initial), "action": "bump", "value": "1", **request}
        return json.loads(DEMO.handle(json.dumps(message)))["parts"]

    table = kit.table("Counts", ["what", "value"], [["count", kit.num(1, 0, "n")]])
    assert parts()["chart.table"] == table  # when no one says: the page at build time, the tests
    assert parts(tables=["chart"])["chart.table"] == table
    closed = parts(tables=[])
    assert "chart.table" not in closed and "chart" in closed


def test_an_input_must_show_a_field_of_the_state_or_compute_what_it_shows():
    slider = kit.Slider("betta", "Beta", set_rate, min=0, max=1, step=0.1)
    with pytest.raises(ValueError, match=r"the slider 'betta' shows the state's field 'betta', which Counter does not"):
        kit.Demo("Counter", Counter(), [slider], packages=())
    shown = kit.Slider("betta", "Beta", set_rate, min=0, max=1, step=0.1, value=lambda state: state.rate)
    assert kit.Demo("Counter", Counter(), [shown], packages=()).shown(Counter()) == {"betta": "1.0000"}


def test_an_action_has_a_name_of_its_own_the_page_can_call_it_by():
    with pytest.raises(ValueError, match=r"the button 'Go' calls a lambda, which has no name for the page"):
        kit.Demo("Counter", Counter(), [kit.Button("Go", lambda state: state)], packages=())

    def view(state):
        return state

    with pytest.raises(ValueError, match=r"the button 'Look' calls an action named `view`, the name of the kit's own"):
        kit.Demo("Counter", Counter(), [kit.Button("Look", view)], packages=())

    def twin(state, by):  # as two modules may each have a `bump`
        return state

    twin.__name__ = "bump"
    with pytest.raises(ValueError, match=r"both are the action 'bump' on the page; rename one of them"):
        kit.Demo("Counter", Counter(), [kit.Button("Bump", bump, 1), kit.Button("Again", twin)], packages=())
    # One function behind several controls is one action.
    assert list(
        kit.Demo("Counter", Counter(), [kit.Button("Bump", bump, 1), kit.Button("Bump 5", bump, 5)]).actions
    ) == ["bump"]


def test_a_number_can_be_shown_in_scientific_notation():
    assert str(kit.num(3.2e-9, 2, style="e")) == "3.20e-09"
    assert kit.span(kit.num(3.2e-9, 2, style="e")) == '<span data-value="3.2e-09">3.20e-09</span>'
