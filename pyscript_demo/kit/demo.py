"""A demo, declared: its starting state, its layout of parts and controls; the kit does the rest.

The kit turns the declaration into what the page and the bridge need: the
static HTML of the block (`static_html`), the browser's entry point (`handle`:
JSON in, JSON out), the dispatch from a control to its action, what each control
shows, which buttons are usable, and whether a run has finished.
"""

import dataclasses
import functools
import json
import os
import typing
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from typing import Any

from pyscript_demo.kit.controls import CONTROLS, Button, Choice, Number, Run, Slider, action_name, takes_value
from pyscript_demo.kit.markup import element, html, wrap
from pyscript_demo.kit.plot import Chart

Render = Callable[..., Any]


class _All:
    """Every name: the figures' tables wanted when no one says which (the page at build time, tests)."""

    def __contains__(self, name: object) -> bool:
        return True


ALL = _All()


@dataclass
class Part:
    """A region Python redraws after every action: `render(state)` returns its HTML."""

    name: str
    render: Render
    cls: str | None = None

    def regions(self, out: Any, tables: Container[str] = ()) -> dict:
        return {self.name: out}

    def markup(self, prefix: str, regions: dict) -> str:
        return wrap(element("div", {"class": _cls("kit-part", self.cls), "data-part": self.name}), regions[self.name])


@dataclass
class Text:
    """A sentence Python rewrites after every action, announced politely; `hidden` keeps it for screen readers."""

    name: str
    render: Render
    hidden: bool = False

    def regions(self, out: Any, tables: Container[str] = ()) -> dict:
        return {self.name: str(out)}

    def markup(self, prefix: str, regions: dict) -> str:
        cls = "kit-text kit-sr-only" if self.hidden else "kit-text"
        attrs = {"class": cls, "data-part": self.name, "data-text": True, "aria-live": "polite"}
        return html(element("p", attrs, regions[self.name]))


@dataclass
class Figure:
    """A figure: `render(state)` returns a `Chart` (from `Plot.chart`).

    The page shows its SVG, its description as a caption (announced politely with `live`), and its
    table of numbers under a disclosure.
    """

    name: str
    render: Render
    live: bool = True
    cls: str | None = None

    def regions(self, chart: Chart, tables: Container[str] = ALL) -> dict:
        out = {self.name: chart.svg, f"{self.name}.description": chart.description}
        if chart.table and self.name in tables:
            out[f"{self.name}.table"] = chart.table if isinstance(chart.table, str) else chart.table.markup()
        return out

    def markup(self, prefix: str, regions: dict) -> str:
        figure = element("figure", {"class": _cls("kit-figure", self.cls)})
        caption = f"{self.name}.description"
        plot = wrap(element("div", {"class": "kit-figure__plot", "data-part": self.name}), regions[self.name])
        text = html(
            element(
                "figcaption",
                {
                    "class": "kit-figure__description",
                    "data-part": caption,
                    "data-text": True,
                    "aria-live": "polite" if self.live else None,
                },
                regions[caption],
            )
        )
        data = ""
        if f"{self.name}.table" in regions:
            details = element("details", {"class": "kit-data"})
            element("summary", {}, "The numbers behind this figure", parent=details)
            box = element("div", {"data-part": f"{self.name}.table"})
            data = wrap(details, wrap(box, regions[f"{self.name}.table"]))
        return wrap(figure, plot + text + data)


@dataclass
class Note:
    """Fixed markup the demo always shows (a rule, a legend in words)."""

    markup_html: str

    def markup(self, prefix: str, regions: dict) -> str:
        return self.markup_html


class Row:
    """Controls side by side; with a `label`, a named group (for screen readers)."""

    def __init__(self, *items: Any, label: str | None = None):
        self.items, self.label = items, label

    def markup(self, prefix: str, regions: dict, shown: dict) -> str:
        attrs = {"class": "kit-row", "role": "group" if self.label else None, "aria-label": self.label}
        return wrap(element("div", attrs), "".join(html(item.markup(prefix, shown)) for item in self.items))


PARTS = (Part, Text, Figure)


