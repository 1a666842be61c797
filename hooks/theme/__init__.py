"""What the site adds to Material's own markup and rendering: names it lacks, lighter first rendering (code
blocks set up as they come into view, their copy buttons in the page as built), in-page links that stay on
their target while the page settles."""

from hooks.authoring import assets
from hooks.authoring.site import Site


def configure(site: Site) -> None:
    assets.publish(site, __file__, "rendering.css", "anchor-landing.js", "scrollable-code.js")
