"""KaTeX, run in an embedded V8 so formulas are typeset at build time, with no Node."""

import atexit
import functools
import json
from pathlib import Path

from py_mini_racer import MiniRacer

KATEX_JS = Path(__file__).parent / "vendor" / "katex" / "katex.min.js"

# Errors come back as values, so a bad formula gives KaTeX's message, not a JS stack.
_RENDER_FN = """
function renderTex(tex, displayMode) {
  try {
    return JSON.stringify({html: katex.renderToString(tex, {
      displayMode, throwOnError: true, strict: "error", output: "htmlAndMathml"})});
  } catch (e) {
    return JSON.stringify({error: String(e.message || e)});
  }
}
"""


class KatexError(ValueError):
    """KaTeX could not parse a formula."""


@functools.cache
def _engine() -> MiniRacer:
    ctx = MiniRacer()
    # Closed while the interpreter is still whole: left to garbage collection at exit,
    # V8's teardown can wait forever on mini-racer's already-stopped event-loop thread.
    atexit.register(ctx.close)
    ctx.eval(KATEX_JS.read_text(encoding="utf-8"))
    ctx.eval(_RENDER_FN)
    return ctx


def version() -> str:
    """Version of the vendored KaTeX, as KaTeX itself reports it."""
    return _engine().eval("katex.version")


@functools.lru_cache(maxsize=4096)
def render(tex: str, display: bool) -> str:
    """KaTeX's HTML for `tex`; raises KatexError with KaTeX's own message."""
    result = json.loads(_engine().call("renderTex", tex, display))
    if "error" in result:
        raise KatexError(result["error"])
    return result["html"]
