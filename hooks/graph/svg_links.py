"""Links inside a drawing written as `xlink:href`, so Material's instant navigation can load the page.

On every page it loads, Material's instant navigation resolves each relative `[href]` by assigning the
element's `href` property; an SVG link has that property only as a getter, so the assignment throws and
the navigation breaks. The XLink attribute, which every browser follows, is not matched by `[href]`.
MkDocs checks the links of a page first, so the rename runs after its link processor (priority 0).
"""

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

XLINK = "http://www.w3.org/1999/xlink"


class SvgLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for svg in root.iter("svg"):
            for link in svg.iter("a"):
                href = link.attrib.pop("href", None)
                if href is not None:
                    link.set("xlink:href", href)
                    # Declared, so the drawing stays well-formed XML too (HTML allows this value only).
                    svg.set("xmlns:xlink", XLINK)


class SvgLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(SvgLinks(md), "svg-links", -1)
