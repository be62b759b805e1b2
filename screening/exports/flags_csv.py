"""Flags as CSV, one row per flag and piece of evidence, for a spreadsheet or a record system's import."""

import csv
import io
from typing import Any

from ..rules import CATALOGUE_VERSION, Flag

# A cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """Patient text opened in a spreadsheet must stay text: a leading quote stops it running as a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def render(intake_id: int, flags: list[Flag]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["intake", "catalogue_version", "rule_id", "level", "title", "question_id", "answer",
                     "reason", "sources"])
    for flag in flags:
        for evidence in flag.evidence or [None]:
            writer.writerow([spreadsheet_safe(cell) for cell in (
                intake_id, CATALOGUE_VERSION, flag.rule_id, flag.level, flag.title,
                evidence.question_id if evidence else "", evidence.answer if evidence else "",
                flag.reason, "; ".join(flag.sources),
            )])
    return out.getvalue()
