"""Section 4: mood and anxiety in the last two weeks, PHQ-9 and GAD-7 word for word (PHQ-9, GAD-7, R-SI).

The PHQ-9 is kept whole, as validated: items 1 to 9, then its difficulty item. Item 9 asks about self-harm, so
the page shows the crisis numbers right after it, and a positive answer leads to the crisis page next.
"""

from ..instruments import (
    FREQUENCY,
    GAD7_ITEMS,
    GAD7_STEM,
    PHQ9_DIFFICULTY,
    PHQ9_DIFFICULTY_OPTIONS,
    PHQ9_ITEMS,
    PHQ9_STEM,
)
from ..model import CHOICE, Question, Section, any_of, is_

SECTION = Section(
    id="mood",
    title="Mood and worry",
    lead_ins={"phq9_1": PHQ9_STEM, "gad7_1": GAD7_STEM},
    grids={"PHQ-9": "mood questions", "GAD-7": "worry questions"},
    crisis_lines="phq9_9",
    questions=tuple(
        Question(f"phq9_{number}", text, CHOICE, options=FREQUENCY, instrument="PHQ-9")
        for number, text in enumerate(PHQ9_ITEMS, start=1)
    )
    + (
        Question(
            "phq9_difficulty", PHQ9_DIFFICULTY, CHOICE, options=PHQ9_DIFFICULTY_OPTIONS, instrument="PHQ-9",
            show_when=any_of(*(is_(f"phq9_{number}", "1", "2", "3") for number in range(1, 10))),
        ),
    )
    + tuple(
        Question(f"gad7_{number}", text, CHOICE, options=FREQUENCY, instrument="GAD-7")
        for number, text in enumerate(GAD7_ITEMS, start=1)
    ),
)
