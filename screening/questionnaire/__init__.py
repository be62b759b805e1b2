"""The one definition of everything the intake asks, in the order patients see it.

Each section lives in its own module; this module puts them in order and indexes every question by
its stable id. Nothing here imports Flask.
"""

from .model import Question, Section
from .sections import (
    about_you,
    heart,
    medicines,
    mood,
    other_health,
    reasons,
    safety,
    substances,
)

SECTIONS: tuple[Section, ...] = tuple(
    module.SECTION
    for module in (
        about_you, reasons, mood, safety, substances, heart, other_health, medicines,
    )
)


def _index() -> tuple[dict[str, Question], dict[str, Section]]:
    questions: dict[str, Question] = {}
    sections: dict[str, Section] = {}
    for section in SECTIONS:
        for question in section.questions:
            if question.id in questions:
                raise ValueError(f"question id {question.id!r} is defined twice")
            questions[question.id] = question
            sections[question.id] = section
    return questions, sections


QUESTIONS, SECTION_OF = _index()
SECTION_BY_ID: dict[str, Section] = {section.id: section for section in SECTIONS}


def step_number(section: Section) -> int:
    return SECTIONS.index(section) + 1


def next_section(section: Section) -> Section | None:
    position = SECTIONS.index(section)
    return SECTIONS[position + 1] if position + 1 < len(SECTIONS) else None


def previous_section(section: Section) -> Section | None:
    position = SECTIONS.index(section)
    return SECTIONS[position - 1] if position > 0 else None
