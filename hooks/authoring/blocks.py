"""Blocks with one declarative spec, and the collect → queue → render → check protocol.

pymdownx turns a block whose header fails its checks into plain text, silently.
So a `ConceptBlock` declares its header once, in pymdownx's own form (`NAME`,
`ARGUMENT`, `OPTIONS` as `{name: (default, validator)}`, see
`hooks/authoring/spec.py`), plus cross-field `rules`, and the spec runs twice:

1. `collect(page, blocks)`, from on_page_markdown, finds each header of these
   blocks in the page's Markdown with its file line (`hooks/authoring/scan.py`)
   and runs the spec: unknown options, then each option (missing or refused),
   then the argument, then `rules`. The first mistake stops the build at its
   line. `read` turns the checked header into the block's item, queued on the page.
2. While converting, pymdownx runs the same validators, which every header has
   passed; `on_create` takes the block's item from the queue and `render`s it.
3. `check(page, html)`, from on_page_content, refuses an item that did not
   make it onto the page (pymdownx drops a block where it cannot read it), at
   the item's line.

A block declares `NAME`, `ARGUMENT` (as pymdownx: True required, False none,
None optional), `ARGUMENT_NAME`, `OPTIONS`, `KIND` and `PLACEMENT_FIX`, and
overrides `render`; where it needs to, `rules`, `read`, `take`, `marker`, and
for its own wording `missing`, `invalid`, `argument_mistake`, `lost`:

    class Note(ConceptBlock):
        NAME, KIND, ARGUMENT, ARGUMENT_NAME = "note", "note", True, "title"
        OPTIONS = {"colour": ("blue", check(is_text, "a colour name"))}
        PLACEMENT_FIX = "write the note at the top level of the page."

        def render(self, parent, item):
            return el(parent, "aside", item.argument, class_=f"note note--{item.options['colour']}")

    Site.create(config) ... config.markdown_extensions.append(SiteBlocks(site, Note))
    collect(page, [Note]) in on_page_markdown; check(page, html) in on_page_content.
"""

import xml.etree.ElementTree as etree
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from hooks.authoring.errors import AuthorError, Mistake
from hooks.authoring.scan import BlockHeader, find_blocks
from hooks.authoring.site import Page, SiteBlock
from hooks.authoring.spec import OptionError, Spec, apply


@dataclass
class Entry:
    """A checked block as queued by default: its page-unique id (`name`, `name-2`, ...), argument, options, line."""

    name: str
    id: str
    argument: str | None
    options: dict[str, Any]
    line: int


@dataclass
class Queue:
    """Per page: each block's items in page order, and those the rendered page must show."""

    items: dict[str, list[Any]] = field(default_factory=dict)
    expected: list[tuple[type["ConceptBlock"], Any]] = field(default_factory=list)


