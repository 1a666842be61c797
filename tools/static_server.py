"""A static file server on 127.0.0.1 for tests and benchmarks, in a background thread.

It remembers every path it could not serve, and adds the response headers in
`headers` (for example CORS and caching, to stand in for a CDN, or the site's
Content-Security-Policy, as its host would). With `compress`, it gzips text and
WebAssembly for a client that accepts it, as static hosts and CDNs do. With `tls`, it
answers HTTPS (origin https://127.0.0.1:PORT); `types` adds Content-Types by file suffix.
"""

import functools
import gzip
import io
import ssl
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

# What hosts compress: text and WebAssembly; zips, wheels, fonts and images are compressed already.
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".py", ".wasm", ".map"}


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser leaving a page drops the downloads it no longer needs: normal, and not worth a traceback.
        if not isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLEOFError)):
            super().handle_error(request, client_address)


class StaticServer:
    def __init__(self, docroot, headers=None, compress=False, tls: ssl.SSLContext | None = None, types=None):
        self.docroot = Path(docroot)
        self.missing = []
        self.headers = dict(headers or {})
        server = self
        compressed = {}  # path: gzipped bytes, made once

        class Handler(SimpleHTTPRequestHandler):
            extensions_map: ClassVar[dict[str, str]] = {
                **SimpleHTTPRequestHandler.extensions_map,
                ".mjs": "text/javascript",
                **(types or {}),
            }

            def log_message(self, *args):
                pass

            def end_headers(self):
                for name, value in server.headers.items():
                    self.send_header(name, value)
                super().end_headers()

            def send_head(self):
                path = Path(self.translate_path(self.path))
                if path.is_dir():
                    if not self.path.split("?")[0].endswith("/"):
                        return super().send_head()  # the redirect to the folder's URL
                    path = path / "index.html"
                accepts = "gzip" in self.headers.get("Accept-Encoding", "")
                if not (compress and accepts and path.suffix in COMPRESSIBLE and path.is_file()):
                    return super().send_head()
                if path not in compressed:
                    compressed[path] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
                body = compressed[path]
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return io.BytesIO(body)

            def send_error(self, code, *args, **kwargs):
                server.missing.append(self.path)
                super().send_error(code, *args, **kwargs)

        self.httpd = _Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(docroot)))
        if tls:
            # The handshake happens in the request's own thread, not in the loop that accepts connections.
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True, do_handshake_on_connect=False)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.origin = f"{'https' if tls else 'http'}://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
