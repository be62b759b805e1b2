"""Section 2: why the patient is coming and what they have tried, one page (issue 15): what they want help with
first, so the clinician reads the rest in context, then the treatments tried for depression (R-TRD).

One checklist names every treatment (format 3; it replaced five Yes/No questions): not a safety topic, so a
checklist serves. Each treatment's follow-ups keep their ids and show only when it is ticked, in place; the
augmentation question also after "Not sure", as it did after "Not sure" to antidepressants. A therapist now is asked
right after the talk-therapy questions, of someone who has had talk therapy or is not sure: nobody sees a therapist
now who never had talk therapy, and R-SUPPORT reads the checklist for them."""

from ..choices import UNSURE, YES_NO_NOT_SURE
from ..model import CHOICE, GROUP, LONG_TEXT, MULTI, NOT_SURE, TEXT, Option, Question, Section, has, is_

DURATION = (
    Option("less_than_2_weeks", "Less than 2 weeks"),
    Option("2_to_5_weeks", "2 to 5 weeks"),
    Option("6_weeks_or_more", "6 weeks or more"),
    UNSURE,
)

HELPED = (
    Option("yes_a_lot", "Yes, a lot"),
    Option("a_little", "A little"),
    Option("no", "No"),
    UNSURE,
)

TRIED = "treatments_tried"
TREATMENTS = (
    Option("antidepressants", "Antidepressants, such as sertraline (Zoloft) or bupropion (Wellbutrin)"),
    Option("talk_therapy", "Talk therapy with a therapist or counselor"),
    Option("ect", "ECT (electroconvulsive therapy)"),
    Option("tms", "TMS (transcranial magnetic stimulation)"),
    Option("ketamine", "Ketamine or esketamine (Spravato) in a clinic"),
    Option("none", "None of these"),
    UNSURE,
)
TRIED_ANTIDEPRESSANTS = has(TRIED, "antidepressants")
# Talk therapy tried, or not sure: a therapist now is asked only then (R-SUPPORT).
TALK_THERAPY_MAYBE = has(TRIED, "talk_therapy", NOT_SURE)

THERAPY_LENGTH = (
    Option("less_than_3_months", "Less than 3 months"),
    Option("3_to_12_months", "3 to 12 months"),
    Option("over_a_year", "More than a year"),
    UNSURE,
)

SECTION = Section(
    id="reasons",
    title="Why you are coming and what you have tried",
    questions=(
        Question(
            "reasons", "What would you like help with?", MULTI,
            help="Choose all that apply.",
            required=True,
            options=(
                Option("depression", "Depression (feeling low or empty)"),
                Option("anxiety", "Anxiety (worry or fear)"),
                Option("ptsd", "PTSD (after something very frightening happened)"),
                Option("bipolar", "Bipolar disorder"),
                Option("ocd", "OCD (thoughts or habits you cannot stop)"),
                Option("chronic_pain", "Long-lasting pain"),
                Option("other", "Something else"),
                UNSURE,
            ),
        ),
        Question("reasons_other", "What else would you like help with?", TEXT, show_when=has("reasons", "other")),
        Question(
            "reasons_story", "In a few words, how long has this been going on?", LONG_TEXT, max_length=1000,
            help="You can skip this.",
        ),
        Question(
            "treatments_tried", "Which of these have you tried for depression or anxiety?", MULTI, required=True,
            help="Choose all that apply. ECT sends a small electric current through the brain while you sleep. TMS "
            "uses a magnet held on your head.",
            options=TREATMENTS,
        ),
        Question(
            "antidepressants", "Tell us about each antidepressant you have taken", GROUP,
            help="Start with the most recent. Skip what you do not remember.",
            rows=6, add_row_label="Add another medicine",
            columns=(
                Question("name", "Name of the medicine", TEXT, max_length=80, required=False),
                Question(
                    "dose", "Highest dose", TEXT, max_length=40, required=False,
                    help='For example "20 mg".',
                ),
                Question("duration", "How long did you take it?", CHOICE, options=DURATION, required=False),
                Question("helped", "Did it help?", CHOICE, options=HELPED, required=False),
                Question("side_effects", "Side effects", TEXT, max_length=200, required=False),
            ),
            show_when=TRIED_ANTIDEPRESSANTS,
        ),
        Question(
            "augmentation",
            "Has a doctor ever added another medicine to your antidepressant to help it work better?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="For example lithium, aripiprazole (Abilify) or quetiapine (Seroquel).",
            show_when=has(TRIED, "antidepressants", NOT_SURE),
        ),
        Question(
            "augmentation_which", "Which medicine was added?", TEXT, max_length=200, required=False,
            show_when=is_("augmentation", "yes"),
        ),
        Question(
            "psychotherapy_kind", "What kind of talk therapy?", MULTI,
            help="Choose all that apply.",
            options=(
                Option("cbt", "CBT (cognitive behavioral therapy)"),
                Option("dbt", "DBT (dialectical behavior therapy)"),
                Option("emdr", "EMDR (a therapy for trauma)"),
                Option("other_talk", "Other talk therapy"),
                UNSURE,
            ),
            show_when=has(TRIED, "talk_therapy"),
        ),
        Question(
            "psychotherapy_duration", "How long did you have talk therapy, in total?", CHOICE,
            options=THERAPY_LENGTH, show_when=has(TRIED, "talk_therapy"),
        ),
        Question(
            "therapist_now", "Do you see a therapist or counselor now?", CHOICE, options=YES_NO_NOT_SURE,
            show_when=TALK_THERAPY_MAYBE,
        ),
        Question("ect_helped", "Did ECT help?", CHOICE, options=HELPED, show_when=has(TRIED, "ect")),
        Question("tms_helped", "Did TMS help?", CHOICE, options=HELPED, show_when=has(TRIED, "tms")),
        Question(
            "ketamine_before_kind", "Which kind of ketamine or esketamine?", MULTI,
            help="Choose all that apply.",
            options=(
                Option("ketamine_infusion", "Ketamine infusion (a drip into your arm)"),
                Option("esketamine_spray", "Esketamine (Spravato) nasal spray"),
                Option("ketamine_other", "Ketamine lozenge or another form"),
                UNSURE,
            ),
            show_when=has(TRIED, "ketamine"),
        ),
        Question(
            "ketamine_before_helped", "Did ketamine or esketamine help?", CHOICE, options=HELPED,
            show_when=has(TRIED, "ketamine"),
        ),
        Question(
            "ketamine_before_reactions", "Did you have any bad reactions? What happened?", TEXT,
            max_length=200, required=False, help="Leave it empty if there were none.",
            show_when=has(TRIED, "ketamine"),
        ),
    ),
)
