"""`listing` fences: a source file of the repository, and what it prints when run.

The page holds no copy of the code and no hand-typed number: the listing is
read from the file and its output comes from running that file in CPython
during the build, so changing a number in the file changes the page.
"""

import functools
import subprocess
import sys
from pathlib import Path
from typing import Any

from markdown import Markdown

from hooks.authoring.errors import Mistake
from hooks.authoring.html import markup
from hooks.authoring.site import Site

SUPERFENCES = "pymdownx.superfences"
LANGUAGES = {".py": "python"}
RUN_TIMEOUT_S = 120


def configure(site: Site) -> None:
    """Register the `listing` fence; paths in it are relative to mkdocs.yml."""
    config = site.config
    root = Path(config.config_file_path).parent.resolve()
    if SUPERFENCES not in config.markdown_extensions:
        config.markdown_extensions.append(SUPERFENCES)
    fences = config.mdx_configs.setdefault(SUPERFENCES, {}).setdefault("custom_fences", [])
    fences.append(
        {"name": "listing", "class": "listing", "format": functools.partial(format_listing, root=root, site=site)}
    )


def format_listing(
    src: str, language: str, class_name: str, options: dict, md: Markdown, *, root: Path, site: Site, **kwargs: Any
) -> str:
    """The listing's code and what it printed, as HTML."""
    page = site.page
    rel = src.strip()
    path = (root / rel).resolve()
    if not rel or root not in path.parents or not path.is_file():
        raise page.error(
            rel or "```listing",
            f"the listing names {rel!r}, which is not a file of this project.",
            "give the path of the file relative to mkdocs.yml, e.g. pyscript_demo/logreg.py.",
        )
    if path.suffix not in LANGUAGES:
        raise page.error(
            rel,
            f"the listing {rel!r} cannot be run: only {', '.join(LANGUAGES)} files can.",
            "list a Python file.",
        )
    source = path.read_text(encoding="utf-8")
    try:
        output = _run(path, source)
    except Mistake as mistake:
        raise page.error(path.name, mistake.problem, mistake.fix) from None
    fences = md.preprocessors["fenced_code_block"]
    fences.get_hl_settings()  # idempotent; makes the highlighter usable outside a fence run
    highlight = fences.highlight
    common = {"md": md, "classes": [], "id_value": "", "attrs": {}}
    code_html = highlight(src=source, language=LANGUAGES[path.suffix], options={"title": rel}, **common)
    output_html = highlight(src=output, language="text", options={"title": "Output"}, **common)
    label = f"Output of {rel}, printed when this page was built"
    return markup(
        "div",
        code_html,
        markup("div", output_html, class_="listing__output", aria_label=label),
        class_="listing",
        data_listing=rel,
    )


@functools.lru_cache(maxsize=64)
def _run(path: Path, source: str) -> str:
    """What the file prints, run as a script by this interpreter (cached per content)."""
    try:
        done = subprocess.run(
            [sys.executable, str(path)],
            cwd=path.parent,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        raise Mistake(
            f"running {path.name} took more than {RUN_TIMEOUT_S} s.",
            "make the listing finish quickly; it runs on every build.",
        ) from None
    if done.returncode != 0:
        raise Mistake(
            f"running {path.name} failed:\n{done.stderr.strip()}\n",
            "make the file run without error: python " + str(path),
        )
    return done.stdout
