"""Accessible names for the theme's own markup that lacks one.

Material's search overlay is a `role="dialog"` without a name, in the theme's
header template; a screen reader announces it as an unnamed dialog. The build
adds the name to each page, rather than overriding the whole template.
"""

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def add(output: str) -> str:
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)
