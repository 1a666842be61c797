"""Find things in a page's Markdown as the author wrote it: outside code, with file line numbers.

pymdownx.blocks turns a block whose header it cannot read (options that are not
YAML, an unknown option, a missing or extra argument) into plain text, silently.
Reading the headers here first lets the build refuse them, naming the line.
"""

import re
import textwrap
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from pymdownx.blocks import RE_START

from hooks.authoring.site import Page

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
# Inline code: a run of backticks up to the same run, within one paragraph.
CODE_SPAN = re.compile(r"(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:.*$", re.M)
# The header of a pymdownx block, `/// name | argument` (then options indented by four spaces), read by
# pymdownx's own pattern; at any indent here, so a block nested where pymdownx cannot read it is found too.
_LINE_START, _LINE_END = r"(?:^|\n)[ ]{0,3}", r"(?:\n|$)"
if not (RE_START.pattern.startswith(_LINE_START) and RE_START.pattern.endswith(_LINE_END)):
    raise ImportError("pymdownx.blocks.RE_START changed: read block headers as the new pattern does.")
HEADER = re.compile(rf"^( *){RE_START.pattern.removeprefix(_LINE_START).removesuffix(_LINE_END)}$")
# A line of a block quote: its `>` markers, then the quoted text.
QUOTED = re.compile(r"^ {0,3}>[ >]*")
OPTIONS_FIX = "write one `name: value` per line, indented four spaces under the header"


class _OptionsLoader(yaml.SafeLoader):
    """YAML as pymdownx reads it, but dates stay text, so a bad date is an author error of ours."""


_OptionsLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _COptionsLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    yaml_implicit_resolvers = _OptionsLoader.yaml_implicit_resolvers


# libyaml's parser, where PyYAML has it: the same documents, several times faster (every page's front matter
# is read on every build).
_FAST = {yaml.SafeLoader: getattr(yaml, "CSafeLoader", yaml.SafeLoader), _OptionsLoader: _COptionsLoader}


