"""Validated questionnaires, word for word from their authors (see clinical/reference.md).

A paraphrase is no longer the validated instrument, so these texts must not be edited.
"""

from .model import Option

FREQUENCY = (
    Option("0", "Not at all", 0),
    Option("1", "Several days", 1),
    Option("2", "More than half the days", 2),
    Option("3", "Nearly every day", 3),
)

PHQ9_STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
PHQ9_ITEMS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so "
    "fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)
PHQ9_DIFFICULTY = (
    "If you checked off any problems, how difficult have these problems made it for you to do your "
    "work, take care of things at home, or get along with other people?"
)
PHQ9_DIFFICULTY_OPTIONS = (
    Option("not_difficult", "Not difficult at all"),
    Option("somewhat", "Somewhat difficult"),
    Option("very", "Very difficult"),
    Option("extremely", "Extremely difficult"),
)
PHQ9_BANDS = ((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "moderately severe"), (20, "severe"))

GAD7_STEM = "Over the last 2 weeks, how often have you been bothered by the following problems?"
GAD7_ITEMS = (
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid, as if something awful might happen",
)
GAD7_BANDS = ((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe"))

ASQ_ITEMS = (
    "In the past few weeks, have you wished you were dead?",
    "In the past few weeks, have you felt that you or your family would be better off if you were dead?",
    "In the past week, have you been having thoughts about killing yourself?",
    "Have you ever tried to kill yourself?",
)
ASQ_ACUTE = "Are you having thoughts of killing yourself right now?"

# LOINC codes from the clinical reference: (panel, total score) for each instrument.
LOINC = {
    "PHQ-9": ("44249-1", "44261-6"),
    "GAD-7": ("69737-5", "70274-6"),
    "AUDIT-C": ("72109-2", "75626-2"),
}

# LOINC item codes by question id (clinical reference, "LOINC codes"), each found in a public LOINC-coded
# Questionnaire: LHC-Forms' PHQ-9, HL7's GAD-7 (personal-health-record IG) and US Core's AUDIT-C. AUDIT-C
# item 1 has none: 68518-0 is in no NLM or HL7 Questionnaire (US Core's first item, 68517-2, asks another
# question), so it keeps our own codes.
LOINC_ITEMS = {
    **dict(zip((f"phq9_{number}" for number in range(1, 10)),
               ("44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"),
               strict=True)),
    "phq9_difficulty": "69722-7",
    **dict(zip((f"gad7_{number}" for number in range(1, 8)),
               ("69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"), strict=True)),
    "auditc_2": "68519-8",
    "auditc_3": "68520-6",
}

# LOINC answer codes by question id and option value, from the same Questionnaires.
FREQUENCY_LOINC = {"0": "LA6568-5", "1": "LA6569-3", "2": "LA6570-1", "3": "LA6571-9"}
LOINC_ANSWERS = {
    **{f"phq9_{number}": FREQUENCY_LOINC for number in range(1, 10)},
    "phq9_difficulty": {"not_difficult": "LA6572-7", "somewhat": "LA6573-5", "very": "LA6575-0",
                        "extremely": "LA6574-3"},
    **{f"gad7_{number}": FREQUENCY_LOINC for number in range(1, 8)},
    "auditc_2": {"1_or_2": "LA15694-5", "3_or_4": "LA15695-2", "5_or_6": "LA18930-0", "7_to_9": "LA18931-8",
                 "10_or_more": "LA18932-6"},
    "auditc_3": {"never": "LA6270-8", "less_than_monthly": "LA18933-4", "monthly": "LA18876-5", "weekly": "LA18891-4",
                 "daily": "LA18934-2"},
}
# Codes other tools use for the same answer: LHC-Forms' own GAD-7 answers item 2 with "More days than not".
LOINC_ANSWER_ALIASES = {"gad7_2": {"LA18938-3": "2"}}
