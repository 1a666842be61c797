"""Each feature's browser assets live beside its code and reach the reader as one stylesheet and one script.

A feature calls `publish(site, __file__, "name.css")` in its configure step. Once every feature has
published, `bundle(site)` joins the stylesheets, in the order they were published, into
`assets/concepts/site.css` and the scripts into `site.js`, and links those from every page: a
reader on a slow link waits for two requests, not a dozen, before the page can paint. The link carries a
digest of the content (`site.css?v=DIGEST`), so a browser never keeps a stale copy; the file's name stays
the same, so `make serve`, which rebuilds only edited pages, still serves an edited stylesheet to the
others. Every script is a function scope of its own (an IIFE), which is what lets them share a file.
`add_files` serves the bundles.
"""

import hashlib
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.structure.files import File, Files

from hooks.authoring.site import Site

HOOKS = Path(__file__).resolve().parent.parent
SITE_DIR = "assets/concepts/"


class Bundles:
    """The features' files in the order they were published, and the bundles made of them (site path: text)."""

    def __init__(self) -> None:
        self.published: list[str] = []
        self.files: dict[str, str] = {}


def publish(site: Site, module_file: str, *names: str) -> None:
    """Add the files `names`, beside the module `module_file`, to the stylesheet or the script of every page."""
    feature = Path(module_file).resolve().parent.relative_to(HOOKS).as_posix()
    site.state(Bundles).published += [f"{feature}/{name}" for name in names]


def bundle(site: Site) -> None:
    """Link the bundles from every page, after everything linked before (KaTeX's stylesheet included), so
    the features' rules override it."""
    config, bundles = site.config, site.state(Bundles)
    for suffix in (".css", ".js"):
        files = [name for name in bundles.published if name.endswith(suffix)]
        if not files:
            continue
        text = "\n".join(f"/* {name} */\n{(HOOKS / name).read_text()}" for name in files)
        uri = f"{SITE_DIR}site{suffix}"
        bundles.files[uri] = text
        link = f"{uri}?v={hashlib.sha256(text.encode()).hexdigest()[:12]}"
        if suffix == ".css":
            config.extra_css.append(link)
        else:
            # Deferred, as the theme's is (hooks/theme/paint_first.py): the page can paint before either runs.
            script = ExtraScriptValue(link)
            script.defer = True
            config.extra_javascript.append(script)


def add_files(site: Site, files: Files) -> Files:
    """Serve the bundles."""
    for uri, text in site.state(Bundles).files.items():
        files.append(File.generated(site.config, uri, content=text))
    return files
