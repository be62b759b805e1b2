"""The rules, as pure functions of an answers dict: each rule with the answers that raise it and the nearest
answers that do not, every threshold at its boundary, the instrument scores, and the wording."""

import copy
import json
import re
from dataclasses import dataclass
from datetime import date

import pytest

from screening.questionnaire import QUESTIONS
from screening.questionnaire.answers import check_answers
from screening.questionnaire.answers_format import GATES
from screening.questionnaire.sections.safety import ANY_SELF_HARM
from screening.rules import CATALOGUE, CATALOGUE_VERSION, LEVELS, Flag, Score, evaluate, scores
from screening.rules.catalogue import SOURCES
from screening.rules.checks import Answers
from screening.rules.key_facts import key_facts

TODAY = date(2026, 11, 15)

DECISION_WORDS = re.compile(
    r"\b(?:in)?eligib|\bqualif|\bapproved\b|\bcleared\b|\bcandidate|contraindicated patient|"
    r"should\s+(?:not\s+)?receive|safe to treat|not suitable|do not treat|recommend(?:ed)?\s+treatment",
    re.IGNORECASE,
)


def raised(answers: dict, today: date = TODAY) -> dict[str, Flag]:
    return {flag.rule_id: flag for flag in evaluate(answers, today)}


def reading(systolic: int, diastolic: int) -> dict:
    return {"bp_reading_when": "past_month", "bp_systolic": systolic, "bp_diastolic": diastolic}


def drinks(total: int) -> dict:
    """AUDIT-C answers that add up to `total` (2, 3 or 4): item 1 scores 2, item 2 scores 0."""
    binge = {2: "never", 3: "less_than_monthly", 4: "monthly"}[total]
    return {"auditc_1": "2_to_4_a_month", "auditc_2": "1_or_2", "auditc_3": binge}


def items(prefix: str, count: int, total: int) -> dict:
    """Instrument answers adding up to `total`, filling items with 3 from the first."""
    return {f"{prefix}_{number}": str(min(3, max(0, total - 3 * (number - 1)))) for number in range(1, count + 1)}


# Born on TODAY's day and month, so the age turns over exactly on TODAY.
AGE_17 = {"date_of_birth": "2008-11-16"}
AGE_18 = {"date_of_birth": "2008-11-15"}
AGE_64 = {"date_of_birth": "1961-11-16"}
AGE_65 = {"date_of_birth": "1961-11-15"}


def through_gates(answers: dict) -> dict:
    """The answers with "Yes" to each gate question whose conditions they answer, as a patient must have."""
    opened = {gate: "yes" for gate, conditions in GATES.items() if answers.keys() & set(conditions)}
    return {**opened, **answers}


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    fires: dict
    quiet: dict
    evidence: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "fires", through_gates(self.fires))
        object.__setattr__(self, "quiet", through_gates(self.quiet))

    def __str__(self) -> str:
        return f"{self.rule} {self.name}"


MEDICINE_OPTIONS = {
    "R-MED-BENZODIAZEPINES": "benzodiazepines",
    "R-MED-ANTICONVULSANTS": "anticonvulsants",
    "R-MED-MAOI": "maoi",
    "R-MED-STIMULANTS": "stimulants",
    "R-MED-OPIOIDS": "opioids",
    "R-MED-SLEEP-MEDICINES": "sleep_medicines",
    "R-MED-NALTREXONE": "naltrexone",
    "R-MED-BUPRENORPHINE-METHADONE": "buprenorphine_methadone",
    "R-MED-BLOOD-PRESSURE": "blood_pressure",
    "R-MED-NMDA": "nmda",
}

