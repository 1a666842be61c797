"""Markup from `xml.etree` elements: escaping happens here and nowhere else.

Every piece of HTML or SVG the kit writes is built as elements and serialised
by `html()` or `svg()`, so text and attribute values are always escaped.
"""

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from html import escape
from typing import Any

Element = etree.Element


def element(
    tag: str, attrs: dict | None = None, text: Any = None, parent: Element | None = None, *, tenths: bool = False
) -> Element:
    """An element with `attrs` (None values left out, numbers written plainly; with `tenths`, floats to a
    tenth, as SVG coordinates) and optional text."""
    attrib = {}
    for key, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        if value is True:
            attrib[key] = ""
        elif tenths and isinstance(value, float):
            attrib[key] = f"{value:.1f}"
        else:
            attrib[key] = str(value)
    node = etree.Element(tag, attrib) if parent is None else etree.SubElement(parent, tag, attrib)
    if text is not None:
        node.text = str(text)
    return node


# HTML's elements that have no end tag.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def html(node: Element) -> str:
    """An HTML element as markup: void elements without an end tag, other empty ones with it."""
    out: list[str] = []
    _write(node, out, xml=False)
    return "".join(out)


def wrap(node: Element, inner: str) -> str:
    """`node` as HTML with `inner` (markup the demo rendered) as its content."""
    node.text = None
    outer = html(node)
    cut = outer.rindex("</")
    return outer[:cut] + inner + outer[cut:]


def svg(node: Element) -> str:
    """An SVG element as markup: empty elements are self-closed, as in XML."""
    out: list[str] = []
    _write(node, out, xml=True)
    return "".join(out)


# Most text and values (numbers, classes) need no escaping: one search spares escape()'s five replaces.
_SPECIAL = re.compile("[&<>\"']").search


def _write(node: Element, out: list[str], xml: bool) -> None:
    # etree's own serialiser first walks the whole tree for namespaces, which the kit never uses: this
    # plain walk writes the same markup in a third of the time, on every slider move in the browser.
    out.append("<" + node.tag)
    for key, value in node.attrib.items():
        out.append(f' {key}="{escape(value) if _SPECIAL(value) else value}"')
    if xml and node.text is None and not len(node):
        out.append(" />")
    elif not xml and node.tag in VOID:
        out.append(">")
    else:
        out.append(">")
        if node.text:
            out.append(escape(node.text, quote=False) if _SPECIAL(node.text) else node.text)
        for child in node:
            _write(child, out, xml)
        out.append(f"</{node.tag}>")
    if node.tail:
        out.append(escape(node.tail, quote=False) if _SPECIAL(node.tail) else node.tail)


def raw(fragment: str) -> Element:
    """A fragment of markup the kit wrote itself, parsed back into an element to be nested."""
    return etree.fromstring(fragment)


@dataclass(frozen=True)
class Num:
    """A number shown rounded, carrying its full value in `data-value` (for readers' tools and tests)."""

    value: float
    digits: int = 3
    cls: str | None = None
    style: str = "f"  # "f": fixed point; "e": scientific, for values that shrink by orders of magnitude

    def attrs(self) -> dict:
        return {"class": self.cls, "data-value": repr(float(self.value))}

    def __str__(self) -> str:
        return f"{self.value:.{self.digits}{self.style}}"


def num(value: float, digits: int = 3, cls: str | None = None, style: str = "f") -> Num:
    return Num(float(value), digits, cls, style)


def span(value: Num | str, cls: str | None = None) -> str:
    """Inline markup of a number (with its full value) or of text."""
    if isinstance(value, Num):
        attrs = value.attrs()
        attrs["class"] = " ".join(filter(None, [value.cls, cls])) or None
        return html(element("span", attrs, str(value)))
    return html(element("span", {"class": cls}, value))


@dataclass
class Table:
    """A figure's table of numbers, kept as data until it is shown: `Figure` renders it only while the
    reader has it open, so a slider move does not pay for tables nobody is reading."""

    caption: str
    header: list[str]
    rows: list[list[Any]]
    cls: str | None = None
    row_attrs: list[dict] | None = None
    row_headers: bool = True

    def markup(self) -> str:
        return table(
            self.caption, self.header, self.rows, cls=self.cls, row_attrs=self.row_attrs, row_headers=self.row_headers
        )


def table(
    caption: str,
    header: list[str],
    rows: list[list[Any]],
    *,
    cls: str | None = None,
    row_attrs: list[dict] | None = None,
    row_headers: bool = True,
) -> str:
    """A table of numbers: a `Num` cell carries its full value; the first cell heads its row.

    It sits in a box that scrolls sideways on its own if it must, so it never widens the page.
    """
    box = element("div", {"class": "kit-table-scroll"})
    tab = element("table", {"class": " ".join(filter(None, ["kit-table", cls]))}, parent=box)
    element("caption", {}, caption, parent=tab)
    head = element("tr", {}, parent=element("thead", {}, parent=tab))
    for name in header:
        element("th", {"scope": "col"}, name, parent=head)
    body = element("tbody", {}, parent=tab)
    for i, row in enumerate(rows):
        tr = element("tr", (row_attrs or [{}] * len(rows))[i], parent=body)
        for j, cell in enumerate(row):
            if j == 0 and row_headers:
                element("th", {"scope": "row"}, cell, parent=tr)
            elif isinstance(cell, Num):
                element("td", cell.attrs(), str(cell), parent=tr)
            elif isinstance(cell, tuple):  # (text, class)
                element("td", {"class": cell[1]}, cell[0], parent=tr)
            else:
                element("td", {}, cell, parent=tr)
    return html(box)
