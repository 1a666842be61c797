"""`/// demo | NAME` blocks: a demo that is complete at build time and live in the browser.

NAME is found by convention (`hooks/demo/discovery.py`): the demo declared in
`pyscript_demo/demos/NAME/demo.py` on the kit (`pyscript_demo/kit/`). The block
renders the demo's starting state by running that module in CPython; in the
browser, `pyscript_demo/demo.js` runs the same module in Pyodide, in a Web
Worker, and swaps in what the demo's `handle` returns as the reader acts.
"""

import difflib
import logging
import posixpath
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown.util import AtomicString
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import File, Files

from hooks.authoring import assets, search_view
from hooks.authoring.errors import Mistake
from hooks.authoring.scan import Once, find_blocks
from hooks.authoring.site import Page, Site, SiteBlock, SiteBlocks
from hooks.cache import pages as page_cache
from hooks.demo import checks, discovery, packages
from hooks.demo.packages import Packages
from hooks.runtime import assets as runtime_assets
from hooks.runtime import lock

SITE_DIR = discovery.PACKAGE_DIR.name
BRIDGE = f"{SITE_DIR}/demo.js"
PUBLISHED = {".py", ".js", ".css"}

log = logging.getLogger("mkdocs.plugins.concept_pages")


def check(page: Page) -> None:
    """Refuse a `/// demo` without a name or with options (pymdownx would leave it on the page as text), and a
    demo shown twice on a page (both copies' inputs would have the same ids)."""
    once = Once(
        page, lambda name: f"the demo '{name}'", "show it once: both would have the same inputs, with the same ids."
    )
    for header in find_blocks(page, {LiveDemoBlock.NAME}):
        name = (header.argument or "").strip()
        if not name:
            raise page.error_at(
                header.line,
                "`/// demo` has no demo name.",
                f"write it after a bar: `/// demo | NAME`, NAME one of: {', '.join(discovery.names())}.",
            )
        header.options(())
        once.see(name, header)


class LiveDemoBlock(SiteBlock):
    NAME = "demo"
    ARGUMENT = True

    def on_create(self, parent: etree.Element) -> etree.Element:
        name = self.argument.strip()
        header = f"/// demo | {name}"
        names = discovery.names()
        if name not in names:
            close = difflib.get_close_matches(name.replace("_", "-"), names, n=1)
            fix = (
                f"did you mean {close[0]!r}? A demo is named by its folder, with hyphens for underscores."
                if close
                else f"use one of: {', '.join(names)}; or write the demo in "
                f"pyscript_demo/demos/{name.replace('-', '_')}/demo.py (see docs/writing-a-demo.md)."
            )
            raise self.page.error(header, f"there is no demo named {name!r}.", fix)
        prepared = self.site.state(Prepared).by_name
        if name not in prepared:
            try:
                shipment = checks.prepare(name, _pyodide(self.site))
                prepared[name] = (shipment, *checks.render(name, shipment.demo))
            except Mistake as mistake:
                raise self.page.error(header, f"demo {name!r}: {mistake.problem}", mistake.fix) from None
        shipment, static_html, initial_state = prepared[name]
        section = etree.SubElement(
            parent,
            "section",
            {
                "class": "live-demo",
                "data-demo": name,
                "data-state": "static",
                "data-runtime": runtime_assets.pyodide_folder(self.site, relative_to=SITE_DIR),
                "data-entry": f"{discovery.module_name(name)}:demo.handle",
                "data-modules": " ".join(shipment.files),
                "data-packages": " ".join(shipment.demo.packages),
                "data-initial-state": initial_state,
                "aria-label": shipment.demo.title,
            },
        )
        body = etree.SubElement(section, "div", {"class": "live-demo__body"})
        live = _style(name, self.page.mkdocs.url) + _status() + static_html
        # The search index reads the demo as its title: its starting figures and tables are no text to search.
        search_view.stand_in(self.site, live, search_view.escaped(shipment.demo.title))
        etree.SubElement(section, "div", {"class": "live-demo__live"}).text = AtomicString(
            self.md.htmlStash.store(live)
        )
        return body


@dataclass
class Prepared:
    """Each demo's checked shipment, starting markup and state, made once per build, however many pages show
    it: `site.state(Prepared)`."""

    by_name: dict = field(default_factory=dict)


class Pyodide:
    """Pyodide's packages, read once per build: `site.state(Pyodide)`."""

    read = False
    packages: Packages | None = None


def _pyodide(site: Site) -> Packages | None:
    """Pyodide's packages from the verified mirror; without them, the build says once what goes unchecked."""
    state = site.state(Pyodide)
    if not state.read:
        try:
            state.read, state.packages = True, packages.pyodide()
        except lock.MirrorError as err:
            raise ConfigurationError(
                f"Pyodide's lock file in the verified mirror cannot be used: {err} "
                f"Fix: delete {lock.stamp('pyodide')} and run `make mirror`."
            ) from None
        if state.packages is None:
            log.info(
                "Pyodide's lock file has not been fetched: the demos' packages are not checked against Pyodide's. "
                "`make mirror` fetches it."
            )
    return state.packages


def _style(name: str, page_url: str) -> str:
    """A link to the demo's own stylesheet, if it has one, relative to the page."""
    style = discovery.folder(name) / discovery.STYLE
    if not style.is_file():
        return ""
    uri = style.relative_to(discovery.PACKAGE_DIR.parent).as_posix()
    href = posixpath.relpath(uri, posixpath.dirname("/" + page_url + "x")[1:] or ".")
    return f'<link rel="stylesheet" href="{href}">'


def _status() -> str:
    """Where the demo says what Python is doing; before any script runs, that the numbers are static."""
    return (
        '<div class="live-demo__status-bar">'
        '<p class="live-demo__status" data-status role="status">'
        "The figure and numbers below were computed when this page was built. "
        "With JavaScript on, Python starts in your browser and they follow your changes."
        "</p>"
        '<progress class="live-demo__progress" data-progress max="3" hidden></progress>'
        '<button type="button" class="md-button" data-load hidden>Load Python</button>'
        '<button type="button" class="md-button" data-stop hidden>Stop Python</button>'
        '<button type="button" class="md-button" data-retry hidden>Try again</button>'
        "</div>"
    )


def build_inputs() -> list:
    """What a demo block shows besides its page: the demos' and the kit's files, and the Pyodide they are checked
    against (the pinned versions and the mirror's record of its lock file)."""
    record = lock.stamp("pyodide")
    folders = dict.fromkeys([discovery.PACKAGE_DIR, *discovery.demo_folders()])
    return [
        page_cache.tree_digest(*folders),
        lock.LOCK.read_text(encoding="utf-8"),
        record.read_text(encoding="utf-8") if record.is_file() else None,
    ]


def configure(site: Site) -> None:
    """Register the block and load the bridge script on every page."""
    config = site.config
    config.markdown_extensions.append(SiteBlocks(site, LiveDemoBlock))
    # Async: the bridge starts Python without waiting for the theme's own scripts to load and run.
    bridge = ExtraScriptValue(BRIDGE)
    bridge.async_ = True
    config.extra_javascript.append(bridge)
    assets.publish(site, __file__, "demo.css")


def add_assets(files: Files, config: MkDocsConfig) -> Files:
    """Publish pyscript_demo/ (the Python the browser runs, the demos' styles, and the bridge) with the site."""
    root = discovery.PACKAGE_DIR.parent
    for path in sorted(discovery.PACKAGE_DIR.rglob("*")):
        if path.suffix in PUBLISHED and "__pycache__" not in path.parts:
            uri = path.relative_to(root).as_posix()
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files
