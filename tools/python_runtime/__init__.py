"""Derive, from the verified Pyodide, the Python runtime the site serves: faster to start, same numbers.

- `python_stdlib.zip`: the standard library as sourceless bytecode (unchecked-hash
  pycs compiled for Pyodide's Python 3.12, tracebacks naming the same files),
  trimmed to the modules Pyodide's start-up and the site's demos import, found
  by running every module of `pyscript_demo/` (and an error path) in Pyodide;
- `python_stdlib_rest.zip`: the rest of the library, precompiled; the trimmed
  library's `sitecustomize` fetches it the first time a module outside the trim
  is imported, so a demo that imports more still works;
- numpy's wheel with its Python precompiled and without the subpackages the
  demos never import (`random`, `fft`, `ma`, ...: Pyodide compiles every
  extension module of a wheel it installs), and `pyodide-lock.json` with that
  wheel's sha256 (Pyodide refuses a wheel that does not match its lock);
- `numpy_rest.zip`: numpy's subpackages left out, precompiled, which the same
  `sitecustomize` unpacks beside numpy the first time one is imported.

The pinned Pyodide does the work under Node, so the bytecode is the browser's on
any machine; same inputs give the same bytes. The demos then run again on the
derived files, and must compute exactly what they computed on the pinned runtime.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
FILES = ("python_stdlib.zip", "python_stdlib_rest.zip", "numpy_rest.zip", "pyodide-lock.json")


class DerivationError(RuntimeError):
    pass


def derive(pyodide: Path, demos: Path, dest: Path) -> dict:
    """Make `dest` the folder of the files derived from the Pyodide distribution in `pyodide`; return what was
    traced. `dest` changes only once every file is made and checked: a failed run leaves it as it was."""
    if not shutil.which("node"):
        raise DerivationError("Node.js is needed to derive the Python runtime; install Node.js 20 or later.")
    lock = json.loads((pyodide / "pyodide-lock.json").read_text())
    wheel = lock["packages"]["numpy"]["file_name"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for path in sorted(demos.rglob("*.py")):
            target = work / "demo" / demos.name / path.relative_to(demos)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        (work / "in").mkdir()
        for name in ("python_stdlib.zip", wheel):
            shutil.copyfile(pyodide / name, work / "in" / name)
        command = ["node", str(HERE / "in_node.js"), str(pyodide), str(work)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            # in_node.js ends with one line that says what failed; Python's own output comes before it.
            reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
            raise DerivationError(f"tracing the demos in Pyodide under Node failed: {reason}")
        result = json.loads((work / "result.json").read_text())
        _check(result)
        _write_folder(dest, [work / "out" / name for name in (*FILES, wheel)])
    return {
        "traced": result["used"],
        "rest": len(result["rest"]),
        "wheel": wheel,
        "numpy_left_out": result["numpyRest"]["packages"],
    }


def _write_folder(dest: Path, files: list[Path]) -> None:
    """`dest` becomes a folder of `files`: copied beside it first, then swapped in by renames."""
    staged = dest.with_name(f".{dest.name}-{os.getpid()}")
    previous = staged.with_name(f"{staged.name}-previous")
    shutil.rmtree(staged, ignore_errors=True)
    staged.mkdir(parents=True)
    try:
        for path in files:
            shutil.copyfile(path, staged / path.name)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    if dest.exists():
        dest.rename(previous)
    staged.rename(dest)
    shutil.rmtree(previous, ignore_errors=True)


def _check(result):
    if result["computedAfter"] != result["computed"]:
        raise DerivationError("the demos computed different results on the derived runtime than on the pinned one")
    if not result["numpyFile"].endswith(".pyc"):
        raise DerivationError(f"numpy was imported from {result['numpyFile']}, not from precompiled bytecode")
    kept = {name + "c" for name in result["used"]} | {"sitecustomize.pyc"}
    missed = set(result["usedAfter"]) - kept
    if missed:
        raise DerivationError(f"the derived runtime imported modules the trace did not see: {sorted(missed)}")
    missed = {f"numpy.{name}" for name in result["numpyAfter"]} & set(result["numpyRest"]["packages"])
    if missed:
        raise DerivationError(f"the derived runtime imported numpy subpackages the trace did not see: {sorted(missed)}")
