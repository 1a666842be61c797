"""Lighthouse (mobile preset) on every page of the self-hosted build, served gzip-compressed.

The same-run anchor is the same page text built the way Material for MkDocs
recommends for math: `pymdownx.arithmatex` (generic) with KaTeX's auto-render in
the browser, KaTeX from the verified mirror, our hooks removed. Lighthouse
12.2.3 (13 needs Node 22) is installed into .cache/lighthouse with npm and runs
Debian's Chromium headless; the pages reach no host but 127.0.0.1.
"""

import json
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

from bench.report import Figure, paired, spread
from tests.conftest import ROOT, host_headers, mkdocs_build
from tools import chromium, runtime_mirror
from tools.static_server import StaticServer

VERSION = "12.2.3"
HOME = ROOT / ".cache" / "lighthouse"
CLI = HOME / "node_modules" / "lighthouse" / "cli" / "index.js"
TARGETS = {"performance": 0.95, "accessibility": 1.0, "tbt": 200, "lcp": 2500, "cls": 0.1}

# Material's recommended set-up for KaTeX (docs: "Math", KaTeX), re-run on instant navigation.
KATEX_INIT = """document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "$", right: "$", display: false },
      { left: "\\\\(", right: "\\\\)", display: false },
      { left: "\\\\[", right: "\\\\]", display: true },
    ],
  });
});
"""


def _lighthouse():
    if not CLI.exists():
        HOME.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "i", "-E", f"lighthouse@{VERSION}", "--no-audit", "--no-fund", "--silent"], cwd=HOME, check=True
        )
    return CLI


def _self_hosted(tmp):
    site = Path(tmp) / "lighthouse-site"
    done = mkdocs_build(ROOT / "mkdocs.yml", site, env={"SELF_HOST_RUNTIME": "true"})
    if done.returncode != 0:
        raise SystemExit(f"bench: the self-hosted site did not build:\n{done.stderr}")
    return site


def _anchor(tmp):
    """The same pages, plain Material with client-side KaTeX auto-render."""
    project = Path(tmp) / "lighthouse-anchor"
    docs = project / "docs"
    shutil.copytree(ROOT / "docs", docs)
    katex = docs / "katex"
    katex_pin = runtime_mirror.pins()["katex"]
    shutil.copytree(runtime_mirror.asset("katex") / "dist", katex)
    tarball = runtime_mirror.DOWNLOADS / f"katex-{katex_pin['version']}.tgz"
    runtime_mirror.verified(tarball, katex_pin["npm"]["sha256"], "KaTeX")
    with tarfile.open(tarball) as tar, tar.extractfile("package/dist/contrib/auto-render.min.js") as src:
        (katex / "auto-render.min.js").write_bytes(src.read())
    (docs / "katex-init.js").write_text(KATEX_INIT)
    config = (ROOT / "mkdocs.yml").read_text()
    config = re.sub(r"(?ms)^(hooks|watch):.*?(?=^\S)", "", config)
    config += (
        "\nextra_javascript:\n  - katex-init.js\n  - katex/katex.min.js\n  - katex/auto-render.min.js\n"
        "extra_css:\n  - katex/katex.min.css\n"
    )
    (project / "mkdocs.yml").write_text(config)
    site = project / "site"
    done = mkdocs_build(project / "mkdocs.yml", site)
    if done.returncode != 0:
        raise SystemExit(f"bench: the anchor site did not build:\n{done.stderr}")
    return site


def _audit(cli, url, out):
    flags = [
        *chromium.FLAGS,
        "--headless=new",
        "--no-sandbox",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ]
    env = {**os.environ, "CHROME_PATH": chromium.launch_options().get("executable_path", "")}
    subprocess.run(
        [
            "node",
            str(cli),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=performance,accessibility",
            f"--chrome-flags={' '.join(flags)}",
        ],
        check=True,
        env=env,
        timeout=600,
    )
    report = json.loads(Path(out).read_text())
    audits = report["audits"]
    return {
        "performance": report["categories"]["performance"]["score"],
        "accessibility": report["categories"]["accessibility"]["score"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "dom": audits["dom-size"]["numericValue"],
        "failed": sorted(
            a["id"]
            for ref in report["categories"]["accessibility"]["auditRefs"]
            if (a := audits[ref["id"]])["score"] == 0
        ),
    }


def measure(tmp, rounds):
    cli = _lighthouse()
    site, anchor = _self_hosted(tmp), _anchor(tmp)
    servers = {
        "site": StaticServer(site, host_headers(site), compress=True),
        "anchor": StaticServer(anchor, compress=True),
    }
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    pages = ["" if p == "." else p + "/" for p in pages]
    runs = {(kind, page): [] for kind in servers for page in pages}
    try:
        for n in range(rounds):
            for page in pages:
                for kind in list(servers)[:: 1 if n % 2 == 0 else -1]:
                    out = Path(tmp) / f"lighthouse-{kind}.json"
                    runs[kind, page].append(_audit(cli, servers[kind].origin + "/" + page, out))
    finally:
        for server in servers.values():
            server.close()
    return [figure for page in pages for figure in _figures(page, runs["site", page], runs["anchor", page])]


def _figures(page, site, anchor):
    name = f"Lighthouse mobile, /{page}"
    values = {k: [r[k] for r in site] for k in TARGETS}
    anchors = {k: [r[k] for r in anchor] for k in TARGETS}
    performance = paired(f"{name}: performance", "", values["performance"], "client-side KaTeX", anchors["performance"])
    performance.target, performance.met = ">= 0.95", performance.value["median"] >= TARGETS["performance"]
    tbt = paired(f"{name}: total blocking time", "ms", values["tbt"], "client-side KaTeX", anchors["tbt"])
    tbt.target, tbt.met = "< 200 ms", tbt.value["median"] < TARGETS["tbt"]
    lcp = paired(f"{name}: largest contentful paint", "ms", values["lcp"], "client-side KaTeX", anchors["lcp"])
    lcp.target, lcp.met = "< 2,500 ms", lcp.value["median"] < TARGETS["lcp"]
    cls = Figure(f"{name}: layout shift", "", spread(values["cls"]), "client-side KaTeX", spread(anchors["cls"]))
    cls.target, cls.met = "< 0.1", cls.value["median"] < TARGETS["cls"]
    a11y = Figure(
        f"{name}: accessibility",
        "",
        spread(values["accessibility"]),
        "client-side KaTeX",
        spread(anchors["accessibility"]),
    )
    a11y.target, a11y.met = "1.00", a11y.value["min"] >= TARGETS["accessibility"]
    failed = sorted({a for r in site for a in r["failed"]})
    if failed:
        a11y.notes.append(f"failed audits: {', '.join(failed)}")
    performance.notes.append(
        f"DOM elements {spread([r['dom'] for r in site])['median']:,.0f} "
        f"(client-side KaTeX: {spread([r['dom'] for r in anchor])['median']:,.0f}); {len(site)} run(s) each"
    )
    return [performance, tbt, lcp, cls, a11y]
