"""Every link to a heading or id, on its own page or another, must reach one.

MkDocs records each page's links to anchors and each page's ids as it renders the
page (`links_to_anchors`, `present_anchor_ids`), and by default only logs a link that
reaches none. The check runs once every page is rendered, and names the line the
link is written on.
"""

import difflib

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage

from hooks.authoring.errors import AuthorError, as_author_sees
from hooks.authoring.scan import lines_outside_code


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


def _error(page: MkDocsPage, link: str, anchor: str, ids: set[str], target: str, config: MkDocsConfig) -> AuthorError:
    lines = lines_outside_code(page.file.content_string, 1)
    line = next((number for number, text in lines if link in text), None)
    where = "this page" if target == page.file.src_uri else as_author_sees(f"{config.docs_dir}/{target}", config)
    close = difflib.get_close_matches(anchor, sorted(ids), n=1)
    if close:
        fix = f"link to '#{close[0]}', the closest id there is"
    else:
        fix = "link to one of the page's ids (a heading's is its text in lower case, with '-' between words)"
    return AuthorError(
        as_author_sees(page.file.abs_src_path or page.file.src_path, config),
        line,
        f"the link '{link}' goes to no heading or id of {where}.",
        f"{fix}, or give the heading you mean that id: `{{ #{anchor} }}` after its text.",
    )
