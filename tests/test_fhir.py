"""FHIR that other tools accept: the Questionnaire, CodeSystem, QuestionnaireResponse and transaction Bundle
the staff download, checked against the R4 invariants (fhirpathpy) and the R4B models, and a response read
back by `flask load-answers`."""

import base64
import copy
import json
from datetime import UTC, date, datetime

import pytest
from answer_sets import everything_positive, nothing_of_note
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.consent import Consent
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir_invariants import failures
from helpers import Patient, load_answers

import config
from screening.exports import fhir
from screening.intake import store as intake_store
from screening.models import AuditEvent, Intake, db
from screening.questionnaire import QUESTIONS
from screening.questionnaire.instruments import LOINC_ANSWERS, LOINC_ITEMS
from screening.rules import evaluate, scores

EXTENSION = "http://hl7.org/fhir/StructureDefinition/"
PANELS = {"PHQ-9": "44249-1", "GAD-7": "69737-5", "AUDIT-C": "72109-2"}
CALCULATED = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression"
TOTALS = {"PHQ-9": "44261-6", "GAD-7": "70274-6", "AUDIT-C": "75626-2"}
CONSENT_WORDS = ("I agree that the clinic may use my answers to get ready for my visit.\n"
                 "Only the clinic's staff can see your answers.")


def items(tree: list[dict]):
    for item in tree:
        yield item
        yield from items(item.get("item", []))
        for answer in item.get("answer", []):
            yield from items(answer.get("item", []))


def by_link_id(resource: dict) -> dict[str, dict]:
    return {item["linkId"]: item for item in items(resource["item"])}


def extension_value(item: dict, name: str):
    url = name if name.startswith("http") else EXTENSION + name
    return next(next(value for key, value in entry.items() if key.startswith("value"))
                for entry in item.get("extension", []) if entry["url"] == url)


def response(answers: dict) -> dict:
    resource = fhir.questionnaire_response(7, answers, scores(answers), datetime(2026, 11, 20, 9, 30, tzinfo=UTC))
    return json.loads(json.dumps(resource))


def store(app, answers: dict) -> int:
    with app.app_context():
        return intake_store.store_submitted(answers, submitted_at=datetime.now(UTC)).id


def stored(app) -> list[dict]:
    with app.app_context():
        return [intake_store.answers_of(intake) for intake in db.session.execute(db.select(Intake)).scalars()]


# The Questionnaire


def test_the_questionnaire_keeps_every_r4_invariant_including_unique_link_ids():
    questionnaire = fhir.questionnaire()
    assert failures(questionnaire) == {}
    link_ids = [item["linkId"] for item in items(questionnaire["item"])]
    assert len(link_ids) == len(set(link_ids))
    assert {"section.reasons", "reasons", "reasons_other"} <= set(link_ids)


def test_the_invariant_check_catches_a_section_named_like_its_question():
    questionnaire = fhir.questionnaire()
    questionnaire["item"][1]["linkId"] = "reasons"
    assert failures(questionnaire) == {"que-2": ["Questionnaire"]}


def test_the_invariant_check_catches_an_exists_condition_without_a_boolean():
    questionnaire = fhir.questionnaire()
    pregnancy = by_link_id(questionnaire)["pregnancy_any"]
    assert pregnancy["enableWhen"][0] == {"question": "sex_at_birth", "operator": "exists", "answerBoolean": False}
    pregnancy["enableWhen"][0] = {"question": "sex_at_birth", "operator": "exists", "answerString": "no"}
    assert failures(questionnaire) == {"que-7": ["sex_at_birth"]}


def test_the_invariant_check_catches_a_question_answered_twice_in_a_response():
    resource = response(nothing_of_note())
    phq9 = by_link_id(resource)["section.mood.phq9"]
    phq9["item"].append(copy.deepcopy(phq9["item"][0]))
    assert "qrs-2" in failures(resource)


def test_every_loinc_code_names_a_question_and_every_option_of_it():
    for question_id, code in LOINC_ITEMS.items():
        assert question_id in QUESTIONS, (question_id, code)
    for question_id, codes in LOINC_ANSWERS.items():
        assert set(codes) == {option.value for option in QUESTIONS[question_id].options}, question_id
        assert len(set(codes.values())) == len(codes), question_id


