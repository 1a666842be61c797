"""Options checked by a declarative spec, in pymdownx's own `OPTIONS` form: `{name: (default, validator)}`.

A validator takes the value as written and returns it (possibly converted), or
raises `ValueError`: a `Mistake` when it can say the whole message, a plain
`ValueError` whose text says what the option must hold otherwise. A default of
`REQUIRED` marks an option the author must give. The same spec serves block
options (`hooks/authoring/blocks.py`), the front matter and `extra.runtime`;
each caller turns an `OptionError` into its message with the file and line.
"""

from collections.abc import Callable, Mapping
from typing import Any

Validator = Callable[[Any], Any]
Spec = Mapping[str, tuple[Any, Validator]]


class _Required:
    """The default of an option that has none: the author must give it."""

    def __repr__(self) -> str:
        return "REQUIRED"

    def __deepcopy__(self, memo: dict) -> "_Required":
        return self  # pymdownx deep-copies OPTIONS for every block


REQUIRED = _Required()


class OptionError(ValueError):
    """The option `name` is missing (`error` is None) or its validator refused it; `values` were read before it."""

    def __init__(self, name: str, error: ValueError | None, values: dict[str, Any]) -> None:
        super().__init__(name, error)
        self.name, self.error, self.values = name, error, values


def apply(spec: Spec, given: Mapping[str, Any]) -> dict[str, Any]:
    """The options of `given` validated in the spec's order, defaults filled in; OptionError at the first fault."""
    values = {}
    for name, (default, validate) in spec.items():
        if name not in given:
            if default is REQUIRED:
                raise OptionError(name, None, values)
            values[name] = default
            continue
        try:
            values[name] = validate(given[name])
        except ValueError as err:
            raise OptionError(name, err, values) from None
    return values


def is_text(value: Any) -> bool:
    """A non-empty string."""
    return isinstance(value, str) and bool(value.strip())


def check(test: Callable[[Any], bool], holds: str) -> Validator:
    """A validator that keeps a value for which `test` is true, and refuses others as not `holds`."""

    def validate(value: Any) -> Any:
        if not test(value):
            raise ValueError(holds)
        return value

    validate.holds = holds  # type: ignore[attr-defined]
    return validate
