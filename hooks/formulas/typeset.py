"""Typeset every `$...$` and `$$...$$` formula with KaTeX at build time.

Arithmatex finds the math; a tree processor replaces it with KaTeX's HTML
(and MathML for screen readers), kept in the build cache. The reader downloads only KaTeX's CSS and
fonts, of the same pinned version; a formula KaTeX rejects stops the build.
"""

import html
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from hooks.authoring import assets, search_view
from hooks.authoring.site import Site, SiteExtension
from hooks.cache.store import BuildCache
from hooks.formulas import katex_engine

ARITHMATEX = "pymdownx.arithmatex"
KATEX_DOCS = "https://katex.org/docs/supported"


class KatexTreeprocessor(Treeprocessor):
    """Replaces each arithmatex element's TeX with KaTeX's HTML."""

    def __init__(self, md: Markdown, site: Site, cache: BuildCache) -> None:
        super().__init__(md)
        self.site, self.cache = site, cache

    def run(self, root: etree.Element) -> None:
        found = []
        for el in root.iter():
            if "arithmatex" not in el.get("class", "").split():
                continue
            display = el.tag == "div"
            # Arithmatex escapes display math for HTML; KaTeX wants the TeX.
            found.append((el, (html.unescape(el.text) if display else el.text or "").strip(), display))
        if not found:
            return
        try:
            renders = katex_engine.render_page([(tex, display) for _, tex, display in found], self.cache)
        except katex_engine.KatexError as err:
            raise self.site.page.error(
                err.tex,
                f"KaTeX cannot typeset the formula `{err.tex}`: {err}.",
                f"correct the LaTeX; KaTeX's supported functions are listed at {KATEX_DOCS}",
            ) from None
        for (el, tex, _), rendered in zip(found, renders, strict=True):
            # The search index reads the formula as its TeX, as it would with KaTeX run in the browser.
            search_view.stand_in(self.site, rendered, search_view.escaped(tex))
            el.text = self.md.htmlStash.store(rendered)


class KatexExtension(SiteExtension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline patterns (priority 20) have produced the arithmatex elements.
        cache = BuildCache.of_project(self.site.config)
        md.treeprocessors.register(KatexTreeprocessor(md, self.site, cache), "katex", 19)


def configure(site: Site) -> None:
    """Add the math extensions (KaTeX's stylesheet comes with the runtime assets)."""
    config = site.config
    if ARITHMATEX not in config.markdown_extensions:
        config.markdown_extensions.append(ARITHMATEX)
    # Bare TeX inside the elements: KaTeX at build time reads it, no script in the page.
    config.mdx_configs[ARITHMATEX] = {
        **config.mdx_configs.get(ARITHMATEX, {}),
        "generic": True,
        "tex_inline_wrap": ["", ""],
        "tex_block_wrap": ["", ""],
    }
    config.markdown_extensions.append(KatexExtension(site))
    # Without KaTeX's stylesheet, the page shows the formulas' MathML and says why.
    assets.publish(site, __file__, "math-fallback.css", "math-stylesheet-check.js")
