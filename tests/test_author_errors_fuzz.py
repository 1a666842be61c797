"""Random pages around the site's blocks: the build either succeeds or names a place and a fix, never a traceback.

Each example is converted in process by the hooks (tests/harness.py), in tens of milliseconds; the run is
derandomized: CI sees the same pages.
"""

import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hooks.authoring.errors import AuthorError
from hooks.grounding.claims import ClaimBlock
from hooks.learning.panels import Inquiry, Practice, ResearchRoom, Storyboard
from tests import harness

REAL_KEYS = ["cs229-logistic-regression", "goodfellow-2016-deep-learning"]
KEYS = [*REAL_KEYS, "nope", "cs229", "Goodfellow"]
JUNK_OPTIONS = ["colour", "title", "Id", "best", "choice", "1", "x y"]
# Block name -> what follows its bar (None: nothing may), its options.
BLOCKS = {
    "claim": ("A statement.", list(ClaimBlock.OPTIONS)),
    "demo": ("logistic-regression", []),
    "storyboard": ("Which change?", list(Storyboard.OPTIONS)),
    "inquiry": ("Which cue?", list(Inquiry.OPTIONS)),
    "practice": ("Predict.", list(Practice.OPTIONS)),
    "research-room": (None, list(ResearchRoom.OPTIONS)),
    "source-grounding": (None, []),
    "claim-review": (None, []),
    "learning-map": (None, []),
}
FRONT_MATTER = [
    "",
    "---\ntitle: T\n---\n\n",
    "---\ntitle: T\nconcept: t/topic\narea: Testing\n---\n\n",
    "---\ntitle: T\nsources: [cs229-logistic-regression]\n---\n\n",
]
# A block's name written as text: what pymdownx leaves behind when it silently drops a block.
LEFT_AS_TEXT = re.compile(r"/{3,} *(?:" + "|".join(map(re.escape, BLOCKS)) + r")\b")

words = st.sampled_from(
    [
        "a",
        "b",
        "Yes.",
        "No.",
        "x: y",
        "[a",
        "@k",
        "`c`",
        "needs-review",
        "reviewed",
        "disputed",
        "2026-01-01",
        "2026-13-01",
        "2099-01-01",
        "c",
        "Core Mechanism",
        "",
    ]
)
scalars = st.one_of(words, st.sampled_from(KEYS), st.integers(-2, 3), st.booleans(), st.none())
choice = st.fixed_dictionaries({"choice": words, "feedback": words}, optional={"best": st.booleans()})
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.lists(choice, min_size=1, max_size=3))


@st.composite
def options(draw, names):
    """Option lines: YAML of random real and junk names, sometimes broken, at a random indentation."""
    chosen = draw(st.dictionaries(st.sampled_from(names + JUNK_OPTIONS), values, max_size=4))
    flow = draw(st.sampled_from([None, True, False]))
    text = yaml.safe_dump(chosen, default_flow_style=flow, allow_unicode=True, sort_keys=False) if chosen else ""
    lines = [line for line in text.splitlines() if line and line != "{}"]
    if draw(st.booleans()):
        lines.insert(
            draw(st.integers(0, len(lines))),
            draw(st.sampled_from(["key: [unclosed", "a: b: c", ": x", "- item", "\tname: tab", "id: {", "'quoted"])),
        )
    indent = " " * draw(st.sampled_from([4, 4, 4, 2, 6, 8]))
    return [indent + line for line in lines]


@st.composite
def block(draw):
    name = draw(st.sampled_from(sorted(BLOCKS)))
    argument, names = BLOCKS[name]
    bar = draw(st.sampled_from([argument, None, "Junk title", "no-such-demo"])) if draw(st.booleans()) else argument
    lines = [f"/// {name}" + (f" | {bar}" if bar is not None else "")]
    lines += draw(options(names))
    lines.append("")
    if name == "storyboard" and draw(st.booleans()):
        lines += ["//// frame | One", "A frame.", "////"]
    lines += [draw(st.sampled_from(["Body text.", "", f"See [@{draw(st.sampled_from(KEYS))}]."])), "///"]
    return "\n".join(lines)


@st.composite
def chunk(draw):
    key = draw(st.sampled_from(KEYS))
    kind = draw(
        st.sampled_from(["paragraph", "list", "fence", "quote", "stray", "cite", "block", "block", "block", "nested"])
    )
    if kind == "paragraph":
        return draw(st.sampled_from(["Plain text.", "Text with `code` and $x$.", "A: b: c", "- - -"]))
    if kind == "list":
        return f"- one\n- two [@{key}]\n    - nested"
    if kind == "fence":
        return "```python\n/// claim | In code.\n[@nope]\n```"
    if kind == "quote":
        return f"> Quoted [@{key}].\n> More."
    if kind == "stray":
        return draw(st.sampled_from(["///", "////", "/// ", "/// |", "/// | x"]))
    if kind == "cite":
        return draw(
            st.sampled_from(
                [f"See [@{key}].", f"See [@{key}, ch. 2].", f"[@{key}; @nope]", f"[@{key}; {key}]", "[@]", "[@a b]"]
            )
        )
    inner = draw(block())
    if kind == "nested":
        prefix = draw(st.sampled_from(["> ", "    ", "- ", "  "]))
        return "\n".join(prefix + line if line else line for line in inner.splitlines())
    return inner


pages = st.builds(
    lambda front, chunks: front + "\n\n".join(chunks) + "\n",
    st.sampled_from(FRONT_MATTER),
    st.lists(chunk(), min_size=1, max_size=5),
)


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(page=pages)
def test_a_random_page_builds_or_names_where_and_the_fix(page):
    with tempfile.TemporaryDirectory() as tmp:
        try:
            html = harness.convert(Path(tmp), {"index.md": page})["index.md"]
        except AuthorError as error:  # any other exception fails the test: an author would see a traceback
            assert re.fullmatch(r"docs/index\.md:\d+: .+ Fix: .+", str(error), re.S), str(error)
            return
        text = re.sub(r"(?s)<pre.*?</pre>|<code.*?</code>", "", html)
        assert not LEFT_AS_TEXT.search(text), f"a block was silently left as text:\n{page}"
