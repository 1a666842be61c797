"""What the search index reads of a page: its text, with heavy markup stood in for by what it says.

Material's search plugin feeds every tag of every page through Python's HTML
parser. On a generated 200-page curriculum that was two fifths of the build, and
most of those tags say nothing a reader searches for: KaTeX's glyph markup (the
index read each formula's glyphs twice, once more from its MathML), the live
demo's starting figures and tables, the syntax-highlighting spans of a listing.
A feature registers such markup with a lighter stand-in saying the same: a
formula's TeX (as the same page typeset in the browser is indexed), a demo's
title, a listing's plain code. The plugin reads the page with the stand-ins;
the page has its markup back before its template is rendered.
"""

import html

from mkdocs.structure.pages import Page as MkDocsPage

from hooks.authoring.site import Site


class StandIns:
    """Per page (by its source path), each registered markup and its stand-in."""

    def __init__(self) -> None:
        self.pages: dict[str, dict[str, str]] = {}


def stand_in(site: Site, markup: str, text: str) -> None:
    """Index `markup`, on the page being converted, as the HTML `text`, which must say what `markup` says."""
    page = site.state(StandIns).pages.setdefault(site.page.src_uri, {})
    # Numbered, so that no two stand-ins, nor the author's own HTML, are taken for each other on the way back.
    page.setdefault(markup, f'<span data-stand-in="{len(page)}">{text}</span>')


def escaped(text: str) -> str:
    return html.escape(text, quote=False)


def for_search(site: Site, page: MkDocsPage) -> None:
    """The page's content as the search index reads it."""
    for markup, text in site.state(StandIns).pages.get(page.file.src_uri, {}).items():
        page.content = page.content.replace(markup, text)


def restore(site: Site, page: MkDocsPage) -> None:
    """The page's content with its own markup, once the index has read it."""
    for markup, text in site.state(StandIns).pages.pop(page.file.src_uri, {}).items():
        page.content = page.content.replace(text, markup)
