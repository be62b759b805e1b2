"""Section: alcohol (AUDIT-C, word for word), drug use (single-item screen) and past problems, because ketamine
can be misused and this history changes the plan (R-SUD).

A gate question names ketamine outside a clinic and a past problem with alcohol or drugs; each one's own question
(its stable id, read by the rules) follows only after "Yes" or "Not sure". Medicines for alcohol or drug use are
ticked with the other medicines (medicines.py), once."""

from ..choices import HOW_LONG_AGO, YES_NO_NOT_SURE
from ..model import CHOICE, INTEGER, MULTI, NOT_SURE, TEXT, Option, Question, Section, any_of, at_least, has, is_

AUDITC_1_OPTIONS = (
    Option("never", "Never", score=0),
    Option("monthly_or_less", "Monthly or less", score=1),
    Option("2_to_4_a_month", "2–4 times a month", score=2),
    Option("2_to_3_a_week", "2–3 times a week", score=3),
    Option("4_or_more_a_week", "4 or more times a week", score=4),
)
AUDITC_DRINKERS = tuple(option.value for option in AUDITC_1_OPTIONS if option.value != "never")

HISTORY_LISTED = is_("substance_any", "yes", NOT_SURE)
# Which drugs, and when, follow a count of 1 or more, and "Not sure" (as a gate's "Not sure" opens its list).
DRUGS_LISTED = any_of(at_least("drug_use_count", 1), is_("drug_use_count", NOT_SURE))

AUDITC_2_OPTIONS = (
    Option("1_or_2", "1 or 2", score=0),
    Option("3_or_4", "3 or 4", score=1),
    Option("5_or_6", "5 or 6", score=2),
    Option("7_to_9", "7 to 9", score=3),
    Option("10_or_more", "10 or more", score=4),
)

AUDITC_3_OPTIONS = (
    Option("never", "Never", score=0),
    Option("less_than_monthly", "Less than monthly", score=1),
    Option("monthly", "Monthly", score=2),
    Option("weekly", "Weekly", score=3),
    Option("daily", "Daily or almost daily", score=4),
)

SECTION = Section(
    id="substances",
    title="Alcohol and drugs",
    intro="Your answers are private.",
    lead_ins={
        "auditc_2": "A standard drink is 12 oz of beer, 5 oz of wine or 1.5 oz of liquor.",
    },
    questions=(
        Question(
            "auditc_1", "How often do you have a drink containing alcohol?", CHOICE,
            options=AUDITC_1_OPTIONS, instrument="AUDIT-C",
        ),
        Question(
            "auditc_2", "How many standard drinks containing alcohol do you have on a typical day?", CHOICE,
            options=AUDITC_2_OPTIONS, instrument="AUDIT-C", show_when=is_("auditc_1", *AUDITC_DRINKERS),
        ),
        Question(
            "auditc_3", "How often do you have six or more drinks on one occasion?", CHOICE,
            options=AUDITC_3_OPTIONS, instrument="AUDIT-C", show_when=is_("auditc_1", *AUDITC_DRINKERS),
        ),
        Question(
            "drug_use_count",
            "How many times in the past year have you used an illegal drug or used a prescription medication "
            "for non-medical reasons?",
            INTEGER, required=True, min_value=0, max_value=1000, instrument="SINGLE-DRUG", not_sure=True,
            help="Enter 0 if none. Non-medical means for the feeling, or not as a doctor told you.",
        ),
        Question(
            "drugs_used", "Which have you used in the past year?", MULTI,
            help="Choose all that apply.",
            options=(
                Option("cannabis", "Cannabis (marijuana, weed)"),
                Option("cocaine", "Cocaine"),
                Option("stimulants", "Methamphetamine or other stimulants"),
                Option("opioids", "Opioids not prescribed to you (such as heroin, fentanyl or pain pills)"),
                Option("prescription_misuse", "Prescription medicines not taken as prescribed"),
                Option("ketamine", "Ketamine"),
                Option("hallucinogens", "Hallucinogens (like LSD, mushrooms)"),
                Option("mdma", "MDMA (ecstasy, molly)"),
                Option("other", "Something else"),
            ),
            show_when=DRUGS_LISTED,
        ),
        Question(
            "drugs_used_other", "What else have you used?", TEXT, max_length=200, required=False,
            show_when=has("drugs_used", "other"),
        ),
        Question(
            "drugs_last_used", "When did you last use any of these?", CHOICE, options=HOW_LONG_AGO,
            show_when=DRUGS_LISTED,
        ),
        Question(
            "substance_any",
            "Have you ever used ketamine outside a clinic, or had a problem with alcohol or drugs, or had "
            "treatment for one?",
            CHOICE, options=YES_NO_NOT_SURE,
        ),
        Question(
            "ketamine_nonmedical", "Have you ever used ketamine outside a clinic?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="For example at a party, or from a friend.",
            show_when=HISTORY_LISTED,
        ),
        Question(
            "ketamine_nonmedical_when", "When did you last use it?", CHOICE, options=HOW_LONG_AGO,
            show_when=is_("ketamine_nonmedical", "yes"),
        ),
        Question(
            "substance_problem_history", "Have you ever had a problem with alcohol or drugs, or had treatment for it?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="Treatment includes rehab, detox, counseling, or a group like AA or NA.",
            show_when=HISTORY_LISTED,
        ),
        Question(
            "substance_problem_details", "Tell us a little about it", TEXT, max_length=200, required=False,
            help="You can skip this.",
            show_when=is_("substance_problem_history", "yes"),
        ),
    ),
)
