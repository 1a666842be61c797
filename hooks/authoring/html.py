"""One way to build HTML in the hooks: ElementTree elements, escaped by Markdown's serializer alone.

Under the element pymdownx or a tree processor hands over, `el` adds a child;
Markdown serialises the tree and escapes it. Text is inline Markdown unless it
is `literal`. Where HTML leaves as a string (a fence's output, raw HTML in the
stash, a tag to find in a page), `markup` builds the same element and
serialises it with the same serializer, around HTML that is already HTML.
"""

import xml.etree.ElementTree as etree
from typing import Any

from markdown.serializers import to_html_string
from markdown.util import AtomicString

# Stands for the inner HTML while the element is serialised; it needs no escaping.
_INNER = "\x02inner\x03"


def _attributes(attributes: dict[str, Any]) -> dict[str, str]:
    """`class_="x"` → class, `data_panel="y"` → data-panel: Python names for HTML attribute names."""
    return {name.rstrip("_").replace("_", "-"): str(value) for name, value in attributes.items()}


def literal(text: str) -> AtomicString:
    """Text that Markdown keeps as written (it is still escaped)."""
    return AtomicString(text)


def el(parent: etree.Element, tag: str, text: str | None = None, **attributes: Any) -> etree.Element:
    """A child element of `parent`; `text` is inline Markdown, a `literal` stays as written."""
    child = etree.SubElement(parent, tag, _attributes(attributes))
    if text is not None:
        child.text = text
    return child


def markup(tag: str, *inner_html: str, **attributes: Any) -> str:
    """An element as HTML, its attributes escaped, around `inner_html`, which is HTML already."""
    element = etree.Element(tag, _attributes(attributes))
    if inner_html:
        element.text = _INNER
    return to_html_string(element).replace(_INNER, "".join(inner_html), 1)
