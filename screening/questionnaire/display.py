"""Answers in plain words, section by section, for the review page, the PDF and staff pages."""

from dataclasses import dataclass
from typing import Any

from . import SECTIONS
from .model import EMAIL, LONG_TEXT, NOT_SURE, PHONE, TEXT, Question, Section, is_blank
from .types import answer_text


@dataclass(frozen=True)
class AnswerRow:
    question: Question
    text: str
    answered: bool
    not_sure: bool


# Boxes where an empty answer usually means "nothing to add" rather than a question passed over.
FREE_TEXT = frozenset({TEXT, LONG_TEXT, EMAIL, PHONE})


@dataclass(frozen=True)
class SectionRows:
    section: Section
    rows: list[AnswerRow]

    @property
    def answered(self) -> int:
        return sum(1 for row in self.rows if row.answered)

    @property
    def left_empty(self) -> int:
        """Blanks the patient may have passed over by mistake: a question they must answer before sending, or a
        choice, number or date left empty (a choice offers "Not sure" or "I would rather not say", so an empty one
        is more likely missed than meant). An empty free-text box usually means nothing to add, so is not counted:
        "2 left empty" for it would only worry the patient."""
        return sum(1 for row in self.rows
                   if not row.answered and (row.question.is_required or row.question.type not in FREE_TEXT))

    @property
    def needs_a_look(self) -> bool:
        return self.left_empty > 0


def is_not_sure(value: Any) -> bool:
    return value == NOT_SURE or (isinstance(value, list) and NOT_SURE in value)


def section_rows(section: Section, answers: dict[str, Any]) -> SectionRows:
    rows = []
    for question in section.visible(answers):
        value = answers.get(question.id)
        answered = not is_blank(value)
        rows.append(
            AnswerRow(
                question=question,
                text=answer_text(question, value) if answered else "Not answered",
                answered=answered,
                not_sure=answered and is_not_sure(value),
            )
        )
    return SectionRows(section, rows)


def review_rows(answers: dict[str, Any]) -> list[SectionRows]:
    return [section_rows(section, answers) for section in SECTIONS]
