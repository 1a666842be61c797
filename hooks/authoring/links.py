"""Every Markdown link to a heading or id, on its own page or another, must reach one.

MkDocs records each page's links to anchors and each page's ids as it renders the
page (`links_to_anchors`, `present_anchor_ids`), and by default only logs a link that
reaches none. The check runs once every page is rendered, and names the line the
link is written on. It sees what MkDocs records: links written in Markdown, not an
`<a href>` of raw HTML; and MkDocs records nothing when its log level is DEBUG
(`mkdocs build -v`).
"""

import difflib
import re
from collections.abc import Iterable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.meta import get_data

from hooks.authoring.errors import AuthorError
from hooks.authoring.scan import CODE_SPAN, lines_outside_code
from hooks.authoring.site import Page, Site


def check(files: Files, config: MkDocsConfig) -> None:
    for file in files.documentation_pages():
        page = file.page
        if page is None or not page.links_to_anchors:
            continue
        for target, links in page.links_to_anchors.items():
            ids = target.page.present_anchor_ids if target.page else None
            if ids is None:
                continue  # not rendered in this build (`mkdocs serve --dirty`): nothing to check it against
            for anchor, link in links.items():
                if anchor not in ids:
                    raise _error(page, link, anchor, ids, target.page, Site.of(config))


def _line_of(page: Page, link: str) -> int | None:
    """The file line a link to `link` is written on: inline, as a reference's definition or in angle brackets;
    not in fenced code or a code span."""
    written = re.compile(rf"\]\(\s*<?{re.escape(link)}>?[\s)]|^ {{0,3}}\[[^\]\n]+\]:\s*<?{re.escape(link)}(?:>|\s|$)")
    for number, text in lines_outside_code(page.markdown, page.first_line):
        if written.search(CODE_SPAN.sub(lambda span: " " * len(span.group(0)), text)):
            return number
    return None


# How many of the target's headings a message lists when no id is close to the link's.
HEADINGS_LISTED = 8


def _error(page: MkDocsPage, link: str, anchor: str, ids: set[str], target: MkDocsPage, site: Site) -> AuthorError:
    # The page as its author wrote it (MkDocs' own split of the front matter), for its file and lines.
    written = site.read(page, get_data(page.file.content_string)[0])
    here = target is page
    where = "this page" if here else site.author_path(f"{site.config.docs_dir}/{target.file.src_uri}")
    close = difflib.get_close_matches(anchor, sorted(ids), n=1)
    headings = [f"'#{heading}'" for heading in _heading_ids(target.toc)]
    if close:
        # The link as it should read, its page kept: a bare '#id' would point at the page it is on.
        fix = f"link to '{link.rpartition('#')[0]}#{close[0]}', the closest id there is"
    elif headings:
        whose = "its" if here else "that page's"
        listed = ", ".join(headings[:HEADINGS_LISTED]) + (", …" if len(headings) > HEADINGS_LISTED else "")
        fix = f"link to one of {whose} headings: {listed}"
    else:
        fix = "link to an id the page has"
    return written.error_at(
        _line_of(written, link),
        f"the link '{link}' goes to no heading or id of {where}.",
        f"{fix}; or give the heading you mean that id: `{{ #{anchor} }}` after its text.",
    )


def _heading_ids(toc: Iterable[AnchorLink]) -> list[str]:
    """The ids of a page's headings, in the page's order."""
    return [found for item in toc for found in (item.id, *_heading_ids(item.children))]