def load_yaml(
    page: Page, text: str, first_line: int, what: str, fix: str, loader: type[yaml.SafeLoader] = yaml.SafeLoader
) -> Any:
    """YAML the author wrote from `first_line` of the page on; an error names its line."""
    try:
        return yaml.load(text, _FAST.get(loader, loader))
    except yaml.YAMLError:
        pass  # read again by PyYAML's own parser, whose message and line the error reports
    try:
        return yaml.load(text, loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = f"the YAML of {what} does not parse: {getattr(err, 'problem', None) or err}."
        raise page.error_at(first_line + (mark.line if mark else 0), problem, fix) from None


def lines_outside_code(markdown: str, first_line: int) -> Iterator[tuple[int, str]]:
    """(file line, text) of every line outside fenced code; `first_line` numbers the first."""
    fence = None
    for number, line in enumerate(markdown.split("\n"), first_line):
        opening = FENCE.match(line)
        if fence:
            if opening and line.strip() == fence[0] * len(line.strip()) and len(line.strip()) >= len(fence):
                fence = None
        elif opening:
            fence = opening.group(1)
        else:
            yield number, line


def prose(markdown: str) -> str:
    """The Markdown with code and link definitions blanked out: the same lines, the same columns."""
    kept = dict(lines_outside_code(markdown, 0))
    text = "\n".join(kept.get(index, "") for index in range(markdown.count("\n") + 1))
    for pattern in (CODE_SPAN, LINK_DEFINITION):
        text = pattern.sub(lambda found: re.sub(r"[^\n]", " ", found.group(0)), text)
    return text


@dataclass
class BlockHeader:
    """A `/// name | argument` header and its option lines, as written."""

    page: Page
    name: str
    argument: str | None
    line: int
    option_lines: list[str]

    def options(self, allowed: Collection[str]) -> dict[str, Any]:
        """The options as a dict; bad YAML or an option not in `allowed` is an author error."""
        if not self.option_lines:
            return {}
        options = load_yaml(
            self.page,
            textwrap.dedent("\n".join(self.option_lines)),
            self.line + 1,
            f"the options of `/// {self.name}`",
            f"{OPTIONS_FIX}; quote a value that contains ': ' or starts with [ {{ @ or `.",
            _OptionsLoader,
        )
        if not isinstance(options, dict):
            raise self.page.error_at(
                self.line + 1,
                f"the options of `/// {self.name}` are not `name: value` lines.",
                f"{OPTIONS_FIX}.",
            )
        for name in options:
            if name not in allowed:
                block = f"`/// {self.name}`"
                fix = f"use only {', '.join(allowed)}." if allowed else f"remove it: {block} takes none."
                raise self.page.error_at(self.option_line(name), f"{block} has no option {name!r}.", fix)
        return options

    def option_line(self, name: str | None) -> int:
        """File line of the option `name` (the header's line if it is absent or None)."""
        if name is None:
            return self.line
        key = re.compile(rf"^\s*{re.escape(str(name))}\s*:")
        return next((self.line + 1 + i for i, text in enumerate(self.option_lines) if key.match(text)), self.line)


@dataclass
class _Scanned:
    """A page's Markdown read once for every feature's blocks: its lines outside code, the lines that are block
    headers, and the headers standing in a block quote. Per page: `page.state(_Scanned)`."""

    markdown: str | None = None
    lines: list[tuple[int, str]] = field(default_factory=list)
    headers: list[tuple[int, re.Match]] = field(default_factory=list)
    quoted: list[tuple[int, str]] = field(default_factory=list)


def _scanned(page: Page) -> _Scanned:
    scanned = page.state(_Scanned)
    if scanned.markdown is not page.markdown:
        scanned.markdown = page.markdown
        scanned.lines = lines = list(lines_outside_code(page.markdown, page.first_line))
        scanned.headers = [(index, found) for index, (_, line) in enumerate(lines) if (found := HEADER.match(line))]
        scanned.quoted = list(_quoted_headers(scanned.lines))
    return scanned


def find_blocks(page: Page, names: Collection[str]) -> list[BlockHeader]:
    """The headers of the blocks called one of `names` on the page, in page order."""
    found = []
    scanned = _scanned(page)
    lines = scanned.lines
    _refuse_quoted(page, scanned.quoted, names)
    for index, header in scanned.headers:
        if header.group(3) not in names:
            continue
        number = lines[index][0]
        indent = len(header.group(1)) + 4
        options = []
        for next_number, text in lines[index + 1 :]:
            contiguous = next_number == number + 1 + len(options)
            if not (contiguous and text.startswith(" " * indent) and text.strip()):
                break
            options.append(text)
        found.append(BlockHeader(page, header.group(3), header.group(4), number, options))
    return found


def find_bare_blocks(page: Page, names: Collection[str]) -> list[BlockHeader]:
    """The headers of the blocks called one of `names`, which take neither a title nor options."""
    found = find_blocks(page, names)
    for header in found:
        block = f"`/// {header.name}`"
        if header.argument is not None:
            raise page.error_at(header.line, f"{block} takes no title.", f"write {block} alone on its line.")
        header.options(())
    return found


def _quoted_headers(lines: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """(file line, block name) of every block header in a block quote, outside the quote's own fences."""
    fence = None
    for number, line in lines:
        quoted = QUOTED.match(line)
        text = line[quoted.end() :] if quoted else ""
        opening = FENCE.match(text)
        if not quoted or (fence and opening and text.strip() == fence[0] * len(text.strip())):
            fence = None  # a quoted fence ends at its closing line or with the quote
        elif fence or opening:
            fence = fence or opening.group(1)
        elif header := HEADER.match(text):
            yield number, header.group(3)


def _refuse_quoted(page: Page, quoted: list[tuple[int, str]], names: Collection[str]) -> None:
    """A block in a block quote escapes the checks above, and pymdownx drops a bad one as text: refuse it."""
    for number, name in quoted:
        if name in names:
            block = f"`/// {name}`"
            raise page.error_at(
                number,
                f"{block} stands in a block quote, where it cannot be read.",
                f"write {block} at the top level of the page, not in a block quote.",
            )


class Once:
    """Refuses a second block of one key on a page, at its line: `said(key)` names the block, `fix` is the fix."""

    def __init__(self, page: Page, said: Callable[[str], str], fix: str) -> None:
        self.page, self.said, self.fix = page, said, fix
        self.first: dict[str, int] = {}  # each key's first line

    def see(self, key: str, header: BlockHeader) -> None:
        line = self.first.setdefault(key, header.line)
        if line != header.line:
            raise self.page.error_at(
                header.line, f"{self.said(key)} is on the page twice, here and on line {line}.", self.fix
            )
