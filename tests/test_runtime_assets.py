"""The built site's runtime: CDN tags with integrity hashes, or a self-hosted copy; and its policy."""

import base64
import hashlib
import json
import re

import pytest

from tests.conftest import ROOT, host_headers, mkdocs_build
from tools import runtime_mirror

INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
# What a page loads (a canonical link is only a name for the page).
TAG_URL = re.compile(r'<(?:script\b[^>]*?\bsrc|link(?![^>]*rel="canonical")\b[^>]*?\bhref)="([^"]+)"')


def pages(site):
    return sorted(site.rglob("*.html"))


def policy(site):
    value = host_headers(site)["Content-Security-Policy"]
    return dict((d.split()[0], d.split()[1:]) for d in value.split("; "))


@pytest.fixture(scope="module")
def self_hosted_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("self-hosted")
    done = mkdocs_build(ROOT / "mkdocs.yml", site, env={"SELF_HOST_RUNTIME": "true"})
    assert done.returncode == 0, done.stderr
    return site


def mirrored_stylesheet_integrity():
    """The Subresource Integrity value of KaTeX's stylesheet in the sha256-verified mirror."""
    css = (runtime_mirror.asset("katex") / "dist" / "katex.min.css").read_bytes()
    return "sha384-" + base64.b64encode(hashlib.sha384(css).digest()).decode()


def test_the_pinned_stylesheet_integrity_is_the_mirrored_files():
    # The build reads the pin, so that it needs neither npm nor the network: the pin must be the file's.
    pins = json.loads((ROOT / "runtime-lock.json").read_text())
    assert pins["katex"]["stylesheet_integrity"] == mirrored_stylesheet_integrity()


def test_the_cdn_stylesheet_carries_the_mirrors_integrity_hash(built_site):
    expected = mirrored_stylesheet_integrity()
    for page in pages(built_site):
        html = page.read_text()
        tags = re.findall(r'<link rel="stylesheet" href="https://[^"]+katex.min.css"[^>]*>', html)
        assert len(tags) == 1, page
        assert f'integrity="{expected}"' in tags[0] and 'crossorigin="anonymous"' in tags[0], page


def test_the_policy_allows_the_pages_inline_scripts_and_nothing_wider(built_site):
    directives = policy(built_site)
    script_src = directives["script-src"]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'wasm-unsafe-eval'" in script_src
    # The runtime's folders on the CDN, never the whole CDN, which serves any package.
    assert "https://cdn.jsdelivr.net/pyodide/v0.27.7/full/" in script_src
    assert directives["style-src"] == ["'self'", "https://cdn.jsdelivr.net/npm/katex@0.19.1/dist/"]
    sources = [source for values in directives.values() for source in values]
    assert not [source for source in sources if re.fullmatch(r"https?://[^/]+/?", source)]
    for page in pages(built_site):
        for script in INLINE_SCRIPT.findall(page.read_text()):
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in script_src, f"{page}: an inline script the policy does not allow"
    assert directives["object-src"] == ["'none'"] and directives["default-src"] == ["'self'"]


def test_a_self_hosted_site_names_no_third_party_asset(self_hosted_site):
    for page in pages(self_hosted_site):
        html = page.read_text()
        assert not [url for url in TAG_URL.findall(html) if "//" in url], page
        if "data-runtime" in html:
            assert 'data-runtime="../runtime/pyodide-0.27.7/"' in html
    directives = policy(self_hosted_site)
    assert not [source for values in directives.values() for source in values if "://" in source]


def test_the_self_hosted_runtime_is_the_verified_mirror_byte_for_byte(self_hosted_site):
    derived = runtime_mirror.derived_runtime()
    (python,) = (self_hosted_site / "runtime").glob("python-*")
    # The derived standard library, lock file and numpy wheel stand in for the plain ones.
    replaced = {"python_stdlib.zip", "pyodide-lock.json", *(p.name for p in derived.iterdir())}
    pairs = [(runtime_mirror.asset("pyodide"), self_hosted_site / "runtime" / "pyodide-0.27.7", replaced)]
    pairs += [(derived, python, set())]
    katex = runtime_mirror.asset("katex") / "dist"
    pairs += [(katex / "fonts", self_hosted_site / "runtime" / "katex-0.19.1" / "fonts", set())]
    for source, published, left_out in pairs:
        names = sorted(p.name for p in source.iterdir() if p.name not in left_out)
        assert names == sorted(p.name for p in published.iterdir())
        for name in names:
            assert (source / name).read_bytes() == (published / name).read_bytes(), name
    assert list(python.glob("numpy-2.0.2-*.whl"))
    assert {"pyodide.asm.wasm", "pyodide.js"} <= {
        p.name for p in (self_hosted_site / "runtime" / "pyodide-0.27.7").iterdir()
    }
    css = (katex / "katex.min.css").read_bytes()
    assert (self_hosted_site / "runtime" / "katex-0.19.1" / "katex.min.css").read_bytes() == css
