"""A FHIR QuestionnaireResponse to our Questionnaire (from LHC-Forms or any SDC tool), read back into answers.

Only the mapping lives here: linkIds are question ids (table rows are repeated group items whose children
are "<table>.<column>"), codings map back to option values. The caller then runs the same checks as for
the JSON answers format, so both formats fail with the same messages, and upgrades an older answers format the
same way (`flask load-answers` says what changed). A response to an older version of the Questionnaire may answer
questions that answers format 3 no longer asks (answers_format.OPTIONS_2): they are read as the JSON file would
hold them. A response to today's version may not. "Not sure" to a number is a Yes to its "<id>.not_sure" item, or,
as the export wrote it before that item, the number's answer with no value and data-absent-reason asked-unknown.
"""

from __future__ import annotations

from typing import Any

from ..questionnaire import QUESTIONS
from ..questionnaire.answers_format import CHECKLISTS_2, OPTIONS_2
from ..questionnaire.instruments import LOINC_ANSWER_ALIASES
from ..questionnaire.model import NOT_SURE, Question
from ..questionnaire.types import AnswerError, type_of
from .fhir import (
    CODE_SYSTEM_ID,
    EXTENSION,
    LOINC_SYSTEM,
    QUESTIONNAIRE_ID,
    QUESTIONNAIRE_VERSION,
    SCORES_LINK_ID,
    TOTAL_IDS,
    UCUM_UNITS,
    Site,
    not_sure_link_id,
    option_coding,
)

# Computed or structural items: their answers are never stored (totals are scored again from the items).
IGNORED = {SCORES_LINK_ID, *TOTAL_IDS.values()}
# The "Not sure" box beside a number, and the number it answers.
NOT_SURE_ITEMS = {not_sure_link_id(question): question for question in QUESTIONS.values() if question.not_sure}
# How the export said "Not sure" to a number before its "Not sure" item: no value, and why there is none.
DATA_ABSENT_REASON = EXTENSION + "data-absent-reason"
ASKED_UNKNOWN = "asked-unknown"


def is_our_questionnaire(canonical: Any) -> bool:
    """Ours whatever FHIR_BASE_URL it was exported under: ".../Questionnaire/<our id>", with or without |version."""
    return isinstance(canonical, str) and canonical.split("|")[0].endswith(f"/Questionnaire/{QUESTIONNAIRE_ID}")


def answers_from_response(resource: dict) -> dict[str, Any]:
    """The answers a QuestionnaireResponse holds, keyed by question id, not yet checked."""
    if resource.get("resourceType") != "QuestionnaireResponse":
        raise AnswerError("resourceType", f"is {resource.get('resourceType')!r}; only a QuestionnaireResponse "
                                          "(or the JSON answers format) can be loaded")
    if not is_our_questionnaire(resource.get("questionnaire")):
        raise AnswerError("questionnaire", f"is {resource.get('questionnaire')!r}, not our Questionnaire "
                                           f"(…/Questionnaire/{QUESTIONNAIRE_ID}, see /staff/questionnaire.json)")
    if resource.get("status") not in ("completed", "amended"):
        raise AnswerError("status", f"is {resource.get('status')!r}; only a completed response can be loaded")
    older = resource["questionnaire"].partition("|")[2] != QUESTIONNAIRE_VERSION
    answers: dict[str, Any] = {}
    not_sure = []
    for item in walk(resource.get("item", []), older):
        if item["linkId"] in NOT_SURE_ITEMS:
            if ticked(item):
                not_sure.append(NOT_SURE_ITEMS[item["linkId"]].id)
        else:
            read_item(item, answers)
    for question_id in not_sure:
        if answers.setdefault(question_id, NOT_SURE) != NOT_SURE:
            raise AnswerError(question_id, "has a number and \u201cNot sure\u201d; it takes one or the other")
    return answers


def walk(items: Any, older: bool) -> list[dict]:
    """The items that hold questions, at any depth, with their groups (sections, instruments) opened; with
    `older`, also those of questions an older answers format asked."""
    found = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("linkId"), str):
            raise AnswerError("item", "every item needs a linkId")
        link_id = item["linkId"]
        if link_id in IGNORED:
            continue
        if link_id in QUESTIONS or link_id in NOT_SURE_ITEMS or (older and link_id in OPTIONS_2):
            found.append(item)
            if link_id not in QUESTIONS or type_of(QUESTIONS[link_id]).shape == "rows":
                continue
        elif "answer" in item:
            raise AnswerError(link_id, "is not a question id (see `flask --app screening questions`)")
        found += walk(item.get("item"), older)
        for answer in item.get("answer", []) if isinstance(item.get("answer"), list) else []:
            found += walk(answer.get("item") if isinstance(answer, dict) else None, older)
    return found


def ticked(item: dict) -> bool:
    """Whether a number's "Not sure" item is answered Yes."""
    answer_list = item.get("answer") if isinstance(item.get("answer"), list) else []
    values = [answer.get("valueBoolean") if isinstance(answer, dict) else None for answer in answer_list]
    if len(values) > 1 or not all(isinstance(value, bool) for value in values):
        raise AnswerError(item["linkId"], "takes one answer, Yes or No (valueBoolean)")
    return values == [True]


