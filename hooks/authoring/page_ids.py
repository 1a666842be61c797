"""Each id on a page names one element: a link, a label's `for` and the page's scripts reach only the first
element of an id, so a second one stops the build, naming both and the line to change.

Python-Markdown keeps the headings' ids apart from each other, but it cannot see the ids in the blocks'
markup (a demo's inputs, a learning panel's heading), which it holds as raw HTML until the end.
"""

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from hooks.authoring.site import Page

# An id in a start tag. Text in code has its `<` escaped, so an id written in an example never matches.
_ID = re.compile(r'<[a-zA-Z][^<>]*?\sid="([^"]+)"')
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# The attribute a block writes on its outer element, and how the author names that block.
BLOCKS = {"data-demo": "the demo '{}'", "data-learning-panel": "the `/// {}` block"}
# The header line of each block in the Markdown, given its name.
HEADERS = {"data-demo": r"demo[ \t]*\|[ \t]*{}", "data-learning-panel": "{}"}
PERMALINK = "¶"


@dataclass
class _Holder:
    """An element carrying a shared id: its tag, its text if a heading, and the block that wrote it."""

    ident: str
    tag: str
    block: tuple[str, str] | None
    text: str = ""

    def said(self) -> str:
        what = f"the heading '{self.text}'" if self.tag in HEADINGS else f"the <{self.tag}>"
        return f"{what} of {BLOCKS[self.block[0]].format(self.block[1])}" if self.block else what


class _Holders(HTMLParser):
    """The elements carrying the ids in `wanted`, in page order."""

    def __init__(self, wanted: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.found: list[_Holder] = []
        self._open: list[tuple[str, tuple[str, str] | None]] = []  # (tag, the block it starts, if any)
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        block = next(((name, values[name]) for name in BLOCKS if values.get(name)), None)
        ident = values.get("id")
        if ident in self.wanted:
            inside = next((b for _, b in reversed(self._open) if b), None)
            self.found.append(_Holder(ident, tag, block or inside))
            if tag in HEADINGS:
                self._heading = []
        if tag not in VOID:
            self._open.append((tag, block))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag in HEADINGS:
            self.found[-1].text = "".join(self._heading).strip().removesuffix(PERMALINK).strip()
            self._heading = None
        # Raw HTML from an author may leave an element open: close up to the matching start tag, if any.
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break


def check(page: Page, html: str) -> None:
    """Stop the build if two elements of the page's content share an id."""
    counts = Counter(_ID.findall(html))
    shared = {ident for ident, count in counts.items() if count > 1}
    if not shared:
        return
    holders = _Holders(shared)
    holders.feed(html)
    ident = holders.found[0].ident
    elements = [holder for holder in holders.found if holder.ident == ident]
    # The author's own heading, where an id is easiest to change.
    heading = next((e.text for e in elements if e.tag in HEADINGS and e.text and not e.block), None)
    line = _heading_line(page, ident, heading) if heading else None
    blocks = [e.block for e in elements if e.block]
    if line is None and blocks:
        line = _block_line(page, *blocks[-1])
    if heading:
        fix = f"give the heading '{heading}' an id of its own after its text: `{{ #another-id }}`."
    else:
        fix = (
            "give one of them another id; a demo's inputs are `PREFIX-KEY`, and `kit.Demo(prefix=...)` sets "
            "PREFIX (the demo's name by default)."
        )
    raise page.error_at(
        line,
        f"the id '{ident}' is on {'two' if len(elements) == 2 else len(elements)} elements of the page: "
        f"{' and '.join(e.said() for e in elements)}; a link or a label reaches only the first.",
        fix,
    )


def _file_line(page: Page, pattern: str) -> int | None:
    match = re.search(pattern, page.markdown, re.M)
    return page.markdown.count("\n", 0, match.start()) + page.first_line if match else None


def _heading_line(page: Page, ident: str, text: str) -> int | None:
    """The line of the author's heading: the one that sets this id, or else the first with this text."""
    return _file_line(page, rf"^#{{1,6}}[ \t].*\{{[^}}]*#{re.escape(ident)}(?=[\s}}])") or _file_line(
        page, rf"^#{{1,6}}[ \t]+{re.escape(text)}[ \t]*(#*|\{{[^}}]*\}})[ \t]*$"
    )


def _block_line(page: Page, attribute: str, name: str) -> int | None:
    """The line of the block's header: `/// demo | NAME` or `/// KIND`."""
    return _file_line(page, rf"^/{{3,}}[ \t]*{HEADERS[attribute].format(re.escape(name))}(?![\w-])")
