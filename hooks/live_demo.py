"""`/// demo | NAME` blocks: a demo that is complete at build time and live in the browser.

The block renders the controls and the readout for the demo's starting
setting by running the demo's Python in CPython. In the browser,
`pyscript_demo/demo.js` starts the same Python in Pyodide, in a Web Worker,
and swaps in what it returns as the reader moves the controls.
"""

import xml.etree.ElementTree as etree
from dataclasses import dataclass
from html import escape
from pathlib import Path

from markdown.util import AtomicString
from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import File
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from hooks.author_errors import page_error
from pyscript_demo import logreg
from pyscript_demo.readout import readout

DEMO_DIR = Path(logreg.__file__).parent
SITE_DIR = "pyscript_demo"
BRIDGE = f"{SITE_DIR}/demo.js"


@dataclass(frozen=True)
class Slider:
    param: str
    label: str
    start: float
    low: float = -5.0
    high: float = 5.0
    step: float = 0.05


@dataclass(frozen=True)
class Demo:
    title: str
    entry: str  # "module:function" called with the sliders' values as keywords
    sliders: tuple
    render: object  # the same function, called here at build time


DEMOS = {
    "logistic-regression": Demo(
        title="Logistic regression: slope and bias",
        entry="pyscript_demo.readout:readout",
        sliders=(
            Slider("slope", "Slope (w)", float(logreg.w_start[1])),
            Slider("bias", "Bias (b)", float(logreg.w_start[0])),
        ),
        render=readout,
    ),
}


class LiveDemoBlock(Block):
    NAME = "demo"
    ARGUMENT = True
    OPTIONS = {}

    # Set by configure(): where the browser loads Pyodide from.
    runtime = ""

    def on_create(self, parent):
        name = self.argument.strip()
        demo = DEMOS.get(name)
        if demo is None:
            raise page_error(
                f"/// demo | {name}",
                f"there is no demo named {name!r}.",
                f"use one of: {', '.join(sorted(DEMOS))}.",
            )
        start = {s.param: s.start for s in demo.sliders}
        shown = demo.render(**start)
        modules = " ".join(sorted(p.name for p in DEMO_DIR.glob("*.py")))
        section = etree.SubElement(
            parent,
            "section",
            {
                "class": "live-demo",
                "data-demo": name,
                "data-state": "static",
                "data-runtime": self.runtime,
                "data-entry": demo.entry,
                "data-modules": modules,
                "aria-label": demo.title,
            },
        )
        body = etree.SubElement(section, "div", {"class": "live-demo__body"})
        etree.SubElement(section, "div", {"class": "live-demo__controls"}).text = AtomicString(
            self.md.htmlStash.store(_controls(name, demo.sliders, shown))
        )
        return body


def _controls(name, sliders, shown):
    controls = "".join(
        f'<div class="live-demo__slider">'
        f'<label for="{name}-{s.param}">{escape(s.label)}</label>'
        f'<input type="range" id="{name}-{s.param}" data-param="{s.param}" '
        f'min="{s.low:g}" max="{s.high:g}" step="{s.step:g}" value="{s.start:g}">'
        f'<output for="{name}-{s.param}" data-output="{s.param}">{s.start:.2f}</output>'
        "</div>"
        for s in sliders
    )
    return (
        f'<div class="live-demo__sliders">{controls}</div>'
        '<p class="live-demo__status" data-status>'
        "These numbers were computed when this page was built. "
        "Python starts in your browser when JavaScript runs, and then they follow the sliders."
        "</p>"
        '<button type="button" class="md-button live-demo__retry" data-retry hidden>'
        "Try again</button>"
        f'<div class="live-demo__readout" data-readout>{shown["html"]}</div>'
        f'<p class="live-demo__summary" data-summary aria-live="polite">{escape(shown["summary"])}</p>'
    )


class LiveDemoExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md, block_mgr):
        block_mgr.register(LiveDemoBlock, {})


def configure(config):
    """Register the block and load the bridge script on every page."""
    runtime = config.extra.get("runtime", {}).get("pyodide", "")
    if not runtime.endswith("/"):
        raise ConfigurationError(
            f"mkdocs.yml: extra.runtime.pyodide is {runtime!r}. Fix: set it to the folder that "
            "holds pyodide.js, ending in '/', e.g. https://cdn.jsdelivr.net/pyodide/v0.27.7/full/"
        )
    LiveDemoBlock.runtime = runtime
    config.markdown_extensions.append(LiveDemoExtension())
    config.extra_javascript.append(BRIDGE)


def add_assets(files, config):
    """Publish pyscript_demo/ (the Python the browser runs, and the bridge) with the site."""
    for path in sorted(DEMO_DIR.iterdir()):
        if path.suffix in {".py", ".js"}:
            files.append(File.generated(config, f"{SITE_DIR}/{path.name}", abs_src_path=str(path)))
    return files