def test_each_instrument_is_a_group_with_its_loinc_panel_and_its_items_carry_loinc_codes():
    items_by_id = by_link_id(fhir.questionnaire())
    groups = {link_id: item for link_id, item in items_by_id.items() if item.get("type") == "group" and "code" in item}
    assert {link_id: item["code"][0]["code"] for link_id, item in groups.items()} == {
        "section.mood.phq9": PANELS["PHQ-9"], "section.mood.gad7": PANELS["GAD-7"],
        "section.substances.auditc": PANELS["AUDIT-C"]}
    members = {link_id: {item["linkId"] for item in group["item"] if item["type"] != "display"}
               for link_id, group in groups.items()}
    assert members["section.mood.phq9"] == {
        *(f"phq9_{number}" for number in range(1, 10)), "phq9_difficulty"}
    assert members["section.mood.gad7"] == {f"gad7_{number}" for number in range(1, 8)}
    assert members["section.substances.auditc"] == {"auditc_1", "auditc_2", "auditc_3"}
    assert items_by_id["phq9_1"]["code"] == [{"system": "http://loinc.org", "code": "44250-9"}]
    assert items_by_id["phq9_9"]["code"][0]["code"] == "44260-8"
    assert items_by_id["gad7_7"]["code"][0]["code"] == "69736-7"
    assert items_by_id["auditc_3"]["code"][0]["code"] == "68520-6"
    assert "code" not in items_by_id["auditc_1"], "68518-0 is in no public LOINC-coded Questionnaire we checked"
    assert "code" not in fhir.questionnaire(), "three panels are not one concept"


def test_scored_answers_carry_loinc_codes_and_ordinal_values_that_add_up_to_the_apps_totals():
    questionnaire_items = by_link_id(fhir.questionnaire())
    phq9_1 = questionnaire_items["phq9_1"]["answerOption"]
    assert [(option["valueCoding"]["code"], extension_value(option, "ordinalValue")) for option in phq9_1] == [
        ("LA6568-5", 0), ("LA6569-3", 1), ("LA6570-1", 2), ("LA6571-9", 3)]
    answers = {**everything_positive(), "phq9_4": "1", "gad7_2": "0", "auditc_3": "monthly"}
    answered = by_link_id(response(answers))
    for score in scores(answers):
        total = questionnaire_items[fhir.TOTAL_IDS[score.instrument]]
        expression = extension_value(total, CALCULATED)
        scored = [question.id for question in QUESTIONS.values()
                  if question.instrument == score.instrument and question.options[0].score is not None]
        assert all(f"'{question_id}'" in expression["expression"] for question_id in scored)
        ordinals = [extension_value(option, "ordinalValue")
                    for question_id in scored if question_id in answered
                    for option in questionnaire_items[question_id]["answerOption"]
                    if option["valueCoding"] == answered[question_id]["answer"][0]["valueCoding"]]
        assert sum(ordinals) == score.total, score.instrument
        assert total["code"][0]["code"] == TOTALS[score.instrument]


def test_units_limits_lengths_the_tables_row_limit_and_help_are_exported():
    items_by_id = by_link_id(fhir.questionnaire())
    assert extension_value(items_by_id["bp_systolic"], "questionnaire-unit")["code"] == "mm[Hg]"
    assert extension_value(items_by_id["bp_systolic"], "questionnaire-unit")["system"] == "http://unitsofmeasure.org"
    assert extension_value(items_by_id["height_cm"], "questionnaire-unit")["code"] == "cm"
    assert extension_value(items_by_id["weight_kg"], "questionnaire-unit")["code"] == "kg"
    assert (extension_value(items_by_id["bp_diastolic"], "minValue"),
            extension_value(items_by_id["bp_diastolic"], "maxValue")) == (30, 160)
    assert extension_value(items_by_id["weight_kg"], "maxValue") == 350.0
    assert items_by_id["full_name"]["maxLength"] == 120
    assert extension_value(items_by_id["antidepressants"], "questionnaire-maxOccurs") == 6
    assert items_by_id["antidepressants.name"]["maxLength"] == 80
    assert items_by_id["drug_use_count.help"]["type"] == "display"
    assert items_by_id["drug_use_count.help"]["text"].startswith("Enter 0 if none.")
    assert items_by_id["phq9_1.lead-in"]["text"].startswith("Over the last 2 weeks")


