"""Each topic's key facts in a few words, for the one line it gets on page 1 of the clinician's summary.

Pure functions of the answers, one small named function per kind of topic; a topic without its own function
lists the short names of the answers that raised it.
"""

from collections.abc import Callable

from ..questionnaire import QUESTIONS
from ..questionnaire.model import NOT_SURE, is_blank
from ..questionnaire.sections.safety import ASQ_POSITIVE, PHQ9_ITEM_9_POSITIVE
from ..questionnaire.types import answer_text, type_of
from .catalogue import HIGH_READING
from .checks import Answers
from .engine import Flag

# What a yes to a question means, in a few words.
SHORT = {
    "aneurysm": "aneurysm", "avm": "AVM", "brain_bleed": "bleeding in the brain",
    "heart_attack": "heart attack", "angina": "angina", "heart_stent_bypass": "stent or bypass",
    "arrhythmia": "irregular heartbeat", "heart_failure": "heart failure", "valve_disease": "valve disease",
    "stroke": "stroke or TIA", "psychosis": "psychosis or hallucinations", "schizophrenia": "schizophrenia",
    "reasons": "a reason for the visit", "mania": "mania or hypomania", "bipolar": "diagnosed",
    "head_injury": "head injury (passed out)", "intracranial_pressure": "raised head pressure",
    "glaucoma": "glaucoma or eye pressure", "eye_surgery_planned": "eye surgery planned",
    "dissociation": "past dissociation", "anaesthesia_reaction": "bad reaction to anesthesia or ketamine",
    "sleep_apnea": "sleep apnea", "breathing": "COPD, asthma or breathing problems",
    "therapist_now": "no therapist now", "treatments_tried": "never had talk therapy",
    "support_person": "no one to call", "ride_home": "no ride home",
    "liver": "liver problems", "bladder": "bladder or urinary problems", "kidney": "kidney problems",
    "thyroid_overactive": "overactive thyroid", "thyroid_treated": "not treated now",
    "anaesthetic_allergy": "allergy", "seizures": "seizures",
    "substance_problem_history": "past alcohol or drug problem",
    "pregnant": "pregnancy", "planning_pregnancy": "planning a pregnancy", "breastfeeding": "breastfeeding",
    "medicine_classes": "medicines", "bp_diagnosed": "high blood pressure diagnosed",
    "bp_controlled": "under control", "bp_reading_when": "when the reading was taken",
    "ketamine_nonmedical": "ketamine outside a clinic", "date_of_birth": "date of birth",
}
# What a question is about, for "not sure" answers.
TOPIC = {
    "ride_home": "ride home", "therapist_now": "therapist", "support_person": "someone to call",
    "bp_reading_when": "when the blood-pressure reading was taken",
    "bp_controlled": "blood-pressure control", "pregnant": "whether pregnant", "thyroid_treated": "thyroid treatment",
    "bipolar": "bipolar disorder", "reasons": "reasons for the visit", "medicine_classes": "which medicines",
    "planning_pregnancy": "planning a pregnancy",
    "anaesthetic_allergy": "allergy to ketamine or anesthetics",
    "drug_use_count": "drug use in the past year",
}
# Titles of two sides of an "or": when both were answered, "both" says it without repeating the title.
EITHER_OR = ("R-DISS", "R-SUPPORT")
Facts = Callable[[Answers], str]


def last_time(answers: Answers, question_id: str, what: str) -> str:
    """When something last happened, as "last used in the last month", or "last used: not sure"."""
    value = answers.get(question_id)
    if is_blank(value):
        return ""
    return f"{what}: not sure" if value == NOT_SURE else f"{what} {words(answers, question_id)}"


def words(answers: Answers, question_id: str) -> str:
    """An answer in words, lower case unless it is a name the patient typed."""
    value = answers.get(question_id)
    if is_blank(value):
        return ""
    question = QUESTIONS[question_id]
    text = answer_text(question, value)
    return in_a_sentence(text) if type_of(question).has_options else text


