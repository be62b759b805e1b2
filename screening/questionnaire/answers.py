"""The answers format: one JSON object keyed by question id, and the checks every answer passes.

Values by question type: text, email, phone and choice answers are strings (a choice stores its
option's value); dates are ISO strings ("1985-03-27"); integer and decimal answers are numbers;
multi-choice answers are lists of option values; consent is true; a group is a list of row
objects keyed by column id. A question that is not shown (its condition does not hold) has no
answer. The same checks serve the web forms and `flask load-answers`.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from typing import Any

from email_validator import EmailNotValidError, validate_email

from . import QUESTIONS, SECTIONS
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
    PHONE,
    TEXT,
    Question,
    is_blank,
)

PHONE_PATTERN = re.compile(r"^\+?[0-9 ().\-]{6,30}$")


class AnswerError(ValueError):
    """A bad key or value, with the question id that holds it."""

    def __init__(self, key: str, message: str):
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


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


def check_value(question: Question, value: Any, today: date, key: str | None = None) -> Any:
    """Return the value in its stored form, or raise AnswerError naming the key."""
    key = key or question.id
    kind = question.type
    if kind in (TEXT, LONG_TEXT, EMAIL, PHONE):
        if not isinstance(value, str):
            raise AnswerError(key, "must be text")
        if len(value) > question.text_limit:
            raise AnswerError(key, f"is longer than {question.text_limit} characters")
        if kind == EMAIL:
            try:
                validate_email(value, check_deliverability=False)
            except EmailNotValidError:
                raise AnswerError(key, f"{value!r} is not an email address") from None
        if kind == PHONE and not PHONE_PATTERN.match(value):
            raise AnswerError(key, f"{value!r} is not a phone number")
        return value
    if kind == DATE:
        try:
            parsed = date.fromisoformat(value)
        except (TypeError, ValueError):
            raise AnswerError(key, f"{value!r} is not a date like 1985-03-27") from None
        problem = date_problem(question, parsed, today)
        if problem:
            raise AnswerError(key, problem)
        return value
    if kind in (INTEGER, DECIMAL):
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or (kind == INTEGER and value != int(value))
        ):
            raise AnswerError(key, f"{value!r} is not a {'whole ' if kind == INTEGER else ''}number")
        problem = number_problem(question, value)
        if problem:
            raise AnswerError(key, problem)
        return int(value) if kind == INTEGER else value
    if kind == CHOICE:
        if question.option(value) is None:
            raise AnswerError(key, f"{value!r} is not one of {[option.value for option in question.options]}")
        return value
    if kind == MULTI:
        if not isinstance(value, list) or not value:
            raise AnswerError(key, "must be a non-empty list of options")
        for item in value:
            if question.option(item) is None:
                raise AnswerError(key, f"{item!r} is not one of {[option.value for option in question.options]}")
        return value
    if kind == CONSENT:
        if value is not True:
            raise AnswerError(key, "must be true (consent given)")
        return value
    if kind == GROUP:
        return check_rows(question, value, today, key)
    raise AnswerError(key, f"has unknown type {kind}")


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
        checked.append(
            {
                column_id: check_value(columns[column_id], value, today, f"{key}[{number}].{column_id}")
                for column_id, value in row.items()
            }
        )
    return checked


def applicable(answers: dict[str, Any]) -> dict[str, Any]:
    """Drop answers to questions that are no longer shown, in questionnaire order.

    Conditions only look at earlier questions, so one pass in order settles chains of follow-ups.
    """
    kept: dict[str, Any] = {}
    for section in SECTIONS:
        for question in section.questions:
            if question.id in answers and question.shows(kept):
                kept[question.id] = answers[question.id]
    return kept


def missing(answers: dict[str, Any]) -> list[Question]:
    """Required questions that are shown but not answered yet."""
    return [
        question
        for section in SECTIONS
        for question in section.visible(answers)
        if question.is_required and is_blank(answers.get(question.id))
    ]


def check_answers(answers: Any, today: date, complete: bool = True) -> dict[str, Any]:
    """Check a whole answers object (from a file or an import): every key known, every value valid,
    no answer to a question that is not shown, and with `complete` every required answer present."""
    if not isinstance(answers, dict):
        raise AnswerError("(top level)", "must be a JSON object keyed by question id")
    checked = {}
    for key, value in answers.items():
        question = QUESTIONS.get(key)
        if question is None:
            raise AnswerError(key, "is not a question id (see `flask --app screening questions`)")
        checked[key] = check_value(question, value, today)
    for key in checked.keys() - applicable(checked).keys():
        raise AnswerError(key, f"is answered but not shown: it applies only when {QUESTIONS[key].show_when.describe()}")
    if complete:
        for question in missing(checked):
            raise AnswerError(question.id, "is required but has no answer")
    return checked