class ConceptBlock(SiteBlock):
    """A pymdownx block whose header is checked, with lines, before pymdownx reads it."""

    NAME: ClassVar[str] = ""
    ARGUMENT: ClassVar[bool | None] = False
    ARGUMENT_NAME: ClassVar[str] = "title"
    OPTIONS: ClassVar[Spec] = {}
    KIND: ClassVar[str] = "block"
    PLACEMENT_FIX: ClassVar[str] = "write the block at the top level of the page."

    @classmethod
    def block(cls) -> str:
        return f"`/// {cls.NAME}`"

    # Reading: the spec, run on the header as written.

    @classmethod
    def check_header(cls, header: BlockHeader) -> dict[str, Any]:
        """The header's options, validated; the first mistake stops the build at its line."""
        try:
            options = apply(cls.OPTIONS, header.options(tuple(cls.OPTIONS)))
        except OptionError as err:
            if err.error is None:
                raise header.page.place(cls.missing(err.name, err.values), header.line) from None
            mistake = cls.invalid(err.name, err.error, err.values)
            raise header.page.place(mistake, header.option_line(err.name)) from None
        mistake = cls.argument_mistake(header.argument, options)
        if mistake:
            raise header.page.place(mistake, header.line)
        try:
            cls.rules(options)
        except Mistake as mistake:
            raise header.page.place(mistake, header.option_line(mistake.option)) from None
        return options

    @classmethod
    def missing(cls, name: str, values: dict[str, Any]) -> Mistake:
        """The mistake of leaving out the required option `name`; `values` were read before it."""
        holds = getattr(cls.OPTIONS[name][1], "holds", "")
        return Mistake(f"{cls.block()} has no `{name}` option.", f"add `{name}:`, {holds}.")

    @classmethod
    def invalid(cls, name: str, error: ValueError, values: dict[str, Any]) -> Mistake:
        """The mistake of a value the validator of `name` refused: its Mistake, or what the option holds."""
        if isinstance(error, Mistake):
            return error
        holds = str(error)
        return Mistake(f"the `{name}` of {cls.block()} is not {holds}.", f"write `{name}:` as {holds}.")

    @classmethod
    def argument_mistake(cls, argument: str | None, options: dict[str, Any]) -> Mistake | None:
        """The mistake in the argument after the bar, if any."""
        if cls.ARGUMENT is False and argument is not None:
            return Mistake(f"{cls.block()} takes no title.", f"write {cls.block()} alone on its line.")
        if cls.ARGUMENT and not (argument or "").strip():
            return Mistake(
                f"{cls.block()} has no {cls.ARGUMENT_NAME}.", f"write it after a bar: `/// {cls.NAME} | ...`."
            )
        return None

    @classmethod
    def rules(cls, options: dict[str, Any]) -> None:
        """Rules across options; raise a Mistake whose `option` names the line to report."""

    @classmethod
    def read(cls, header: BlockHeader, options: dict[str, Any]) -> Any:
        """The item that `render` will show, from the checked header; by default an Entry."""
        count = len(header.page.state(Queue).items.get(cls.NAME, [])) + 1
        block_id = cls.NAME if count == 1 else f"{cls.NAME}-{count}"
        return Entry(cls.NAME, block_id, header.argument, options, header.line)

    @classmethod
    def marker(cls, item: Any) -> str | None:
        """What the rendered page holds once `item` is on it; None: nothing to check."""
        return None

    @classmethod
    def lost(cls, item: Any) -> str:
        """The problem when `item` did not make it onto the page."""
        return f"the {cls.KIND} `{item.id}` did not make it onto the page."

    # Rendering: the queued item, where pymdownx found the block.

    def on_create(self, parent: etree.Element) -> etree.Element:
        item = self.take(self.page.state(Queue).items.get(self.NAME, []))
        if item is None:
            raise self.page.error(
                f"/// {self.NAME}", f"this {self.KIND} stands where it cannot be read.", self.PLACEMENT_FIX
            )
        return self.render(parent, item)

    def take(self, queued: list[Any]) -> Any:
        """This block's item: by default the first not yet rendered."""
        return queued.pop(0) if queued else None

    def render(self, parent: etree.Element, item: Any) -> etree.Element:
        """Build the block under `parent`; return where its Markdown content goes."""
        raise NotImplementedError


def collect(page: Page, blocks: Sequence[type[ConceptBlock]]) -> None:
    """Check and queue every header of `blocks` on the page, in page order."""
    by_name = {block.NAME: block for block in blocks}
    queue = page.state(Queue)
    for header in find_blocks(page, by_name):
        block = by_name[header.name]
        item = block.read(header, block.check_header(header))
        queue.items.setdefault(block.NAME, []).append(item)
        if block.marker(item) is not None:
            queue.expected.append((block, item))


def check(page: Page, html: str) -> None:
    """Every item collected from the page's Markdown that must show is on the rendered page."""
    for block, item in page.state(Queue).expected:
        if block.marker(item) not in html:
            raise AuthorError(page.src_path, item.line, block.lost(item), block.PLACEMENT_FIX)
