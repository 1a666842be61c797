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
works without JavaScript; learning-panels.js, beside this module, adds the
reveal order and keeps the reader's answers in localStorage under the page's
object key. Each block's options are one spec (`OPTIONS`), run on the Markdown
before conversion, so each mistake stops the build with its line.
"""

import xml.etree.ElementTree as etree
from typing import Any, ClassVar

from hooks.authoring import assets, blocks
from hooks.authoring.blocks import Entry, Queue
from hooks.authoring.errors import Mistake
from hooks.authoring.html import el, literal
from hooks.authoring.scan import BlockHeader
from hooks.authoring.site import Page, Site, SiteBlocks
from hooks.authoring.spec import REQUIRED, Spec, check, is_text
from hooks.learning import handoff_prompt

PLACEMENT_FIX = "write the panel at the top level of the page, not in a block quote."
RUBRIC = [
    "A concrete answer is on the canvas.",
    "The answer names why the claim should hold.",
    "It touches the page context or a neighboring idea.",
]
OBJECT_KINDS = ["concept", "equation", "source", "code witness", "claim", "misconception", "demo state"]
STATIC_STATUS = "With JavaScript on, what you choose and write here is kept in this browser."


def _is_texts(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(is_text(item) for item in value)


def _is_choices(value: Any) -> bool:
    def is_choice(item: Any) -> bool:
        return (
            isinstance(item, dict)
            and set(item) <= {"choice", "feedback", "best"}
            and is_text(item.get("choice"))
            and is_text(item.get("feedback"))
            and isinstance(item.get("best", False), bool)
        )

    return isinstance(value, list) and len(value) >= 2 and all(is_choice(item) for item in value)


TEXTS = check(_is_texts, "a list of one-line texts: `[First, Second]` or `- text` lines")
TEXT = check(is_text, "one line of text")
CHOICES = check(_is_choices, "at least two `- choice: text` items, each with `feedback: text`, one with `best: true`")


def _store(page: Page) -> str:
    """Where the reader's answers are kept: under the page's object key."""
    concept = page.meta.get("concept")
    return f"concept:{concept}" if concept else f"page:{page.src_uri.removesuffix('.md')}"


class LearningPanel(blocks.ConceptBlock):
    """A section: heading, lead, the author's Markdown, the panel's controls, then status and Reset."""

    KIND = "panel"
    ARGUMENT = True
    ARGUMENT_NAME = "question"
    PLACEMENT_FIX = PLACEMENT_FIX
    TITLE: ClassVar[str] = ""
    LEAD: ClassVar[str] = ""

    @classmethod
    def marker(cls, item: Entry) -> str:
        return f'data-panel="{item.id}"'

    def render(self, parent: etree.Element, item: Entry) -> etree.Element:
        self.panel_id, self.text, self.values = item.id, item.argument, item.options
        section = el(
            parent,
            "section",
            class_=f"learning-panel {self.NAME}",
            data_learning_panel=self.NAME,
            data_panel=self.panel_id,
            data_store=_store(self.page),
            aria_labelledby=self.panel_id,
        )
        el(section, "h3", literal(self.TITLE), id=self.panel_id)
        el(section, "p", literal(self.LEAD), class_="learning-panel__lead")
        content = self.build(section)
        footer = el(section, "div", class_="learning-panel__footer")
        el(
            footer,
            "p",
            literal(STATIC_STATUS),
            class_="learning-panel__status",
            role="status",
            data_panel_status="",
        )
        el(
            footer,
            "button",
            literal("Reset this panel"),
            type="button",
            class_="md-button",
            data_reset="",
            hidden="",
        )
        return content

    def build(self, section: etree.Element) -> etree.Element:
        """The panel's middle; returns where the author's Markdown goes."""
        body = el(section, "div", class_="learning-panel__body")
        self.controls(section)
        return body

    def controls(self, section: etree.Element) -> None:
        """The panel's own form controls and revealed content."""

    def radios(
        self, parent: etree.Element, legend: str, labels: list[str], field: str, values: list[str] | None = None
    ) -> etree.Element:
        fieldset = el(parent, "fieldset", class_="learning-panel__choices")
        el(fieldset, "legend", legend)
        for index, label in enumerate(labels):
            row = el(fieldset, "label", class_="learning-panel__choice")
            value = values[index] if values else str(index)
            el(row, "input", type="radio", name=f"{self.panel_id}-{field}", value=value, data_field=field)
            el(row, "span", label)
        return fieldset

    def live(self, parent: etree.Element) -> etree.Element:
        return el(parent, "div", class_="learning-panel__live", aria_live="polite", data_live="")


