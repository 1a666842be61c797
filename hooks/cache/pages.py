"""A page's whole Markdown conversion, kept in the build cache: a warm build converts no page it has seen.

Converting a page's Markdown is most of what this site's hooks add to a warm
build, although every formula, listing and search entry is cached already. The
conversion is a function of inputs that can all be named, so it is kept under
all of them, and any change to any of them is another key:

- the page: its file as written, its Markdown as handed to the converter (after
  every `on_page_markdown`), its address, its path as the author names it, and
  what its listings show (each listed file's cache key: its source and the
  project modules it imports, with the interpreter that runs it);
- the build (`Conversions.stamp`, once per build in on_nav): the source of the
  hooks and of the demos (`hooks/`, `pyscript_demo/`), every installed
  distribution's name and version and Python's, the configuration, the site's
  files and their addresses, what every page's front matter made (the concept
  graph, the area pages) and the bibliography, the vendored KaTeX, Pyodide's lock
  file, and how much MkDocs logs.

A conversion is kept only when nothing can have escaped that list: every
Markdown extension is one of ours or one known to read nothing but the page
(`PURE`), the conversion logged nothing (a warning must be seen on every build),
and the listings it showed are those the key read from its Markdown. What
`Page.render` leaves on the page (content, table of contents, title from the
first heading, anchors, links to other pages' anchors) and what the conversion
registered for the search index (stand-ins) are kept and restored; everything
else a feature records about a page comes from `on_page_markdown`, which runs
on every build.
"""

import hashlib
import logging
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import AnchorLink, TableOfContents

import hooks
from hooks.authoring import search_view
from hooks.authoring.site import Page, Site
from hooks.cache.store import BuildCache, _digest

