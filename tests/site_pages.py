"""The site's pages, found from the docs tree it is built from: a new page is tested with no list to edit."""

import re

import yaml

from tests.conftest import ROOT

DOCS = ROOT / "docs"
DEMO_HEADER = re.compile(r"^/// demo \| ([\w-]+)\s*$", re.M)
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def url_of(path):
    """The URL path (under the site) of a Markdown file of docs/."""
    url = path.relative_to(DOCS).with_suffix("").as_posix() + "/"
    return "" if url == "index/" else url.removesuffix("index/")


def page_urls():
    return [url_of(path) for path in sorted(DOCS.rglob("*.md"))]


def demo_pages():
    """{demo name: [URL paths of the pages that show it]}."""
    found = {}
    for path in sorted(DOCS.rglob("*.md")):
        for name in DEMO_HEADER.findall(path.read_text()):
            found.setdefault(name, []).append(url_of(path))
    return found


def concepts():
    """The key of every concept page (its front matter's `concept`)."""
    found = (FRONT_MATTER.match(path.read_text()) for path in DOCS.rglob("*.md"))
    return sorted(key for meta in found if meta and (key := (yaml.safe_load(meta[1]) or {}).get("concept")))
