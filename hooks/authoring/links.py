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

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage

from hooks.authoring.errors import AuthorError, as_author_sees
from hooks.authoring.scan import CODE_SPAN, lines_outside_code

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


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
                    raise _error(page, link, anchor, ids, target.src_uri, config)


def line_of(source: str, link: str) -> int | None:
    """The file line a link to `link` is written on: inline, as a reference's definition or in angle brackets;
    not in front matter, fenced code or a code span."""
    written = re.compile(rf"\]\(\s*<?{re.escape(link)}>?[\s)]|^ {{0,3}}\[[^\]\n]+\]:\s*<?{re.escape(link)}(?:>|\s|$)")
    front = FRONT_MATTER.match(source)
    skipped = front.group(0).count("\n") if front else 0
    body = source[front.end() :] if front else source
    for number, text in lines_outside_code(body, skipped + 1):
        if written.search(CODE_SPAN.sub(lambda span: " " * len(span.group(0)), text)):
            return number
    return None


def _error(page: MkDocsPage, link: str, anchor: str, ids: set[str], target: str, config: MkDocsConfig) -> AuthorError:
    here = target == page.file.src_uri
    where = "this page" if here else as_author_sees(f"{config.docs_dir}/{target}", config)
    close = difflib.get_close_matches(anchor, sorted(ids), n=1)
    if close:
        fix = f"link to '#{close[0]}', the closest id there is"
    else:
        whose = "its" if here else "that page's"
        fix = f"link to one of {whose} ids (a heading's is its text in lower case, with '-' between words)"
    return AuthorError(
        as_author_sees(page.file.abs_src_path or page.file.src_path, config),
        line_of(page.file.content_string, link),
        f"the link '{link}' goes to no heading or id of {where}.",
        f"{fix}, or give the heading you mean that id: `{{ #{anchor} }}` after its text.",
    )
