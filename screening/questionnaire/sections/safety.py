"""Section 5: thoughts of self-harm or suicide: the ASQ, word for word (R-SI, R-SA-HX).

A positive answer here, or to PHQ-9 item 9 on the mood page, marks the intake urgent and sends the patient to
the crisis page next.
"""

from ..choices import HOW_LONG_AGO
from ..instruments import ASQ_ACUTE, ASQ_ITEMS
from ..model import CHOICE, TEXT, Option, Question, Section, any_of, is_

ASQ_ANSWERS = (Option("yes", "Yes"), Option("no", "No"), Option("refused", "I would rather not answer"))
ASQ_POSITIVE = ("yes", "refused")
PHQ9_ITEM_9_POSITIVE = ("1", "2", "3")

# The one definition of a positive self-harm screen (reference R-SI): the crisis page, the urgent mark and the
# R-SI rules all read these two conditions.
SELF_HARM = any_of(
    is_("phq9_9", *PHQ9_ITEM_9_POSITIVE), *(is_(f"asq_{number}", *ASQ_POSITIVE) for number in range(1, 5))
)
ACUTE_SELF_HARM = is_("asq_5", *ASQ_POSITIVE)
ANY_SELF_HARM = any_of(SELF_HARM, ACUTE_SELF_HARM)

SECTION = Section(
    id="safety",
    title="Your safety",
    intro="We ask everyone these questions.",
    crisis_lines="top",
    questions=tuple(
        Question(f"asq_{number}", text, CHOICE, options=ASQ_ANSWERS, instrument="ASQ")
        for number, text in enumerate(ASQ_ITEMS, start=1)
    )
    + (
        Question("asq_4_how", "How did you try to kill yourself?", TEXT, show_when=is_("asq_4", "yes"),
                 help="You can skip this."),
        Question("asq_4_when", "When was that?", CHOICE, options=HOW_LONG_AGO, show_when=is_("asq_4", "yes")),
        Question(
            "asq_5", ASQ_ACUTE, CHOICE, options=ASQ_ANSWERS, instrument="ASQ",
            show_when=any_of(*(is_(f"asq_{number}", *ASQ_POSITIVE) for number in range(1, 5))),
        ),
    ),
)
