"""Where readers' browsers load the runtimes (Pyodide with numpy, KaTeX's CSS and fonts) from.

By default from the pinned CDN (`extra.runtime.pyodide`, `extra.runtime.katex`);
the KaTeX stylesheet's tag then carries the Subresource Integrity hash pinned in
runtime-lock.json (the tests check it against the sha256-verified mirror), so a
browser refuses a file the CDN changed. With `extra.runtime.self_host: true` the same mirror's files are
published inside the site, and the pages load nothing from a third party.
"""

import html
import posixpath

from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import File

from hooks.formulas import katex_engine
from hooks.runtime import lock

SITE_DIR = "runtime"
KATEX_CSS = "katex.min.css"


class Runtime:
    """The resolved locations; set by configure()."""

    self_hosted = False
    pyodide = ""  # the folder holding pyodide.js: a URL, or a path in the site when self-hosted
    katex = ""  # the folder holding katex.min.css and fonts/, likewise
    integrity = ""  # SRI of the CDN's katex.min.css


def _flag(value, key):
    # !ENV hands over strings; mkdocs.yml itself may give a boolean.
    text = str(value).strip().lower()
    if text in {"true", "1", "yes", "on"}:
        return True
    if text in {"false", "0", "no", "off", ""}:
        return False
    raise ConfigurationError(f"mkdocs.yml: extra.runtime.{key} is {value!r}. Fix: set it to true or false.")


def _folder_url(settings, key, pinned, example):
    url = settings.get(key, "")
    if not url.endswith("/"):
        raise ConfigurationError(
            f"mkdocs.yml: extra.runtime.{key} is {url!r}. Fix: set it to the folder that "
            f"holds {example}, ending in '/', e.g. {pinned}"
        )
    return url


def _mirror(name):
    try:
        return lock.mirrored(name)
    except (lock.MirrorError, OSError) as err:
        raise ConfigurationError(
            f"The verified copy of the {name} runtime could not be prepared: {err}. "
            "Fix: run `make mirror` (once, with access to the package registries) before a self-hosted build."
        ) from None


def configure(config):
    """Resolve the runtime locations; check that they are the versions the build uses."""
    settings = config.extra.get("runtime", {})
    pins = lock.pins()
    katex_version = katex_engine.version()
    pyodide_cdn = f"https://cdn.jsdelivr.net/pyodide/v{pins['pyodide']['version']}/full/"
    katex_cdn = f"https://cdn.jsdelivr.net/npm/katex@{katex_version}/dist/"
    Runtime.self_hosted = _flag(settings.get("self_host", False), "self_host")
    if pins["katex"]["version"] != katex_version:
        raise ConfigurationError(
            f"runtime-lock.json pins KaTeX {pins['katex']['version']}, but the build typesets with KaTeX "
            f"{katex_version}. Fix: pin katex@{katex_version} in runtime-lock.json."
        )
    if Runtime.self_hosted:
        Runtime.pyodide = f"{SITE_DIR}/pyodide-{pins['pyodide']['version']}/"
        Runtime.katex = f"{SITE_DIR}/katex-{katex_version}/"
    else:
        Runtime.pyodide = _folder_url(settings, "pyodide", pyodide_cdn, "pyodide.js")
        Runtime.katex = _folder_url(settings, "katex", katex_cdn, KATEX_CSS)
        if f"katex@{katex_version}/" not in Runtime.katex:
            raise ConfigurationError(
                f"mkdocs.yml: extra.runtime.katex is {Runtime.katex!r}, but the build typesets with KaTeX "
                f"{katex_version}. Fix: set it to {katex_cdn}"
            )
        Runtime.integrity = pins["katex"]["stylesheet_integrity"]
    config.extra_css.append(Runtime.katex + KATEX_CSS)


def pyodide_folder(relative_to):
    """Pyodide's folder as a script at `relative_to` (a folder of the site) should name it."""
    if not Runtime.self_hosted:
        return Runtime.pyodide
    return posixpath.relpath(Runtime.pyodide, relative_to) + "/"


def add_files(files, config):
    """Publish the mirror's runtime files in the site when self-hosting."""
    if not Runtime.self_hosted:
        return files
    pyodide, katex = _mirror("pyodide"), _mirror("katex") / "dist"
    published = [(path, Runtime.pyodide + path.name) for path in sorted(pyodide.iterdir())]
    published += [(katex / KATEX_CSS, Runtime.katex + KATEX_CSS)]
    published += [(path, f"{Runtime.katex}fonts/{path.name}") for path in sorted((katex / "fonts").iterdir())]
    for path, uri in published:
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def protect(output):
    """Add the integrity hash to the CDN stylesheet's tag: the browser refuses a changed file."""
    if Runtime.self_hosted:
        return output
    tag = f'<link rel="stylesheet" href="{html.escape(Runtime.katex + KATEX_CSS)}">'
    if tag not in output:
        raise ConfigurationError(
            f"The theme no longer links KaTeX's stylesheet as {tag}; update hooks/runtime_assets.py."
        )
    return output.replace(tag, tag[:-1] + f' integrity="{Runtime.integrity}" crossorigin="anonymous">')
