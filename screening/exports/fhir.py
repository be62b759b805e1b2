"""FHIR R4 (SDC) resources for the clinic's record system and for form tools such as LHC-Forms.

The Questionnaire maps the one questionnaire definition: a group per section, inside it a group per
embedded instrument (PHQ-9, GAD-7, AUDIT-C) carrying the instrument's LOINC panel code, and every
question with its stable id as linkId, so responses made by any SDC tool load back by question id.
The PHQ-9 is one group on the mood page, items 1 to 9 then the difficulty item, as validated.
Answers with a LOINC code use it; every other option is a code of our one answers CodeSystem.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..questionnaire import QUESTIONS, SECTIONS
from ..questionnaire.answers_format import FORMAT_VERSION
from ..questionnaire.instruments import LOINC, LOINC_ANSWERS, LOINC_ITEMS
from ..questionnaire.model import CONSENT, AnyOf, NoneOf, Option, Question, Section, When, is_
from ..questionnaire.types import is_not_sure_box, type_of
from ..rules import Score

QUESTIONNAIRE_ID = "ketamine-pre-consultation"
CODE_SYSTEM_ID = "ketamine-pre-consultation-answers"
# The answers format its linkIds hold comes last, so a response tells which one it was written in. "2026.11" was
# the version of answers formats 1 to 3 alike: a response naming it (or no version) is told apart by its answers.
QUESTIONNAIRE_VERSION = f"2026.11.{FORMAT_VERSION}"
# When the content last changed: the drug-use count's "Not sure" item. The answers format did not, so the version
# stays, and every response written to it before still loads.
QUESTIONNAIRE_DATE = "2026-11-24"
LOINC_SYSTEM = "http://loinc.org"
UCUM_SYSTEM = "http://unitsofmeasure.org"
EXTENSION = "http://hl7.org/fhir/StructureDefinition/"
SDC = "http://hl7.org/fhir/uv/sdc/StructureDefinition/"
SDC_QUESTIONNAIRE = SDC + "sdc-questionnaire|3.0.0"
SDC_RESPONSE = SDC + "sdc-questionnaireresponse|3.0.0"
US_CORE_SCREENING = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-screening-assessment"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"
CONSENT_SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope"
ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
CONSENT_DOCUMENT = "59284-0"  # LOINC: the category of a patient's consent document
SCORES_LINK_ID = "scores"
TOTAL_IDS = {"PHQ-9": "phq9_total", "GAD-7": "gad7_total", "AUDIT-C": "auditc_total"}
INSTRUMENT_GROUPS = {  # instrument -> (linkId suffix, group text)
    "PHQ-9": ("phq9", "Patient Health Questionnaire (PHQ-9)"),
    "GAD-7": ("gad7", "Generalized Anxiety Disorder scale (GAD-7)"),
    "AUDIT-C": ("auditc", "Alcohol Use Disorders Identification Test, consumption questions (AUDIT-C)"),
}
UCUM_UNITS = {"mmHg": "mm[Hg]", "cm": "cm", "kg": "kg"}  # the definition's unit -> its UCUM code
# "Not sure" to a number (Question.not_sure) is a boolean item of its own right after it, "<question id>.not_sure",
# so enableWhen can compare it: the number is asked unless it is Yes, and the follow-ups "Not sure" opens name it.
NOT_SURE_ITEM_TEXT = "Not sure of the number?"


@dataclass(frozen=True)
class Site:
    """Where the resources live (`FHIR_BASE_URL`), who publishes them (the clinic), and the clinic's words step 1
    shows with the consent box (`ALERT_CONSENT_TEXT`), so a form built from the Questionnaire asks for the same
    agreement."""

    base_url: str = "https://example.org/fhir"
    publisher: str = "Your clinic"
    alert_consent: str = ""

    def __post_init__(self) -> None:
        if not self.base_url.startswith(("https://", "http://")):
            raise ValueError(f"FHIR_BASE_URL must be an http(s) URL, not {self.base_url!r}")

    @property
    def base(self) -> str:
        return self.base_url.rstrip("/")

    @property
    def questionnaire_url(self) -> str:
        return f"{self.base}/Questionnaire/{QUESTIONNAIRE_ID}"

    @property
    def code_system_url(self) -> str:
        return f"{self.base}/CodeSystem/{CODE_SYSTEM_ID}"


def loinc(code: str, display: str = "") -> dict:
    return {"system": LOINC_SYSTEM, "code": code, **({"display": display} if display else {})}


def extension(name: str, **value: Any) -> dict:
    url = name if name.startswith("http") else EXTENSION + name
    return {"url": url, **value}


def item_control(code: str) -> dict:
    return extension("questionnaire-itemControl",
                     valueCodeableConcept={"coding": [{"system": ITEM_CONTROL_SYSTEM, "code": code}]})


def own_code(link_id: str, option: Option) -> str:
    return f"{link_id}/{option.value}"


def option_coding(site: Site, question: Question, option: Option, link_id: str = "") -> dict:
    """The option's LOINC answer code where one is confirmed, else its code in our answers CodeSystem.
    `link_id` names a table column ("antidepressants.helped"); a question's own linkId is its id."""
    link_id = link_id or question.id
    answer_code = LOINC_ANSWERS.get(link_id, {}).get(option.value)
    if answer_code:
        return loinc(answer_code, option.label)
    return {"system": site.code_system_url, "code": own_code(link_id, option), "display": option.label}