CASES = [
    Case("R-SI-ACUTE", "asq_5 yes", {"asq_1": "yes", "asq_5": "yes"}, {"asq_1": "yes", "asq_5": "no"}, ("asq_5",)),
    Case("R-SI-ACUTE", "asq_5 refused", {"asq_3": "refused", "asq_5": "refused"}, {"asq_3": "refused"}),
    Case("R-SI", "PHQ-9 item 9 at 1", {"phq9_9": "1"}, {"phq9_9": "0"}, ("phq9_9",)),
    Case("R-SI", "ASQ refused", {"asq_2": "refused"}, {"asq_2": "no"}, ("asq_2",)),
    Case(
        "R-SI", "past attempt with details",
        {"asq_4": "yes", "asq_4_how": "Pills", "asq_4_when": "over_a_year"}, {"asq_4": "no"},
        ("asq_4", "asq_4_how", "asq_4_when"),
    ),
    Case("R-BP-CRISIS", "systolic 180", reading(180, 80), reading(179, 80),
         ("bp_systolic", "bp_diastolic", "bp_reading_when")),
    Case("R-BP-CRISIS", "diastolic 120", reading(150, 120), reading(150, 119)),
    Case("R-BP-HIGH", "systolic 140", reading(140, 80), reading(139, 89),
         ("bp_systolic", "bp_diastolic", "bp_reading_when")),
    Case("R-BP-HIGH", "diastolic 90", reading(120, 90), reading(120, 89)),
    Case("R-BP-HIGH", "crisis range is not high", reading(179, 119), reading(180, 119)),
    Case(
        "R-BP-UNCONTROLLED", "not controlled",
        {"bp_diagnosed": "yes", "bp_controlled": "no", "medicine_classes": ["blood_pressure"]},
        {"bp_diagnosed": "yes", "bp_controlled": "yes", "medicine_classes": ["blood_pressure"]},
        ("bp_controlled",),
    ),
    Case("R-BP-UNKNOWN", "no reading", {"bp_reading_when": "dont_know"}, reading(120, 80), ("bp_reading_when",)),
    Case("R-BP-UNKNOWN", "diagnosis not sure", {"bp_diagnosed": "not_sure"}, {"bp_diagnosed": "no"}),
    Case(
        "R-BP-UNKNOWN", "control not sure",
        {"bp_diagnosed": "yes", "bp_controlled": "not_sure"}, {"bp_diagnosed": "yes", "bp_controlled": "yes"},
    ),
    Case(
        "R-VASC", "aneurysm in the brain", {"aneurysm": "yes", "aneurysm_where": ["brain"]}, {"aneurysm": "no"},
        ("aneurysm", "aneurysm_where"),
    ),
    Case("R-VASC", "AVM", {"avm": "yes"}, {"avm": "not_sure"}),
    Case("R-VASC", "brain bleed", {"brain_bleed": "yes"}, {"brain_bleed": "no"}),
    Case("R-CARD", "heart attack", {"heart_attack": "yes"}, {"heart_attack": "no"}),
    Case("R-CARD", "stroke", {"stroke": "yes"}, {"stroke": "not_sure"}),
    Case("R-PREG", "maybe pregnant", {"pregnant": "maybe"}, {"pregnant": "does_not_apply"}),
    Case("R-PREG", "planning", {"planning_pregnancy": "yes"}, {"planning_pregnancy": "no"}),
    Case("R-PREG", "breastfeeding", {"breastfeeding": "yes"}, {"breastfeeding": "no"}),
    Case(
        "R-SUD-ALCOHOL", "woman at 3", {**drinks(3), "sex_at_birth": "female"}, {**drinks(2), "sex_at_birth": "female"},
        ("auditc_1", "auditc_2", "auditc_3", "sex_at_birth"),
    ),
    Case("R-SUD-ALCOHOL", "man at 4", {**drinks(4), "sex_at_birth": "male"}, {**drinks(3), "sex_at_birth": "male"}),
    Case("R-SUD-ALCOHOL", "sex not given at 3", drinks(3), drinks(2)),
    Case("R-SUD-DRUGS", "once", {"drug_use_count": 1}, {"drug_use_count": 0}, ("drug_use_count",)),
    Case(
        "R-SUD-DRUGS", "not sure how many times, a drug named",
        {"drug_use_count": "not_sure", "drugs_used": ["ketamine"], "drugs_last_used": "past_year"},
        {"drug_use_count": "not_sure"}, ("drugs_used", "drugs_last_used"),
    ),
    Case(
        "R-SUD-DRUGS", "with details",
        {"drug_use_count": 5, "drugs_used": ["cannabis"], "drugs_last_used": "past_month"}, {"drug_use_count": 0},
        ("drug_use_count", "drugs_used", "drugs_last_used"),
    ),
    Case(
        "R-SUD-KETAMINE", "outside a clinic",
        {"ketamine_nonmedical": "yes", "ketamine_nonmedical_when": "past_year"}, {"ketamine_nonmedical": "no"},
        ("ketamine_nonmedical", "ketamine_nonmedical_when"),
    ),
    Case(
        "R-SUD-KETAMINE", "among drugs used",
        {"drug_use_count": 3, "drugs_used": ["cannabis", "ketamine"]},
        {"drug_use_count": 3, "drugs_used": ["cannabis"]},
        ("drugs_used",),
    ),
    Case("R-SUD-HISTORY", "past problem", {"substance_problem_history": "yes"}, {"substance_problem_history": "no"}),
    *(
        Case("R-SUD-HISTORY", f"recovery medicine {option}", {"medicine_classes": [option]},
             {"medicine_classes": ["opioids"]}, ("medicine_classes",))
        for option in ("naltrexone", "buprenorphine_methadone", "other_substance_use")
    ),
    Case(
        "R-TRD", "antidepressants tried",
        {"treatments_tried": ["antidepressants"], "antidepressants": [{"name": "Sertraline"}]},
        {"treatments_tried": ["none"]}, ("treatments_tried", "antidepressants"),
    ),
    Case("R-TRD", "talk therapy only", {"treatments_tried": ["talk_therapy"]}, {"treatments_tried": ["not_sure"]}),
    Case("R-TRD", "ECT", {"treatments_tried": ["ect"]}, {"treatments_tried": ["ketamine"]}),
    Case("R-TRD", "TMS", {"treatments_tried": ["tms"]}, {"treatments_tried": ["none"]}),
    Case(
        "R-KETAMINE-BEFORE", "before",
        {"treatments_tried": ["ketamine"], "ketamine_before_helped": "a_little"}, {"treatments_tried": ["tms"]},
        ("treatments_tried", "ketamine_before_helped"),
    ),
    Case("R-PSY", "psychosis", {"psychosis": "yes"}, {"psychosis": "not_sure"}),
    Case("R-PSY", "schizophrenia", {"schizophrenia": "yes"}, {"schizophrenia": "no"}),
    Case("R-BIP", "mania", {"mania": "yes"}, {"mania": "no"}),
    Case("R-BIP", "bipolar diagnosis", {"bipolar": "yes"}, {"bipolar": "no"}),
    Case("R-BIP", "help with bipolar", {"reasons": ["bipolar"]}, {"reasons": ["depression"]}, ("reasons",)),
    Case(
        "R-SEIZ", "seizures", {"seizures": "yes", "seizure_last": "past_year"}, {"seizures": "no"},
        ("seizures", "seizure_last"),
    ),
    Case("R-ICP", "glaucoma", {"glaucoma": "yes"}, {"glaucoma": "no"}),
    Case("R-ICP", "eye surgery planned", {"eye_surgery_planned": "yes"}, {"eye_surgery_planned": "no"}),
    Case("R-DISS", "dissociation", {"dissociation": "yes"}, {"dissociation": "no"}),
    Case("R-DISS", "anaesthesia reaction", {"anaesthesia_reaction": "yes"}, {"anaesthesia_reaction": "no"}),
    Case("R-ALLERGY", "allergy", {"anaesthetic_allergy": "yes"}, {"anaesthetic_allergy": "no"}),
    Case("R-LIVER", "liver", {"liver": "yes"}, {"liver": "no"}),
    Case("R-BLADDER", "bladder", {"bladder": "yes"}, {"bladder": "no"}),
    Case(
        "R-THYROID", "not treated",
        {"thyroid_overactive": "yes", "thyroid_treated": "no"}, {"thyroid_overactive": "yes", "thyroid_treated": "yes"},
        ("thyroid_overactive", "thyroid_treated"),
    ),
    Case("R-RESP", "sleep apnea", {"sleep_apnea": "yes"}, {"sleep_apnea": "no"}),
    Case("R-RESP", "breathing", {"breathing": "yes"}, {"breathing": "no"}),
    Case(
        "R-WEIGHT", "height and weight", {"height_cm": 170, "weight_kg": 70}, {"height_cm": 170},
        ("height_cm", "weight_kg"),
    ),
    *(
        Case(rule_id, "ticked", {"medicine_classes": [option]}, {"medicine_classes": ["antidepressants"]},
             ("medicine_classes",))
        for rule_id, option in MEDICINE_OPTIONS.items()
    ),
    Case(
        "R-MED-BLOOD-PRESSURE", "treated high blood pressure",
        {"bp_diagnosed": "yes", "medicine_classes": ["blood_pressure"]},
        {"bp_diagnosed": "yes", "medicine_classes": ["none"]}, ("medicine_classes",),
    ),
    Case("R-RIDE", "no ride", {"ride_home": "no"}, {"ride_home": "not_sure"}),
    Case(
        "R-SUPPORT", "no therapist", {"treatments_tried": ["talk_therapy"], "therapist_now": "no"},
        {"treatments_tried": ["talk_therapy"], "therapist_now": "yes"}, ("therapist_now",),
    ),
    Case(
        "R-SUPPORT", "never had talk therapy, so no therapist now", {"treatments_tried": ["antidepressants"]},
        {"treatments_tried": ["not_sure"], "therapist_now": "yes"}, ("treatments_tried",),
    ),
    Case("R-SUPPORT", "no one to call", {"support_person": "no"}, {"support_person": "not_sure"}),
    Case("R-AGE", "17, not 18", AGE_17, AGE_18, ("date_of_birth",)),
    Case("R-AGE", "65, not 64", AGE_65, AGE_64),
    Case("R-UNSURE", "not sure of a ride", {"ride_home": "not_sure"}, {"ride_home": "yes"}, ("ride_home",)),
    Case("R-UNSURE", "discuss question vs note-only question", {"liver": "not_sure"}, {"support_person": "not_sure"}),
    Case("R-UNSURE", "not sure of the drug-use count", {"drug_use_count": "not_sure"}, {"drug_use_count": 0},
         ("drug_use_count",)),
]

