"""Runs inside the pinned Pyodide (under Node): trace the demos' imports, then write the derived files.

Compiling here, not with the author's Python, gives exactly the bytecode the
browser's Python expects (3.12, magic cb0d0d0a) on any machine. Every output is
reproducible: sorted entries, fixed timestamps and modes, PYTHONHASHSEED=0.
"""

import sys

STDLIB = "/lib/python312.zip"
SITE_PACKAGES = "/lib/python3.12/site-packages"


def trace(demo_root):
    """Import and exercise every module of the demo package.

    Returns {"used": stdlib files used, "computed": what it computed}, or {"failure": where and what, "missing":
    the module not found, if that was it} for the first module that raised.
    """
    sys.path.insert(0, demo_root)
    import importlib
    import os
    import traceback

    package = "pyscript_demo"
    names = []
    for folder, _, files in os.walk(f"{demo_root}/{package}"):
        dotted = folder[len(demo_root) + 1 :].replace("/", ".")
        names += [f"{dotted}.{f[:-3]}".removesuffix(".__init__") for f in sorted(files) if f.endswith(".py")]
    computed = []
    for name in sorted(names):
        try:
            module = importlib.import_module(name)
            computed.append(f"{name}: {_exercise(module)}")
        except Exception as err:
            ours = [f for f in traceback.extract_tb(err.__traceback__) if f.filename.startswith(f"{demo_root}/")]
            where = f"{ours[-1].filename[len(demo_root) + 1 :]}:{ours[-1].lineno}" if ours else name
            return {"failure": f"{where}: {type(err).__name__}: {err}", "missing": getattr(err, "name", None)}
    # The reader's error paths: an exception in the demo is formatted as a traceback for the page.
    try:
        raise ValueError("traced error path")
    except ValueError:
        traceback.format_exc()
    import hashlib  # the fallback checks the rest of the library with it

    del hashlib
    files = [getattr(m, "__file__", None) or "" for m in list(sys.modules.values())]
    used = sorted({f[len(STDLIB) + 1 :] for f in files if f.startswith(STDLIB + "/")})
    return {"used": used, "computed": computed, "numpy": numpy_subpackages()}


def numpy_subpackages():
    """numpy's subpackages imported so far (`numpy.linalg` as "linalg")."""
    return sorted({name.split(".")[1] for name in sys.modules if name.startswith("numpy.")})


def _exercise(module):
    """What a demo (`demo = kit.Demo(...)`) computes from its starting state, and the message of a refused action."""
    demo = getattr(module, "demo", None)
    if not (hasattr(demo, "handle") and hasattr(demo, "initial")):
        return "imported"
    import json

    answers = []
    for action, value in [("view", None), ("step", 5), ("no-such-action", None)]:
        message = json.dumps({"state": demo.state_to_json(demo.initial), "action": action, "value": value})
        try:
            answers.append(demo.handle(message))
        except Exception as err:  # the refusal is part of what is traced and compared
            answers.append(f"{type(err).__name__}: {err}")
    return answers


ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _pyc(source, filename):
    """Sourceless bytecode of `source`, valid without it (an unchecked-hash pyc), tracebacks naming `filename`."""
    from importlib import util
    from importlib._bootstrap_external import _code_to_hash_pyc

    code = compile(source, filename, "exec", dont_inherit=True, optimize=0)
    return bytes(_code_to_hash_pyc(code, util.source_hash(source), checked=False))


def _write_zip(path, members):
    """A zip of {name: bytes}, byte-identical for the same members."""
    import zipfile

    with zipfile.ZipFile(path, "w") as out:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, members[name], compresslevel=9)


def _compiled(archive, prefix):
    """{name: bytes} of a zip, each `.py` replaced by its `.pyc`; directory entries dropped.

    An empty directory left in a trimmed zip would import as an empty namespace package.
    """
    members = {}
    for info in archive.infolist():
        if info.is_dir():
            continue
        data = archive.read(info)
        if info.filename.endswith(".py"):
            members[info.filename + "c"] = _pyc(data, f"{prefix}/{info.filename}")
        else:
            members[info.filename] = data
    return members


