"""`/// claim | statement` blocks: a statement of the page, its sources and the state of its review.

    /// claim | Logistic regression turns a linear score into a probability.
        id: core-mechanism
        sources: [cs229-logistic-regression, goodfellow-2016-deep-learning]
        status: reviewed
        reviewed: 2026-06-28
        reviewer: Concept review team
        checked: CS229 section 2.1
        scope: binary logistic regression

    The review summary, in Markdown.
    ///

Claims are read from the page's Markdown before it is converted, so every
mistake stops the build with its line, and ids are checked across the site.
The block then renders the claim where it stands, linkable as #claim-ID.
"""

import datetime
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block, type_any

from hooks.authoring.errors import AuthorError, CurrentPage, error_at, page_error
from hooks.authoring.scan import find_blocks
from hooks.grounding import bibliography
from hooks.grounding.citations import PageSources, parse_listed

OPTIONS = ("id", "sources", "status", "reviewed", "reviewer", "checked", "scope")
STATUSES = {"reviewed": "Reviewed", "needs-review": "Needs review", "disputed": "Disputed"}
# What a `reviewed` claim must also say.
REVIEW = {
    "reviewed": "the date of the review, YYYY-MM-DD",
    "reviewer": "who reviewed it: a team or a role",
    "checked": "what in the sources was checked",
}
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# pymdownx drops or garbles a block nested in a list or a block quote.
PLACEMENT_FIX = "write the claim at the top level of the page or in `/// claim-review`, not in a list."


@dataclass(frozen=True)
class Claim:
    id: str
    statement: str
    sources: tuple
    status: str
    reviewed: datetime.date | None
    reviewer: str
    checked: str
    scope: str
    src_path: str
    line: int


class Claims:
    """The build's claims by id, each page's claims by its path under docs/, and the current page's."""

    by_id = {}
    by_page = {}
    current = []


def configure(config):
    Claims.by_id, Claims.by_page, Claims.current = {}, {}, []
    config.markdown_extensions.append(ClaimExtension())


def collect(markdown, page):
    """Read and check the page's claims; their sources join the page's numbered sources."""
    Claims.current = [_read(header) for header in find_blocks(markdown, {"claim"}, CurrentPage.first_line)]
    Claims.by_page[page.file.src_uri] = Claims.current


def check_rendered(html):
    """Every claim read from the page's Markdown must be on the rendered page."""
    for claim in Claims.current:
        if f'id="claim-{claim.id}"' not in html:
            problem = f"claim {claim.id!r} did not make it onto the page."
            raise AuthorError(claim.src_path, claim.line, problem, PLACEMENT_FIX)


def of_page(page):
    return Claims.by_page.get(page.file.src_uri, [])


def _read(header):
    options = header.options(OPTIONS)
    claim_id = _id(header, options)

    def fail(option, problem, fix):
        """An error on this claim, at the line of `option` (of the header if it has none)."""
        return error_at(header.option_line(option), f"claim {claim_id!r}: {problem}", fix)

    statement = (header.argument or "").strip()
    if not statement:
        raise fail(None, "the claim has no statement.", "write it after a bar: `/// claim | What it says.`")
    listed = options.get("sources")
    if not listed or not isinstance(listed, list):
        raise fail(
            "sources",
            "the claim names no sources.",
            "add `sources: [key]` with the keys of docs/references.bib that support it.",
        )
    line = header.option_line("sources")
    sources = tuple(parse_listed(entry, line) for entry in listed)
    for reference in sources:
        PageSources.use(reference, line)
    status = options.get("status", "needs-review")
    if not isinstance(status, str) or status not in STATUSES:
        raise fail(
            "status",
            f"the status {status!r} is not one this site knows.",
            f"set `status:` to one of {', '.join(STATUSES)}.",
        )
    reviewed = options.get("reviewed")
    if reviewed is not None:
        reviewed = _date(reviewed, lambda problem, fix: fail("reviewed", problem, fix))
    text = {option: options.get(option, "") for option in ("reviewer", "checked", "scope")}
    for option, value in text.items():
        if not isinstance(value, str):
            raise fail(option, f"`{option}` is not text.", f"write `{option}:` and one line of text.")
    if status == "reviewed":
        given = {"reviewed": reviewed, **text}
        for option, meaning in REVIEW.items():
            if not given[option]:
                raise fail(
                    option,
                    f"the claim is marked reviewed but has no `{option}`.",
                    f"add `{option}:` ({meaning}), or set `status: needs-review`.",
                )
    claim = Claim(
        claim_id, statement, sources, status, reviewed, src_path=CurrentPage.src_path, line=header.line, **text
    )
    Claims.by_id[claim_id] = claim
    return claim


