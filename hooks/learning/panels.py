"""The learning panels of "After The First Pass": storyboard, inquiry, practice and research room.

    /// storyboard | Before reading further, choose the kind of change to watch for.
        choices: [The line tilts, The curve bends]
    //// frame | The score line
    Markdown: an image, inline SVG or a formula.
    ////
    ///

    /// inquiry | Which visible object should carry the first intuition?
        choices:
          - choice: The sigmoid curve
            feedback: Why it is or is not the first cue.
            best: true
    ///

    /// practice | Predict one visible change.
        hints: [First nudge, Second nudge]
        answer: The answer.
    ///

    /// research-room
        question: The open question.
        evidence: [What to inspect]
        resolves: [What would settle it]
    ///

Every panel renders complete, readable HTML (answers in <details>), so the page
works without JavaScript; docs/javascripts/learning-panels.js adds the reveal
order and keeps the reader's answers in localStorage under the page's object
key. Options are read from the Markdown before conversion, so each mistake
stops the build with its line.
"""

import xml.etree.ElementTree as etree
from collections import defaultdict

from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block, type_any

from hooks.authoring import assets
from hooks.authoring.errors import AuthorError, CurrentPage, error_at, page_error
from hooks.authoring.scan import find_blocks
from hooks.learning import handoff_prompt

PLACEMENT_FIX = "write the panel at the top level of the page, not in a block quote."
RUBRIC = [
    "A concrete answer is on the canvas.",
    "The answer names why the claim should hold.",
    "It touches the page context or a neighboring idea.",
]
OBJECT_KINDS = ["concept", "equation", "source", "code witness", "claim", "misconception", "demo state"]
STATIC_STATUS = "With JavaScript on, what you choose and write here is kept in this browser."


def _text(value):
    return isinstance(value, str) and bool(value.strip())


def _texts(value):
    return isinstance(value, list) and bool(value) and all(_text(item) for item in value)


def _choices(value):
    def choice(item):
        return (
            isinstance(item, dict)
            and set(item) <= {"choice", "feedback", "best"}
            and _text(item.get("choice"))
            and _text(item.get("feedback"))
            and isinstance(item.get("best", False), bool)
        )

    return isinstance(value, list) and len(value) >= 2 and all(choice(item) for item in value)


# Per block: what its argument is (None: it takes none), then each option: (required, check, what it holds).
TEXTS = (_texts, "a list of one-line texts: `[First, Second]` or `- text` lines")
SPECS = {
    "storyboard": (
        "question",
        {
            "choices": (True, *TEXTS),
        },
    ),
    "frame": ("caption", {}),
    "inquiry": (
        "question",
        {
            "choices": (
                True,
                _choices,
                "at least two `- choice: text` items, each with `feedback: text`, one with `best: true`",
            ),
        },
    ),
    "practice": (
        "prompt",
        {
            "hints": (True, *TEXTS),
            "answer": (True, _text, "one line of text"),
            "rubric": (False, *TEXTS),
        },
    ),
    "research-room": (
        None,
        {
            "question": (True, _text, "one line of text: the open question"),
            "evidence": (True, *TEXTS),
            "resolves": (True, *TEXTS),
        },
    ),
}


class Panels:
    """The current page's panels by block name, in page order, and where its reader's answers are kept."""

    queued = defaultdict(list)
    expected = []
    store = ""
    site_name = ""


def configure(config):
    Panels.site_name = config.site_name
    config.markdown_extensions.append(LearningPanelsExtension())
    assets.publish(config, __file__, "learning-panels.css", "learning-panels.js")


def collect(markdown, page):
    """Read and check the page's panel blocks; remember their options for the blocks to render."""
    Panels.queued, Panels.expected = defaultdict(list), []
    concept = page.meta.get("concept")
    Panels.store = f"concept:{concept}" if concept else f"page:{page.file.src_uri.removesuffix('.md')}"
    counts = defaultdict(int)
    for header in find_blocks(markdown, set(SPECS), CurrentPage.first_line):
        options = _read(header)
        counts[header.name] += 1
        panel_id = header.name if counts[header.name] == 1 else f"{header.name}-{counts[header.name]}"
        if header.name == "research-room":
            if counts[header.name] > 1:
                raise error_at(
                    header.line,
                    "the page has a second `/// research-room`.",
                    "keep one: the research room's draft is the page's.",
                )
            options["object"] = _page_object(page, header.line)
        Panels.queued[header.name].append((panel_id, header.argument, options))
        if header.name != "frame":
            Panels.expected.append((panel_id, header.line))


