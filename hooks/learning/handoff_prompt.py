"""The Research Room's handoff prompt: a question for a tutor, built from the page's metadata.

The prompt names the page's object key, area and anchor, the open question,
the sources to inspect and what would resolve the question, so whoever answers
it starts from the same object the reader was looking at.
"""

from dataclasses import dataclass
from typing import Any

TUTOR = (
    "Answer as a careful research tutor: stay source-grounded, separate verified evidence from assumptions, "
    "name the relevant math objects, and end with one next action."
)


@dataclass(frozen=True)
class PageObject:
    """What the page is about, as its front matter names it."""

    kind: str
    title: str
    key: str
    area: str
    anchor: str
    sources: tuple


def page_object(meta: dict[str, Any], title: str) -> PageObject:
    """The page's object from its front matter (`concept`, `area`, `sources`) and title."""
    concept = meta["concept"]
    sources = tuple(str(entry).split(",")[0].strip() for entry in meta.get("sources", []))
    return PageObject(
        "concept", title, f"concept:{concept}", meta["area"], f"concept/concept-notebook/{concept}", sources
    )


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def prompt(site_name: str, obj: PageObject, question: str, evidence: list[str], resolves: list[str]) -> list[str]:
    """The prompt's lines; the object's kind is the second line's `Object: KIND - title`."""
    lines = [
        f"I am working in {possessive(site_name)} research reading room.",
        f"Object: {obj.kind} - {obj.title}",
        f"Object key: {obj.key}",
        f"Context: {obj.area}",
        f"Anchor id: {obj.anchor}",
        f"Open question: {question}",
        "Evidence to inspect:",
    ]
    if obj.sources:
        lines.append(f"- Source ids to inspect: {', '.join(obj.sources)}")
    lines += [f"- {item}" for item in evidence]
    lines.append("What would resolve this:")
    lines += [f"- {item}" for item in resolves]
    lines.append(TUTOR)
    return lines
