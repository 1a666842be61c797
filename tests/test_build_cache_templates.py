"""The theme's compiled templates in the build cache: compiled once, again when the template or environment changes."""

import base64

from jinja2 import DictLoader, Environment

from hooks.cache import templates
from hooks.cache.store import BuildCache
from tests.conftest import make_project
from tests.harness import build_project


class Counting(Environment):
    """A Jinja environment that counts the templates it compiles."""

    compiled = 0

    def compile(self, *args, **kwargs):
        self.compiled += 1
        return super().compile(*args, **kwargs)


def _env(cache: BuildCache, sources: dict[str, str], **options) -> Counting:
    return Counting(loader=DictLoader(sources), bytecode_cache=templates.KeptTemplates(cache), **options)


def test_a_template_is_compiled_once_and_again_when_its_source_changes(tmp_path):
    cache = BuildCache(tmp_path)
    first = _env(cache, {"page.html": "Hello {{ name }}!"})
    assert first.get_template("page.html").render(name="you") == "Hello you!"
    assert first.compiled == 1
    second = _env(cache, {"page.html": "Hello {{ name }}!"})
    assert second.get_template("page.html").render(name="again") == "Hello again!"
    assert second.compiled == 0
    edited = _env(cache, {"page.html": "Goodbye {{ name }}."})
    assert edited.get_template("page.html").render(name="you") == "Goodbye you."
    assert edited.compiled == 1


def test_an_environment_with_other_extensions_compiles_afresh(tmp_path):
    cache = BuildCache(tmp_path)
    _env(cache, {"page.html": "{{ 1 }}"}).get_template("page.html")
    other = _env(cache, {"page.html": "{{ 1 }}"}, extensions=["jinja2.ext.loopcontrols"])
    assert other.get_template("page.html").render() == "1"
    assert other.compiled == 1


def test_kept_code_that_does_not_load_is_compiled_again(tmp_path):
    cache = BuildCache(tmp_path)
    env = _env(cache, {"page.html": "{{ 2 + 2 }}"})
    env.get_template("page.html")
    bucket = env.bytecode_cache.get_bucket(env, "page.html", None, "{{ 2 + 2 }}")
    # A sound entry (its checksum matches) whose code is not marshalled code.
    cache.put(templates.NAMESPACE, env.bytecode_cache._parts(bucket), base64.b64encode(b"\x00junk").decode())
    again = _env(cache, {"page.html": "{{ 2 + 2 }}"})
    assert again.get_template("page.html").render() == "4"
    assert again.compiled == 1


def test_a_warm_build_compiles_no_template(tmp_path, monkeypatch):
    config = make_project(tmp_path, {"index.md": "# Home\n\nWelcome.\n"}, own_cache=("templates",))
    compiled = []
    original = Environment.compile

    def compile(self, source, name=None, *args, **kwargs):
        # The theme's environment; Material's language partials are compiled in an environment of its own.
        if isinstance(self.bytecode_cache, templates.KeptTemplates):
            compiled.append(name)
        return original(self, source, name, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", compile)
    build_project(config, tmp_path / "cold")
    assert "main.html" in compiled
    compiled.clear()
    build_project(config, tmp_path / "warm")
    assert compiled == []
    assert (tmp_path / "warm" / "index.html").read_bytes() == (tmp_path / "cold" / "index.html").read_bytes()
