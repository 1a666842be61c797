"""The page's front matter: YAML that MkDocs could not read stops the build; its concept keys are checked.

MkDocs reads the front matter itself and, when its YAML is broken, silently
shows it as text; reading it again here turns that into an error with a line.
"""

import re

from mkdocs.utils.meta import YAML_RE

from hooks.author_errors import error_at
from hooks.markdown_scan import load_yaml

# Keys of a concept page and what each holds.
TEXT_KEYS = {
    "concept": "the page's stable object key, e.g. `concept: machine-learning/logistic-regression`",
    "area": "the area the concept belongs to, e.g. `area: Machine Learning`",
    "summary": "the concept in one sentence",
}
YAML_FIX = "correct the YAML between the `---` lines; quote a value that contains ': ' or starts with [ { @."


def check(page):
    """Refuse front matter that is not a YAML mapping, or grounding keys of the wrong kind."""
    found = YAML_RE.match(page.file.content_string)
    if not found:
        return
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


def sources(page):
    """[(entry, file line)] of the front matter's `sources`, each 'key' or 'key, locator'."""
    return [(entry, line_of(page, entry)) for entry in page.meta.get("sources", [])]


def line_of(page, needle):
    """File line of the first front matter line that holds `needle`."""
    found = YAML_RE.match(page.file.content_string)
    lines = found.group(0).split("\n") if found else []
    pattern = re.compile(rf"(^|\W){re.escape(needle)}(\W|$)")
    return next((number for number, text in enumerate(lines, 1) if pattern.search(text)), 1)
