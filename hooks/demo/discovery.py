"""Demos by convention: `/// demo | NAME` is the folder `pyscript_demo/demos/NAME/` (`-` written `_`).

The folder's `demo.py` declares `demo = kit.Demo(...)`; an optional `style.css` beside it styles that
demo alone. Nothing is registered anywhere: a new folder is a new demo.
"""

import importlib
from pathlib import Path

import pyscript_demo
from pyscript_demo.kit import Demo

PACKAGE_DIR = Path(pyscript_demo.__file__).parent
DEMOS_DIR = PACKAGE_DIR / "demos"
ENTRY_MODULE = "demo.py"
STYLE = "style.css"


def folder(name: str) -> Path:
    return DEMOS_DIR / name.replace("-", "_")


def names() -> list[str]:
    """Every demo there is, by the name a page gives it."""
    return sorted(p.parent.name.replace("_", "-") for p in DEMOS_DIR.glob(f"*/{ENTRY_MODULE}"))


def module_name(name: str) -> str:
    return f"{pyscript_demo.__name__}.demos.{name.replace('-', '_')}.{Path(ENTRY_MODULE).stem}"


def load(name: str) -> Demo:
    """The demo declared for `name`; a TypeError when its module declares none."""
    module = importlib.import_module(module_name(name))
    demo = getattr(module, "demo", None)
    if not isinstance(demo, Demo):
        raise TypeError(f"{module.__file__} declares no `demo = kit.Demo(...)`")
    return demo