RULES = {rule.id: rule for rule in CATALOGUE}


def test_every_rule_has_a_case_so_a_new_rule_cannot_be_forgotten():
    assert {case.rule for case in CASES} == set(RULES)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case_answers_are_valid_stored_answers(case):
    check_answers(case.fires, TODAY, complete=False)
    check_answers(case.quiet, TODAY, complete=False)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_fires_on_its_answers(case):
    flag = raised(case.fires).get(case.rule)
    assert flag is not None
    evidence = tuple(item.question_id for item in flag.evidence)
    assert set(evidence) <= set(RULES[case.rule].questions)
    if case.evidence is not None:
        assert evidence == case.evidence


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_stays_quiet_on_the_nearest_answers(case):
    assert case.rule not in raised(case.quiet)


# The reference's levels, written out again so that a changed level is a visible decision.
REFERENCE_LEVELS = {
    "urgent": {"R-SI", "R-SI-ACUTE", "R-BP-CRISIS"},
    "discuss": {
        "R-BP-HIGH", "R-BP-UNCONTROLLED", "R-VASC", "R-CARD", "R-PREG", "R-SUD-ALCOHOL", "R-SUD-DRUGS",
        "R-SUD-KETAMINE", "R-SUD-HISTORY", "R-PSY", "R-BIP", "R-SEIZ", "R-ICP", "R-ALLERGY", "R-LIVER", "R-RIDE",
        "R-MED-BENZODIAZEPINES", "R-MED-MAOI", "R-MED-STIMULANTS", "R-MED-OPIOIDS", "R-MED-SLEEP-MEDICINES",
        "R-MED-BUPRENORPHINE-METHADONE",
    },
    "note": {
        "R-BP-UNKNOWN", "R-TRD", "R-KETAMINE-BEFORE", "R-DISS", "R-BLADDER", "R-THYROID", "R-RESP", "R-WEIGHT",
        "R-MED-ANTICONVULSANTS", "R-MED-NALTREXONE", "R-MED-BLOOD-PRESSURE", "R-MED-NMDA", "R-SUPPORT", "R-AGE",
        "R-UNSURE",
    },
}


