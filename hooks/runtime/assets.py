"""Where readers' browsers load the runtimes (Pyodide with numpy, KaTeX's CSS and fonts) from.

By default from the pinned CDN (`extra.runtime.pyodide`, `extra.runtime.katex`);
the KaTeX stylesheet's tag then carries the Subresource Integrity hash pinned in
runtime-lock.json (the tests check it against the sha256-verified mirror), so a
browser refuses a file the CDN changed. With `extra.runtime.self_host: true` the same mirror's files are
published inside the site, and the pages load nothing from a third party.

In both modes the site serves its own build of the runtime's Python files when
`make mirror` has derived one (tools/python_runtime: precompiled, trimmed
standard library and numpy, a lock file to match): the worker reads where they
are, with their integrity hashes, from `RUNTIME_MANIFEST` beside it. Without
one (a fresh clone before `make mirror`) the build says so and the pages load
the plain runtime, slower to start, from the CDN.
"""

import base64
import hashlib
import html
import json
import logging
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import File, Files

from hooks.authoring.site import Site
from hooks.authoring.spec import OptionError, Spec, Validator, apply
from hooks.formulas import katex_engine
from hooks.runtime import lock

SITE_DIR = "runtime"
KATEX_CSS = "katex.min.css"
# Read by pyscript_demo/worker.js, beside it: where the derived Python files are and their hashes.
RUNTIME_MANIFEST = "pyscript_demo/runtime.json"

log = logging.getLogger("mkdocs.plugins.concept_pages")


@dataclass
class Runtime:
    """The resolved locations: `site.state(Runtime)`, set by configure()."""

    self_hosted: bool = False
    pyodide: str = ""  # the folder holding pyodide.js: a URL, or a path in the site when self-hosted
    katex: str = ""  # the folder holding katex.min.css and fonts/, likewise
    integrity: str = ""  # SRI of the CDN's katex.min.css
    derived: tuple[Path, dict] | None = None  # (mirror folder, its record) of the derived Python files, when made
    python: str = ""  # their folder in the site


def _flag(value: Any) -> bool:
    # !ENV hands over strings; mkdocs.yml itself may give a boolean.
    text = str(value).strip().lower()
    if text in {"true", "1", "yes", "on"}:
        return True
    if text in {"false", "0", "no", "off", ""}:
        return False
    raise ValueError("set it to true or false.")


def _folder(holds: str, pinned: str) -> Validator:
    def validate(value: Any) -> str:
        if not (isinstance(value, str) and value.endswith("/")):
            raise ValueError(f"set it to the folder that holds {holds}, ending in '/', e.g. {pinned}")
        return value

    return validate


def _settings(settings: dict[str, Any], spec: Spec) -> dict[str, Any]:
    """`extra.runtime` checked by `spec`; the addresses only matter when the runtime is not self-hosted."""
    for name in settings:
        if name not in spec:
            raise ConfigurationError(
                f"mkdocs.yml: extra.runtime has no setting {name!r}. Fix: use only {', '.join(spec)}."
            )
    # Defaults are checked too: an address left out is as wrong as a bad one.
    given = {name: settings.get(name, default) for name, (default, _) in spec.items()}
    try:
        values = apply({"self_host": spec["self_host"]}, given)
        if not values["self_host"]:
            values |= apply({name: rule for name, rule in spec.items() if name != "self_host"}, given)
    except OptionError as err:
        raise ConfigurationError(
            f"mkdocs.yml: extra.runtime.{err.name} is {given[err.name]!r}. Fix: {err.error}"
        ) from None
    return values


def _mirror(name: str) -> Path:
    try:
        return lock.mirrored(name)
    except (lock.MirrorError, OSError) as err:
        raise ConfigurationError(
            f"The verified copy of the {name} runtime could not be prepared: {err}. "
            "Fix: run `make mirror` (once, with access to the package registries) before a self-hosted build."
        ) from None


def configure(site: Site) -> None:
    """Resolve the runtime locations; check that they are the versions the build uses."""
    config, runtime = site.config, site.state(Runtime)
    pins = lock.pins()
    katex_version = katex_engine.version()
    pyodide_cdn = f"https://cdn.jsdelivr.net/pyodide/v{pins['pyodide']['version']}/full/"
    katex_cdn = f"https://cdn.jsdelivr.net/npm/katex@{katex_version}/dist/"
    settings = _settings(
        config.extra.get("runtime", {}),
        {
            "pyodide": ("", _folder("pyodide.js", pyodide_cdn)),
            "katex": ("", _folder(KATEX_CSS, katex_cdn)),
            "self_host": (False, _flag),
        },
    )
    runtime.self_hosted = settings["self_host"]
    if pins["katex"]["version"] != katex_version:
        raise ConfigurationError(
            f"runtime-lock.json pins KaTeX {pins['katex']['version']}, but the build typesets with KaTeX "
            f"{katex_version}. Fix: pin katex@{katex_version} in runtime-lock.json."
        )
    if runtime.self_hosted:
        runtime.pyodide = f"{SITE_DIR}/pyodide-{pins['pyodide']['version']}/"
        runtime.katex = f"{SITE_DIR}/katex-{katex_version}/"
    else:
        runtime.pyodide, runtime.katex = settings["pyodide"], settings["katex"]
        if f"katex@{katex_version}/" not in runtime.katex:
            raise ConfigurationError(
                f"mkdocs.yml: extra.runtime.katex is {runtime.katex!r}, but the build typesets with KaTeX "
                f"{katex_version}. Fix: set it to {katex_cdn}"
            )
        runtime.integrity = pins["katex"]["stylesheet_integrity"]
    config.extra_css.append(runtime.katex + KATEX_CSS)
    _configure_derived(runtime)


