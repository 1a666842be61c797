"""Inline citations, Pandoc style: `[@key]`, `[@key, ch. 5]`, `[@a; @b, §2.1]`.

Each becomes numbered links to the page's Source Grounding list, each with a card
(title, authors, year, locator) that shows on hover and on keyboard focus. A
page's sources are numbered in order of first use: its front matter `sources`,
then its citations in reading order, then the sources of its claims. Code is
never read as a citation; `\\[@...]` writes the brackets literally.
"""

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor

from hooks.authoring import front_matter
from hooks.authoring.errors import Mistake
from hooks.authoring.html import el, literal
from hooks.authoring.scan import prose
from hooks.authoring.site import Page, Site, SiteExtension
from hooks.grounding.bibliography import Bibliography, Source

KEY = r"\w(?:[\w:./-]*\w)?"
# Not a link `[@x](...)` or part of a reference `[@x][...]`, `[text][@x]`; it may wrap lines.
CITATION = re.compile(rf"(?<![\\\]])\[\s*@{KEY}(?:(?!\n[ \t]*\n)[^\[\]])*\](?![(\[])")
CITED = re.compile(rf"\s*@({KEY})\s*(?:,\s*(.*?))?\s*", re.S)
LISTED = re.compile(rf"\s*({KEY})\s*(?:,\s*(.*?))?\s*")
SYNTAX = "write `[@key]`, `[@key, locator]` or `[@key-one; @key-two, locator]`"


@dataclass(frozen=True)
class Reference:
    """A source and, optionally, where in it: `cs229-logistic-regression, §2.1`."""

    key: str
    locator: str = ""


@dataclass
class PageSources:
    """The sources of the page being built, numbered in order of first use: `page.state(PageSources)`."""

    numbers: dict[str, int] = field(default_factory=dict)


def use(site: Site, reference: Reference, line: int | None) -> None:
    """Number the source on first use; a key the bibliography lacks stops the build at `line`."""
    bibliography = site.state(Bibliography)
    if not bibliography.get(reference.key):
        raise site.page.error_at(line, *bibliography.unknown(reference.key))
    numbers = site.page.state(PageSources).numbers
    numbers.setdefault(reference.key, len(numbers) + 1)


def listed(site: Site) -> list[Source]:
    """The page's Sources, in the order of their numbers."""
    bibliography = site.state(Bibliography)
    return [bibliography.sources[key] for key in site.page.state(PageSources).numbers]


def parse_citation(text: str) -> list[Reference] | None:
    """The References of one `[@...]` citation, or None if it is not one this site reads."""
    parts = [CITED.fullmatch(part) for part in text.strip()[1:-1].split(";")]
    if not all(parts):
        return None
    # A citation may wrap across lines: its locator is read with the white space folded.
    return [Reference(p.group(1), " ".join((p.group(2) or "").split())) for p in parts]


def malformed(text: str) -> tuple[str, str]:
    """(problem, fix) for a citation that parse_citation cannot read."""
    return f"the citation `{' '.join(text.split())}` is not one this site reads.", f"{SYNTAX}."


def parse_listed(entry: object) -> Reference:
    """The Reference of a `sources` entry: `key` or `key, locator`."""
    listed = LISTED.fullmatch(entry) if isinstance(entry, str) else None
    if not listed:
        raise Mistake(
            f"the source {entry!r} is not a bibliography key.",
            "write each source as `key` or `key, locator`; in a [flow, list] a comma separates entries, "
            "so give a locator in a list of `- key, locator` lines.",
        )
    return Reference(listed.group(1), listed.group(2) or "")


def collect(site: Site, page: Page) -> None:
    """Number the page's front matter sources and inline citations; unknown keys stop the build."""
    for entry, line in front_matter.sources(page):
        try:
            reference = parse_listed(entry)
        except Mistake as mistake:
            raise page.place(mistake, line) from None
        use(site, reference, line)
    text = prose(page.markdown)
    for citation in CITATION.finditer(text):
        line = page.first_line + text.count("\n", 0, citation.start())
        references = parse_citation(citation.group(0))
        if references is None:
            raise page.error_at(line, *malformed(citation.group(0)))
        for reference in references:
            use(site, reference, line)


def describe(parent: etree.Element, source: Source, locator: str = "") -> etree.Element:
    """Title, then authors, year and locator, of a source under `parent`; returns the details."""
    # Spaces between the parts, so read aloud or copied they do not run together.
    el(parent, "cite", literal(source.title)).tail = " "
    details = ", ".join(d for d in [source.authors, source.year or "n.d.", locator] if d)
    return el(parent, "span", literal(details), class_="source__details")


class CitationProcessor(InlineProcessor):
    """Each `[@...]` citation, as numbered links with a card per source."""

    def __init__(self, md: Markdown, site: Site) -> None:
        super().__init__(CITATION.pattern, md)
        self.site = site
        self.count = 0  # one Markdown instance per page: ids unique within the page

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:
        page, bibliography = self.site.page, self.site.state(Bibliography)
        references = parse_citation(m.group(0))
        if references is None:
            raise page.error(m.group(0), *malformed(m.group(0)))
        marker = etree.Element("sup", {"class": "citation"})
        for reference in references:
            number = page.state(PageSources).numbers.get(reference.key)
            if number is None:
                # The scan reads every citation outside code; one it missed is still refused.
                raise page.error(m.group(0), *bibliography.unknown(reference.key))
            if len(marker):
                marker[-1].tail = ", "
            self.count += 1
            card_id = f"citation-{self.count}"
            item = el(marker, "span", class_="citation__item")
            el(item, "a", str(number), href=f"#source-{reference.key}", aria_describedby=card_id)
            card = el(item, "span", class_="citation__card", role="tooltip", id=card_id)
            describe(card, bibliography.sources[reference.key], reference.locator)
        return marker, m.start(0), m.end(0)


class CitationExtension(SiteExtension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Before links and references (160, 170), after backticks and escapes (190, 180).
        md.inlinePatterns.register(CitationProcessor(md, self.site), "citation", 175)


def configure(site: Site) -> None:
    site.config.markdown_extensions.append(CitationExtension(site))
