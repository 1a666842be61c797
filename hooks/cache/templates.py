"""The theme's templates, compiled once and kept in the build cache.

MkDocs makes a new Jinja environment for every build, so each build (and each
rebuild under `make serve`) compiled the theme's 40 templates again: 0.2-0.35 s,
most of what a warm build of a small site spends. Jinja asks its bytecode cache
for a template's code before compiling it; this one keeps the code as a build
cache entry under the template's name and file, its source's checksum, the
versions of Python, Jinja and MkDocs and the environment's extensions, so a
changed template, interpreter or environment compiles afresh.
"""

import base64
import importlib.metadata
import marshal
import sys

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config.defaults import MkDocsConfig

from hooks.cache.store import BuildCache

NAMESPACE = "templates"


class KeptTemplates(BytecodeCache):
    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache

    def _parts(self, bucket: Bucket) -> list:
        env = bucket.environment
        versions = [importlib.metadata.version(name) for name in ("jinja2", "mkdocs")]
        return [sys.version, *versions, sorted(env.extensions), repr(env.autoescape), bucket.key, bucket.checksum]

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self.cache.get(NAMESPACE, self._parts(bucket))
        if isinstance(kept, str):
            try:
                bucket.code = marshal.loads(base64.b64decode(kept))
            except (EOFError, ValueError, TypeError):
                bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = base64.b64encode(marshal.dumps(bucket.code)).decode("ascii")
        self.cache.put(NAMESPACE, self._parts(bucket), code)


def keep_compiled(env: Environment, config: MkDocsConfig) -> None:
    """Let `env` take its templates' code from the project's build cache, and keep what it compiles there."""
    env.bytecode_cache = KeptTemplates(BuildCache.of_project(config))
