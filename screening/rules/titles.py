"""Titles written from the answers, for the few rules whose topic depends on what was reported (a count, a BMI,
a past attempt rather than thoughts now)."""

from ..questionnaire.model import NOT_SURE
from ..questionnaire.sections.heart import NO_READING
from ..questionnaire.sections.safety import PHQ9_ITEM_9_POSITIVE
from .checks import ADULT_AGE, OLDER_AGE, Answers, adequate_trials, age, bmi
from .scores import auditc


def self_harm(answers: Answers) -> str:
    """Says what was reported: thoughts, a past attempt, or only refusals to answer."""
    thoughts = answers.get("phq9_9") in PHQ9_ITEM_9_POSITIVE or any(
        answers.get(f"asq_{number}") == "yes" for number in range(1, 4)
    )
    attempt = answers.get("asq_4") == "yes"
    if thoughts:
        return "Thoughts of self-harm or suicide reported" + (", and a past attempt" if attempt else "")
    if attempt:
        return "Past suicide attempt reported"
    return "Would rather not answer questions about suicide"


def acute_self_harm(answers: Answers) -> str:
    if answers.get("asq_5") == "yes":
        return "Acute: thoughts of killing themselves right now"
    return "Acute: would rather not answer about thoughts of killing themselves right now"


def drinking(answers: Answers) -> str:
    """The score; the cut-off used is on the score's own line."""
    return f"Alcohol: AUDIT-C {auditc(answers).total}, positive screen"


def treatment_history(answers: Answers) -> str:
    count = adequate_trials(answers)
    trials = "trial" if count == 1 else "trials"
    return f"Treatment history: {count} antidepressant {trials} of 6 weeks or more without a good response"


KETAMINE_EFFECT = {
    "yes_a_lot": "it helped a lot",
    "a_little": "it helped a little",
    "no": "it did not help",
    NOT_SURE: "not sure whether it helped",
}


def ketamine_before(answers: Answers) -> str:
    effect = KETAMINE_EFFECT.get(answers.get("ketamine_before_helped"), "effect not given")
    return f"Ketamine or esketamine before: {effect}"


def weight(answers: Answers) -> str:
    kilograms, height = answers.number("weight_kg"), answers.number("height_cm")
    if height is None:
        return f"Weight {kilograms:g} kg (height not given)"
    return f"Weight {kilograms:g} kg, BMI {bmi(kilograms, height):.1f}"


def age_outside_studies(answers: Answers) -> str:
    years = age(answers)
    return f"Age {years}: under {ADULT_AGE}" if years < ADULT_AGE else f"Age {years}: {OLDER_AGE} or over"


UNKNOWN_PRESSURE = (
    ("bp_reading_when", NO_READING, "no recent reading"),
    ("bp_diagnosed", NOT_SURE, "not sure whether diagnosed with high blood pressure"),
    ("bp_controlled", NOT_SURE, "not sure whether it is under control"),
)


def unknown_pressure(answers: Answers) -> str:
    """Says what is not known, so a known reading is never followed by "not known"."""
    unknown = [text for question_id, value, text in UNKNOWN_PRESSURE if answers.get(question_id) == value]
    return "Blood pressure: " + "; ".join(unknown)


PREGNANCY = (
    ("pregnant", "yes", "Pregnant"),
    ("pregnant", "maybe", "Could be pregnant"),
    ("pregnant", NOT_SURE, "Not sure whether pregnant"),
    ("planning_pregnancy", "yes", "Planning a pregnancy"),
    ("planning_pregnancy", NOT_SURE, "Not sure about planning a pregnancy"),
    ("breastfeeding", "yes", "Breastfeeding"),
    ("breastfeeding", NOT_SURE, "Not sure whether breastfeeding"),
)


def pregnancy(answers: Answers) -> str:
    """Pregnant, could be pregnant, planning and breastfeeding each named, never one shared title."""
    said = [text for question_id, value, text in PREGNANCY if answers.get(question_id) == value]
    return "; ".join([said[0], *(text[0].lower() + text[1:] for text in said[1:])])
