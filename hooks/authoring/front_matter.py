"""The page's front matter: YAML that MkDocs could not read stops the build; its concept keys are checked.

MkDocs reads the front matter itself and, when its YAML is broken, silently
shows it as text; reading it again here turns that into an error with a line.
The concept keys are checked by one spec (`hooks/authoring/spec.py`); other
keys are the theme's and left alone.
"""

import re
from typing import Any

from mkdocs.utils.meta import YAML_RE

from hooks.authoring.errors import Mistake
from hooks.authoring.scan import load_yaml
from hooks.authoring.site import Page
from hooks.authoring.spec import OptionError, Validator, apply, is_text

# Keys of a concept page and what each holds.
TEXT_KEYS = {
    "concept": "the page's stable object key, e.g. `concept: machine-learning/logistic-regression`",
    "area": "the area the concept belongs to, e.g. `area: Machine Learning`",
    "summary": "the concept in one sentence",
    "builds_on": "the `concept` of the page whose mental model this page reuses",
}
# Keys that list the concept pages around this one; each item is `key` or `key: why this edge`.
EDGE_LISTS = ("prerequisites", "next")
EDGE_FIX = "write a list with one concept key per line: `- area/concept` or `- area/concept: why this edge`."
YAML_FIX = "correct the YAML between the `---` lines; quote a value that contains ': ' or starts with [ { @."


def _text(key: str, meaning: str) -> Validator:
    def validate(value: Any) -> Any:
        if not is_text(value):
            raise Mistake(f"the front matter's `{key}` is not text.", f"give {meaning}.")
        return value

    return validate


def _sources(value: Any) -> Any:
    if not (isinstance(value, list) and all(isinstance(s, str) for s in value)):
        raise Mistake(
            "the front matter's `sources` is not a list of bibliography keys.",
            "write `sources: [key-one, key-two]` with keys of docs/references.bib.",
        )
    return value


def _edge_list(key: str) -> Validator:
    def is_edge(item: Any) -> bool:
        pairs = item.items() if isinstance(item, dict) else ()
        return is_text(item) or (len(pairs) == 1 and all(is_text(part) for pair in pairs for part in pair))

    def validate(value: Any) -> Any:
        if not (isinstance(value, list) and all(map(is_edge, value))):
            raise Mistake(f"the front matter's `{key}` is not a list of concept keys.", EDGE_FIX)
        return value

    return validate


SPEC = {
    **{key: (None, _text(key, meaning)) for key, meaning in TEXT_KEYS.items()},
    "sources": ([], _sources),
    **{key: (None, _edge_list(key)) for key in EDGE_LISTS},
}


def check(page: Page) -> dict[str, Any]:
    """The front matter as a dict; refuse one that is not a YAML mapping, or concept keys of the wrong kind."""
    found = YAML_RE.match(page.source)
    if not found:
        return {}
    # Line 1 is the opening `---`.
    data = load_yaml(page, found.group(1), 2, "the front matter", YAML_FIX)
    if not isinstance(data, dict):
        raise page.error_at(1, "the front matter is not a list of `key: value` lines.", YAML_FIX)
    try:
        apply(SPEC, data)
    except OptionError as err:
        # Every key of the spec is optional: an error is always a refused value, a Mistake.
        raise page.place(err.error, line_of(page, err.name)) from None
    return data


def edges(page: Page, data: dict[str, Any], key: str) -> list[tuple[str, str, int]]:
    """(concept key, reason, file line) of each concept that the checked front matter's `key` names."""
    value = data.get(key) or []
    items = [value] if isinstance(value, str) else value
    pairs = [(item, "") if isinstance(item, str) else next(iter(item.items())) for item in items]
    start = line_of(page, key)
    return [(target.strip(), reason.strip(), line_of(page, target, start)) for target, reason in pairs]


def sources(page: Page) -> list[tuple[str, int]]:
    """[(entry, file line)] of the front matter's `sources`, each 'key' or 'key, locator'."""
    return [(entry, line_of(page, entry)) for entry in page.meta.get("sources", [])]


def line_of(page: Page, needle: str, start: int = 1) -> int:
    """File line of the first front matter line, from line `start` on, that holds `needle`."""
    found = YAML_RE.match(page.source)
    lines = found.group(0).split("\n") if found else []
    pattern = re.compile(rf"(^|\W){re.escape(needle)}(\W|$)")
    return next((n for n, text in enumerate(lines, 1) if n >= start and pattern.search(text)), start)
