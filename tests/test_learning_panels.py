"""The learning panels: their static HTML on the built page, the handoff prompt, and the build refusing bad blocks."""

import html
import re
import textwrap

import pytest
import yaml

from tests import harness
from tests.conftest import PAGE_SRC, ROOT
from tests.test_grounding import text

RUBRIC = [
    "A concrete answer is on the canvas.",
    "The answer names why the claim should hold.",
    "It touches the page context or a neighboring idea.",
]
BLOCK = re.compile(r"^/// ([\w-]+)(?: \| (.+))?\n((?: {4}.*\n)*)", re.M)


def blocks_in(markdown):
    """{name: (argument, options)} of a page's top-level blocks, read here independently of the hooks."""
    return {
        name: (argument, yaml.safe_load(textwrap.dedent(options)) or {})
        for name, argument, options in BLOCK.findall(markdown)
    }


@pytest.fixture(scope="module")
def page_html(built_site):
    return (built_site / "machine-learning" / "logistic-regression" / "index.html").read_text()


@pytest.fixture(scope="module")
def source():
    return blocks_in(PAGE_SRC.read_text())


def panel(page_html, name):
    start = page_html.index(f'<section aria-labelledby="{name}"')
    end = page_html.index("</section>", start)
    return page_html[start:end]


def test_the_panels_stand_in_the_seeds_order(page_html):
    after = page_html[page_html.index('id="after-the-first-pass"') :]
    names = ["storyboard", "inquiry", "source-grounding", "claim-review", "practice", "research-room"]
    positions = [after.index(f'<section aria-labelledby="{name}"') for name in names]
    assert positions == sorted(positions)
    for name in ["storyboard", "inquiry", "practice", "research-room"]:
        assert 'data-store="concept:machine-learning/logistic-regression"' in panel(page_html, name)


def test_the_storyboard_asks_with_radios_then_shows_its_frames(page_html, source):
    ask, options = source["storyboard"]
    board = panel(page_html, "storyboard")
    assert f"<legend>{ask}</legend>" in board
    for index, choice in enumerate(options["choices"]):
        assert (
            f'<input data-field="choice" name="storyboard-choice" type="radio" value="{index}" /><span>{choice}</span>'
        ) in board
    frames = board[board.index('class="storyboard__frames"') :]
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", frames)
    assert captions == re.findall(r"^//// frame \| (.+)$", PAGE_SRC.read_text(), re.M)
    assert frames.count("<svg") == 3 and frames.count('class="katex-display"') == 3
    assert "hidden" not in frames.split(">", 1)[0]  # without JavaScript the frames are simply there


def test_the_inquiry_has_a_fieldset_a_live_region_and_feedback_for_every_choice(page_html, source):
    question, options = source["inquiry"]
    inquiry = panel(page_html, "inquiry")
    assert f"<legend>{question}</legend>" in inquiry
    assert '<div aria-live="polite" class="learning-panel__live" data-live=""></div>' in inquiry
    assert inquiry.count('type="radio"') == len(options["choices"]) == 3
    feedback = inquiry[inquiry.index("<details") :]
    for index, choice in enumerate(options["choices"]):
        item = text(re.search(rf'<li data-feedback="{index}">(.*?)</li>', feedback, re.S).group(1))
        verdict = "That cue carries the first intuition." if choice.get("best") else "Not the first cue."
        assert item.startswith(verdict)
        # The feedback's prose survives; its math is typeset.
        assert re.sub(r"\$[^$]+\$", "", choice["feedback"]).split(".")[0].split(",")[0][:30] in html.unescape(item)


def test_the_practice_loop_has_a_prediction_box_hints_an_answer_and_the_rubric(page_html, source):
    prompt, options = source["practice"]
    practice = panel(page_html, "practice")
    assert f'<label class="practice__prompt" for="practice-prediction">{prompt}</label>' in practice
    assert '<textarea data-field="prediction" id="practice-prediction"' in practice
    hints = re.findall(r'<details data-hint="(\d)">\s*<summary>(.*?)</summary>', practice)
    assert hints == [(str(i), "Reveal when your model needs a nudge") for i in range(len(options["hints"]))]
    assert practice.index('data-hint="2"') < practice.index("data-answer")
    assert re.findall(r'type="checkbox" /><span>(.*?)</span>', practice) == RUBRIC
    assert 'data-reset="" hidden=""' in practice


