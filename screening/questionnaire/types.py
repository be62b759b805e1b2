"""Question types, one record each: how an answer of the type is checked and stored, shown in words, written as
an input, taken by a form, and exported to FHIR. Code that would otherwise branch on a question's type reads
its record here instead, so a new type is added in one place.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from email_validator import EmailNotValidError, validate_email

from .model import (
    CHOICE,
    CONSENT,
    DATE,
    DECIMAL,
    EMAIL,
    GROUP,
    INTEGER,
    LONG_TEXT,
    MULTI,
    NOT_SURE,
    NOT_SURE_LABEL,
    PHONE,
    TEXT,
    Question,
)

PHONE_PATTERN = re.compile(r"^\+?[0-9 ().\-]{6,30}$")


class AnswerError(ValueError):
    """A bad key or value, with the question id that holds it."""

    def __init__(self, key: str, message: str):
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


@dataclass(frozen=True)
class QuestionType:
    """`check` returns a value in its stored form or raises AnswerError; `text` says a stored value in words.
    `input` is how the page writes it (options, consent, rows, textarea, or an <input> of `html_type`), and
    `in_box` writes a stored value back into that input; `field` names the form field that reads it back, and
    `parse` reads one posted string leniently, only to decide which follow-ups apply. `shape` is how many values
    an answer holds: one, many (a checklist) or rows (a table). `fhir_type` and `fhir_value` are its FHIR item
    type and answer value[x]; `fhir_control` its SDC item control."""

    name: str
    check: Callable[[Question, Any, date, str], Any]
    text: Callable[[Question, Any], str]
    input: str
    field: str
    fhir_type: str
    fhir_value: str
    html_type: str = ""
    inputmode: str = ""
    is_text: bool = False
    shape: str = "one"
    parse: Callable[[str | None], Any] = lambda posted: posted
    in_box: Callable[[Any], str] = str
    required_message: str = "Please answer this question."
    fhir_control: str = ""

    @property
    def has_options(self) -> bool:
        return self.input == "options"

    @property
    def is_number(self) -> bool:
        return self.fhir_type in ("integer", "decimal")


def format_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def option_text(question: Question, value: str) -> str:
    option = question.option(value)
    return option.label if option else str(value)


def date_bounds(question: Question, today: date) -> tuple[date | None, date | None]:
    earliest = today + timedelta(days=question.min_value) if question.min_value is not None else None
    latest = today + timedelta(days=question.max_value) if question.max_value is not None else None
    return earliest, latest


def date_problem(question: Question, value: date, today: date) -> str | None:
    earliest, latest = date_bounds(question, today)
    if latest is not None and value > latest:
        return "The date cannot be in the future." if question.max_value == 0 else "This date is too far ahead."
    if earliest is not None and value < earliest:
        return "This date is too long ago. Please check the year."
    return None


def number_problem(question: Question, value: Any) -> str | None:
    """Out of range, or not a finite number at all (NaN, infinity)."""
    low, high = question.min_value, question.max_value
    unit = f" {question.unit}" if question.unit else ""
    message = f"Enter a number between {low:g} and {high:g}{unit}."
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return message
    if not math.isfinite(number) or (low is not None and number < low) or (high is not None and number > high):
        return message
    return None


def check_text(question: Question, value: Any, today: date, key: str) -> str:
    if not isinstance(value, str):
        raise AnswerError(key, "must be text")
    if len(value) > question.text_limit:
        raise AnswerError(key, f"is longer than {question.text_limit} characters")
    return value


def check_email(question: Question, value: Any, today: date, key: str) -> str:
    check_text(question, value, today, key)
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise AnswerError(key, f"{value!r} is not an email address") from None
    return value


def check_phone(question: Question, value: Any, today: date, key: str) -> str:
    check_text(question, value, today, key)
    if not PHONE_PATTERN.match(value):
        raise AnswerError(key, f"{value!r} is not a phone number")
    return value


def check_date(question: Question, value: Any, today: date, key: str) -> str:
    try:
        parsed = date.fromisoformat(value)
    except (TypeError, ValueError):
        raise AnswerError(key, f"{value!r} is not a date like 1985-03-27") from None
    problem = date_problem(question, parsed, today)
    if problem:
        raise AnswerError(key, problem)
    return value


def check_number(question: Question, value: Any, today: date, key: str, whole: bool) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
            or (whole and value != int(value)):
        raise AnswerError(key, f"{value!r} is not a {'whole ' if whole else ''}number")
    problem = number_problem(question, value)
    if problem:
        raise AnswerError(key, problem)
    return int(value) if whole else value


def check_option(question: Question, value: Any, key: str) -> None:
    if question.option(value) is None:
        raise AnswerError(key, f"{value!r} is not one of {[option.value for option in question.options]}")


def check_choice(question: Question, value: Any, today: date, key: str) -> str:
    check_option(question, value, key)
    return value


def check_multi(question: Question, value: Any, today: date, key: str) -> list[str]:
    if not isinstance(value, list) or not value:
        raise AnswerError(key, "must be a non-empty list of options")
    for item in value:
        check_option(question, item, key)
    return value


def check_consent(question: Question, value: Any, today: date, key: str) -> bool:
    if value is not True:
        raise AnswerError(key, "must be true (consent given)")
    return value


def check_rows(question: Question, rows: Any, today: date, key: str) -> list[dict[str, Any]]:
    if not isinstance(rows, list) or len(rows) > question.rows:
        raise AnswerError(key, f"must be a list of at most {question.rows} rows")
    columns = {column.id: column for column in question.columns}
    checked = []
    for number, row in enumerate(rows):
        if not isinstance(row, dict):
            raise AnswerError(f"{key}[{number}]", "must be an object")
        for column_id in row:
            if column_id not in columns:
                raise AnswerError(f"{key}[{number}].{column_id}", "is not a column of this question")
        checked.append({
            column_id: check_value(columns[column_id], value, today, f"{key}[{number}].{column_id}")
            for column_id, value in row.items()
        })
    return checked


def plain_text(question: Question, value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value} {question.unit}".strip()


def rows_text(question: Question, rows: list[dict[str, Any]]) -> str:
    return "\n".join(
        ", ".join(f"{column.label}: {answer_text(column, row[column.id])}" for column in question.columns
                  if column.id in row)
        for row in rows
    )


def parse_number(posted: str | None) -> float | None:
    try:
        return float(posted or "")
    except ValueError:
        return None


def number_in_box(value: Any) -> str:
    """72.0 is shown as 72: the patient typed 72."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def consent_text(question: Question, value: Any) -> str:
    return question.options[0].label if value and question.options else ("Yes" if value else "No")