def test_levels_are_the_references():
    assert {level: {rule.id for rule in CATALOGUE if rule.level == level} for level in LEVELS} == REFERENCE_LEVELS


def test_catalogue_records_are_well_formed():
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+", CATALOGUE_VERSION)
    assert LEVELS == ("urgent", "discuss", "note")
    assert len(RULES) == len(CATALOGUE)
    for rule in CATALOGUE:
        assert rule.id.startswith("R-") and rule.level in LEVELS, rule.id
        assert rule.title and rule.reason and rule.sources, rule.id
        assert set(rule.sources) <= set(SOURCES), rule.id
        assert set(rule.questions) <= set(QUESTIONS), rule.id


def test_vascular_title_names_the_label():
    assert RULES["R-VASC"].title.endswith("listed as a contraindication on the esketamine label")


@pytest.mark.parametrize(
    "text",
    ["Eligible for ketamine", "ineligible", "does not qualify", "Approved", "cleared for dosing", "a good candidate",
     "contraindicated patient", "should not receive ketamine", "should receive", "safe to treat", "not suitable",
     "Do not treat", "recommended treatment"],
)
def test_the_decision_word_scan_catches(text):
    assert DECISION_WORDS.search(text)


def test_no_decision_wording_in_any_title_or_reason():
    assert not DECISION_WORDS.search("listed as a contraindication on the esketamine label")
    texts = [f"{rule.id}: {rule.title} {rule.reason}" for rule in CATALOGUE]
    texts += [f"{flag.rule_id}: {flag.title}" for case in CASES for flag in evaluate(case.fires, TODAY)]
    texts += [score.band for case in CASES for score in scores(case.fires)]
    assert [text for text in texts if DECISION_WORDS.search(text)] == []


