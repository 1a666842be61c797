"""Source grounding and claim review: citations, claims, panels and JSON-LD, and the build refusing bad input."""

import datetime
import json
import re
import textwrap

import pytest
import yaml

from tests import harness
from tests.conftest import BIB_SRC, PAGE_SRC, ROOT

GUIDE_SRC = ROOT / "docs" / "authoring.md"
CLAIM = re.compile(r"^(/{3,}) claim \| (.+)\n((?: {4}.*\n)+)", re.M)
SOURCE_ENTRY = re.compile(r'<li class="source" id="source-([^"]+)">')
MARKER = re.compile(r'<a aria-describedby="(citation-\d+)" href="#source-([^"]+)">(\d+)</a>')
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
BIB_KEYS = re.compile(r"^@\w+\{([^,]+),", re.M)
TOMORROW = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
UNREVIEWED = "Claims without a substantive review badge still need exact source-support review."


def claims_in(markdown):
    """{id: (statement, options)} of a page's claims, read here independently of the hooks."""
    found = {}
    for _, statement, options in CLAIM.findall(markdown):
        data = yaml.safe_load(textwrap.dedent(options))
        found[data["id"]] = (statement, data)
    return found


def element(page_html, element_id):
    """The outer HTML of the element with this id (same-name nesting counted)."""
    start = re.search(rf'<(\w+)[^>]*\bid="{re.escape(element_id)}"', page_html)
    assert start, f"no element with id {element_id!r}"
    tag, depth = start.group(1), 0
    for m in re.compile(rf"<(/?){tag}\b[^>]*>").finditer(page_html, start.start()):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return page_html[start.start() : m.end()]
    raise AssertionError(f"element {element_id!r} is not closed")


def text(fragment):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment)).strip()


@pytest.fixture(scope="module")
def page_html(built_site):
    return (built_site / "machine-learning" / "logistic-regression" / "index.html").read_text()


@pytest.fixture(scope="module")
def guide_html(built_site):
    return (built_site / "authoring" / "index.html").read_text()


# The rendered site.


def test_every_claim_of_the_page_is_rendered_with_its_badge_and_anchor(page_html):
    claims = claims_in(PAGE_SRC.read_text())
    assert len(claims) == 4 and claims["core-mechanism"][1]["status"] == "reviewed"
    for claim_id, (statement, options) in claims.items():
        article = element(page_html, f"claim-{claim_id}")
        status = options.get("status", "needs-review")
        assert f'data-claim-status="{status}"' in article
        assert f'href="#claim-{claim_id}"' in article
        badge = re.search(r'<span class="claim-badge claim-badge--([\w-]+)">(.*?)</span>', article)
        assert badge.group(1) == status
        if status == "reviewed":
            assert text(badge.group(2)) == f"Reviewed {options['reviewed']} by {options['reviewer']}"
            assert f'<time datetime="{options["reviewed"]}">' in badge.group(2)
            assert f"<dd>{options['checked']}</dd>" in article
        else:
            assert text(badge.group(2)) == "Needs review"
        assert statement in text(article)
        assert f"This source check covers {options['scope']}." in text(article)


def badge(options):
    """The badge of a claim with these options, as the page should show it."""
    if options.get("status") == "reviewed":
        day = options["reviewed"]
        return (
            f'<span class="claim-badge claim-badge--reviewed">Reviewed <time datetime="{day}">{day}</time>'
            f" by {options['reviewer']}</span>"
        )
    return '<span class="claim-badge claim-badge--needs-review">Needs review</span>'


def review_panel(page_html):
    """The claim-review panel: its section, from its opening tag to its end."""
    start = page_html.index('<section aria-labelledby="claim-review"')
    return page_html[start : page_html.index("</section>", start) + len("</section>")]


def test_the_claim_review_panel_lists_every_claim_and_says_some_still_need_review(page_html):
    panel = review_panel(page_html)
    assert panel.startswith(
        '<section aria-labelledby="claim-review" class="grounding-panel claim-review">\n<h3 id="claim-review">'
        'Claim Review<a class="headerlink" href="#claim-review" title="Permanent link">&para;</a></h3>'
    )
    assert f'<p class="claim-review__unreviewed">{UNREVIEWED}</p>' in panel
    index = panel[panel.index('<ul class="claim-review__index">') : panel.index("</ul>")]
    items = re.findall(r"<li>(.*?)</li>", index)
    expected = [
        f'{badge(options)} <a href="#claim-{claim_id}">{statement}</a>'
        for claim_id, (statement, options) in claims_in(PAGE_SRC.read_text()).items()
    ]
    assert items == expected


