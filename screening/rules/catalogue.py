"""Every rule, one record each: the factors of clinical/reference.md as data a clinician can read like a table.

A rule names a topic for the clinician, never a decision about treatment. Its `check` returns the ids of the
questions whose answers raised it (an empty list when it stays silent); the engine quotes those answers as
evidence. `questions` lists every question the rule reads, so "not sure" answers to them can be collected.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..questionnaire.display import is_not_sure
from ..questionnaire.model import is_blank
from ..questionnaire.sections.safety import ASQ_POSITIVE
from .medicine_names import classes_named
from .scores import auditc

CATALOGUE_VERSION = "2026.11.3"  # typed medicine names count; pregnancy and blood-pressure titles from the answers

URGENT, DISCUSS, NOTE = "urgent", "discuss", "note"
LEVELS = (URGENT, DISCUSS, NOTE)

SOURCES = (
    "SPRAVATO-PI", "KETALAR-PI", "APA-2017", "IEO-2021", "ACC/AHA-2017",
    "PHQ-9", "GAD-7", "AUDIT-C", "SINGLE-DRUG", "ASQ", "SEEDS",
)

YES = ("yes",)
BP_HIGH = (140, 90)
BP_CRISIS = (180, 120)
ADULT_AGE = 18
OLDER_AGE = 65


@dataclass(frozen=True)
class Answers:
    """The stored answers and the day they are read on: age depends on the day, and results must not depend
    on the clock."""

    values: Mapping[str, Any]
    today: date

    def get(self, question_id: str) -> Any:
        return self.values.get(question_id)

    def matching(self, question_ids: tuple[str, ...], values: tuple[str, ...]) -> list[str]:
        """The questions answered with one of `values` (for a multi-choice: with one of them ticked)."""
        return [question_id for question_id in question_ids if _picked(self.get(question_id), values)]

    def given(self, *question_ids: str) -> list[str]:
        """The questions that have an answer, to quote follow-up details (how, when, which)."""
        return [question_id for question_id in question_ids if not is_blank(self.get(question_id))]

    def number(self, question_id: str) -> float | None:
        value = self.get(question_id)
        return value if isinstance(value, int | float) and not isinstance(value, bool) else None

    def age(self) -> int | None:
        """Age in whole years on `today`."""
        if is_blank(self.get("date_of_birth")):
            return None
        born = date.fromisoformat(self.get("date_of_birth"))
        return self.today.year - born.year - ((self.today.month, self.today.day) < (born.month, born.day))


def _picked(answer: Any, values: tuple[str, ...]) -> bool:
    chosen = answer if isinstance(answer, list) else [answer]
    return any(value in chosen for value in values)


Check = Callable[[Answers], list[str]]
Title = Callable[[Answers], str]
Excerpt = Callable[[Answers, str], Any]


@dataclass(frozen=True)
class Rule:
    """One factor of the reference. `title_for`, when set, writes the title from the answers (a count, a BMI).
    `excerpt`, when set, gives the part of an answer that raised it (the matching options of a checklist, the
    medicine names in typed text), or None to quote the answer whole."""

    id: str
    level: str
    title: str
    reason: str
    sources: tuple[str, ...]
    questions: tuple[str, ...]
    check: Check
    title_for: Title | None = None
    excerpt: Excerpt | None = None


def yes_rule(
    rule_id: str, level: str, title: str, reason: str, sources: tuple[str, ...], asks: tuple[str, ...],
    *, values: tuple[str, ...] = YES, details: tuple[str, ...] = (), title_for: Title | None = None,
) -> Rule:
    """A rule raised by one of `values` (a yes, by default) to any question in `asks`; the answered `details`
    are quoted with it."""

    def check(answers: Answers) -> list[str]:
        raised = answers.matching(asks, values)
        return raised + answers.given(*details) if raised else []

    return Rule(rule_id, level, title, reason, sources, asks + details, check, title_for,
                picked_options(dict.fromkeys(asks, values)))


def picked_options(asked: dict[str, tuple[str, ...]]) -> Excerpt:
    """Of a checklist answer, only the ticked options that raised the rule."""

    def excerpt(answers: Answers, question_id: str) -> Any:
        answer = answers.get(question_id)
        if question_id in asked and isinstance(answer, list):
            return [value for value in answer if value in asked[question_id]]
        return None

    return excerpt


TYPED_MEDICINES = "medicines_list"


def medicine(option: str, level: str, title: str, reason: str, sources: tuple[str, ...],
             also: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Rule:
    """A rule raised by one class ticked in `medicine_classes`, or named in the patient's own words in
    `medicines_list`; `also` lists other answers that mean the same medicine (naltrexone, for instance, is also
    asked among the recovery medicines)."""
    asked = (("medicine_classes", (option,)), *also)
    ticked = picked_options(dict(asked))

    def check(answers: Answers) -> list[str]:
        raised = [question_id for question_id, values in asked if answers.matching((question_id,), values)]
        return raised + ([TYPED_MEDICINES] if option in classes_named(answers.get(TYPED_MEDICINES)) else [])

    def excerpt(answers: Answers, question_id: str) -> Any:
        if question_id == TYPED_MEDICINES:
            return ", ".join(classes_named(answers.get(TYPED_MEDICINES))[option])
        return ticked(answers, question_id)

    rule_id = "R-MED-" + option.upper().replace("_", "-")
    questions = (*(question_id for question_id, _ in asked), TYPED_MEDICINES)
    return Rule(rule_id, level, title, reason, sources, questions, check, excerpt=excerpt)


# Self-harm (R-SI, with R-SA-HX's details as its evidence)

PHQ9_ITEM_9_POSITIVE = ("1", "2", "3")
ASQ_ITEMS = ("asq_1", "asq_2", "asq_3", "asq_4")
SELF_HARM_QUESTIONS = ("phq9_9", *ASQ_ITEMS, "asq_4_how", "asq_4_when")


def self_harm(answers: Answers) -> list[str]:
    raised = answers.matching(("phq9_9",), PHQ9_ITEM_9_POSITIVE) + answers.matching(ASQ_ITEMS, ASQ_POSITIVE)
    return raised + answers.given("asq_4_how", "asq_4_when") if raised else []


def self_harm_title(answers: Answers) -> str:
    """Says what was reported: thoughts, a past attempt, or only refusals to answer."""
    thoughts = answers.matching(("phq9_9",), PHQ9_ITEM_9_POSITIVE) + answers.matching(ASQ_ITEMS[:3], YES)
    attempt = answers.get("asq_4") == "yes"
    if thoughts:
        return "Thoughts of self-harm or suicide reported" + (", and a past attempt" if attempt else "")
    if attempt:
        return "Past suicide attempt reported"
    return "Would rather not answer questions about suicide"


def acute_title(answers: Answers) -> str:
    if answers.get("asq_5") == "yes":
        return "Acute: thoughts of killing themselves right now"
    return "Acute: would rather not answer about thoughts of killing themselves right now"


# Blood pressure (R-BP)

READING = ("bp_systolic", "bp_diastolic", "bp_reading_when")


def at_or_above(answers: Answers, limit: tuple[int, int]) -> bool:
    """Either number reaching its limit counts, as in 140/90."""
    systolic, diastolic = answers.number("bp_systolic"), answers.number("bp_diastolic")
    return (systolic is not None and systolic >= limit[0]) or (diastolic is not None and diastolic >= limit[1])


def crisis_reading(answers: Answers) -> list[str]:
    return answers.given(*READING) if at_or_above(answers, BP_CRISIS) else []


def high_reading(answers: Answers) -> list[str]:
    if at_or_above(answers, BP_HIGH) and not at_or_above(answers, BP_CRISIS):
        return answers.given(*READING)
    return []


def unknown_pressure(answers: Answers) -> list[str]:
    return answers.matching(("bp_reading_known",), ("no",)) + answers.matching(
        ("bp_diagnosed", "bp_controlled"), ("not_sure",)
    )


def unknown_pressure_title(answers: Answers) -> str:
    """Says what is not known, so a known reading is never followed by "not known"."""
    unknown = [text for question_id, value, text in (
        ("bp_reading_known", "no", "no recent reading"),
        ("bp_diagnosed", "not_sure", "not sure whether diagnosed with high blood pressure"),
        ("bp_controlled", "not_sure", "not sure whether it is under control"),
    ) if answers.get(question_id) == value]
    return "Blood pressure: " + "; ".join(unknown)


# Pregnancy (R-PREG)

PREGNANCY_TITLES = (
    ("pregnant", "yes", "Pregnant"),
    ("pregnant", "maybe", "Could be pregnant"),
    ("pregnant", "not_sure", "Not sure whether pregnant"),
    ("planning_pregnancy", "yes", "Planning a pregnancy"),
    ("planning_pregnancy", "not_sure", "Not sure about planning a pregnancy"),
    ("breastfeeding", "yes", "Breastfeeding"),
)


def pregnancy_title(answers: Answers) -> str:
    """Pregnant, could be pregnant, planning and breastfeeding each named, never one shared title."""
    said = [text for question_id, value, text in PREGNANCY_TITLES if answers.get(question_id) == value]
    return "; ".join([said[0], *(text[0].lower() + text[1:] for text in said[1:])])


# Alcohol and drugs (R-SUD)

AUDITC_QUESTIONS = ("auditc_1", "auditc_2", "auditc_3", "sex_at_birth")


def risky_drinking(answers: Answers) -> list[str]:
    return answers.given(*AUDITC_QUESTIONS) if auditc(answers.values).positive else []


def drinking_title(answers: Answers) -> str:
    score = auditc(answers.values)
    return f"Alcohol: AUDIT-C {score.total}, {score.band}"


DRUG_QUESTIONS = ("drug_use_count", "drugs_used", "drugs_used_other", "drugs_last_used")


def drug_use(answers: Answers) -> list[str]:
    """The single-item drug screen: one time or more in the past year is positive."""
    count = answers.number("drug_use_count")
    return answers.given(*DRUG_QUESTIONS) if count is not None and count >= 1 else []


# Treatment history (R-TRD)

TREATMENTS = {
    "antidepressants_tried": ("antidepressants",),
    "augmentation": ("augmentation_which",),
    "psychotherapy": ("psychotherapy_kind", "psychotherapy_duration"),
    "ect": ("ect_helped",),
    "tms": ("tms_helped",),
}
TREATMENT_QUESTIONS = tuple(question_id for main, details in TREATMENTS.items() for question_id in (main, *details))


def treatment_history(answers: Answers) -> list[str]:
    return [
        question_id
        for main, details in TREATMENTS.items()
        if answers.get(main) == "yes"
        for question_id in (main, *answers.given(*details))
    ]


def adequate_trials(answers: Answers) -> int:
    """Antidepressants taken 6 weeks or more that helped a little or not at all: the reference's adequate
    trials without response. The dose is free text, so judging it is left to the clinician."""
    return sum(
        1
        for row in answers.get("antidepressants") or []
        if row.get("duration") == "6_weeks_or_more" and row.get("helped") in ("no", "a_little")
    )


def treatment_title(answers: Answers) -> str:
    count = adequate_trials(answers)
    trials = "trial" if count == 1 else "trials"
    return f"Treatment history: {count} antidepressant {trials} of 6 weeks or more without a good response"


KETAMINE_EFFECT = {
    "yes_a_lot": "it helped a lot",
    "a_little": "it helped a little",
    "no": "it did not help",
    "not_sure": "not sure whether it helped",
}


def ketamine_before_title(answers: Answers) -> str:
    effect = KETAMINE_EFFECT.get(answers.get("ketamine_before_helped"), "effect not given")
    return f"Ketamine or esketamine before: {effect}"


# Other health, age

def untreated_thyroid(answers: Answers) -> list[str]:
    if answers.get("thyroid_overactive") == "yes" and answers.get("thyroid_treated") != "yes":
        return answers.given("thyroid_overactive", "thyroid_treated")
    return []


def body_weight(answers: Answers) -> list[str]:
    return answers.given("height_cm", "weight_kg") if answers.number("weight_kg") is not None else []


def weight_title(answers: Answers) -> str:
    weight, height = answers.number("weight_kg"), answers.number("height_cm")
    if height is None:
        return f"Weight {weight:g} kg (height not given)"
    return f"Weight {weight:g} kg, BMI {weight / (height / 100) ** 2:.1f}"


def age_outside_studies(answers: Answers) -> list[str]:
    age = answers.age()
    return ["date_of_birth"] if age is not None and (age < ADULT_AGE or age >= OLDER_AGE) else []


def age_title(answers: Answers) -> str:
    age = answers.age()
    return f"Age {age}: under {ADULT_AGE}" if age < ADULT_AGE else f"Age {age}: {OLDER_AGE} or over"


TOPICS: tuple[Rule, ...] = (
    # id · level · title · reason · sources · questions it reads
    yes_rule(
        "R-SI-ACUTE", URGENT, "Acute: thoughts of killing themselves right now",
        "The ASQ question about right now was answered yes, or the patient would rather not answer: an acute "
        "positive screen that needs a safety check now.",
        ("ASQ", "SPRAVATO-PI"),
        asks=("asq_5",), values=ASQ_POSITIVE, title_for=acute_title,
    ),
    Rule(
        "R-SI", URGENT, "Thoughts of self-harm or suicide reported",
        "PHQ-9 item 9 or the ASQ is positive (a yes, or would rather not answer). Suicidality is a boxed-warning "
        "topic on the esketamine label and needs same-day attention.",
        ("ASQ", "PHQ-9", "SPRAVATO-PI"),
        SELF_HARM_QUESTIONS, self_harm, self_harm_title,
    ),
    Rule(
        "R-BP-CRISIS", URGENT, "Blood pressure at or above 180/120",
        "This reading is in the hypertensive-crisis range, and ketamine raises blood pressure further for a while "
        "after each dose. Staff check it before the visit.",
        ("ACC/AHA-2017", "SPRAVATO-PI"),
        READING, crisis_reading,
    ),
    Rule(
        "R-BP-HIGH", DISCUSS, "Blood pressure at or above 140/90",
        "Ketamine raises blood pressure for a while (about 13/9 mmHg on average, highest around 40 minutes). "
        "The esketamine label asks for a check before dosing and for the risks to be weighed above about 140/90.",
        ("SPRAVATO-PI", "APA-2017", "ACC/AHA-2017"),
        READING, high_reading,
    ),
    yes_rule(
        "R-BP-UNCONTROLLED", DISCUSS, "High blood pressure not under control",
        "The patient says their high blood pressure is not under control, and ketamine raises blood pressure "
        "for a while after each dose.",
        ("SPRAVATO-PI", "APA-2017", "ACC/AHA-2017"),
        asks=("bp_controlled",), values=("no",), details=("bp_treated",),
    ),
    Rule(
        "R-BP-UNKNOWN", NOTE, "Blood pressure not known",
        "No recent reading was given, or the patient is not sure about their blood pressure. The esketamine "
        "label asks for blood pressure to be checked before each dose.",
        ("SPRAVATO-PI",),
        ("bp_reading_known", "bp_diagnosed", "bp_controlled"), unknown_pressure, unknown_pressure_title,
    ),
    yes_rule(
        "R-VASC", DISCUSS, "Aneurysm, AVM or bleeding in the brain: listed as a contraindication on the "
        "esketamine label",
        "The esketamine label lists aneurysmal blood-vessel disease, arteriovenous malformation and past bleeding "
        "in the brain, because a rise in blood pressure can be dangerous with them.",
        ("SPRAVATO-PI",),
        asks=("aneurysm", "avm", "brain_bleed"), details=("aneurysm_where",),
    ),
    yes_rule(
        "R-CARD", DISCUSS, "Heart disease, stroke or TIA",
        "Ketamine raises blood pressure and heart rate for a while, which strains a diseased heart. People with "
        "these conditions were left out of the trials.",
        ("SPRAVATO-PI", "APA-2017", "SEEDS"),
        asks=("heart_attack", "angina", "heart_stent_bypass", "arrhythmia", "heart_failure", "valve_disease",
              "stroke"),
    ),
    yes_rule(
        "R-PREG", DISCUSS, "Pregnancy, possible or planned, or breastfeeding",
        "The esketamine label does not recommend use in pregnancy (harm in animal studies) or while "
        "breastfeeding.",
        ("SPRAVATO-PI", "SEEDS"),
        asks=("pregnant", "planning_pregnancy", "breastfeeding"), values=("yes", "maybe", "not_sure"),
        title_for=pregnancy_title,
    ),
    Rule(
        "R-SUD-ALCOHOL", DISCUSS, "Alcohol: AUDIT-C at or above the cut-off",
        "Alcohol adds to ketamine's sedation, and risky drinking is part of the misuse history the esketamine "
        "label asks about.",
        ("AUDIT-C", "SPRAVATO-PI", "APA-2017"),
        AUDITC_QUESTIONS, risky_drinking, drinking_title,
    ),
    Rule(
        "R-SUD-DRUGS", DISCUSS, "Drug use in the past year",
        "Ketamine can be misused, and the esketamine label warns about abuse and misuse. Recent drug use "
        "changes the plan.",
        ("SINGLE-DRUG", "SPRAVATO-PI", "APA-2017"),
        DRUG_QUESTIONS, drug_use,
    ),
    yes_rule(
        "R-SUD-KETAMINE", DISCUSS, "Ketamine used outside a clinic",
        "Ketamine taken outside a clinic is the misuse the esketamine label warns about, and it changes the plan.",
        ("SPRAVATO-PI", "APA-2017", "SEEDS"),
        asks=("ketamine_nonmedical", "drugs_used"), values=("yes", "ketamine"), details=("ketamine_nonmedical_when",),
    ),
    yes_rule(
        "R-SUD-HISTORY", DISCUSS, "Past problem with alcohol or drugs, or a recovery medicine",
        "A past substance-use disorder, or a medicine that supports recovery from one, changes the plan because "
        "ketamine can be misused.",
        ("SPRAVATO-PI", "APA-2017", "SEEDS"),
        asks=("substance_problem_history", "recovery_medicines"),
        values=("yes", "buprenorphine", "methadone", "naltrexone", "other"), details=("substance_problem_details",),
    ),
    Rule(
        "R-TRD", NOTE, "Treatment history",
        "Depression is usually called treatment-resistant after no response to two or more adequate trials "
        "(adequate dose, 6 weeks or more). Here a trial counts when taken 6 weeks or more and it helped a little "
        "or not at all; the dose is for the clinician to judge.",
        ("IEO-2021", "APA-2017"),
        TREATMENT_QUESTIONS, treatment_history, treatment_title,
    ),
    yes_rule(
        "R-KETAMINE-BEFORE", NOTE, "Ketamine or esketamine before",
        "How earlier ketamine or esketamine went, and any reactions, helps plan the course.",
        ("IEO-2021", "APA-2017"),
        asks=("ketamine_before",),
        details=("ketamine_before_kind", "ketamine_before_helped", "ketamine_before_reactions"),
        title_for=ketamine_before_title,
    ),
    yes_rule(
        "R-PSY", DISCUSS, "Psychosis, hallucinations or schizophrenia",
        "Ketamine causes dissociation and can bring on psychosis-like effects; the consensus advises caution "
        "with a history of psychosis.",
        ("APA-2017", "SEEDS"),
        asks=("psychosis", "schizophrenia"),
    ),
    yes_rule(
        "R-BIP", DISCUSS, "Bipolar disorder, mania or hypomania",
        "Ketamine may switch mood towards mania, and bipolar depression is treated in a different context.",
        ("APA-2017", "SEEDS"),
        asks=("reasons", "mania", "bipolar"), values=("yes", "bipolar"),
    ),
    yes_rule(
        "R-SEIZ", DISCUSS, "Seizures or epilepsy",
        "Seizures are among the risks the sources name, and seizure medicines such as lamotrigine may change "
        "the response.",
        ("SEEDS", "KETALAR-PI"),
        asks=("seizures",), details=("seizure_last",),
    ),
    yes_rule(
        "R-ICP", DISCUSS, "Head injury, raised pressure in the head or eyes, or eye surgery planned",
        "Ketamine can raise the pressure inside the head and the eyes; people with these conditions were left "
        "out of the trials.",
        ("APA-2017", "KETALAR-PI"),
        asks=("head_injury", "intracranial_pressure", "glaucoma", "eye_surgery_planned"),
    ),
    yes_rule(
        "R-DISS", NOTE, "Past dissociation, or a bad reaction to anaesthesia or ketamine",
        "Dissociation is an expected effect of ketamine; this history helps plan the monitoring.",
        ("SPRAVATO-PI", "SEEDS"),
        asks=("dissociation", "anaesthesia_reaction"),
    ),
    yes_rule(
        "R-ALLERGY", DISCUSS, "Allergy to ketamine, esketamine or an anaesthetic",
        "Hypersensitivity to ketamine or esketamine is listed as a contraindication on the esketamine label.",
        ("SPRAVATO-PI",),
        asks=("anaesthetic_allergy",), details=("anaesthetic_allergy_details",),
    ),
    yes_rule(
        "R-LIVER", DISCUSS, "Liver disease",
        "The esketamine label does not recommend it in severe liver impairment, and liver injury has been "
        "reported with repeated ketamine use.",
        ("SPRAVATO-PI", "KETALAR-PI"),
        asks=("liver",),
    ),
    yes_rule(
        "R-BLADDER", NOTE, "Bladder or urinary problems",
        "Frequent ketamine use can inflame the bladder (ketamine cystitis); today's symptoms are the baseline.",
        ("SPRAVATO-PI", "KETALAR-PI"),
        asks=("bladder",),
    ),
    Rule(
        "R-THYROID", NOTE, "Overactive thyroid, not treated now",
        "An untreated overactive thyroid adds to the stimulation of heart and blood pressure that ketamine causes.",
        ("KETALAR-PI",),
        ("thyroid_overactive", "thyroid_treated"), untreated_thyroid,
    ),
    yes_rule(
        "R-RESP", NOTE, "Sleep apnea or breathing problems",
        "Ketamine and esketamine sedate, and the esketamine label warns about slowed breathing.",
        ("SPRAVATO-PI",),
        asks=("sleep_apnea", "breathing"),
    ),
    Rule(
        "R-WEIGHT", NOTE, "Weight and BMI",
        "Intravenous ketamine is dosed per kilogram of body weight.",
        ("APA-2017",),
        ("height_cm", "weight_kg"), body_weight, weight_title,
    ),
    # Medicines taken now (R-MED), one rule per class
    medicine(
        "benzodiazepines", DISCUSS, "Takes a benzodiazepine",
        "Benzodiazepines add to the sedation, and observational studies report a weaker response with them.",
        ("SPRAVATO-PI", "APA-2017"),
    ),
    medicine(
        "anticonvulsants", NOTE, "Takes lamotrigine or another seizure medicine",
        "Lamotrigine and other seizure medicines may blunt ketamine's effect (small studies).",
        ("APA-2017",),
    ),
    medicine(
        "maoi", DISCUSS, "Takes an MAOI",
        "The esketamine label asks for close blood-pressure monitoring with MAOIs.",
        ("SPRAVATO-PI",),
    ),
    medicine(
        "stimulants", DISCUSS, "Takes a stimulant",
        "The esketamine label warns that stimulants add to the rise in blood pressure.",
        ("SPRAVATO-PI",),
    ),
    medicine(
        "opioids", DISCUSS, "Takes an opioid pain medicine",
        "The esketamine label warns of more sedation with opioids and other medicines that slow the brain.",
        ("SPRAVATO-PI",),
    ),
    medicine(
        "sleep_medicines", DISCUSS, "Takes a sleeping pill or other calming medicine",
        "The esketamine label warns of more sedation with sleeping pills and other medicines that slow the brain.",
        ("SPRAVATO-PI",),
    ),
    medicine(
        "naltrexone", NOTE, "Takes naltrexone",
        "Evidence is mixed on whether naltrexone blunts ketamine's antidepressant effect; it also marks recovery "
        "from a substance-use disorder.",
        ("APA-2017",),
        also=(("recovery_medicines", ("naltrexone",)),),
    ),
    medicine(
        "buprenorphine_methadone", DISCUSS, "Takes buprenorphine or methadone",
        "These medicines mark treatment for opioid-use disorder, and they add to the sedation.",
        ("SPRAVATO-PI", "APA-2017"),
        also=(("recovery_medicines", ("buprenorphine", "methadone")),),
    ),
    medicine(
        "blood_pressure", NOTE, "Takes a blood-pressure medicine",
        "Context for the blood-pressure answers: ketamine raises blood pressure for a while after each dose.",
        ("SPRAVATO-PI",),
        also=(("bp_treated", YES),),
    ),
    medicine(
        "nmda", NOTE, "Takes memantine, dextromethorphan or another NMDA-acting medicine",
        "These medicines act on the same receptor as ketamine.",
        ("SPRAVATO-PI", "APA-2017"),
    ),
    yes_rule(
        "R-RIDE", DISCUSS, "No ride home after visits",
        "The esketamine label says not to drive until the next day, after a rest, so patients need a ride home "
        "after each visit.",
        ("SPRAVATO-PI",),
        asks=("ride_home",), values=("no",),
    ),
    yes_rule(
        "R-SUPPORT", NOTE, "No therapist now, or no one to call",
        "The sources pair ketamine with talk therapy and a support network.",
        ("SEEDS", "APA-2017"),
        asks=("therapist_now", "support_person"), values=("no",),
    ),
    Rule(
        "R-AGE", NOTE, "Age under 18, or 65 or over",
        "The esketamine label's studies were in adults, and people 65 and over had larger rises in blood "
        "pressure.",
        ("SPRAVATO-PI",),
        ("date_of_birth",), age_outside_studies, age_title,
    ),
)

# "Not sure" to a question that can raise an urgent or discuss topic is itself a note: check it at the visit.
CHECKED_AT_VISIT = tuple(
    dict.fromkeys(question_id for rule in TOPICS if rule.level != NOTE for question_id in rule.questions)
)


def not_sure_answers(answers: Answers) -> list[str]:
    return [question_id for question_id in CHECKED_AT_VISIT if is_not_sure(answers.get(question_id))]


CATALOGUE: tuple[Rule, ...] = TOPICS + (
    Rule(
        "R-UNSURE", NOTE, "Not sure: check at the visit",
        "The patient was not sure about questions that can raise a topic to discuss; asking again at the visit "
        "fills the gap.",
        ("APA-2017",),
        CHECKED_AT_VISIT, not_sure_answers,
    ),
)