def test_the_questionnaire_names_its_profile_canonical_url_publisher_and_subject(app, make_staff):
    app.config.update(FHIR_BASE_URL="https://fhir.riverside.example/r4/", CLINIC_NAME="Riverside Mood Clinic")
    questionnaire = json.loads(make_staff().client.get("/staff/questionnaire.json").data)
    Questionnaire.model_validate(questionnaire)
    assert questionnaire["meta"]["profile"] == ["http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire|3.0.0"]
    assert questionnaire["url"] == "https://fhir.riverside.example/r4/Questionnaire/ketamine-pre-consultation"
    assert questionnaire["publisher"] == "Riverside Mood Clinic"
    assert questionnaire["subjectType"] == ["Patient"]
    assert date.fromisoformat(questionnaire["date"])


def test_the_questionnaire_shows_the_clinics_alert_words_just_before_the_consent_box(app, make_staff):
    """A form tool built from the Questionnaire asks for the same agreement step 1 asks for, not a bare "I agree"."""
    app.config.update(ALERT_CONSENT_TEXT="Riverside may call you if your answers show you may be at risk.")
    questionnaire = json.loads(make_staff().client.get("/staff/questionnaire.json").data)
    Questionnaire.model_validate(questionnaire)
    assert not failures(questionnaire)
    about_you = next(group for group in questionnaire["item"]
                     if any(item["linkId"] == "consent" for item in group["item"]))
    link_ids = [child["linkId"] for child in about_you["item"]]
    words = about_you["item"][link_ids.index("consent") - 1]
    assert words == {"linkId": "consent.alert", "type": "display",
                     "text": "Riverside may call you if your answers show you may be at risk."}


def test_the_fhir_base_url_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("FHIR_BASE_URL", "https://fhir.example.net")
    assert config.from_environment()["FHIR_BASE_URL"] == "https://fhir.example.net"


def test_a_canonical_url_must_be_http_or_https():
    with pytest.raises(ValueError, match="FHIR_BASE_URL"):
        fhir.Site("urn:screening")


def test_our_own_answer_codes_are_one_exported_code_system(app, make_staff):
    staff = make_staff()
    code_system = json.loads(staff.client.get("/staff/codesystem.json").data)
    CodeSystem.model_validate(code_system)
    questionnaire = json.loads(staff.client.get("/staff/questionnaire.json").data)
    codings = [coding for item in items(questionnaire["item"]) for coding in
               [option["valueCoding"] for option in item.get("answerOption", [])]
               + [when["answerCoding"] for when in item.get("enableWhen", []) if "answerCoding" in when]]
    systems = {coding["system"] for coding in codings}
    assert systems == {"http://loinc.org", code_system["url"]}, "one CodeSystem, no per-question systems"
    concepts = {concept["code"]: concept["display"] for concept in code_system["concept"]}
    assert len(concepts) == code_system["count"] == len(code_system["concept"])
    for coding in codings:
        if coding["system"] == code_system["url"]:
            assert concepts[coding["code"]] == coding["display"]
    assert concepts["reasons/other"] == "Something else"
    assert "antidepressants.helped/no" in concepts


# The QuestionnaireResponse


@pytest.mark.parametrize("answers", [everything_positive(), nothing_of_note()], ids=["everything", "nothing"])
def test_a_response_keeps_every_r4_invariant_and_the_questionnaires_structure(answers):
    resource = response(answers)
    QuestionnaireResponse.model_validate(resource)
    assert failures(resource) == {}
    questionnaire_items = by_link_id(fhir.questionnaire())

    def same_structure(answered: list[dict], defined: list[dict]):
        child_ids = {item["linkId"] for item in defined}
        for item in answered:
            assert item["linkId"] in child_ids, item["linkId"]
            same_structure(item.get("item", []), questionnaire_items[item["linkId"]].get("item", []))

    same_structure(resource["item"], fhir.questionnaire()["item"])


