"""KaTeX's two fonts that every formula uses, fetched beside its stylesheet on a page with formulas.

A browser asks for a web font only once it lays out text in it, after the stylesheet has arrived. Until the
font is there, KaTeX's `font-display: block` lays formulas out, unseen, with a fallback font's metrics, and the
swap then moves the text around them: a formula in a paragraph near the top of a page made the page shift
on a phone. Preloaded beside the stylesheet, the fonts arrive with it.
"""

import re

FONTS = ("KaTeX_Main-Regular", "KaTeX_Math-Italic")
# The stylesheet's tag, CDN or self-hosted; its folder holds `fonts/`, as the stylesheet's own URLs say.
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]*)katex\.min\.css"')


def preload(output: str) -> str:
    """The page with KaTeX's fonts preloaded before its stylesheet's tag, if the page has a formula."""
    found = _STYLESHEET.search(output)
    if found is None or 'class="katex"' not in output:
        return output
    links = "".join(
        f'<link rel="preload" href="{found[1]}fonts/{name}.woff2" as="font" type="font/woff2" crossorigin>'
        for name in FONTS
    )
    return output[: found.start()] + links + output[found.start() :]
