"""Everything the summary shows, gathered from the answers alone (the report never queries the database)."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..questionnaire.display import SectionRows, review_rows
from ..questionnaire.types import format_date
from ..rules import CATALOGUE_VERSION, LEVEL_LABELS, LEVELS, NO_DECISION, Flag, Score, evaluate, scores
from ..rules.catalogue import URGENT

PATIENT_DISCLAIMER = "A copy of your answers, for your visit. It makes no treatment decision."
LEVEL_TITLES = {**LEVEL_LABELS, URGENT: f"{LEVEL_LABELS[URGENT]}: act before the visit"}


@dataclass(frozen=True)
class Summary:
    name: str
    date_of_birth: str
    consultation_date: str
    submitted_at: str
    flags_by_level: list[tuple[str, str, list[Flag]]]
    urgent: list[Flag]
    scores: list[Score]
    sections: list[SectionRows]
    catalogue_version: str
    disclaimer: str = NO_DECISION
    for_patient: bool = False


def build_summary(answers: dict[str, Any], submitted_at: datetime | None, today: date,
                  for_patient: bool = False) -> Summary:
    """The clinician's summary; `for_patient` keeps only the answers (flags and scores are for the clinician
    to discuss, not for the patient to read alone)."""
    flags = [] if for_patient else evaluate(answers, today)
    grouped = [
        (level, LEVEL_TITLES[level], [flag for flag in flags if flag.level == level]) for level in LEVELS
    ]
    return Summary(
        name=answers.get("full_name", "(no name given)"),
        date_of_birth=_date(answers.get("date_of_birth")),
        consultation_date=_date(answers.get("consultation_date")) or "not given",
        submitted_at=f"{format_date(submitted_at.date())}, {submitted_at:%H:%M} UTC" if submitted_at else "not yet",
        flags_by_level=[group for group in grouped if group[2]],
        urgent=[flag for flag in flags if flag.level == "urgent"],
        scores=[] if for_patient else scores(answers),
        sections=review_rows(answers),
        catalogue_version=CATALOGUE_VERSION,
        disclaimer=PATIENT_DISCLAIMER if for_patient else NO_DECISION,
        for_patient=for_patient,
    )


def _date(value: str | None) -> str:
    return format_date(date.fromisoformat(value)) if value else ""
