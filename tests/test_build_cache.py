"""The build cache: a changed input recomputes, a bad entry is never trusted, writes are atomic; and what it keeps."""

import importlib.metadata
import json
import multiprocessing
import subprocess
import sys
import textwrap

from hooks.cache.store import BuildCache
from hooks.formulas import katex_engine
from hooks.grounding import bibliography
from hooks.listing import runner
from hooks.listing.runner import Listings
from tests.conftest import BIB_SRC


def _entry(cache, namespace, parts):
    return cache._path(namespace, cache.key(namespace, parts))


def test_a_value_is_kept_under_everything_that_determines_it(tmp_path):
    cache = BuildCache(tmp_path)
    cache.put("katex", ["x^2", {"displayMode": True}], "<span>x²</span>")
    assert cache.get("katex", ["x^2", {"displayMode": True}]) == "<span>x²</span>"
    assert cache.get("katex", ["x^2", {"displayMode": False}]) is None
    assert cache.get("katex", ["x^3", {"displayMode": True}]) is None
    assert cache.get("listing", ["x^2", {"displayMode": True}]) is None


def test_a_corrupt_entry_is_ignored_and_rewritten(tmp_path):
    cache = BuildCache(tmp_path)
    parts = ["tex", True]
    cache.put("katex", parts, "right")
    path = _entry(cache, "katex", parts)
    path.write_bytes(path.read_bytes()[:-7])
    assert cache.get("katex", parts) is None
    assert cache.remember("katex", parts, lambda: "recomputed") == "recomputed"
    assert cache.get("katex", parts) == "recomputed"


def test_a_foreign_or_tampered_entry_is_not_trusted(tmp_path):
    cache = BuildCache(tmp_path)
    cache.put("katex", ["a"], "value of a")
    cache.put("katex", ["b"], "value of b")
    a, b = _entry(cache, "katex", ["a"]), _entry(cache, "katex", ["b"])
    entry_b = b.read_text()
    # Another key's entry, sound in itself, in this key's place.
    a.write_text(entry_b)
    assert cache.get("katex", ["a"]) is None
    # The right key, a changed value, the old checksum.
    b.write_text(entry_b.replace("value of b", "value of c"))
    assert cache.get("katex", ["b"]) is None
    # Another format of entry.
    cache.put("katex", ["b"], "value of b")
    older = json.loads(b.read_text())
    b.write_text(json.dumps({**older, "format": older["format"] - 1}))
    assert cache.get("katex", ["b"]) is None
    b.write_text("[1, 2]")
    assert cache.get("katex", ["b"]) is None


def _write_many(root, value, count):
    cache = BuildCache(root)
    for _ in range(count):
        cache.put("listing", ["shared"], value)


def test_writes_are_atomic_for_builds_that_share_the_cache(tmp_path):
    values = ["a" * 200_000, "b" * 300_000]
    writers = [multiprocessing.Process(target=_write_many, args=(tmp_path, v, 150)) for v in values]
    for w in writers:
        w.start()
    cache, seen = BuildCache(tmp_path), set()
    while any(w.is_alive() for w in writers):
        found = cache.get("listing", ["shared"])
        # A reader sees no entry yet or a whole one, never a torn one.
        assert found is None or found in values
        seen.add(found)
    for w in writers:
        w.join()
        assert w.exitcode == 0
    assert seen & set(values)
    assert cache.get("listing", ["shared"]) in values
    assert not list(tmp_path.rglob("*.tmp")), "temporary files were left behind"


def test_katex_renders_come_from_the_cache_keyed_by_tex_mode_options_and_katex(tmp_path):
    cache = BuildCache(tmp_path)
    html = katex_engine.render("q = \\sigma(z)", True, cache)
    assert html == katex_engine.render("q = \\sigma(z)", True)
    parts = [katex_engine.katex_digest(), "q = \\sigma(z)", {**katex_engine.OPTIONS, "displayMode": True}]
    assert cache.get("katex", parts) == html
    # What the cache holds under the key is what the build uses: a stored render is read, not recomputed.
    cache.put("katex", parts, "<span>from the cache</span>")
    assert katex_engine.render("q = \\sigma(z)", True, cache) == "<span>from the cache</span>"
    # Another display mode or another KaTeX is another key.
    assert katex_engine.render("q = \\sigma(z)", False, cache) == katex_engine.render("q = \\sigma(z)", False)
    assert cache.get("katex", ["0" * 64, *parts[1:]]) is None


def test_the_katex_version_read_without_v8_is_the_one_katex_reports():
    assert katex_engine.version() == katex_engine._engine().eval("katex.version")