def coding(site: Site, question: Question, value: str, link_id: str = "") -> dict:
    option = question.option(value)
    if option is None:
        raise ValueError(f"{question.id}: {value!r} is not an option")
    return option_coding(site, question, option, link_id)


def enable_when(site: Site, condition: When | AnyOf | NoneOf) -> list[dict]:
    """enableWhen entries, any of which enables the item (enableBehavior "any" when there are several)."""
    if isinstance(condition, NoneOf):
        (when,) = condition.conditions  # "not a, not b" would need "all", which the other entries cannot share
        return [{"question": when.question, "operator": "exists", "answerBoolean": False},
                *enable_when(site, other_options(when))]
    conditions = condition.conditions if isinstance(condition, AnyOf) else (condition,)
    entries = []
    for when in conditions:
        source = QUESTIONS[when.question]
        if when.op == "answered":
            entries.append({"question": when.question, "operator": "exists", "answerBoolean": True})
        elif when.op == "at_least":
            key = "answer" + type_of(source).fhir_value.removeprefix("value")
            entries.append({"question": when.question, "operator": ">=", key: typed_number(source, when.values[0])})
        elif type_of(source).has_options:
            entries += [{"question": when.question, "operator": "=", "answerCoding": coding(site, source, value)}
                        for value in when.values]
        else:
            answer_key = "answer" + type_of(source).fhir_value.removeprefix("value")
            entries += [not_sure_ticked(source) if is_not_sure_box(source, value) else
                        {"question": when.question, "operator": "=", answer_key: value} for value in when.values]
    return entries


def not_sure_link_id(question: Question) -> str:
    return f"{question.id}.not_sure"


def not_sure_ticked(question: Question) -> dict:
    return {"question": not_sure_link_id(question), "operator": "=", "answerBoolean": True}


def not_sure_item(question: Question) -> dict:
    """The "Not sure" box beside a number (Question.not_sure) as the item that carries it: a Yes here is the answer,
    and the number is not asked (a number or "Not sure", as the app takes it, never both)."""
    return {"linkId": not_sure_link_id(question), "text": NOT_SURE_ITEM_TEXT, "type": "boolean"}


