"""Run every benchmark, print the table, write bench/results.md and bench/results.json.

BENCH_ROUNDS (default 5) sets how many times each figure is measured (the curriculum and `mkdocs serve`
figures: half as many); BENCH_SCALE (default 50,200,500) the sizes of the generated curriculum;
LIGHTHOUSE_ROUNDS (default 1) how many Lighthouse audits each page and its anchor get.
"""

import datetime
import os
import platform
import tempfile
from pathlib import Path

from bench import build_figures, demo_figures, lighthouse, page_figures, serve_figures
from bench.report import as_json, markdown

HERE = Path(__file__).parent


def main():
    rounds = int(os.environ.get("BENCH_ROUNDS", "5"))
    context = {
        "date": datetime.date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "rounds": rounds,
    }
    with tempfile.TemporaryDirectory() as tmp:
        setup = page_figures.Setup(tmp)
        try:
            figures = page_figures.measure(setup, rounds)
            figures += demo_figures.measure(setup, rounds)
        finally:
            setup.close()
        figures += lighthouse.measure(tmp, int(os.environ.get("LIGHTHOUSE_ROUNDS", "1")))
        figures += build_figures.measure(tmp, rounds)
        figures += serve_figures.measure(tmp, max(1, rounds // 2))
    table = markdown(figures, context)
    (HERE / "results.md").write_text(table)
    (HERE / "results.json").write_text(as_json(figures, context) + "\n")
    print(table)


if __name__ == "__main__":
    main()
