"""How long an author waits to see a one-page edit in `mkdocs serve`, on a generated curriculum with a warm cache.

`mkdocs serve` starts on the curriculum (its first build fills the build
cache); each round appends a paragraph with a new marker to one page and
times from the write until the served page holds the marker. That includes
MkDocs' file polling, the rebuild and the wait for it, as an author sees it.
`make serve` rebuilds only the edited pages (`--dirty`); a full rebuild per
edit is measured in the same run as the baseline.

Run alone: `python -m bench.serve_figures [PAGES] [ROUNDS]`.
"""

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from bench.report import paired, spread
from tools import curriculum

TARGET_S = 2.0
SERVERS = (("dirty", ["--dirty"]), ("full", []))
WAIT_S = 1800


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=WAIT_S) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _until(url, text, limit):
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        body = _get(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"bench: {url} did not show {text!r} within {limit} s")


class Server:
    """`mkdocs serve` on its own copy of the curriculum, with one page to edit."""

    def __init__(self, tmp, name, pages, flags, log):
        config = curriculum.write(tmp / name, pages, 10)
        plan = curriculum.plan(pages, 10)
        middle = plan[len(plan) // 2]
        area = curriculum.area_slug(middle.area)
        self.page = config.parent / "docs" / area / f"{middle.slug}.md"
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}/{area}/{middle.slug}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}", *flags],
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def ready(self):
        """Wait for the first build: it also fills the project's build cache."""
        _until(self.url, "</html>", WAIT_S)

    def edit(self):
        """Seconds from saving an edit of the page to the server showing it."""
        marker = f"edited-{uuid.uuid4().hex[:12]}"
        self.page.write_text(self.page.read_text(encoding="utf-8") + f"\nEdited: {marker}\n", encoding="utf-8")
        seen = _until(self.url, marker, WAIT_S)
        # Let the watcher settle before the next edit.
        time.sleep(1)
        return seen

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=60)


def measure(tmp, rounds, pages=200):
    tmp = Path(tmp)
    with open(tmp / "serve.log", "w") as log:
        servers = [Server(tmp, f"serve-{kind}-{pages}", pages, flags, log) for kind, flags in SERVERS]
        try:
            for server in servers:
                server.ready()
            # Interleaved pairs: an edit seen by each kind of server in turn; each watches its own copy.
            times = [[server.edit() for server in servers] for _ in range(rounds)]
        finally:
            for server in servers:
                server.close()
    dirty, full = zip(*times, strict=True)
    figure = paired(
        f"one-page edit visible in `make serve` (--dirty), {pages} pages, warm cache",
        "s",
        dirty,
        "a full rebuild per edit (plain `mkdocs serve`)",
        full,
    )
    figure.target = f"<= {TARGET_S:g} s"
    figure.met = figure.value["median"] <= TARGET_S
    return [figure]


def main():
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as tmp:
        for figure in measure(tmp, rounds, pages):
            print(figure.name, spread([figure.value["median"]]), figure.baseline, figure.met)


if __name__ == "__main__":
    main()
