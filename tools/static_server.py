"""A static file server on 127.0.0.1 for tests and benchmarks, in a background thread.

It remembers every path it could not serve, and can add response headers
(for example CORS and long-lived caching, to stand in for a CDN).
"""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer


class StaticServer:
    def __init__(self, docroot, headers=None):
        self.missing = []
        server = self

        class Handler(SimpleHTTPRequestHandler):
            extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript"}

            def log_message(self, *args):
                pass

            def end_headers(self):
                for name, value in (headers or {}).items():
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
