"""`/// demo | NAME` blocks: a demo that is complete at build time and live in the browser.

A demo is a module of `pyscript_demo/` with `TITLE`, `static_html()`,
`initial_state()` and `handle(message)`. The block renders the demo's
starting state by running that module in CPython; in the browser,
`pyscript_demo/demo.js` runs the same module in Pyodide, in a Web Worker,
and swaps in what `handle` returns as the reader acts.
"""

import ast
import importlib
import json
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.util import AtomicString
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

import pyscript_demo
from hooks.authoring import assets
from hooks.authoring.scan import find_blocks
from hooks.authoring.site import Page, Site, SiteBlock, SiteBlocks
from hooks.runtime import assets as runtime_assets

DEMO_DIR = Path(pyscript_demo.__file__).parent
SITE_DIR = "pyscript_demo"
BRIDGE = f"{SITE_DIR}/demo.js"

# Demo name (as written after `/// demo |`) -> the module that implements it.
DEMOS = {
    "logistic-regression": "pyscript_demo.logreg_view",
}


def check(page: Page) -> None:
    """Refuse a `/// demo` without a name or with options: pymdownx would leave it on the page as text."""
    for header in find_blocks(page, {LiveDemoBlock.NAME}):
        if not (header.argument or "").strip():
            raise page.error_at(
                header.line,
                "`/// demo` has no demo name.",
                f"write it after a bar: `/// demo | NAME`, NAME one of: {', '.join(sorted(DEMOS))}.",
            )
        header.options(())


def _modules(name: str) -> list[str]:
    """The files of pyscript_demo/ that module `name` imports, itself and the package included.

    The browser downloads only these, not every module of the package.
    """
    package = DEMO_DIR.name
    todo, found = [name.rsplit(".", 1)[-1]], {"__init__"}
    while todo:
        stem = todo.pop()
        if stem in found:
            continue
        found.add(stem)
        for node in ast.walk(ast.parse((DEMO_DIR / f"{stem}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == package:
                todo += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(package + "."):
                todo.append(node.module.split(".", 1)[1])
    return sorted(f"{stem}.py" for stem in found)


class LiveDemoBlock(SiteBlock):
    NAME = "demo"
    ARGUMENT = True

    def on_create(self, parent: etree.Element) -> etree.Element:
        name = self.argument.strip()
        if name not in DEMOS:
            raise self.page.error(
                f"/// demo | {name}",
                f"there is no demo named {name!r}.",
                f"use one of: {', '.join(sorted(DEMOS))}.",
            )
        module = importlib.import_module(DEMOS[name])
        section = etree.SubElement(
            parent,
            "section",
            {
                "class": "live-demo",
                "data-demo": name,
                "data-state": "static",
                "data-runtime": runtime_assets.pyodide_folder(self.site, relative_to=SITE_DIR),
                "data-entry": f"{module.__name__}:handle",
                "data-modules": " ".join(_modules(module.__name__)),
                "data-initial-state": json.dumps(module.initial_state()),
                "aria-label": module.TITLE,
            },
        )
        body = etree.SubElement(section, "div", {"class": "live-demo__body"})
        etree.SubElement(section, "div", {"class": "live-demo__live"}).text = AtomicString(
            self.md.htmlStash.store(_status() + module.static_html())
        )
        return body


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


def configure(site: Site) -> None:
    """Register the block and load the bridge script on every page."""
    config = site.config
    config.markdown_extensions.append(SiteBlocks(site, LiveDemoBlock))
    # Async: the bridge starts Python without waiting for the theme's own scripts to load and run.
    bridge = ExtraScriptValue(BRIDGE)
    bridge.async_ = True
    config.extra_javascript.append(bridge)
    assets.publish(config, __file__, "demo.css")


def add_assets(files: Files, config: MkDocsConfig) -> Files:
    """Publish pyscript_demo/ (the Python the browser runs, and the bridge) with the site."""
    for path in sorted(DEMO_DIR.iterdir()):
        if path.suffix in {".py", ".js"}:
            files.append(File.generated(config, f"{SITE_DIR}/{path.name}", abs_src_path=str(path)))
    return files
