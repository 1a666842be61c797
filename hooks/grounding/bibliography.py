"""The site's bibliography, `docs/references.bib`: read with pybtex and checked once per build.

Every entry needs a title and an author; its `url` is where pages link, and its
`note` field is the source's one-line role on the site.
"""

import dataclasses
import difflib
import functools
import importlib.metadata
import re
from dataclasses import dataclass, field
from pathlib import Path

from pybtex.database import BibliographyDataError, Entry, Person, parse_string
from pybtex.exceptions import PybtexError
from pybtex.plugin import find_plugin
from pybtex.richtext import Text
from pybtex.scanner import PybtexSyntaxError

from hooks.authoring.errors import AuthorError
from hooks.authoring.site import Site
from hooks.cache.store import BuildCache

BIB_FILE = "references.bib"
ENTRY_FIX = "write each entry as @type{key, title = {...}, author = {Last, First and ...}, year = {...}}."


@dataclass(frozen=True)
class Source:
    """One entry of the bibliography, as readers see it."""

    key: str
    title: str
    authors: str
    year: str
    url: str
    role: str


@dataclass
class Bibliography:
    """The build's sources by key, and the file as authors name it: `site.state(Bibliography)`."""

    name: str = f"docs/{BIB_FILE}"
    sources: dict[str, Source] = field(default_factory=dict)

    def get(self, key: str) -> Source | None:
        """The source with this key, or None."""
        return self.sources.get(key)

    def unknown(self, key: str) -> tuple[str, str]:
        """(problem, fix) for citing a key the bibliography does not have."""
        name, keys = self.name, sorted(self.sources)
        if not keys:
            return f"there is no source {key!r}: {name} is missing or empty.", f"add an entry {key!r} to {name}."
        close = difflib.get_close_matches(key, keys, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"its keys are {', '.join(keys)}"
        fix = f"cite a key of {name} ({hint}) or add an entry {key!r} there."
        return f"there is no source {key!r} in {name}.", fix


def configure(site: Site) -> None:
    """Read the bibliography; an absent file is an empty one (only citing needs it)."""
    path = Path(site.config.docs_dir) / BIB_FILE
    bibliography = site.state(Bibliography)
    bibliography.name = site.author_path(str(path))
    if path.is_file():
        cache = BuildCache.of_project(site.config)
        bibliography.sources = _kept(path.read_text(encoding="utf-8"), bibliography.name, cache)


def _kept(text: str, name: str, cache: BuildCache) -> dict[str, Source]:
    """load(), kept in the build cache under the file's text and pybtex's version."""
    parts = [importlib.metadata.version("pybtex"), text]
    stored = cache.get("bibliography", parts)
    if isinstance(stored, list):
        try:
            return {source["key"]: Source(**source) for source in stored}
        except (TypeError, KeyError):
            pass
    sources = load(text, name)
    cache.put("bibliography", parts, [dataclasses.asdict(source) for source in sources.values()])
    return sources


def load(text: str, name: str) -> dict[str, Source]:
    """{key: Source} of a BibTeX text; `name` is the file as errors name it."""
    try:
        entries = parse_string(text, "bibtex").entries
    except PybtexSyntaxError as err:
        problem = f"the bibliography does not parse: {err.args[0]}."
        raise AuthorError(name, err.lineno, problem, ENTRY_FIX) from None
    except BibliographyDataError as err:
        # pybtex names the repeated key but not where it stands.
        line = _entry_line(text, str(err).rsplit(": ", 1)[-1], last=True)
        raise AuthorError(name, line, f"{err}.", "give every entry its own key.") from None
    except PybtexError as err:
        raise AuthorError(name, None, f"the bibliography does not parse: {err}.", ENTRY_FIX) from None
    return {key: _source(entry, text, name) for key, entry in entries.items()}


def _source(entry: Entry, text: str, name: str) -> Source:
    line = _entry_line(text, entry.key)
    for needed, present in (("title", "title" in entry.fields), ("author", entry.persons.get("author"))):
        if not present:
            problem = f"the entry {entry.key!r} has no {needed}."
            raise AuthorError(name, line, problem, f"add `{needed} = {{...}}` to it.")
    url = entry.fields.get("url", "")
    if url and not re.match(r"https?://", url):
        problem = f"the url of {entry.key!r} is {url!r}, not a web address."
        raise AuthorError(name, line, problem, "give an address that starts with https://.")
    return Source(
        key=entry.key,
        title=_plain(entry.fields["title"]),
        authors=_names(entry.persons["author"]),
        year=_plain(entry.fields.get("year", "")),
        url=url,
        role=_plain(entry.fields.get("note", "")),
    )


def _plain(latex: str) -> str:
    """BibTeX's LaTeX (braces, accents, escapes) as the text a reader sees."""
    return Text.from_latex(latex).render(_text_backend())


@functools.cache
def _text_backend() -> object:
    # render_as() looks the backend up among every installed package's entry points on each call.
    return find_plugin("pybtex.backends", "text")()


def _names(persons: list[Person]) -> str:
    """'First Last', 'First Last and First Last', 'A, B and C'."""
    names = [
        _plain(" ".join(p.first_names + p.middle_names + p.prelast_names + p.last_names + p.lineage_names))
        for p in persons
    ]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _entry_line(text: str, key: str, last: bool = False) -> int | None:
    """File line where the first (or last) entry with this key starts, or None."""
    start = re.compile(rf"@\w+\s*[{{(]\s*{re.escape(key)}\s*,", re.I)
    lines = [text.count("\n", 0, m.start()) + 1 for m in start.finditer(text)]
    return (lines[-1] if last else lines[0]) if lines else None
