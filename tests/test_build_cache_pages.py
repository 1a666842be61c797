"""Whole page conversions in the build cache: a warm build is byte for byte a cold one, and each input recomputes.

A conversion the cache holds is marked (a comment planted in its kept content, with a sound checksum) so
the site shows which pages came from the cache: after an input changes, exactly the pages that read it lose
the mark.
"""

import json
import logging
import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from hooks.cache import pages as page_cache
from hooks.cache.store import FORMAT, _digest, _json
from tests.conftest import CACHE_NAMESPACES, share_build_cache
from tests.harness import build_project
from tools import curriculum

MARK = "<!-- kept conversion -->"


def _project(tmp_path: Path) -> Path:
    """A small curriculum whose kept conversions are its own; its formulas, listings and the like are shared."""
    config = curriculum.write(tmp_path / "project", 4, 2, demo=None)
    share_build_cache(config.parent, own=[page_cache.NAMESPACE])
    return config


def _entries(project: Path) -> list[Path]:
    return sorted((project / ".cache" / "build" / page_cache.NAMESPACE).rglob("*.json"))


def _mark_kept(project: Path) -> None:
    for path in _entries(project):
        entry = json.loads(path.read_text())
        value = {**entry["value"], "content": entry["value"]["content"] + MARK}
        path.write_text(_json({"format": FORMAT, "key": entry["key"], "sha256": _digest(_json(value)), "value": value}))


def _site(config: Path, site: Path) -> dict[str, str]:
    """{path under the site: its text} of every page built."""
    build_project(config, site)
    return {p.relative_to(site).as_posix(): p.read_text() for p in sorted(site.rglob("*.html"))}


def _from_cache(pages: dict[str, str]) -> set[str]:
    return {path for path, text in pages.items() if MARK in text}


def _concepts(pages: dict[str, str]) -> set[str]:
    return {path for path in pages if path.count("/") == 2}


def test_a_warm_build_is_the_cold_build_and_converts_nothing(tmp_path):
    config = _project(tmp_path)
    cold = _site(config, tmp_path / "cold")
    # Every page is kept: four concepts, their two area pages, the home page and the concept graph.
    assert len(_entries(config.parent)) == 8
    assert _site(config, tmp_path / "warm") == cold
    # Byte for byte what a build with no cache at all makes, assets included.
    shutil.rmtree(config.parent / ".cache")
    build_project(config, tmp_path / "fresh")
    assert {p.name for p in (config.parent / ".cache" / "build").iterdir()} <= set(CACHE_NAMESPACES)
    for path in sorted(p for p in (tmp_path / "fresh").rglob("*") if p.is_file()):
        assert path.read_bytes() == (tmp_path / "cold" / path.relative_to(tmp_path / "fresh")).read_bytes(), path
    # The warm build took its pages from the cache: a mark planted in the kept conversions shows on every page.
    _mark_kept(config.parent)
    marked = _site(config, tmp_path / "marked")
    assert _from_cache(marked) == set(marked) - {"404.html"}


def test_each_input_of_a_conversion_recomputes_the_pages_that_read_it(tmp_path):
    config = _project(tmp_path)
    project, docs = config.parent, config.parent / "docs"
    everything = set(_site(config, tmp_path / "cold")) - {"404.html"}
    concepts = sorted(docs.glob("*/*.md"))
    first_area = {p for p in concepts if p.parent == concepts[0].parent}

    def rebuild(name: str) -> set[str]:
        """The pages converted again (not from the cache) after the change just made."""
        _mark_kept(project)
        built = _site(config, tmp_path / name)
        return set(built) - {"404.html"} - _from_cache(built)

    def page_of(path: Path) -> str:
        return f"{path.relative_to(docs).with_suffix('').as_posix()}/index.html"

    assert rebuild("unchanged") == set()
    # The page's own text.
    page = concepts[0]
    page.write_text(page.read_text().replace("Write your prediction first", "Write a prediction first"))
    assert rebuild("page") == {page_of(page)}
    # A file its listing shows, and a module that file imports: the pages listing them.
    listing = next(project.glob("listings/*/*.py"))
    listing.write_text(listing.read_text().replace("steps=", "steps=1 + "))
    assert rebuild("listing") == {page_of(p) for p in concepts if listing.stem.replace("_", "-") == p.stem}
    shared = project / "listings" / curriculum.area_slug(0) / "shared.py"
    shared.write_text(shared.read_text().replace("0.1 * rng", "0.2 * rng"))
    assert rebuild("imported module") == {page_of(p) for p in first_area}
    # What every page reads: the bibliography, the configuration.
    bib = docs / "references.bib"
    bib.write_text(bib.read_text().replace("Notes on Learning", "Notes on Machine Learning"))
    assert rebuild("bibliography") == everything
    config.write_text(config.read_text().replace("toc:\n      permalink: true", "toc:\n      permalink: '#'"))
    assert rebuild("config") == everything


def test_other_pages_front_matter_recomputes_every_page(tmp_path):
    config = _project(tmp_path)
    docs = config.parent / "docs"
    cold = _site(config, tmp_path / "cold")
    last = sorted(docs.glob("*/*.md"))[-1]
    last.write_text(last.read_text().replace("title: ", "title: Renamed ", 1))
    _mark_kept(config.parent)
    built = _site(config, tmp_path / "renamed")
    assert _from_cache(built) == set()
    # The pages that link to it name it anew: the rename reached them, not a kept copy.
    assert sum("Renamed" in text for text in built.values()) > sum("Renamed" in text for text in cold.values()) + 1


def test_a_corrupt_entry_is_ignored_and_written_again(tmp_path):
    config = _project(tmp_path)
    cold = _site(config, tmp_path / "cold")
    for path in _entries(config.parent):
        path.write_text(path.read_text()[: len(path.read_text()) // 2])
    assert _site(config, tmp_path / "warm") == cold
    entries = _entries(config.parent)
    assert len(entries) == 8 and all(json.loads(p.read_text())["format"] == FORMAT for p in entries)


def test_a_conversion_that_logs_is_not_kept_so_its_warning_shows_on_every_build(tmp_path, caplog):
    config = _project(tmp_path)
    index = config.parent / "docs" / "index.md"
    index.write_text(index.read_text() + "\nSee [the missing page](missing.md).\n")
    for name in ("first", "second"):
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            caplog.clear()
            build(load_config(str(config), site_dir=str(tmp_path / name)))
        assert any("missing.md" in record.getMessage() for record in caplog.records)
    assert len(_entries(config.parent)) == 7


def test_an_extension_the_cache_does_not_know_keeps_nothing(tmp_path):
    config = _project(tmp_path)
    config.write_text(config.read_text().replace("  - admonition\n", "  - admonition\n  - pymdownx.snippets\n"))
    _site(config, tmp_path / "site")
    assert _entries(config.parent) == []


def test_the_code_and_demos_digest_follows_every_file(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.py").write_text("x = 1\n")
    before = page_cache.tree_digest(tmp_path)
    (tmp_path / "a" / "x.py").write_text("x = 2\n")
    changed = page_cache.tree_digest(tmp_path)
    (tmp_path / "a" / "y.css").write_text("")
    assert len({before, changed, page_cache.tree_digest(tmp_path)}) == 3
