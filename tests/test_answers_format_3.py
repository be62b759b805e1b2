"""Answers format 3 (a treatments checklist, gates over substance history, pregnancy and anesthesia, one medicines
question, the reading's time with "I don't know", a therapist now only after talk therapy): nothing clinically
lost. Every rule fires for the same clinical answers given in format 3 and given in format 2 then upgraded, one
positive answer at a time and all at once; the step both ways; the data migration 0011 on a database holding
format 2 rows; `flask load-answers` given a format 2 file.

The format 2 files in tests/format_2/ were written by the app before this change (tests/answer_sets.py at commit
ca5b0cd, without the visit date, which moves with today), so the upgrade is tested on answers it did not make. The
`.fhir.json` files are the same answers as QuestionnaireResponses, written by that commit's FHIR export
(screening/exports/fhir.py at ca5b0cd, Questionnaire version 2026.11, submitted 2026-11-20 12:00 UTC).
"""

import json
from datetime import date
from pathlib import Path

import flask_migrate
import pytest
from answer_sets import ANSWER_SETS, everything_positive, nothing_of_note, typical_patient
from helpers import BACKENDS, answers_at_revision, app_at_revision, intake_at_revision, load_answers

from screening.crypto import vault
from screening.exports import fhir
from screening.exports.fhir_import import answers_from_response
from screening.models import Intake, db
from screening.questionnaire.answers import check_answers
from screening.questionnaire.answers_format import (
    GATE_IDS_2,
    GATES,
    downgrade,
    downgrade_3_to_2,
    format_of,
    upgrade,
    upgrade_2_to_3,
)
from screening.questionnaire.types import AnswerError
from screening.rules import CATALOGUE, evaluate

FORMAT_2 = Path(__file__).parent / "format_2"
TODAY = date.today()


def format_2(name: str) -> dict:
    return json.loads((FORMAT_2 / f"{name}.json").read_text(encoding="utf-8"))


def format_2_response(name: str) -> dict:
    return json.loads((FORMAT_2 / f"{name}.fhir.json").read_text(encoding="utf-8"))


def fired(answers: dict) -> set[str]:
    return {flag.rule_id for flag in evaluate(answers, TODAY)}


def without_visit(answers: dict) -> dict:
    return {key: value for key, value in answers.items() if key != "consultation_date"}


def changed(base: dict, change: dict, gates) -> dict:
    """`base` with `change` applied (None deletes a key), each gate it reaches opened with "Yes" and its other
    conditions answered "No", as a patient who says yes to one condition answers."""
    answers = dict(base)
    for gate in gates:
        if change.keys() & set(GATES[gate]) and answers.get(gate) == "no":
            answers.update({gate: "yes", **{condition: "no" for condition in GATES[gate]}})
    answers.update(change)
    return {key: value for key, value in answers.items() if value is not None}


ROW = [{"name": "Sertraline", "dose": "100 mg", "duration": "6_weeks_or_more", "helped": "no"}]
TALK = {"psychotherapy_kind": ["cbt"], "psychotherapy_duration": "over_a_year"}
NO_READING_2 = {"bp_systolic": None, "bp_diastolic": None, "bp_reading_when": None}
MEDICINES = ("benzodiazepines", "anticonvulsants", "maoi", "stimulants", "opioids", "sleep_medicines", "naltrexone",
             "buprenorphine_methadone", "blood_pressure", "nmda")

