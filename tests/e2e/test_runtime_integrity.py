"""Where the runtime comes from, and that the browser takes only what was pinned.

The site's Content-Security-Policy is enforced in every end-to-end test (the
servers send it); here it is shown to be there and to bite. KaTeX's CDN
stylesheet carries an integrity hash; a changed file is refused and said. A
self-hosted build loads nothing from any third party.
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LOOPBACK, follow_link, serve_site
from tests.e2e.demo_page import LIVE_TIMEOUT_MS, PAGE, wait_live

KATEX_READY = """async () => {
  await document.fonts.ready;
  const mathml = getComputedStyle(document.querySelector(".katex-mathml"));
  return mathml.position === "absolute" && document.fonts.check("16px KaTeX_Main");
}"""


def test_the_site_runs_under_its_content_security_policy(page, site, network):
    response = page.goto(site + PAGE)
    policy = response.headers["content-security-policy"]
    assert "'wasm-unsafe-eval'" in policy and "'unsafe-eval'" not in policy
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    wait_live(page)  # Pyodide compiled its WebAssembly and numpy ran under the policy
    ran = page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.head.append(script);
          return window.injected === true;
        }"""
    )
    assert not ran, "an inline script the build did not write ran"
    for _ in range(50):  # the refusal is reported asynchronously
        if network.refused:
            break
        page.wait_for_timeout(100)
    assert network.refused, "the policy's refusal was not seen"
    network.refused.clear()


def test_a_changed_cdn_stylesheet_is_refused_and_said(page, site, cdn_mirror):
    (katex_url,) = [url for url in cdn_mirror if "katex" in url]
    original = (cdn_mirror[katex_url] / "katex.min.css").read_bytes()
    page.route(
        katex_url + "katex.min.css",
        lambda route: route.fulfill(
            body=original + b"\n.katex{color:red}\n",
            headers={"Content-Type": "text/css", "Access-Control-Allow-Origin": "*"},
        ),
    )
    page.goto(site + PAGE)
    note = page.locator(".math-fallback-note")
    expect(note).to_contain_text("math stylesheet did not load")
    assert page.eval_on_selector('link[href$="katex.min.css"]', "link => link.sheet === null")
    # Readable without it: the browser draws the MathML KaTeX wrote, and KaTeX's HTML copy is hidden.
    expect(page.locator(".katex-html").first).to_be_hidden()
    expect(page.locator(".katex-mathml math").first).to_be_visible()
    wait_live(page)  # the rest of the page is unaffected


def test_the_untampered_stylesheet_passes_its_integrity_check(page, site):
    page.goto(site + PAGE)
    assert page.get_attribute('link[href$="katex.min.css"]', "integrity").startswith("sha384-")
    assert page.evaluate(KATEX_READY)
    expect(page.locator(".math-fallback-note")).to_have_count(0)


@pytest.fixture(scope="module")
def self_hosted(tmp_path_factory):
    server = serve_site(tmp_path_factory.mktemp("self-hosted"), "/", env={"SELF_HOST_RUNTIME": "true"})
    yield server
    server.close()


def test_a_self_hosted_site_makes_no_third_party_request(page, self_hosted, network):
    network.mirror = {}  # the CDN is unreachable: any request to it is aborted and recorded
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    pages = sorted(
        path.parent.relative_to(self_hosted.docroot).as_posix() for path in self_hosted.docroot.rglob("index.html")
    )
    assert len(pages) >= 5
    # One visit, as a reader's: the first page loaded, each next one reached by instant navigation, so the one
    # Python worker loads every page's demos from the site.
    for path in pages:
        url = self_hosted.url + ("" if path == "." else path + "/")
        if path == pages[0]:
            # Material follows a click instantly only once it has read the sitemap, fetched after the page loads.
            page.goto(url, wait_until="networkidle")
            page.evaluate("window.__sameDocument = true")
        else:
            follow_link(page, url)
        page.wait_for_load_state("load")
        if page.locator(".katex").count():
            assert page.evaluate(KATEX_READY), f"{path}: KaTeX's stylesheet or fonts did not load"
        for demo in page.locator("section.live-demo").all():  # a page may show several demos
            expect(demo).to_have_attribute("data-state", "live", timeout=LIVE_TIMEOUT_MS)
    assert page.evaluate("window.__sameDocument") is True, "navigation reloaded the page"
    assert any(url.endswith("/runtime/pyodide-0.27.7/pyodide.asm.wasm") for url in requested)
    assert any("/runtime/katex-0.19.1/fonts/" in url for url in requested)
    assert {urlsplit(url).hostname for url in requested} <= LOOPBACK
    assert not network.blocked
    assert not self_hosted.missing, f"the self-hosted site lacks: {self_hosted.missing}"
    assert "cdn.jsdelivr.net" not in self_hosted.headers["Content-Security-Policy"]
