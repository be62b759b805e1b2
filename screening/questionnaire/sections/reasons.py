"""Section 2: what brings the patient, so the clinician reads the rest in context."""

from ..choices import UNSURE
from ..model import LONG_TEXT, MULTI, TEXT, Option, Question, Section, has

SECTION = Section(
    id="reasons",
    title="Why you are coming",
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
            help="You may leave this empty.",
        ),
    ),
)