# (rule, one positive answer as format 2 asked it, the same answer as format 3 asks it); one dict for both when the
# questions did not change.
SINGLE_POSITIVES = [
    ("R-SI", {"phq9_9": "1"}, None),
    ("R-SI-ACUTE", {"asq_1": "yes", "asq_5": "yes"}, None),
    ("R-BP-CRISIS", {"bp_systolic": 185}, None),
    ("R-BP-HIGH", {"bp_systolic": 150}, None),
    ("R-BP-UNCONTROLLED", {"bp_diagnosed": "yes", "bp_treated": "yes", "bp_controlled": "no"},
     {"bp_diagnosed": "yes", "bp_controlled": "no", "medicine_classes": ["blood_pressure"]}),
    ("R-BP-UNKNOWN", {"bp_reading_known": "no", **NO_READING_2},
     {"bp_reading_when": "dont_know", "bp_systolic": None, "bp_diastolic": None}),
    ("R-BP-UNKNOWN", {"bp_diagnosed": "not_sure"}, None),
    ("R-VASC", {"aneurysm": "yes", "aneurysm_where": ["brain"]}, None),
    ("R-VASC", {"brain_bleed": "yes"}, None),
    ("R-CARD", {"stroke": "yes"}, None),
    ("R-PREG", {"pregnant": "maybe"}, None),
    ("R-PREG", {"planning_pregnancy": "yes"}, None),
    ("R-PREG", {"breastfeeding": "not_sure"}, None),
    ("R-SUD-ALCOHOL", {"auditc_1": "4_or_more_a_week", "auditc_2": "3_or_4", "auditc_3": "never"}, None),
    ("R-SUD-DRUGS", {"drug_use_count": 2, "drugs_used": ["cannabis"], "drugs_last_used": "past_month"}, None),
    ("R-SUD-KETAMINE", {"ketamine_nonmedical": "yes", "ketamine_nonmedical_when": "past_year"}, None),
    ("R-SUD-HISTORY", {"substance_problem_history": "yes"}, None),
    ("R-SUD-HISTORY", {"recovery_medicines": ["methadone"]}, {"medicine_classes": ["buprenorphine_methadone"]}),
    ("R-SUD-HISTORY", {"recovery_medicines": ["other"]}, {"medicine_classes": ["other_substance_use"]}),
    ("R-TRD", {"antidepressants_tried": "yes", "antidepressants": ROW, "augmentation": "no"},
     {"treatments_tried": ["antidepressants"], "antidepressants": ROW, "augmentation": "no"}),
    ("R-TRD", {"psychotherapy": "yes", **TALK}, {"treatments_tried": ["talk_therapy"], **TALK, "therapist_now": "yes"}),
    ("R-TRD", {"ect": "yes", "ect_helped": "a_little"}, {"treatments_tried": ["ect"], "ect_helped": "a_little"}),
    ("R-TRD", {"tms": "yes", "tms_helped": "no"}, {"treatments_tried": ["tms"], "tms_helped": "no"}),
    ("R-KETAMINE-BEFORE", {"ketamine_before": "yes", "ketamine_before_helped": "a_little"},
     {"treatments_tried": ["ketamine"], "ketamine_before_helped": "a_little"}),
    ("R-PSY", {"psychosis": "yes"}, None),
    ("R-BIP", {"mania": "yes"}, None),
    ("R-SEIZ", {"seizures": "yes", "seizure_last": "past_year"}, None),
    ("R-ICP", {"glaucoma": "yes"}, None),
    ("R-DISS", {"dissociation": "yes"}, None),
    ("R-DISS", {"anaesthesia_reaction": "yes"}, None),
    ("R-ALLERGY", {"anaesthetic_allergy": "yes", "anaesthetic_allergy_details": "Rash"}, None),
    ("R-LIVER", {"liver": "yes"}, None),
    ("R-BLADDER", {"bladder": "yes"}, None),
    ("R-THYROID", {"thyroid_overactive": "yes", "thyroid_treated": "no"}, None),
    ("R-RESP", {"sleep_apnea": "yes"}, None),
    ("R-WEIGHT", {"height_cm": 170.0, "weight_kg": 70.0}, None),
    *((f"R-MED-{option.upper().replace('_', '-')}", {"medicine_classes": [option]}, None) for option in MEDICINES),
    ("R-MED-NALTREXONE", {"recovery_medicines": ["naltrexone"]}, {"medicine_classes": ["naltrexone"]}),
    ("R-MED-BUPRENORPHINE-METHADONE", {"recovery_medicines": ["buprenorphine"]},
     {"medicine_classes": ["buprenorphine_methadone"]}),
    ("R-MED-BLOOD-PRESSURE", {"bp_diagnosed": "yes", "bp_treated": "yes", "bp_controlled": "yes"},
     {"bp_diagnosed": "yes", "bp_controlled": "yes", "medicine_classes": ["blood_pressure"]}),
    ("R-RIDE", {"ride_home": "no"}, None),
    ("R-SUPPORT", {"support_person": "no", "support_person_name": None}, None),
    ("R-SUPPORT", {"psychotherapy": "yes", **TALK, "therapist_now": "no"},
     {"treatments_tried": ["talk_therapy"], **TALK, "therapist_now": "no"}),
    ("R-AGE", {"date_of_birth": "1950-06-01"}, None),
    ("R-UNSURE", {"ride_home": "not_sure"}, None),
    ("R-UNSURE", {"recovery_medicines": ["not_sure"]}, {"medicine_classes": ["not_sure"]}),
    ("R-UNSURE", {"bp_diagnosed": "yes", "bp_treated": "not_sure", "bp_controlled": "yes"},
     {"bp_diagnosed": "yes", "bp_controlled": "yes", "medicine_classes": ["not_sure"]}),
    ("R-UNSURE", {"pregnant": "not_sure"}, None),
]


