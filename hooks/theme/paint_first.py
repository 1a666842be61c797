"""The theme's script and the site's run once the page is parsed (`defer`), so the browser can paint first.

Material's script and the site's sit at the end of the body. Met there by the parser, they run before the
browser has painted anything: Material's takes tens of milliseconds on a desktop CPU and four times that on a
phone, and starts the requests for the sitemap and the search index. Deferred, they still run in order and
before `DOMContentLoaded`, which Material's waits for, but the browser usually paints the page first. What a
phone gains is measured by Lighthouse, whose simulation counts everything done before the first paint
against the largest paint.
"""

import re

# Material's bundle, then the site's (hooks/authoring/assets.py), each as its template writes it.
_SCRIPT = re.compile(r'<script src="[^"]*/(?:javascripts/bundle\.[0-9a-f]+\.min\.js|concepts/site\.js\?v=[0-9a-f]+)">')


def defer(output: str) -> str:
    return _SCRIPT.sub(lambda tag: tag.group()[:-1] + " defer>", output)
