"""The files a demo needs in the browser: its module and everything of `pyscript_demo` it imports.

Every import form is followed (`import a.b`, `from . import b`, `from .b import c`, `from ..b import c`,
`from pyscript_demo.b import c`); an import that leads nowhere the browser can reach stops the build,
so the reader never meets a ModuleNotFoundError.
"""

import ast
import sys
from importlib.util import resolve_name
from pathlib import Path

from hooks.demo.discovery import PACKAGE_DIR

PACKAGE = PACKAGE_DIR.name
ROOT = PACKAGE_DIR.parent


class UnshippableImport(Exception):
    """An import of a demo module that the browser could not satisfy."""


def _file(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _exists(module: str) -> bool:
    """A module, or a folder without `__init__.py` (a namespace package, as a demo's folder may be)."""
    return _file(module) is not None or ROOT.joinpath(*module.split(".")).is_dir()


def shipped(module: str, packages: tuple[str, ...]) -> list[str]:
    """Paths (relative to the folder holding `pyscript_demo/`) of every module `module` needs, sorted."""
    todo, found = [module], {}
    while todo:
        name = todo.pop()
        if name in found:
            continue
        path = found[name] = _file(name)
        if path is None:  # a namespace package: nothing to ship
            continue
        parts = name.split(".")
        todo += [".".join(parts[:k]) for k in range(1, len(parts))]  # the packages around it
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    todo += _follow(alias.name, path, node, packages)
            elif isinstance(node, ast.ImportFrom):
                dots = "." * node.level
                base = resolve_name(dots + (node.module or ""), package) if node.level else node.module
                todo += _follow(base, path, node, packages)
                # `from package import name`: name may be a module of the package.
                todo += [
                    f"{base}.{a.name}"
                    for a in node.names
                    if base.split(".")[0] == PACKAGE and _file(f"{base}.{a.name}")
                ]
    return sorted(path.relative_to(ROOT).as_posix() for path in found.values() if path)


def _follow(target: str, path: Path, node: ast.stmt, packages: tuple[str, ...]) -> list[str]:
    """[target] when it is a module of pyscript_demo to ship; [] for the standard library and declared packages."""
    top = target.split(".")[0]
    where = f"{path.relative_to(ROOT).as_posix()}:{node.lineno}"
    if top == PACKAGE:
        if not _exists(target):
            raise UnshippableImport(f"{where} imports {target}, which is no module of {PACKAGE}/.")
        return [target]
    if top in sys.stdlib_module_names or top in packages:
        return []
    raise UnshippableImport(
        f"{where} imports {target}, which the browser does not have: it is neither Python's standard library, "
        f"nor a module of {PACKAGE}/, nor one of the demo's packages {list(packages)} (kit.Demo(packages=...))."
    )