def test_the_response_names_the_patient_as_subject_author_and_source(app, make_staff):
    intake_id = store(app, everything_positive())
    resource = json.loads(make_staff().client.get(f"/staff/intakes/{intake_id}/fhir.json").data)
    assert resource["contained"] == [{"resourceType": "Patient", "id": "patient",
                                      "name": [{"text": "Maria-Dolores Fernández-Okonkwo"}],
                                      "birthDate": "1950-06-01",
                                      "telecom": [{"system": "phone", "value": "+1 555 987 6543", "use": "home"},
                                                  {"system": "email", "value": "maria@example.org", "use": "home"}]}]
    assert resource["subject"]["reference"] == resource["author"]["reference"] == resource["source"]["reference"] \
        == "#patient"
    assert datetime.fromisoformat(resource["authored"]).tzinfo is not None
    assert resource["questionnaire"] == "https://example.org/fhir/Questionnaire/ketamine-pre-consultation|2026.11.3"
    assert resource["meta"]["profile"][0].startswith("http://hl7.org/fhir/uv/sdc/StructureDefinition/")


def test_the_transaction_bundle_holds_patient_response_and_total_observations_and_is_audited(app, make_staff):
    intake_id = store(app, everything_positive())
    nurse = make_staff()
    download = nurse.client.get(f"/staff/intakes/{intake_id}/fhir-bundle.json")
    assert download.mimetype == "application/fhir+json"
    bundle = json.loads(download.data)
    Bundle.model_validate(bundle)
    assert bundle["type"] == "transaction"
    entries = bundle["entry"]
    assert [entry["resource"]["resourceType"] for entry in entries] == [
        "Patient", "QuestionnaireResponse", "Observation", "Observation", "Observation"]
    assert all(entry["request"] == {"method": "POST", "url": entry["resource"]["resourceType"]} for entry in entries)
    full_urls = [entry["fullUrl"] for entry in entries]
    assert len(set(full_urls)) == len(full_urls) and all(url.startswith("urn:uuid:") for url in full_urls)
    patient_url, response_url = full_urls[:2]
    qr = entries[1]["resource"]
    assert qr["subject"]["reference"] == patient_url and "contained" not in qr
    assert failures(qr) == {}
    observations = {entry["resource"]["code"]["coding"][0]["code"]: entry["resource"] for entry in entries[2:]}
    assert {code: observation["valueQuantity"]["value"] for code, observation in observations.items()} == {
        TOTALS["PHQ-9"]: 27, TOTALS["GAD-7"]: 21, TOTALS["AUDIT-C"]: 9}
    for observation in observations.values():
        assert observation["status"] == "final"
        assert observation["category"][0]["coding"][0]["code"] == "survey"
        assert observation["subject"] == {"reference": patient_url}
        assert observation["derivedFrom"] == [{"reference": response_url}]
        assert observation["valueQuantity"]["code"] == "{score}"
    with app.app_context():
        assert db.session.execute(db.select(AuditEvent).filter_by(action="export_fhir_bundle")).scalar_one() \
            .intake_id == intake_id


def test_the_bundle_leaves_out_a_total_the_patient_did_not_complete(app, make_staff):
    answers = nothing_of_note()
    answers.update(auditc_1="monthly_or_less", auditc_2="1_or_2")  # item 3 left out: the AUDIT-C total is not complete
    intake_id = store(app, answers)
    bundle = json.loads(make_staff().client.get(f"/staff/intakes/{intake_id}/fhir-bundle.json").data)
    codes = [entry["resource"]["code"]["coding"][0]["code"] for entry in bundle["entry"][2:]]
    assert codes == [TOTALS["PHQ-9"], TOTALS["GAD-7"]]


def sent_through_the_form(app) -> int:
    """An intake a patient filled in and sent, so its consent wording is recorded."""
    patient = Patient(app.test_client())
    patient.complete()
    assert patient.submit().headers["Location"].endswith("/done")
    with app.app_context():
        return db.session.scalar(db.select(Intake.id))


def agreed_words(consent: dict) -> str:
    attachment = consent["sourceAttachment"]
    assert attachment["contentType"] == "text/plain; charset=utf-8"
    return base64.b64decode(attachment["data"]).decode()


def test_the_response_carries_the_words_the_patient_agreed_to_as_a_consent(app, make_staff):
    resource = json.loads(make_staff().client.get(f"/staff/intakes/{sent_through_the_form(app)}/fhir.json").data)
    QuestionnaireResponse.model_validate(resource)
    patient, consent = resource["contained"]
    assert consent["resourceType"] == "Consent" and consent["id"] == "consent"
    Consent.model_validate(consent)
    assert failures(consent) == {}
    assert agreed_words(consent) == f"{config.ALERT_CONSENT}\n{CONSENT_WORDS}"
    assert consent["status"] == "active"
    assert consent["patient"] == {"reference": "#patient"} and consent["performer"] == [{"reference": "#patient"}]
    assert consent["dateTime"] == resource["authored"]
    assert consent["provision"] == {"type": "permit",
                                    "data": [{"meaning": "instance", "reference": {"reference": "#"}}]}, \
        "it permits the use of this response, the resource that contains it"
    assert by_link_id(resource)["consent"]["answer"] == [{"valueBoolean": True}]


