"""What a demo needs in the browser, read from its imports without running them.

From the demo's module, every import is followed through the modules of `pyscript_demo` it reaches: every
import form (`import a.b`, `from . import b`, `from .b import c`, `from ..b import c`, `from pyscript_demo.b
import c`) and `importlib.import_module` or `__import__` with the module named in a string. The result is
the files to ship (paths as the browser and the author name them: `pyscript_demo/...`, beside mkdocs.yml)
and the modules imported from elsewhere, with where. An import that leads to no module or name of
`pyscript_demo`, or a module named by an expression, is a `Mistake`: the reader never meets a
ModuleNotFoundError.

Modules are found the way Python finds them, along `pyscript_demo.__path__` (and the `__path__` of any
package of it already imported), without importing anything.
"""

import ast
import difflib
import functools
import sys
from collections import deque
from dataclasses import dataclass
from importlib.util import resolve_name
from pathlib import Path

from hooks.authoring.errors import Mistake
from hooks.demo.discovery import PACKAGE_DIR, author_path
from hooks.demo.packages import Use

PACKAGE = PACKAGE_DIR.name
NAMESPACE = Path()  # where a namespace package (a folder without `__init__.py`) is: nothing to ship


def _search(package: str) -> list[Path]:
    """The folders that hold the submodules of `package`, a package of pyscript_demo; [] if it is none."""
    imported = sys.modules.get(package)
    if imported is not None:
        return [Path(folder) for folder in getattr(imported, "__path__", [])]
    located = _locate(package)
    if located == NAMESPACE:
        parent, _, name = package.rpartition(".")
        return [folder / name for folder in _search(parent) if (folder / name).is_dir()]
    return [located.parent] if located and located.name == "__init__.py" else []


def _locate(module: str) -> Path | None:
    """The file of a module of pyscript_demo, NAMESPACE for a namespace package, None if there is none.

    As Python's path finder does: along the parent's folders, a package or a module wins over a namespace.
    """
    parent, _, name = module.rpartition(".")
    if not parent:
        return Path(sys.modules[PACKAGE].__file__) if module == PACKAGE else None
    namespace = False
    for folder in _search(parent):
        for path in (folder / name / "__init__.py", folder / f"{name}.py"):
            if path.is_file():
                return path
        namespace = namespace or (folder / name).is_dir()
    return NAMESPACE if namespace else None


def _close_module(module: str) -> str | None:
    """The module of the same package whose name is closest to `module`'s, if one is close: a typing slip."""
    parent, _, name = module.rpartition(".")
    names = {
        path.stem
        for folder in (_search(parent) if parent else [])
        for path in folder.iterdir()
        if (path.suffix == ".py" or path.is_dir()) and not path.name.startswith("__")
    }
    close = difflib.get_close_matches(name, sorted(names), n=1)
    return f"{parent}.{close[0]}" if close else None


# What every module has without binding it.
MODULE_ATTRIBUTES = {"__name__", "__file__", "__doc__", "__path__", "__package__", "__spec__", "__loader__"}


def syntax_tree(path: Path) -> ast.Module:
    """The file's syntax tree; a Mistake when it is not Python."""
    stat = path.stat()
    return _parsed(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=512)
def _parsed(path: Path, mtime_ns: int, size: int) -> ast.Module:
    """The file's syntax tree, parsed again only when the file changed: the demos share most of their modules."""
    try:
        return ast.parse(path.read_text(encoding="utf-8"), str(path))
    except SyntaxError as err:
        raise Mistake(
            f"{author_path(path)}:{err.lineno} is not Python: {err.msg}.",
            f"correct it; `.venv/bin/python -m py_compile {author_path(path)}` shows where.",
        ) from None


def _bound(path: Path) -> frozenset[str] | None:
    """The names a module binds at its top level; None when that cannot be told (`*`, `__getattr__`, `globals()`)."""
    return _names_bound(syntax_tree(path))


@functools.lru_cache(maxsize=512)
def _names_bound(tree: ast.Module) -> frozenset[str] | None:
    names, todo = set(MODULE_ATTRIBUTES), list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)  # its body binds names of its own
        elif isinstance(node, ast.Import | ast.ImportFrom):
            if any(alias.name == "*" for alias in node.names):
                return None
            names |= {alias.asname or alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.Name) and node.id == "globals":
            return None
        else:
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            todo += ast.iter_child_nodes(node)
    return None if "__getattr__" in names else frozenset(names)


@dataclass(frozen=True)
class Needs:
    """What a demo needs: the files of pyscript_demo to ship, and the modules it imports from elsewhere."""

    files: list[str]
    uses: list[Use]