def unless_not_sure(question: Question) -> list[dict]:
    """enableWhen of a number with a "Not sure" box: asked while the box is not answered Yes (R4 leaves "!=" on an
    unanswered item open, so "not answered, or No")."""
    if question.show_when is not None:
        raise ValueError(f"{question.id}: no FHIR enableWhen for a number with a condition and a 'Not sure' box")
    return [{"question": not_sure_link_id(question), "operator": "exists", "answerBoolean": False},
            {"question": not_sure_link_id(question), "operator": "=", "answerBoolean": False}]


def other_options(when: When) -> When:
    """A choice answered other than `when` asks, as a condition FHIR can state: "not Male" is "Female, Intersex or
    I would rather not say" (or no answer, stated apart), since R4 leaves "!=" on an unanswered question open."""
    source = QUESTIONS[when.question]
    if when.op != "in" or not type_of(source).has_options:
        raise ValueError(f"no FHIR enableWhen for {when.describe()!r} negated")
    return is_(when.question, *(option.value for option in source.options if option.value not in when.values))


def typed_number(question: Question, number: float) -> int | float:
    return int(number) if type_of(question).fhir_type == "integer" else float(number)


def bounds(question: Question) -> list[dict]:
    """min/max for numbers (dates have bounds relative to today, which a static definition cannot state)."""
    if not type_of(question).is_number:
        return []
    key = type_of(question).fhir_value
    return [extension(name, **{key: typed_number(question, limit)})
            for name, limit in (("minValue", question.min_value), ("maxValue", question.max_value))
            if limit is not None]


def display(link_id: str, text: str, control: str = "") -> dict:
    return {"linkId": link_id, "type": "display", "text": text,
            **({"extension": [item_control(control)]} if control else {})}


def questionnaire_item(site: Site, question: Question, link_id: str = "") -> dict:
    """One question (with its help, and a table's columns) as a Questionnaire item."""
    link_id = link_id or question.id
    kind = type_of(question)
    extensions = bounds(question)
    if question.unit:
        extensions.append(extension("questionnaire-unit", valueCoding={
            "system": UCUM_SYSTEM, "code": UCUM_UNITS[question.unit], "display": question.unit}))
    if type_of(question).shape == "rows":
        extensions.append(extension("questionnaire-maxOccurs", valueInteger=question.rows))
    if kind.fhir_control:
        extensions.append(item_control(kind.fhir_control))
    item: dict[str, Any] = {"linkId": link_id, "text": question.label, "type": kind.fhir_type}
    if extensions:
        item["extension"] = extensions
    if link_id in LOINC_ITEMS:
        item["code"] = [loinc(LOINC_ITEMS[link_id])]
    if question.not_sure:
        item["enableWhen"] = unless_not_sure(question)
    elif question.show_when is not None:
        item["enableWhen"] = enable_when(site, question.show_when)
    if len(item.get("enableWhen", [])) > 1:
        item["enableBehavior"] = "any"
    item["required"] = question.is_required
    if kind.shape != "one":
        item["repeats"] = True
    if type_of(question).is_text:
        item["maxLength"] = question.text_limit
    if type_of(question).has_options:
        item["answerOption"] = [answer_option(site, question, option, link_id) for option in question.options]
    children = [display(f"{link_id}.help", question.help, "help")] if question.help else []
    if type_of(question).shape == "rows":
        children += [questionnaire_item(site, column, f"{question.id}.{column.id}") for column in question.columns]
    if children:
        item["item"] = children
    return item


def answer_option(site: Site, question: Question, option: Option, link_id: str) -> dict:
    entry: dict[str, Any] = {"valueCoding": option_coding(site, question, option, link_id)}
    if option.score is not None:
        entry["extension"] = [extension("ordinalValue", valueDecimal=option.score)]
    return entry


def runs(section: Section) -> Iterable[tuple[str, list[Question]]]:
    """The section's questions in order, cut where the instrument changes ("" for no grouped instrument)."""
    current: tuple[str, list[Question]] | None = None
    for question in section.questions:
        instrument = question.instrument if question.instrument in INSTRUMENT_GROUPS else ""
        if current is None or current[0] != instrument:
            if current:
                yield current
            current = (instrument, [])
        current[1].append(question)
    if current:
        yield current


