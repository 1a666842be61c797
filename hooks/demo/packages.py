"""The packages a demo loads in the browser: Pyodide's, named as Pyodide's lock file names them.

A demo declares them with `kit.Demo(packages=["numpy", "pyyaml"])`; the browser loads each, with what it
depends on, before the demo's modules. Pyodide's lock file (`pyodide-lock.json`, in the verified mirror
that `make mirror` fetches) says which packages there are, the modules each one provides (`imports`) and
what each depends on: the build checks a demo's imports and declarations against it.
"""

import difflib
import functools
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from hooks.authoring.errors import Mistake
from hooks.runtime import lock

LOCK_FILE = "pyodide-lock.json"


@dataclass(frozen=True)
class Use:
    """A module outside pyscript_demo that a demo's code imports: its top-level name, and where (`path:line`)."""

    module: str
    where: str


@dataclass(frozen=True)
class Packages:
    """Pyodide's packages, by the names `loadPackage` takes (the lock file's keys)."""

    version: str
    index: dict[str, dict[str, Any]]

    @functools.cached_property
    def _providers(self) -> dict[str, str]:
        return {module: name for name, entry in self.index.items() for module in entry["imports"]}

    @property
    def listed_at(self) -> str:
        return f"https://pyodide.org/en/{self.version}/usage/packages-in-pyodide.html"

    @property
    def _only_what_it_has(self) -> str:
        return (
            "import only Python's standard library, modules of pyscript_demo/ and packages Pyodide has "
            f"(listed at {self.listed_at})."
        )

    def provider(self, module: str) -> str | None:
        """The package that provides the top-level module `module`, if Pyodide has one."""
        return self._providers.get(module)

    def closure(self, names: Iterable[str]) -> set[str]:
        """`names` and every package they depend on: what `loadPackage(names)` loads."""
        todo, seen = list(names), set()
        while todo:
            name = todo.pop()
            if name in self.index and name not in seen:
                seen.add(name)
                todo += self.index[name]["depends"]
        return seen

    def check_declared(self, declared: tuple[str, ...], where: str) -> None:
        """Every declared name is a package of Pyodide's, or a Mistake with the names it may have meant."""
        for name in declared:
            if name in self.index:
                continue
            meant = self._meant(name)
            fix = (
                f"name it as Pyodide does: {meant}."
                if meant
                else f"name a package Pyodide has{self._close(name)}; they are listed at {self.listed_at}"
            )
            raise Mistake(f"{where} declares the package {name!r}, which Pyodide {self.version} does not have.", fix)

    def _meant(self, name: str) -> str | None:
        """Pyodide's name for what `name` means: the same name spelt another way, or a module a package provides."""
        canonical = re.sub(r"[-_.]+", "-", name).lower()
        if canonical in self.index:
            return repr(canonical)
        provider = self.provider(name)
        return provider and f"{provider!r} (it provides the module {name})"

    def _close(self, name: str) -> str:
        close = difflib.get_close_matches(name.lower(), sorted(self.index), n=3)
        return f" (did you mean {' or '.join(map(repr, close))}?)" if close else ""

    def check_uses(self, uses: Iterable[Use], declared: tuple[str, ...]) -> None:
        """Each module used is in the browser: Python's standard library, or from a package loaded for the demo."""
        loaded = self.closure(declared)
        for use in uses:
            provider = self.provider(use.module)
            if provider in loaded or (provider is None and use.module in sys.stdlib_module_names):
                continue
            if provider is None:
                raise Mistake(
                    f"{use.where} imports {use.module}, which the browser does not have: it is not Python's "
                    f"standard library and no package of Pyodide {self.version} provides it.",
                    self._only_what_it_has,
                )
            raise Mistake(
                f"{use.where} imports {use.module}, which the browser has only from Pyodide's package "
                f"{provider!r}, and the demo does not declare it.",
                f"declare it: `kit.Demo(packages={json.dumps([*declared, provider])})`.",
            )

    def check_installed(self, uses: Iterable[Use], declared: tuple[str, ...] | None) -> None:
        """Each module used outside the standard library is installed for the build, which runs the demo too.

        `declared`: the demo's packages as its source writes them out, None when it does not.
        """
        for use in uses:
            if use.module in sys.stdlib_module_names or find_spec(use.module) is not None:
                continue
            provider = self.provider(use.module)
            if provider is None:
                raise Mistake(
                    f"{use.where} imports {use.module}, which neither the build's Python nor Pyodide "
                    f"{self.version} has.",
                    self._only_what_it_has,
                )
            if declared is None:
                wanted = f'[..., "{provider}"]'
            else:
                wanted = json.dumps(list(declared) if provider in declared else [*declared, provider])
            version = self.index[provider]["version"]
            raise Mistake(
                f"{use.where} imports {use.module}, which the build's Python does not have.",
                f"the build runs the demo in CPython too: add "
                f'"{self.index[provider]["name"]}=={version}" (the version Pyodide {self.version} ships) to the '
                f"dependencies in pyproject.toml and run `make build`; declare Pyodide's package "
                f"{provider!r} for the browser: `kit.Demo(packages={wanted})`.",
            )


def pyodide() -> Packages | None:
    """Pyodide's packages from the verified mirror's lock file; None when `make mirror` has not fetched it.

    The lock file's sha256 is checked against the mirror's record on every call, as every use of the mirror is.
    """
    record = lock.stamp("pyodide")
    recorded = json.loads(record.read_text()) if record.exists() else {}
    path = lock.MIRROR / "pyodide" / LOCK_FILE
    if recorded.get("pin") != lock.pins()["pyodide"] or not path.is_file():
        return None
    sha256 = recorded["files"][LOCK_FILE]
    return _read(lock.verified(path, sha256, f"pyodide {LOCK_FILE}"), sha256)


@functools.cache
def _read(path: Path, sha256: str) -> Packages:
    """The lock file read once per content: its sha256 is part of the key."""
    parsed = json.loads(path.read_text())
    return Packages(parsed["info"]["version"], parsed["packages"])
