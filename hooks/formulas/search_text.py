"""What the search index reads of a formula: its TeX, not KaTeX's markup.

KaTeX's HTML for one formula is dozens of nested spans, and Material's search
plugin feeds every tag of every page through Python's HTML parser: on a
generated 200-page curriculum that was two fifths of the build. The index gains
nothing from those spans (their text is the formula's glyphs, said twice, the
second time by the MathML), so the plugin is handed each page with its formulas
as their TeX, as the same page typeset in the browser would be indexed, and the
page has its typeset formulas back before its template is rendered.
"""

import html

from mkdocs.structure.pages import Page as MkDocsPage

from hooks.authoring.site import Site


class Formulas:
    """Per page (by its source path), each formula's KaTeX markup and the TeX the index reads instead."""

    def __init__(self) -> None:
        self.pages: dict[str, dict[str, str]] = {}


def record(site: Site, rendered: str, tex: str, display: bool) -> None:
    """Note a formula of the page being converted; `display` formulas and inline ones stay distinct."""
    kind = "katex-display" if display else "katex"
    site.state(Formulas).pages.setdefault(site.page.src_uri, {})[rendered] = (
        f'<span class="{kind} katex-tex">{html.escape(tex, quote=False)}</span>'
    )


def for_search(site: Site, page: MkDocsPage) -> None:
    """The page's content as the search index should read it."""
    for rendered, tex in site.state(Formulas).pages.get(page.file.src_uri, {}).items():
        page.content = page.content.replace(rendered, tex)


def restore(site: Site, page: MkDocsPage) -> None:
    """The page's content with its typeset formulas, once the index has read it."""
    for rendered, tex in site.state(Formulas).pages.pop(page.file.src_uri, {}).items():
        page.content = page.content.replace(tex, rendered)
