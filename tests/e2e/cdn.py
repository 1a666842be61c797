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
from pathlib import Path
from urllib.parse import urlsplit

import trustme
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

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
    """A certificate for 127.0.0.1, issued for the session by a throwaway authority (trustme)."""

    def __init__(self) -> None:
        self.leaf = trustme.CA().issue_cert("127.0.0.1")
        leaf = x509.load_pem_x509_certificate(self.leaf.cert_chain_pems[0].bytes())
        der = leaf.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        # What Chromium's --ignore-certificate-errors-spki-list takes: sha256 of the public key, in base64.
        self.spki = base64.b64encode(hashlib.sha256(der).digest()).decode()

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.leaf.configure_cert(context)
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
