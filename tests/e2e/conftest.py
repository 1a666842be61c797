"""Real Chromium, real Pyodide and numpy, with no request leaving the machine.

The built site is served on 127.0.0.1 (at the root, and under a sub-path as on
a project page of a static host). The production CDN URLs are answered from
the sha256-verified runtime mirror, by a local HTTPS stand-in (tests/e2e/cdn.py);
any other outbound request is aborted and fails the test. Each server sends the Content-Security-Policy the build wrote
for the site's host; anything it blocks fails the test too.
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT, host_headers, mkdocs_build
from tests.e2e.cdn import Certificate, StandIn
from tools import chromium, runtime_mirror
from tools.static_server import StaticServer

LOOPBACK = {"127.0.0.1", "localhost", "[::1]"}
SUBPATH = "/concepts/"


@pytest.fixture(scope="session")
def certificate():
    return Certificate()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, certificate):
    options = chromium.launch_options()
    # The CDN's stand-in is trusted by its own key, and no other certificate error is let through.
    options["args"] = [*options["args"], f"--ignore-certificate-errors-spki-list={certificate.spki}"]
    return {**browser_type_launch_args, **options}


@pytest.fixture(scope="session")
def cdn_mirror():
    """{production URL prefix: local folder} for every runtime asset."""
    try:
        return runtime_mirror.cdn_folders()
    except Exception as err:  # the mirror is part of the test set-up: no mirror, no e2e run
        pytest.fail(f"The runtime mirror could not be built: {err}. Run `make mirror` to see why.")


@pytest.fixture(scope="session")
def cdn(tmp_path_factory, cdn_mirror, certificate):
    """The local HTTPS server that answers the CDN's requests from the mirror."""
    stand_in = StandIn(tmp_path_factory.mktemp("cdn"), cdn_mirror, certificate)
    yield stand_in
    stand_in.close()


def serve_site(docroot, path, env=None):
    """Serve the real site at `path` of a new server, built for that URL, with its own headers.

    Material's instant navigation only follows links to the site's own URL
    (sitemap.xml's, from site_url), so each server gets its own build. The
    server sends the site's Content-Security-Policy, so every test runs under it.
    """
    server = StaticServer(docroot)
    url = server.origin + path
    site_dir = docroot / path.strip("/")
    done = mkdocs_build(ROOT / "mkdocs.yml", site_dir, site_url=url, env=env)
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stderr}"
    server.headers.update(host_headers(site_dir))
    server.url = url
    return server


SITE_PATHS = {"root": "/", "subpath": SUBPATH}


class Servers(dict):
    """{"root": the site served at the root, "subpath": under /concepts/ with nothing at the root}, each built
    and started when a test first asks for it (one test asks for the sub-path)."""

    def __init__(self, tmp_path_factory):
        super().__init__()
        self.tmp_path_factory = tmp_path_factory

    def __missing__(self, name):
        self[name] = serve_site(self.tmp_path_factory.mktemp(f"{name}-host"), SITE_PATHS[name])
        return self[name]


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    running = Servers(tmp_path_factory)
    yield running
    for server in running.values():
        server.close()


@pytest.fixture
def site(servers, request):
    """Base URL of the site under test (the root server unless a test asks for the sub-path)."""
    server = servers[getattr(request, "param", "root")]
    server.missing.clear()
    yield server.url
    assert not server.missing, f"the site asked for files it does not have: {server.missing}"


class Network:
    """Routes every request of a browser context: loopback passes, the CDN comes from the mirror."""

    def __init__(self, mirror, cdn):
        self.mirror = mirror
        self.cdn = cdn
        self.blocked = []  # outbound requests that would have left the machine
        self.unmirrored = []  # CDN URLs the mirror does not hold
        self.served = []  # CDN URLs answered from the mirror
        self.local = []  # loopback URLs (the site's own files, the derived Python runtime among them)
        self.fail_prefixes = []  # CDN prefixes a test makes unreachable
        self.refused = []  # what the site's Content-Security-Policy blocked
        self.errors = []  # uncaught exceptions in the site's scripts

    def attach(self, context):
        context.route("**/*", self.handle)
        context.on("console", self.watch)
        context.on("weberror", lambda error: self.errors.append(f"{error.page and error.page.url}: {error.error}"))
        return context

    def watch(self, message):
        if "Content Security Policy" in message.text:
            self.refused.append(message.text)

    def handle(self, route):
        url = route.request.url
        if urlsplit(url).hostname in LOOPBACK:
            self.local.append(url)
            return route.continue_()
        for prefix in self.fail_prefixes:
            if url.startswith(prefix):
                return route.abort("connectionrefused")
        for prefix, folder in self.mirror.items():
            if url.startswith(prefix):
                path = folder / urlsplit(url).path.removeprefix(urlsplit(prefix).path)
                if not path.is_file():
                    self.unmirrored.append(url)
                    return route.fulfill(status=404)
                self.served.append(url)
                return route.continue_(url=self.cdn.twin(url))
        self.blocked.append(url)
        return route.abort("blockedbyclient")


