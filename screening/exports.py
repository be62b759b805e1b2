"""Exports for the clinic's record system: FHIR R4 Questionnaire and QuestionnaireResponse, flags as CSV.

The Questionnaire is a mapping of the one questionnaire definition (linkId = question id, enableWhen =
show-when), so the response's linkIds and codes always match the app.
"""

import csv
import io
from datetime import datetime
from typing import Any

from .questionnaire import QUESTIONS, SECTIONS
from .questionnaire import model as q
from .questionnaire.instruments import LOINC
from .questionnaire.model import AnyOf, Question, When
from .rules import CATALOGUE_VERSION, Flag, Score

QUESTIONNAIRE_URL = "urn:screening:questionnaire:ketamine-pre-consultation"
QUESTIONNAIRE_VERSION = "2026.11"
LOINC_SYSTEM = "http://loinc.org"
FHIR_TYPES = {
    q.TEXT: "string", q.LONG_TEXT: "text", q.EMAIL: "string", q.PHONE: "string", q.DATE: "date",
    q.INTEGER: "integer", q.DECIMAL: "decimal", q.CHOICE: "choice", q.MULTI: "choice", q.CONSENT: "boolean",
    q.GROUP: "group",
}
TOTAL_IDS = {"PHQ-9": "phq9_total", "GAD-7": "gad7_total", "AUDIT-C": "auditc_total"}


def option_system(question: Question) -> str:
    return f"urn:screening:options:{question.id}"


def coding(question: Question, value: str) -> dict:
    option = question.option(value)
    return {"system": option_system(question), "code": value, "display": option.label if option else value}


def loinc(code: str, display: str) -> dict:
    return {"system": LOINC_SYSTEM, "code": code, "display": display}


def enable_when(condition: When | AnyOf) -> list[dict]:
    conditions = condition.conditions if isinstance(condition, AnyOf) else (condition,)
    entries = []
    for when in conditions:
        if when.op == "at_least":
            entries.append({"question": when.question, "operator": ">=", "answerInteger": int(when.values[0])})
        elif when.op == "answered":
            entries.append({"question": when.question, "operator": "exists", "answerBoolean": True})
        else:
            source = QUESTIONS[when.question]
            entries += [{"question": when.question, "operator": "=", "answerCoding": coding(source, value)}
                        for value in when.values]
    return entries


def questionnaire_item(question: Question, link_prefix: str = "") -> dict:
    item: dict[str, Any] = {
        "linkId": link_prefix + question.id,
        "text": question.label,
        "type": FHIR_TYPES[question.type],
        "required": question.is_required,
    }
    if question.type in (q.TEXT, q.LONG_TEXT, q.EMAIL, q.PHONE):
        item["maxLength"] = question.text_limit
    if question.options and question.type != q.CONSENT:
        item["answerOption"] = [{"valueCoding": coding(question, option.value)} for option in question.options]
    if question.type in (q.MULTI, q.GROUP):
        item["repeats"] = True
    if question.type == q.GROUP:
        item["item"] = [questionnaire_item(column, f"{question.id}.") for column in question.columns]
    if question.show_when is not None:
        item["enableWhen"] = enable_when(question.show_when)
        item["enableBehavior"] = "any"
    return item


def questionnaire() -> dict:
    """The app's questionnaire as a FHIR R4 Questionnaire resource."""
    scores = {
        "linkId": "scores", "type": "group", "text": "Questionnaire scores",
        "item": [
            {"linkId": TOTAL_IDS[name], "type": "integer", "readOnly": True, "text": f"{name} total score",
             "code": [loinc(total, f"{name} total score")]}
            for name, (_, total) in LOINC.items()
        ],
    }
    return {
        "resourceType": "Questionnaire",
        "id": "ketamine-pre-consultation",
        "url": QUESTIONNAIRE_URL,
        "version": QUESTIONNAIRE_VERSION,
        "name": "KetaminePreConsultationScreening",
        "title": "Questions before a ketamine-therapy consultation",
        "status": "active",
        "code": [loinc(panel, f"{name} panel") for name, (panel, _) in LOINC.items()],
        "item": [
            {"linkId": section.id, "type": "group", "text": section.title,
             "item": [questionnaire_item(question) for question in section.questions]}
            for section in SECTIONS
        ] + [scores],
    }


def answer_values(question: Question, value: Any) -> list[dict]:
    if question.type in (q.CHOICE, q.MULTI):
        values = value if isinstance(value, list) else [value]
        return [{"valueCoding": coding(question, item)} for item in values]
    key = {q.DATE: "valueDate", q.INTEGER: "valueInteger", q.DECIMAL: "valueDecimal",
           q.CONSENT: "valueBoolean"}.get(question.type, "valueString")
    return [{key: value}]


def response_items(questions, answers: dict[str, Any], link_prefix: str = "") -> list[dict]:
    items = []
    for question in questions:
        if question.id not in answers:
            continue
        link_id = link_prefix + question.id
        if question.type == q.GROUP:
            items += [
                {"linkId": link_id, "text": question.label,
                 "item": response_items(question.columns, row, f"{question.id}.")}
                for row in answers[question.id]
            ]
        else:
            items.append({"linkId": link_id, "text": question.label,
                          "answer": answer_values(question, answers[question.id])})
    return items


def questionnaire_response(intake_id: int, answers: dict[str, Any], scores: list[Score],
                           submitted_at: datetime) -> dict:
    """One submitted intake as a FHIR R4 QuestionnaireResponse, with the instrument totals."""
    sections = [
        {"linkId": section.id, "text": section.title, "item": items}
        for section in SECTIONS
        if (items := response_items(section.questions, answers))
    ]
    totals = [
        {"linkId": TOTAL_IDS[score.instrument], "text": f"{score.instrument} total score",
         "answer": [{"valueInteger": score.total}]}
        for score in scores
        if score.complete
    ]
    return {
        "resourceType": "QuestionnaireResponse",
        "id": f"intake-{intake_id}",
        "questionnaire": f"{QUESTIONNAIRE_URL}|{QUESTIONNAIRE_VERSION}",
        "status": "completed",
        "authored": submitted_at.isoformat(),
        "item": sections + ([{"linkId": "scores", "text": "Questionnaire scores", "item": totals}] if totals else []),
    }


# A cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """Patient text opened in a spreadsheet must stay text: a leading quote stops it running as a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def flags_csv(intake_id: int, flags: list[Flag]) -> str:
    """One row per flag and piece of evidence, for a spreadsheet or a record system's import."""
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
