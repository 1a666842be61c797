"""`/// source-grounding` and `/// claim-review`: the page's sources and the state of its claims.

A page that cites a source or makes a claim gets both panels: where its author
puts them, or else at the end of the page, under "After The First Pass". Both
render from what the page's Markdown was read for before conversion, so a
panel near the top still lists every source and claim further down.
"""

import xml.etree.ElementTree as etree
from abc import abstractmethod
from typing import Any, ClassVar

from hooks.authoring import assets
from hooks.authoring.html import el, literal
from hooks.authoring.scan import Once, find_bare_blocks
from hooks.authoring.site import Page, Site, SiteBlock, SiteBlocks
from hooks.grounding import citations
from hooks.grounding.citations import PageSources, describe
from hooks.grounding.claims import badge, of_page

UNREVIEWED = "Claims without a substantive review badge still need exact source-support review."
AREA = """## After The First Pass { #after-the-first-pass }

*Turn the concept into an inspected object.*
{ .section-purpose }
"""


def place(page: Page, markdown: str) -> str:
    """`markdown`, with the panels the page needs but does not place added at its end."""
    names = {SourceGrounding.NAME, ClaimReview.NAME}
    once = Once(page, lambda name: f"`/// {name}`", "remove one: the panel lists the whole page wherever it stands.")
    for header in find_bare_blocks(page, names):
        once.see(header.name, header)
    placed = set(once.first)
    needed = {SourceGrounding.NAME: page.state(PageSources).numbers, ClaimReview.NAME: of_page(page.site, page.src_uri)}
    missing = [name for name, content in needed.items() if content and name not in placed]
    if not missing:
        return markdown
    blocks = "".join(f"\n/// {name}\n///\n" for name in missing)
    return f"{markdown.rstrip()}\n\n{'' if placed else AREA}{blocks}"


class Panel(SiteBlock):
    """A section with a heading (#NAME) and a lead, then the page's items as a list, or EMPTY."""

    ARGUMENT = False
    TITLE: ClassVar[str] = ""
    LEAD: ClassVar[str] = ""
    EMPTY: ClassVar[str] = ""
    LIST: ClassVar[str] = "ul"
    LIST_CLASS: ClassVar[str | None] = None

    def on_create(self, parent: etree.Element) -> etree.Element:
        section = el(parent, "section", class_=f"grounding-panel {self.NAME}", aria_labelledby=self.NAME)
        el(section, "h3", self.TITLE, id=self.NAME)
        el(section, "p", self.LEAD, class_="grounding-panel__lead")
        items = self.items()
        if not items:
            el(section, "p", self.EMPTY)
            return section
        self.introduce(section, items)
        listing = el(section, self.LIST, **({"class_": self.LIST_CLASS} if self.LIST_CLASS else {}))
        for item in items:
            self.entry(el(listing, "li"), item)
        return section

    @abstractmethod
    def items(self) -> list[Any]:
        """What the panel lists for the page."""

    def introduce(self, section: etree.Element, items: list[Any]) -> None:
        """Anything to say before the list."""

    @abstractmethod
    def entry(self, li: etree.Element, item: Any) -> None:
        """Fill the list item of one item."""


class SourceGrounding(Panel):
    NAME = "source-grounding"
    TITLE = "Source Grounding"
    LEAD = "Canonical references for the mechanism on this page."
    EMPTY = "This page cites no sources."
    LIST, LIST_CLASS = "ol", "source-list"

    def items(self) -> list[Any]:
        return citations.listed(self.site)

    def entry(self, li: etree.Element, source: Any) -> None:
        li.attrib.update({"class": "source", "id": f"source-{source.key}"})
        describe(li, source).tail = " "
        if source.role:
            el(li, "span", literal(source.role), class_="source__role").tail = " "
        if source.url:
            link = el(li, "a", "Open source", class_="source__link", href=source.url)
            link.set("aria-label", f"Open source: {source.title}")


class ClaimReview(Panel):
    NAME = "claim-review"
    TITLE = "Claim Review"
    LEAD = "Use equation, code, and demo objects to check whether the source support is operational."
    EMPTY = "This page records no claims."
    LIST_CLASS = "claim-review__index"

    def items(self) -> list[Any]:
        return of_page(self.site, self.page.src_uri)

    def introduce(self, section: etree.Element, claims: list[Any]) -> None:
        if any(claim.status != "reviewed" for claim in claims):
            el(section, "p", UNREVIEWED, class_="claim-review__unreviewed")

    def entry(self, li: etree.Element, claim: Any) -> None:
        badge(li, claim).tail = " "
        el(li, "a", literal(claim.statement), href=f"#claim-{claim.id}")


def configure(site: Site) -> None:
    site.config.markdown_extensions.append(SiteBlocks(site, SourceGrounding, ClaimReview))
    assets.publish(site, __file__, "grounding.css")