class Storyboard(LearningPanel):
    NAME = "storyboard"
    OPTIONS: ClassVar[Spec] = {"choices": (REQUIRED, TEXTS)}
    TITLE = "Mechanism Storyboard"
    LEAD = "See the idea move before the page explains it."

    def controls(self, section: etree.Element) -> None:
        self.radios(section, self.text, self.values["choices"], "choice")
        self.live(section)

    def build(self, section: etree.Element) -> etree.Element:
        self.controls(section)
        return el(section, "div", class_="storyboard__frames", data_frames="", tabindex="-1")


class Frame(blocks.ConceptBlock):
    NAME = "frame"
    ARGUMENT = True
    ARGUMENT_NAME = "caption"

    def on_create(self, parent: etree.Element) -> etree.Element:
        queued = self.page.state(Queue).items.get(self.NAME, [])
        if "storyboard__frames" not in parent.get("class", "") or not queued:
            raise self.page.error(
                f"/ {self.NAME} |",
                "a frame stands outside a storyboard.",
                "nest it in `/// storyboard` with one more slash: `//// frame | caption`.",
            )
        return self.render(parent, queued.pop(0))

    def render(self, parent: etree.Element, item: Entry) -> etree.Element:
        figure = el(parent, "figure", class_="storyboard__frame")
        el(figure, "figcaption", item.argument.strip())
        return figure


class Inquiry(LearningPanel):
    NAME = "inquiry"
    OPTIONS: ClassVar[Spec] = {"choices": (REQUIRED, CHOICES)}
    TITLE = "Visual Inquiry"
    LEAD = "Make the image answer a mathematical question."

    @classmethod
    def rules(cls, options: dict[str, Any]) -> None:
        if not any(item.get("best") for item in options["choices"]):
            raise Mistake(
                f"no choice of {cls.block()} is marked `best: true`.",
                "add `best: true` to the choice that should carry the first intuition.",
                "choices",
            )

    def controls(self, section: etree.Element) -> None:
        choices = self.values["choices"]
        self.radios(section, self.text, [item["choice"] for item in choices], "choice")
        self.live(section)
        details = el(section, "details", class_="inquiry__feedback", data_all_feedback="")
        el(details, "summary", literal("Feedback on each choice"))
        listing = el(details, "ol")
        for index, item in enumerate(choices):
            li = el(listing, "li", data_feedback=str(index))
            verdict = "That cue carries the first intuition." if item.get("best") else "Not the first cue."
            el(li, "strong", literal(verdict)).tail = " " + item["feedback"]


class Practice(LearningPanel):
    NAME = "practice"
    ARGUMENT_NAME = "prompt"
    OPTIONS: ClassVar[Spec] = {"hints": (REQUIRED, TEXTS), "answer": (REQUIRED, TEXT), "rubric": (RUBRIC, TEXTS)}
    TITLE = "Practice Loop"
    LEAD = "Try the idea before it explains itself."

    def controls(self, section: etree.Element) -> None:
        field = f"{self.panel_id}-prediction"
        el(section, "label", self.text, for_=field, class_="practice__prompt")
        el(section, "textarea", literal(""), id=field, rows="3", data_field="prediction")
        hints = el(section, "ol", class_="practice__hints")
        for index, hint in enumerate(self.values["hints"]):
            self.reveal(el(hints, "li"), "Reveal when your model needs a nudge", hint, data_hint=str(index))
        self.reveal(section, "Show the answer", self.values["answer"], data_answer="", class_="practice__answer")
        fieldset = el(section, "fieldset", class_="practice__rubric")
        el(fieldset, "legend", literal("Check your answer"))
        for index, item in enumerate(self.values["rubric"]):
            row = el(fieldset, "label", class_="learning-panel__choice")
            el(row, "input", type="checkbox", data_field=f"rubric-{index}")
            el(row, "span", item)

    @staticmethod
    def reveal(parent: etree.Element, summary: str, text: str, **attributes: str) -> None:
        details = el(parent, "details", **attributes)
        el(details, "summary", literal(summary))
        el(details, "div", text, class_="practice__revealed", tabindex="-1")


