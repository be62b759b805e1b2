"""Whole intakes in the stored answers format, for the rules, the PDF and the benchmarks.

`python tests/answer_sets.py NAME` prints one as an answers file (JSON), for `flask summary` and `make screenshots`.
"""

import json
import sys
from datetime import date, timedelta

from screening.questionnaire import burden
from screening.questionnaire.answers_format import GATE_IDS, GATES

YES_TO_ALL = (
    "heart_attack", "angina", "heart_stent_bypass", "arrhythmia", "heart_failure", "valve_disease", "aneurysm",
    "avm", "brain_bleed", "stroke", "seizures", "psychosis", "schizophrenia", "mania", "bipolar", "dissociation",
    "anaesthesia_reaction", "head_injury", "intracranial_pressure", "glaucoma", "eye_surgery_planned", "liver",
    "kidney", "thyroid_overactive", "bladder", "sleep_apnea", "breathing", "anaesthetic_allergy",
    "ketamine_nonmedical", "substance_problem_history", "planning_pregnancy", "breastfeeding",
)
# "No" to every condition behind a gate: the gate questions that name them.
NO_TO_ALL = {gate: "no" for gate in GATE_IDS}


def not_sure_of(gate: str, **specific: str) -> dict:
    """A gate answered "Not sure", its conditions "No" except those given."""
    return {gate: "not_sure", **{question_id: "no" for question_id in GATES[gate]}, **specific}


