"""Mistakes in an author's source stop the build with the file, the line and the fix."""

from pathlib import Path

from mkdocs.exceptions import PluginError
from pymdownx.superfences import SuperFencesException


class AuthorError(PluginError, SuperFencesException):
    """Stops the build with `file:line: what is wrong. Fix: what to do.`

    It is also a SuperFencesException, the one error SuperFences lets through
    instead of silently leaving a failed fence as plain text.
    """

    def __init__(self, src_path, line, problem, fix):
        where = f"{src_path}:{line}" if line else src_path
        super().__init__(f"{where}: {problem} Fix: {fix}")


class CurrentPage:
    """The page being converted: Markdown extensions do not know it, errors must."""

    src_path = "?"
    markdown = ""
    # Line of the file where `markdown` starts: MkDocs hands it over without the front matter.
    first_line = 1

    @classmethod
    def track(cls, page, markdown, config):
        """Remember the page, named as the author sees it: relative to mkdocs.yml."""
        cls.src_path = as_author_sees(page.file.abs_src_path or page.file.src_path, config)
        cls.markdown = markdown
        source = page.file.content_string
        front = source[: len(source) - len(markdown)] if source.endswith(markdown) else ""
        cls.first_line = front.count("\n") + 1


def as_author_sees(path, config):
    """A path of the project as its author names it: relative to mkdocs.yml."""
    path = Path(path)
    project = Path(config.config_file_path).parent
    return str(path.relative_to(project)) if path.is_relative_to(project) else str(path)


def page_error(needle, problem, fix):
    """An AuthorError on the current page, at the line where `needle` first appears."""
    line = line_of(CurrentPage.markdown, needle)
    return error_at(line and line + CurrentPage.first_line - 1, problem, fix)


def error_at(line, problem, fix):
    """An AuthorError on the current page, at `line` of its file."""
    return AuthorError(CurrentPage.src_path, line, problem, fix)


def line_of(markdown, needle):
    """1-based line of the first line of `needle` in `markdown`, or None if absent."""
    lines = needle.strip().splitlines()
    index = markdown.find(lines[0]) if lines else -1
    return None if index < 0 else markdown.count("\n", 0, index) + 1
