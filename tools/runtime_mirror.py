"""Build a local, sha256-verified copy of the runtime assets the pages load from the CDN.

Tests (and benchmarks) serve the production CDN URLs from this mirror, so the
page under test is byte-identical to what is deployed while no request leaves
the machine. What to fetch, and every hash, is pinned in runtime-lock.json:

- Pyodide's core files come from its npm package;
- its package wheels (numpy) come from a PyPI wheel that carries the official
  build; each is checked against the sha256 in Pyodide's own pyodide-lock.json;
- KaTeX's stylesheet and fonts come from KaTeX's npm package;
- axe-core (for the accessibility tests only, not served as a CDN asset)
  comes from its npm package;
- the site's faster Python runtime (precompiled, trimmed standard library and
  numpy) is derived from the verified Pyodide by `tools/python_runtime`, again
  whenever the demos or the derivation change.

Run `python -m tools.runtime_mirror` (`make mirror`) to build or check it; the result is cached.
"""

import contextlib
import fcntl
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from hooks.runtime import lock
from hooks.runtime.lock import MIRROR, ROOT, MirrorError, mirrored, pins, sha256, stamp, verified
from tools import python_runtime

DOWNLOADS = ROOT / ".cache" / "downloads"


def _npm_pack(spec, expected):
    """The npm tarball of `spec`, downloaded once and verified."""
    name, version = spec.rsplit("@", 1)
    tarball = DOWNLOADS / f"{name}-{version}.tgz"
    if not tarball.exists() or sha256(tarball) != expected:
        if not shutil.which("npm"):
            raise MirrorError(f"npm is needed to fetch {spec}; install Node.js and npm.")
        DOWNLOADS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "pack", spec, "--pack-destination", str(DOWNLOADS), "--silent"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return verified(tarball, expected, spec)


def _pip_download(spec, expected):
    """The PyPI wheel `spec`, downloaded once and verified."""
    name, version = spec.split("==")
    stem = f"{name.replace('-', '_')}-{version}-"
    found = sorted(DOWNLOADS.glob(f"{stem}*.whl"))
    if not found or sha256(found[0]) != expected:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", tmp, spec],
                check=True,
            )
            (wheel,) = Path(tmp).glob("*.whl")
            DOWNLOADS.mkdir(parents=True, exist_ok=True)
            found = [Path(shutil.move(wheel, DOWNLOADS / wheel.name))]
    return verified(found[0], expected, spec)


def _extract_tar(tarball, members, dest):
    with tarfile.open(tarball) as tar:
        for member in members:
            target = dest / member
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(f"package/{member}") as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out)


def _package_closure(lock, names):
    """The packages `names` need, by Pyodide's lock file's `depends`."""
    todo, seen = list(names), {}
    while todo:
        name = todo.pop()
        if name not in seen:
            seen[name] = lock["packages"][name]
            todo.extend(seen[name]["depends"])
    return seen.values()


def build_npm_files(pin, dest):
    """Extract the pinned package's listed `files` into `dest`."""
    tarball = _npm_pack(pin["npm"]["package"], pin["npm"]["sha256"])
    _extract_tar(tarball, pin["npm"]["files"], dest)


def build_pyodide(pin, dest):
    build_npm_files(pin, dest)
    lock = json.loads((dest / "pyodide-lock.json").read_text())
    if lock["info"]["version"] != pin["version"]:
        raise MirrorError(f"pyodide-lock.json is for {lock['info']['version']}, not {pin['version']}.")
    source = _pip_download(pin["wheels"]["pypi"], pin["wheels"]["sha256"])
    with zipfile.ZipFile(source) as archive:
        for package in _package_closure(lock, pin["packages"]):
            target = dest / package["file_name"]
            with archive.open(pin["wheels"]["prefix"] + package["file_name"]) as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out)
            verified(target, package["sha256"], f"{package['name']} wheel")


def build_katex(pin, dest):
    tarball = _npm_pack(pin["npm"]["package"], pin["npm"]["sha256"])
    with tarfile.open(tarball) as tar:
        members = [m.name.removeprefix("package/") for m in tar.getmembers() if m.isfile()]
    wanted = [m for m in members if m.startswith("dist/fonts/") or m in pin["npm"]["files"]]
    _extract_tar(tarball, wanted, dest)


BUILDERS = {"pyodide": build_pyodide, "katex": build_katex, "axe-core": build_npm_files}


_holding = False  # this process holds the mirror's lock


@contextlib.contextmanager
def _one_process_at_a_time():
    """Processes side by side (test workers) check and build the mirror one after another: the first builds
    what is stale, the next finds it built."""
    global _holding
    if _holding:
        yield
        return
    MIRROR.mkdir(parents=True, exist_ok=True)
    with open(MIRROR / ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        _holding = True
        try:
            yield
        finally:
            _holding = False


def asset(name):
    """The mirror folder of asset `name`, built if its pin changed, and every file checked again."""
    with _one_process_at_a_time():
        return _asset(name)


def _asset(name):
    pin = pins()[name]
    record = stamp(name)
    recorded = json.loads(record.read_text()) if record.exists() else {}
    if recorded.get("pin") != pin:
        folder = MIRROR / name
        shutil.rmtree(folder, ignore_errors=True)
        try:
            BUILDERS[name](pin, folder)
        except subprocess.CalledProcessError as err:
            raise MirrorError(f"fetching {name} failed: {err}") from None
        files = {p.relative_to(folder).as_posix(): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}
        record.write_text(json.dumps({"pin": pin, "files": files}, indent=1))
    return mirrored(name)


def _derivation_digest():
    """One sha256 over the derivation's own files: changing how the runtime is made makes it again."""
    digest = hashlib.sha256()
    for path in sorted(p for p in python_runtime.HERE.iterdir() if p.is_file()):
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def derived_runtime():
    """The Python runtime derived from the verified Pyodide, made again when its inputs changed."""
    with _one_process_at_a_time():
        return _derived_runtime()


def _derived_runtime():
    pin = {"pyodide": pins()["pyodide"], "demos": lock.demos_digest(), "derivation": _derivation_digest()}
    record = stamp(lock.DERIVED)
    recorded = json.loads(record.read_text()) if record.exists() else {}
    if recorded.get("pin") != pin:
        folder = MIRROR / lock.DERIVED
        try:
            traced = python_runtime.derive(asset("pyodide"), lock.DEMOS, folder)
        except python_runtime.DerivationError as err:
            kept = "; the runtime derived before is kept" if recorded else ""
            raise MirrorError(f"{err}{kept}") from None
        files = {p.name: sha256(p) for p in sorted(folder.iterdir())}
        staged = record.with_name(record.name + ".new")
        staged.write_text(json.dumps({"pin": pin, "files": files, **traced}, indent=1))
        staged.replace(record)
    return lock.derived()[0]


def cdn_folders():
    """{production URL prefix, from mkdocs.yml: mirror folder that holds the same files}."""
    with open(ROOT / "mkdocs.yml") as f:
        runtime = yaml_load(f)["extra"]["runtime"]
    derived_runtime()  # the builds under test serve it from the site
    return {runtime["pyodide"]: asset("pyodide"), runtime["katex"]: asset("katex") / "dist"}


if __name__ == "__main__":
    try:
        for name, pin in pins().items():
            print(f"{name} {pin['version']}: {asset(name).relative_to(ROOT)}")
        print(f"Python runtime derived from Pyodide: {derived_runtime().relative_to(ROOT)}")
    except MirrorError as err:
        sys.exit(f"runtime mirror: {err}")
