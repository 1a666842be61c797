"""Each feature's browser assets live beside its code and reach the reader as one stylesheet and one script.

A feature calls `publish(config, __file__, "name.css")` in its configure step. Once every feature has
published, `bundle(site)` joins the stylesheets, in the order they were published, into
`assets/concepts/site.css` and the scripts into `site.js`, and links those from every page instead: a
reader on a slow link waits for two requests, not a dozen, before the page can paint. The link carries a
digest of the content (`site.css?v=DIGEST`), so a browser never keeps a stale copy; the file's name stays
the same, so `make serve`, which rebuilds only edited pages, still serves an edited stylesheet to the
others. Every script is a function scope of its own (an IIFE), which is what lets them share a file.
`add_files` serves the bundles.
"""

import hashlib
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from hooks.authoring.site import Site

HOOKS = Path(__file__).resolve().parent.parent
SITE_DIR = "assets/concepts/"


class Bundles:
    """The bundles of this build: each one's site path and its text."""

    def __init__(self) -> None:
        self.files: dict[str, str] = {}


def publish(config: MkDocsConfig, module_file: str, *names: str) -> None:
    """Link the files `names`, beside the module `module_file`, from every page (CSS and scripts alike)."""
    feature = Path(module_file).resolve().parent.relative_to(HOOKS).as_posix()
    for name in names:
        uri = f"{SITE_DIR}{feature}/{name}"
        if name.endswith(".css"):
            config.extra_css.append(uri)
        else:
            config.extra_javascript.append(ExtraScriptValue(uri))


def bundle(site: Site) -> None:
    """Replace the published stylesheets by one, where the last of them was linked (so it still overrides
    what comes before it, KaTeX's included), and the published scripts by one, where the first was."""
    config, bundles = site.config, site.state(Bundles)
    styles = [uri for uri in config.extra_css if uri.startswith(SITE_DIR)]
    if styles:
        at = config.extra_css.index(styles[-1]) - len(styles) + 1
        config.extra_css[:] = [uri for uri in config.extra_css if uri not in styles]
        config.extra_css.insert(at, _join(bundles, styles, ".css"))
    scripts = [script for script in config.extra_javascript if str(script).startswith(SITE_DIR)]
    if scripts:
        at = config.extra_javascript.index(scripts[0])
        config.extra_javascript[:] = [script for script in config.extra_javascript if script not in scripts]
        config.extra_javascript.insert(at, ExtraScriptValue(_join(bundles, [str(s) for s in scripts], ".js")))


def _join(bundles: Bundles, uris: list[str], suffix: str) -> str:
    parts = [f"/* {uri.removeprefix(SITE_DIR)} */\n{(HOOKS / uri.removeprefix(SITE_DIR)).read_text()}" for uri in uris]
    text = "\n".join(parts)
    uri = f"{SITE_DIR}site{suffix}"
    bundles.files[uri] = text
    return f"{uri}?v={hashlib.sha256(text.encode()).hexdigest()[:12]}"


def add_files(site: Site, files: Files) -> Files:
    """Serve the bundles."""
    for uri, text in site.state(Bundles).files.items():
        files.append(File.generated(site.config, uri, content=text))
    return files