def test_claim_sources_show_resolved_titles_linked_to_the_source_grounding(page_html):
    article = element(page_html, "claim-sigmoid-bernoulli-parameter")
    facts = article[article.index("<dt>Sources</dt>") :]
    assert '<a href="#source-cs229-logistic-regression">CS229 Lecture Notes' in facts
    assert '<a href="#source-goodfellow-2016-deep-learning">Deep Learning</a>, ch. 3' in facts


def test_citation_markers_link_to_their_entry_in_the_source_grounding_list(page_html):
    listed = SOURCE_ENTRY.findall(page_html)
    assert listed == ["cs229-logistic-regression", "goodfellow-2016-deep-learning"]
    markers = MARKER.findall(page_html)
    assert len(markers) == len(re.findall(r"@[\w-]+", re.sub(r"(?m)^ {4}.*\n", "", PAGE_SRC.read_text())))
    for card_id, key, number in markers:
        assert listed[int(number) - 1] == key
        card = element(page_html, card_id)
        assert 'role="tooltip"' in card
        assert "<cite>" in card and ("Andrew Ng" in card or "Ian Goodfellow, Yoshua Bengio and Aaron Courville" in card)


def test_a_citation_card_shows_title_authors_year_and_locator(page_html):
    cards = [
        text(element(page_html, card_id))
        for card_id, key, _ in MARKER.findall(page_html)
        if key == "goodfellow-2016-deep-learning"
    ]
    assert "Deep Learning Ian Goodfellow, Yoshua Bengio and Aaron Courville, 2016, ch. 3" in cards


def test_source_grounding_shows_title_authors_year_link_and_role(page_html):
    entry = element(page_html, "source-goodfellow-2016-deep-learning")
    assert "<cite>Deep Learning</cite>" in entry
    assert "Ian Goodfellow, Yoshua Bengio and Aaron Courville, 2016" in entry
    assert "Curriculum source for logits, sigmoid/softmax classifiers, and cross-entropy training." in entry
    assert 'href="https://www.deeplearningbook.org/">Open source</a>' in entry


def test_json_ld_has_one_claim_review_per_reviewed_claim_with_the_claims_data(page_html):
    head = page_html.split("</head>", 1)[0]
    scripts = [json.loads(s) for s in JSON_LD.findall(head)]
    reviewed = {i: c for i, c in claims_in(PAGE_SRC.read_text()).items() if c[1].get("status") == "reviewed"}
    assert len(scripts) == len(reviewed) == 1
    bib_urls = dict(re.findall(r"@\w+\{([^,]+),.*?url = \{([^}]+)\}", BIB_SRC.read_text(), re.S))
    for data in scripts:
        claim_id = data["url"].rsplit("#claim-", 1)[1]
        statement, options = reviewed[claim_id]
        assert data["@context"] == "https://schema.org" and data["@type"] == "ClaimReview"
        assert data["url"] == f"http://127.0.0.1:8000/machine-learning/logistic-regression/#claim-{claim_id}"
        assert data["claimReviewed"] == statement
        assert data["datePublished"] == options["reviewed"].isoformat()
        assert data["author"] == {"@type": "Organization", "name": options["reviewer"]}
        assert data["reviewRating"] == {"@type": "Rating", "alternateName": options["status"]}
        assert data["itemReviewed"]["@type"] == "Claim"
        assert [w["url"] for w in data["itemReviewed"]["citation"]] == [bib_urls[k] for k in options["sources"]]


def test_code_is_never_read_as_a_citation(guide_html):
    assert "<code>[@key]</code>" in guide_html
    assert "[@cs229-logistic-regression, §2.1], and the" in guide_html  # inside the fenced example


def test_the_guides_examples_are_real_blocks(guide_html):
    for claim_id in ["guide-sigmoid-derivative", "guide-squashed-linear-regression"]:
        assert f"id: {claim_id}" in GUIDE_SRC.read_text() and f'id="claim-{claim_id}"' in guide_html
    # An example in a code fence is only shown, never built.
    assert "id: core-mechanism" in GUIDE_SRC.read_text() and 'id="claim-core-mechanism"' not in guide_html
    assert 'class="claim-badge claim-badge--disputed">Disputed' in guide_html
    assert guide_html.count('<section aria-labelledby="source-grounding"') == 1
    assert 'data-listing="pyscript_demo/logreg.py"' in guide_html


