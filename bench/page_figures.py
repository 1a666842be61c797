"""Figures of the page in headless Chromium: time to live, first paint, latency, bytes, memory.

The site is built for, and served from, 127.0.0.1; the runtime assets come
from the verified mirror, served by a second local server that behaves like
the CDN (cross-origin, cacheable, gzip), so warm visits use the HTTP cache as they
would in production. Chromium resolves no other host. Cold loads are measured
on loopback and on a throttled link (THROTTLE, by Chromium's network emulation).
Beside the cold loads, the site's own worker on a bare page (bench/baseline/bridge.html)
times its runtime alone and the demo's Python alone: what is left is the page's.
"""

import json
import math
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

from playwright.sync_api import sync_playwright

from bench.report import Figure, paired, percentile, spread
from tests.conftest import ROOT, mkdocs_build
from tools import chromium, runtime_mirror
from tools.static_server import StaticServer

PAGE = "machine-learning/logistic-regression/"
TIMEOUT_MS = 180_000
SLIDER_CHANGES = 200
# Cold loads are the noisiest figure (two cores shared by the page, Pyodide's compiler and the machine's other
# work): each round adds this many more cold pairs, alternating which of the two loads first.
EXTRA_COLD_PAIRS = 3
# The throttled link: 20 Mbit/s down, 5 up, 40 ms added to each request; cold pairs per round.
THROTTLE = {"offline": False, "latency": 40, "downloadThroughput": 20e6 / 8, "uploadThroughput": 5e6 / 8}
THROTTLED_PAIRS = 2

# Records when the demo turns live (performance.now(), ms from navigation or from a reset), when its static
# figure is first laid out, whether the parser had read it before any deferred script ran, and the first frame
# after DOMContentLoaded: a figure from the page as built is laid out by then, whereas the first paint may show
# only the top of a long page, as far as the parser has read.
READY_OBSERVER = """
new MutationObserver(() => {
  const demo = document.querySelector("section.live-demo");
  if (demo && demo.dataset.state === "live" && window.__ready === undefined) window.__ready = performance.now();
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
(function frame() {
  if (document.readyState === "complete" && !document.querySelector("section.live-demo")) return;
  const svg = document.querySelector("[data-part=figure] svg");
  if (svg && window.__figure === undefined && svg.getBoundingClientRect().height > 0) {
    window.__figure = performance.now();
  }
  if (window.__figure === undefined) requestAnimationFrame(frame);
})();
document.addEventListener("readystatechange", () => {
  if (document.readyState === "interactive") window.__figureParsed = !!document.querySelector("[data-part=figure] svg");
});
document.addEventListener("DOMContentLoaded", () => {
  requestAnimationFrame(() => (window.__contentLoadedFrame = performance.now()));
}, { once: true });
"""

# Slider input to the figure's new markup in the page (painted in the frame that follows);
# the floor is a bare round trip to Python.
SLIDER_LATENCY = """async (count) => {
  const slider = document.querySelector("#lr-slope");
  const figure = document.querySelector("[data-part=figure]");
  const times = [];
  for (let i = 0; i < count; i++) {
    const value = (-4 + (i % 160) * 0.05).toFixed(2);
    const start = performance.now();
    await new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
      observer.observe(figure, { childList: true });
      slider.value = value;
      slider.dispatchEvent(new Event("input"));
    });
    times.push(performance.now() - start);
  }
  return times;
}"""

BASELINE_LATENCY = """async (count) => {
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await window.__ping();
    times.push(performance.now() - start);
  }
  return times;
}"""

TRAIN_60 = """async () => {
  const steps = () => document.querySelector(".demo-steps").textContent;  // re-rendered on each answer
  document.querySelector("button[data-action=reset]").click();
  while (steps() !== "0") await new Promise(requestAnimationFrame);
  const start = performance.now();
  document.querySelector("button[data-action=step][data-value='60']").click();
  while (steps() !== "60") await new Promise((r) => setTimeout(r, 0));
  return performance.now() - start;
}"""

BYTES_BEFORE_FCP = """() => {
  const fcp = performance.getEntriesByName("first-contentful-paint")[0].startTime;
  const nav = performance.getEntriesByType("navigation")[0];
  return [nav, ...performance.getEntriesByType("resource")]
    .filter((e) => e.responseEnd <= fcp)
    .reduce((sum, e) => sum + e.transferSize, 0);
}"""


