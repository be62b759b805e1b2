"""Section: treatments already tried for depression, so the clinician sees the history (R-TRD)."""

from ..choices import UNSURE, YES_NO_NOT_SURE
from ..model import CHOICE, GROUP, MULTI, NOT_SURE, TEXT, Option, Question, Section, is_

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

THERAPY_LENGTH = (
    Option("less_than_3_months", "Less than 3 months"),
    Option("3_to_12_months", "3 to 12 months"),
    Option("over_a_year", "More than a year"),
    UNSURE,
)

SECTION = Section(
    id="treatments",
    title="Treatments you have tried",
    intro="Tell us what you have tried before. It is fine if you do not remember every detail.",
    questions=(
        Question(
            "antidepressants_tried", "Have you ever taken a medicine for depression (an antidepressant)?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="For example sertraline (Zoloft), fluoxetine (Prozac), escitalopram (Lexapro), "
            "bupropion (Wellbutrin) or venlafaxine (Effexor).",
        ),
        Question(
            "antidepressants", "Tell us about each antidepressant you have taken", GROUP,
            help="Start with the most recent. Press \"Add another medicine\" for the next one. "
            "Skip anything you do not remember.",
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
            show_when=is_("antidepressants_tried", "yes"),
        ),
        Question(
            "augmentation",
            "Has a doctor ever added another medicine to your antidepressant to help it work better?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="For example lithium, or a medicine such as aripiprazole (Abilify) or quetiapine (Seroquel).",
            show_when=is_("antidepressants_tried", "yes", NOT_SURE),
        ),
        Question(
            "augmentation_which", "Which medicine was added?", TEXT, max_length=200, required=False,
            show_when=is_("augmentation", "yes"),
        ),
        Question(
            "psychotherapy", "Have you ever had talk therapy?", CHOICE, options=YES_NO_NOT_SURE,
            help="Talk therapy means you meet with a therapist or counselor to talk about problems. Its other name is "
            "psychotherapy.",
        ),
        Question(
            "psychotherapy_kind", "What kind of talk therapy?", MULTI,
            help="Choose all that apply.",
            options=(
                Option("cbt", "CBT (cognitive behavioral therapy)"),
                Option("dbt", "DBT (dialectical behavior therapy)"),
                Option("emdr", "EMDR (a therapy for trauma that uses eye movements)"),
                Option("other_talk", "Other talk therapy"),
                UNSURE,
            ),
            show_when=is_("psychotherapy", "yes"),
        ),
        Question(
            "psychotherapy_duration", "How long did you have talk therapy, in total?", CHOICE,
            options=THERAPY_LENGTH, show_when=is_("psychotherapy", "yes"),
        ),
        Question(
            "ect", "Have you ever had ECT?", CHOICE, options=YES_NO_NOT_SURE,
            help="ECT sends a small electric current through the brain while you sleep. Its full name is "
            "electroconvulsive therapy.",
        ),
        Question("ect_helped", "Did ECT help?", CHOICE, options=HELPED, show_when=is_("ect", "yes")),
        Question(
            "tms", "Have you ever had TMS?", CHOICE, options=YES_NO_NOT_SURE,
            help="TMS uses a strong magnet held on your head while you are awake. Its full name is "
            "transcranial magnetic stimulation.",
        ),
        Question("tms_helped", "Did TMS help?", CHOICE, options=HELPED, show_when=is_("tms", "yes")),
        Question(
            "ketamine_before", "Have you had ketamine or esketamine (Spravato) in a clinic before?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Esketamine is a form of ketamine given as a nasal spray.",
        ),
        Question(
            "ketamine_before_kind", "Which kind?", MULTI,
            help="Choose all that apply.",
            options=(
                Option("ketamine_infusion", "Ketamine infusion (a drip into your arm)"),
                Option("esketamine_spray", "Esketamine (Spravato) nasal spray"),
                Option("ketamine_other", "Ketamine lozenge or another form"),
                UNSURE,
            ),
            show_when=is_("ketamine_before", "yes"),
        ),
        Question(
            "ketamine_before_helped", "Did it help?", CHOICE, options=HELPED,
            show_when=is_("ketamine_before", "yes"),
        ),
        Question(
            "ketamine_before_reactions", "Did you have any bad reactions? What happened?", TEXT,
            max_length=200, required=False, help="Leave it empty if there were none.",
            show_when=is_("ketamine_before", "yes"),
        ),
    ),
)
