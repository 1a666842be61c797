"""The controls a demo may declare, each optional: what it shows, and what it asks Python to do.

A control names the action it triggers by its function (`set_slope` is the action
`set-slope`) and knows how to turn the browser's string back into the value the
action takes. The bridge (`demo.js`) reads only the data attributes written here.
"""

import functools
import inspect
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pyscript_demo.kit.markup import Element, element

Action = Callable[..., Any]


def action_name(fn: Action) -> str:
    """The name the page uses for an action function: `set_slope` -> `set-slope`."""
    return fn.__name__.strip("_").replace("_", "-")


@functools.cache  # asked on every action: reading a signature cost a fifth of a slider move's Python time
def takes_value(fn: Action) -> bool:
    return len(inspect.signature(fn).parameters) > 1


def _read(key: str) -> Callable[[Any], Any]:
    return lambda state: getattr(state, key)


class _Declared:
    """A control that knows the file and line that declared it, for the build to point a refusal at."""

    def __post_init__(self) -> None:
        caller = sys._getframe(2)  # past this method and the dataclass's __init__
        self.declared_at = (caller.f_code.co_filename, caller.f_lineno)


class _Numeric(_Declared):
    """What a slider and a number field share: a float from the browser, the state's number to `digits`."""

    coerce = staticmethod(float)

    def shown(self, state) -> dict:
        return {self.key: f"{(self.value or _read(self.key))(state):.{self.digits}f}"}


@dataclass
class Slider(_Numeric):
    """A range slider and, beside it, a number field for an exact value; both show the state's `key`."""

    key: str
    label: str
    action: Action
    min: float
    max: float
    step: float
    digits: int = 4
    value: Callable[[Any], float] | None = None

    def markup(self, prefix: str, shown: dict) -> Element:
        ident, name = f"{prefix}-{self.key}", action_name(self.action)
        box = element("div", {"class": "kit-slider"})
        element("label", {"for": ident}, self.label, parent=box)
        common = {"data-action": name, "data-control": self.key}
        element(
            "input",
            {
                "type": "range",
                "id": ident,
                **common,
                "min": self.min,
                "max": self.max,
                "step": self.step,
                "value": shown[self.key],
            },
            parent=box,
        )
        element(
            "input",
            {
                "type": "number",
                "id": f"{ident}-exact",
                **common,
                "step": "any",
                "value": shown[self.key],
                "aria-label": f"{self.label}, exact value",
            },
            parent=box,
        )
        return box


@dataclass
class Number(_Numeric):
    """A number field alone, for a value without natural bounds (a count, a seed, a rate)."""

    key: str
    label: str
    action: Action
    min: float | None = None
    max: float | None = None
    step: float | str = "any"
    digits: int = 4
    value: Callable[[Any], float] | None = None

    def markup(self, prefix: str, shown: dict) -> Element:
        ident = f"{prefix}-{self.key}"
        box = element("div", {"class": "kit-number"})
        element("label", {"for": ident}, self.label, parent=box)
        element(
            "input",
            {
                "type": "number",
                "id": ident,
                "data-action": action_name(self.action),
                "data-control": self.key,
                "min": self.min,
                "max": self.max,
                "step": self.step,
                "value": shown[self.key],
            },
            parent=box,
        )
        return box


@dataclass
class Choice(_Declared):
    """Radio buttons, one per (value, text) option; the state's `key` holds the chosen value (or None)."""

    key: str
    legend: str
    action: Action
    options: Sequence[tuple[Any, str]]
    value: Callable[[Any], Any] | None = None

    def coerce(self, text: str) -> Any:
        for value, _ in self.options:
            if str(value) == str(text):
                return value
        raise ValueError(f"{self.key} is one of {[v for v, _ in self.options]}, not {text!r}")

    def shown(self, state) -> dict:
        value = (self.value or _read(self.key))(state)
        return {self.key: "" if value is None else str(value)}

    def markup(self, prefix: str, shown: dict) -> Element:
        box = element("fieldset", {"class": f"kit-choice {prefix}-{self.key}"})
        element("legend", {}, self.legend, parent=box)
        for value, text in self.options:
            label = element("label", {"class": "kit-option"}, parent=box)
            radio = element(
                "input",
                {
                    "type": "radio",
                    "name": f"{prefix}-{self.key}",
                    "value": value,
                    "data-action": action_name(self.action),
                    "data-control": self.key,
                    "checked": str(value) == shown[self.key],
                },
                parent=label,
            )
            radio.tail = f" {text}"
        return box


@dataclass
class Button(_Declared):
    """A button for an action, with an optional fixed `value`.

    `enabled(state)`, when given, says when the button is usable (Python has taken every pending change
    first); `why` is what the reader is told when they press it while it is not.
    """

    label: str
    action: Action
    value: Any = None
    enabled: Callable[[Any], bool] | None = None
    why: str = ""

    @property
    def key(self) -> str:
        name = action_name(self.action)
        return name if self.value is None else f"{name}-{self.value}"

    def coerce(self, text: str) -> Any:
        return None if self.value is None else type(self.value)(text)

    def shown(self, state) -> dict:
        return {}

    def markup(self, prefix: str, shown: dict) -> Element:
        attrs = {
            "type": "button",
            "class": "md-button",
            "data-action": action_name(self.action),
            "data-value": self.value,
            "aria-disabled": "true",
        }
        if self.enabled:
            attrs.update({"data-enabled": self.key, "data-why": self.why or None})
        return element("button", attrs, self.label)


@dataclass
class Run(_Declared):
    """A toggle that repeats an action (with `value`), one call per frame, until paused.

    A run also ends when the action returns `kit.done(state)`: nothing is left to do.
    """

    action: Action
    value: Any = None
    label: str = "Run"

    coerce = Button.coerce

    def shown(self, state) -> dict:
        return {}

    def markup(self, prefix: str, shown: dict) -> Element:
        return element(
            "button",
            {
                "type": "button",
                "class": "md-button",
                "data-run": action_name(self.action),
                "data-value": self.value,
                "aria-disabled": "true",
                "aria-pressed": "false",
                "data-label": self.label,
            },
            self.label,
        )


CONTROLS = (Slider, Number, Choice, Button, Run)
