"""`/// source-grounding` and `/// claim-review`: the page's sources and the state of its claims.

A page that cites a source or makes a claim gets both panels: where its author
puts them, or else at the end of the page, under "After The First Pass". Both
render from what the page's Markdown was read for before conversion, so a
panel near the top still lists every source and claim further down.
"""

import xml.etree.ElementTree as etree
from abc import abstractmethod

from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from hooks.authoring import assets
from hooks.authoring.errors import CurrentPage
from hooks.authoring.scan import find_bare_blocks
from hooks.grounding.citations import PageSources, describe
from hooks.grounding.claims import Claims, badge

UNREVIEWED = "Claims without a substantive review badge still need exact source-support review."
AREA = """## After The First Pass { #after-the-first-pass }

*Turn the concept into an inspected object.*
{ .section-purpose }
"""


def place(markdown):
    """The page's Markdown, with the panels it needs but does not place added at its end."""
    names = {SourceGrounding.NAME, ClaimReview.NAME}
    placed = {header.name for header in find_bare_blocks(markdown, names, CurrentPage.first_line)}
    needed = {SourceGrounding.NAME: PageSources.numbers, ClaimReview.NAME: Claims.current}
    missing = [name for name, content in needed.items() if content and name not in placed]
    if not missing:
        return markdown
    blocks = "".join(f"\n/// {name}\n///\n" for name in missing)
    return f"{markdown.rstrip()}\n\n{'' if placed else AREA}{blocks}"


class Panel(Block):
    """A section with a heading (#NAME) and a lead, then the page's items as a list, or EMPTY."""

    ARGUMENT = False
    TITLE = LEAD = EMPTY = ""
    LIST = ("ul", {})

    def on_create(self, parent):
        section = etree.SubElement(parent, "section", {"class": f"grounding-panel {self.NAME}"})
        section.set("aria-labelledby", self.NAME)
        etree.SubElement(section, "h3", {"id": self.NAME}).text = self.TITLE
        etree.SubElement(section, "p", {"class": "grounding-panel__lead"}).text = self.LEAD
        items = self.items()
        if not items:
            etree.SubElement(section, "p").text = self.EMPTY
            return section
        self.introduce(section, items)
        listing = etree.SubElement(section, *self.LIST)
        for item in items:
            self.entry(etree.SubElement(listing, "li"), item)
        return section

    @abstractmethod
    def items(self):
        """What the panel lists for the page."""

    def introduce(self, section, items):
        """Anything to say before the list."""

    @abstractmethod
    def entry(self, li, item):
        """Fill the list item of one item."""


class SourceGrounding(Panel):
    NAME = "source-grounding"
    TITLE = "Source Grounding"
    LEAD = "Canonical references for the mechanism on this page."
    EMPTY = "This page cites no sources."
    LIST = ("ol", {"class": "source-list"})

    def items(self):
        return PageSources.listed()

    def entry(self, li, source):
        li.attrib.update({"class": "source", "id": f"source-{source.key}"})
        describe(li, source).tail = " "
        if source.role:
            role = etree.SubElement(li, "span", {"class": "source__role"})
            role.text, role.tail = AtomicString(source.role), " "
        if source.url:
            link = etree.SubElement(li, "a", {"class": "source__link", "href": source.url})
            link.set("aria-label", f"Open source: {source.title}")
            link.text = "Open source"


class ClaimReview(Panel):
    NAME = "claim-review"
    TITLE = "Claim Review"
    LEAD = "Use equation, code, and demo objects to check whether the source support is operational."
    EMPTY = "This page records no claims."
    LIST = ("ul", {"class": "claim-review__index"})

    def items(self):
        return Claims.current

    def introduce(self, section, claims):
        if any(claim.status != "reviewed" for claim in claims):
            etree.SubElement(section, "p", {"class": "claim-review__unreviewed"}).text = UNREVIEWED

    def entry(self, li, claim):
        badge(li, claim).tail = " "
        etree.SubElement(li, "a", {"href": f"#claim-{claim.id}"}).text = AtomicString(claim.statement)


class GroundingPanelsExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md, block_mgr):
        block_mgr.register(SourceGrounding, {})
        block_mgr.register(ClaimReview, {})


def configure(config):
    config.markdown_extensions.append(GroundingPanelsExtension())
    assets.publish(config, __file__, "grounding.css")