def test_the_research_room_shows_its_object_draft_fields_and_the_prompt(page_html):
    room = panel(page_html, "research-room")
    assert 'id="concept/concept-notebook/machine-learning/logistic-regression"' in room
    kinds = re.findall(r'name="research-room-object" type="radio" value="([^"]+)"', room)
    assert kinds == ["concept", "equation", "source", "code witness", "claim", "misconception", "demo state"]
    assert '<input checked="" data-field="object"' in room
    assert '<textarea data-field="note" id="research-room-note"' in room
    assert '<textarea data-field="next" id="research-room-next"' in room
    assert '<button class="md-button" data-copy="" hidden="" type="button">Copy the prompt</button>' in room


def expected_prompt(meta, options, site_name):
    """The seed's handoff prompt, from the page's front matter and the research room's options."""
    concept = meta["concept"]
    lines = [
        f"I am working in {site_name}' research reading room.",
        f"Object: concept - {meta['title']}",
        f"Object key: concept:{concept}",
        f"Context: {meta['area']}",
        f"Anchor id: concept/concept-notebook/{concept}",
        f"Open question: {options['question']}",
        "Evidence to inspect:",
        f"- Source ids to inspect: {', '.join(meta['sources'])}",
        *[f"- {item}" for item in options["evidence"]],
        "What would resolve this:",
        *[f"- {item}" for item in options["resolves"]],
        "Answer as a careful research tutor: stay source-grounded, separate verified evidence from assumptions, "
        "name the relevant math objects, and end with one next action.",
    ]
    return "\n".join(lines)


def test_the_handoff_prompt_is_built_from_the_pages_front_matter(page_html, source):
    meta = yaml.safe_load(PAGE_SRC.read_text().split("---\n")[1])
    site_name = yaml.safe_load(re.search(r"^site_name:.*$", (ROOT / "mkdocs.yml").read_text(), re.M).group(0))
    prompt = re.search(r'<pre class="research-room__prompt"[^>]*>(.*?)</pre>', page_html, re.S).group(1)
    assert '<span data-object-kind="">concept</span>' in prompt
    assert html.unescape(re.sub(r"<[^>]+>", "", prompt)) == expected_prompt(
        meta, source["research-room"][1], site_name["site_name"]
    )


def test_the_guide_shows_every_panel_built(built_site):
    guide = (built_site / "authoring" / "index.html").read_text()
    for name in ["storyboard", "inquiry", "practice"]:
        assert f'data-learning-panel="{name}"' in guide
    assert 'data-store="page:authoring"' in guide
    # The guide has no `concept`: its research room is only shown, and links to the built one.
    assert "/// research-room" in (ROOT / "docs" / "authoring.md").read_text()
    assert 'data-learning-panel="research-room"' not in guide


# A throwaway page with every panel.

PAGE = "---\ntitle: T\nconcept: t/topic\narea: Testing\n---\n\nIntro.\n\n"
STORY = "/// storyboard | Which change?\n    choices: [A, B]\n\n//// frame | One\nA frame.\n////\n///\n"
INQUIRY = (
    "/// inquiry | Which cue?\n    choices:\n      - choice: A\n        feedback: Yes.\n        best: true\n"
    "      - choice: B\n        feedback: No.\n///\n"
)
PRACTICE = "/// practice | Predict.\n    hints: [One]\n    answer: The answer.\n///\n"
ROOM = "/// research-room\n    question: Why?\n    evidence: [E]\n    resolves: [R]\n///\n"


def test_valid_panels_build(tmp_path):
    out = harness.convert(tmp_path, {"index.md": PAGE + STORY + INQUIRY + PRACTICE + ROOM})["index.md"]
    for name in ["storyboard", "inquiry", "practice", "research-room"]:
        assert f'data-learning-panel="{name}"' in out and 'data-store="concept:t/topic"' in panel(out, name)
    prompt = html.unescape(re.sub(r"<[^>]+>", "", panel(out, "research-room").split("research-room__prompt", 1)[1]))
    assert "Object key: concept:t/topic\nContext: Testing\n" in prompt