def read_older(item: dict, answers: dict[str, Any]) -> None:
    """A question answers format 2 asked and format 3 does not, as a format-2 answers file holds it: its codes are
    "<linkId>/<value>" in our answers CodeSystem."""
    link_id = item["linkId"]
    if link_id in answers:
        raise AnswerError(link_id, "is answered twice (two items with this linkId)")
    values = []
    for answer in item.get("answer", []) if isinstance(item.get("answer"), list) else []:
        coding = answer.get("valueCoding") if isinstance(answer, dict) else None
        system, code = (coding.get("system", ""), coding.get("code")) if isinstance(coding, dict) else ("", None)
        value = code.removeprefix(f"{link_id}/") if isinstance(code, str) else None
        if not system.endswith(f"/CodeSystem/{CODE_SYSTEM_ID}") or value not in OPTIONS_2[link_id]:
            raise AnswerError(link_id, f"{coding!r} is not one of the options answers format 2 gave it")
        values.append(value)
    if len(values) > 1 and link_id not in CHECKLISTS_2:
        raise AnswerError(link_id, f"has {len(values)} answers; it takes one")
    if values:
        answers[link_id] = values if link_id in CHECKLISTS_2 else values[0]


def read_item(item: dict, answers: dict[str, Any]) -> None:
    if item["linkId"] not in QUESTIONS:
        read_older(item, answers)
        return
    question = QUESTIONS[item["linkId"]]
    if type_of(question).shape == "rows":
        row = read_row(question, item, len(answers.get(question.id, [])))
        if row:
            answers.setdefault(question.id, []).append(row)
        return
    if question.id in answers:
        raise AnswerError(question.id, "is answered twice (two items with this linkId)")
    value = read_value(question, question.id, item)
    if value is not None:
        answers[question.id] = value


def read_row(table: Question, item: dict, number: int) -> dict[str, Any]:
    columns = {f"{table.id}.{column.id}": column for column in table.columns}
    row: dict[str, Any] = {}
    for cell in item.get("item", []) if isinstance(item.get("item"), list) else []:
        link_id = cell.get("linkId") if isinstance(cell, dict) else None
        column = columns.get(link_id)
        if column is None:
            raise AnswerError(f"{table.id}[{number}].{link_id}", "is not a column of this question")
        value = read_value(column, f"{table.id}[{number}].{column.id}", cell, link_id)
        if value is not None:
            row[column.id] = value
    return row


def read_value(question: Question, key: str, item: dict, link_id: str = "") -> Any:
    """The item's answer in the answers format; None when it has none. Values keep their JSON type, so the
    usual checks report a text where a number belongs, or a date that is no date."""
    answer_list = item.get("answer") if isinstance(item.get("answer"), list) else []
    values = [value_of(question, key, answer) for answer in answer_list if isinstance(answer, dict)]
    values = [value for value in values if value is not None]
    if not values:
        return None
    if type_of(question).has_options:
        values = [option_value(question, key, value, link_id) for value in values]
        if type_of(question).shape == "many":
            return values
    if len(values) > 1:
        raise AnswerError(key, f"has {len(values)} answers; it takes one")
    return values[0]


def value_of(question: Question, key: str, answer: dict) -> Any:
    """An answer's value[x]; a Quantity counts as its number when it is in the question's unit."""
    kinds = [name for name in answer if name.startswith("value")]
    if not kinds:
        return NOT_SURE if question.not_sure and asked_unknown(question, answer) else None
    if len(kinds) > 1:
        raise AnswerError(key, f"an answer has several values ({', '.join(kinds)})")
    value = answer[kinds[0]]
    if kinds[0] == "valueQuantity" and isinstance(value, dict) and question.unit:
        unit = value.get("code", UCUM_UNITS[question.unit])
        if unit != UCUM_UNITS[question.unit]:
            raise AnswerError(key, f"is in {unit}; enter it in {UCUM_UNITS[question.unit]}")
        return value.get("value")
    return value


def asked_unknown(question: Question, answer: dict) -> bool:
    """An answer with no value whose primitive says why: the patient was asked and did not know ("Not sure")."""
    primitive = answer.get("_" + type_of(question).fhir_value)
    extensions = primitive.get("extension") if isinstance(primitive, dict) else None
    return isinstance(extensions, list) and any(
        isinstance(found, dict) and found.get("url") == DATA_ABSENT_REASON and found.get("valueCode") == ASKED_UNKNOWN
        for found in extensions)


def option_value(question: Question, key: str, value: Any, link_id: str) -> str:
    """The option a coding names: a LOINC answer code, or our CodeSystem's code under any FHIR_BASE_URL."""
    if not isinstance(value, dict) or "system" not in value or "code" not in value:
        raise AnswerError(key, f"{value!r} is not a coding; choices are answered with valueCoding")
    system, code = value["system"], value["code"]
    if system == LOINC_SYSTEM and code in LOINC_ANSWER_ALIASES.get(question.id, {}):
        return LOINC_ANSWER_ALIASES[question.id][code]
    if system.endswith(f"/CodeSystem/{CODE_SYSTEM_ID}"):
        system = Site().code_system_url
    for option in question.options:
        expected = option_coding(Site(), question, option, link_id)
        if (expected["system"], expected["code"]) == (system, code):
            return option.value
    raise AnswerError(key, f"{system}|{code} is not one of its options")