def _read(header):
    argument, specs = SPECS[header.name]
    block = f"`/// {header.name}`"
    if argument is None and header.argument is not None:
        raise error_at(header.line, f"{block} takes no title.", f"write {block} alone on its line.")
    if argument and not (header.argument or "").strip():
        raise error_at(header.line, f"{block} has no {argument}.", f"write it after a bar: `/// {header.name} | ...`.")
    options = header.options(tuple(specs))
    for name, (required, check, holds) in specs.items():
        if name not in options:
            if required:
                raise error_at(header.line, f"{block} has no `{name}` option.", f"add `{name}:`, {holds}.")
        elif not check(options[name]):
            raise error_at(
                header.option_line(name), f"the `{name}` of {block} is not {holds}.", f"write `{name}:` as {holds}."
            )
    if header.name == "inquiry" and not any(item.get("best") for item in options["choices"]):
        raise error_at(
            header.option_line("choices"),
            f"no choice of {block} is marked `best: true`.",
            "add `best: true` to the choice that should carry the first intuition.",
        )
    return options


def _page_object(page, line):
    missing = [key for key in ("concept", "area") if not page.meta.get(key)]
    if missing:
        raise error_at(
            line,
            f"the research room needs the front matter's `{missing[0]}`.",
            "add `concept:` and `area:` to the front matter: the handoff prompt names them.",
        )
    return handoff_prompt.page_object(page.meta, page.meta.get("title") or page.title or page.meta["concept"])


def check_rendered(html):
    """Every panel read from the page's Markdown must be on the rendered page."""
    for panel_id, line in Panels.expected:
        if f'data-panel="{panel_id}"' not in html:
            raise AuthorError(
                CurrentPage.src_path, line, f"the panel `{panel_id}` did not make it onto the page.", PLACEMENT_FIX
            )


def _accepts(name):
    """pymdownx accepts every option: collect() has already checked them, naming their lines."""
    return {option: (None, type_any) for option in SPECS[name][1]}


def _el(parent, tag, text=None, **attributes):
    """A child element; `text` is inline Markdown, an AtomicString stays literal."""
    el = etree.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attributes.items()})
    if text is not None:
        el.text = text
    return el


class LearningPanel(Block):
    """A section: heading, lead, the author's Markdown, the panel's controls, then status and Reset."""

    ARGUMENT = True
    TITLE = LEAD = ""

    def __init_subclass__(cls):
        cls.OPTIONS = _accepts(cls.NAME)

    def on_create(self, parent):
        queued = Panels.queued[self.NAME]
        if not queued:
            raise page_error(f"/// {self.NAME}", "this panel stands where it cannot be read.", PLACEMENT_FIX)
        self.panel_id, self.text, self.values = queued.pop(0)
        section = _el(
            parent,
            "section",
            class_=f"learning-panel {self.NAME}",
            data_learning_panel=self.NAME,
            data_panel=self.panel_id,
            data_store=Panels.store,
            aria_labelledby=self.panel_id,
        )
        _el(section, "h3", AtomicString(self.TITLE), id=self.panel_id)
        _el(section, "p", AtomicString(self.LEAD), class_="learning-panel__lead")
        content = self.build(section)
        footer = _el(section, "div", class_="learning-panel__footer")
        _el(
            footer,
            "p",
            AtomicString(STATIC_STATUS),
            class_="learning-panel__status",
            role="status",
            data_panel_status="",
        )
        _el(
            footer,
            "button",
            AtomicString("Reset this panel"),
            type="button",
            class_="md-button",
            data_reset="",
            hidden="",
        )
        return content

    def build(self, section):
        """The panel's middle; returns where the author's Markdown goes."""
        body = _el(section, "div", class_="learning-panel__body")
        self.controls(section)
        return body

    def controls(self, section):
        """The panel's own form controls and revealed content."""

    def radios(self, parent, legend, labels, field, values=None):
        fieldset = _el(parent, "fieldset", class_="learning-panel__choices")
        _el(fieldset, "legend", legend)
        for index, label in enumerate(labels):
            row = _el(fieldset, "label", class_="learning-panel__choice")
            value = values[index] if values else str(index)
            _el(row, "input", type="radio", name=f"{self.panel_id}-{field}", value=value, data_field=field)
            _el(row, "span", label)
        return fieldset

    def live(self, parent):
        return _el(parent, "div", class_="learning-panel__live", aria_live="polite", data_live="")


class Storyboard(LearningPanel):
    NAME = "storyboard"
    TITLE = "Mechanism Storyboard"
    LEAD = "See the idea move before the page explains it."

    def controls(self, section):
        self.radios(section, self.text, self.values["choices"], "choice")
        self.live(section)

    def build(self, section):
        self.controls(section)
        return _el(section, "div", class_="storyboard__frames", data_frames="", tabindex="-1")


class Frame(Block):
    NAME = "frame"
    OPTIONS = _accepts("frame")
    ARGUMENT = True

    def on_create(self, parent):
        queued = Panels.queued[self.NAME]
        if "storyboard__frames" not in parent.get("class", "") or not queued:
            raise page_error(
                f"/ {self.NAME} |",
                "a frame stands outside a storyboard.",
                "nest it in `/// storyboard` with one more slash: `//// frame | caption`.",
            )
        _, caption, _ = queued.pop(0)
        figure = _el(parent, "figure", class_="storyboard__frame")
        _el(figure, "figcaption", caption.strip())
        return figure