def _configure_derived(runtime: Runtime) -> None:
    try:
        runtime.derived = lock.derived()
    except (lock.MirrorError, OSError) as err:
        if runtime.self_hosted:
            raise ConfigurationError(
                f"The self-hosted site needs the derived Python runtime: {err}. Fix: run `make mirror`."
            ) from None
        runtime.derived = None
        log.info("No derived Python runtime (%s): pages load the plain one from the CDN. `make mirror` makes it.", err)
        return
    record = runtime.derived[1]
    # Named by content: a host may cache the folder for ever.
    digest = hashlib.sha256(json.dumps(record["files"], sort_keys=True).encode()).hexdigest()
    runtime.python = f"{SITE_DIR}/python-{digest[:12]}/"
    if record["pin"]["demos"] != lock.demos_digest():
        log.info(
            "The demos changed since the Python runtime was traced: a module it left out is fetched when first "
            "imported. `make mirror` traces them again."
        )


def _integrity(path: Path) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def _manifest(runtime: Runtime) -> dict[str, Any]:
    """Where the worker finds the derived Python files, relative to the manifest, each with its integrity."""
    if not runtime.derived:
        return {}
    folder, record = runtime.derived
    base = posixpath.relpath(runtime.python, posixpath.dirname(RUNTIME_MANIFEST)) + "/"
    checked = {
        key: {"url": base + name, "integrity": _integrity(folder / name)}
        for key, name in [("stdlib", "python_stdlib.zip"), ("lock", "pyodide-lock.json")]
    }
    return {
        **checked,
        "rest": base + "python_stdlib_rest.zip",
        "numpyRest": base + "numpy_rest.zip",
        "wheels": {record["wheel"]: base + record["wheel"]},
    }


def pyodide_folder(site: Site, relative_to: str) -> str:
    """Pyodide's folder as a script at `relative_to` (a folder of the site) should name it."""
    runtime = site.state(Runtime)
    if not runtime.self_hosted:
        return runtime.pyodide
    return posixpath.relpath(runtime.pyodide, relative_to) + "/"


def add_files(site: Site, files: Files) -> Files:
    """Publish the derived Python files and their manifest; when self-hosting, the mirror's runtime too."""
    runtime = site.state(Runtime)
    files.append(File.generated(site.config, RUNTIME_MANIFEST, content=json.dumps(_manifest(runtime), indent=1)))
    published = []
    if runtime.derived:
        folder, _ = runtime.derived
        published += [(path, runtime.python + path.name) for path in sorted(folder.iterdir())]
    if runtime.self_hosted:
        published += _self_hosted(runtime)
    for path, uri in published:
        files.append(File.generated(site.config, uri, abs_src_path=str(path)))
    return files


def _self_hosted(runtime: Runtime) -> list[tuple[Path, str]]:
    pyodide, katex = _mirror("pyodide"), _mirror("katex") / "dist"
    # The derived files stand in for the plain standard library, lock file and wheels.
    replaced = {"python_stdlib.zip", "pyodide-lock.json", *runtime.derived[1]["files"]}
    published = [(path, runtime.pyodide + path.name) for path in sorted(pyodide.iterdir()) if path.name not in replaced]
    published += [(katex / KATEX_CSS, runtime.katex + KATEX_CSS)]
    published += [(path, f"{runtime.katex}fonts/{path.name}") for path in sorted((katex / "fonts").iterdir())]
    return published


def protect(site: Site, output: str) -> str:
    """Add the integrity hash to the CDN stylesheet's tag: the browser refuses a changed file."""
    runtime = site.state(Runtime)
    if runtime.self_hosted:
        return output
    # The tag as the theme writes it (escaped as its templates escape), to be found, not built.
    tag = f'<link rel="stylesheet" href="{html.escape(runtime.katex + KATEX_CSS)}">'
    if tag not in output:
        raise ConfigurationError(
            f"The theme no longer links KaTeX's stylesheet as {tag}; update hooks/runtime/assets.py."
        )
    return output.replace(tag, tag[:-1] + f' integrity="{runtime.integrity}" crossorigin="anonymous">')