def test_every_evidence_id_is_a_real_question():
    for case in CASES:
        for flag in evaluate(case.fires, TODAY):
            for item in flag.evidence:
                assert item.question_id in QUESTIONS
                assert item.label == QUESTIONS[item.question_id].label


# Thresholds at their boundaries

@pytest.mark.parametrize(
    ("systolic", "diastolic", "expected"),
    [
        (139, 89, set()),
        (140, 60, {"R-BP-HIGH"}),
        (110, 90, {"R-BP-HIGH"}),
        (179, 119, {"R-BP-HIGH"}),
        (180, 60, {"R-BP-CRISIS"}),
        (110, 120, {"R-BP-CRISIS"}),
    ],
)
def test_blood_pressure_boundaries(systolic, diastolic, expected):
    assert {"R-BP-HIGH", "R-BP-CRISIS"} & set(raised(reading(systolic, diastolic))) == expected


@pytest.mark.parametrize(
    ("sex", "total", "fires"),
    [
        ("female", 2, False), ("female", 3, True), ("female", 4, True),
        ("male", 2, False), ("male", 3, False), ("male", 4, True),
        (None, 2, False), (None, 3, True),
        ("intersex", 3, True), ("prefer_not_to_say", 2, False), ("prefer_not_to_say", 3, True),
    ],
)
def test_auditc_cut_offs(sex, total, fires):
    answers = {**drinks(total), **({"sex_at_birth": sex} if sex else {})}
    assert ("R-SUD-ALCOHOL" in raised(answers)) is fires
    assert scores(answers)[2].positive is fires


@pytest.mark.parametrize(
    ("born", "fires"), [(AGE_17, True), (AGE_18, False), (AGE_64, False), (AGE_65, True)],
)
def test_age_boundaries(born, fires):
    assert ("R-AGE" in raised(born)) is fires


