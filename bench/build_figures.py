"""Figures of the build: the site against plain Material, and a generated curriculum at several sizes.

The curriculum (tools/curriculum.py) is built at each size in BENCH_SCALE
(default 50,200,500 concepts in 10 areas), with an empty build cache (cold)
and again with the cache it filled (warm), each paired with plain Material
building the same Markdown with our hooks removed, back to back in each round.
Peak memory is the build process's own maximum resident set.
"""

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.report import Figure, paired, spread
from tests.conftest import ROOT, SITE_SETTINGS
from tools import curriculum

AREAS = 10
COLD_LIMIT, WARM_LIMIT = 2.5, 1.25


def _build(config, site):
    """(seconds, peak RSS in MiB) of `mkdocs build --strict`, as an author runs it."""
    env = {k: v for k, v in os.environ.items() if k not in SITE_SETTINGS} | {"NO_MKDOCS_2_WARNING": "1"}
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)]
    start = time.perf_counter()
    with subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as build:
        # wait4 gives this process's own peak memory; its stderr is a few lines at most, so the pipe never fills.
        _, status, usage = os.wait4(build.pid, 0)
        seconds = time.perf_counter() - start
        build.returncode = os.waitstatus_to_exitcode(status)
        errors = build.stderr.read().decode()
    if build.returncode != 0:
        raise SystemExit(f"bench: build of {config} failed:\n{errors}")
    shutil.rmtree(site, ignore_errors=True)
    return seconds, usage.ru_maxrss / 1024  # KiB on Linux


def _timed_build(config, site):
    return _build(config, site)[0]


def _plain_config(source, folder, docs_dir):
    """A config's own settings and Markdown, without our hooks: what plain Material does with it."""
    config = re.sub(r"(?ms)^(hooks|watch):.*?(?=^\S|\Z)", "", source.read_text())
    path = Path(folder) / "plain.yml"
    path.write_text(config + f"\ndocs_dir: {docs_dir}\n")
    return path


def _scales():
    return [int(n) for n in os.environ.get("BENCH_SCALE", "50,200,500").split(",") if n.strip()]


def _curriculum(tmp, count, rounds):
    """Figures of one size: cold and warm builds, each against plain Material in the same round."""
    config = curriculum.write(tmp / f"curriculum-{count}", count, min(AREAS, count))
    plain = _plain_config(config, tmp / f"curriculum-{count}", config.parent / "docs")
    cache = config.parent / ".cache" / "build"
    cold, warm, floor_cold, floor_warm, rss = [], [], [], [], []
    for r in range(rounds):
        shutil.rmtree(cache, ignore_errors=True)
        seconds, peak = _build(config, tmp / f"site-{count}-{r}")
        cold.append(seconds)
        rss.append(peak)
        floor_cold.append(_timed_build(plain, tmp / f"plain-{count}-{r}"))
        warm.append(_timed_build(config, tmp / f"site-{count}-{r}"))
        floor_warm.append(_timed_build(plain, tmp / f"plain-{count}-{r}"))
    shutil.rmtree(config.parent)
    baseline = "plain Material, same Markdown"
    figures = [
        paired(f"cold build, {count} concepts", "s", cold, baseline, floor_cold),
        paired(f"warm build, {count} concepts", "s", warm, baseline, floor_warm),
    ]
    for figure, limit in zip(figures, (COLD_LIMIT, WARM_LIMIT), strict=True):
        ours, theirs = figure.value["median"] / count * 1000, figure.baseline["median"] / count * 1000
        figure.notes.append(f"{ours:.0f} ms a concept (plain Material: {theirs:.0f} ms)")
        if count == max(_scales()):
            figure.target, figure.met = f"ratio <= {limit}", figure.ratio["median"] <= limit
    return figures, spread(rss)


def measure(tmp, rounds):
    tmp = Path(tmp)
    plain = _plain_config(ROOT / "mkdocs.yml", tmp, ROOT / "docs")
    ours, floor = [], []
    for r in range(rounds):
        ours.append(_timed_build(ROOT / "mkdocs.yml", tmp / f"ours-{r}"))
        floor.append(_timed_build(plain, tmp / f"plain-{r}"))
    figures = [paired("build of the site", "s", ours, "plain Material, hooks removed", floor, "ratio <= 1.2", 1.2)]
    memory = {}
    for count in _scales():
        found, memory[count] = _curriculum(tmp, count, max(1, rounds // 2))
        figures += found
    for count, peak in memory.items():
        figures.append(Figure(f"build peak RSS, {count} concepts (cold)", "MiB", peak))
    sizes = sorted(memory)
    if len(sizes) >= 3:
        small, middle, large = sizes[0], sizes[len(sizes) // 2], sizes[-1]
        mib = {n: memory[n]["median"] for n in sizes}
        early = (mib[middle] - mib[small]) / (middle - small)
        late = (mib[large] - mib[middle]) / (large - middle)
        figure = Figure(
            f"peak RSS per added concept, {middle} to {large}",
            "MiB",
            spread([late]),
            f"{small} to {middle}",
            spread([early]),
            target="linear: at most 1.25x the earlier slope",
        )
        figure.met = late <= 1.25 * max(early, 0.01)
        figures.append(figure)
    return figures
