"""The build cache: results that are a pure function of their inputs, kept on disk under `.cache/build/`.

A result is stored under the sha256 of everything that determines it (the
caller passes those parts: sources, versions, options), so a changed input is
simply another key and always recomputes. Each entry is one JSON file that
repeats its key and carries the sha256 of its value: an entry that does not
parse, belongs to another key or format, or fails its checksum is ignored
(and rewritten by the next store), never trusted. Entries are written to a
temporary file and renamed into place, so builds that share the cache (two
`mkdocs serve`, a build beside the tests) never read a half-written entry.
`make clean` removes the folder.
"""

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

# Bumped whenever the layout of an entry changes: older entries are then foreign.
FORMAT = 1
FOLDER = Path(".cache") / "build"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _head(key: str, sha256: Any) -> str:
    """An entry's text up to its value: the entry is `_json` of {format, key, sha256, value}, value last."""
    return _json({"format": FORMAT, "key": key, "sha256": sha256, "value": None})[: -len("null}")]


class BuildCache:
    """Entries by namespace (e.g. `katex`, `listing`) under `root`; `root=None` keeps nothing."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    @classmethod
    def of_project(cls, config: MkDocsConfig) -> "BuildCache":
        """The cache of the project whose mkdocs.yml `config` was read from."""
        return cls(Path(config.config_file_path).parent / FOLDER)

    def key(self, namespace: str, parts: list) -> str:
        """The entry's key: the digest of the namespace, the format and the parts that determine the value."""
        return _digest(_json([namespace, FORMAT, *parts]))

    def _path(self, namespace: str, key: str) -> Path:
        return self.root / namespace / key[:2] / f"{key}.json"

    def get(self, namespace: str, parts: list) -> Any:
        """The stored value for these parts, or None when there is none to trust."""
        if self.root is None:
            return None
        key = self.key(namespace, parts)
        try:
            text = self._path(namespace, key).read_text(encoding="utf-8")
            entry = json.loads(text)
            value, sha256 = entry["value"], entry["sha256"]
            # The value's text is what `put` hashed when the entry is laid out as `put` writes it: its checksum
            # is checked on that text, with no need to write the value out again (most of reading a large entry).
            head = _head(key, sha256)
            sound = text.startswith(head) and text.endswith("}") and sha256 == _digest(text[len(head) : -1])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return value if sound else None

    def put(self, namespace: str, parts: list, value: Any) -> None:
        """Store a JSON value for these parts, atomically; a cache that cannot be written is only a slower build."""
        if self.root is None:
            return
        key = self.key(namespace, parts)
        text = _json(value)
        entry = _head(key, _digest(text)) + text + "}"
        path = self._path(namespace, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(entry)
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)

    def remember(self, namespace: str, parts: list, compute: Callable[[], Any]) -> Any:
        """The stored value for these parts, or compute() stored and returned."""
        value = self.get(namespace, parts)
        if value is None:
            value = compute()
            self.put(namespace, parts, value)
        return value