# Positive answers format 2 could not hold: "Not sure" to the past-year drug-use count, a value added to format 3
# (numbers stay valid, so the format number stays 3).
FORMAT_3_ONLY = [
    ("R-UNSURE", {"drug_use_count": "not_sure", "drugs_last_used": "past_year"}),
]


def case_id(case) -> str:
    rule, old, _ = case
    return f"{rule}: " + ", ".join(f"{key}={value}" for key, value in old.items() if value is not None)


def test_every_rule_has_a_single_positive_answer():
    assert {rule for rule, _, _ in SINGLE_POSITIVES} == {rule.id for rule in CATALOGUE}


@pytest.mark.parametrize("case", SINGLE_POSITIVES, ids=case_id)
def test_each_single_positive_answer_fires_its_rule_in_format_3_and_after_the_upgrade(case):
    rule, old, new = case
    today = changed(without_visit(nothing_of_note()), new if new is not None else old, GATES)
    check_answers(today, TODAY, complete=False)
    assert rule in fired(today)

    before = changed(format_2("nothing_of_note"), old, GATE_IDS_2)
    assert format_of(before) == 2
    after = upgrade(before)
    check_answers(after, TODAY, complete=False)
    assert rule in fired(after)
    assert fired(after) == fired(today), "the same clinical answers raise the same topics in either format"


@pytest.mark.parametrize("case", FORMAT_3_ONLY, ids=lambda case: f"{case[0]}: {case[1]}")
def test_each_positive_answer_only_format_3_holds_fires_its_rule(case):
    rule, answer = case
    today = changed(without_visit(nothing_of_note()), answer, GATES)
    assert format_of(today) == 3
    assert check_answers(today, TODAY) == today
    assert rule in fired(today)


def test_not_sure_is_a_number_answer_only_where_the_question_offers_it():
    base = without_visit(nothing_of_note())
    with pytest.raises(AnswerError, match="bp_systolic"):
        check_answers({**base, "bp_systolic": "not_sure"}, TODAY)
    with pytest.raises(AnswerError, match="drug_use_count"):
        check_answers({**base, "drug_use_count": "Not sure"}, TODAY)


def test_the_all_no_answers_raise_the_same_topics_before_and_after_the_upgrade():
    assert fired(upgrade(format_2("nothing_of_note"))) == fired(nothing_of_note()) == {"R-SUPPORT"}


EVERYTHING_POSITIVE_SILENT = {"R-BP-HIGH", "R-BP-UNKNOWN", "R-UNSURE"}  # a crisis reading; the reading is known


def test_everything_positive_fires_every_topic_before_and_after_the_upgrade():
    expected = {rule.id for rule in CATALOGUE} - EVERYTHING_POSITIVE_SILENT
    assert fired(everything_positive()) == expected
    assert fired(upgrade(format_2("everything_positive"))) == expected


@pytest.mark.parametrize("name", ["nothing_of_note", "typical_patient", "typical_issue_patient",
                                  "everything_positive"])
