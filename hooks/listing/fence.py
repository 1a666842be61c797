"""`listing` fences: a source file of the repository, and what it prints when run.

The page holds no copy of the code and no hand-typed number: the listing is
read from the file and its output comes from running that file in CPython
during the build, so changing a number in the file changes the page. Outputs
are kept in the build cache (hooks/listing/runner.py says how runs are made).
"""

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Markdown
from mkdocs.structure.files import Files

from hooks.authoring import search_view
from hooks.authoring.errors import Mistake
from hooks.authoring.html import markup
from hooks.authoring.site import Page, Site
from hooks.cache.store import BuildCache
from hooks.listing.highlight import highlighted
from hooks.listing.runner import Listings

SUPERFENCES = "pymdownx.superfences"
LANGUAGES = {".py": "python"}
RUN_TIMEOUT_S = 120
# A `listing` fence as written in a page: its first line of content is the path.
FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})listing[^\n]*\n[ \t]*(?P<path>[^\n]+?)[ \t]*\n", re.M)


@dataclass
class Build:
    """The listings of the build being made, set by configure(): `site.state(Build)`."""

    listings: Listings | None = None


@dataclass
class Shown:
    """Per page: the path of each listing its conversion showed, as written."""

    paths: list[str] = field(default_factory=list)


def configure(site: Site) -> None:
    """Register the `listing` fence; paths in it are relative to mkdocs.yml."""
    config = site.config
    root = Path(config.config_file_path).parent.resolve()
    site.state(Build).listings = listings = Listings(root, BuildCache.of_project(config))
    if SUPERFENCES not in config.markdown_extensions:
        config.markdown_extensions.append(SUPERFENCES)
    fences = config.mdx_configs.setdefault(SUPERFENCES, {}).setdefault("custom_fences", [])
    format_fence = functools.partial(format_listing, root=root, site=site, listings=listings)
    fences.append({"name": "listing", "class": "listing", "format": format_fence})


def start(site: Site, files: Files) -> None:
    """Start running, in the background, the listed files that the cache does not hold, before pages convert."""
    listings = site.state(Build).listings
    root = listings.root
    paths = [
        _runnable(root, found["path"])
        for file in files.documentation_pages()
        for found in FENCE.finditer(file.content_string)
    ]
    listings.start([p for p in paths if p], RUN_TIMEOUT_S)


def _runnable(root: Path, written: str) -> Path | None:
    """The file a listing fence names, when it is one the build runs: a file of the project in a known language."""
    path = (root / written).resolve()
    return path if root in path.parents and path.suffix in LANGUAGES and path.is_file() else None


def page_inputs(site: Site, markdown: str) -> list:
    """What the page's listings show besides its Markdown: each listed file's key (its source and imports)."""
    listings, found = site.state(Build).listings, []
    for listed in FENCE.finditer(markdown):
        path = _runnable(listings.root, listed["path"])
        found.append(listings.key(path) if path else listed["path"])
    return found


def all_keyed(page: Page) -> bool:
    """Whether the listings the page showed are those page_inputs read from its Markdown."""
    return sorted(page.state(Shown).paths) == sorted(m["path"] for m in FENCE.finditer(page.mkdocs.markdown))


def format_listing(
    src: str,
    language: str,
    class_name: str,
    options: dict,
    md: Markdown,
    *,
    root: Path,
    site: Site,
    listings: Listings,
    **kwargs: Any,
) -> str:
    """The listing's code and what it printed, as HTML."""
    page = site.page
    rel = src.strip()
    page.state(Shown).paths.append(rel)
    path = (root / rel).resolve()
    if not rel or root not in path.parents or not path.is_file():
        raise page.error(
            rel or "```listing",
            f"the listing names {rel!r}, which is not a file of this project.",
            "give the path of the file relative to mkdocs.yml, e.g. pyscript_demo/logreg.py.",
        )
    if path.suffix not in LANGUAGES:
        raise page.error(
            rel,
            f"the listing {rel!r} cannot be run: only {', '.join(LANGUAGES)} files can.",
            "list a Python file.",
        )
    source = path.read_text(encoding="utf-8")
    try:
        output = _output(listings, path)
    except Mistake as mistake:
        raise page.error(path.name, mistake.problem, mistake.fix) from None
    code_html, output_html = highlighted(
        md, listings.cache, [(source, LANGUAGES[path.suffix], rel), (output, "text", "Output")]
    )
    label = f"Output of {rel}, printed when this page was built"
    listing = markup(
        "div",
        code_html,
        markup("div", output_html, class_="listing__output", aria_label=label),
        class_="listing",
        data_listing=rel,
    )
    # The search index reads the code and its output without the highlighting's spans.
    search_view.stand_in(
        site, listing, f"<pre><code>{search_view.escaped(source)}</code></pre><pre>{search_view.escaped(output)}</pre>"
    )
    return listing


def _output(listings: Listings, path: Path) -> str:
    """What the file prints, run as a script by this interpreter; a failure is the author's to fix."""
    run = listings.output(path, RUN_TIMEOUT_S)
    if run.timed_out:
        raise Mistake(
            f"running {path.name} took more than {RUN_TIMEOUT_S} s.",
            "make the listing finish quickly; it runs on every build.",
        )
    if run.returncode != 0:
        raise Mistake(
            f"running {path.name} failed:\n{run.stderr.strip()}\n",
            "make the file run without error: .venv/bin/python " + str(path),
        )
    return run.stdout
