"""The data dictionary: every question's id, section, label, type and options, for people and tools."""

import json

from . import SECTIONS
from .model import NOT_SURE, NOT_SURE_LABEL, Question


def question_entry(question: Question, section_id: str) -> dict:
    entry = {
        "id": question.id,
        "section": section_id,
        "label": question.label,
        "type": question.type,
        "required": question.is_required,
        "options": [{"value": option.value, "label": option.label} for option in question.options],
        "shown_when": question.show_when.describe() if question.show_when else "always",
    }
    if question.min_value is not None or question.max_value is not None:
        entry["range"] = [question.min_value, question.max_value]
    if question.not_sure:
        entry["instead_of_a_number"] = {"value": NOT_SURE, "label": NOT_SURE_LABEL}
    if question.columns:
        entry["columns"] = [question_entry(column, section_id) for column in question.columns]
        entry["rows"] = question.rows
    if question.instrument:
        entry["instrument"] = question.instrument
    return entry


def entries() -> list[dict]:
    return [question_entry(question, section.id) for section in SECTIONS for question in section.questions]


def as_json() -> str:
    return json.dumps(entries(), indent=2, ensure_ascii=False)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown() -> str:
    lines = ["| id | section | label | type | options | shown when |", "|---|---|---|---|---|---|"]
    for entry in entries():
        for row in [entry, *entry.get("columns", [])]:
            row_id = row["id"] if row is entry else f"{entry['id']}[].{row['id']}"
            options = "; ".join(f"{option['value']} = {option['label']}" for option in row["options"])
            if "instead_of_a_number" in row:
                instead = row["instead_of_a_number"]
                options = f"{instead['value']} = {instead['label']} (instead of a number)"
            lines.append(
                f"| {row_id} | {entry['section']} | {_cell(row['label'])} | {row['type']} "
                f"| {_cell(options)} | {_cell(row['shown_when'])} |"
            )
    return "\n".join(lines) + "\n"