def stdlib(source, used, fallback_source, out_dir, numpy_rest):
    """The trimmed, precompiled library (`used` plus the fallback) and the rest of it, precompiled.

    `numpy_rest` is what `wheel` left out of numpy, for the fallback. Returns the rest's module names.
    """
    import hashlib
    import zipfile

    with zipfile.ZipFile(source) as archive:
        members = _compiled(archive, STDLIB)
    keep = {name + "c" for name in used}
    trimmed = {n: d for n, d in members.items() if n in keep or not n.endswith(".pyc")}
    rest = {n: d for n, d in members.items() if n not in trimmed}
    _write_zip(f"{out_dir}/python_stdlib_rest.zip", rest)
    with open(f"{out_dir}/python_stdlib_rest.zip", "rb") as f:
        rest_sha256 = hashlib.sha256(f.read()).hexdigest()
    modules = sorted(n[:-4].removesuffix("/__init__").replace("/", ".") for n in rest)
    # Each constant is a line of its own, empty in the source.
    constants = {
        'REST_SHA256 = ""': f"REST_SHA256 = {rest_sha256!r}",
        "REST_MODULES = frozenset()": f"REST_MODULES = frozenset({modules!r})",
        'NUMPY_REST_SHA256 = ""': f"NUMPY_REST_SHA256 = {numpy_rest['sha256']!r}",
        "NUMPY_REST_PACKAGES = frozenset()": f"NUMPY_REST_PACKAGES = frozenset({numpy_rest['packages']!r})",
    }
    fallback = fallback_source
    for empty, filled in constants.items():
        assert fallback.count(f"\n{empty}\n") == 1, empty
        fallback = fallback.replace(f"\n{empty}\n", f"\n{filled}\n")
    trimmed["sitecustomize.pyc"] = _pyc(fallback.encode(), f"{STDLIB}/sitecustomize.py")
    _write_zip(f"{out_dir}/python_stdlib.zip", trimmed)
    return modules


def _numpy_subpackage(name):
    """The numpy subpackage a file of the wheel is in (numpy/linalg/... is in "linalg"), or None."""
    parts = name.split("/")
    return parts[1] if parts[0] == "numpy" and len(parts) > 2 else None


# Files of numpy that Python never reads: for compiling against numpy (C headers, Cython declarations, a
# static library, pkg-config) and for type checkers (stubs).
NOT_READ_AT_RUN_TIME = (".h", ".pxd", ".a", ".c", ".pc", ".ini", ".pyi", "/py.typed")


def wheel(source, target, rest_target, imported):
    """The wheel with each `.py` precompiled, its RECORD listing the files it now holds, without numpy's
    subpackages outside `imported` and the files Python never reads; those go, precompiled, to a zip of files
    under site-packages.

    Pyodide compiles every extension module of a wheel when it installs it, so each one left out is less to
    download and less to compile before the demo is live. Returns {"sha256" of the zip, "packages" in it}.
    """
    import base64
    import hashlib
    import zipfile

    with zipfile.ZipFile(source) as archive:
        members = _compiled(archive, SITE_PACKAGES)
    left_out = sorted({_numpy_subpackage(n) for n in members} - {None, *imported})
    rest = {
        n: d
        for n, d in members.items()
        if _numpy_subpackage(n) in left_out or (n.startswith("numpy/") and n.endswith(NOT_READ_AT_RUN_TIME))
    }
    members = {n: d for n, d in members.items() if n not in rest}
    _write_zip(rest_target, rest)
    with open(rest_target, "rb") as f:
        rest_sha256 = hashlib.sha256(f.read()).hexdigest()
    (record,) = [n for n in members if n.endswith(".dist-info/RECORD")]
    lines = []
    for name in sorted(members):
        if name == record:
            lines.append(f"{name},,")
            continue
        digest = base64.urlsafe_b64encode(hashlib.sha256(members[name]).digest()).rstrip(b"=").decode()
        lines.append(f"{name},sha256={digest},{len(members[name])}")
    members[record] = ("\n".join(lines) + "\n").encode()
    _write_zip(target, members)
    return {"sha256": rest_sha256, "packages": [f"numpy.{name}" for name in left_out]}