def in_a_sentence(label: str) -> str:
    """An option's label inside a line: "Cannabis" becomes "cannabis", but "MDMA" and "ECT" keep their capitals."""
    return label if label[:2].isupper() else label[0].lower() + label[1:]


def joined(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def blood_pressure(answers: Answers) -> str:
    """"168/102 mmHg, in the last week; on treatment; not under control" (the title says blood pressure)."""
    systolic, diastolic = answers.number("bp_systolic"), answers.number("bp_diastolic")
    reading = (f"{systolic:g}/{diastolic:g} mmHg" + (f", {words(answers, 'bp_reading_when')}"
               if answers.get("bp_reading_when") not in (None, "not_sure") else ", date of reading not sure")
               if systolic is not None and diastolic is not None else "no recent reading")
    controlled = {"yes": "under control", "no": "not under control", "not_sure": "not sure whether controlled"}
    diagnosed = {"no": "never diagnosed", "not_sure": "not sure whether diagnosed"}
    return joined(reading, diagnosed.get(answers.get("bp_diagnosed"), ""), bp_treatment(answers),
                  controlled.get(answers.get("bp_controlled"), ""))


def bp_treatment(answers: Answers) -> str:
    """Treatment of a diagnosed high blood pressure, as the medicines answer says it."""
    classes = answers.get("medicine_classes")
    if answers.get("bp_diagnosed") != "yes" or classes is None:
        return ""
    if "blood_pressure" in classes:
        return "on treatment"
    return "not sure about treatment" if "not_sure" in classes else "no blood-pressure medicine ticked"


def bp_control(answers: Answers) -> str:
    """The reading, treatment and control, unless a reading topic's line shows them already."""
    return "" if HIGH_READING(answers) else blood_pressure(answers)


def self_harm(answers: Answers) -> str:
    item_9 = answers.get("phq9_9")
    asq = [number for number in "1234" if answers.get(f"asq_{number}") in ASQ_POSITIVE]
    attempt = joined(words(answers, "asq_4_how"), words(answers, "asq_4_when"))
    return joined(
        f"PHQ-9 item 9: {item_9} ({words(answers, 'phq9_9')})" if item_9 in PHQ9_ITEM_9_POSITIVE else "",
        f"ASQ {', '.join(asq)} positive" if asq else "",
        f"attempt: {attempt.replace('; ', ', ')}" if answers.get("asq_4") == "yes" and attempt else "",
    )


def acute(answers: Answers) -> str:
    return f"ASQ 5 (right now): {words(answers, 'asq_5')}"


def alcohol(answers: Answers) -> str:
    return joined(f"drinks {words(answers, 'auditc_1')}", f"{words(answers, 'auditc_2')} drinks a day"
                  if answers.get("auditc_2") else "", f"6 or more: {words(answers, 'auditc_3')}"
                  if answers.get("auditc_3") else "")


def option_names(answers: Answers, question_id: str) -> list[str]:
    """The ticked options of a checklist, each without its bracketed examples."""
    question = QUESTIONS[question_id]
    return [in_a_sentence(answer_text(question, [value]).split(" (")[0]) for value in answers.get(question_id) or []]


def drugs(answers: Answers) -> str:
    used = [name for name in option_names(answers, "drugs_used") if name != "something else"]
    count = answers.number("drug_use_count")
    return joined(f"{count:g} times in the past year" if count is not None else "not sure how many times",
                  ", ".join([*used, *filter(None, [answers.get("drugs_used_other")])]),
                  last_time(answers, "drugs_last_used", "last used"))


def ketamine_outside(answers: Answers) -> str:
    return last_time(answers, "ketamine_nonmedical_when", "last used")


# Recovery medicines named on the topic's line: naltrexone and buprenorphine or methadone each have a topic line of
# their own (R-MED-*), so only the one without says it here.
RECOVERY_NAMES = {"other_substance_use": "other recovery medicine"}


def substance_history(answers: Answers) -> str:
    recovery = [RECOVERY_NAMES[value] for value in answers.get("medicine_classes") or [] if value in RECOVERY_NAMES]
    return joined(answers.get("substance_problem_details") or "", "takes " + ", ".join(recovery) if recovery else "")


def treatments(answers: Answers) -> str:
    tried = [row for row in answers.get("antidepressants") or [] if row.get("name")]
    ticked = answers.get("treatments_tried") or []
    helped = {"ect": "ECT", "tms": "TMS"}
    return joined(
        f"{len(tried)} antidepressant{'' if len(tried) == 1 else 's'} listed" if tried else "",
        f"augmented with {answers.get('augmentation_which')}" if answers.get("augmentation_which") else "",
        "talk therapy " + words(answers, "psychotherapy_duration") if "talk_therapy" in ticked else "",
        *(f"{name} helped: {words(answers, key + '_helped')}" for key, name in helped.items() if key in ticked),
    )


def ketamine_before(answers: Answers) -> str:
    return joined(words(answers, "ketamine_before_kind"), words(answers, "ketamine_before_reactions"))


def seizures(answers: Answers) -> str:
    return last_time(answers, "seizure_last", "last seizure")


def vessels(answers: Answers) -> str:
    where = ", ".join(option_names(answers, "aneurysm_where"))
    named = {"aneurysm": f"aneurysm ({where})" if where else "aneurysm", "avm": "AVM",
             "brain_bleed": "bleeding in the brain"}
    return ", ".join(text for question_id, text in named.items() if answers.get(question_id) == "yes")


def allergy(answers: Answers) -> str:
    return answers.get("anaesthetic_allergy_details") or ""


def title_says_it(answers: Answers) -> str:
    return ""


FACTS: dict[str, Facts] = {
    "R-SI-ACUTE": acute, "R-SI": self_harm,
    "R-BP-CRISIS": blood_pressure, "R-BP-HIGH": blood_pressure, "R-BP-UNCONTROLLED": bp_control,
    "R-SUD-ALCOHOL": alcohol, "R-SUD-DRUGS": drugs, "R-SUD-KETAMINE": ketamine_outside,
    "R-SUD-HISTORY": substance_history, "R-TRD": treatments, "R-KETAMINE-BEFORE": ketamine_before,
    "R-SEIZ": seizures, "R-VASC": vessels, "R-ALLERGY": allergy,
    # the weight's title says the BMI, which the height gave
    **dict.fromkeys(("R-BP-UNKNOWN", "R-PREG", "R-LIVER", "R-BLADDER", "R-THYROID", "R-AGE", "R-WEIGHT", "R-RIDE"),
                    title_says_it),
}


def key_facts(flag: Flag, answers: Answers) -> str:
    """The few words after a topic's title on page 1."""
    if flag.rule_id in FACTS:
        return FACTS[flag.rule_id](answers)
    if flag.rule_id.startswith("R-MED-"):
        return medicine(flag)
    named = [SHORT[item.question_id] for item in flag.evidence if item.question_id in SHORT]
    if flag.rule_id == "R-UNSURE":
        named = [TOPIC.get(item.question_id) or SHORT.get(item.question_id) or QUESTIONS[item.question_id].label
                 for item in flag.evidence]
    named = list(dict.fromkeys(named))
    if flag.rule_id in EITHER_OR and len(named) == 2 and all(name.lower() in flag.title.lower() for name in named):
        return "both"
    return ", ".join(named)


def medicine(flag: Flag) -> str:
    """The names the patient typed for this class; marked when the class was not ticked as well."""
    typed = ", ".join(item.answer for item in flag.evidence if item.own_words)
    ticked = any(item.question_id != "medicines_list" for item in flag.evidence)
    return typed if ticked or not typed else f"{typed}: named in the patient's own words, not ticked"
