"""schema.org `ClaimReview` JSON-LD in the page's <head>, one object per reviewed claim.

Generated from the same claims the page renders, so markup and page cannot disagree.
"""

import json
from typing import Any

from mkdocs.structure.pages import Page as MkDocsPage

from hooks.authoring.html import markup
from hooks.authoring.site import Site
from hooks.grounding.bibliography import Bibliography, Source
from hooks.grounding.claims import Claim, of_page


def inject(site: Site, output: str, page: MkDocsPage) -> str:
    """The page's HTML with a JSON-LD script for each of its reviewed claims before </head>."""
    sources = site.state(Bibliography).sources
    claims = [claim for claim in of_page(site, page.file.src_uri) if claim.status == "reviewed"]
    scripts = [_script(_claim_review(claim, page, sources)) for claim in claims]
    if not scripts:
        return output
    return output.replace("</head>", "".join(scripts) + "</head>", 1)


def _claim_review(claim: Claim, page: MkDocsPage, sources: dict[str, Source]) -> dict[str, Any]:
    url = page.canonical_url or page.abs_url or page.url
    appearance = {"@type": "CreativeWork", "url": url, "name": page.title}
    if page.meta.get("concept"):
        appearance["identifier"] = f"concept:{page.meta['concept']}"
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{url}#claim-{claim.id}",
        "claimReviewed": claim.statement,
        "datePublished": claim.reviewed.isoformat(),
        "author": {"@type": "Organization", "name": claim.reviewer},
        "reviewRating": {"@type": "Rating", "alternateName": claim.status},
        "itemReviewed": {
            "@type": "Claim",
            "appearance": appearance,
            "citation": [_work(sources[reference.key]) for reference in claim.sources],
        },
    }


def _work(source: Source) -> dict[str, str]:
    work = {"@type": "CreativeWork", "name": source.title, "author": source.authors}
    if source.url:
        work["url"] = source.url
    return work


def _script(data: dict[str, Any]) -> str:
    # `<` as \u003c: no `</script>` or `<!--` inside the data can end or bend the script element.
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return markup("script", text, type="application/ld+json")