class Setup:
    """The servers and the build the figures are measured on."""

    def __init__(self, tmp):
        tmp = Path(tmp)
        cdn_root, site_root = tmp / "cdn", tmp / "site"
        cdn_root.mkdir()
        site_root.mkdir()
        self.cdn = StaticServer(
            cdn_root,
            {"Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=31536000, immutable"},
            compress=True,
        )
        urls = {}
        for cdn_url, folder in runtime_mirror.cdn_folders().items():
            path = urlsplit(cdn_url).path
            (cdn_root / path.strip("/")).parent.mkdir(parents=True, exist_ok=True)
            (cdn_root / path.strip("/")).symlink_to(folder, target_is_directory=True)
            urls["pyodide" if "pyodide" in cdn_url else "katex"] = self.cdn.origin + path
        self.runtime = urls["pyodide"]
        self.site = StaticServer(site_root, compress=True)
        self.url = self.site.origin + "/"
        env = {"PYODIDE_BASE_URL": urls["pyodide"], "KATEX_BASE_URL": urls["katex"]}
        done = mkdocs_build(ROOT / "mkdocs.yml", site_root, site_url=self.url, env=env)
        if done.returncode != 0:
            raise SystemExit(f"bench: the site did not build:\n{done.stderr}")
        shutil.copytree(Path(__file__).parent / "baseline", site_root / "bench-baseline")
        self.baseline = f"{self.url}bench-baseline/?runtime={self.runtime}"
        # The live page's time split in two: the site's worker importing numpy alone, then loading the
        # page's demo, each on a bare page. Both ask the worker for what demo.js asks for.
        demo = _demo_spec((site_root / PAGE / "index.html").read_text(), self.url)
        runtime = urljoin(f"{self.url}pyscript_demo/", demo.pop("runtime"))  # as demo.js resolves it
        numpy = {**demo, "modules": [], "packages": ["numpy"], "entry": "numpy:abs", "warm": None}
        bridge = f"{self.url}bench-baseline/bridge.html?"
        self.bridge = {
            name: bridge + urlencode({"runtime": runtime, "spec": json.dumps(spec)})
            for name, spec in [("runtime_cold", numpy), ("python_cold", demo)]
        }

    def close(self):
        self.cdn.close()
        self.site.close()


class _DemoSection(HTMLParser):
    """The data attributes of a page's first live demo."""

    def __init__(self):
        super().__init__()
        self.data = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.data is None and tag == "section" and "live-demo" in (attrs.get("class") or "").split():
            self.data = {k.removeprefix("data-"): v for k, v in attrs.items() if k.startswith("data-")}


def _demo_spec(page_html, site_url):
    """What demo.js sends the worker to load the page's demo (its specOf), and the runtime's URL."""
    parser = _DemoSection()
    parser.feed(page_html)
    data = parser.data
    return {
        "demo": data["demo"],
        "entry": data["entry"],
        "modules": data["modules"].split(),
        "packages": data["packages"].split(),
        "moduleBase": site_url,
        "warm": f'{{"state": {data["initial-state"]}, "action": "view", "tables": []}}',
        "runtime": data["runtime"],
    }


def _ready(page, url):
    page.goto(url)
    page.wait_for_function("() => window.__ready !== undefined || window.__failure !== undefined", timeout=TIMEOUT_MS)
    failure = page.evaluate("window.__failure")
    if failure:
        raise SystemExit(f"bench: Python did not load on {url}: {failure}")
    return page.evaluate("window.__ready")


