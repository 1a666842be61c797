"""The MkDocs hook of the concept pages: it only wires the features of `hooks/` together.

authoring/  errors with file and line, the Markdown scanner, front matter, assets
formulas/   build-time KaTeX
listing/    the `listing` fence: a file of the project and its real output
grounding/  the bibliography, citations, claims and their panels
learning/   the learning panels
graph/      the concept graph, learning maps and the graph figure
demo/       the live demos
navigation/ the site's navigation, from the docs tree
runtime/    where browsers load Pyodide and KaTeX from; the Content-Security-Policy
"""

from hooks.authoring import assets
from hooks.authoring.errors import CurrentPage
from hooks.demo import block as live_demo
from hooks.formulas import typeset as math_katex
from hooks.graph import concept_graph, learning_map
from hooks.graph import figure as graph_figure
from hooks.grounding import bibliography, citations, claim_jsonld, claims
from hooks.grounding import panels as grounding_panels
from hooks.learning import panels as learning_panels
from hooks.listing import fence as code_listing
from hooks.navigation import site_nav
from hooks.runtime import assets as runtime_assets
from hooks.runtime import content_policy


def on_config(config):
    assets.publish(config, assets.__file__, "page.css")
    site_nav.configure(config)
    runtime_assets.configure(config)
    content_policy.reset()
    math_katex.configure(config)
    code_listing.configure(config)
    live_demo.configure(config)
    bibliography.configure(config)
    citations.configure(config)
    claims.configure(config)
    grounding_panels.configure(config)
    learning_map.configure(config)
    graph_figure.configure(config)
    learning_panels.configure(config)
    # Last: its colour corrections override every feature's stylesheet.
    assets.publish(config, assets.__file__, "contrast.css")
    return config


def on_files(files, config):
    files = assets.add_files(files, config)
    return runtime_assets.add_files(live_demo.add_assets(files, config), config)


def on_nav(nav, config, files):
    # Every page's front matter, read and checked before any page is converted: learning maps link across pages.
    concept_graph.collect(files, config)
    return nav


def on_page_markdown(markdown, page, config, **kwargs):
    CurrentPage.track(page, markdown, config)
    concept_graph.enter(page)
    citations.collect(markdown, page)
    claims.collect(markdown, page)
    learning_panels.collect(markdown, page)
    graph_figure.check(markdown)
    live_demo.check(markdown, page)
    return grounding_panels.place(learning_map.place(markdown))


def on_page_content(html, page, config, files):
    claims.check_rendered(html)
    learning_panels.check_rendered(html)
    return html


def on_post_page(output, page, config):
    return content_policy.collect(runtime_assets.protect(claim_jsonld.inject(output, page)))


def on_post_template(output_content, template_name, config):
    # The 404 page is a theme template, not a page, and links the stylesheets too.
    if template_name != "404.html":
        return output_content
    return content_policy.collect(runtime_assets.protect(output_content))


def on_post_build(config):
    content_policy.write(config)
