"""How tests and benchmarks launch Chromium on a closed network."""

import shutil

# Without these, Chromium reaches for Google's services at start and on a timer.
FLAGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_options(**extra):
    """Debian's Chromium where it is installed (Playwright cannot download here), else Playwright's."""
    options = {"args": FLAGS, **extra}
    chromium = shutil.which("chromium")
    if chromium:
        options["executable_path"] = chromium
    return options