def test_age_counts_a_birthday_already_passed_this_year():
    """TODAY is 15 November: someone born in March has had this year's birthday."""
    assert "R-AGE" not in raised({"date_of_birth": "2008-03-01"}), "18 since March"
    assert raised({"date_of_birth": "1961-03-01"})["R-AGE"].title == "Age 65: 65 or over"
    assert "R-AGE" not in raised({"date_of_birth": "1961-12-01"}), "64 until December"


def test_age_is_counted_on_the_day_passed_in():
    assert raised(AGE_17)["R-AGE"].title == "Age 17: under 18"
    assert raised(AGE_65)["R-AGE"].title == "Age 65: 65 or over"
    assert "R-AGE" not in raised(AGE_17, today=date(2026, 11, 16))
    assert raised(AGE_17)["R-AGE"].evidence[0].answer == "16 November 2008"


@pytest.mark.parametrize(("count", "fires"), [(0, False), (1, True), (1000, True), ("not_sure", False)])
def test_drug_count_boundary(count, fires):
    assert ("R-SUD-DRUGS" in raised({"drug_use_count": count})) is fires


def test_not_sure_of_the_drug_use_count_is_a_note_and_a_drug_named_after_it_is_drug_use():
    unsure = raised({"drug_use_count": "not_sure"})
    assert "R-SUD-DRUGS" not in unsure, "nothing says a drug was used"
    assert [(item.question_id, item.answer) for item in unsure["R-UNSURE"].evidence] == [("drug_use_count", "Not sure")]
    assert key_facts(unsure["R-UNSURE"], Answers({"drug_use_count": "not_sure"}, TODAY)) == "drug use in the past year"
    named = {"drug_use_count": "not_sure", "drugs_used": ["cannabis"], "drugs_last_used": "past_month"}
    flags = raised(named)
    assert "R-UNSURE" in flags and "R-SUD-DRUGS" in flags, "cannabis ticked is use in the past year"
    assert key_facts(flags["R-SUD-DRUGS"], Answers(named, TODAY)) == (
        "not sure how many times; cannabis; last used in the last month")


def test_key_facts_say_when_something_last_happened_or_that_the_patient_is_not_sure():
    def facts(rule_id, answers):
        return key_facts(raised(answers)[rule_id], Answers(answers, TODAY))

    used = {"drug_use_count": 2, "drugs_used": ["ketamine"], "drugs_last_used": "past_year"}
    assert facts("R-SUD-DRUGS", used) == "2 times in the past year; ketamine; last used in the last year"
    assert facts("R-SUD-DRUGS", {**used, "drugs_last_used": "not_sure"}).endswith("; last used: not sure")
    assert facts("R-SEIZ", {"seizures": "yes", "seizure_last": "not_sure"}) == "last seizure: not sure"


# Titles and evidence written from the answers

def test_weight_shows_bmi_to_one_decimal_and_kilograms():
    flag = raised({"height_cm": 162.5, "weight_kg": 91.0})["R-WEIGHT"]
    assert flag.title == "Weight 91 kg, BMI 34.5"
    assert [item.answer for item in flag.evidence] == ["162.5 cm", "91 kg"]
    assert raised({"weight_kg": 70})["R-WEIGHT"].title == "Weight 70 kg (height not given)"


def row(duration: str, helped: str) -> dict:
    return {"name": "Sertraline", "dose": "100 mg", "duration": duration, "helped": helped}


@pytest.mark.parametrize(
    ("rows", "title"),
    [
        ([], "Treatment history: 0 antidepressant trials of 6 weeks or more without a good response"),
        ([row("6_weeks_or_more", "no")],
         "Treatment history: 1 antidepressant trial of 6 weeks or more without a good response"),
        (
            [row("6_weeks_or_more", "no"), row("6_weeks_or_more", "a_little"), row("6_weeks_or_more", "yes_a_lot"),
             row("2_to_5_weeks", "no"), row("6_weeks_or_more", "not_sure"), row("not_sure", "no")],
            "Treatment history: 2 antidepressant trials of 6 weeks or more without a good response",
        ),
    ],
)
def test_treatment_history_counts_adequate_trials(rows, title):
    answers = {"treatments_tried": ["antidepressants"], **({"antidepressants": rows} if rows else {})}
    assert raised(answers)["R-TRD"].title == title


