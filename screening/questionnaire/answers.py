"""The answers format: one JSON object keyed by question id, and the checks every answer passes.

Values by question type: text, email, phone and choice answers are strings (a choice stores its
option's value); dates are ISO strings ("1985-03-27"); integer and decimal answers are numbers, or "not_sure"
where the question has a "Not sure" box (Question.not_sure: the drug-use count, a value format 3 gained);
multi-choice answers are lists of option values; consent is true; a group is a list of row
objects keyed by column id. A question that is not shown (its condition does not hold) has no
answer. The same checks (types.py, per question type) serve the web forms and `flask load-answers`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from . import QUESTIONS, SECTIONS, consistency
from .model import Question, is_blank
from .types import AnswerError, check_value


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
    no answer to a question that is not shown, answers that fit together (consistency.py), and with
    `complete` every required answer present."""
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
    for key, message in consistency.problems(checked).items():
        raise AnswerError(key, message)
    if complete:
        for question in missing(checked):
            raise AnswerError(question.id, "is required but has no answer")
    return checked
