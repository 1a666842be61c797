"""Each code block's copy button, in the page as built instead of added by Material's scripts on load.

Material adds the button to every code block when its scripts start, and with
it reads each block's width: on a long page that is a layout of the whole page
per block, the largest part of the blocking time Lighthouse found on our pages.
The site turns that work off until a block comes into view (Material's
`content.lazy`), so the button a keyboard reader tabs to must already be there:
the build writes Material's own markup for it, and Material's clipboard script,
which listens on the whole document, copies the block and says so. Added to the
page as written, after search has read it: the button has no text to index.
"""

import itertools
import re

from hooks.authoring.html import markup

# A code block as pymdownx.highlight writes it: the wrapper (its classes may include the language, its id the
# author's), a title if it has one, line numbers in a table if it has them (their own `pre` comes first), then
# the code's `pre`.
_BLOCK = re.compile(
    r'<div(?P<attributes>[^>]*\bclass="(?P<classes>[^"]*)"[^>]*)>'
    r'(?P<head>(?:<span class="filename">[^<]*</span>)?(?:<table class="highlighttable">.*?<td class="code"><div>)?)'
    r"<pre>",
    re.S,
)
_ID = re.compile(r'(?:^|\s)id="([^"]+)"')
# Material's English label for the button (its `clipboard.copy` translation).
LABEL = "Copy to clipboard"


def add(html: str) -> str:
    """`html` with a copy button in each code block, but those an author marked `no-copy` (as Material does)."""
    numbers = itertools.count()

    def with_button(block: re.Match) -> str:
        classes = block["classes"].split()
        if "highlight" not in classes or "no-copy" in classes:
            return block[0]
        attributes = block["attributes"]
        # Material renames the `pre` when it sets the block up, so the target is under the wrapper's id.
        if found := _ID.search(attributes):
            wrapper = found[1]
        else:
            wrapper = f"__copy_{next(numbers)}"
            attributes += f' id="{wrapper}"'
        button = markup(
            "button",
            class_="md-code__button",
            title=LABEL,
            data_clipboard_target=f"#{wrapper} pre > code",
            data_md_type="copy",
        )
        return f"<div{attributes}>{block['head']}<pre>{markup('nav', button, class_='md-code__nav')}"

    return _BLOCK.sub(with_button, html)
