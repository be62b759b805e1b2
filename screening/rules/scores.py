"""Totals of the embedded instruments (PHQ-9, GAD-7, AUDIT-C), scored from the option scores in the definition.

The scores live in the questionnaire's options, so a number is never typed twice. An instrument that is only
partly answered is still shown, with the total of what was answered and `complete` False.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..questionnaire import QUESTIONS
from ..questionnaire.instruments import GAD7_BANDS, PHQ9_BANDS

PHQ9_ITEMS = tuple(f"phq9_{number}" for number in range(1, 10))
GAD7_ITEMS = tuple(f"gad7_{number}" for number in range(1, 8))
AUDITC_ITEMS = ("auditc_1", "auditc_2", "auditc_3")

AUDITC_CUT_OFF_MEN = 4
AUDITC_CUT_OFF_OTHERS = 3


@dataclass(frozen=True)
class Score:
    """One instrument's total. `positive` is None when the instrument has no screening cut-off, or when too
    few items were answered to tell."""

    instrument: str
    total: int
    maximum: int
    band: str
    complete: bool
    positive: bool | None = None


def scores(answers: Mapping[str, Any]) -> list[Score]:
    return [
        banded("PHQ-9", PHQ9_ITEMS, PHQ9_BANDS, answers),
        banded("GAD-7", GAD7_ITEMS, GAD7_BANDS, answers),
        auditc(answers),
    ]


def item_score(question_id: str, answers: Mapping[str, Any]) -> int | None:
    option = QUESTIONS[question_id].option(answers.get(question_id))
    return option.score if option else None


def maximum(items: tuple[str, ...]) -> int:
    return sum(max(option.score for option in QUESTIONS[item].options) for item in items)


def band_of(total: int, bands: tuple[tuple[int, str], ...]) -> str:
    return [label for lowest, label in bands if total >= lowest][-1]


def banded(instrument: str, items: tuple[str, ...], bands: tuple[tuple[int, str], ...],
           answers: Mapping[str, Any]) -> Score:
    """A severity total. Unanswered items count as nothing, so a partial total is a floor: "at least mild"."""
    answered = [score for score in (item_score(item, answers) for item in items) if score is not None]
    total = sum(answered)
    complete = len(answered) == len(items)
    if not answered:
        band = "not answered"
    elif complete:
        band = band_of(total, bands)
    else:
        band = f"at least {band_of(total, bands)}"
    return Score(instrument, total, maximum(items), band, complete)


def auditc_cut_off(answers: Mapping[str, Any]) -> tuple[int, str]:
    """4 for men, 3 for women; the lower cut-off also when sex at birth is not given as male, so no one is missed."""
    sex = answers.get("sex_at_birth")
    if sex == "male":
        return AUDITC_CUT_OFF_MEN, f"{AUDITC_CUT_OFF_MEN} for men"
    if sex == "female":
        return AUDITC_CUT_OFF_OTHERS, f"{AUDITC_CUT_OFF_OTHERS} for women"
    return AUDITC_CUT_OFF_OTHERS, f"{AUDITC_CUT_OFF_OTHERS}, used unless sex at birth is male"


def auditc(answers: Mapping[str, Any]) -> Score:
    """AUDIT-C: when item 1 is "never", items 2 and 3 are skipped and score 0, so item 1 alone completes it."""
    items = AUDITC_ITEMS[:1] if answers.get("auditc_1") == "never" else AUDITC_ITEMS
    answered = [score for score in (item_score(item, answers) for item in items) if score is not None]
    total = sum(answered)
    complete = len(answered) == len(items)
    cut_off, cut_off_text = auditc_cut_off(answers)
    if total >= cut_off:
        positive, band = True, f"positive screen (cut-off {cut_off_text})"
    elif complete:
        positive, band = False, f"below cut-off ({cut_off_text})"
    elif not answered:
        positive, band = None, "not answered"
    else:
        positive, band = None, f"not enough answers to tell (cut-off {cut_off_text})"
    return Score("AUDIT-C", total, maximum(AUDITC_ITEMS), band, complete, positive)