def section_link_id(section: Section) -> str:
    return f"section.{section.id}"


def instrument_link_id(section: Section, instrument: str) -> str:
    return f"{section_link_id(section)}.{INSTRUMENT_GROUPS[instrument][0]}"


def section_items(site: Site, section: Section) -> list[dict]:
    items = [display(f"{section_link_id(section)}.intro", section.intro)] if section.intro else []
    for instrument, questions in runs(section):
        members = []
        for question in questions:
            if question.id in section.lead_ins:
                members.append(display(f"{question.id}.lead-in", section.lead_ins[question.id]))
            if question.type == CONSENT and site.alert_consent:
                members.append(display(f"{question.id}.alert", site.alert_consent))
            members.append(questionnaire_item(site, question))
            if question.not_sure:
                members.append(not_sure_item(question))
        if instrument:
            panel, _ = LOINC[instrument]
            items.append({"linkId": instrument_link_id(section, instrument), "type": "group",
                          "text": INSTRUMENT_GROUPS[instrument][1], "code": [loinc(panel, f"{instrument} panel")],
                          "item": members})
        else:
            items += members
    return items


def total_expression(instrument: str) -> str:
    """FHIRPath summing the ordinalValue of the instrument's answers, wherever in the form they are."""
    ids = " | ".join(f"'{question.id}'" for question in QUESTIONS.values() if question.instrument == instrument
                     and any(option.score is not None for option in question.options))
    return f"%resource.repeat(item).where(linkId in ({ids})).answer.value.ordinal().sum()"


def scores_group() -> dict:
    return {
        "linkId": SCORES_LINK_ID, "type": "group", "text": "Questionnaire scores",
        "item": [
            {"linkId": TOTAL_IDS[name], "type": "integer", "readOnly": True, "text": f"{name} total score",
             "code": [loinc(total, f"{name} total score")],
             "extension": [extension(SDC + "sdc-questionnaire-calculatedExpression", valueExpression={
                 "description": f"{name} total score", "language": "text/fhirpath",
                 "expression": total_expression(name)})]}
            for name, (_, total) in LOINC.items()
        ],
    }


def questionnaire(site: Site = Site()) -> dict:
    """The app's questionnaire as a FHIR R4 SDC Questionnaire."""
    return {
        "resourceType": "Questionnaire",
        "id": QUESTIONNAIRE_ID,
        "meta": {"profile": [SDC_QUESTIONNAIRE]},
        "url": site.questionnaire_url,
        "version": QUESTIONNAIRE_VERSION,
        "name": "KetaminePreConsultationScreening",
        "title": "Questions before a ketamine-therapy consultation",
        "status": "active",
        "subjectType": ["Patient"],
        "date": QUESTIONNAIRE_DATE,
        "publisher": site.publisher,
        "item": [
            {"linkId": section_link_id(section), "type": "group", "text": section.title,
             "item": section_items(site, section)}
            for section in SECTIONS
        ] + [scores_group()],
    }


def own_concepts(site: Site) -> Iterable[tuple[str, str]]:
    """(code, display) of every option coded in our CodeSystem rather than LOINC, table columns included."""
    choices = [(question, "") for question in QUESTIONS.values()]
    choices += [(column, f"{table.id}.{column.id}") for table in QUESTIONS.values() for column in table.columns]
    for question, link_id in choices:
        if type_of(question).has_options:
            for option in question.options:
                option_code = option_coding(site, question, option, link_id)
                if option_code["system"] == site.code_system_url:
                    yield option_code["code"], option_code["display"]


