"""The CDN's stand-in: the runtime mirror served over HTTPS on 127.0.0.1, to which the tests' routing sends
every CDN request (the page still sees the CDN's URL).

Playwright's `route.fulfill` carries a body through its driver: 10 MB of Pyodide took a second each time
Python started. A rewritten request (`route.continue_(url=...)`) is fetched by Chromium itself, in a tenth
of that; it must keep the scheme, hence HTTPS, with a certificate made for the session that this Chromium
alone is told to accept (by its public key).
"""

import base64
import hashlib
import ssl
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from tools.static_server import StaticServer

TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".whl": "application/octet-stream",
    ".woff2": "font/woff2",
    ".css": "text/css",
}


class Certificate:
    """A self-signed certificate for 127.0.0.1, made with the openssl command."""

    def __init__(self, folder: Path) -> None:
        self.cert, self.key = folder / "cert.pem", folder / "key.pem"
        subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", str(self.key), "-out", str(self.cert), "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1",
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip
        public_key = subprocess.run(
            ["openssl", "x509", "-in", str(self.cert), "-pubkey", "-noout"], check=True, capture_output=True
        ).stdout
        der = subprocess.run(
            ["openssl", "pkey", "-pubin", "-outform", "der"], input=public_key, check=True, capture_output=True
        ).stdout
        # What Chromium's --ignore-certificate-errors-spki-list takes: sha256 of the public key, in base64.
        self.spki = base64.b64encode(hashlib.sha256(der).digest()).decode()

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        return context


class StandIn:
    """The mirror folders at the CDN's paths, under one HTTPS origin: each CDN URL has a local twin."""

    def __init__(self, folder: Path, mirror: dict[str, Path], certificate: Certificate) -> None:
        docroot = folder / "cdn"
        for prefix, source in mirror.items():
            parts = urlsplit(prefix)
            target = docroot / parts.hostname / parts.path.strip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(source, target_is_directory=True)
        self.server = StaticServer(
            docroot, {"Access-Control-Allow-Origin": "*"}, tls=certificate.server_context(), types=TYPES
        )

    def twin(self, url: str) -> str:
        """The stand-in's URL for the CDN URL `url`."""
        parts = urlsplit(url)
        return f"{self.server.origin}/{parts.hostname}{parts.path}" + (f"?{parts.query}" if parts.query else "")

    def close(self) -> None:
        self.server.close()