def needs(module: str) -> Needs:
    """Every file of pyscript_demo that `module` needs, sorted, and the first import of each other module."""
    # Breadth first: a module imported in several places is reported where the demo itself imports it.
    todo, found, uses = deque([module]), {}, {}
    while todo:
        name = todo.popleft()
        if name in found:
            continue
        path = found[name] = _locate(name)
        if path == NAMESPACE:
            continue
        parts = name.split(".")
        todo += [".".join(parts[:k]) for k in range(1, len(parts))]  # the packages around it
        here = author_path(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for target, node in _imports(path, here, package):
            where = f"{here}:{node.lineno}"
            if target.split(".")[0] == PACKAGE:
                todo += _follow(target, node, where)
            else:
                uses.setdefault(target.split(".")[0], where)
    return Needs(
        sorted(author_path(path) for path in found.values() if path != NAMESPACE),
        [Use(top, where) for top, where in uses.items()],
    )


def _follow(target: str, node: ast.stmt | ast.Call, where: str) -> list[str]:
    """The modules of pyscript_demo that importing `target` (and, for `from target import n`, each n) needs."""
    located = _locate(target)
    if located is None:
        close = _close_module(target)
        raise Mistake(
            f"{where} imports {target}, which is no module of {PACKAGE}/.",
            (f"did you mean '{close}'? " if close else "")
            + f"write {target.replace('.', '/')}.py, or import a module that is there.",
        )
    wanted = [target]
    for alias in node.names if isinstance(node, ast.ImportFrom) else []:
        if alias.name == "*":
            continue
        if _locate(f"{target}.{alias.name}") is not None:
            wanted.append(f"{target}.{alias.name}")  # `from package import module`
            continue
        bound = None if located == NAMESPACE else _bound(located)
        if bound is not None and alias.name not in bound:
            raise Mistake(
                f"{where} imports {alias.name} from {target}, which has no module or name {alias.name!r}.",
                f"import a module or a name that {target} has, or write it there.",
            )
    return wanted


def _imports(path: Path, here: str, package: str) -> tuple[tuple[str, ast.stmt | ast.Call], ...]:
    """(absolute module name, the node importing it) for every import in the file, in any form."""
    return _imports_in(syntax_tree(path), here, package)


@functools.lru_cache(maxsize=512)
def _imports_in(tree: ast.Module, here: str, package: str) -> tuple[tuple[str, ast.stmt | ast.Call], ...]:
    found: list[tuple[str, ast.stmt | ast.Call]] = []
    importlib_names, import_module_names = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node) for alias in node.names]
            importlib_names |= {
                alias.asname or "importlib"
                for alias in node.names
                if alias.name == "importlib" or (not alias.asname and alias.name.startswith("importlib."))
            }
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node.module or "", node.level, package, f"{here}:{node.lineno}")
            found.append((base, node))
            if base == "importlib":
                import_module_names |= {a.asname or a.name for a in node.names if a.name == "import_module"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_dynamic_import(node, importlib_names, import_module_names):
            found.append((_literal_module(node, here, package), node))
    return tuple(found)


def _resolve(module: str, level: int, package: str, where: str) -> str:
    if not level:
        return module
    try:
        return resolve_name("." * level + module, package)
    except ImportError:
        raise Mistake(
            f"{where} imports {'.' * level}{module}, which reaches above {PACKAGE}/.",
            "import it by its whole name, or with fewer dots.",
        ) from None


def _is_dynamic_import(node: ast.Call, importlib_names: set[str], import_module_names: set[str]) -> bool:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id == "__import__" or func.id in import_module_names
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "import_module"
        and isinstance(func.value, ast.Name)
        and func.value.id in importlib_names
    )


def _argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _literal_module(call: ast.Call, here: str, package: str) -> str:
    """The module a dynamic import names in a string; a Mistake when an expression names it.

    `importlib.import_module(name, package)` resolves a relative name against `package` (a string or
    `__package__`); `__import__(name, globals, locals, fromlist, level)` against this module's package.
    """
    name, where = _argument(call, 0, "name"), f"{here}:{call.lineno}"
    if isinstance(call.func, ast.Name) and call.func.id == "__import__":
        level = _argument(call, 4, "level")
        dots = 0 if level is None else level.value if isinstance(level, ast.Constant) else None
        anchor = package
    else:
        given, dots = _argument(call, 1, "package"), 0
        anchor = given.value if isinstance(given, ast.Constant) else None
        if isinstance(given, ast.Name) and given.id == "__package__":
            anchor = package
    if isinstance(name, ast.Constant) and isinstance(name.value, str) and isinstance(dots, int):
        text = "." * dots + name.value
        level = len(text) - len(text.lstrip("."))
        if not level:
            return text
        if isinstance(anchor, str):
            return _resolve(text[level:], level, anchor, where)
    raise Mistake(
        f"{where} imports a module named by an expression, `{ast.unparse(call)}`, "
        "which the build cannot follow to ship it.",
        'name the module in a string, as in `importlib.import_module("pyscript_demo.logreg")`, '
        "or import it with `import`.",
    )