def code_system(site: Site = Site()) -> dict:
    """One CodeSystem for all our own answer codes, "<linkId>/<option value>"."""
    concepts = [{"code": code, "display": label} for code, label in own_concepts(site)]
    return {
        "resourceType": "CodeSystem",
        "id": CODE_SYSTEM_ID,
        "url": site.code_system_url,
        "version": QUESTIONNAIRE_VERSION,
        "name": "KetaminePreConsultationAnswers",
        "title": "Answers to the questions before a ketamine-therapy consultation",
        "status": "active",
        "date": QUESTIONNAIRE_DATE,
        "publisher": site.publisher,
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "concept": concepts,
    }


# Responses


def fhir_datetime(moment: datetime) -> str:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def answer_values(site: Site, question: Question, value: Any, link_id: str = "") -> list[dict]:
    if type_of(question).has_options:
        values = value if isinstance(value, list) else [value]
        return [{"valueCoding": coding(site, question, item, link_id)} for item in values]
    return [{type_of(question).fhir_value: value}]


def question_answers(site: Site, question: Question, answers: dict[str, Any]) -> list[dict]:
    if is_not_sure_box(question, answers[question.id]):
        return [{"linkId": not_sure_link_id(question), "text": NOT_SURE_ITEM_TEXT, "answer": [{"valueBoolean": True}]}]
    if type_of(question).shape != "rows":
        return [{"linkId": question.id, "text": question.label, "answer": answer_values(site, question,
                                                                                        answers[question.id])}]
    rows = []
    for row in answers[question.id]:
        cells = [{"linkId": f"{question.id}.{column.id}", "text": column.label,
                  "answer": answer_values(site, column, row[column.id], f"{question.id}.{column.id}")}
                 for column in question.columns if column.id in row]
        if cells:
            rows.append({"linkId": question.id, "text": question.label, "item": cells})
    return rows


def response_section(site: Site, section: Section, answers: dict[str, Any]) -> list[dict]:
    items = []
    for instrument, questions in runs(section):
        members = [item for question in questions if question.id in answers
                   for item in question_answers(site, question, answers)]
        if members and instrument:
            items.append({"linkId": instrument_link_id(section, instrument), "text": INSTRUMENT_GROUPS[instrument][1],
                          "item": members})
        else:
            items += members
    return items


def response_items(site: Site, answers: dict[str, Any], scores: list[Score]) -> list[dict]:
    sections = [
        {"linkId": section_link_id(section), "text": section.title, "item": items}
        for section in SECTIONS
        if (items := response_section(site, section, answers))
    ]
    totals = [
        {"linkId": TOTAL_IDS[score.instrument], "text": f"{score.instrument} total score",
         "answer": [{"valueInteger": score.total}]}
        for score in scores
        if score.complete
    ]
    return sections + ([{"linkId": SCORES_LINK_ID, "text": "Questionnaire scores", "item": totals}] if totals else [])


def patient(answers: dict[str, Any]) -> dict:
    """The patient as the intake names them: the name as typed (never split into parts) and date of birth."""
    resource: dict[str, Any] = {"resourceType": "Patient", "name": [{"text": answers["full_name"]}],
                                "birthDate": answers["date_of_birth"]}
    telecom = [{"system": system, "value": answers[key], "use": "home"}
               for key, system in (("phone", "phone"), ("email", "email")) if answers.get(key)]
    if telecom:
        resource["telecom"] = telecom
    return resource


def consent(wording: str, submitted_at: datetime, patient_reference: str, response_reference: str) -> dict:
    """What the patient agreed to on step 1, as a Consent: the words step 1 showed (the clinic's ALERT_CONSENT_TEXT,
    then the consent's own) as a plain-text attachment, given by the patient, opting in to the clinic's use of the
    answers in the response it names. A record system keeps it with the patient's other consents."""
    patient_ref = {"reference": patient_reference}
    return {
        "resourceType": "Consent",
        "status": "active",
        "scope": {"coding": [{"system": CONSENT_SCOPE_SYSTEM, "code": "patient-privacy"}]},
        "category": [{"coding": [loinc(CONSENT_DOCUMENT)]}],
        "patient": patient_ref,
        "dateTime": fhir_datetime(submitted_at),
        "performer": [patient_ref],
        "sourceAttachment": {"contentType": "text/plain; charset=utf-8", "language": "en",
                             "data": base64.b64encode(wording.encode()).decode(),
                             "title": "The words the patient agreed to"},
        "policyRule": {"coding": [{"system": ACT_CODE_SYSTEM, "code": "OPTIN"}]},
        "provision": {"type": "permit",
                      "data": [{"meaning": "instance", "reference": {"reference": response_reference}}]},
    }


