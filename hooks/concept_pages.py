"""The MkDocs hook of the concept pages: it only wires the features in `hooks/` together."""

from hooks import (
    bibliography,
    citations,
    claim_jsonld,
    claims,
    code_listing,
    front_matter,
    grounding_panels,
    live_demo,
    math_katex,
)
from hooks.author_errors import CurrentPage


def on_config(config):
    math_katex.configure(config)
    code_listing.configure(config)
    live_demo.configure(config)
    bibliography.configure(config)
    citations.configure(config)
    claims.configure(config)
    grounding_panels.configure(config)
    return config


def on_files(files, config):
    return live_demo.add_assets(files, config)


def on_page_markdown(markdown, page, config, **kwargs):
    CurrentPage.track(page, markdown, config)
    front_matter.check(page)
    citations.collect(markdown, page)
    claims.collect(markdown, page)
    return grounding_panels.place(markdown)


def on_page_content(html, page, config, files):
    claims.check_rendered(html)
    return html


def on_post_page(output, page, config):
    return claim_jsonld.inject(output, page)
