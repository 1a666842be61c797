"""`listing` fences: a source file of the repository, and what it prints when run.

The page holds no copy of the code and no hand-typed number: the listing is
read from the file and its output comes from running that file in CPython
during the build, so changing a number in the file changes the page.
"""

import functools
import subprocess
import sys
from html import escape
from pathlib import Path

from hooks.authoring.errors import page_error

SUPERFENCES = "pymdownx.superfences"
LANGUAGES = {".py": "python"}
RUN_TIMEOUT_S = 120


def configure(config):
    """Register the `listing` fence; paths in it are relative to mkdocs.yml."""
    root = Path(config.config_file_path).parent.resolve()
    if SUPERFENCES not in config.markdown_extensions:
        config.markdown_extensions.append(SUPERFENCES)
    fences = config.mdx_configs.setdefault(SUPERFENCES, {}).setdefault("custom_fences", [])
    fences.append({"name": "listing", "class": "listing", "format": functools.partial(format_listing, root=root)})


def format_listing(src, language, class_name, options, md, *, root, **kwargs):
    rel = src.strip()
    path = (root / rel).resolve()
    if not rel or root not in path.parents or not path.is_file():
        raise page_error(
            rel or "```listing",
            f"the listing names {rel!r}, which is not a file of this project.",
            "give the path of the file relative to mkdocs.yml, e.g. pyscript_demo/logreg.py.",
        )
    if path.suffix not in LANGUAGES:
        raise page_error(
            rel,
            f"the listing {rel!r} cannot be run: only {', '.join(LANGUAGES)} files can.",
            "list a Python file.",
        )
    source = path.read_text(encoding="utf-8")
    output = _run(path, source)
    fences = md.preprocessors["fenced_code_block"]
    fences.get_hl_settings()  # idempotent; makes the highlighter usable outside a fence run
    highlight = fences.highlight
    common = {"md": md, "classes": [], "id_value": "", "attrs": {}}
    code_html = highlight(src=source, language=LANGUAGES[path.suffix], options={"title": rel}, **common)
    output_html = highlight(src=output, language="text", options={"title": "Output"}, **common)
    return (
        f'<div class="listing" data-listing="{escape(rel)}">{code_html}'
        f'<div class="listing__output" aria-label="Output of {escape(rel)}, '
        f'printed when this page was built">{output_html}</div></div>'
    )


@functools.lru_cache(maxsize=64)
def _run(path, source):
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
        raise page_error(
            path.name,
            f"running {path.name} took more than {RUN_TIMEOUT_S} s.",
            "make the listing finish quickly; it runs on every build.",
        ) from None
    if done.returncode != 0:
        raise page_error(
            path.name,
            f"running {path.name} failed:\n{done.stderr.strip()}\n",
            "make the file run without error: python " + str(path),
        )
    return done.stdout
