"""Section 4: mood and anxiety in the last two weeks, PHQ-9 and GAD-7 word for word (PHQ-9, GAD-7).

PHQ-9 item 9 lives in the safety section, next to the ASQ, so that a positive answer leads straight
to the crisis page; its id and wording stay those of the PHQ-9.
"""

from ..instruments import FREQUENCY, GAD7_ITEMS, GAD7_STEM, PHQ9_ITEMS, PHQ9_STEM
from ..model import CHOICE, Question, Section

SECTION = Section(
    id="mood",
    title="How you have been feeling",
    intro="These are standard questions that clinics everywhere use. There are no right or wrong answers.",
    lead_ins={"phq9_1": PHQ9_STEM, "gad7_1": GAD7_STEM},
    questions=tuple(
        Question(f"phq9_{number}", text, CHOICE, options=FREQUENCY, instrument="PHQ-9")
        for number, text in enumerate(PHQ9_ITEMS[:8], start=1)
    )
    + tuple(
        Question(f"gad7_{number}", text, CHOICE, options=FREQUENCY, instrument="GAD-7")
        for number, text in enumerate(GAD7_ITEMS, start=1)
    ),
)
