"""A demo, checked as the build loads, ships and renders it; whatever fails is a `Mistake` naming the demo's file
and line.

In order: its imports are read (`modules.py`), and those from outside `pyscript_demo` are checked against the
build's Python, which runs the demo too; its module is imported; its declared packages are checked against
Pyodide's, and every import against what the browser will have (`packages.py`); its starting state is
rendered. An exception raised by the demo's code is reported where the author can fix it: the deepest frame
in `pyscript_demo/` (and the demo's own line that led there); a declaration the kit refuses
(`DeclarationError`) at the function to blame, with the kit's own fix.
"""

import ast
import inspect
import json
import traceback
from dataclasses import dataclass
from pathlib import Path

from hooks.authoring.errors import Mistake
from hooks.demo import discovery, modules
from hooks.demo.packages import Packages
from pyscript_demo.kit import Demo
from pyscript_demo.kit.demo import DeclarationError


@dataclass(frozen=True)
class Shipment:
    """A demo that the browser can run: the demo, and the files of pyscript_demo it needs."""

    demo: Demo
    files: list[str]


def prepare(name: str, pyodide: Packages | None) -> Shipment:
    """The demo `name`, checked; without Pyodide's lock file (`pyodide` None) its packages go unchecked."""
    module = discovery.module_name(name)
    path = discovery.folder(name) / discovery.ENTRY_MODULE
    needs = modules.needs(module)
    line, declared = _declaration(path)
    if pyodide:
        pyodide.check_installed(needs.uses, declared)
    try:
        demo = discovery.load(name)
    except Mistake:
        raise
    except DeclarationError as err:
        raise Mistake(f"{_declared_at(err, name)}: {err.problem}.", f"{err.fix}.") from None
    except Exception as err:
        raise _failure(
            err,
            name,
            "importing the demo",
            f'make the module import without error: `.venv/bin/python -c "import {module}"` shows the whole traceback.',
        ) from None
    if pyodide:
        where = discovery.author_path(path) + (f":{line}" if line else "")
        pyodide.check_declared(demo.packages, where)
        pyodide.check_uses(needs.uses, demo.packages)
    return Shipment(demo, needs.files)


def render(name: str, demo: Demo) -> tuple[str, str]:
    """The demo's static HTML and its starting state as JSON, as the build puts them on the page."""
    try:
        return demo.static_html(name), json.dumps(demo.state_to_json(demo.initial))
    except Exception as err:
        raise _failure(
            err,
            name,
            "rendering the demo's starting state",
            "make that code work for the demo's starting state (`initial`); the contract tests render every "
            "demo in CPython: `.venv/bin/python -m pytest tests/test_demo_contract.py`.",
        ) from None


# What `kit.Demo(...)` declares when `packages=` is not given.
DEFAULT_PACKAGES = inspect.signature(Demo).parameters["packages"].default


def _declaration(path: Path) -> tuple[int | None, tuple[str, ...] | None]:
    """The line of `packages=` in the demo's module, and the names, when written out as a list of strings."""
    for node in ast.walk(modules.syntax_tree(path)):
        for keyword in node.keywords if isinstance(node, ast.Call) else []:
            if keyword.arg == "packages":
                try:
                    names = ast.literal_eval(keyword.value)
                except ValueError:
                    return keyword.value.lineno, None
                return keyword.value.lineno, tuple(names) if isinstance(names, list | tuple) else None
    return None, tuple(DEFAULT_PACKAGES)


def _failure(err: Exception, name: str, doing: str, fix: str) -> Mistake:
    """The exception `err`, raised by the demo's code while the build was `doing` something, as a Mistake."""
    where = _raised_at(err, _folder_of(name))
    message = " ".join(str(err).split()).rstrip(".")
    what = type(err).__name__ + (f" at {where}" if where else "")
    return Mistake(f"{doing} raised {what}{': ' + message if message else ''}.", fix)


def _declared_at(err: DeclarationError, name: str) -> str:
    """Where the author declared what the kit refused: the function or control at fault, else the demo's own line."""
    culprit = err.where and discovery.author_path(err.where[0])
    if culprit:
        return f"{culprit}:{err.where[1]}"
    own = [f"{path}:{line}" for path, line in _frames(err) if path and path.startswith(_folder_of(name))]
    return own[-1] if own else discovery.author_path(discovery.folder(name) / discovery.ENTRY_MODULE)


def _folder_of(name: str) -> str:
    return discovery.module_name(name).rpartition(".")[0].replace(".", "/") + "/"


def _frames(err: Exception) -> list[tuple[str | None, int]]:
    """The frames of `err`'s traceback as (file of pyscript_demo or None, line), outermost first."""
    frames = [(discovery.author_path(f.f_code.co_filename), line) for f, line in traceback.walk_tb(err.__traceback__)]
    if isinstance(err, SyntaxError) and err.filename:
        frames.append((discovery.author_path(err.filename), err.lineno))
    return frames


def _raised_at(err: Exception, demo_folder: str) -> str | None:
    """The deepest frame of `err` in pyscript_demo/, and the demo's own deepest frame when that is elsewhere."""
    ours = [f"{path}:{line}" for path, line in _frames(err) if path]
    if not ours:
        return None
    own = [frame for frame in ours if frame.startswith(demo_folder)]
    return ours[-1] + (f" (from {own[-1]})" if own and own[-1] != ours[-1] else "")