class ResearchRoom(LearningPanel):
    NAME = "research-room"
    ARGUMENT = False
    OPTIONS: ClassVar[Spec] = {
        "question": (REQUIRED, check(is_text, "one line of text: the open question")),
        "evidence": (REQUIRED, TEXTS),
        "resolves": (REQUIRED, TEXTS),
    }
    TITLE = "Research Room"
    LEAD = "Attach the question to an exact object."

    @classmethod
    def read(cls, header: BlockHeader, options: dict[str, Any]) -> Entry:
        """One research room per page; the handoff prompt names the page's object from its front matter."""
        page = header.page
        if page.state(Queue).items.get(cls.NAME):
            raise page.error_at(
                header.line,
                "the page has a second `/// research-room`.",
                "keep one: the research room's draft is the page's.",
            )
        missing = [key for key in ("concept", "area") if not page.meta.get(key)]
        if missing:
            raise page.error_at(
                header.line,
                f"the research room needs the front matter's `{missing[0]}`.",
                "add `concept:` and `area:` to the front matter: the handoff prompt names them.",
            )
        title = page.meta.get("title") or page.mkdocs.title or page.meta["concept"]
        entry = super().read(header, options)
        entry.options["object"] = handoff_prompt.page_object(page.meta, title)
        return entry

    def controls(self, section: etree.Element) -> None:
        obj, values = self.values["object"], self.values
        section.set("id", obj.anchor)
        facts = el(section, "dl", class_="research-room__facts")
        for term, value in (("Object", obj.title), ("Object key", obj.key), ("Open question", values["question"])):
            el(facts, "dt", literal(term))
            el(facts, "dd", literal(value))
        fieldset = self.radios(
            section,
            literal("What is your question about?"),
            [literal(kind.capitalize()) for kind in OBJECT_KINDS],
            "object",
            OBJECT_KINDS,
        )
        fieldset.find(".//input").set("checked", "")
        for field, label in (("note", "Note"), ("next", "Next action")):
            field_id = f"{self.panel_id}-{field}"
            el(section, "label", literal(label), for_=field_id, class_="research-room__label")
            el(section, "textarea", literal(""), id=field_id, rows="3", data_field=field)
        tools = el(section, "div", class_="research-room__tools", data_tools="", hidden="")
        el(tools, "button", literal("Export draft"), type="button", class_="md-button", data_export="")
        importer = el(tools, "label", literal("Import draft "), class_="md-button")
        el(importer, "input", type="file", accept="application/json,.json", data_import="")
        el(tools, "span", literal(""), role="status", data_tools_status="")
        el(section, "h4", literal("Handoff prompt"))
        lines = handoff_prompt.prompt(
            self.site.config.site_name, obj, values["question"], values["evidence"], values["resolves"]
        )
        pre = el(section, "pre", class_="research-room__prompt", data_prompt="", tabindex="0")
        before, after = lines[1].split(f" {obj.kind} ", 1)
        pre.text = literal("\n".join([*lines[:1], before + " "]))
        kind = el(pre, "span", literal(obj.kind), data_object_kind="")
        kind.tail = literal(" " + after + "\n" + "\n".join(lines[2:]))
        copy = el(section, "div", class_="research-room__copy")
        el(copy, "button", literal("Copy the prompt"), type="button", class_="md-button", data_copy="", hidden="")
        el(copy, "span", literal(""), role="status", data_copy_status="")


BLOCKS = (Storyboard, Frame, Inquiry, Practice, ResearchRoom)


def configure(site: Site) -> None:
    site.config.markdown_extensions.append(SiteBlocks(site, *BLOCKS))
    assets.publish(site, __file__, "learning-panels.css", "learning-panels.js")


def collect(page: Page) -> None:
    """Read and check the page's panel blocks; queue them for the blocks to render."""
    blocks.collect(page, BLOCKS)
