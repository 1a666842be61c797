"""Running listed files: outputs from the build cache, or from warm workers that fork a fresh process per file.

A listing's output is a function of its source, the sources of the project's
modules it imports (directly or not), and the Python and numpy that run it:
those are its cache key, so a warm build runs no listing at all.

Why forking workers: starting Python and importing numpy is most of what a
listing costs (about 0.2 s of 0.23 s). A worker (hooks/listing/worker.py) pays
that once and forks a child per listing, so each run still starts from the same
clean state a new interpreter would, and an error is reported as before. Runs
inside the build's own process would share module state between listings and
could not be stopped on a timeout; a multiprocessing pool would import mkdocs'
entry point again in every child. Workers live as long as the build process,
so `mkdocs serve` keeps them warm across rebuilds; listings that miss the cache
are started in on_nav, two at a time, while the pages are being converted.
"""

import ast
import atexit
import functools
import importlib.metadata
import json
import os
import queue
import subprocess
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from hooks.cache.store import BuildCache

WORKER = Path(__file__).with_name("worker.py")
RUN_TIMEOUT_S = 120
PARALLEL = max(1, min(2, os.cpu_count() or 1))


@dataclass(frozen=True)
class Run:
    """What running a listed file gave: its exit status, its output and errors, and whether it ran out of time."""

    returncode: int
    stdout: str
    stderr: str = ""
    timed_out: bool = False


class Worker:
    """One warm Python running worker.py, answering a request at a time."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(WORKER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def run(self, path: Path, timeout: float) -> Run:
        self.process.stdin.write(json.dumps({"path": str(path), "timeout": timeout}) + "\n")
        self.process.stdin.flush()
        reply = self.process.stdout.readline()
        if not reply:
            raise RuntimeError(f"the listing worker stopped while running {path}")
        return Run(**json.loads(reply))

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


class Workers:
    """Up to `size` workers, started when first needed and kept for the life of this process."""

    def __init__(self, size: int) -> None:
        self.size, self.started = size, []
        self.idle = queue.LifoQueue()
        self.lock = threading.Lock()

    def run(self, path: Path, timeout: float) -> Run:
        if not hasattr(os, "fork"):
            return _fresh_interpreter(path, timeout)
        with self.lock:
            if self.idle.empty() and len(self.started) < self.size:
                self.started.append(Worker())
                self.idle.put(self.started[-1])
        worker = self.idle.get()
        try:
            result = worker.run(path, timeout)
        except (OSError, RuntimeError, ValueError):
            # A worker that broke is replaced; the listing gets a fresh interpreter of its own.
            with self.lock:
                self.started.remove(worker)
            return _fresh_interpreter(path, timeout)
        self.idle.put(worker)
        return result

    def close(self) -> None:
        for worker in self.started:
            worker.close()


def _fresh_interpreter(path: Path, timeout: float) -> Run:
    try:
        done = subprocess.run(
            [sys.executable, str(path)], cwd=path.parent, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return Run(-9, "", "", timed_out=True)
    return Run(done.returncode, done.stdout, done.stderr)


WORKERS = Workers(PARALLEL)
atexit.register(WORKERS.close)
_AHEAD = ThreadPoolExecutor(PARALLEL, thread_name_prefix="listing")


@functools.cache
def _interpreter() -> list:
    return [sys.version, importlib.metadata.version("numpy")]


def project_modules(path: Path, root: Path) -> dict[Path, str]:
    """{file: source} of `path` and of every file under `root` that it imports, directly or not.

    Absolute imports are looked up as Python finds them for `python path`: from the file's folder (and, to be
    safe, from the project root); relative ones from the importing module's package.
    """
    found, todo = {}, [path]
    while todo:
        file = todo.pop()
        if file in found:
            continue
        found[file] = source = file.read_text(encoding="utf-8")
        for name, level in _imports(source):
            folders = [file.parents[min(level, len(file.parents)) - 1]] if level else [path.parent, root]
            todo += _locate(name, folders, root)
    return found


@functools.lru_cache(maxsize=1024)
def _imports(source: str) -> tuple:
    """(dotted name, level) of every module an import in `source` may run; parsed once per source text."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return ()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, 0) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            found += [(f"{module}.{alias.name}" if module else alias.name, node.level) for alias in node.names]
            found += [(module, node.level)] if module else []
    return tuple(found)


def _locate(name: str, folders: list[Path], root: Path) -> list[Path]:
    """The project files that importing the dotted `name` from the first folder that has it runs."""
    parts = name.split(".")
    for folder in folders:
        hits = []
        for depth in range(1, len(parts) + 1):
            base = os.path.join(folder, *parts[:depth])
            hits += [Path(c) for c in (base + ".py", os.path.join(base, "__init__.py")) if os.path.isfile(c)]
        hits = [hit for hit in hits if hit.is_relative_to(root)]
        if hits:
            return hits
    return []


class Listings:
    """The listings of one build: their cached outputs, and runs started ahead of the pages that show them."""

    def __init__(self, root: Path, cache: BuildCache) -> None:
        self.root, self.cache = root, cache
        self.ahead: dict[Path, tuple[list, float, Future]] = {}

    def key(self, path: Path) -> list:
        modules = project_modules(path, self.root)
        sources = sorted([str(file.relative_to(self.root)), source] for file, source in modules.items())
        return [*_interpreter(), str(path.relative_to(self.root)), sources]

    def start(self, paths: list[Path], timeout: float = RUN_TIMEOUT_S) -> None:
        """Run, in the background, each of these files whose output the cache does not hold."""
        for path in dict.fromkeys(paths):
            parts = self.key(path)
            if path not in self.ahead and self.cache.get("listing", parts) is None:
                self.ahead[path] = (parts, timeout, _AHEAD.submit(WORKERS.run, path, timeout))

    def output(self, path: Path, timeout: float = RUN_TIMEOUT_S) -> Run:
        """What the file prints when run: from the cache, from a run started ahead, or from a run now."""
        parts = self.key(path)
        cached = self.cache.get("listing", parts)
        if isinstance(cached, str):
            return Run(0, cached)
        started, limit, future = self.ahead.pop(path, (None, None, None))
        # A run started for an older version of the file (edited since), or with another limit, is not this one.
        run = future.result() if future and (started, limit) == (parts, timeout) else WORKERS.run(path, timeout)
        if run.returncode == 0 and not run.timed_out:
            self.cache.put("listing", parts, run.stdout)
        return run
