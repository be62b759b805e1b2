"""The rule catalogue: every factor of clinical/reference.md as one record, readable as a table.

Each rule names a topic for the clinician, never a decision about treatment. It has a literal id, a level, a title,
`when` (the answers that raise it, built from the questionnaire's conditions, so `flask rules` can print it in
words), `quote` (follow-up answers quoted with it when given), why it matters and its sources. Arithmetic lives in
checks.py and titles that depend on the answers in titles.py. `flask --app screening rules --format markdown`
writes docs/rules.md from this table, for a medical director to sign.
"""

from dataclasses import dataclass
from typing import Any

from ..questionnaire import QUESTIONS
from ..questionnaire.model import MULTI, NOT_SURE, all_of, answered, any_of, at_least, has, is_, none_of
from ..questionnaire.sections.heart import NO_READING
from ..questionnaire.sections.reasons import TALK_THERAPY_MAYBE
from ..questionnaire.sections.safety import ACUTE_SELF_HARM, SELF_HARM
from . import titles
from .checks import Answers, Computed, outside_study_ages, risky_drinking, weight_given
from .medicine_names import NamedInOwnWords

CATALOGUE_VERSION = "2026.11.6"  # R-UNSURE reads "Not sure" to the past-year drug-use count

URGENT, DISCUSS, NOTE = "urgent", "discuss", "note"
LEVELS = (URGENT, DISCUSS, NOTE)
LEVEL_LABELS = {URGENT: "Urgent", DISCUSS: "To discuss", NOTE: "For context"}
NO_DECISION = "This app lists topics to discuss with the patient. It makes no treatment decision."

SOURCES = (
    "SPRAVATO-PI", "KETALAR-PI", "APA-2017", "IEO-2021", "ACC/AHA-2017",
    "PHQ-9", "GAD-7", "AUDIT-C", "SINGLE-DRUG", "ASQ", "SEEDS",
)

BP_HIGH = (140, 90)
BP_CRISIS = (180, 120)
HIGH_READING = any_of(at_least("bp_systolic", BP_HIGH[0]), at_least("bp_diastolic", BP_HIGH[1]))
CRISIS_READING = any_of(at_least("bp_systolic", BP_CRISIS[0]), at_least("bp_diastolic", BP_CRISIS[1]))
READING = ("bp_systolic", "bp_diastolic", "bp_reading_when")
# Medicines that support recovery from a substance-use disorder, ticked with the other medicines.
RECOVERY_MEDICINES = ("naltrexone", "buprenorphine_methadone", "other_substance_use")
# The treatments checklist answered without talk therapy or "Not sure": no therapist now (therapist_now not asked).
NO_TALK_THERAPY = all_of(answered("treatments_tried"), none_of(has("treatments_tried", *TALK_THERAPY_MAYBE.values)))


@dataclass(frozen=True)
class Rule:
    """One topic of the reference. `title_for`, when set, writes the title from the answers."""

    id: str
    level: str
    title: str
    when: Any
    reason: str
    sources: tuple[str, ...]
    quote: tuple[str, ...] = ()
    title_for: Any = None

    @property
    def questions(self) -> tuple[str, ...]:
        """Every question the rule reads or quotes."""
        return tuple(dict.fromkeys((*self.when.reads(), *self.quote)))

    def part(self, answers: Answers, question_id: str):
        """Of the answer to `question_id`, the part that raised the rule (the matching options of a checklist, the
        names in typed text); None to quote the whole answer."""
        return self.when.part(answers, question_id)

    def evidence(self, answers: Answers) -> list[str]:
        """The questions whose answers raised the rule, then the follow-ups it quotes; empty when it is silent."""
        if not self.when(answers):
            return []
        return list(dict.fromkeys((*self.when.matched(answers), *answers.given(*self.quote))))


