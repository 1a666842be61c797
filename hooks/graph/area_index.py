"""`/// area-index`: an area's index page lists its concepts in prerequisite order; `/// concept-index`
lists every area's, for a home page.

Every area (the first part of its concepts' keys) has an index page: `AREA/index.md`, `AREA.md` or
`AREA/README.md` if the author wrote one, else the build adds `AREA/index.md`. It does so in on_files,
before MkDocs makes the navigation, so a `nav` may list it; that early, only the front matter's
`concept` and `area` are read (the graph itself is read and checked later, in on_nav). An index page
that places no `/// area-index` gets one at its end.
"""

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import yaml
from markdown.util import AtomicString
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from hooks.authoring.scan import find_bare_blocks
from hooks.authoring.site import Page, Site, SiteBlocks
from hooks.graph import concept_graph
from hooks.graph.areas import Area, areas, pairs, slug_of


@dataclass
class AreaPages:
    """{area: the src_uri of its index page}: `site.state(AreaPages)`."""

    by_slug: dict[str, str] = field(default_factory=dict)


def configure(site: Site) -> None:
    site.config.markdown_extensions.append(SiteBlocks(site, AreaIndex, ConceptIndex))


def add_pages(site: Site, files: Files) -> Files:
    """Find each area's index page, adding `AREA/index.md` where the author wrote none."""
    named = {}
    for file in files.documentation_pages():
        _, meta = get_data(file.content_string)
        key, area = meta.get("concept"), meta.get("area")
        if isinstance(key, str) and slug_of(key.strip()):
            named.setdefault(slug_of(key.strip()), []).append((key.strip(), area if isinstance(area, str) else ""))
    by_slug = site.state(AreaPages).by_slug
    for slug, keys in sorted(named.items()):
        uris = (f"{slug}/index.md", f"{slug}.md", f"{slug}/README.md")
        written = next((uri for uri in uris if files.get_file_from_path(uri)), None)
        if written is None:
            # The same title areas.py gives the area: the `area` of its first concept that has one.
            title = next(
                (area.strip() for _, area in sorted(keys) if area.strip()), slug.replace("-", " ").capitalize()
            )
            written = uris[0]
            files.append(File.generated(site.config, written, content=_markdown(title)))
        by_slug[slug] = written
    return files


def _markdown(title: str) -> str:
    front = {"title": title, "description": f"The concepts of {title}, each after the concepts it needs."}
    return (
        f"---\n{yaml.safe_dump(front, allow_unicode=True, sort_keys=False)}---\n\n# {title}\n\n"
        f"The concepts of this area, each listed after the concepts it needs.\n\n/// {AreaIndex.NAME}\n///\n"
    )


def page_of(site: Site, slug: str) -> str | None:
    """The src_uri of the area's index page."""
    return site.state(AreaPages).by_slug.get(slug)


def _area_of(page: Page) -> str | None:
    return next((slug for slug, uri in page.site.state(AreaPages).by_slug.items() if uri == page.src_uri), None)


def place(page: Page, markdown: str) -> str:
    """`markdown`, with the area's index at its end if this is an area's index page that places none."""
    find_bare_blocks(page, {ConceptIndex.NAME})
    placed = find_bare_blocks(page, {AreaIndex.NAME})
    area = _area_of(page)
    if placed and area is None:
        raise page.error_at(
            placed[0].line,
            f"`/// {AreaIndex.NAME}` is on a page that is not an area's index page.",
            "place it on `AREA/index.md`, where AREA is the first part of the area's concept keys.",
        )
    if area is None or placed:
        return markdown
    return f"{markdown.rstrip()}\n\n/// {AreaIndex.NAME}\n///\n"


class AreaIndex(concept_graph.GraphBlock):
    NAME = "area-index"

    def on_create(self, parent: etree.Element) -> etree.Element:
        slug = _area_of(self.page)
        area = next(area for area in areas(self.site) if area.slug == slug)
        wrapper = etree.SubElement(parent, "div", {"class": "area-index", "data-area": slug})
        lead = etree.SubElement(wrapper, "div", {"class": "area-index__lead"})
        _concepts(self.site, area, _before(self.site), wrapper)
        return lead


class ConceptIndex(concept_graph.GraphBlock):
    """`/// concept-index`: every area, linked to its index page, with its concepts (for a home page)."""

    NAME = "concept-index"

    def on_create(self, parent: etree.Element) -> etree.Element:
        wrapper = etree.SubElement(parent, "div", {"class": "area-index area-index--all"})
        lead = etree.SubElement(wrapper, "div", {"class": "area-index__lead"})
        before = _before(self.site)
        for area in areas(self.site):
            heading = etree.SubElement(wrapper, "h3", {"data-area": area.slug})
            page = page_of(self.site, area.slug)
            if page:
                link = etree.SubElement(heading, "a", {"href": concept_graph.href_to(self.site, page)})
                link.text = AtomicString(area.title)
            else:
                heading.text = AtomicString(area.title)
            _concepts(self.site, area, before, wrapper)
        return lead


def _before(site: Site) -> dict[str, list[str]]:
    """{concept: the concepts it comes after}."""
    before = {}
    for source, target in pairs(site):
        before.setdefault(target, []).append(source)
    return before


def _concepts(site: Site, area: Area, before: dict[str, list[str]], parent: etree.Element) -> None:
    """The area's concepts in prerequisite order: each linked, with its summary and what it comes after."""
    listing = etree.SubElement(parent, "ol", {"class": "area-index__list"})
    for key in area.keys:
        item = etree.SubElement(listing, "li", {"data-concept": key})
        concept_graph.link(site, item, key)
        summary = site.state(concept_graph.Graph).by_key[key].summary
        if summary:
            etree.SubElement(item, "span", {"class": "area-index__summary"}).text = AtomicString(summary)
        needs = before.get(key, [])
        if needs:
            line = etree.SubElement(item, "span", {"class": "area-index__needs"})
            line.text = "After "
            for number, other in enumerate(needs):
                concept_graph.link(site, line, other).tail = ", " if number < len(needs) - 1 else "."
