"""The arithmetic some rules need (age, BMI, AUDIT-C cut-off, adequate trials), as small named pure functions.

Everything else a rule fires on is a plain condition on the answers (questionnaire/model.py). A Computed wraps one
of these functions so that it reads, describes itself and quotes its evidence like any other condition.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..questionnaire.model import is_blank
from .scores import auditc


@dataclass(frozen=True)
class Answers:
    """The stored answers and the day they are read on: age depends on the day, and results must not depend on
    the clock."""

    values: Mapping[str, Any]
    today: date

    def get(self, question_id: str, default: Any = None) -> Any:
        return self.values.get(question_id, default)

    def given(self, *question_ids: str) -> list[str]:
        """The questions that have an answer, to quote follow-up details (how, when, which)."""
        return [question_id for question_id in question_ids if not is_blank(self.get(question_id))]

    def number(self, question_id: str) -> float | None:
        value = self.get(question_id)
        return value if isinstance(value, int | float) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class Computed:
    """A rule condition that needs arithmetic: holds when `test` does, quoting the answers it read."""

    description: str
    test: Callable[[Answers], bool]
    reading: tuple[str, ...]

    def __call__(self, answers: Answers) -> bool:
        return self.test(answers)

    def describe(self) -> str:
        return self.description

    def reads(self) -> tuple[str, ...]:
        return self.reading

    def matched(self, answers: Answers) -> list[str]:
        return answers.given(*self.reading) if self(answers) else []

    def part(self, answers: Answers, question: str) -> Any:
        return None


ADULT_AGE = 18
OLDER_AGE = 65
ADEQUATE_TRIAL = "6_weeks_or_more"
NO_GOOD_RESPONSE = ("no", "a_little")


def age(answers: Answers) -> int | None:
    """Age in whole years on the day the answers are read."""
    if is_blank(answers.get("date_of_birth")):
        return None
    born = date.fromisoformat(answers.get("date_of_birth"))
    today = answers.today
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def outside_study_ages(answers: Answers) -> bool:
    years = age(answers)
    return years is not None and (years < ADULT_AGE or years >= OLDER_AGE)


def weight_given(answers: Answers) -> bool:
    return answers.number("weight_kg") is not None


def bmi(weight_kg: float, height_cm: float) -> float:
    return weight_kg / (height_cm / 100) ** 2


def risky_drinking(answers: Answers) -> bool:
    """AUDIT-C at or above its cut-off (4 for men, 3 otherwise; scores.auditc_cut_off)."""
    return bool(auditc(answers).positive)


def adequate_trials(answers: Mapping[str, Any]) -> int:
    """Antidepressants taken 6 weeks or more that helped a little or not at all: the reference's adequate trials
    without response. The dose is free text, so judging it is left to the clinician."""
    return sum(
        1
        for row in answers.get("antidepressants") or []
        if row.get("duration") == ADEQUATE_TRIAL and row.get("helped") in NO_GOOD_RESPONSE
    )