def test_format_2_answer_sets_upgrade_to_todays(name):
    old = format_2(name)
    assert format_of(old) == 2
    expected = without_visit(ANSWER_SETS[name]())
    if name == "everything_positive":  # format 2 had no "another medicine for alcohol or drug use" to tick
        expected["medicine_classes"].remove("other_substance_use")
    assert upgrade(old) == expected
    check_answers(upgrade(old), TODAY)


@pytest.mark.parametrize("name", ANSWER_SETS)
def test_downgrade_then_upgrade_gives_the_same_answers(name):
    answers = ANSWER_SETS[name]()
    assert format_of(downgrade(answers, 2)) == 2
    assert upgrade(downgrade(answers, 2)) == answers
    assert upgrade(downgrade(answers, 1)) == answers
    assert upgrade_2_to_3(answers) == answers


def test_the_five_treatment_answers_become_one_checklist():
    tried = {"antidepressants_tried": "yes", "psychotherapy": "no", "ect": "not_sure", "tms": "no",
             "ketamine_before": "yes"}
    assert upgrade_2_to_3(tried) == {"treatments_tried": ["antidepressants", "ketamine", "not_sure"]}
    assert upgrade_2_to_3({question: "no" for question in tried}) == {"treatments_tried": ["none"]}
    assert upgrade_2_to_3({"antidepressants_tried": "no"}) == {}, "an unfinished page stays for the patient"


@pytest.mark.parametrize(
    ("pregnancy", "gate"),
    [
        (("no", "does_not_apply", "does_not_apply"), "no"),
        (("maybe", "no", "no"), "yes"),
        (("does_not_apply", "not_sure", "no"), "not_sure"),
        (("not_sure", "no", "yes"), "yes"),
    ],
)
def test_the_pregnancy_gate_reads_maybe_as_yes_and_does_not_apply_as_no(pregnancy, gate):
    old = dict(zip(("pregnant", "planning_pregnancy", "breastfeeding"), pregnancy, strict=True))
    new = upgrade_2_to_3(old)
    assert new["pregnancy_any"] == gate
    assert new == ({"pregnancy_any": "no"} if gate == "no" else {"pregnancy_any": gate, **old})


def test_recovery_medicines_and_blood_pressure_treatment_move_into_the_medicines_answer():
    old = {"recovery_medicines": ["buprenorphine", "methadone", "other"], "bp_diagnosed": "yes",
           "bp_treated": "yes", "medicine_classes": ["none"]}
    assert upgrade_2_to_3(old) == {"bp_diagnosed": "yes", "medicine_classes": [
        "buprenorphine_methadone", "other_substance_use", "blood_pressure"]}
    assert upgrade_2_to_3({"recovery_medicines": ["none"], "medicine_classes": ["maoi"]}) == {
        "medicine_classes": ["maoi"]}


def test_no_reading_becomes_i_dont_know_my_last_reading():
    assert upgrade_2_to_3({"bp_reading_known": "no"}) == {"bp_reading_when": "dont_know"}
    known = {"bp_reading_known": "yes", "bp_systolic": 120, "bp_diastolic": 80, "bp_reading_when": "not_sure"}
    assert upgrade_2_to_3(known) == {"bp_reading_when": "not_sure", "bp_systolic": 120, "bp_diastolic": 80}
    assert downgrade_3_to_2(upgrade_2_to_3(known)) == known


def test_not_sure_of_the_drug_use_count_goes_back_to_format_2_as_a_number_or_a_gap():
    named = {"drug_use_count": "not_sure", "drugs_used": ["cannabis"], "drugs_last_used": "past_month"}
    assert downgrade_3_to_2(named)["drug_use_count"] == 1, "a drug named is use at least once"
    assert "drug_use_count" not in downgrade_3_to_2({"drug_use_count": "not_sure"}), "format 2 took only a number"


