"""Slider latency of every demo, found from the site's pages, against a bare round trip to Python.

Each round drives every slider of every demo across its range, then pings Python on the baseline page, so
the demo figures and their floor are measured back to back under the same load.
"""

from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from bench.page_figures import BASELINE_LATENCY, READY_OBSERVER, TIMEOUT_MS
from bench.report import Figure, percentile, spread
from tests.site_pages import demo_pages
from tools import chromium

CHANGES = 100  # slider moves per slider and round
TARGET_MS = 16  # one frame at 60 Hz

# Slider input to the demo settled: every part Python answered for is in the page (painted in the next frame).
SETTLED_LATENCY = """async ([selector, count]) => {
  const demo = document.querySelector(selector);
  const times = [];
  for (const slider of demo.querySelectorAll("input[type=range][data-action]")) {
    const low = Number(slider.min || 0), high = Number(slider.max || 100), step = Number(slider.step) || 1;
    const stops = Math.max(1, Math.floor((high - low) / step));
    for (let i = 0; i < count; i++) {
      // Back and forth across the range, one step at a time, as a held arrow key does.
      const at = i % (2 * stops) < stops ? i % stops : stops - (i % stops);
      const start = performance.now();
      await new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (demo.hasAttribute("data-busy")) return;
          observer.disconnect();
          resolve();
        });
        observer.observe(demo, { attributes: true, attributeFilter: ["data-busy"] });
        slider.value = String(low + at * step);
        slider.dispatchEvent(new Event("input"));
      });
      times.push(performance.now() - start);
    }
  }
  return times;
}"""


def measure(setup, rounds):
    pages = {name: urls[0] for name, urls in sorted(demo_pages().items())}
    times = {name: [] for name in pages}
    ping = []
    launch = chromium.launch_options()
    launch["args"] = [*launch["args"], "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
    outside = []
    with sync_playwright() as p:
        browser = p.chromium.launch(**launch)
        ctx = browser.new_context()
        ctx.add_init_script(READY_OBSERVER)
        ctx.on("request", lambda r: None if urlsplit(r.url).hostname == "127.0.0.1" else outside.append(r.url))
        for _ in range(rounds):
            for name, url in pages.items():
                page = ctx.new_page()
                page.goto(setup.url + url)
                selector = f"section.live-demo[data-demo='{name}']"
                page.wait_for_selector(f"{selector}[data-state=live]", timeout=TIMEOUT_MS)
                times[name] += page.evaluate(SETTLED_LATENCY, [selector, CHANGES])
                page.close()
            page = ctx.new_page()
            page.goto(setup.baseline)
            page.wait_for_function("() => window.__ready !== undefined", timeout=TIMEOUT_MS)
            ping += page.evaluate(BASELINE_LATENCY, CHANGES)
            page.close()
        browser.close()
    if outside:
        raise SystemExit(f"bench: requests tried to leave the machine: {sorted(set(outside))}")
    return [_figure(name, values, ping) for name, values in times.items() if values]


def _figure(name, values, ping):
    p95, floor = percentile(values, 0.95), percentile(ping, 0.95)
    figure = Figure(
        f"demo {name}: slider input to settled demo, p95",
        "ms",
        spread([p95]),
        "bare round trip to Python, p95",
        spread([floor]),
        spread([p95 / floor]),
        target=f"p95 < {TARGET_MS} ms",
        met=p95 < TARGET_MS,
    )
    figure.notes.append(f"{len(values)} moves over every slider of the demo; settled = every answered part in place")
    return figure
