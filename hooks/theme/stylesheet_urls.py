"""Stylesheet links made absolute as the page is parsed, before Material's instant navigation does it.

When its script starts, Material makes every relative `href` of the page absolute (so that links still
resolve after it swaps pages in). A stylesheet link whose `href` changes is loaded again, and the browser
restyles the whole page: on a phone's CPU, over a hundred milliseconds of blocking time. Done by a short
inline script right after the links, while little of the page exists, the same change costs almost nothing
and the sheet comes back from the memory cache at once; Material then finds the links absolute and leaves
them alone.
"""

import re

# The links parsed so far, as Material's own test for a relative URL finds them.
SCRIPT = (
    "for(const l of document.querySelectorAll('link[rel=stylesheet][href]'))"
    "if(!/^(?:[a-z]+:)?\\/\\//i.test(l.getAttribute('href')))l.href=l.href"
)
_LINK = re.compile(r"<link\b[^>]*>")
_STYLESHEET = re.compile(r"""\srel=["']?stylesheet\b""")
_RELATIVE = re.compile(r"""\shref=["']?(?![a-zA-Z]+:|//)""")


def resolve_early(output: str) -> str:
    """The page with the script after the head's last relative stylesheet link and after each in the body."""
    head_end = output.find("</head>")
    links = [
        link for link in _LINK.finditer(output) if _STYLESHEET.search(link.group()) and _RELATIVE.search(link.group())
    ]
    in_head = [link for link in links if link.end() <= head_end]
    after = ([in_head[-1]] if in_head else []) + [link for link in links if link.start() > head_end]
    pieces, start = [], 0
    for link in after:
        pieces += [output[start : link.end()], f"<script>{SCRIPT}</script>"]
        start = link.end()
    return "".join(pieces) + output[start:]