def test_the_bundle_carries_the_consent_for_the_response_and_a_server_takes_it(app, make_staff):
    bundle = json.loads(make_staff().client.get(f"/staff/intakes/{sent_through_the_form(app)}/fhir-bundle.json").data)
    Bundle.model_validate(bundle)
    urls = {entry["resource"]["resourceType"]: entry["fullUrl"] for entry in bundle["entry"]}
    (consent_entry,) = [entry for entry in bundle["entry"] if entry["resource"]["resourceType"] == "Consent"]
    consent = consent_entry["resource"]
    assert consent_entry["request"] == {"method": "POST", "url": "Consent"}
    assert failures(consent) == {}
    assert agreed_words(consent) == f"{config.ALERT_CONSENT}\n{CONSENT_WORDS}"
    assert consent["patient"] == {"reference": urls["Patient"]}
    assert consent["provision"]["data"] == [{"meaning": "instance",
                                             "reference": {"reference": urls["QuestionnaireResponse"]}}]


def test_the_invariant_check_catches_a_consent_without_a_policy_or_a_patient():
    consent = fhir.consent("The words.", datetime(2026, 11, 20, 9, 30, tzinfo=UTC), "#patient", "#")
    del consent["policyRule"], consent["patient"]
    assert failures(consent) == {"ppc-1": ["Consent"], "ppc-2 with consentscope": ["Consent"]}


def test_an_intake_without_a_recorded_wording_exports_no_consent(app, make_staff):
    intake_id = store(app, everything_positive())  # stored from answers, as `load-answers` does: no wording recorded
    staff = make_staff()
    response_resource = json.loads(staff.client.get(f"/staff/intakes/{intake_id}/fhir.json").data)
    bundle = json.loads(staff.client.get(f"/staff/intakes/{intake_id}/fhir-bundle.json").data)
    assert [resource["resourceType"] for resource in response_resource["contained"]] == ["Patient"]
    assert "Consent" not in [entry["resource"]["resourceType"] for entry in bundle["entry"]]


# Both ways: load-answers takes a FHIR QuestionnaireResponse


def test_load_answers_stores_a_fhir_response_with_the_same_answers_and_flags(app, runner, tmp_path):
    answers = everything_positive()
    result = load_answers(runner, tmp_path, response(answers))
    assert result.exit_code == 0, result.output
    assert "Stored 1 submitted intake." in result.output
    assert stored(app) == [answers]
    today = date.today()
    assert [flag.as_dict() for flag in evaluate(stored(app)[0], today)] == [
        flag.as_dict() for flag in evaluate(answers, today)]


def test_load_answers_stores_an_exported_response_that_carries_its_consent(app, runner, tmp_path, make_staff):
    intake_id = sent_through_the_form(app)
    exported = json.loads(make_staff().client.get(f"/staff/intakes/{intake_id}/fhir.json").data)
    assert [resource["resourceType"] for resource in exported["contained"]] == ["Patient", "Consent"]
    result = load_answers(runner, tmp_path, exported)
    assert result.exit_code == 0, result.output
    sent, loaded = stored(app)
    assert loaded == sent


def test_load_answers_reads_codes_under_another_base_url_and_ignores_coding_extensions(app, runner, tmp_path):
    resource = json.loads(json.dumps(response(nothing_of_note())).replace(
        "https://example.org/fhir/", "https://fhir.other-clinic.example/"))
    phq9_1 = by_link_id(resource)["phq9_1"]["answer"][0]["valueCoding"]
    phq9_1["extension"] = [{"url": EXTENSION + "ordinalValue", "valueDecimal": 0}]
    result = load_answers(runner, tmp_path, resource)
    assert result.exit_code == 0, result.output
    assert stored(app) == [nothing_of_note()]


def answered_response(change) -> dict:
    resource = response(nothing_of_note())
    change(resource, by_link_id(resource))
    return resource


