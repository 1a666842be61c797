"""A page's KaTeX renders in one cache entry: read when its formulas are unchanged, never trusted when bad."""

import pytest

from hooks.cache.store import BuildCache
from hooks.formulas import katex_engine

FORMULAS = [("q = \\sigma(z)", True), ("z", False), ("\\nabla L(w)", False)]


def _page_entries(root):
    return sorted((root / "katex-page").rglob("*.json"))


def test_a_pages_renders_are_each_formulas_render_kept_in_one_entry(tmp_path):
    cache = BuildCache(tmp_path)
    renders = katex_engine.render_page(FORMULAS, cache)
    assert renders == [katex_engine.render(tex, display) for tex, display in FORMULAS]
    assert len(_page_entries(tmp_path)) == 1
    # What the page's entry holds is what the page gets: read, not rendered again.
    parts = [katex_engine.katex_digest(), katex_engine.OPTIONS, FORMULAS]
    cache.put("katex-page", parts, ["<a/>", "<b/>", "<c/>"])
    assert katex_engine.render_page(FORMULAS, cache) == ["<a/>", "<b/>", "<c/>"]
    # Another formula, order or display mode is another entry.
    changed = [*FORMULAS[:2], ("\\nabla L(v)", False)]
    assert katex_engine.render_page(changed, cache)[2] == katex_engine.render("\\nabla L(v)", False)
    assert katex_engine.render_page(FORMULAS[::-1], cache) == renders[::-1]
    assert katex_engine.render_page([("z", True)], cache) == [katex_engine.render("z", True)]


def test_a_corrupt_page_entry_is_ignored_and_a_bad_formula_is_named(tmp_path):
    cache = BuildCache(tmp_path)
    renders = katex_engine.render_page(FORMULAS, cache)
    (entry,) = _page_entries(tmp_path)
    entry.write_text(entry.read_text()[:-10])
    assert katex_engine.render_page(FORMULAS, cache) == renders
    with pytest.raises(katex_engine.KatexError) as raised:
        katex_engine.render_page([*FORMULAS, ("\\frac{1}{n", False)], cache)
    assert raised.value.tex == "\\frac{1}{n" and "Unexpected end of input" in str(raised.value)
