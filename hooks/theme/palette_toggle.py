"""Material's light/dark toggle, run by the site's script (palette-toggle.js) instead of Material's.

Material's scripts set up each `data-md-component` they find; the build renames
the toggle's, so they leave it to the site's script, which keeps Material's
markup, storage and behaviour but does not restyle the page on a load where the
palette does not change.
"""

FORM = '<form class="md-header__option" data-md-component="palette">'
OWN = '<form class="md-header__option" data-palette-toggle>'


def take_over(output: str) -> str:
    return output.replace(FORM, OWN, 1)
