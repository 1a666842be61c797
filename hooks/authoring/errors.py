"""Mistakes in an author's source stop the build with the file, the line and the fix.

Code that checks a value but does not know where it stands raises a `Mistake`
(what is wrong, the fix); the code that read the value from a file places it,
turning it into an `AuthorError` with the file and line (see `Page.place`).
"""

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException


class AuthorError(PluginError, SuperFencesException):
    """Stops the build with `file:line: what is wrong. Fix: what to do.`

    It is also a SuperFencesException, the one error SuperFences lets through
    instead of silently leaving a failed fence as plain text.
    """

    def __init__(self, src_path: str, line: int | None, problem: str, fix: str) -> None:
        where = f"{src_path}:{line}" if line else src_path
        super().__init__(f"{where}: {problem} Fix: {fix}")


class Mistake(ValueError):
    """What is wrong and the fix, not yet where; `option` names what it is about when a rule spans several."""

    def __init__(self, problem: str, fix: str, option: str | None = None) -> None:
        super().__init__(problem, fix)
        self.problem, self.fix, self.option = problem, fix, option


def as_author_sees(path: str | Path, config: MkDocsConfig) -> str:
    """A path of the project as its author names it: relative to mkdocs.yml."""
    path = Path(path)
    project = Path(config.config_file_path).parent
    return str(path.relative_to(project)) if path.is_relative_to(project) else str(path)


def line_of(markdown: str, needle: str) -> int | None:
    """1-based line of the first line of `needle` in `markdown`, or None if absent."""
    lines = needle.strip().splitlines()
    index = markdown.find(lines[0]) if lines else -1
    return None if index < 0 else markdown.count("\n", 0, index) + 1