TOPICS: tuple[Rule, ...] = (
    Rule(
        id="R-SI-ACUTE", level=URGENT, title="Acute: thoughts of killing themselves right now",
        when=ACUTE_SELF_HARM, title_for=titles.acute_self_harm,
        reason="The ASQ question about right now was answered yes, or the patient would rather not answer: an "
        "acute positive screen that needs a safety check now.",
        sources=("ASQ", "SPRAVATO-PI"),
    ),
    Rule(
        id="R-SI", level=URGENT, title="Thoughts of self-harm or suicide reported",
        when=SELF_HARM, quote=("asq_4_how", "asq_4_when"), title_for=titles.self_harm,
        reason="PHQ-9 item 9 or the ASQ is positive (a yes, or would rather not answer). Suicidality is a "
        "boxed-warning topic on the esketamine label and needs same-day attention.",
        sources=("ASQ", "PHQ-9", "SPRAVATO-PI"),
    ),
    Rule(
        id="R-BP-CRISIS", level=URGENT, title="Blood pressure at or above 180/120",
        when=CRISIS_READING, quote=READING,
        reason="This reading is in the hypertensive-crisis range, and ketamine raises blood pressure further for "
        "a while after each dose. Staff check it before the visit.",
        sources=("ACC/AHA-2017", "SPRAVATO-PI"),
    ),
    Rule(
        id="R-BP-HIGH", level=DISCUSS, title="Blood pressure at or above 140/90",
        when=all_of(HIGH_READING, none_of(CRISIS_READING)), quote=READING,
        reason="Ketamine raises blood pressure for a while (about 13/9 mmHg on average, highest around 40 "
        "minutes). The esketamine label asks for a check before dosing and for the risks to be weighed above "
        "about 140/90.",
        sources=("SPRAVATO-PI", "APA-2017", "ACC/AHA-2017"),
    ),
    Rule(
        id="R-BP-UNCONTROLLED", level=DISCUSS, title="High blood pressure not under control",
        when=is_("bp_controlled", "no"),
        reason="The patient says their high blood pressure is not under control, and ketamine raises blood "
        "pressure for a while after each dose.",
        sources=("SPRAVATO-PI", "APA-2017", "ACC/AHA-2017"),
    ),
    Rule(
        id="R-BP-UNKNOWN", level=NOTE, title="Blood pressure not known", title_for=titles.unknown_pressure,
        when=any_of(is_("bp_reading_when", NO_READING), is_("bp_diagnosed", NOT_SURE),
                    is_("bp_controlled", NOT_SURE)),
        reason="No recent reading was given, or the patient is not sure about their blood pressure. The "
        "esketamine label asks for blood pressure to be checked before each dose.",
        sources=("SPRAVATO-PI",),
    ),
    Rule(
        id="R-VASC", level=DISCUSS,
        title="Aneurysm, AVM or bleeding in the brain: listed as a contraindication on the esketamine label",
        when=any_of(is_("aneurysm", "yes"), is_("avm", "yes"), is_("brain_bleed", "yes")), quote=("aneurysm_where",),
        reason="The esketamine label lists aneurysmal blood-vessel disease, arteriovenous malformation and past "
        "bleeding in the brain, because a rise in blood pressure can be dangerous with them.",
        sources=("SPRAVATO-PI",),
    ),
    Rule(
        id="R-CARD", level=DISCUSS, title="Heart disease, stroke or TIA",
        when=any_of(is_("heart_attack", "yes"), is_("angina", "yes"), is_("heart_stent_bypass", "yes"),
                    is_("arrhythmia", "yes"), is_("heart_failure", "yes"), is_("valve_disease", "yes"),
                    is_("stroke", "yes")),
        reason="Ketamine raises blood pressure and heart rate for a while, which strains a diseased heart. People "
        "with these conditions were left out of the trials.",
        sources=("SPRAVATO-PI", "APA-2017", "SEEDS"),
    ),
    Rule(
        id="R-PREG", level=DISCUSS, title="Pregnancy, possible or planned, or breastfeeding",
        title_for=titles.pregnancy,
        when=any_of(is_("pregnant", "yes", "maybe", NOT_SURE), is_("planning_pregnancy", "yes", NOT_SURE),
                    is_("breastfeeding", "yes", NOT_SURE)),
        reason="The esketamine label does not recommend use in pregnancy (harm in animal studies) or while "
        "breastfeeding.",
        sources=("SPRAVATO-PI", "SEEDS"),
    ),
    Rule(
        id="R-SUD-ALCOHOL", level=DISCUSS, title="Alcohol: AUDIT-C at or above the cut-off",
        when=Computed("AUDIT-C total \u2265 4 (men), \u2265 3 (women, or sex at birth not given)", risky_drinking,
                      ("auditc_1", "auditc_2", "auditc_3", "sex_at_birth")),
        title_for=titles.drinking,
        reason="Alcohol adds to ketamine's sedation, and risky drinking is part of the misuse history the "
        "esketamine label asks about.",
        sources=("AUDIT-C", "SPRAVATO-PI", "APA-2017"),
    ),
    Rule(
        id="R-SUD-DRUGS", level=DISCUSS, title="Drug use in the past year",
        # A drug named after "Not sure" of the count is use in the past year too.
        when=any_of(at_least("drug_use_count", 1), answered("drugs_used")),
        quote=("drugs_used", "drugs_used_other", "drugs_last_used"),
        reason="Ketamine can be misused, and the esketamine label warns about abuse and misuse. Recent drug use "
        "changes the plan.",
        sources=("SINGLE-DRUG", "SPRAVATO-PI", "APA-2017"),
    ),
    Rule(
        id="R-SUD-KETAMINE", level=DISCUSS, title="Ketamine used outside a clinic",
        when=any_of(is_("ketamine_nonmedical", "yes"), has("drugs_used", "ketamine")),
        quote=("ketamine_nonmedical_when",),
        reason="Ketamine taken outside a clinic is the misuse the esketamine label warns about, and it changes the "
        "plan.",
        sources=("SPRAVATO-PI", "APA-2017", "SEEDS"),
    ),
    Rule(
        id="R-SUD-HISTORY", level=DISCUSS, title="Past problem with alcohol or drugs, or a recovery medicine",
        when=any_of(is_("substance_problem_history", "yes"),
                    has("medicine_classes", *RECOVERY_MEDICINES)),
        quote=("substance_problem_details",),
        reason="A past substance-use disorder, or a medicine that supports recovery from one, changes the plan "
        "because ketamine can be misused.",
        sources=("SPRAVATO-PI", "APA-2017", "SEEDS"),
    ),
    Rule(
        id="R-TRD", level=NOTE, title="Treatment history",
        when=any_of(has("treatments_tried", "antidepressants", "talk_therapy", "ect", "tms"),
                    is_("augmentation", "yes")),
        quote=("antidepressants", "augmentation_which", "psychotherapy_kind", "psychotherapy_duration",
               "ect_helped", "tms_helped"),
        title_for=titles.treatment_history,
        reason="Depression is usually called treatment-resistant after no response to two or more adequate trials "
        "(adequate dose, 6 weeks or more). Here a trial counts when taken 6 weeks or more and it helped a little "
        "or not at all; the dose is for the clinician to judge.",
        sources=("IEO-2021", "APA-2017"),
    ),
    Rule(
        id="R-KETAMINE-BEFORE", level=NOTE, title="Ketamine or esketamine before",
        when=has("treatments_tried", "ketamine"),
        quote=("ketamine_before_kind", "ketamine_before_helped", "ketamine_before_reactions"),
        title_for=titles.ketamine_before,
        reason="How earlier ketamine or esketamine went, and any reactions, helps plan the course.",
        sources=("IEO-2021", "APA-2017"),
    ),
    Rule(
        id="R-PSY", level=DISCUSS, title="Psychosis, hallucinations or schizophrenia",
        when=any_of(is_("psychosis", "yes"), is_("schizophrenia", "yes")),
        reason="Ketamine causes dissociation and can bring on psychosis-like effects; the consensus advises "
        "caution with a history of psychosis.",
        sources=("APA-2017", "SEEDS"),
    ),
    Rule(
        id="R-BIP", level=DISCUSS, title="Bipolar disorder, mania or hypomania",
        when=any_of(has("reasons", "bipolar"), is_("mania", "yes"), is_("bipolar", "yes")),
        reason="Ketamine may switch mood towards mania, and bipolar depression is treated in a different context.",
        sources=("APA-2017", "SEEDS"),
    ),
    Rule(
        id="R-SEIZ", level=DISCUSS, title="Seizures or epilepsy",
        when=is_("seizures", "yes"), quote=("seizure_last",),
        reason="Seizures are among the risks the sources name, and seizure medicines such as lamotrigine may "
        "change the response.",
        sources=("SEEDS", "KETALAR-PI"),
    ),
    Rule(
        id="R-ICP", level=DISCUSS, title="Head injury, raised pressure in the head or eyes, or eye surgery planned",
        when=any_of(is_("head_injury", "yes"), is_("intracranial_pressure", "yes"), is_("glaucoma", "yes"),
                    is_("eye_surgery_planned", "yes")),
        reason="Ketamine can raise the pressure inside the head and the eyes; people with these conditions were "
        "left out of the trials.",
        sources=("APA-2017", "KETALAR-PI"),
    ),
    Rule(
        id="R-DISS", level=NOTE, title="Past dissociation, or a bad reaction to anesthesia or ketamine",
        when=any_of(is_("dissociation", "yes"), is_("anaesthesia_reaction", "yes")),
        reason="Dissociation is an expected effect of ketamine; this history helps plan the monitoring.",
        sources=("SPRAVATO-PI", "SEEDS"),
    ),
    Rule(
        id="R-ALLERGY", level=DISCUSS, title="Allergy to ketamine, esketamine or an anesthetic",
        when=is_("anaesthetic_allergy", "yes"), quote=("anaesthetic_allergy_details",),
        reason="Hypersensitivity to ketamine or esketamine is listed as a contraindication on the esketamine label.",
        sources=("SPRAVATO-PI",),
    ),
    Rule(
        id="R-LIVER", level=DISCUSS, title="Liver disease",
        when=is_("liver", "yes"),
        reason="The esketamine label does not recommend it in severe liver impairment, and liver injury has been "
        "reported with repeated ketamine use.",
        sources=("SPRAVATO-PI", "KETALAR-PI"),
    ),
    Rule(
        id="R-BLADDER", level=NOTE, title="Bladder or urinary problems",
        when=is_("bladder", "yes"),
        reason="Frequent ketamine use can inflame the bladder (ketamine cystitis); today's symptoms are the "
        "baseline.",
        sources=("SPRAVATO-PI", "KETALAR-PI"),
    ),
    Rule(
        id="R-THYROID", level=NOTE, title="Overactive thyroid, not treated now",
        when=all_of(is_("thyroid_overactive", "yes"), none_of(is_("thyroid_treated", "yes"))),
        quote=("thyroid_treated",),
        reason="An untreated overactive thyroid adds to the stimulation of heart and blood pressure that ketamine "
        "causes.",
        sources=("KETALAR-PI",),
    ),
    Rule(
        id="R-RESP", level=NOTE, title="Sleep apnea or breathing problems",
        when=any_of(is_("sleep_apnea", "yes"), is_("breathing", "yes")),
        reason="Ketamine and esketamine sedate, and the esketamine label warns about slowed breathing.",
        sources=("SPRAVATO-PI",),
    ),
    Rule(
        id="R-WEIGHT", level=NOTE, title="Weight and BMI",
        when=Computed("weight_kg is answered (with BMI when height_cm is too)", weight_given,
                      ("height_cm", "weight_kg")),
        title_for=titles.weight,
        reason="Intravenous ketamine is dosed per kilogram of body weight.",
        sources=("APA-2017",),
    ),
    # Medicines taken now (R-MED), one rule per class of the reference
    Rule(
        id="R-MED-BENZODIAZEPINES", level=DISCUSS, title="Takes a benzodiazepine",
        when=any_of(has("medicine_classes", "benzodiazepines"), NamedInOwnWords("benzodiazepines")),
        reason="Benzodiazepines add to the sedation, and observational studies report a weaker response with them.",
        sources=("SPRAVATO-PI", "APA-2017"),
    ),
    Rule(
        id="R-MED-ANTICONVULSANTS", level=NOTE, title="Takes lamotrigine or another seizure medicine",
        when=any_of(has("medicine_classes", "anticonvulsants"), NamedInOwnWords("anticonvulsants")),
        reason="Lamotrigine and other seizure medicines may blunt ketamine's effect (small studies).",
        sources=("APA-2017",),
    ),
    Rule(
        id="R-MED-MAOI", level=DISCUSS, title="Takes an MAOI",
        when=any_of(has("medicine_classes", "maoi"), NamedInOwnWords("maoi")),
        reason="The esketamine label asks for close blood-pressure monitoring with MAOIs.",
        sources=("SPRAVATO-PI",),
    ),
    Rule(
        id="R-MED-STIMULANTS", level=DISCUSS, title="Takes a stimulant",
        when=any_of(has("medicine_classes", "stimulants"), NamedInOwnWords("stimulants")),
        reason="The esketamine label warns that stimulants add to the rise in blood pressure.",
        sources=("SPRAVATO-PI",),
    ),
    Rule(
        id="R-MED-OPIOIDS", level=DISCUSS, title="Takes an opioid pain medicine",
        when=any_of(has("medicine_classes", "opioids"), NamedInOwnWords("opioids")),
        reason="The esketamine label warns of more sedation with opioids and other medicines that slow the brain.",
        sources=("SPRAVATO-PI",),
    ),
    Rule(
        id="R-MED-SLEEP-MEDICINES", level=DISCUSS, title="Takes a sleeping pill or other calming medicine",
        when=any_of(has("medicine_classes", "sleep_medicines"), NamedInOwnWords("sleep_medicines")),
        reason="The esketamine label warns of more sedation with sleeping pills and other medicines that slow the "
        "brain.",
        sources=("SPRAVATO-PI",),
    ),
    Rule(
        id="R-MED-NALTREXONE", level=NOTE, title="Takes naltrexone",
        when=any_of(has("medicine_classes", "naltrexone"), NamedInOwnWords("naltrexone")),
        reason="Evidence is mixed on whether naltrexone blunts ketamine's antidepressant effect; it also marks "
        "recovery from a substance-use disorder.",
        sources=("APA-2017",),
    ),
    Rule(
        id="R-MED-BUPRENORPHINE-METHADONE", level=DISCUSS, title="Takes buprenorphine or methadone",
        when=any_of(has("medicine_classes", "buprenorphine_methadone"), NamedInOwnWords("buprenorphine_methadone")),
        reason="These medicines mark treatment for opioid-use disorder, and they add to the sedation.",
        sources=("SPRAVATO-PI", "APA-2017"),
    ),
    Rule(
        id="R-MED-BLOOD-PRESSURE", level=NOTE, title="Takes a blood-pressure medicine",
        when=any_of(has("medicine_classes", "blood_pressure"), NamedInOwnWords("blood_pressure")),
        reason="Context for the blood-pressure answers: ketamine raises blood pressure for a while after each dose.",
        sources=("SPRAVATO-PI",),
    ),
    Rule(
        id="R-MED-NMDA", level=NOTE, title="Takes memantine, dextromethorphan or another NMDA-acting medicine",
        when=any_of(has("medicine_classes", "nmda"), NamedInOwnWords("nmda")),
        reason="These medicines act on the same receptor as ketamine.",
        sources=("SPRAVATO-PI", "APA-2017"),
    ),
    Rule(
        id="R-RIDE", level=DISCUSS, title="No ride home after visits",
        when=is_("ride_home", "no"),
        reason="The esketamine label says not to drive until the next day, after a rest, so patients need a ride "
        "home after each visit.",
        sources=("SPRAVATO-PI",),
    ),
    Rule(
        id="R-SUPPORT", level=NOTE, title="No therapist now, or no one to call",
        when=any_of(is_("therapist_now", "no"), NO_TALK_THERAPY, is_("support_person", "no")),
        reason="The sources pair ketamine with talk therapy and a support network. Someone who never had talk "
        "therapy has no therapist now (and is not asked).",
        sources=("SEEDS", "APA-2017"),
    ),
    Rule(
        id="R-AGE", level=NOTE, title="Age under 18, or 65 or over",
        when=Computed("age on the day the form was sent < 18 or \u2265 65", outside_study_ages, ("date_of_birth",)),
        title_for=titles.age_outside_studies,
        reason="The esketamine label's studies were in adults, and people 65 and over had larger rises in blood "
        "pressure.",
        sources=("SPRAVATO-PI",),
    ),
)

# "Not sure" to a question that can raise an urgent or discuss topic is itself a note: check it at the visit.
CHECKED_AT_VISIT = tuple(
    dict.fromkeys(question_id for rule in TOPICS if rule.level != NOTE for question_id in rule.questions)
)

CATALOGUE: tuple[Rule, ...] = TOPICS + (
    Rule(
        id="R-UNSURE", level=NOTE, title="Not sure: check at the visit",
        when=any_of(*(
            (has if QUESTIONS[question_id].type == MULTI else is_)(question_id, NOT_SURE)
            for question_id in CHECKED_AT_VISIT if QUESTIONS[question_id].offers_not_sure
        )),
        reason="The patient was not sure about questions that can raise a topic to discuss; asking again at the "
        "visit fills the gap.",
        sources=("APA-2017",),
    ),
)
