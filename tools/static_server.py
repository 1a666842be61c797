"""A static file server on 127.0.0.1 for tests and benchmarks, in a background thread.

It remembers every path it could not serve, and adds the response headers in
`headers` (for example CORS and caching, to stand in for a CDN, or the site's
Content-Security-Policy, as its host would).
"""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar


class StaticServer:
    def __init__(self, docroot, headers=None):
        self.docroot = Path(docroot)
        self.missing = []
        self.headers = dict(headers or {})
        server = self

        class Handler(SimpleHTTPRequestHandler):
            extensions_map: ClassVar[dict[str, str]] = {
                **SimpleHTTPRequestHandler.extensions_map,
                ".mjs": "text/javascript",
            }

            def log_message(self, *args):
                pass

            def end_headers(self):
                for name, value in server.headers.items():
                    self.send_header(name, value)
                super().end_headers()

            def send_error(self, code, *args, **kwargs):
                server.missing.append(self.path)
                super().send_error(code, *args, **kwargs)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(docroot)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
