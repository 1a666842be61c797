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
from dataclasses import dataclass, field
from typing import Any, ClassVar

from hooks.authoring import blocks
from hooks.authoring.errors import Mistake
from hooks.authoring.html import el, literal
from hooks.authoring.scan import BlockHeader
from hooks.authoring.site import Page, Site, SiteBlocks
from hooks.authoring.spec import REQUIRED, Spec, Validator
from hooks.grounding import citations
from hooks.grounding.bibliography import Bibliography
from hooks.grounding.citations import Reference, parse_listed

STATUSES = {"reviewed": "Reviewed", "needs-review": "Needs review", "disputed": "Disputed"}
# What a `reviewed` claim must also say.
REVIEW = {
    "reviewed": "the date of the review, YYYY-MM-DD",
    "reviewer": "who reviewed it: a team or a role",
    "checked": "what in the sources was checked",
}
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_FIX = "add `id: a-short-name` (lower-case letters, digits and hyphens), unique on the site."
SOURCES_FIX = "add `sources: [key]` with the keys of docs/references.bib that support it."
# pymdownx drops or garbles a block nested in a list or a block quote.
PLACEMENT_FIX = "write the claim at the top level of the page or in `/// claim-review`, not in a list."


@dataclass(frozen=True)
class Claim:
    """A checked claim, where it stands in its file."""

    id: str
    statement: str
    sources: tuple[Reference, ...]
    status: str
    reviewed: datetime.date | None
    reviewer: str
    checked: str
    scope: str
    src_path: str
    line: int


@dataclass
class ClaimIndex:
    """The build's claims by id, and each page's claims by its path under docs/: `site.state(ClaimIndex)`."""

    by_id: dict[str, Claim] = field(default_factory=dict)
    by_page: dict[str, list[Claim]] = field(default_factory=dict)


# Validators. A plain ValueError holds (problem, fix) about this claim: the message names the claim's id.


def _id(value: Any) -> str:
    if not isinstance(value, str) or not ID.fullmatch(value):
        raise Mistake(f"the claim id {value!r} is not a short name.", ID_FIX)
    return value


def _sources(value: Any) -> tuple[Reference, ...]:
    if not value or not isinstance(value, list):
        raise ValueError("the claim names no sources.", SOURCES_FIX)
    return tuple(parse_listed(entry) for entry in value)


def _status(value: Any) -> str:
    if not isinstance(value, str) or value not in STATUSES:
        raise ValueError(
            f"the status {value!r} is not one this site knows.", f"set `status:` to one of {', '.join(STATUSES)}."
        )
    return value


def _date(value: Any) -> datetime.date:
    """The review date: a real date, today or earlier."""
    try:
        date = datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"the review date {value!r} is not a date.", "write it as YYYY-MM-DD.") from None
    if date > datetime.date.today():
        raise ValueError(
            f"the review date {date} is in the future.", "give the day the review was done: today at the latest."
        )
    return date


def _text(option: str) -> Validator:
    def validate(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"`{option}` is not text.", f"write `{option}:` and one line of text.")
        return value

    return validate


def of_page(site: Site, src_uri: str) -> list[Claim]:
    """The claims of the page at `src_uri` (its path under docs/), in page order."""
    return site.state(ClaimIndex).by_page.get(src_uri, [])


def badge(parent: etree.Element, claim: Claim) -> etree.Element:
    """The claim's review badge: reviewed (with date and reviewer), needs review, or disputed."""
    badge = el(parent, "span", STATUSES[claim.status], class_=f"claim-badge claim-badge--{claim.status}")
    if claim.reviewed:
        badge.text += " "
        date = claim.reviewed.isoformat()
        el(badge, "time", date, datetime=date).tail = literal(f" by {claim.reviewer}" if claim.reviewer else "")
    return badge


