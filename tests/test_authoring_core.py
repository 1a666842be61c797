"""The authoring core: specs, the HTML builder, and build state that lives on objects, not in modules."""

import pymdownx.blocks
import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from hooks.authoring.errors import Mistake
from hooks.authoring.html import el, literal, markup
from hooks.authoring.site import _block_options
from hooks.authoring.spec import REQUIRED, OptionError, apply, check, is_text
from tests.conftest import make_project

SPEC = {
    "name": (REQUIRED, check(is_text, "one line of text")),
    "size": (3, int),
    "kind": ("plain", check(lambda v: v in {"plain", "fancy"}, "plain or fancy")),
}


def test_a_spec_fills_defaults_and_converts_in_its_order():
    assert apply(SPEC, {"name": "x", "size": "7"}) == {"name": "x", "size": 7, "kind": "plain"}


def test_a_missing_required_option_names_itself_and_what_was_read_before_it():
    with pytest.raises(OptionError) as raised:
        apply({"size": (3, int), **SPEC}, {"size": "5"})
    assert (raised.value.name, raised.value.error, raised.value.values) == ("name", None, {"size": 5})


def test_a_refused_value_carries_what_the_option_holds():
    with pytest.raises(OptionError) as raised:
        apply(SPEC, {"name": "x", "kind": "odd"})
    assert raised.value.name == "kind"
    assert str(raised.value.error) == "plain or fancy"
    assert SPEC["kind"][1].holds == "plain or fancy"


def test_a_mistake_holds_the_problem_the_fix_and_what_it_is_about():
    mistake = Mistake("it is wrong.", "do this.", "name")
    assert (mistake.problem, mistake.fix, mistake.option) == ("it is wrong.", "do this.", "name")
    assert isinstance(mistake, ValueError)


def test_markup_escapes_attributes_once_and_keeps_inner_html():
    html = markup("div", "<b>bold</b>", class_="a", data_listing='x"&<y', aria_label="L")
    assert html == '<div aria-label="L" class="a" data-listing="x&quot;&amp;&lt;y"><b>bold</b></div>'
    assert markup("link", rel="stylesheet") == '<link rel="stylesheet">'


def test_el_names_attributes_as_html_does():
    import xml.etree.ElementTree as etree

    root = etree.Element("div")
    child = el(root, "label", literal("Text"), for_="field", data_panel_status="", aria_live="polite")
    assert dict(child.attrib) == {"for": "field", "data-panel-status": "", "aria-live": "polite"}
    assert child.text == "Text" and type(child.text).__name__ == "AtomicString"


CLAIM = (
    "---\ntitle: T\n---\n\n# T\n\n/// claim | A statement.\n    id: only-once\n"
    "    sources: [cs229-logistic-regression]\nSummary.\n///\n"
)


def test_two_builds_in_one_process_share_no_state(tmp_path):
    # With state in modules or classes, the second build would find the first build's claim and refuse the id.
    config_file = make_project(tmp_path, {"index.md": CLAIM})
    for run in range(2):
        config = load_config(str(config_file), site_dir=str(tmp_path / f"site-{run}"), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
        assert 'id="claim-only-once"' in (tmp_path / f"site-{run}" / "index.html").read_text()


BLOCK_OPTIONS = [
    "id: a-claim\nsources:\n  - source-015, §6\nstatus: needs-review\n",
    "choices:\n  - choice: The loss curve\n    best: true\n  - 2026-06-28\n",
    "reviewed: 2026-06-28\nratio: 1e-3\nflag: yes\nempty:\n",
    "just text",
    "- a\n- list",
    "key: [unclosed",
    "a: b\n  c: d\n",
    "# only a comment\n",
]


def _pure_python_reader(text):
    """pymdownx's own reader: PyYAML's pure-Python safe loader, None unless a mapping, {} when empty."""
    try:
        found = yaml.load(text, yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    return {} if found is None else found if isinstance(found, dict) else None


@pytest.mark.parametrize("text", BLOCK_OPTIONS)
def test_block_options_read_on_libyaml_are_what_pymdownx_reads(text):
    assert _block_options(text) == _pure_python_reader(text)


def test_pymdownx_reads_block_options_with_the_sites_reader(tmp_path):
    build(load_config(str(make_project(tmp_path, {"index.md": "# Home\n"})), site_dir=str(tmp_path / "site")))
    assert pymdownx.blocks.get_frontmatter is _block_options