def test_earlier_ketamine_title_gives_the_effect():
    answers = {"treatments_tried": ["ketamine"], "ketamine_before_kind": ["esketamine_spray"],
               "ketamine_before_helped": "no"}
    assert raised(answers)["R-KETAMINE-BEFORE"].title == "Ketamine or esketamine before: it did not help"


def test_acute_title_says_acute():
    assert raised({"asq_1": "yes", "asq_5": "yes"})["R-SI-ACUTE"].title.startswith("Acute:")
    assert raised({"asq_1": "yes", "asq_5": "refused"})["R-SI-ACUTE"].title.startswith("Acute:")


@pytest.mark.parametrize(
    "answers",
    [{"phq9_9": "0"}, {"phq9_9": "2"}, {"asq_1": "no", "asq_2": "no", "asq_3": "no", "asq_4": "no"},
     {"asq_3": "yes"}, {"asq_4": "refused"}, {"asq_1": "yes", "asq_5": "yes"}, {"asq_2": "refused", "asq_5": "no"}],
)
def test_self_harm_flags_agree_with_the_crisis_page(answers):
    assert bool({"R-SI", "R-SI-ACUTE"} & set(raised(answers))) is ANY_SELF_HARM(answers)


def test_not_sure_lists_every_not_sure_answer_to_an_urgent_or_discuss_question():
    answers = {
        "vessel_any": "yes", "aneurysm": "not_sure", "pregnancy_any": "yes", "pregnant": "not_sure",
        "medicine_classes": ["benzodiazepines", "not_sure"],
        "ride_home": "not_sure", "support_person": "not_sure", "bp_diagnosed": "not_sure",
    }
    flags = raised(answers)
    evidence = [(item.question_id, item.answer) for item in flags["R-UNSURE"].evidence]
    assert [question_id for question_id, _ in evidence] == ["aneurysm", "pregnant", "medicine_classes", "ride_home"]
    assert ("ride_home", "Not sure") in evidence
    assert [item.question_id for item in flags["R-BP-UNKNOWN"].evidence] == ["bp_diagnosed"]


def test_evidence_quotes_the_answer_in_words():
    flag = raised(reading(150, 95) | {"bp_reading_when": "past_week"})["R-BP-HIGH"]
    assert [(item.label, item.answer) for item in flag.evidence] == [
        ("Top number of your blood pressure", "150 mmHg"), ("Bottom number of your blood pressure", "95 mmHg"),
        ("When was your last blood pressure reading?", "In the last week"),
    ]


# Order and determinism

MIXED = {
    "bladder": "yes", "weight_kg": 80, "ride_home": "no", "liver": "yes", **reading(185, 100),
    "asq_1": "yes", "asq_5": "yes",
}


def test_flags_are_ordered_by_level_then_catalogue():
    flags = evaluate(MIXED, TODAY)
    assert [flag.rule_id for flag in flags] == [
        "R-SI-ACUTE", "R-SI", "R-BP-CRISIS", "R-LIVER", "R-RIDE", "R-BLADDER", "R-WEIGHT",
    ]
    catalogue_order = [rule.id for rule in CATALOGUE]
    keys = [(LEVELS.index(flag.level), catalogue_order.index(flag.rule_id)) for flag in flags]
    assert keys == sorted(keys)


def test_same_answers_give_the_same_flags_in_the_same_order():
    before = copy.deepcopy(MIXED)
    first = evaluate(MIXED, TODAY)
    assert evaluate(MIXED, TODAY) == first
    assert evaluate(dict(reversed(MIXED.items())), TODAY) == first
    assert before == MIXED


def test_no_answers_no_flags():
    assert evaluate({}, TODAY) == []


# Scores

