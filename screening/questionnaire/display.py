"""Answers in plain words, section by section, for the review page, the PDF and staff pages."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from . import SECTIONS
from .model import CHOICE, CONSENT, DATE, GROUP, MULTI, NOT_SURE, Question, Section, is_blank


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


def answer_text(question: Question, value: Any) -> str:
    if question.type == CHOICE:
        option = question.option(value)
        return option.label if option else str(value)
    if question.type == MULTI:
        return "; ".join(answer_text_of_option(question, item) for item in value)
    if question.type == CONSENT:
        return question.options[0].label if value and question.options else ("Yes" if value else "No")
    if question.type == DATE:
        return format_date(date.fromisoformat(value))
    if question.type == GROUP:
        return "\n".join(
            ", ".join(f"{column.label}: {answer_text(column, row[column.id])}" for column in question.columns
                      if column.id in row)
            for row in value
        )
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value} {question.unit}".strip()


def answer_text_of_option(question: Question, value: str) -> str:
    option = question.option(value)
    return option.label if option else value


def format_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


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
