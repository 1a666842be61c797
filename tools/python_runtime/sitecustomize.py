"""Imports a standard-library module the trimmed library left out, from the rest of it, on first need.

The site ships a standard library trimmed to what its demos import (traced when
the runtime was derived). A demo that later imports something else still works:
the first such import fetches the rest of the library once (checked against the
sha256 recorded when it was derived), and the import goes on from there.
Python's `site` imports this module at start-up; the derivation fills in the
two constants below.
"""

import os
import sys
from importlib.machinery import PathFinder

REST_SHA256 = ""
REST_MODULES = frozenset()
REST_PATH = "/lib/python312_rest.zip"
URL_VARIABLE = "PYTHON_STDLIB_REST_URL"


def _fetch(url):
    # Imports run synchronously, so the fetch must too: a worker may make a synchronous request.
    from js import XMLHttpRequest

    request = XMLHttpRequest.new()
    request.open("GET", url, False)
    request.responseType = "arraybuffer"
    request.send(None)
    if request.status != 200:
        raise ImportError(f"the rest of the standard library did not download from {url} (HTTP {request.status})")
    return request.response.to_bytes()


class RestOfStdlib:
    """A finder after the usual ones: it answers only for the modules the trim left out."""

    installed = False

    @classmethod
    def _install(cls):
        if cls.installed:
            return
        import hashlib

        url = os.environ[URL_VARIABLE]
        data = _fetch(url)
        if hashlib.sha256(data).hexdigest() != REST_SHA256:
            raise ImportError(f"the rest of the standard library from {url} does not match its sha256")
        with open(REST_PATH, "wb") as f:
            f.write(data)
        cls.installed = True

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name not in REST_MODULES or URL_VARIABLE not in os.environ:
            return None
        cls._install()
        parent = name.rpartition(".")[0]
        if not parent:
            return PathFinder.find_spec(name, [REST_PATH])
        # A package kept in the trimmed library learns where the rest of its modules are.
        package_path = sys.modules[parent].__path__
        folder = f"{REST_PATH}/{parent.replace('.', '/')}"
        if folder not in package_path:
            package_path.append(folder)
        return PathFinder.find_spec(name, [folder])

    @classmethod
    def invalidate_caches(cls):
        pass


sys.meta_path.append(RestOfStdlib)