def _project(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "deep.py").write_text("SCALE = 2\n")
    (tmp_path / "pkg" / "helper.py").write_text("from .deep import SCALE\n\ndef double(x):\n    return SCALE * x\n")
    (tmp_path / "listings").mkdir()
    (tmp_path / "listings" / "local.py").write_text("OFFSET = 1\n")
    main = tmp_path / "listings" / "main.py"
    main.write_text(
        textwrap.dedent("""\
        import sys
        import numpy as np
        from local import OFFSET
        sys.path.insert(0, "..")
        from pkg.helper import double
        print(double(np.arange(3)) + OFFSET)
        """)
    )
    return main


def test_a_listing_is_keyed_by_the_sources_of_every_project_module_it_imports(tmp_path):
    main = _project(tmp_path)
    modules = runner.project_modules(main, tmp_path)
    names = sorted(str(p.relative_to(tmp_path)) for p in modules)
    assert names == ["listings/local.py", "listings/main.py", "pkg/__init__.py", "pkg/deep.py", "pkg/helper.py"]
    listings = Listings(tmp_path, BuildCache(tmp_path / "cache"))
    assert listings.output(main).stdout == "[1 3 5]\n"
    # A module two imports away changes: the listing runs again.
    (tmp_path / "pkg" / "deep.py").write_text("SCALE = 10\n")
    assert listings.output(main).stdout == "[ 1 11 21]\n"
    # Python's and numpy's versions are part of the key.
    key = listings.key(main)
    assert key[:2] == [sys.version, np_version()]


def np_version():
    import numpy

    return numpy.__version__


def test_a_cached_listing_output_is_read_not_run_again(tmp_path):
    main = _project(tmp_path)
    cache = BuildCache(tmp_path / "cache")
    listings = Listings(tmp_path, cache)
    listings.output(main)
    cache.put("listing", listings.key(main), "stored\n")
    assert listings.output(main).stdout == "stored\n"


def test_a_listing_run_ahead_for_an_older_source_is_not_used(tmp_path):
    main = _project(tmp_path)
    listings = Listings(tmp_path, BuildCache(tmp_path / "cache"))
    listings.start([main])
    (tmp_path / "listings" / "local.py").write_text("OFFSET = 100\n")
    assert listings.output(main).stdout == "[100 102 104]\n"


def test_a_listing_output_does_not_depend_on_the_listings_run_before_it(tmp_path):
    first = tmp_path / "first.py"
    first.write_text("import numpy as np\nnp.set_printoptions(precision=1)\nimport json\njson.FLAG = 1\nprint('set')\n")
    second = tmp_path / "second.py"
    second.write_text("import json\nimport numpy as np\nprint(np.array([1 / 3]), hasattr(json, 'FLAG'))\n")
    alone = subprocess.run([sys.executable, str(second)], capture_output=True, text=True, check=True).stdout
    listings = Listings(tmp_path, BuildCache(None))
    assert listings.output(first).stdout == "set\n"
    assert listings.output(second).stdout == alone == "[0.33333333] False\n"


def test_a_failing_listing_reports_what_python_reports(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import numpy as np\n\n\ndef f():\n    return np.ones(2) @ np.ones(3)\n\n\nprint('before')\nf()\n")
    fresh = subprocess.run([sys.executable, str(bad)], capture_output=True, text=True)
    run = Listings(tmp_path, BuildCache(tmp_path / "cache")).output(bad)
    assert (run.returncode, run.stdout, run.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)
    assert "ValueError" in run.stderr
    # A failure is not kept: the next build runs the file again.
    assert not list((tmp_path / "cache").rglob("*.json"))


def test_the_bibliography_is_kept_under_its_text_and_pybtex_version(tmp_path):
    cache = BuildCache(tmp_path)
    text = BIB_SRC.read_text()
    sources = bibliography._kept(text, "docs/references.bib", cache)
    assert sources == bibliography.load(text, "docs/references.bib")
    parts = [importlib.metadata.version("pybtex"), text]
    stored = cache.get("bibliography", parts)
    assert [entry["key"] for entry in stored] == list(sources)
    # A stored entry is what the build reads; another text is another key.
    first = {**stored[0], "title": "Title from the cache"}
    cache.put("bibliography", parts, [first])
    assert bibliography._kept(text, "x", cache)[first["key"]].title == "Title from the cache"
    edited = text.replace("title = {", "title = {Edited ", 1)
    assert bibliography._kept(edited, "x", cache)[first["key"]].title.startswith("Edited ")
