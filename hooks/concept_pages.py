"""The MkDocs hook of the concept pages: it only wires the features in `hooks/` together."""

from hooks import code_listing, live_demo, math_katex
from hooks.author_errors import CurrentPage


def on_config(config):
    math_katex.configure(config)
    code_listing.configure(config)
    live_demo.configure(config)
    return config


def on_files(files, config):
    return live_demo.add_assets(files, config)


def on_page_markdown(markdown, page, config, **kwargs):
    CurrentPage.track(page, markdown, config)
    return markdown
