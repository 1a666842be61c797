"""Demos by convention: `/// demo | NAME` is the folder `pyscript_demo/demos/NAME/` (`-` written `_`).

The folder's `demo.py` declares `demo = kit.Demo(...)`; an optional `style.css` beside it styles that
demo alone. Nothing is registered anywhere: a new folder is a new demo. The folders are looked for along
`pyscript_demo.demos.__path__`, where Python imports them from.
"""

import ast
import importlib
from pathlib import Path

import pyscript_demo
import pyscript_demo.demos
from hooks.authoring.errors import Mistake
from pyscript_demo.kit import Demo

PACKAGE_DIR = Path(pyscript_demo.__file__).parent
ENTRY_MODULE = "demo.py"
STYLE = "style.css"


def demo_folders() -> list[Path]:
    return [Path(folder) for folder in pyscript_demo.demos.__path__]


def folder(name: str) -> Path:
    folders = [f / name.replace("-", "_") for f in demo_folders()]
    return next((f for f in folders if (f / ENTRY_MODULE).is_file()), folders[0])


def names() -> list[str]:
    """Every demo there is, by the name a page gives it."""
    return sorted({p.parent.name.replace("_", "-") for f in demo_folders() for p in f.glob(f"*/{ENTRY_MODULE}")})


def module_name(name: str) -> str:
    return f"{pyscript_demo.__name__}.demos.{name.replace('-', '_')}.{Path(ENTRY_MODULE).stem}"


def author_path(file: str | Path) -> str | None:
    """A file of pyscript_demo as the author and the browser name it (`pyscript_demo/...`); None for another."""
    file = Path(file)
    roots = [Path(p).parent for p in pyscript_demo.__path__] + [f.parents[1] for f in demo_folders()]
    for root in roots:
        if file.is_relative_to(root / pyscript_demo.__name__):
            return file.relative_to(root).as_posix()
    return None


def load(name: str) -> Demo:
    """The demo declared for `name`. Its module's exceptions propagate; a Mistake when it declares no demo."""
    importlib.invalidate_caches()  # a module written since the last build is found
    module = importlib.import_module(module_name(name))
    demo = getattr(module, "demo", None)
    if isinstance(demo, Demo):
        return demo
    path = author_path(module.__file__)
    fix = (
        "assign the demo at the module's top level, `demo = kit.Demo(title, initial, layout)` "
        "(see docs/writing-a-demo.md)."
    )
    if demo is None:
        raise Mistake(f"{path} declares no `demo = kit.Demo(...)`.", fix)
    line = _assigned(Path(module.__file__), "demo")
    raise Mistake(f"{path}{f':{line}' if line else ''} sets `demo` to a {type(demo).__name__}, not a kit.Demo.", fix)


def _assigned(file: Path, name: str) -> int | None:
    """The line of the last top-level assignment to `name` in `file`."""
    lines = [
        node.lineno
        for node in ast.parse(file.read_text(encoding="utf-8")).body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name) and target.id == name
    ]
    return lines[-1] if lines else None
