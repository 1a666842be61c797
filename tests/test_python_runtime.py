"""The derived Python runtime (tools/python_runtime): reproducible, sourceless bytecode, hashes that match."""

import base64
import hashlib
import json
import shutil
import zipfile

import pytest

from hooks.runtime import lock
from tools import python_runtime, runtime_mirror

MAGIC_312 = bytes.fromhex("cb0d0d0a")
UNCHECKED_HASH = (1).to_bytes(4, "little")  # hash-based pyc, source not checked (PEP 552)


@pytest.fixture(scope="module")
def derived():
    return runtime_mirror.derived_runtime()


def test_the_same_inputs_give_the_same_bytes(derived, tmp_path):
    python_runtime.derive(runtime_mirror.asset("pyodide"), lock.DEMOS, tmp_path)
    for path in sorted(derived.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def _pycs(archive):
    names = archive.namelist()
    assert not [n for n in names if n.endswith("/")], "a directory entry would import as a namespace package"
    assert not [n for n in names if n.endswith(".py")], "source left in"
    return [n for n in names if n.endswith(".pyc")]


def test_the_standard_library_is_sourceless_bytecode_for_python_312(derived):
    with (
        zipfile.ZipFile(derived / "python_stdlib.zip") as trimmed,
        zipfile.ZipFile(derived / "python_stdlib_rest.zip") as rest,
    ):
        kept, others = _pycs(trimmed), _pycs(rest)
        assert {"sitecustomize.pyc", "json/__init__.pyc", "_pyodide/_base.pyc"} <= set(kept)
        assert "statistics.pyc" in others and not set(kept) & set(others)
        for archive, names in [(trimmed, kept), (rest, others)]:
            for name in names:
                header = archive.read(name)[:8]
                assert header == MAGIC_312 + UNCHECKED_HASH, name
    with zipfile.ZipFile(runtime_mirror.asset("pyodide") / "python_stdlib.zip") as plain:
        sources = {n for n in plain.namelist() if n.endswith(".py")}
    assert {n[:-1] for n in kept + others} - {"sitecustomize.py"} == sources, "every module is in one of the two"


def test_the_lock_file_pins_the_precompiled_wheel(derived):
    record = json.loads(lock.stamp(lock.DERIVED).read_text())
    wheel = derived / record["wheel"]
    entry = json.loads((derived / "pyodide-lock.json").read_text())["packages"]["numpy"]
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    with zipfile.ZipFile(wheel) as archive:
        assert "numpy/__init__.pyc" in _pycs(archive)
        (record_name,) = [n for n in archive.namelist() if n.endswith("dist-info/RECORD")]
        for line in archive.read(record_name).decode().splitlines():
            name, digest, size = line.split(",")
            if name == record_name:
                continue
            data = archive.read(name)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert (digest, int(size)) == (f"sha256={expected}", len(data)), name
    plain = json.loads((runtime_mirror.asset("pyodide") / "pyodide-lock.json").read_text())
    derived_lock = json.loads((derived / "pyodide-lock.json").read_text())
    plain["packages"]["numpy"]["sha256"] = entry["sha256"]
    assert derived_lock == plain, "only numpy's hash differs from the pinned lock file"


def test_numpys_subpackages_no_demo_uses_are_left_out_of_the_wheel_and_kept_apart(derived):
    record = json.loads(lock.stamp(lock.DERIVED).read_text())
    with (
        zipfile.ZipFile(derived / record["wheel"]) as wheel,
        zipfile.ZipFile(derived / "numpy_rest.zip") as rest,
        zipfile.ZipFile(runtime_mirror.asset("pyodide") / record["wheel"]) as plain,
    ):
        kept, apart = set(wheel.namelist()), set(_pycs(rest)) | {n for n in rest.namelist() if not n.endswith(".pyc")}
        every = {n + "c" if n.endswith(".py") else n for n in plain.namelist()}
    assert not kept & apart and kept | apart == every, "every file of the wheel is in one of the two"
    # Which subpackages are left out depends on what the demos use; numpy's core never is.
    left_out = {f"numpy/{name.removeprefix('numpy.')}/" for name in record["numpy_left_out"]}
    assert {"numpy/_core/__init__.pyc", "numpy/linalg/__init__.pyc", "numpy/lib/__init__.pyc"} <= kept
    assert not [n for n in kept if n.startswith(tuple(left_out))]
    code = {n for n in apart if n.endswith((".pyc", ".so"))}
    assert {f"numpy.{n.split('/')[1]}" for n in code} == set(record["numpy_left_out"])
    # Nor does the wheel carry what only a C compiler or a type checker reads.
    assert "numpy/_core/include/numpy/ndarraytypes.h" in apart and "numpy/__init__.pyi" in apart
    assert not [n for n in kept if n.endswith((".h", ".pyi", ".a"))]
    # The fallback in the trimmed library knows the zip by its sha256 and its packages.
    with zipfile.ZipFile(derived / "python_stdlib.zip") as trimmed:
        fallback = trimmed.read("sitecustomize.pyc")
    assert hashlib.sha256((derived / "numpy_rest.zip").read_bytes()).hexdigest().encode() in fallback
    assert all(name.encode() in fallback for name in record["numpy_left_out"])


def test_a_failed_trace_says_why_in_one_line_and_leaves_the_derived_files_as_they_were(tmp_path):
    # A demo importing a package the trace does not load, as one declaring packages=["numpy", "pybtex"] did.
    demos = tmp_path / "pyscript_demo"
    (demos / "demos" / "x").mkdir(parents=True)
    (demos / "__init__.py").write_text("")
    (demos / "demos" / "x" / "demo.py").write_text('"""A demo."""\n\nimport pybtex\n')
    dest = tmp_path / "derived"
    dest.mkdir()
    (dest / "python_stdlib.zip").write_bytes(b"made before")
    with pytest.raises(python_runtime.DerivationError) as failed:
        python_runtime.derive(runtime_mirror.asset("pyodide"), demos, dest)
    assert str(failed.value) == (
        "tracing the demos in Pyodide under Node failed: pyscript_demo/demos/x/demo.py:3: ModuleNotFoundError: "
        "No module named 'pybtex' (the trace loads the packages numpy alone)"
    )
    assert [p.name for p in dest.iterdir()] == ["python_stdlib.zip"]
    assert (dest / "python_stdlib.zip").read_bytes() == b"made before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["derived", "pyscript_demo"], "nothing half-made is left"


def test_make_mirror_keeps_the_derived_runtime_when_deriving_it_again_fails(derived, tmp_path, monkeypatch):
    mirror = tmp_path / "mirror"
    shutil.copytree(derived, mirror / lock.DERIVED)
    shutil.copy(lock.stamp(lock.DERIVED), mirror / f"{lock.DERIVED}.json")
    pyodide = runtime_mirror.asset("pyodide")
    monkeypatch.setattr(lock, "MIRROR", mirror)
    monkeypatch.setattr(runtime_mirror, "MIRROR", mirror)
    monkeypatch.setattr(runtime_mirror, "asset", lambda name: pyodide)
    monkeypatch.setattr(lock, "demos_digest", lambda: "the demos changed")

    def fails(*args):
        raise python_runtime.DerivationError("tracing the demos in Pyodide under Node failed: why")

    monkeypatch.setattr(python_runtime, "derive", fails)
    with pytest.raises(lock.MirrorError) as failed:
        runtime_mirror.derived_runtime()
    assert str(failed.value) == (
        "tracing the demos in Pyodide under Node failed: why; the runtime derived before is kept"
    )
    folder, record = lock.derived()
    assert folder == mirror / lock.DERIVED and record["pin"]["demos"] != "the demos changed"