@pytest.mark.parametrize(("change", "words"), [
    (lambda resource, items: items["bp_diastolic"]["answer"][0].update(valueInteger=500),
     "bp_diastolic: Enter a number between 30 and 160 mmHg."),
    (lambda resource, items: items["heart_any"]["answer"][0]["valueCoding"].update(code="heart_any/perhaps"),
     "heart_any: https://example.org/fhir/CodeSystem/ketamine-pre-consultation-answers|heart_any/perhaps is not one "
     "of"),
    (lambda resource, items: items["heart_any"].update(linkId="favourite_colour"),
     "favourite_colour: is not a question id"),
    (lambda resource, items: items["heart_any"].pop("answer"), "heart_any: is required but has no answer"),
    (lambda resource, items: items["date_of_birth"]["answer"][0].update(valueDate="27/03/1985"),
     "date_of_birth: '27/03/1985' is not a date like 1985-03-27"),
    (lambda resource, items: items["phq9_1"]["answer"].append(copy.deepcopy(items["phq9_2"]["answer"][0])),
     "phq9_1: has 2 answers; it takes one"),
    (lambda resource, items: resource.update(questionnaire="http://loinc.org/q/44249-1"),
     "questionnaire: is 'http://loinc.org/q/44249-1', not our Questionnaire"),
    (lambda resource, items: resource.update(status="in-progress"),
     "status: is 'in-progress'; only a completed response can be loaded"),
], ids=["out of range", "unknown code", "unknown linkId", "required", "bad date", "two answers", "other form",
        "in progress"])
def test_load_answers_refuses_a_fhir_response_with_a_clear_message(app, runner, tmp_path, change, words):
    result = load_answers(runner, tmp_path, answered_response(change))
    assert result.exit_code != 0
    assert words in result.output
    assert "Nothing was stored." in result.output and "Traceback" not in result.output
    assert stored(app) == []


def test_a_fhir_response_and_an_answers_file_fail_with_the_same_message(app, runner, tmp_path):
    answers = {**nothing_of_note(), "bp_systolic": 400}
    from_json = load_answers(runner, tmp_path, answers).output
    from_fhir = load_answers(runner, tmp_path, response(answers)).output
    assert from_json == from_fhir
    assert "bp_systolic" in from_fhir


def test_the_gad7_answer_code_lhc_forms_uses_for_item_2_loads_as_more_than_half_the_days(app, runner, tmp_path):
    resource = response({**nothing_of_note(), "gad7_2": "2"})
    by_link_id(resource)["gad7_2"]["answer"][0]["valueCoding"] = {
        "system": "http://loinc.org", "code": "LA18938-3", "display": "More days than not"}
    assert load_answers(runner, tmp_path, resource).exit_code == 0
    assert stored(app)[0]["gad7_2"] == "2"


# "Not sure" to a number: the item stays an integer; a boolean item right after it carries "Not sure"


def unsure_of_drugs() -> dict:
    return {**nothing_of_note(), "drug_use_count": "not_sure", "drugs_used": ["cannabis"],
            "drugs_last_used": "past_year"}


NOT_SURE_TICKED = {"question": "drug_use_count.not_sure", "operator": "=", "answerBoolean": True}


def test_the_follow_ups_of_the_drug_use_count_are_enabled_by_a_count_or_by_not_sure_as_in_the_app():
    questionnaire = fhir.questionnaire()
    section = next(item for item in questionnaire["item"] if item["linkId"] == "section.substances")
    link_ids = [item["linkId"] for item in section["item"]]
    assert link_ids[link_ids.index("drug_use_count") + 1] == "drug_use_count.not_sure", "right beside the number"
    items_by_id = by_link_id(questionnaire)
    assert items_by_id["drug_use_count"]["type"] == "integer"
    assert items_by_id["drug_use_count.not_sure"]["type"] == "boolean"
    for follow_up in ("drugs_used", "drugs_last_used"):
        assert items_by_id[follow_up]["enableWhen"] == [
            {"question": "drug_use_count", "operator": ">=", "answerInteger": 1}, NOT_SURE_TICKED]
        assert items_by_id[follow_up]["enableBehavior"] == "any"
    assert items_by_id["drugs_used_other"]["enableWhen"][0]["question"] == "drugs_used"


