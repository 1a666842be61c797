"""The site's navigation, from the docs tree: a new page appears in it with no edit to mkdocs.yml.

Home first; then each area (a folder of `docs/`, named by its pages' `area`): its index page
(`AREA/index.md`, which hooks/graph/area_index.py adds where the author wrote none), then its concept pages in
learning order (a page after those it builds on or requires, before those it leads to; ties by title);
then the other top-level pages by their `nav_order`. A page is listed by its `nav_title`, else its `title`.
A `nav` written in mkdocs.yml wins.
"""

import re
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
# libyaml's parser where PyYAML was built with it: every build reads every page's front matter here, and the
# pure-Python parser took half a second of a one-page rebuild of 200 pages.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def configure(config: MkDocsConfig) -> None:
    if config.nav is None:
        config.nav = build(Path(config.docs_dir))


def _front_matter(path: Path) -> dict:
    found = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    try:
        data = yaml.load(found.group(1), LOADER) if found else {}
    except yaml.YAMLError:
        return {}  # the front matter check names the line
    return data if isinstance(data, dict) else {}


def _label(path: Path, data: dict) -> str:
    return str(data.get("nav_title") or data.get("title") or path.stem.replace("-", " ").capitalize())


def _keys(value: object) -> list[str]:
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [i if isinstance(i, str) else next(iter(i)) for i in items if isinstance(i, (str, dict)) and i]


def _in_learning_order(pages: list[tuple[Path, dict]]) -> list[tuple[Path, dict]]:
    by_concept = {data.get("concept"): (path, data) for path, data in pages if data.get("concept")}
    graph = {key: set() for key in by_concept}
    for key, (_, data) in by_concept.items():
        graph[key] |= {k for k in _keys(data.get("prerequisites")) + _keys(data.get("builds_on")) if k in graph}
        for later in _keys(data.get("next")):
            if later in graph:
                graph[later].add(key)
    title = {key: _label(*by_concept[key]) for key in by_concept}
    try:
        sorter = TopologicalSorter(graph)
        sorter.prepare()
        ordered = []
        while sorter.is_active():
            ready = sorted(sorter.get_ready(), key=title.get)
            ordered += ready
            sorter.done(*ready)
    except CycleError:
        ordered = sorted(by_concept, key=title.get)  # the concept graph check names the cycle
    rest = sorted((p for p in pages if not p[1].get("concept")), key=lambda p: _label(*p))
    return [by_concept[key] for key in ordered] + rest


def build(docs: Path) -> list:
    """The nav as MkDocs takes it in mkdocs.yml: a list of {label: path or list}."""
    nav = [{"Home": "index.md"}] if (docs / "index.md").is_file() else []
    for folder in sorted(p for p in docs.iterdir() if p.is_dir() and any(p.rglob("*.md"))):
        index = folder / "index.md"
        pages = [(path, _front_matter(path)) for path in sorted(folder.rglob("*.md")) if path != index]
        area = next((str(d["area"]) for _, d in pages if d.get("area")), folder.name.replace("-", " ").title())
        entries = [{_label(p, d): p.relative_to(docs).as_posix()} for p, d in _in_learning_order(pages)]
        has_index = index.is_file() or any(str(d.get("concept", "")).startswith(f"{folder.name}/") for _, d in pages)
        nav.append({area: ([index.relative_to(docs).as_posix()] if has_index else []) + entries})
    top = [(p, _front_matter(p)) for p in sorted(docs.glob("*.md")) if p.name != "index.md"]
    top.sort(key=lambda page: (page[1].get("nav_order", 0), _label(*page)))
    nav += [{_label(p, d): p.name} for p, d in top]
    return nav