def _id(header, options):
    """The claim's id: a short name that no other claim of the site has."""
    claim_id = options.get("id")
    fix = "add `id: a-short-name` (lower-case letters, digits and hyphens), unique on the site."
    if claim_id is None:
        raise error_at(header.line, "the claim has no `id`.", fix)
    if not isinstance(claim_id, str) or not ID.fullmatch(claim_id):
        raise error_at(header.option_line("id"), f"the claim id {claim_id!r} is not a short name.", fix)
    if claim_id in Claims.by_id:
        first = Claims.by_id[claim_id]
        raise error_at(
            header.option_line("id"),
            f"claim {claim_id!r}: the id is already used by the claim at {first.src_path}:{first.line}.",
            "give this claim an id of its own: claim ids are unique across the site.",
        )
    return claim_id


def _date(value, fail):
    """The review date: a real date, today or earlier."""
    try:
        date = datetime.date.fromisoformat(str(value))
    except ValueError:
        raise fail(f"the review date {value!r} is not a date.", "write it as YYYY-MM-DD.") from None
    if date > datetime.date.today():
        problem = f"the review date {date} is in the future."
        raise fail(problem, "give the day the review was done: today at the latest.")
    return date


def badge(parent, claim):
    """The claim's review badge: reviewed (with date and reviewer), needs review, or disputed."""
    el = etree.SubElement(parent, "span", {"class": f"claim-badge claim-badge--{claim.status}"})
    el.text = STATUSES[claim.status]
    if claim.reviewed:
        el.text += " "
        time = etree.SubElement(el, "time", {"datetime": claim.reviewed.isoformat()})
        time.text = claim.reviewed.isoformat()
        time.tail = AtomicString(f" by {claim.reviewer}" if claim.reviewer else "")
    return el


class ClaimBlock(Block):
    NAME = "claim"
    ARGUMENT = True
    # collect() has already checked every option, naming its line.
    OPTIONS = {option: (None, type_any) for option in OPTIONS}

    def on_create(self, parent):
        claim = next((c for c in Claims.current if c.id == self.options["id"]), None)
        if claim is None:
            raise page_error(f"/// {self.NAME}", "this claim stands where it cannot be read.", PLACEMENT_FIX)
        attributes = {"class": "claim", "id": f"claim-{claim.id}", "data-claim-status": claim.status}
        article = etree.SubElement(parent, "article", attributes)
        header = etree.SubElement(article, "header", {"class": "claim__header"})
        badge(header, claim)
        statement = etree.SubElement(header, "p", {"class": "claim__statement"})
        statement.text = AtomicString(claim.statement + " ")
        anchor = etree.SubElement(statement, "a", {"class": "claim__anchor", "href": f"#claim-{claim.id}"})
        anchor.set("aria-label", "Link to this claim")
        anchor.text = "#"
        summary = etree.SubElement(article, "div", {"class": "claim__summary"})
        facts = etree.SubElement(article, "dl", {"class": "claim__facts"})
        _sources(_fact(facts, "Sources"), claim)
        _fact(facts, "Checked").text = claim.checked or "Not yet checked against the sources."
        if claim.scope:
            _fact(facts, "Scope").text = f"This source check covers {claim.scope.rstrip('.')}."
        return summary


def _fact(facts, term):
    etree.SubElement(facts, "dt").text = term
    return etree.SubElement(facts, "dd")


def _sources(dd, claim):
    """Each source's title, linked to its entry in the page's Source Grounding, and its locator."""
    for index, reference in enumerate(claim.sources):
        link = etree.SubElement(dd, "a", {"href": f"#source-{reference.key}"})
        link.text = AtomicString(bibliography.get(reference.key).title)
        locator = f", {reference.locator}" if reference.locator else ""
        link.tail = AtomicString(locator + ("; " if index < len(claim.sources) - 1 else ""))


class ClaimExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md, block_mgr):
        block_mgr.register(ClaimBlock, {})