def test_the_count_is_required_unless_not_sure_is_yes_so_a_number_or_not_sure_never_both():
    count = by_link_id(fhir.questionnaire())["drug_use_count"]
    assert count["required"] is True
    assert count["enableWhen"] == [
        {"question": "drug_use_count.not_sure", "operator": "exists", "answerBoolean": False},
        {"question": "drug_use_count.not_sure", "operator": "=", "answerBoolean": False}]
    assert count["enableBehavior"] == "any"


def test_not_sure_is_a_yes_to_the_not_sure_item_and_no_count():
    resource = response(unsure_of_drugs())
    QuestionnaireResponse.model_validate(resource)
    assert failures(resource) == {}
    answered = by_link_id(resource)
    assert answered["drug_use_count.not_sure"]["answer"] == [{"valueBoolean": True}]
    assert "drug_use_count" not in answered
    assert answered["drugs_used"]["answer"][0]["valueCoding"]["code"] == "drugs_used/cannabis"
    assert "drug_use_count.not_sure" not in by_link_id(response(nothing_of_note()))


def test_load_answers_reads_not_sure_back_with_the_same_flags(app, runner, tmp_path):
    answers = unsure_of_drugs()
    result = load_answers(runner, tmp_path, response(answers))
    assert result.exit_code == 0, result.output
    assert stored(app) == [answers]
    today = date.today()
    assert "R-UNSURE" in {flag.rule_id for flag in evaluate(stored(app)[0], today)}
    assert [flag.as_dict() for flag in evaluate(stored(app)[0], today)] == [
        flag.as_dict() for flag in evaluate(answers, today)]


def as_exported_before(resource: dict) -> dict:
    """The response as the export wrote "Not sure" before its own item: the count's answer with no value, whose
    primitive says asked-unknown."""
    text = json.dumps(resource).replace(
        '"linkId": "drug_use_count.not_sure", "text": "Not sure of the number?", "answer": [{"valueBoolean": true}]',
        '"linkId": "drug_use_count", "text": "How many times?", "answer": [{"_valueInteger": {"extension": [{"url": '
        f'"{EXTENSION}data-absent-reason", "valueCode": "asked-unknown"}}]}}}}]')
    assert "drug_use_count.not_sure" not in text
    return json.loads(text)


def test_a_response_exported_before_the_not_sure_item_still_reads_as_not_sure(app, runner, tmp_path):
    answers = unsure_of_drugs()
    result = load_answers(runner, tmp_path, as_exported_before(response(answers)))
    assert result.exit_code == 0, result.output
    assert stored(app) == [answers]


def test_an_answer_without_a_value_for_another_reason_is_no_answer(app, runner, tmp_path):
    resource = response(nothing_of_note())
    by_link_id(resource)["drug_use_count"]["answer"] = [{"_valueInteger": {"extension": [
        {"url": EXTENSION + "data-absent-reason", "valueCode": "masked"}]}}]
    result = load_answers(runner, tmp_path, resource)
    assert result.exit_code != 0
    assert "drug_use_count: is required but has no answer" in result.output
    assert stored(app) == []


def with_not_sure(answer: dict) -> dict:
    resource = response(nothing_of_note())
    section = by_link_id(resource)["section.substances"]["item"]
    place = next(number for number, item in enumerate(section) if item["linkId"] == "drug_use_count") + 1
    section.insert(place, {"linkId": "drug_use_count.not_sure", "answer": [answer]})
    return resource


@pytest.mark.parametrize(("answer", "words"), [
    ({"valueBoolean": True}, "drug_use_count: has a number and \u201cNot sure\u201d; it takes one or the other"),
    ({"valueString": "yes"}, "drug_use_count.not_sure: takes one answer, Yes or No (valueBoolean)"),
], ids=["both", "not a boolean"])
def test_a_not_sure_item_with_a_number_or_without_a_boolean_is_refused(app, runner, tmp_path, answer, words):
    result = load_answers(runner, tmp_path, with_not_sure(answer))
    assert result.exit_code != 0
    assert words in result.output and "Nothing was stored." in result.output
    assert stored(app) == []


def test_no_to_not_sure_leaves_the_number(app, runner, tmp_path):
    result = load_answers(runner, tmp_path, with_not_sure({"valueBoolean": False}))
    assert result.exit_code == 0, result.output
    assert stored(app) == [nothing_of_note()]
