"""Imports a module the trimmed runtime left out, from the rest of it, on first need.

The site ships a standard library trimmed to what its demos import, and a numpy
wheel without the subpackages they never import (both traced when the runtime
was derived). A demo that later imports something else still works: the first
such import fetches the rest once (checked against the sha256 recorded when it
was derived), and the import goes on from there. Python's `site` imports this
module at start-up; the derivation fills in the four constants below.
"""

import os
import sys
from importlib.machinery import PathFinder

REST_SHA256 = ""
REST_MODULES = frozenset()
REST_PATH = "/lib/python312_rest.zip"
URL_VARIABLE = "PYTHON_STDLIB_REST_URL"
NUMPY_REST_SHA256 = ""
NUMPY_REST_PACKAGES = frozenset()
NUMPY_URL_VARIABLE = "PYTHON_NUMPY_REST_URL"


def _fetch(url, what, sha256):
    """The bytes at `url`, checked against `sha256`. Imports run synchronously, so the fetch must too: a worker
    may make a synchronous request."""
    import hashlib

    from js import XMLHttpRequest

    request = XMLHttpRequest.new()
    request.open("GET", url, False)
    request.responseType = "arraybuffer"
    request.send(None)
    if request.status != 200:
        raise ImportError(f"the rest of {what} did not download from {url} (HTTP {request.status})")
    data = request.response.to_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ImportError(f"the rest of {what} from {url} does not match its sha256")
    return data


class RestOfStdlib:
    """A finder after the usual ones: it answers only for the modules the trim left out."""

    installed = False

    @classmethod
    def _install(cls):
        if cls.installed:
            return
        data = _fetch(os.environ[URL_VARIABLE], "the standard library", REST_SHA256)
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


class RestOfNumpy:
    """A finder after the usual ones, for numpy's subpackages the trimmed wheel left out: their files (extension
    modules too) are unpacked beside the rest of numpy, where the usual finders then find them."""

    installed = False

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name not in NUMPY_REST_PACKAGES or NUMPY_URL_VARIABLE not in os.environ:
            return None
        if not cls.installed:
            import importlib
            import io
            import zipfile

            data = _fetch(os.environ[NUMPY_URL_VARIABLE], "numpy", NUMPY_REST_SHA256)
            site_packages = os.path.dirname(sys.modules["numpy"].__path__[0])
            zipfile.ZipFile(io.BytesIO(data)).extractall(site_packages)
            importlib.invalidate_caches()
            cls.installed = True
        return PathFinder.find_spec(name, sys.modules["numpy"].__path__)

    @classmethod
    def invalidate_caches(cls):
        pass


sys.meta_path += [RestOfStdlib, RestOfNumpy]
