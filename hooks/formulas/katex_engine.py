"""KaTeX, run in an embedded V8 so formulas are typeset at build time, with no Node.

Renders are kept in the build cache, keyed by the TeX, the options and the
vendored KaTeX itself, so a build whose formulas are all cached never starts V8.
"""

import atexit
import functools
import hashlib
import json
import re
from pathlib import Path

from py_mini_racer import MiniRacer

from hooks.cache.store import BuildCache

KATEX_JS = Path(__file__).parent / "vendor" / "katex" / "katex.min.js"
# What every formula is rendered with, besides its display mode; part of each cache key.
OPTIONS = {"throwOnError": True, "strict": "error", "output": "htmlAndMathml", "macros": {}}

# Errors come back as values, so a bad formula gives KaTeX's message, not a JS stack.
_RENDER_FN = """
function renderTex(tex, options) {
  try {
    return JSON.stringify({html: katex.renderToString(tex, options)});
  } catch (e) {
    return JSON.stringify({error: String(e.message || e)});
  }
}
"""


class KatexError(ValueError):
    """KaTeX could not parse a formula: KaTeX's message, and the formula's TeX."""

    def __init__(self, message: str, tex: str = "") -> None:
        super().__init__(message)
        self.tex = tex


@functools.cache
def _engine() -> MiniRacer:
    ctx = MiniRacer()
    # Closed while the interpreter is still whole: left to garbage collection at exit,
    # V8's teardown can wait forever on mini-racer's already-stopped event-loop thread.
    atexit.register(ctx.close)
    ctx.eval(KATEX_JS.read_text(encoding="utf-8"))
    ctx.eval(_RENDER_FN)
    return ctx


@functools.cache
def katex_digest() -> str:
    """sha256 of the vendored KaTeX: its version, and any change to the file, without starting V8."""
    return hashlib.sha256(KATEX_JS.read_bytes()).hexdigest()


@functools.cache
def version() -> str:
    """Version of the vendored KaTeX, read from the `version` its bundle exports: no V8 needed for it."""
    found = re.search(r'\bversion:"([0-9][^"]*)"', KATEX_JS.read_text(encoding="utf-8"))
    return found.group(1) if found else _engine().eval("katex.version")


def render(tex: str, display: bool, cache: BuildCache | None = None) -> str:
    """KaTeX's HTML for `tex`, from `cache` when it holds it; raises KatexError with KaTeX's own message."""
    options = {**OPTIONS, "displayMode": display}
    if cache is None:
        return _typeset(tex, json.dumps(options, sort_keys=True))
    parts = [katex_digest(), tex, options]
    html = cache.get("katex", parts)
    if not isinstance(html, str):
        html = _typeset(tex, json.dumps(options, sort_keys=True))
        cache.put("katex", parts, html)
    return html


def render_page(formulas: list[tuple[str, bool]], cache: BuildCache) -> list[str]:
    """KaTeX's HTML for each (tex, display) of a page, from one cache entry for them all when the cache holds it.

    A warm build then reads one entry a page, not one a formula; a page with a
    changed formula renders only that one again, the others come from their own entries.
    """
    parts = [katex_digest(), OPTIONS, formulas]
    found = cache.get("katex-page", parts)
    if isinstance(found, list) and len(found) == len(formulas):
        return found
    found = [render(tex, display, cache) for tex, display in formulas]
    cache.put("katex-page", parts, found)
    return found


@functools.lru_cache(maxsize=4096)
def _typeset(tex: str, options_json: str) -> str:
    result = json.loads(_engine().call("renderTex", tex, json.loads(options_json)))
    if "error" in result:
        raise KatexError(result["error"], tex)
    return result["html"]
