"""The order modules are handed to the test workers in: the longest first, as each test took in the last run.

xdist gives each worker a whole module at a time (`--dist loadscope`), in collection order
(`--no-loadscope-reorder`). Its own order, by number of tests, can leave a long module of few tests to the
end, with one worker busy and the other idle: longest first, the modules left at the end are short ones.
Each test's seconds (setup, call and teardown) are kept in pytest's cache. A module none of whose tests has
been timed yet (a fresh clone's first run) takes its seconds from `module_seconds.json`, a record of one full
run kept with the tests; a module it does not name counts as none. The record only orders the work: an old
one costs a little balance, never a test.
"""

import json
from collections import defaultdict
from pathlib import Path

import pytest

KEY = "tests/seconds"
RECORD = Path(__file__).with_name("module_seconds.json")


def module_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


class LongestFirst:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.seconds: dict[str, float] = defaultdict(float)

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        timed = self.config.cache.get(KEY, {})
        per_module: dict[str, float] = defaultdict(float)
        for item in items:
            per_module[module_of(item.nodeid)] += timed.get(item.nodeid, 0.0)
        recorded = json.loads(RECORD.read_text())
        for module, seconds in per_module.items():
            if not seconds:
                per_module[module] = recorded.get(module, 0.0)
        # A stable sort: each module's tests stay together and in their order.
        items.sort(key=lambda item: -per_module[module_of(item.nodeid)])

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[report.nodeid] += report.duration

    def pytest_sessionfinish(self) -> None:
        if hasattr(self.config, "workerinput"):
            return  # the controller hears every worker's reports and records them once
        self.config.cache.set(KEY, {**self.config.cache.get(KEY, {}), **self.seconds})


def register(config: pytest.Config) -> None:
    config.pluginmanager.register(LongestFirst(config), "longest-first")
