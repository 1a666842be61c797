"""The pinned runtime assets (runtime-lock.json) and the verified local copy of them, read-only.

The build reads the pins and, when self-hosting, the mirror's files; it never
downloads anything. `tools/runtime_mirror.py` fetches and verifies the mirror.
"""

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "runtime-lock.json"
MIRROR = ROOT / ".cache" / "runtime-mirror"


class MirrorError(RuntimeError):
    pass


def pins() -> dict:
    return json.loads(LOCK.read_text())


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verified(path: Path, expected: str, what: str) -> Path:
    actual = sha256(path)
    if actual != expected:
        raise MirrorError(f"{what}: sha256 {actual} does not match the pinned {expected} ({path}).")
    return path


def stamp(name: str) -> Path:
    """Where the mirror records the pin it was built from and each file's sha256."""
    return MIRROR / f"{name}.json"


def mirrored(name: str) -> Path:
    """The mirror folder of asset `name`, every file checked again; MirrorError if absent or stale.

    Each file's sha256 was recorded when it was taken out of a verified download,
    and is checked on every use: a cache can rot too.
    """
    pin, record = pins()[name], stamp(name)
    recorded = json.loads(record.read_text()) if record.exists() else {}
    if recorded.get("pin") != pin:
        raise MirrorError(f"the verified copy of {name} {pin['version']} has not been fetched")
    return _checked(name, recorded)


def _checked(name: str, recorded: dict) -> Path:
    """The mirror folder `name`, each file it recorded present and of its recorded sha256."""
    folder = MIRROR / name
    for relative, expected in recorded["files"].items():
        path = folder / relative
        if not path.is_file():
            raise MirrorError(f"{path} is missing from the mirror; delete {stamp(name)} to rebuild it.")
        verified(path, expected, f"{name} {relative}")
    return folder


# The runtime's Python files derived from the verified Pyodide for speed (tools/python_runtime).
DERIVED = "python-runtime"
DEMOS = ROOT / "pyscript_demo"


def demos_digest() -> str:
    """One sha256 over the demos' Python files: what the derived runtime's trace ran."""
    digest = hashlib.sha256()
    for path in sorted(DEMOS.rglob("*.py")):
        digest.update(f"{path.relative_to(DEMOS).as_posix()}\0{path.stat().st_size}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def derived() -> tuple[Path, dict]:
    """The derived runtime's folder, every file checked again, and its record; MirrorError if absent or stale."""
    record = stamp(DERIVED)
    recorded = json.loads(record.read_text()) if record.exists() else {}
    if recorded.get("pin", {}).get("pyodide") != pins()["pyodide"]:
        raise MirrorError(f"the Python runtime derived from Pyodide {pins()['pyodide']['version']} has not been made")
    return _checked(DERIVED, recorded), recorded
