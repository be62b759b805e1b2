"""Flags as CSV, one row per flag and piece of evidence, for a spreadsheet or a record system's import."""

import csv
import io
import re
from typing import Any

from ..rules import CATALOGUE_VERSION, Flag

# A cell starting with one of = + - @ tab or CR is a formula to a spreadsheet (OWASP, "CSV Injection"). Spreadsheets
# whose list separator is the semicolon (much of Europe) split a .csv at every semicolon, quoted or not, so text
# after one starts a cell of its own too.
FORMULA_START = re.compile(r"(^|;)( *)(?=[=+\-@\t\r])")


def spreadsheet_safe(value: Any) -> Any:
    """Patient text opened in a spreadsheet must stay text: a quote before each formula start stops it running."""
    return FORMULA_START.sub(r"\1\2'", value) if isinstance(value, str) else value


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