CHOOSE = "Choose an answer."
QUESTION_TYPES: dict[str, QuestionType] = {kind.name: kind for kind in (
    QuestionType(TEXT, check_text, plain_text, "input", "text", "string", "valueString", "text", is_text=True),
    QuestionType(LONG_TEXT, check_text, plain_text, "textarea", "long_text", "text", "valueString", is_text=True),
    QuestionType(EMAIL, check_email, plain_text, "input", "email", "string", "valueString", "email", is_text=True),
    QuestionType(PHONE, check_phone, plain_text, "input", "phone", "string", "valueString", "tel", is_text=True),
    QuestionType(DATE, check_date, lambda question, value: format_date(date.fromisoformat(value)),
                 "input", "date", "date", "valueDate", "date"),
    QuestionType(INTEGER, lambda question, value, today, key: check_number(question, value, today, key, True),
                 plain_text, "input", "integer", "integer", "valueInteger", "number", "numeric",
                 parse=parse_number, in_box=number_in_box),
    QuestionType(DECIMAL, lambda question, value, today, key: check_number(question, value, today, key, False),
                 plain_text, "input", "decimal", "decimal", "valueDecimal", "number", "decimal",
                 parse=parse_number, in_box=number_in_box),
    QuestionType(CHOICE, check_choice, option_text, "options", "radio", "choice", "valueCoding", "radio",
                 required_message=CHOOSE, fhir_control="radio-button"),
    QuestionType(MULTI, check_multi, lambda question, value: "; ".join(option_text(question, item) for item in value),
                 "options", "checkboxes", "choice", "valueCoding", "checkbox", shape="many",
                 required_message="Choose at least one answer.", fhir_control="check-box"),
    QuestionType(CONSENT, check_consent, consent_text, "consent", "consent", "boolean", "valueBoolean", "checkbox",
                 parse=lambda posted: True if posted else None, in_box=lambda value: "y" if value else "",
                 required_message="Tick the box to agree, so the clinic can use your answers."),
    QuestionType(GROUP, check_rows, rows_text, "rows", "rows", "group", "", shape="rows"),
)}


def type_of(question: Question) -> QuestionType:
    return QUESTION_TYPES[question.type]


def is_not_sure_box(question: Question, value: Any) -> bool:
    """A number answered with the "Not sure" box beside it (Question.not_sure)."""
    return question.not_sure and value == NOT_SURE


def check_value(question: Question, value: Any, today: date, key: str | None = None) -> Any:
    """Return the value in its stored form, or raise AnswerError naming the key."""
    if is_not_sure_box(question, value):
        return NOT_SURE
    return type_of(question).check(question, value, today, key or question.id)


def answer_text(question: Question, value: Any) -> str:
    """A stored answer in the words the patient chose."""
    if is_not_sure_box(question, value):
        return NOT_SURE_LABEL
    return type_of(question).text(question, value)
