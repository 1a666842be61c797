"""Search entries in the build cache: a warm build writes the index a cold one writes, from entries it trusts."""

import json

from mkdocs.commands.build import build
from mkdocs.config import load_config

from hooks.authoring import search_view
from hooks.cache.store import FORMAT, _digest, _json
from tests.conftest import make_project

PAGE = """# Gradient steps

The gradient points uphill; a step goes the other way.

## The update { #update }

Each step moves the weights against the gradient, scaled by the rate: $w - \\eta g$.
"""


def _build(config, site):
    build(load_config(str(config), site_dir=str(site)))
    return json.loads((site / "search" / "search_index.json").read_text())


def _entries(root):
    return sorted((root / ".cache" / "build" / "search").rglob("*.json"))


def _page_entry(root, words):
    """The cached entry whose stored entries hold `words`."""
    (path,) = [p for p in _entries(root) if words in p.read_text()]
    return path


def test_a_warm_build_indexes_pages_as_a_cold_one_and_reads_the_entries_it_kept(tmp_path):
    config = make_project(
        tmp_path, {"index.md": "# Home\n\nWelcome.\n", "steps.md": PAGE}, own_cache=("search", "page")
    )
    cold = _build(config, tmp_path / "cold")
    assert any(doc["location"] == "steps/#update" and "against the gradient" in doc["text"] for doc in cold["docs"])
    assert len(_entries(tmp_path)) == 2
    assert _build(config, tmp_path / "warm") == cold
    # The index read the formula's TeX, and the pages of both builds keep KaTeX's markup.
    assert any("w - \\eta g" in doc["text"] and "katex" not in doc["text"] for doc in cold["docs"])
    pages = [(tmp_path / build / "steps" / "index.html").read_text() for build in ("cold", "warm")]
    assert pages[0] == pages[1] and 'class="katex"' in pages[1]
    # What the cache holds under a page's key is what the index gets: a kept entry is read, the page not parsed.
    path = _page_entry(tmp_path, "against the gradient")
    entry = json.loads(path.read_text())
    value = json.loads(json.dumps(entry["value"]).replace("against the gradient", "from the cache"))
    path.write_text(_json({"format": FORMAT, "key": entry["key"], "sha256": _digest(_json(value)), "value": value}))
    planted = _build(config, tmp_path / "planted")
    assert any("from the cache" in doc["text"] for doc in planted["docs"])


def test_a_corrupt_entry_is_ignored_and_a_changed_page_is_indexed_again(tmp_path):
    config = make_project(
        tmp_path, {"index.md": "# Home\n\nWelcome.\n", "steps.md": PAGE}, own_cache=("search", "page")
    )
    cold = _build(config, tmp_path / "cold")
    path = _page_entry(tmp_path, "against the gradient")
    path.write_text(path.read_text().replace("against the gradient", "tampered"))
    assert _build(config, tmp_path / "again") == cold
    (tmp_path / "docs" / "steps.md").write_text(PAGE.replace("scaled by the rate", "scaled by the step size"))
    edited = _build(config, tmp_path / "edited")
    texts = " ".join(doc["text"] for doc in edited["docs"])
    assert "scaled by the step size" in texts and "scaled by the rate" not in texts


def test_the_key_tells_apart_content_and_stand_ins_however_their_text_is_split():
    assert search_view._digest("<p>ab</p>", "c") != search_view._digest("<p>a", "b</p>c")
    assert search_view._digest("x", "y") != search_view._digest("y", "x")
    assert search_view._digest("x", "y") == search_view._digest("x", "y")