# The sentence rule and where the panels go.

REVIEWED_CLAIM = """/// claim | {statement}
    id: {id}
    sources: [cs229-logistic-regression]
    status: reviewed
    reviewed: 2026-06-28
    reviewer: Concept review team
    checked: section 2.1

Summary.
///
"""


def test_the_unreviewed_sentence_shows_iff_a_claim_lacks_review(tmp_path):
    needs_review = "/// claim | Another statement.\n    id: open\n    sources: [cs229-logistic-regression]\n///\n"
    pages = {
        "all-reviewed.md": "# All\n\n" + REVIEWED_CLAIM.format(id="one", statement="A reviewed statement."),
        "one-open.md": "# Some\n\n" + REVIEWED_CLAIM.format(id="two", statement="Reviewed.") + "\n" + needs_review,
    }
    html = harness.convert(tmp_path, pages)
    assert UNREVIEWED not in html["all-reviewed.md"]
    assert f'<p class="claim-review__unreviewed">{UNREVIEWED}</p>' in html["one-open.md"]


def test_json_ld_cannot_be_ended_by_markup_in_a_statement(tmp_path):
    statement = "A claim that mentions </script><!-- and & in its text."
    # JSON-LD goes into the page's head: the whole build, theme included.
    site = harness.build(tmp_path, {"index.md": "# X\n\n" + REVIEWED_CLAIM.format(id="markup", statement=statement)})
    out = site.html()
    # Had `</script>` reached the HTML unescaped, the script would end early and not parse.
    [data] = [json.loads(s) for s in JSON_LD.findall(out.split("</head>", 1)[0])]
    assert data["claimReviewed"] == statement


def test_panels_a_page_does_not_place_go_at_its_end(tmp_path):
    pages = {
        "neither.md": "# Neither\n\nA cited fact [@cs229-logistic-regression].\n\n"
        + REVIEWED_CLAIM.format(id="a", statement="A.")
        + "\n## Last section\n\nThe end.\n",
        "one.md": "# One\n\n/// claim-review\n///\n\n" + REVIEWED_CLAIM.format(id="b", statement="B.") + "\nThe end.\n",
        "none.md": "# Nothing cited\n",
    }
    html = harness.convert(tmp_path, pages)
    neither = html["neither.md"]
    tail = neither[neither.index("The end.") :]
    order = [tail.index(f'id="{anchor}"') for anchor in ["after-the-first-pass", "source-grounding", "claim-review"]]
    assert order == sorted(order)
    assert "Turn the concept into an inspected object." in tail
    one = html["one.md"]
    assert one.index('id="claim-review"') < one.index("The end.") < one.index('id="source-grounding"')
    assert 'id="after-the-first-pass"' not in one
    nothing = html["none.md"]
    assert "grounding-panel" not in nothing


def test_citations_may_wrap_lines_and_code_holds_none(tmp_path):
    page = (
        "# Wrapped\n\nA fact [@cs229-logistic-regression;\n@goodfellow-2016-deep-learning, ch.\n5].\n\n"
        "The gradient [@goodfellow-2016-deep-learning]: a colon may follow.\n\n"
        "Code `[@nope]` and [a link][@nope] and\n\n```text\n[@nope]\n```\n\n[@nope]: https://example.org/\n"
    )
    out = harness.convert(tmp_path, {"index.md": page})["index.md"]
    cited = [key for _, key, _ in MARKER.findall(out)]
    assert cited == ["cs229-logistic-regression", "goodfellow-2016-deep-learning", "goodfellow-2016-deep-learning"]
    assert "ch. 5</span>" in out and "<code>[@nope]</code>" in out


def test_the_real_bibliography_has_the_pages_sources():
    keys = BIB_KEYS.findall(BIB_SRC.read_text())
    assert len(keys) == len(set(keys))
    for page in (ROOT / "docs").rglob("*.md"):
        source = page.read_text()
        front = yaml.safe_load(source.split("---\n")[1]) if source.startswith("---\n") else {}
        assert set(front.get("sources", [])) <= set(keys), page