def consultation_in(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def nothing_of_note() -> dict:
    """A complete intake that should raise few flags."""
    no = "no"
    return {
        "full_name": "Alex Rivera", "date_of_birth": "1985-03-27", "email": "alex@example.org",
        "consultation_date": consultation_in(7), "consent": True, "reasons": ["depression"],
        "treatments_tried": ["none"],
        **{f"phq9_{n}": "0" for n in range(1, 10)}, **{f"gad7_{n}": "0" for n in range(1, 8)},
        **{f"asq_{n}": no for n in range(1, 5)},
        "auditc_1": "never", "drug_use_count": 0, "bp_diagnosed": no, "bp_reading_when": "past_month",
        "bp_systolic": 118, "bp_diastolic": 76,
        **NO_TO_ALL, "medicine_classes": ["none"],
        "ride_home": "yes", "support_person": "yes", "support_person_name": "Sam (partner)",
    }


def typical_patient() -> dict:
    """The patient most tests walk through the pages: mild depression and anxiety, nothing else of note."""
    no = "no"
    return {
        "full_name": "Alex Rivera", "date_of_birth": "1985-03-27", "email": "alex@example.org",
        "phone": "555 123 4567", "consultation_date": consultation_in(7), "consent": True,
        "reasons": ["depression", "anxiety"], "treatments_tried": ["none"],
        **{f"phq9_{n}": "1" for n in range(1, 9)}, **{f"gad7_{n}": "1" for n in range(1, 8)},
        "phq9_9": "0", "phq9_difficulty": "somewhat", **{f"asq_{n}": no for n in range(1, 5)},
        "auditc_1": "never", "drug_use_count": 0, "bp_diagnosed": no, "bp_reading_when": "dont_know",
        **NO_TO_ALL, "medicine_classes": ["none"], "ride_home": "yes", "support_person": no,
    }


def everything_positive() -> dict:
    """Every topic raised at once: the longest summary a clinician can get."""
    return {
        "full_name": "Maria-Dolores Fernández-Okonkwo", "date_of_birth": "1950-06-01",
        "email": "maria@example.org", "phone": "+1 555 987 6543", "consultation_date": consultation_in(3),
        "consent": True, "reasons": ["depression", "anxiety", "ptsd", "bipolar", "ocd", "chronic_pain", "other"],
        "reasons_other": "Grief", "reasons_story": "About ten years, worse since last winter. " * 20,
        "treatments_tried": ["antidepressants", "talk_therapy", "ect", "tms", "ketamine"],
        "antidepressants": [
            {"name": "Sertraline", "dose": "200 mg", "duration": "6_weeks_or_more", "helped": "no",
             "side_effects": "Nausea"},
            {"name": "Venlafaxine", "dose": "225 mg", "duration": "6_weeks_or_more", "helped": "a_little"},
            {"name": "Bupropion", "dose": "300 mg", "duration": "2_to_5_weeks", "helped": "not_sure"},
        ],
        "augmentation": "yes", "augmentation_which": "Aripiprazole",
        "psychotherapy_kind": ["cbt", "emdr"], "psychotherapy_duration": "over_a_year",
        "ect_helped": "a_little", "tms_helped": "no",
        "ketamine_before_kind": ["esketamine_spray"], "ketamine_before_helped": "a_little",
        "ketamine_before_reactions": "Felt far away for an hour",
        **{f"phq9_{n}": "3" for n in range(1, 10)}, "phq9_difficulty": "extremely",
        **{f"gad7_{n}": "3" for n in range(1, 8)},
        "asq_1": "yes", "asq_2": "yes", "asq_3": "yes", "asq_4": "yes", "asq_4_how": "Pills",
        "asq_4_when": "past_year", "asq_5": "yes",
        "auditc_1": "4_or_more_a_week", "auditc_2": "5_or_6", "auditc_3": "weekly",
        "drug_use_count": 12, "drugs_used": ["cannabis", "ketamine", "other"], "drugs_used_other": "Kratom",
        "drugs_last_used": "past_month", "ketamine_nonmedical_when": "past_year",
        "substance_problem_details": "Alcohol, treated in 2015",
        "bp_diagnosed": "yes", "bp_controlled": "no", "bp_reading_when": "past_week",
        "bp_systolic": 185, "bp_diastolic": 122,
        **{gate: "yes" for gate in GATE_IDS}, **{name: "yes" for name in YES_TO_ALL},
        "aneurysm_where": ["brain"], "seizure_last": "past_year", "thyroid_treated": "no",
        "anaesthetic_allergy_details": "Rash after propofol", "other_allergies": "Penicillin",
        "height_cm": 162.5, "weight_kg": 91.0, "sex_at_birth": "female",
        "other_conditions": "Migraine. " * 150,
        "pregnant": "maybe",
        "medicine_classes": ["benzodiazepines", "anticonvulsants", "maoi", "stimulants", "opioids",
                             "sleep_medicines", "naltrexone", "buprenorphine_methadone", "other_substance_use",
                             "blood_pressure", "nmda", "antidepressants"],
        "medicines_list": "Lorazepam 1 mg, lamotrigine 100 mg, phenelzine 15 mg, methylphenidate 10 mg",
        "ride_home": "no", "therapist_now": "no", "support_person": "no",
    }


def typical_issue_patient() -> dict:
    """Issue 15's typical patient (depression and anxiety, two antidepressants, talk therapy, treated blood
    pressure, one benzodiazepine): the patient the welcome page's time estimate is for."""
    return burden.typical_patient()


def unsure_and_high() -> dict:
    """Blood pressure above 140/90 but below the crisis range, and "not sure" wherever it can be."""
    answers = nothing_of_note()
    answers.update({
        "bp_diagnosed": "not_sure", "bp_systolic": 150, "bp_diastolic": 95, "bp_reading_when": "not_sure",
        **not_sure_of("body_any", liver="not_sure"), **not_sure_of("vessel_any", aneurysm="not_sure"),
        "ride_home": "not_sure", **not_sure_of("substance_any", ketamine_nonmedical="not_sure"),
        "date_of_birth": (date.today() - timedelta(days=365 * 17)).isoformat(),
    })
    return answers


ANSWER_SETS = {"typical_patient": typical_patient, "typical_issue_patient": typical_issue_patient,
               "nothing_of_note": nothing_of_note, "everything_positive": everything_positive,
               "unsure_and_high": unsure_and_high}


if __name__ == "__main__":
    print(json.dumps(ANSWER_SETS[sys.argv[1]](), indent=2, ensure_ascii=False))