@dataclass(frozen=True)
class Done:
    """What an action returns when nothing is left to do (a run converged): the bridge ends the run."""

    state: Any


def done(state: Any) -> Done:
    return Done(state)


class DeclarationError(ValueError):
    """A demo declared in a way the page cannot serve: what is wrong, how to fix it, and what is at fault.

    `where` is the file and line of the culprit: a function's first line (a lambda's own line), or the line
    that declared a control.
    """

    def __init__(self, problem: str, fix: str, culprit: Any):
        super().__init__(f"{problem}; {fix}")
        self.problem, self.fix = problem, fix
        code = getattr(culprit, "__code__", None)
        self.where = (code.co_filename, code.co_firstlineno) if code else getattr(culprit, "declared_at", None)


class Demo:
    """A demo: `initial` (a dataclass instance), a `layout` of parts and controls, top to bottom.

    `derive(state)`, when given, computes once per action what several parts need; each part's render is
    then called as `render(state, derived)`. `packages` are the Pyodide packages it imports.
    """

    def __init__(
        self,
        title: str,
        initial: Any,
        layout: Sequence[Any],
        *,
        derive: Callable[[Any], Any] | None = None,
        prefix: str | None = None,
        packages: Sequence[str] = ("numpy",),
    ):
        self.title, self.initial, self.layout = title, initial, list(layout)
        self.derive, self.prefix, self.packages = derive, prefix, tuple(packages)
        self.state_type = type(initial)
        self.controls = [
            c
            for item in self.layout
            for c in (item.items if isinstance(item, Row) else [item])
            if isinstance(c, CONTROLS)
        ]
        self.parts = [item for item in self.layout if isinstance(item, PARTS)]
        self.actions: dict[str, tuple[Callable, Callable]] = {}
        for control in self.controls:
            self._add_action(control)
        self._check_keys()

    def _add_action(self, control: Any) -> None:
        """The page calls an action by its function's name: refuse a name it cannot call, or one two actions share."""
        fn, name = control.action, action_name(control.action)
        said = f"the {type(control).__name__.lower()} {getattr(control, 'label', None) or control.key!r}"
        if not fn.__name__.isidentifier():
            raise DeclarationError(
                f"{said} calls a lambda, which has no name for the page to call it by",
                "define the action with `def NAME(state)` (or `def NAME(state, value)`) and pass NAME",
                fn,
            )
        if name == "view":
            raise DeclarationError(
                f"{said} calls an action named `view`, the name of the kit's own redraw of the current state",
                "rename the function",
                fn,
            )
        known = self.actions.get(name)
        if known and known[0] is not fn:
            raise DeclarationError(
                f"{said} calls {fn.__module__}.{fn.__qualname__} and another control calls "
                f"{known[0].__module__}.{known[0].__qualname__}: both are the action {name!r} on the page",
                "rename one of them",
                fn,
            )
        self.actions.setdefault(name, (fn, control.coerce))

    def _check_keys(self) -> None:
        """An input shows a field of the state (or what its `value` computes): refuse a key that is neither, and
        two inputs whose keys make one id on the page (a slider's exact field is `KEY-exact`)."""
        fields = [f.name for f in dataclasses.fields(self.state_type)]
        named: dict[str, Any] = {}
        for control in self.controls:
            if not isinstance(control, (Slider, Number, Choice)):
                continue
            kind = type(control).__name__.lower()
            if control.value is None and control.key not in fields:
                raise DeclarationError(
                    f"the {kind} {control.key!r} shows the state's field {control.key!r}, "
                    f"which {self.state_type.__name__} does not have (its fields: {', '.join(fields)})",
                    "name one of them, or give `value=` a function of the state that computes what it shows",
                    control,
                )
            names = [control.key, f"{control.key}-exact"] if isinstance(control, Slider) else [control.key]
            for name in names:
                first = named.setdefault(name, control)
                if first is not control:
                    raise DeclarationError(
                        f"the {kind} {control.key!r} and the {type(first).__name__.lower()} {first.key!r} "
                        f"({_where(first, control)}) both name an input '{name}' on the page",
                        "keep one (a slider has its own field for an exact value), or give this one another key "
                        "and `value=` a function of the state that computes what it shows",
                        control,
                    )

    # The state as JSON --------------------------------------------------------------------------------

    @functools.cached_property
    def _hints(self) -> dict[str, Any]:
        return typing.get_type_hints(self.state_type)

    def state_from_json(self, fields: dict) -> Any:
        """The state the browser sent back; JSON numbers may have lost their type (5.0 arrives as 5)."""
        hints = self._hints
        return self.state_type(**{name: _coerce(hints.get(name), value) for name, value in fields.items()})

    def state_to_json(self, state: Any) -> dict:
        return dataclasses.asdict(state)

    # What an action does ------------------------------------------------------------------------------

    def act(self, state: Any, action: str, value: Any = None) -> tuple[Any, bool]:
        """The state after `action` (with the browser's `value`), and whether a run should end."""
        if action == "view":
            return state, False
        if action not in self.actions:
            raise ValueError(f"unknown action {action!r}; this demo has {sorted(self.actions)}")
        fn, coerce = self.actions[action]
        result = fn(state, coerce(value)) if takes_value(fn) else fn(state)
        if isinstance(result, Done):
            return result.state, True
        return result, False

    def render(self, state: Any, tables: Container[str] = ALL) -> dict:
        """Every region's markup (or text) for `state`; of the figures' tables, those named in `tables`."""
        extra = (self.derive(state),) if self.derive else ()
        regions = {}
        for part in self.parts:
            regions.update(part.regions(part.render(state, *extra), tables))
        return regions

    def shown(self, state: Any) -> dict:
        """What each input shows for `state`, as the strings inputs take."""
        values = {}
        for control in self.controls:
            values.update(control.shown(state))
        return values

    def enabled(self, state: Any) -> dict:
        return {c.key: bool(c.enabled(state)) for c in self.controls if isinstance(c, Button) and c.enabled}

    def answer(self, state: Any, finished: bool = False, tables: Container[str] = ALL) -> dict:
        return {
            "state": self.state_to_json(state),
            "parts": self.render(state, tables),
            "controls": self.shown(state),
            "enabled": self.enabled(state),
            "done": finished,
        }

    def handle(self, message: str) -> str:
        """The browser's entry point. JSON in: {state, action, value, tables}, `tables` naming the figures
        whose tables the reader has open (all when left out); JSON out: see `answer`."""
        request = json.loads(message)
        state, finished = self.act(self.state_from_json(request["state"]), request["action"], request.get("value"))
        tables = request.get("tables")
        return json.dumps(self.answer(state, finished, ALL if tables is None else set(tables)))

    # The page before Python runs ----------------------------------------------------------------------

    def static_html(self, prefix: str) -> str:
        """The whole demo at its starting state, with controls that wait for Python."""
        prefix = self.prefix or prefix
        regions, shown = self.render(self.initial), self.shown(self.initial)
        out = []
        for item in self.layout:
            if isinstance(item, Row):
                out.append(item.markup(prefix, regions, shown))
            elif isinstance(item, CONTROLS):
                out.append(html(item.markup(prefix, shown)))
            else:
                out.append(item.markup(prefix, regions))
        return "".join(out)

    @property
    def runs(self) -> list[Run]:
        return [c for c in self.controls if isinstance(c, Run)]


def _where(control: Any, beside: Any) -> str:
    """Where `control` was declared, said from the file that declared `beside`."""
    (path, line), (here, _) = control.declared_at, beside.declared_at
    return f"line {line}" if path == here else f"{os.path.basename(path)}:{line}"


def _coerce(hint: Any, value: Any) -> Any:
    """A JSON value as the dataclass field's type says (float, int, their optional forms); else as is."""
    if value is None:
        return None
    options = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, _UnionType) else (hint,)
    for kind in (float, int, bool, str):
        if kind in options and not isinstance(value, (list, dict)):
            return kind(value)
    if tuple in options or typing.get_origin(hint) is tuple:
        return tuple(value)
    return value


_UnionType = type(int | None)


def _cls(base: str, extra: str | None) -> str:
    return f"{base} {extra}" if extra else base
