"""The MkDocs hook of the concept pages: it only wires the features of `hooks/` together.

authoring/  the site and page objects, errors with file and line, the Markdown scanner, block specs, HTML, assets
formulas/   build-time KaTeX
listing/    the `listing` fence: a file of the project and its real output
grounding/  the bibliography, citations, claims and their panels
learning/   the learning panels
graph/      the concept graph, learning maps and the graph figure
demo/       the live demos
navigation/ the site's navigation, from the docs tree
runtime/    where browsers load Pyodide and KaTeX from; the Content-Security-Policy
theme/      what the site adds to the theme: accessible names, lighter first rendering

The build's state lives on one `Site` (made in on_config, found again with
`Site.of(config)`) and one `Page` per page: see `hooks/authoring/site.py`.
Every rule of order between features is written here.
"""

import functools
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage

from hooks import theme
from hooks.authoring import assets, blocks, links, page_ids, search_view
from hooks.authoring.site import Site
from hooks.cache import pages as page_cache
from hooks.cache import templates as template_cache
from hooks.demo import block as live_demo
from hooks.formulas import font_preload
from hooks.formulas import typeset as math_katex
from hooks.graph import area_index, concept_graph, learning_map
from hooks.graph import figure as graph_figure
from hooks.grounding import bibliography, citations, claim_jsonld, claims
from hooks.grounding import panels as grounding_panels
from hooks.learning import panels as learning_panels
from hooks.listing import fence as code_listing
from hooks.navigation import site_nav
from hooks.runtime import assets as runtime_assets
from hooks.runtime import content_policy


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site = Site.create(config)
    assets.publish(site, assets.__file__, "page.css")
    site_nav.configure(config)
    # The features' stylesheets are linked in this order: KaTeX's, then the page's and each feature's, bundled.
    runtime_assets.configure(site)
    math_katex.configure(site)
    code_listing.configure(site)
    live_demo.configure(site)
    bibliography.configure(site)
    citations.configure(site)
    claims.configure(site)
    grounding_panels.configure(site)
    learning_map.configure(site)
    graph_figure.configure(site)
    area_index.configure(site)
    learning_panels.configure(site)
    theme.configure(site)
    # Last: its colour corrections override every feature's stylesheet.
    assets.publish(site, assets.__file__, "contrast.css")
    assets.bundle(site)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = Site.of(config)
    files = area_index.add_pages(site, assets.add_files(site, files))
    return runtime_assets.add_files(site, live_demo.add_assets(files, config))


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    # Every page's front matter, read and checked before any page is converted: learning maps link across pages.
    site = Site.of(config)
    concept_graph.collect(site, files)
    code_listing.start(site, files)
    # What every page's conversion reads besides its own file and the hooks' code (the vendored KaTeX with it):
    # what the front matter made, the sources, the demos.
    read_by_pages = [
        repr(site.state(concept_graph.Graph)),
        repr(site.state(area_index.AreaPages)),
        repr(site.state(bibliography.Bibliography)),
        live_demo.build_inputs(),
    ]
    page_cache.start(site, files, read_by_pages)
    return nav


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Every page is rendered: a link to another page's heading can be checked.
    links.check(files, config)
    template_cache.keep_compiled(env, config)
    return env


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, **kwargs: object) -> str:
    site = Site.of(config)
    here = site.enter(page, markdown)
    # Citations first: the front matter's sources and the citations are numbered before the claims' sources.
    citations.collect(site, here)
    claims.collect(here)
    learning_panels.collect(here)
    graph_figure.check(here)
    live_demo.check(here)
    # The sections a page lacks are appended in this order: the learning map, then the grounding panels.
    markdown = area_index.place(here, learning_map.place(here, markdown))
    # Converted from the cache when every input of the conversion is unchanged; its listings are inputs too.
    page_cache.convert(site, here, functools.partial(code_listing.page_inputs, site))
    return grounding_panels.place(here, markdown)


def on_page_content(html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    # Every claim and panel read from the Markdown must have made it onto the page, and no id twice.
    site = Site.of(config)
    blocks.check(site.page, html)
    page_ids.check(site.page, html)
    page_cache.keep(site, site.page, code_listing.all_keyed(site.page))
    return html


# Material's search plugin indexes each page at the default priority, 0: it reads the page with the features'
# stand-ins for their heavy markup, and the page has its markup back before its template is rendered.
@event_priority(50)
def _before_search(context: dict[str, Any], page: MkDocsPage, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    search_view.for_search(Site.of(config), page)
    return context


@event_priority(-50)
def _after_search(context: dict[str, Any], page: MkDocsPage, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    search_view.restore(Site.of(config), page)
    return context


on_page_context = CombinedEvent(_before_search, _after_search)


def on_post_page(output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
    site = Site.of(config)
    output = font_preload.preload(theme.markup(claim_jsonld.inject(site, output, page)))
    return content_policy.collect(site, runtime_assets.protect(site, output))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # The 404 page is a theme template, not a page, and links the stylesheets too.
    if template_name != "404.html":
        return output_content
    site = Site.of(config)
    return content_policy.collect(site, runtime_assets.protect(site, theme.markup(output_content)))


def on_post_build(config: MkDocsConfig) -> None:
    content_policy.write(Site.of(config))
