"""The highlighted HTML of listings in the build cache: read when its inputs are unchanged, never trusted when bad."""

from markdown import Markdown

from hooks.cache.store import BuildCache
from hooks.listing.highlight import highlighted, key_parts

BLOCKS = [("import numpy as np\nprint(np.arange(3))\n", "python", "listings/a.py"), ("[0 1 2]\n", "text", "Output")]


def _md() -> Markdown:
    return Markdown(extensions=["pymdownx.highlight", "pymdownx.superfences"])


def _count(md: Markdown) -> int:
    return md.preprocessors["fenced_code_block"].highlight_ext.pygments_code_block


def _entries(root):
    return sorted((root / "highlight").rglob("*.json"))


def test_highlighted_html_is_what_superfences_gives_and_is_kept(tmp_path):
    md = _md()
    fences = md.preprocessors["fenced_code_block"]
    fences.get_hl_settings()
    common = {"md": md, "classes": [], "id_value": "", "attrs": {}}
    expected = [fences.highlight(src=t, language=lang, options={"title": title}, **common) for t, lang, title in BLOCKS]
    cache = BuildCache(tmp_path)
    assert highlighted(_md(), cache, BLOCKS) == expected
    assert '<span class="filename">listings/a.py</span>' in expected[0]
    assert len(_entries(tmp_path)) == 1
    # A hit counts its blocks on the page as highlighting them would: later blocks keep their numbers.
    miss, hit = _md(), _md()
    start = key_parts(miss, BLOCKS)[3]
    highlighted(miss, BuildCache(None), BLOCKS)
    highlighted(hit, cache, BLOCKS)
    assert _count(hit) == _count(miss) == start + len(BLOCKS)


def test_a_stored_render_is_read_and_a_changed_input_recomputes(tmp_path):
    cache = BuildCache(tmp_path)
    real = highlighted(_md(), cache, BLOCKS)
    (entry,) = _entries(tmp_path)
    entry.write_text(entry.read_text().replace("arange", "ARANGE"))
    # The edited entry fails its checksum: ignored, recomputed and stored again.
    assert highlighted(_md(), cache, BLOCKS) == real
    planted = ["<pre>from the cache</pre>", "<pre>output</pre>"]
    md = _md()
    cache.put("highlight", key_parts(md, BLOCKS), planted)
    assert highlighted(md, cache, BLOCKS) == planted
    # Another text, title or position on the page is another key.
    edited = [("print(1)\n", "python", "listings/a.py"), BLOCKS[1]]
    assert "from the cache" not in highlighted(_md(), cache, edited)[0]
    assert highlighted(_md(), cache, [(BLOCKS[0][0], "python", "listings/b.py"), BLOCKS[1]])[0] != planted[0]
    later = _md()
    key_parts(later, BLOCKS)
    later.preprocessors["fenced_code_block"].highlight_ext.pygments_code_block = 3
    assert highlighted(later, cache, BLOCKS) != planted
