"""The check that no id is on two elements of a page (hooks/authoring/page_ids.py), beyond the guide's table
of errors: what it must not count, and the line it names when the Markdown shows an example first."""

from tests import harness
from tests.author_errors import STORY


def test_ids_in_comments_and_ids_with_entities_are_counted_as_the_browser_counts_them(tmp_path):
    page = (
        "Intro.\n\n"
        '<!-- <p id="twice">One</p> <p id="twice">Two</p> -->\n\n'
        '<p id="a&amp;b">One</p>\n\n<p id="a&b">Two</p>\n\n'
        '<p id="c">Once</p>\n\n<!-- <p id="c">in a comment</p> -->\n'
    )
    message = harness.refusal(tmp_path, {"page.md": page})
    assert message == (
        "docs/page.md:7: the id 'a&b' is on two elements of the page: the <p> and the <p>; a link or a label reaches "
        "only the first. Fix: give this one another id: the first is on line 5."
    )


def test_the_line_named_is_the_authors_heading_not_an_example_of_it_in_code(tmp_path):
    # The Logistic Regression demo's slope slider is the input `lr-slope`.
    page = "# Demo\n\n```markdown\n## Lr slope\n```\n\n## Lr slope\n\n/// demo | logistic-regression\n///\n"
    message = harness.refusal(tmp_path, {"page.md": page})
    assert message.startswith(
        "docs/page.md:7: the id 'lr-slope' is on two elements of the page: the heading 'Lr slope'"
    )


def test_a_headings_math_is_named_as_the_reader_sees_it(tmp_path):
    page = "Intro.\n\n## Storyboard of $x$ { #storyboard }\n\n" + STORY
    message = harness.refusal(tmp_path, {"page.md": page})
    assert message.startswith(
        "docs/page.md:3: the id 'storyboard' is on two elements of the page: the heading 'Storyboard of x'"
    )


def test_a_page_of_distinct_ids_builds(tmp_path):
    pages = harness.convert(tmp_path, {"page.md": '# A\n\n## B { #b }\n\n<p id="c">C</p>\n\n' + STORY})
    assert 'id="b"' in pages["page.md"] and 'id="storyboard"' in pages["page.md"]