@pytest.fixture(autouse=True)
def network(context, cdn_mirror, cdn):
    """Routes every browser test's context (and any it attaches); fails it on a leak or a miss."""
    net = Network(cdn_mirror, cdn)
    net.attach(context)
    yield net
    assert_network_clean(net)


@pytest.fixture(scope="module")
def shared_page(browser, browser_context_args, servers, cdn_mirror, cdn):
    """Opens a page of the site that a whole module shares, so its Python starts once: shared_page(path,
    **context options) -> (page, its Network).

    The module's tests take it through a fixture that returns it to its start (a demo's Reset) and checks
    its network after each test.
    """
    contexts = []

    def open_page(path, **options):
        net = Network(cdn_mirror, cdn)
        context = net.attach(browser.new_context(**{**browser_context_args, **options}))
        contexts.append(context)
        page = context.new_page()
        page.goto(servers["root"].url + path)
        return page, net

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def shared_demo(shared_page):
    """One Logistic Regression page for a whole module: (page, its Network)."""
    return shared_page("machine-learning/logistic-regression/")


# Material's instant navigation changes the address as it takes the click, before it has fetched the next
# page: until that page is swapped in, the old one (and its demo) is still there. So the page's own article
# (a page may hold other articles) is marked, and the next page's is known by having no mark.
PAGE_ARTICLE = "article.md-content__inner"
MARK_ARTICLE = f"""() => {{ document.querySelector("{PAGE_ARTICLE}").dataset.left = ""; }}"""
FOLLOW_LINK = """url => [...document.querySelectorAll("a[href]")].find((a) => a.href === url).click()"""


def click_through(page, link, url):
    """Click `link` (a locator) as a reader does and wait until instant navigation has swapped in `url`'s page
    (a glob, as `page.wait_for_url` takes). `url` is another page: Material does not fetch the one it shows."""
    page.evaluate(MARK_ARTICLE)
    link.click()
    _wait_swapped_in(page, url)


def follow_link(page, url):
    """Reach `url` from the open page by instant navigation, by whichever of its links points there."""
    page.evaluate(MARK_ARTICLE)
    page.evaluate(FOLLOW_LINK, url)
    _wait_swapped_in(page, url)


def _wait_swapped_in(page, url):
    page.wait_for_url(url)
    page.wait_for_selector(f"{PAGE_ARTICLE}:not([data-left])")


def assert_network_clean(net):
    assert not net.blocked, f"requests tried to leave the machine: {net.blocked}"
    assert not net.unmirrored, f"CDN files missing from the runtime mirror: {net.unmirrored}"
    assert not net.refused, f"the site's Content-Security-Policy blocked: {net.refused}"
    assert not net.errors, f"the page's scripts threw: {net.errors}"


# A browser that asks to save data: the page then leaves Python unloaded until the reader asks for it.
SAVE_DATA = "Object.defineProperty(navigator, 'connection', {value: {saveData: true}})"


@pytest.fixture
def without_python(page):
    """For tests of everything but the demo: the page opened as by a reader whose browser saves data, so
    Python is not downloaded (the page is complete without it) and a Pyodide start these tests never look
    at does not take their share of the machine."""
    page.add_init_script(SAVE_DATA)
    return page


# Each emulated colour scheme and the palette Material shows for it (body[data-md-color-scheme]).
PALETTES = {"light": "default", "dark": "slate"}


def set_palette(page, scheme):
    """An open page in `scheme`'s palette: the browser's preference, and the palette toggle (the page
    takes the preference's palette when it loads, and a reader's toggle after)."""
    page.emulate_media(color_scheme=scheme)
    body = page.locator("body")
    if body.get_attribute("data-md-color-scheme") != PALETTES[scheme]:
        option = page.locator(f"input[name=__palette][data-md-color-scheme={PALETTES[scheme]}]")
        page.click(f"label[for={option.get_attribute('id')}]")
    expect(body).to_have_attribute("data-md-color-scheme", PALETTES[scheme])
