"""Answers in plain words, section by section, for the review page, the PDF and staff pages."""

from dataclasses import dataclass
from typing import Any

from . import SECTIONS
from .model import NOT_SURE, Question, Section, is_blank
from .types import answer_text


@dataclass(frozen=True)
class AnswerRow:
    question: Question
    text: str
    answered: bool
    not_sure: bool


@dataclass(frozen=True)
class SectionRows:
    section: Section
    rows: list[AnswerRow]


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
