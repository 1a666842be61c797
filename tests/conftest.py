"""Shared fixtures: the repository's paths and real `mkdocs build --strict` runs."""

import fcntl
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import mkdocs.utils
import pybtex.plugin
import pytest

from tests import scheduling

# pybtex looks its output plugin up among every installed package's entry points each time it renders a
# field (30 times a build, 0.15 s in all): the answer never changes, so in-process builds ask once.
pybtex.plugin.find_plugin = functools.cache(pybtex.plugin.find_plugin)
# MkDocs does the same for its themes each time it loads a configuration (9 ms of a 30 ms conversion).
mkdocs.utils.get_themes = functools.cache(mkdocs.utils.get_themes)

ROOT = Path(__file__).resolve().parent.parent
PAGE_SRC = ROOT / "docs" / "machine-learning" / "logistic-regression.md"
BIB_SRC = ROOT / "docs" / "references.bib"
# Environment variables mkdocs.yml reads: a developer may have exported some.
SITE_SETTINGS = {"SITE_URL", "PYODIDE_BASE_URL", "KATEX_BASE_URL", "SELF_HOST_RUNTIME"}
# The folder of the build cache the session's throwaway projects share (see share_build_cache).
SHARED_CACHE = "CONCEPT_PAGES_TEST_BUILD_CACHE"
# Every namespace of the build cache (tests/test_build_cache_pages.py checks that a build makes no other).
CACHE_NAMESPACES = (
    "bibliography",
    "highlight",
    "katex",
    "katex-page",
    "layout",
    "listing",
    "page",
    "search",
    "templates",
)


def pytest_configure(config):
    scheduling.register(config)
    if not hasattr(config, "workerinput"):  # the controller makes it; its test workers inherit the variable
        os.environ[SHARED_CACHE] = tempfile.mkdtemp(prefix="build-cache-")


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput"):
        shutil.rmtree(os.environ.pop(SHARED_CACHE), ignore_errors=True)


def mkdocs_build(config_file, site_dir, site_url=None, env=None):
    """Run `mkdocs build --strict` as an author would (with `env` added); returns the CompletedProcess."""
    inherited = {k: v for k, v in os.environ.items() if k not in SITE_SETTINGS}
    env = {**inherited, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def host_headers(site_dir):
    """The response headers the build asks its host to send (the `/*` block of site/_headers)."""
    first, *lines = (site_dir / "_headers").read_text().splitlines()
    assert first == "/*", f"_headers: expected one `/*` block, found {first!r}"
    return dict(line.strip().split(": ", 1) for line in lines if line.strip())


def share_build_cache(project: Path, own=()) -> None:
    """The project's build cache becomes the session's shared one, but for the namespaces in `own`.

    Projects on one machine may share a cache: an entry is a pure function of its key, so a project computes
    only what no earlier test has (the same formulas, the same bibliography, the theme's templates), as an
    author's second build would. Failures and warnings are never kept, so each test still sees its own.
    """
    shared, folder = Path(os.environ[SHARED_CACHE]), project / ".cache" / "build"
    folder.mkdir(parents=True)
    for namespace in set(CACHE_NAMESPACES) - set(own):
        (shared / namespace).mkdir(exist_ok=True)
        (folder / namespace).symlink_to(shared / namespace, target_is_directory=True)


def make_project(tmp_path, pages, *, copy_demo=False, config_edit=None, bib=None, own_cache=()):
    """A throwaway project with the real mkdocs.yml and hooks, and the given docs pages.

    `pages` maps paths under docs/ to Markdown; with `copy_demo`, pyscript_demo/ is
    copied so listings resolve against the copy. docs/references.bib is the real
    bibliography, or the BibTeX text `bib`.

    Its build cache is shared with the session's other projects (see `share_build_cache`), except the
    namespaces in `own_cache`, which a test that looks inside the cache keeps to itself.
    """
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.replace("hooks/concept_pages.py", str(ROOT / "hooks" / "concept_pages.py"))
    config = re.sub(r"(?ms)^watch:.*?(?=^\S)", "", config)
    config = re.sub(r"(?ms)^nav:.*", "", config)
    if config_edit:
        config = config_edit(config)
    (tmp_path / "mkdocs.yml").write_text(config)
    share_build_cache(tmp_path, own=own_cache)
    docs = tmp_path / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "references.bib").write_text(BIB_SRC.read_text() if bib is None else bib)
    for rel, text in pages.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text)
    if copy_demo:
        shutil.copytree(
            ROOT / "pyscript_demo", tmp_path / "pyscript_demo", ignore=shutil.ignore_patterns("__pycache__")
        )
    return tmp_path / "mkdocs.yml"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id):
    """The real site, built once per test session with `mkdocs build --strict`: the build is pure and its
    tests only read it, so the xdist workers share one, in the temporary folder they share."""
    if worker_id == "master":  # no workers: this process is the session
        return _build_site(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the first worker builds; the other waits for it, then reads
        site = shared / "site"
        if not (shared / "site.done").exists():
            _build_site(site)
            (shared / "site.done").touch()
    return site


def _build_site(site):
    done = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stderr}"
    return site
