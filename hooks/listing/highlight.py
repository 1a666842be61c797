"""A listing's code and output highlighted as pymdownx.highlight does it, kept in the build cache.

Pygments is most of what a listing costs a warm build (a tenth of a generated
curriculum's build), and its HTML is a pure function of the text, the language,
the title, the highlight settings, the block's number on the page (line ids
use it) and the versions of Pygments and pymdownx: those are the key.
"""

import functools
import importlib.metadata
import json
from typing import Any

from markdown import Markdown

from hooks.cache.store import BuildCache


@functools.cache
def _versions() -> list[str]:
    return [importlib.metadata.version("pygments"), importlib.metadata.version("pymdown-extensions")]


def _fences(md: Markdown) -> Any:
    fences = md.preprocessors["fenced_code_block"]
    fences.get_hl_settings()  # idempotent; makes the highlighter usable outside a fence run
    return fences


def key_parts(md: Markdown, blocks: list[tuple[str, str, str]]) -> list:
    """What determines the HTML of these blocks, highlighted next on the page that `md` is converting."""
    fences = _fences(md)
    counter = fences.highlight_ext
    settings = json.dumps([counter.enabled, counter.getConfigs(), fences.css_class], sort_keys=True, default=repr)
    return [*_versions(), settings, counter.pygments_code_block, blocks]


def highlighted(md: Markdown, cache: BuildCache, blocks: list[tuple[str, str, str]]) -> list[str]:
    """The HTML of each (text, language, title), as the page's superfences highlights it, in order."""
    fences = _fences(md)
    parts = key_parts(md, blocks)
    found = cache.get("highlight", parts)
    if isinstance(found, list) and len(found) == len(blocks):
        # Each highlighted block advances the page's count; later blocks on the page are numbered after these.
        fences.highlight_ext.pygments_code_block += len(blocks)
        return found
    common = {"md": md, "classes": [], "id_value": "", "attrs": {}}
    found = [
        fences.highlight(src=text, language=lang, options={"title": title}, **common) for text, lang, title in blocks
    ]
    cache.put("highlight", parts, found)
    return found
