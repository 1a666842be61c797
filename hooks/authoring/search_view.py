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

What the plugin makes of a page, its entries, is a pure function of what it
reads (the page's content with the stand-ins, table of contents, address, title
and search settings) and of the plugin's version: the entries are kept in the
build cache under those, and a page the cache holds is not parsed again (the
plugin is told to pass over it, and is given the entries it made before).
"""

import functools
import hashlib
import html
import importlib.metadata
import importlib.util
from dataclasses import dataclass, field
from typing import Any

from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import AnchorLink

from hooks.authoring.site import Site
from hooks.cache.store import BuildCache

SEARCH_PLUGIN = "material/search"


class StandIns:
    """Per page (by its source path), each registered markup and its stand-in."""

    def __init__(self) -> None:
        self.pages: dict[str, dict[str, str]] = {}


@dataclass
class Indexing:
    """The page being indexed: its meta and content as built, its entries' key or cached entries, what was read."""

    meta: dict[str, Any] = field(default_factory=dict)
    parts: list = field(default_factory=list)
    entries: list | None = None
    before: int = 0
    content: str = ""
    view: str = ""


def stand_in(site: Site, markup: str, text: str) -> None:
    """Index `markup`, on the page being converted, as the HTML `text`, which must say what `markup` says."""
    page = site.state(StandIns).pages.setdefault(site.page.src_uri, {})
    # Numbered, so that no two stand-ins, nor the author's own HTML, are taken for each other on the way back.
    page.setdefault(markup, f'<span data-stand-in="{len(page)}">{text}</span>')


def escaped(text: str) -> str:
    return html.escape(text, quote=False)


def for_search(site: Site, page: MkDocsPage) -> None:
    """The page's content as the search index reads it; a page whose entries the cache holds is passed over."""
    stand_ins = site.state(StandIns).pages.get(page.file.src_uri, {})
    indexing = site.state(Indexing)
    indexing.content, indexing.entries = page.content, None
    index = _index(site)
    if index is not None:
        indexing.meta, indexing.before = page.meta, len(index.entries)
        # The content and its stand-ins determine what the plugin reads: a page the cache holds needs no swap.
        indexing.parts = entry_parts(page, stand_ins)
        indexing.entries = BuildCache.of_project(site.config).get("search", indexing.parts)
        if isinstance(indexing.entries, list):
            page.meta = {**page.meta, "search": {**(page.meta.get("search") or {}), "exclude": True}}
            return
    for markup, text in stand_ins.items():
        page.content = page.content.replace(markup, text)
    indexing.view = page.content


def restore(site: Site, page: MkDocsPage) -> None:
    """The page's content with its own markup, once the index has read it; the page's entries, from the cache."""
    stand_ins = site.state(StandIns).pages.pop(page.file.src_uri, {})
    indexing = site.state(Indexing)
    index = _index(site)
    if index is not None:
        page.meta = indexing.meta
        if isinstance(indexing.entries, list):
            index.entries.extend(dict(entry) for entry in indexing.entries)
            return
        # As (key, value) pairs: the index is written with its entries' keys in the plugin's order.
        made = [list(entry.items()) for entry in index.entries[indexing.before :]]
        BuildCache.of_project(site.config).put("search", indexing.parts, made)
    if page.content == indexing.view:
        page.content = indexing.content
        return
    # The plugin changed what it read (it drops its own data-search attributes): each stand-in is swapped back.
    for markup, text in stand_ins.items():
        page.content = page.content.replace(text, markup)


def entry_parts(page: MkDocsPage, stand_ins: dict[str, str]) -> list:
    """What determines the search entries of `page`, read with these stand-ins."""
    meta = repr({key: page.meta.get(key) for key in ("search", "tags", "title")})
    # The content and the stand-ins by their digest: escaping them into the key's JSON cost more than the hashing.
    texts = _digest(page.content, *(text for pair in stand_ins.items() for text in pair))
    return [*_plugin_version(), page.url, str(page.title), meta, _anchors(page.toc), texts]


def _digest(*texts: str) -> str:
    """sha256 of the texts, each prefixed by its length, so that no two lists of texts share it."""
    found = hashlib.sha256()
    for text in texts:
        data = text.encode("utf-8")
        found.update(b"%d:" % len(data))
        found.update(data)
    return found.hexdigest()


def _anchors(items: list[AnchorLink]) -> list:
    return [[item.id, item.url, _anchors(item.children)] for item in items]


@functools.cache
def _plugin_version() -> list[str]:
    return [importlib.metadata.version("mkdocs-material"), str(importlib.util.find_spec("jieba") is not None)]


def _index(site: Site) -> Any:
    """The search plugin's index, when the plugin is on."""
    plugin = site.config.plugins.get(SEARCH_PLUGIN)
    return getattr(plugin, "search_index", None) if plugin is not None and plugin.config.enabled else None
