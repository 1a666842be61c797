"""Figures of the build: the site against plain Material, and how the build scales with pages."""

import re
import subprocess
import sys
import time
from pathlib import Path

from bench.report import Figure, paired, spread
from tests.conftest import PAGE_SRC, ROOT, make_project, mkdocs_build

SCALES = (1, 50, 200)


def _timed_build(config, site):
    start = time.perf_counter()
    done = mkdocs_build(config, site)
    if done.returncode != 0:
        raise SystemExit(f"bench: build of {config} failed:\n{done.stderr}")
    return time.perf_counter() - start


def _plain_config(tmp):
    """The site's own config and Markdown, without our hooks: what plain Material does with it."""
    config = (ROOT / "mkdocs.yml").read_text()
    config = re.sub(r"(?ms)^(hooks|watch):.*?(?=^\S)", "", config)
    path = Path(tmp) / "plain.yml"
    path.write_text(config + f"\ndocs_dir: {ROOT / 'docs'}\n")
    return path


def _copies(count):
    """`count` copies of the Logistic Regression page, each with its own keys, and its neighbours.

    The first copy keeps the page's own keys, so the neighbour pages' links to it resolve.
    """
    source = PAGE_SRC.read_text()
    pages = {f"machine-learning/{p.name}": p.read_text() for p in PAGE_SRC.parent.glob("*.md") if p != PAGE_SRC}
    for n in range(count):
        text = source
        if n:
            text = re.sub(r"(?m)^concept: (\S+)", rf"concept: \1-{n}", text)
            text = re.sub(r"(?m)^(\s+id: )(\S+)", rf"\1\2-{n}", text)
        pages[f"bench/page-{n}.md"] = text
    return pages


def _peak_rss_mib(config, site):
    """The build's peak resident memory, measured on a child process of its own."""
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux


def measure(tmp, rounds):
    tmp = Path(tmp)
    plain = _plain_config(tmp)
    ours, floor = [], []
    for r in range(rounds):
        ours.append(_timed_build(ROOT / "mkdocs.yml", tmp / f"ours-{r}"))
        floor.append(_timed_build(plain, tmp / f"plain-{r}"))
    figures = [paired("build of the site", "s", ours, "plain Material, hooks removed", floor, "ratio <= 1.2", 1.2)]
    times = {}
    for count in SCALES:
        project = tmp / f"pages-{count}"
        project.mkdir()
        config = make_project(project, _copies(count), copy_demo=True)
        times[count] = [_timed_build(config, project / f"site-{r}") for r in range(max(1, rounds // 2))]
        figures.append(Figure(f"build of {count} generated concept pages", "s", spread(times[count])))
    per_page = [(b - a) / (SCALES[2] - SCALES[1]) for a, b in zip(times[SCALES[1]], times[SCALES[2]], strict=True)]
    earlier = [(b - a) / (SCALES[1] - SCALES[0]) for a, b in zip(times[SCALES[0]], times[SCALES[1]], strict=True)]
    scaling = Figure(
        "build time per added page (50 to 200 pages)",
        "s",
        spread(per_page),
        "per added page, 1 to 50 pages",
        spread(earlier),
        target="< 0.1 s a page, linear",
    )
    scaling.ratio = spread([a / b for a, b in zip(per_page, earlier, strict=True)])
    scaling.met = scaling.value["median"] < 0.1 and scaling.ratio["median"] <= 1.25
    figures.append(scaling)
    config = tmp / f"pages-{SCALES[-1]}" / "mkdocs.yml"
    figures.append(
        Figure(f"build peak RSS at {SCALES[-1]} pages", "MiB", spread([_peak_rss_mib(config, tmp / "rss-site")]))
    )
    return figures
