"""Each code block's copy button, in the page as built instead of added by Material's scripts on load.

Material adds the button to every code block when its scripts start, and with
it reads each block's width: on a long page that is a layout of the whole page
per block, the largest part of the blocking time Lighthouse finds on our pages.
The site turns that work off until a block comes into view (Material's
`content.lazy`), so the button a keyboard reader tabs to must already be there:
the build writes Material's own markup for it, and Material's clipboard script,
which listens on the whole document, copies the block and says so.
"""

import itertools
import re

from hooks.authoring.html import markup

# A code block as pymdownx.highlight writes it: the wrapper, a title if it has one, then the `pre`.
_BLOCK = re.compile(r'<div class="highlight">((?:<span class="filename">[^<]*</span>)?)<pre>')
# Material's English label for the button (its `clipboard.copy` translation).
LABEL = "Copy to clipboard"


def add(html: str) -> str:
    """`html` with a copy button in each code block; the block's wrapper gets an id for the button's target."""
    numbers = itertools.count()

    def with_button(block: re.Match) -> str:
        # Material renames the `pre` when it mounts the block, so the target is the wrapper's id.
        wrapper = f"__copy_{next(numbers)}"
        button = markup(
            "button",
            class_="md-code__button",
            title=LABEL,
            data_clipboard_target=f"#{wrapper} > pre > code",
            data_md_type="copy",
        )
        head = markup("div", block.group(1), class_="highlight", id=wrapper).removesuffix("</div>")
        return head + "<pre>" + markup("nav", button, class_="md-code__nav")

    return _BLOCK.sub(with_button, html)