def _heap(page):
    """The page's JS heap in MiB (the main thread: a worker's heap is not exposed to measurement)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    cdp.detach()
    return metrics["JSHeapUsedSize"] / 2**20


def measure(setup, rounds):
    launch = chromium.launch_options()
    launch["args"] = [
        *launch["args"],
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--enable-precise-memory-info",
    ]
    page_url = setup.url + PAGE
    t = {
        k: []
        for k in [
            "cold",
            "cold0",
            "throttled",
            "throttled0",
            "bytes",
            "bytes0",
            "more_cold",
            "more_cold0",
            "runtime_cold",
            "python_cold",
            "warm",
            "warm0",
            "instant",
            "figure",
            "figure_built",
            "figure_frame",
            "fcp",
            "slider",
            "ping",
            "train",
            "site_bytes",
            "runtime_bytes",
            "base_bytes",
            "fcp_bytes",
            "fcp0_bytes",
            "heap",
            "heap0",
        ]
    }
    outside = []
    with sync_playwright() as p:
        browser = p.chromium.launch(**launch)

        def context():
            ctx = browser.new_context()
            ctx.add_init_script(READY_OBSERVER)
            ctx.on("request", lambda r: None if urlsplit(r.url).hostname == "127.0.0.1" else outside.append(r.url))
            return ctx

        for _ in range(rounds):
            # The page: cold, then warm (HTTP cache filled) in the same context.
            ctx = context()
            sizes = []
            ctx.on("requestfinished", lambda r, sizes=sizes: sizes.append((r.url, r.sizes())))
            page = ctx.new_page()
            t["cold"].append(_ready(page, page_url))
            t["bytes"].append(sum(_bytes(s) for _, s in sizes))
            t["site_bytes"].append(sum(_bytes(s) for u, s in sizes if u.startswith(setup.site.origin)))
            t["runtime_bytes"].append(sum(_bytes(s) for u, s in sizes if u.startswith(setup.cdn.origin)))
            t["fcp_bytes"].append(page.evaluate(BYTES_BEFORE_FCP))
            t["slider"] += page.evaluate(SLIDER_LATENCY, SLIDER_CHANGES)
            t["train"].append(page.evaluate(TRAIN_60))
            t["heap"].append(_heap(page))
            page.close()
            page = ctx.new_page()
            t["warm"].append(_ready(page, page_url))
            t["figure"].append(page.evaluate("window.__figure"))
            t["figure_built"].append(t["figure"][-1] if page.evaluate("window.__figureParsed") else math.inf)
            t["figure_frame"].append(page.evaluate("window.__contentLoadedFrame"))
            t["fcp"].append(page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime"))
            ctx.close()
            # The floor: Pyodide and numpy alone, cold then warm.
            ctx = context()
            sizes = []
            ctx.on("requestfinished", lambda r, sizes=sizes: sizes.append((r.url, r.sizes())))
            page = ctx.new_page()
            t["cold0"].append(_ready(page, setup.baseline))
            t["base_bytes"].append(sum(_bytes(s) for _, s in sizes))
            t["bytes0"].append(t["base_bytes"][-1])
            t["fcp0_bytes"].append(page.evaluate(BYTES_BEFORE_FCP))
            t["ping"] += page.evaluate(BASELINE_LATENCY, SLIDER_CHANGES)
            t["heap0"].append(_heap(page))
            page.close()
            t["warm0"].append(_ready(ctx.new_page(), setup.baseline))
            ctx.close()
            # Instant navigation from the home page, cold cache.
            ctx = context()
            page = ctx.new_page()
            page.goto(setup.url)
            page.wait_for_load_state("networkidle")
            start = page.evaluate("performance.now()")
            page.get_by_role("link", name="Logistic Regression").first.click()
            page.wait_for_function("() => window.__ready !== undefined", timeout=TIMEOUT_MS)
            t["instant"].append(page.evaluate("window.__ready") - start)
            ctx.close()
            for pair in range(EXTRA_COLD_PAIRS):
                loads = [("more_cold", page_url), ("more_cold0", setup.baseline), *setup.bridge.items()]
                for key, url in loads[::-1] if pair % 2 == 0 else loads:
                    ctx = context()
                    t[key].append(_ready(ctx.new_page(), url))
                    ctx.close()
            for pair in range(THROTTLED_PAIRS):
                loads = [("throttled", page_url), ("throttled0", setup.baseline)]
                for key, url in loads[::-1] if pair % 2 == 0 else loads:
                    ctx = context()
                    page = ctx.new_page()
                    cdp = ctx.new_cdp_session(page)
                    cdp.send("Network.enable")
                    cdp.send("Network.emulateNetworkConditions", THROTTLE)
                    t[key].append(_ready(page, url))
                    ctx.close()
        browser.close()
    if outside:
        raise SystemExit(f"bench: requests tried to leave the machine: {sorted(set(outside))}")
    return _figures(t)


def _bytes(sizes):
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


def _figures(t):
    kib = lambda values: [v / 1024 for v in values]  # noqa: E731
    slider = Figure(
        "slider input to updated figure, p95",
        "ms",
        spread([percentile(t["slider"], 0.95)]),
        "bare round trip to Python, p95",
        spread([percentile(t["ping"], 0.95)]),
        target="p95 < 16 ms",
    )
    slider.ratio = spread([slider.value["median"] / slider.baseline["median"]])
    slider.met = slider.value["median"] < 16
    slider_p50 = Figure(
        "slider input to updated figure, p50",
        "ms",
        spread([percentile(t["slider"], 0.5)]),
        "bare round trip to Python, p50",
        spread([percentile(t["ping"], 0.5)]),
    )
    slider_p50.ratio = spread([slider_p50.value["median"] / slider_p50.baseline["median"]])
    for f in (slider, slider_p50):
        f.notes.append(f"{len(t['slider'])} changes; timer resolution 0.1 ms (no cross-origin isolation)")
    cold = paired(
        "time to live demo, cold",
        "ms",
        t["cold"] + t["more_cold"],
        "Pyodide + numpy alone, cold",
        t["cold0"] + t["more_cold0"],
        "ratio <= 0.6",
        0.6,
    )
    cold.notes.append(f"{cold.ratio['n']} pairs, each measured back to back in fresh browser contexts, loopback")
    parts = [
        paired(
            f"time to live, cold: {name}",
            "ms",
            t[key],
            "Pyodide + numpy alone, cold",
            t["more_cold0"],
        )
        for key, name in [
            ("runtime_cold", "the site's runtime alone (its worker imports numpy; a bare page)"),
            ("python_cold", "the demo's Python alone (its worker loads the demo; a bare page)"),
        ]
    ]
    for part in parts:
        part.notes.append(
            f"{part.ratio['n']} loads, each beside a cold load of the page and of the bare page, order alternating"
        )
    throttled = paired(
        "time to live demo, cold, throttled link",
        "ms",
        t["throttled"],
        "Pyodide + numpy alone, cold, same link",
        t["throttled0"],
        "ratio <= 0.8",
        0.8,
    )
    throttled.notes.append(
        f"{throttled.ratio['n']} pairs in fresh browser contexts, alternating order; Chromium's network emulation: "
        f"{THROTTLE['downloadThroughput'] * 8 / 1e6:g} Mbit/s down, {THROTTLE['uploadThroughput'] * 8 / 1e6:g} up, "
        f"{THROTTLE['latency']} ms a request; both servers gzip as a CDN does"
    )
    return [
        cold,
        *parts,
        throttled,
        paired("time to live demo, warm (second visit)", "ms", t["warm"], "Pyodide + numpy alone, warm", t["warm0"]),
        paired(
            "time to live demo, after instant navigation (cold cache)",
            "ms",
            t["instant"],
            "Pyodide + numpy alone, cold",
            t["cold0"],
        ),
        paired(
            "the demo figure laid out, as the parser read it (before any deferred script)",
            "ms",
            t["figure_built"],
            "the first frame after DOMContentLoaded",
            t["figure_frame"],
            "that frame or sooner (ratio <= 1)",
            1.0,
        ),
        paired(
            "the demo figure laid out, beside the first paint",
            "ms",
            t["figure"],
            "the page's first contentful paint",
            t["fcp"],
        ),
        slider,
        slider_p50,
        paired(
            "60 training steps (click to readout)",
            "ms",
            t["train"],
            "bare round trip to Python, p50",
            [percentile(t["ping"], 0.5)] * len(t["train"]),
        ),
        paired("bytes before live, all", "KiB", kib(t["bytes"]), "Pyodide + numpy page, all", kib(t["bytes0"])),
        Figure("bytes before live: from the site", "KiB", spread(kib(t["site_bytes"]))),
        Figure("bytes before live: from the CDN", "KiB", spread(kib(t["runtime_bytes"]))),
        paired(
            "bytes before first contentful paint",
            "KiB",
            kib(t["fcp_bytes"]),
            "Pyodide + numpy page",
            kib(t["fcp0_bytes"]),
        ),
        _heap_figure(t),
    ]


def _heap_figure(t):
    figure = paired("JS heap of the page, demo live", "MiB", t["heap"], "Pyodide + numpy page", t["heap0"])
    figure.notes.append("main thread after the slider and training runs; the worker's heap is not exposed")
    return figure
