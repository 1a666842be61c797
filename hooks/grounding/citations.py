"""Inline citations, Pandoc style: `[@key]`, `[@key, ch. 5]`, `[@a; @b, §2.1]`.

Each becomes numbered links to the page's Source Grounding list, each with a card
(title, authors, year, locator) that shows on hover and on keyboard focus. A
page's sources are numbered in order of first use: its front matter `sources`,
then its citations in reading order, then the sources of its claims. Code is
never read as a citation; `\\[@...]` writes the brackets literally.
"""

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from hooks.authoring import front_matter
from hooks.authoring.errors import CurrentPage, error_at, page_error
from hooks.authoring.scan import prose
from hooks.grounding import bibliography

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


class PageSources:
    """The sources of the page being built, numbered in order of first use."""

    numbers = {}

    @classmethod
    def use(cls, reference, line):
        """Number the source on first use; a key the bibliography lacks stops the build at `line`."""
        if not bibliography.get(reference.key):
            raise error_at(line, *bibliography.unknown(reference.key))
        cls.numbers.setdefault(reference.key, len(cls.numbers) + 1)

    @classmethod
    def listed(cls):
        """The page's Sources, in the order of their numbers."""
        return [bibliography.get(key) for key in cls.numbers]


def parse_citation(text):
    """The References of one `[@...]` citation, or None if it is not one this site reads."""
    parts = [CITED.fullmatch(part) for part in text.strip()[1:-1].split(";")]
    if not all(parts):
        return None
    # A citation may wrap across lines: its locator is read with the white space folded.
    return [Reference(p.group(1), " ".join((p.group(2) or "").split())) for p in parts]


def malformed(text):
    """(problem, fix) for a citation that parse_citation cannot read."""
    return f"the citation `{' '.join(text.split())}` is not one this site reads.", f"{SYNTAX}."


def parse_listed(entry, line):
    """The Reference of a `sources` entry: `key` or `key, locator`."""
    listed = LISTED.fullmatch(entry) if isinstance(entry, str) else None
    if not listed:
        raise error_at(
            line,
            f"the source {entry!r} is not a bibliography key.",
            "write each source as `key` or `key, locator`; in a [flow, list] a comma separates entries, "
            "so give a locator in a list of `- key, locator` lines.",
        )
    return Reference(listed.group(1), listed.group(2) or "")


def collect(markdown, page):
    """Number the page's front matter sources and inline citations; unknown keys stop the build."""
    PageSources.numbers = {}
    for entry, line in front_matter.sources(page):
        PageSources.use(parse_listed(entry, line), line)
    text = prose(markdown)
    for citation in CITATION.finditer(text):
        line = CurrentPage.first_line + text.count("\n", 0, citation.start())
        references = parse_citation(citation.group(0))
        if references is None:
            raise error_at(line, *malformed(citation.group(0)))
        for reference in references:
            PageSources.use(reference, line)


def describe(parent, source, locator=""):
    """Title, then authors, year and locator, of a source under `parent`; returns the details."""
    title = etree.SubElement(parent, "cite")
    # Spaces between the parts, so read aloud or copied they do not run together.
    title.text, title.tail = AtomicString(source.title), " "
    details = etree.SubElement(parent, "span", {"class": "source__details"})
    details.text = AtomicString(", ".join(d for d in [source.authors, source.year or "n.d.", locator] if d))
    return details


class CitationProcessor(InlineProcessor):
    def __init__(self, md):
        super().__init__(CITATION.pattern, md)
        self.count = 0  # one Markdown instance per page: ids unique within the page

    def handleMatch(self, m, data):
        references = parse_citation(m.group(0))
        if references is None:
            raise page_error(m.group(0), *malformed(m.group(0)))
        marker = etree.Element("sup", {"class": "citation"})
        for reference in references:
            number = PageSources.numbers.get(reference.key)
            if number is None:
                # The scan reads every citation outside code; one it missed is still refused.
                raise page_error(m.group(0), *bibliography.unknown(reference.key))
            if len(marker):
                marker[-1].tail = ", "
            self.count += 1
            card_id = f"citation-{self.count}"
            item = etree.SubElement(marker, "span", {"class": "citation__item"})
            link = etree.SubElement(item, "a", {"href": f"#source-{reference.key}"})
            link.set("aria-describedby", card_id)
            link.text = str(number)
            card = etree.SubElement(item, "span", {"class": "citation__card", "role": "tooltip"})
            card.set("id", card_id)
            describe(card, bibliography.get(reference.key), reference.locator)
        return marker, m.start(0), m.end(0)


class CitationExtension(Extension):
    def extendMarkdown(self, md):
        # Before links and references (160, 170), after backticks and escapes (190, 180).
        md.inlinePatterns.register(CitationProcessor(md), "citation", 175)


def configure(config):
    config.markdown_extensions.append(CitationExtension())
