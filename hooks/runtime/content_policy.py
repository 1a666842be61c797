"""The Content-Security-Policy the site works under, written to `site/_headers`.

The policy allows only what the pages use: the site itself, the runtime's
folders on the CDN (none when the runtime is self-hosted), WebAssembly
compilation for Pyodide ('wasm-unsafe-eval', not 'unsafe-eval'), inline style
attributes (KaTeX positions glyphs with them), and the theme's few inline
scripts, each by its sha256 collected from the built pages (so no
'unsafe-inline' for scripts).

`_headers` is the format Netlify and Cloudflare Pages read; other hosts copy
the policy line into their server configuration (see the README).
"""

import base64
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from hooks.authoring.site import Site
from hooks.runtime.assets import Runtime

HEADERS_FILE = "_headers"
# Script types a browser does not execute, so the policy need not allow them.
DATA_TYPES = {"application/json", "application/ld+json"}


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") not in DATA_TYPES:
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._text is not None:
            self.scripts.append("".join(self._text))
            self._text = None


@dataclass
class Policy:
    """Collected over one build: `site.state(Policy)`."""

    script_hashes: set[str] = field(default_factory=set)


def _script_elements(output: str) -> Iterator[str]:
    # A script's text ends at the first `</script>`, so each element can be cut out and parsed alone,
    # sparing the parse of the whole page.
    start = output.find("<script")
    while start != -1:
        end = output.find("</script>", start)
        if end == -1:
            return
        yield output[start : end + len("</script>")]
        start = output.find("<script", end)


def collect(site: Site, output: str) -> str:
    """Remember the hash of every inline script of a built page."""
    parser = _InlineScripts()
    for element in _script_elements(output):
        parser.feed(element)
    for script in parser.scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        site.state(Policy).script_hashes.add(f"'sha256-{digest}'")
    return output


def policy(site: Site) -> str:
    """The Content-Security-Policy header's value for the site."""
    runtime = site.state(Runtime)
    # The runtime's folders, not the CDN's origin: the CDN serves any package, which must not run here.
    pyodide, katex = ([], []) if runtime.self_hosted else ([runtime.pyodide], [runtime.katex])
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'", *pyodide, *sorted(site.state(Policy).script_hashes)],
        "style-src": ["'self'", *katex],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", *katex],
        "connect-src": ["'self'", *pyodide],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def write(site: Site) -> None:
    """Write `_headers` into the built site."""
    path = Path(site.config.site_dir) / HEADERS_FILE
    path.write_text(f"/*\n  Content-Security-Policy: {policy(site)}\n")