NAMESPACE = "page"
# Extensions whose output depends only on the page's Markdown and their options: no file, no other page.
_MARKDOWN = ["abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "nl2br"]
_MARKDOWN += ["sane_lists", "smarty", "tables", "toc"]
_PYMDOWNX = ["arithmatex", "betterem", "caret", "details", "highlight", "inlinehilite", "keys", "mark"]
_PYMDOWNX += ["smartsymbols", "superfences", "tabbed", "tasklist", "tilde"]
PURE = {*_MARKDOWN, *(f"markdown.extensions.{name}" for name in _MARKDOWN), *(f"pymdownx.{n}" for n in _PYMDOWNX)}
# Settings that say where the site is written or how it is served, not what a page holds.
NOT_CONTENT = {"site_dir", "dev_addr", "watch", "plugins"}


@dataclass
class Conversions:
    """The build's stamp (None: conversions are not kept); each page converted and not yet kept, with its key."""

    stamp: str | None = None
    pending: dict[str, tuple[list, dict]] = field(default_factory=dict)


def start(site: Site, files: Files, global_inputs: list) -> None:
    """Stamp the build, once the front matter of every page has been read; `global_inputs` are the features'."""
    state = site.state(Conversions)
    state.pending = {}
    config = site.config
    if not all(_pure(ext) for ext in config.markdown_extensions):
        state.stamp = None
        return
    parts = [
        tree_digest(Path(hooks.__file__).parent),
        sys.version,
        sorted(_distributions()),
        logging.getLogger("mkdocs").getEffectiveLevel(),
        _canonical({k: v for k, v in config.items() if k not in NOT_CONTENT}),
        sorted(config.plugins),
        sorted([f.src_uri, f.dest_uri, f.url, str(f.inclusion)] for f in files),
        global_inputs,
    ]
    state.stamp = _digest(repr(parts))


def convert(site: Site, here: Page, page_inputs: Callable[[str], list]) -> None:
    """Make `here`'s next render come from the cache, or be kept once on_page_content has checked it.

    `page_inputs(markdown)` is what the features read for the page besides its Markdown.
    """
    state = site.state(Conversions)
    page = here.mkdocs
    if state.stamp is None:
        return

    def render(config: MkDocsConfig, files: Files) -> None:
        del page.render  # the class's own again
        parts = [state.stamp, here.src_path, page.file.src_uri, page.url, here.source, page.markdown]
        parts.append(page_inputs(page.markdown))
        cache = BuildCache.of_project(config)
        kept = cache.get(NAMESPACE, parts)
        if isinstance(kept, dict) and _restore(site, page, kept, files):
            return
        with _logged() as records:
            type(page).render(page, config, files)
        if not records:
            state.pending[page.file.src_uri] = (parts, _rendered(page))

    page.render = render


def keep(site: Site, here: Page, keyed: bool) -> None:
    """Store the conversion of `here`, checked, unless `keyed` is False: it read what its key does not hold."""
    parts, value = site.state(Conversions).pending.pop(here.src_uri, (None, None))
    if parts is None or not keyed:
        return
    content, stand_ins = value["content"], []
    for markup, text in site.state(search_view.StandIns).pages.get(here.src_uri, {}).items():
        # A stand-in's markup is on the page: kept as where it is, the entry does not hold it twice.
        start = content.find(markup)
        stand_ins.append([start, len(markup), text] if start >= 0 else [markup, text])
    BuildCache.of_project(site.config).put(NAMESPACE, parts, {**value, "stand_ins": stand_ins})


def _rendered(page: MkDocsPage) -> dict:
    """What `Page.render` left on the page, as data."""
    links = page.links_to_anchors
    return {
        "content": page.content,
        "toc": [_anchor(item) for item in page.toc],
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": None if links is None else [[f.src_uri, list(found.items())] for f, found in links.items()],
    }


def _restore(site: Site, page: MkDocsPage, kept: dict, files: Files) -> bool:
    """Leave on the page what its render left; False when the entry cannot be read so (the page is converted)."""
    try:
        links = None
        if kept["links"] is not None:
            links = {files.get_file_from_path(uri): dict(found) for uri, found in kept["links"]}
            if None in links:
                return False
        toc = TableOfContents([_link(item) for item in kept["toc"]])
        content, title, anchors = kept["content"], kept["title"], set(kept["anchors"])
        stand_ins = {(content[at[0] : at[0] + at[1]] if len(at) == 3 else at[0]): at[-1] for at in kept["stand_ins"]}
    except (KeyError, TypeError, ValueError):
        return False
    page.content, page.toc, page._title_from_render, page.present_anchor_ids = content, toc, title, anchors
    if links is not None:
        page.links_to_anchors = links
    site.state(search_view.StandIns).pages[page.file.src_uri] = stand_ins
    return True


def _anchor(item: AnchorLink) -> list:
    return [item.title, item.id, item.level, [_anchor(child) for child in item.children]]


def _link(kept: list) -> AnchorLink:
    title, anchor, level, children = kept
    link = AnchorLink(title, anchor, level)
    link.children = [_link(child) for child in children]
    return link


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class _logged:
    """What MkDocs' loggers (ours among them) say while a page converts."""

    def __enter__(self) -> list[logging.LogRecord]:
        self.handler = _Records()
        logging.getLogger("mkdocs").addHandler(self.handler)
        return self.handler.records

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("mkdocs").removeHandler(self.handler)


def _pure(extension: object) -> bool:
    if isinstance(extension, str):
        return extension in PURE
    # Ours: their code is part of the stamp.
    return type(extension).__module__.startswith(f"{hooks.__name__}.")


def _distributions() -> Iterator[str]:
    """Every installed distribution as its metadata folder names it: name and version."""
    for folder in dict.fromkeys(sys.path):
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        yield from (name for name in names if name.endswith((".dist-info", ".egg-info")))


def tree_digest(*folders: Path) -> str:
    """sha256 of every file under these folders, by path and content."""
    found = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                found.update(f"{path.relative_to(folder)}\0{path.stat().st_size}\0".encode())
                found.update(path.read_bytes())
    return found.hexdigest()


def _canonical(value: Any) -> Any:
    """The value as plain data: objects other than containers and scalars by their type (their code is keyed)."""
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict) or (hasattr(value, "items") and callable(value.items)):
        return sorted([str(k), _canonical(v)] for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(_canonical(v)) for v in value)
    kind, function = type(value), getattr(value, "func", value)
    name = f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', '')}"
    scalars = {k: v for k, v in getattr(value, "__dict__", {}).items() if isinstance(v, (str, int, float, bool))}
    return [f"{kind.__module__}.{kind.__qualname__}", name, sorted(scalars.items())]