class ClaimBlock(blocks.ConceptBlock):
    NAME = "claim"
    KIND = "claim"
    ARGUMENT = True
    OPTIONS: ClassVar[Spec] = {
        "id": (REQUIRED, _id),
        "sources": (REQUIRED, _sources),
        "status": ("needs-review", _status),
        "reviewed": (None, _date),
        **{option: ("", _text(option)) for option in ("reviewer", "checked", "scope")},
    }
    PLACEMENT_FIX = PLACEMENT_FIX

    @classmethod
    def missing(cls, name: str, values: dict[str, Any]) -> Mistake:
        if name == "id":
            return Mistake("the claim has no `id`.", ID_FIX)
        return cls.invalid(name, ValueError("the claim names no sources.", SOURCES_FIX), values)

    @classmethod
    def invalid(cls, name: str, error: ValueError, values: dict[str, Any]) -> Mistake:
        if isinstance(error, Mistake):
            return error
        problem, fix = error.args
        return Mistake(f"claim {values['id']!r}: {problem}", fix, name)

    @classmethod
    def argument_mistake(cls, argument: str | None, options: dict[str, Any]) -> Mistake | None:
        if (argument or "").strip():
            return None
        return Mistake(
            f"claim {options['id']!r}: the claim has no statement.", "write it after a bar: `/// claim | What it says.`"
        )

    @classmethod
    def rules(cls, options: dict[str, Any]) -> None:
        if options["status"] != "reviewed":
            return
        for option, meaning in REVIEW.items():
            if not options[option]:
                raise Mistake(
                    f"claim {options['id']!r}: the claim is marked reviewed but has no `{option}`.",
                    f"add `{option}:` ({meaning}), or set `status: needs-review`.",
                    option,
                )

    @classmethod
    def read(cls, header: BlockHeader, options: dict[str, Any]) -> Claim:
        """The claim; its id must be the site's only one, its sources join the page's numbered sources."""
        page, site = header.page, header.page.site
        index = site.state(ClaimIndex)
        first = index.by_id.get(options["id"])
        if first:
            raise page.error_at(
                header.option_line("id"),
                f"claim {options['id']!r}: the id is already used by the claim at {first.src_path}:{first.line}.",
                "give this claim an id of its own: claim ids are unique across the site.",
            )
        for reference in options["sources"]:
            citations.use(site, reference, header.option_line("sources"))
        statement = header.argument.strip()
        claim = Claim(statement=statement, src_path=page.src_path, line=header.line, **options)
        index.by_id[claim.id] = claim
        index.by_page.setdefault(page.src_uri, []).append(claim)
        return claim

    @classmethod
    def marker(cls, item: Claim) -> str:
        return f'id="claim-{item.id}"'

    @classmethod
    def lost(cls, item: Claim) -> str:
        return f"claim {item.id!r} did not make it onto the page."

    def take(self, queued: list[Claim]) -> Claim | None:
        # By id: a claim pymdownx dropped must not hand its place to the next one.
        return next((claim for claim in queued if claim.id == self.options["id"]), None)

    def render(self, parent: etree.Element, claim: Claim) -> etree.Element:
        article = el(parent, "article", class_="claim", id=f"claim-{claim.id}", data_claim_status=claim.status)
        header = el(article, "header", class_="claim__header")
        badge(header, claim)
        statement = el(header, "p", literal(claim.statement + " "), class_="claim__statement")
        el(statement, "a", "#", class_="claim__anchor", href=f"#claim-{claim.id}", aria_label="Link to this claim")
        summary = el(article, "div", class_="claim__summary")
        facts = el(article, "dl", class_="claim__facts")
        self._sources(_fact(facts, "Sources"), claim)
        _fact(facts, "Checked").text = claim.checked or "Not yet checked against the sources."
        if claim.scope:
            _fact(facts, "Scope").text = f"This source check covers {claim.scope.rstrip('.')}."
        return summary

    def _sources(self, dd: etree.Element, claim: Claim) -> None:
        """Each source's title, linked to its entry in the page's Source Grounding, and its locator."""
        bibliography = self.site.state(Bibliography)
        for index, reference in enumerate(claim.sources):
            link = el(dd, "a", literal(bibliography.sources[reference.key].title), href=f"#source-{reference.key}")
            locator = f", {reference.locator}" if reference.locator else ""
            link.tail = literal(locator + ("; " if index < len(claim.sources) - 1 else ""))


def _fact(facts: etree.Element, term: str) -> etree.Element:
    el(facts, "dt", term)
    return el(facts, "dd")


def configure(site: Site) -> None:
    site.config.markdown_extensions.append(SiteBlocks(site, ClaimBlock))


def collect(page: Page) -> None:
    """Read and check the page's claims; their sources join the page's numbered sources."""
    page.site.state(ClaimIndex).by_page[page.src_uri] = []
    blocks.collect(page, [ClaimBlock])