def test_phq9_all_twos_is_18_moderately_severe():
    phq9 = scores(items("phq9", 9, 18))[0]
    assert (phq9.instrument, phq9.total, phq9.maximum, phq9.band, phq9.complete) == (
        "PHQ-9", 18, 27, "moderately severe", True,
    )
    assert scores({f"phq9_{number}": "2" for number in range(1, 10)})[0] == phq9


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
     (15, "moderately severe"), (19, "moderately severe"), (20, "severe"), (27, "severe")],
)
def test_phq9_bands(total, band):
    assert scores(items("phq9", 9, total))[0].band == band


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"), (15, "severe"),
     (21, "severe")],
)
def test_gad7_bands(total, band):
    gad7 = scores(items("gad7", 7, total))[1]
    assert (gad7.instrument, gad7.total, gad7.maximum, gad7.band, gad7.complete) == ("GAD-7", total, 21, band, True)


def test_an_incomplete_instrument_totals_what_was_answered():
    answers = items("phq9", 9, 12)
    del answers["phq9_9"]
    phq9 = scores(answers)[0]
    assert (phq9.total, phq9.complete, phq9.band) == (12, False, "at least moderate")
    assert scores({})[1] == Score("GAD-7", 0, 21, "not answered", False, None)


def test_auditc_never_drinking_is_complete_at_zero():
    auditc = scores({"auditc_1": "never", "sex_at_birth": "male"})[2]
    assert (auditc.total, auditc.maximum, auditc.complete, auditc.positive) == (0, 12, True, False)
    assert auditc.band == "below cut-off (4 for men)"


def test_auditc_total_and_band():
    answers = {"auditc_1": "4_or_more_a_week", "auditc_2": "5_or_6", "auditc_3": "weekly", "sex_at_birth": "female"}
    auditc = scores(answers)[2]
    assert (auditc.total, auditc.complete, auditc.positive) == (9, True, True)
    assert auditc.band == "positive screen (cut-off 3 for women)"
    assert raised(answers)["R-SUD-ALCOHOL"].title == "Alcohol: AUDIT-C 9, positive screen"


def test_auditc_incomplete_is_positive_only_once_the_cut_off_is_reached():
    assert scores({"auditc_1": "4_or_more_a_week", "sex_at_birth": "male"})[2].positive is True
    partial = scores({"auditc_1": "monthly_or_less"})[2]
    assert (partial.total, partial.complete, partial.positive) == (1, False, None)


def test_auditc_says_not_answered_only_when_no_item_was_answered():
    assert scores({})[2].band == "not answered"
    partial = scores({"auditc_1": "monthly_or_less", "sex_at_birth": "male"})[2]
    assert (partial.band, partial.positive) == ("not enough answers to tell (cut-off 4 for men)", None)


# The app stores answers as JSON: read back, their text is not the same string object as a literal in the code.

def stored(answers: dict) -> dict:
    return json.loads(json.dumps(answers))


def test_auditc_of_stored_answers_follows_the_reference():
    never = scores(stored({"auditc_1": "never", "sex_at_birth": "male"}))[2]
    assert (never.total, never.complete, never.positive, never.band) == (0, True, False, "below cut-off (4 for men)")
    man = scores(stored({**drinks(3), "sex_at_birth": "male"}))[2]
    assert (man.positive, man.band) == (False, "below cut-off (4 for men)")
    assert "R-SUD-ALCOHOL" not in raised(stored({**drinks(3), "sex_at_birth": "male"}))
    woman = scores(stored({**drinks(3), "sex_at_birth": "female"}))[2]
    assert (woman.positive, woman.band) == (True, "positive screen (cut-off 3 for women)")


def test_adequate_trials_of_stored_answers_are_counted():
    answers = stored({"treatments_tried": ["antidepressants"], "antidepressants": [row("6_weeks_or_more", "no")]})
    assert raised(answers)["R-TRD"].title == (
        "Treatment history: 1 antidepressant trial of 6 weeks or more without a good response")


def test_a_flag_as_json_data():
    data = raised({"ride_home": "no"})["R-RIDE"].as_dict()
    assert data == {
        "id": "R-RIDE", "level": "discuss", "title": "No ride home after visits",
        "evidence": [{"question": "ride_home", "label": QUESTIONS["ride_home"].label, "answer": "No"}],
        "reason": RULES["R-RIDE"].reason, "source": ["SPRAVATO-PI"],
    }
