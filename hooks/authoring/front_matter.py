"""The page's front matter: YAML that MkDocs could not read stops the build; its concept keys are checked.

MkDocs reads the front matter itself and, when its YAML is broken, silently
shows it as text; reading it again here turns that into an error with a line.
"""

import re

from mkdocs.utils.meta import YAML_RE

from hooks.authoring.errors import error_at
from hooks.authoring.scan import load_yaml

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


def check(page):
    """The front matter as a dict; refuse one that is not a YAML mapping, or concept keys of the wrong kind."""
    found = YAML_RE.match(page.file.content_string)
    if not found:
        return {}
    # Line 1 is the opening `---`.
    data = load_yaml(found.group(1), 2, "the front matter", YAML_FIX)
    if not isinstance(data, dict):
        raise error_at(1, "the front matter is not a list of `key: value` lines.", YAML_FIX)
    for key, meaning in TEXT_KEYS.items():
        if key in data and not (isinstance(data[key], str) and data[key].strip()):
            raise error_at(line_of(page, key), f"the front matter's `{key}` is not text.", f"give {meaning}.")
    sources = data.get("sources", [])
    if not (isinstance(sources, list) and all(isinstance(s, str) for s in sources)):
        raise error_at(
            line_of(page, "sources"),
            "the front matter's `sources` is not a list of bibliography keys.",
            "write `sources: [key-one, key-two]` with keys of docs/references.bib.",
        )
    for key in EDGE_LISTS:
        if key in data and not _is_edge_list(data[key]):
            raise error_at(line_of(page, key), f"the front matter's `{key}` is not a list of concept keys.", EDGE_FIX)
    return data


def _is_edge_list(value):
    def is_text(item):
        return isinstance(item, str) and bool(item.strip())

    def is_edge(item):
        pairs = item.items() if isinstance(item, dict) else ()
        return is_text(item) or (len(pairs) == 1 and all(is_text(part) for pair in pairs for part in pair))

    return isinstance(value, list) and all(map(is_edge, value))


def edges(page, data, key):
    """(concept key, reason, file line) of each concept that the checked front matter's `key` names."""
    value = data.get(key) or []
    items = [value] if isinstance(value, str) else value
    pairs = [(item, "") if isinstance(item, str) else next(iter(item.items())) for item in items]
    start = line_of(page, key)
    return [(target.strip(), reason.strip(), line_of(page, target, start)) for target, reason in pairs]


def sources(page):
    """[(entry, file line)] of the front matter's `sources`, each 'key' or 'key, locator'."""
    return [(entry, line_of(page, entry)) for entry in page.meta.get("sources", [])]


def line_of(page, needle, start=1):
    """File line of the first front matter line, from line `start` on, that holds `needle`."""
    found = YAML_RE.match(page.file.content_string)
    lines = found.group(0).split("\n") if found else []
    pattern = re.compile(rf"(^|\W){re.escape(needle)}(\W|$)")
    return next((n for n, text in enumerate(lines, 1) if n >= start and pattern.search(text)), start)