def response_resource(site: Site, answers: dict[str, Any], scores: list[Score], submitted_at: datetime,
                      patient_reference: str) -> dict:
    subject = {"reference": patient_reference, "type": "Patient"}
    return {
        "resourceType": "QuestionnaireResponse",
        "meta": {"profile": [SDC_RESPONSE]},
        "questionnaire": f"{site.questionnaire_url}|{QUESTIONNAIRE_VERSION}",
        "status": "completed",
        "subject": subject,
        "authored": fhir_datetime(submitted_at),
        "author": subject,
        "source": subject,
        "item": response_items(site, answers, scores),
    }


def questionnaire_response(intake_id: int, answers: dict[str, Any], scores: list[Score], submitted_at: datetime,
                           site: Site = Site(), consent_wording: str = "") -> dict:
    """One submitted intake as a QuestionnaireResponse; the patient filled it in, so they are subject,
    author and source, contained in the response. With the consent wording the patient agreed to (when recorded),
    the Consent is contained too, naming the response that holds it ("#")."""
    resource = response_resource(site, answers, scores, submitted_at, "#patient")
    contained = [{**patient(answers), "id": "patient"}]
    if consent_wording:
        contained.append({**consent(consent_wording, submitted_at, "#patient", "#"), "id": "consent"})
    return {"resourceType": "QuestionnaireResponse", "id": f"intake-{intake_id}", "contained": contained,
            **{key: value for key, value in resource.items() if key != "resourceType"}}


def total_observation(score: Score, submitted_at: datetime, patient_reference: str, response_reference: str) -> dict:
    _, total = LOINC[score.instrument]
    name = f"{score.instrument} total score"
    return {
        "resourceType": "Observation",
        "meta": {"profile": [US_CORE_SCREENING]},
        "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                  "code": "survey", "display": "Survey"}]}],
        "code": {"coding": [loinc(total, name)], "text": name},
        "subject": {"reference": patient_reference},
        "effectiveDateTime": fhir_datetime(submitted_at),
        "valueQuantity": {"value": score.total, "unit": "{score}", "system": UCUM_SYSTEM, "code": "{score}"},
        "derivedFrom": [{"reference": response_reference}],
    }


def transaction_bundle(intake_id: int, answers: dict[str, Any], scores: list[Score], submitted_at: datetime,
                       site: Site = Site(), consent_wording: str = "") -> dict:
    """Patient, QuestionnaireResponse, an Observation per complete instrument total, and the Consent (when its
    wording was recorded), for one POST to a FHIR server; entries refer to each other by urn:uuid, which the server
    replaces by the ids it assigns."""

    def full_url(kind: str) -> str:
        return uuid.uuid5(uuid.NAMESPACE_URL, f"{site.base}/intake/{intake_id}/{kind}").urn

    patient_url, response_url = full_url("patient"), full_url("response")
    resources = [(patient_url, patient(answers)),
                 (response_url, response_resource(site, answers, scores, submitted_at, patient_url))]
    resources += [(full_url(score.instrument), total_observation(score, submitted_at, patient_url, response_url))
                  for score in scores if score.complete]
    if consent_wording:
        resources.append((full_url("consent"), consent(consent_wording, submitted_at, patient_url, response_url)))
    return {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [{"fullUrl": url, "resource": resource,
                   "request": {"method": "POST", "url": resource["resourceType"]}}
                  for url, resource in resources],
    }
