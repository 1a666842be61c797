"""The curriculum generator: a prerequisite DAG, realistic pages, and a project the real build accepts."""

import re
import subprocess
import sys
from html import escape

import yaml

from tests.conftest import mkdocs_build
from tools import curriculum


def test_the_plan_is_a_dag_whose_edges_agree():
    plan = curriculum.plan(120, 7, seed=3)
    position = {c.key: c.index for c in plan}
    assert len(position) == 120
    assert {c.area for c in plan} == set(range(7))
    for concept in plan[1:]:
        assert concept.builds_on in concept.prerequisites
        # Every prerequisite comes earlier, so no chain of prerequisites can come back.
        assert all(position[p.key] < concept.index for p in concept.prerequisites)
    for concept in plan:
        assert all(concept in after.prerequisites for after in concept.next)
    assert sum(len(c.prerequisites) for c in plan) > 120


def test_a_generated_curriculum_builds_with_the_real_hooks(tmp_path):
    config = curriculum.write(tmp_path / "project", 12, 3, demo="logistic-regression")
    project = config.parent
    pages = sorted((project / "docs").glob("*/*.md"))
    assert len(pages) == 12
    for page in pages:
        text = page.read_text()
        front = yaml.safe_load(text.split("---\n")[1])
        assert {"concept", "area", "summary", "sources"} <= set(front)
        assert text.count("$$") >= 8 and "```listing\nlistings/" in text and "/// demo | logistic-regression" in text
        assert re.search(r"\[@source-\d+", text) and "/// claim |" in text and "/// practice |" in text
    done = mkdocs_build(config, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    # Each listing's output on its page is what running the module prints.
    first = pages[0]
    module = project / re.search(r"```listing\n(\S+)\n", first.read_text()).group(1)
    printed = subprocess.run([sys.executable, str(module)], cwd=module.parent, capture_output=True, text=True)
    html = (tmp_path / "site" / first.parent.name / first.stem / "index.html").read_text()
    assert printed.returncode == 0
    for line in printed.stdout.splitlines():
        assert escape(line, quote=False) in html, line
    assert html.count('class="katex-display"') >= 4
    assert list((project / ".cache" / "build" / "listing").rglob("*.json"))


def test_without_a_demo_the_pages_have_no_demo_block(tmp_path):
    curriculum.write(tmp_path, 3, 1, demo=None)
    assert not any("/// demo" in p.read_text() for p in (tmp_path / "docs").glob("*/*.md"))
