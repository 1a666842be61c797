"""The build's state: one `Site` per build, one `Page` per page being converted.

MkDocs runs a hook's functions, not an object, and makes a new `Markdown` for
every page from `config.markdown_extensions`; the extension instances in that
list are reused for every page. So the state lives on objects, reached like this:

- `concept_pages.on_config` creates the site with `Site.create(config)`, which
  appends a `SiteExtension` holding it to `config.markdown_extensions`. Every
  later hook finds it again with `Site.of(config)`.
- A feature's Markdown extension is a `SiteExtension` too (`SiteBlocks` for
  pymdownx blocks), built with the site in the feature's `configure(site)`.
  Processors get the site from their extension; a block gets it from the
  config pymdownx hands to every block (`SiteBlock.site`, `SiteBlock.page`).
- `site.enter(page, markdown)` in `on_page_markdown` makes the `Page` that
  `site.page` returns until the next page: its file as the author names it,
  its Markdown, and where that Markdown starts in the file.
- A feature keeps its state in a class of its own, one instance per build
  (`site.state(Kind)`) or per page (`page.state(Kind)`), made on first use.
"""

from collections.abc import Callable
from typing import Any, TypeVar

import pymdownx.blocks
import yaml
from markdown import Extension, Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page as MkDocsPage
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block

from hooks.authoring.errors import AuthorError, Mistake, as_author_sees, line_of

T = TypeVar("T")


class _States:
    """One instance of each feature's state class, made on first use."""

    def __init__(self) -> None:
        self._states: dict[type, Any] = {}

    def state(self, kind: Callable[[], T]) -> T:
        if kind not in self._states:
            self._states[kind] = kind()
        return self._states[kind]


class Page(_States):
    """The page being converted, as its author sees it; its errors name its file and line."""

    def __init__(self, site: "Site", page: MkDocsPage, markdown: str, src_path: str) -> None:
        super().__init__()
        self.site = site
        self.mkdocs = page
        self.src_path = src_path
        self.src_uri: str = page.file.src_uri
        self.markdown = markdown
        # The file as written, read once: MkDocs reads the file again at every `content_string`.
        self.source = source = page.file.content_string
        front = source[: len(source) - len(markdown)] if source.endswith(markdown) else ""
        # Line of the file where `markdown` starts: MkDocs hands it over without the front matter.
        self.first_line = front.count("\n") + 1

    @property
    def meta(self) -> dict[str, Any]:
        return self.mkdocs.meta

    def error_at(self, line: int | None, problem: str, fix: str) -> AuthorError:
        """An AuthorError on this page, at `line` of its file."""
        return AuthorError(self.src_path, line, problem, fix)

    def error(self, needle: str, problem: str, fix: str) -> AuthorError:
        """An AuthorError on this page, at the line where `needle` first appears in its Markdown."""
        line = line_of(self.markdown, needle)
        return self.error_at(line and line + self.first_line - 1, problem, fix)

    def place(self, mistake: Mistake, line: int | None) -> AuthorError:
        """The mistake as an AuthorError at `line` of this page."""
        return self.error_at(line, mistake.problem, mistake.fix)


class Site(_States):
    """The build: its configuration, the page being converted, and each feature's state."""

    def __init__(self, config: MkDocsConfig) -> None:
        super().__init__()
        self.config = config
        self._page: Page | None = None

    @classmethod
    def create(cls, config: MkDocsConfig) -> "Site":
        """A new site for this build, findable from the configuration."""
        site = cls(config)
        config.markdown_extensions.append(SiteExtension(site))
        return site

    @staticmethod
    def of(config: MkDocsConfig) -> "Site":
        """The site that `create` attached to this configuration."""
        return next(ext.site for ext in config.markdown_extensions if isinstance(ext, SiteExtension))

    def author_path(self, path: str) -> str:
        """A path as the author names it: relative to mkdocs.yml."""
        return as_author_sees(path, self.config)

    def read(self, page: MkDocsPage, markdown: str) -> Page:
        """A Page for `page`, whose Markdown (front matter removed) is `markdown`."""
        return Page(self, page, markdown, self.author_path(page.file.abs_src_path or page.file.src_path))

    def enter(self, page: MkDocsPage, markdown: str) -> Page:
        """Start converting `page`: it is `site.page` until the next one."""
        self._page = self.read(page, markdown)
        return self._page

    @property
    def page(self) -> Page:
        if self._page is None:
            raise RuntimeError("no page is being converted")
        return self._page


class SiteExtension(Extension):
    """A Markdown extension that knows the site; a feature's extension subclasses it."""

    def __init__(self, site: Site) -> None:
        super().__init__()
        self.site = site

    def extendMarkdown(self, md: Markdown) -> None:
        """The site's own extension adds nothing to Markdown: it only carries the site."""


class SiteBlocks(BlocksExtension, SiteExtension):
    """Registers pymdownx blocks, each given the site in the config pymdownx passes to it."""

    def __init__(self, site: Site, *blocks: type[Block]) -> None:
        SiteExtension.__init__(self, site)
        self.blocks = blocks

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        pymdownx.blocks.get_frontmatter = _block_options
        for block in self.blocks:
            block_mgr.register(block, {"site": self.site})


_LIBYAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _block_options(text: str) -> dict[str, Any] | None:
    """pymdownx's reader of a block's options, with the same safe YAML on libyaml's parser.

    pymdownx reads them with PyYAML's pure-Python parser: about 6% of a warm build
    of a generated curriculum. The same mapping, or None when the text is not one.
    """
    try:
        options = yaml.load(text, _LIBYAML)
    except Exception:  # as pymdownx's own reader: text it cannot read is no options
        return None
    if options is None:
        return {}
    return options if isinstance(options, dict) else None


class SiteBlock(Block):
    """A pymdownx block that reaches the site and the page being converted."""

    @property
    def site(self) -> Site:
        return self.config["site"]

    @property
    def page(self) -> Page:
        return self.site.page
