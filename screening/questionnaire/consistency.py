"""Checks across answers that each pass on their own: a blood pressure with the bottom number not below the top,
a height and weight that cannot belong to one person, "None of these" ticked with another box.

Each problem is keyed by the question whose answer the patient is asked to fix, with a plain message for next to
that field. The web form and `flask load-answers` (answers.check_answers) both refuse what these find.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import QUESTIONS
from .model import MULTI

NONE = "none"
# Body-mass index (kg/m²) a real adult height and weight give: far outside this, one of them was mistyped
# (66 cm with 160 kg is 367), or typed in other units.
BMI_PLAUSIBLE = (10, 80)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def blood_pressure(answers: dict[str, Any]) -> Iterator[tuple[str, str]]:
    top, bottom = _number(answers.get("bp_systolic")), _number(answers.get("bp_diastolic"))
    if top is not None and bottom is not None and bottom >= top:
        yield "bp_diastolic", ("The bottom number must be smaller than the top number. In 120/80, the top "
                               "number is 120 and the bottom number is 80. Please check both.")


def height_and_weight(answers: dict[str, Any]) -> Iterator[tuple[str, str]]:
    height, weight = _number(answers.get("height_cm")), _number(answers.get("weight_kg"))
    if height and weight is not None:
        bmi = weight / (height / 100) ** 2
        if not BMI_PLAUSIBLE[0] <= bmi <= BMI_PLAUSIBLE[1]:
            yield "weight_kg", "This height and weight do not fit together. Please check both, and the units."


def none_with_others(answers: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for question_id, value in answers.items():
        question = QUESTIONS.get(question_id)
        if question and question.type == MULTI and question.option(NONE) and isinstance(value, list) \
                and NONE in value and len(value) > 1:
            label = question.option(NONE).label
            yield question_id, (f"\u201c{label}\u201d cannot be ticked with another box. Untick "
                                f"\u201c{label}\u201d, or untick the others.")


CHECKS = (blood_pressure, height_and_weight, none_with_others)


def problems(answers: dict[str, Any]) -> dict[str, str]:
    """Every problem across answers, keyed by the question to fix (the first problem of each)."""
    found: dict[str, str] = {}
    for check in CHECKS:
        for question_id, message in check(answers):
            found.setdefault(question_id, message)
    return found