class Inquiry(LearningPanel):
    NAME = "inquiry"
    TITLE = "Visual Inquiry"
    LEAD = "Make the image answer a mathematical question."

    def controls(self, section):
        choices = self.values["choices"]
        self.radios(section, self.text, [item["choice"] for item in choices], "choice")
        self.live(section)
        details = _el(section, "details", class_="inquiry__feedback", data_all_feedback="")
        _el(details, "summary", AtomicString("Feedback on each choice"))
        listing = _el(details, "ol")
        for index, item in enumerate(choices):
            li = _el(listing, "li", data_feedback=str(index))
            verdict = "That cue carries the first intuition." if item.get("best") else "Not the first cue."
            _el(li, "strong", AtomicString(verdict)).tail = " " + item["feedback"]


class Practice(LearningPanel):
    NAME = "practice"
    TITLE = "Practice Loop"
    LEAD = "Try the idea before it explains itself."

    def controls(self, section):
        field = f"{self.panel_id}-prediction"
        _el(section, "label", self.text, for_=field, class_="practice__prompt")
        _el(section, "textarea", AtomicString(""), id=field, rows="3", data_field="prediction")
        hints = _el(section, "ol", class_="practice__hints")
        for index, hint in enumerate(self.values["hints"]):
            self.reveal(_el(hints, "li"), "Reveal when your model needs a nudge", hint, data_hint=str(index))
        self.reveal(section, "Show the answer", self.values["answer"], data_answer="", class_="practice__answer")
        fieldset = _el(section, "fieldset", class_="practice__rubric")
        _el(fieldset, "legend", AtomicString("Check your answer"))
        for index, item in enumerate(self.values.get("rubric", RUBRIC)):
            row = _el(fieldset, "label", class_="learning-panel__choice")
            _el(row, "input", type="checkbox", data_field=f"rubric-{index}")
            _el(row, "span", item)

    @staticmethod
    def reveal(parent, summary, text, **attributes):
        details = _el(parent, "details", **attributes)
        _el(details, "summary", AtomicString(summary))
        _el(details, "div", text, class_="practice__revealed", tabindex="-1")


class ResearchRoom(LearningPanel):
    NAME = "research-room"
    ARGUMENT = False
    TITLE = "Research Room"
    LEAD = "Attach the question to an exact object."

    def controls(self, section):
        obj, values = self.values["object"], self.values
        section.set("id", obj.anchor)
        facts = _el(section, "dl", class_="research-room__facts")
        for term, value in (("Object", obj.title), ("Object key", obj.key), ("Open question", values["question"])):
            _el(facts, "dt", AtomicString(term))
            _el(facts, "dd", AtomicString(value))
        fieldset = self.radios(
            section,
            AtomicString("What is your question about?"),
            [AtomicString(kind.capitalize()) for kind in OBJECT_KINDS],
            "object",
            OBJECT_KINDS,
        )
        fieldset.find(".//input").set("checked", "")
        for field, label in (("note", "Note"), ("next", "Next action")):
            field_id = f"{self.panel_id}-{field}"
            _el(section, "label", AtomicString(label), for_=field_id, class_="research-room__label")
            _el(section, "textarea", AtomicString(""), id=field_id, rows="3", data_field=field)
        tools = _el(section, "div", class_="research-room__tools", data_tools="", hidden="")
        _el(tools, "button", AtomicString("Export draft"), type="button", class_="md-button", data_export="")
        importer = _el(tools, "label", AtomicString("Import draft "), class_="md-button")
        _el(importer, "input", type="file", accept="application/json,.json", data_import="")
        _el(tools, "span", AtomicString(""), role="status", data_tools_status="")
        _el(section, "h4", AtomicString("Handoff prompt"))
        lines = handoff_prompt.prompt(Panels.site_name, obj, values["question"], values["evidence"], values["resolves"])
        pre = _el(section, "pre", class_="research-room__prompt", data_prompt="", tabindex="0")
        before, after = lines[1].split(f" {obj.kind} ", 1)
        pre.text = AtomicString("\n".join(lines[:1] + [before + " "]))
        kind = _el(pre, "span", AtomicString(obj.kind), data_object_kind="")
        kind.tail = AtomicString(" " + after + "\n" + "\n".join(lines[2:]))
        copy = _el(section, "div", class_="research-room__copy")
        _el(copy, "button", AtomicString("Copy the prompt"), type="button", class_="md-button", data_copy="", hidden="")
        _el(copy, "span", AtomicString(""), role="status", data_copy_status="")


class LearningPanelsExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md, block_mgr):
        for block in (Storyboard, Frame, Inquiry, Practice, ResearchRoom):
            block_mgr.register(block, {})
