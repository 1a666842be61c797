"""Each id on a page names one element: a link, a label's `for` and the page's scripts reach only the first
element of an id, so a second one stops the build, naming both and the line to change.

Python-Markdown keeps the ids of the headings it makes apart from the ids it can see, but not an id the
author writes (`{ #id }`, raw HTML), nor the ids in a demo's markup, which it holds as raw HTML until the end.
"""

import html
import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown.extensions.toc import slugify

from hooks.authoring.scan import lines_outside_code
from hooks.authoring.site import Page

# Any id in a start tag, however quoted: a cheap first look, which the parser then confirms (it skips
# comments). Text in code has its `<` escaped, so an id written in an example never matches.
_ID = re.compile(r"""<[a-zA-Z][^<>]*?\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# The attribute a block writes on its outer element: how the author names that block, and its header line in
# the Markdown, given the attribute's value.
BLOCKS = {
    "data-demo": ("the demo '{}'", r"demo[ \t]*\|[ \t]*{}"),
    "data-learning-panel": ("the `/// {}` block", "{}"),
}
# Text a heading holds that its reader does not see as its title.
UNSEEN = {"annotation", "math"}
PERMALINK = "\u00b6"


@dataclass
class _Holder:
    """An element with an id: its tag, its text if a heading, and the block that wrote it."""

    ident: str
    tag: str
    block: tuple[str, str] | None
    text: str = ""

    def said(self) -> str:
        what = f"the heading '{self.text}'" if self.tag in HEADINGS else f"the <{self.tag}>"
        return f"{what} of {BLOCKS[self.block[0]][0].format(self.block[1])}" if self.block else what


class _Holders(HTMLParser):
    """Every element with an id, in page order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[_Holder] = []
        self._open: list[tuple[str, tuple[str, str] | None]] = []  # (tag, the block it starts, if any)
        self._heading: list[str] | None = None
        self._unseen = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        block = next(((name, values[name]) for name in BLOCKS if values.get(name)), None)
        if values.get("id"):
            inside = next((b for _, b in reversed(self._open) if b), None)
            self.found.append(_Holder(values["id"], tag, block or inside))
            if tag in HEADINGS:
                self._heading = []
        self._unseen += tag in UNSEEN
        if tag not in VOID:
            self._open.append((tag, block))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._heading is not None and not self._unseen:
            self._heading.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag in HEADINGS:
            heading = next(h for h in reversed(self.found) if h.tag in HEADINGS)
            heading.text = " ".join("".join(self._heading).split()).removesuffix(PERMALINK).strip()
            self._heading = None
        self._unseen -= tag in UNSEEN and self._unseen > 0
        # Raw HTML from an author may leave an element open: close up to the matching start tag, if any.
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break


def check(page: Page, content: str) -> None:
    """Stop the build if two elements of the page's content share an id."""
    seen = Counter(html.unescape(next(filter(None, found))) for found in _ID.findall(content))
    if not any(count > 1 for count in seen.values()):
        return
    holders = _Holders()
    holders.feed(content)
    holders.close()
    counts = Counter(holder.ident for holder in holders.found)
    ident = next((holder.ident for holder in holders.found if counts[holder.ident] > 1), None)
    if ident is None:
        return
    elements = [holder for holder in holders.found if holder.ident == ident]
    said = " and ".join(element.said() for element in elements)
    problem = (
        f"the id '{ident}' is on {'two' if len(elements) == 2 else len(elements)} elements of the page: {said}; "
        "a link or a label reaches only the first."
    )
    demo = any(element.block and element.block[0] == "data-demo" for element in elements)
    # Where the author can change it: a heading of theirs, else an id they wrote, else a block's header.
    heading = next((e.text for e in elements if e.tag in HEADINGS and e.text and not e.block), None)
    line = _heading_line(page, ident, heading) if heading else None
    if line is not None:
        raise page.error_at(
            line, problem, f"give the heading '{heading}' an id of its own after its text: `{{ #another-id }}`."
        )
    written = _written_id_lines(page, ident)
    if len(written) > 1:
        raise page.error_at(written[1], problem, f"give this one another id: the first is on line {written[0]}.")
    if written:
        made = " (a demo's inputs are `PREFIX-KEY`, PREFIX its name or `kit.Demo(prefix=...)`)" if demo else ""
        raise page.error_at(
            written[0], problem, f"change the id written on this line: the other is the page's own{made}."
        )
    blocks = [e.block for e in elements if e.block]
    raise page.error_at(
        _block_line(page, *blocks[-1]) if blocks else None,
        problem,
        "give one of them another id; a demo's inputs are `PREFIX-KEY`, and `kit.Demo(prefix=...)` sets PREFIX "
        "(the demo's name by default)."
        if demo
        else "give one of them another id.",
    )


def _file_line(page: Page, pattern: str) -> int | None:
    """The file line of the first line outside code that `pattern` matches."""
    found = re.compile(pattern)
    return next(
        (number for number, text in lines_outside_code(page.markdown, page.first_line) if found.search(text)), None
    )


def _heading_line(page: Page, ident: str, text: str) -> int | None:
    """The line of the author's heading: the one that sets this id, or else one whose text makes it."""
    explicit = _file_line(page, rf"^#{{1,6}}[ \t].*\{{[^}}]*#{re.escape(ident)}(?=[\s}}])")
    if explicit is not None:
        return explicit
    for number, line in lines_outside_code(page.markdown, page.first_line):
        atx = re.match(r"#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", line)
        if atx and (atx[1] == text or slugify(atx[1], "-") == ident):
            return number
    return None


def _written_id_lines(page: Page, ident: str) -> list[int]:
    """The lines where the author wrote this id: in attributes (`{ #id }`) or in raw HTML."""
    value = "|".join(re.escape(form) for form in {ident, html.escape(ident)})
    found = re.compile(
        rf"\{{[^}}]*#{re.escape(ident)}(?=[\s}}])|\sid\s*=\s*(?:\"(?:{value})\"|'(?:{value})'|(?:{value})(?=[\s>/]))"
    )
    return [number for number, text in lines_outside_code(page.markdown, page.first_line) if found.search(text)]


def _block_line(page: Page, attribute: str, name: str) -> int | None:
    """The line of the block's header: `/// demo | NAME` or `/// KIND`."""
    return _file_line(page, rf"^/{{3,}}[ \t]*{BLOCKS[attribute][1].format(re.escape(name))}(?![\w-])")
