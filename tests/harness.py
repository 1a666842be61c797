"""Markdown in, HTML or the `AuthorError` out, in this process.

A throwaway project holds the real mkdocs.yml and hook and the given pages; MkDocs' public API loads it, so
the hooks run exactly as for an author, without a new interpreter per case (the hooks reset their state in
`on_config`). In the spirit of pymdownx's `check_markdown`: a test gives the source and compares whole
expected snippets of the output, or the whole message of the error.

Two depths: `convert` runs the plugin events of the build up to each page's HTML (`on_config` to
`on_page_content`, the events where the hooks read and check an author's source) without the theme, in
tens of milliseconds; `build` is the whole `mkdocs build --strict`, theme and site files included.
"""

import contextlib
import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from hooks.authoring.errors import AuthorError
from tests.conftest import SITE_SETTINGS, make_project

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


@dataclass
class Site:
    """A built throwaway site."""

    root: Path

    def html(self, page: str = "index.md") -> str:
        """The whole HTML file built from the docs page `page` (directory URLs)."""
        name = Path(page).with_suffix("")
        folder = name.parent if name.name == "index" else name
        return (self.root / folder / "index.html").read_text()

    def article(self, page: str = "index.md") -> str:
        """The page's article: what its Markdown became, with the theme's frame left out."""
        return ARTICLE.search(self.html(page)).group(1)


@contextlib.contextmanager
def site_environment(env: dict[str, str] | None = None) -> Iterator[None]:
    """mkdocs.yml reads its `!ENV` settings while loading: only `env`'s, never a developer's exported ones."""
    saved = {key: os.environ.pop(key) for key in SITE_SETTINGS if key in os.environ}
    os.environ.update(env or {})
    try:
        yield
    finally:
        for key in env or {}:
            os.environ.pop(key, None)
        os.environ.update(saved)


def load(config_file: Path, site_dir: Path, env: dict[str, str] | None = None, **settings) -> MkDocsConfig:
    """mkdocs.yml loaded as `mkdocs build --strict -d site_dir` loads it (`settings` override its own)."""
    with site_environment(env):
        return load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True, **settings)


@contextlib.contextmanager
def strict() -> Iterator[None]:
    """Fails as `--strict` does when the build logs a warning."""
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        yield
        assert not counter.get_counts(), f"the build logged warnings: {counter.get_counts()}"
    finally:
        logger.removeHandler(counter)


def convert_project(config_file: Path) -> dict[str, str]:
    """{docs path: its HTML} of every page, through the build's events up to `on_page_content`, then `on_env`
    (where the checks that need every page run).

    The theme's search plugin is left out: it reads pages only once they are converted, and loading it
    is half the cost of a conversion.
    """
    config = load(config_file, config_file.parent / "site", plugins=[])
    with strict():
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = config.plugins.on_files(get_files(config), config=config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        del nav
        pages = {}
        for file in files.documentation_pages():
            page = file.page or Page(None, file, config)
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            page.render(config, files)
            pages[file.src_uri] = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        config.plugins.on_env(config.theme.get_env(), config=config, files=files)
    return pages


def build_project(config_file: Path, site_dir: Path, env: dict[str, str] | None = None) -> None:
    """`mkdocs build --strict` of `config_file` into `site_dir`; raises what the build raised.

    MkDocs reports a build error as `Abort`, raised while handling the error itself: that error is
    re-raised here, so a test sees the `AuthorError` (or the unexpected exception) and not MkDocs' wrapper.
    """
    config = load(config_file, site_dir, env)
    try:
        mkdocs_build(config)
    except Abort as abort:
        if abort.__context__ is not None:
            raise abort.__context__ from None
        raise


def project(
    tmp_path: Path,
    pages: dict[str, str],
    *,
    bib: str | None = None,
    config_edit: Callable[[str], str] | None = None,
    files: dict[str, str] | None = None,
) -> Path:
    """A throwaway project of `pages` (paths under docs/ to Markdown); `files` are other project files.

    The bibliography is the real one, or the BibTeX text `bib`; `config_edit` rewrites mkdocs.yml's text.
    Returns its mkdocs.yml.
    """
    config = make_project(tmp_path, pages, config_edit=config_edit, bib=bib)
    for rel, text in (files or {}).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return config


def convert(tmp_path: Path, pages: dict[str, str], **options) -> dict[str, str]:
    """{docs path: HTML} of the pages of a throwaway project (see `project`), without the theme."""
    return convert_project(project(tmp_path, pages, **options))


def build(
    tmp_path: Path,
    pages: dict[str, str],
    *,
    bib: str | None = None,
    config_edit: Callable[[str], str] | None = None,
    files: dict[str, str] | None = None,
) -> Site:
    """`mkdocs build --strict` of a throwaway project (see `project`)."""
    build_project(project(tmp_path, pages, bib=bib, config_edit=config_edit, files=files), tmp_path / "site")
    return Site(tmp_path / "site")


def refusal(tmp_path: Path, pages: dict[str, str], **options) -> str:
    """The message of the error that stops the build of these pages (failing if none does): an `AuthorError`,
    or for a setting of mkdocs.yml, MkDocs' own `ConfigurationError`."""
    try:
        convert(tmp_path, pages, **options)
    except (AuthorError, ConfigurationError) as error:
        return str(error)
    raise AssertionError(f"the build passed: {pages}")
