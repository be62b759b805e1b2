"""Flags as CSV, one row per flag and piece of evidence, for a spreadsheet or a record system's import."""

import csv
import io

from ..rules import CATALOGUE_VERSION, Flag


def render(intake_id: int, flags: list[Flag]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["intake", "catalogue_version", "rule_id", "level", "title", "question_id", "answer",
                     "reason", "sources"])
    for flag in flags:
        for evidence in flag.evidence or [None]:
            writer.writerow([
                intake_id, CATALOGUE_VERSION, flag.rule_id, flag.level, flag.title,
                evidence.question_id if evidence else "", evidence.answer if evidence else "",
                flag.reason, "; ".join(flag.sources),
            ])
    return out.getvalue()
