"""What the site adds to Material's own markup and rendering: names it lacks, lighter first rendering (code
blocks set up as they come into view, their copy buttons in the page as built, stylesheet links made absolute
before Material's script would restyle the page for it, its script run once the page can paint), in-page
links that stay on their target while the page settles, a palette toggle that restyles the page only when the
palette changes."""

from hooks.authoring import assets
from hooks.authoring.site import Site
from hooks.theme import copy_buttons, dialog_names, paint_first, palette_toggle, stylesheet_urls


def configure(site: Site) -> None:
    assets.publish(
        site,
        __file__,
        "rendering.css",
        "palette-toggle.css",
        "anchor-landing.js",
        "scrollable-code.js",
        "palette-toggle.js",
    )


def markup(output: str) -> str:
    """A page (or the 404 template) as Material wrote it, with the site's changes to Material's own markup."""
    output = copy_buttons.add(palette_toggle.take_over(dialog_names.add(output)))
    return paint_first.defer(stylesheet_urls.resolve_early(output))