def test_a_therapist_now_is_kept_only_after_talk_therapy_or_not_sure():
    base = {"antidepressants_tried": "no", "ect": "no", "tms": "no", "ketamine_before": "no"}
    kept = upgrade_2_to_3({**base, "psychotherapy": "not_sure", "therapist_now": "yes"})
    assert kept["therapist_now"] == "yes" and kept["treatments_tried"] == ["not_sure"]
    dropped = upgrade_2_to_3({**base, "psychotherapy": "no", "therapist_now": "yes"})
    assert "therapist_now" not in dropped and "R-SUPPORT" in fired(dropped)


@pytest.fixture(params=BACKENDS)
def database_at_0010(request, tmp_path):
    with app_at_revision(request.param, "0010", tmp_path) as app:
        yield app


def test_migration_0011_rewrites_stored_format_2_drafts_and_submissions(database_at_0010):
    app = database_at_0010
    draft = {"full_name": "Sam Draft", "antidepressants_tried": "yes", "psychotherapy": "not_sure",
             "bp_reading_known": "no"}
    rows = [format_2("everything_positive"), format_2("typical_patient"), downgrade(typical_patient(), 2), draft]
    with app.app_context():
        ids = [intake_at_revision(answers, sent=number < 3) for number, answers in enumerate(rows)]
        flask_migrate.upgrade(revision="0011")
        db.session.expire_all()
        stored = [answers_at_revision(intake_id) for intake_id in ids]
    assert stored[0] == upgrade(rows[0]) and fired(stored[0]) == fired(everything_positive())
    assert stored[1] == without_visit(typical_patient())
    assert stored[2] == typical_patient()
    assert stored[3] == {"full_name": "Sam Draft", "treatments_tried": ["antidepressants", "not_sure"],
                         "bp_reading_when": "dont_know"}
    with app.app_context():
        flask_migrate.downgrade(revision="0010")
        db.session.expire_all()
        back = [answers_at_revision(intake_id) for intake_id in ids]
    assert back[2] == downgrade(typical_patient(), 2)
    assert all(format_of(answers) == 2 for answers in back[:3])


@pytest.mark.parametrize("written", [format_2, format_2_response], ids=["answers file", "FHIR response"])
def test_load_answers_takes_format_2_and_says_what_changed(app, runner, tmp_path, written):
    result = load_answers(runner, tmp_path, written("typical_issue_patient"), "old.json")
    assert result.exit_code == 0, result.output
    assert "Answers file in format 2" in result.output
    for said in ("substance_any=no", "pregnancy_any=no", "anesthesia_any=no",
                 "replaced antidepressants_tried, psychotherapy, ect, tms, ketamine_before, recovery_medicines, "
                 "bp_treated, bp_reading_known", "treatments_tried=[antidepressants, talk_therapy]"):
        assert said in result.output
    assert "Stored 1 submitted intake." in result.output
    with app.app_context():
        stored = vault().decrypt(db.session.execute(db.select(Intake)).scalar_one().answers)
    assert stored == without_visit(ANSWER_SETS["typical_issue_patient"]())


@pytest.mark.parametrize("name", ["typical_issue_patient", "everything_positive"])
def test_a_format_2_fhir_response_reads_as_the_format_2_answers_file_it_was_made_from(name):
    response = format_2_response(name)
    assert response["questionnaire"].endswith("/Questionnaire/ketamine-pre-consultation|2026.11")
    assert answers_from_response(response) == format_2(name)


def test_a_response_to_todays_questionnaire_version_may_not_answer_a_question_format_3_no_longer_asks():
    response = format_2_response("typical_issue_patient")
    response["questionnaire"] = f"{fhir.Site().questionnaire_url}|{fhir.QUESTIONNAIRE_VERSION}"
    with pytest.raises(AnswerError, match="antidepressants_tried: is not a question id"):
        answers_from_response(response)


def test_an_older_question_answered_with_an_option_format_2_did_not_give_it_is_refused():
    response = format_2_response("typical_issue_patient")
    text = json.dumps(response).replace('"bp_reading_known/yes"', '"bp_reading_known/not_sure"')
    with pytest.raises(AnswerError, match="bp_reading_known: .* is not one of the options answers format 2 gave it"):
        answers_from_response(json.loads(text))
