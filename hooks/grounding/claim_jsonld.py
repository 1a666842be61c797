"""schema.org `ClaimReview` JSON-LD in the page's <head>, one object per reviewed claim.

Generated from the same claims the page renders, so markup and page cannot disagree.
"""

import json

from hooks.grounding import bibliography
from hooks.grounding.claims import of_page


def inject(output, page):
    """The page's HTML with a JSON-LD script for each of its reviewed claims before </head>."""
    scripts = [_script(_claim_review(claim, page)) for claim in of_page(page) if claim.status == "reviewed"]
    if not scripts:
        return output
    return output.replace("</head>", "".join(scripts) + "</head>", 1)


def _claim_review(claim, page):
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
            "citation": [_work(bibliography.get(reference.key)) for reference in claim.sources],
        },
    }


def _work(source):
    work = {"@type": "CreativeWork", "name": source.title, "author": source.authors}
    if source.url:
        work["url"] = source.url
    return work


def _script(data):
    # `<` as \u003c: no `</script>` or `<!--` inside the data can end or bend the script element.
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return f'<script type="application/ld+json">{text}</script>'
