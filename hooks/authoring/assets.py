"""Each feature's browser assets live beside its code and are published with the site.

A feature calls `publish(config, __file__, "name.css")` in its configure step;
the file is linked from every page and served under `assets/concepts/FEATURE/`.
`add_files` finds what was published from the configuration itself.
"""

from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

HOOKS = Path(__file__).resolve().parent.parent
SITE_DIR = "assets/concepts/"


def publish(config: MkDocsConfig, module_file: str, *names: str) -> None:
    """Link the files `names`, beside the module `module_file`, from every page (CSS and scripts alike)."""
    feature = Path(module_file).resolve().parent.relative_to(HOOKS).as_posix()
    for name in names:
        uri = f"{SITE_DIR}{feature}/{name}"
        if name.endswith(".css"):
            config.extra_css.append(uri)
        else:
            config.extra_javascript.append(ExtraScriptValue(uri))


def add_files(files: Files, config: MkDocsConfig) -> Files:
    """Serve every published asset from its feature's folder."""
    linked = [*config.extra_css, *(str(script) for script in config.extra_javascript)]
    for uri in linked:
        if uri.startswith(SITE_DIR):
            source = HOOKS / uri.removeprefix(SITE_DIR)
            files.append(File.generated(config, uri, abs_src_path=str(source)))
    return files
