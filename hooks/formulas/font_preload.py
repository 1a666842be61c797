"""KaTeX's two fonts that every formula uses, fetched beside its stylesheet on a page with a formula near its top.

A browser asks for a web font only once it lays out text in it, after the stylesheet has arrived. Until the
font is there, KaTeX's `font-display: block` lays formulas out, unseen, with a fallback font's metrics, and the
swap then moves the text around them: a formula in a paragraph near the top of a page made the page shift
on a phone. Preloaded beside the stylesheet, the fonts arrive with it.

Only a formula before the page's second section heading is laid out as the page loads: the blocks after it
are laid out once they come near the viewport (hooks/theme/rendering.css), and their fonts are asked for
then. On a page whose formulas all come later, a preload would only compete with the page's own files: in
Lighthouse's simulated slow network it moved the largest paint past 2.5 s.
"""

import re

FONTS = ("KaTeX_Main-Regular", "KaTeX_Math-Italic")
# The stylesheet's tag, CDN or self-hosted; its folder holds `fonts/`, as the stylesheet's own URLs say.
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]*)katex\.min\.css"')
_SECTION_HEADING = re.compile(r"<h2[\s>]")


def preload(output: str) -> str:
    """The page with KaTeX's fonts preloaded before its stylesheet's tag, if a formula comes before the page's
    second section heading."""
    found = _STYLESHEET.search(output)
    formula = output.find('class="katex"')
    if found is None or formula < 0:
        return output
    headings = [heading.start() for heading in _SECTION_HEADING.finditer(output, 0, formula)]
    if len(headings) >= 2:
        return output
    links = "".join(
        f'<link rel="preload" href="{found[1]}fonts/{name}.woff2" as="font" type="font/woff2" crossorigin>'
        for name in FONTS
    )
    return output[: found.start()] + links + output[found.start() :]
