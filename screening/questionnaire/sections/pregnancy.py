"""Section: pregnancy, plans for pregnancy and breastfeeding, asked of everyone, because the esketamine
label does not recommend use in pregnancy or breastfeeding (R-PREG). Sex at birth comes first: the page reads in
the order a patient expects, and it sets the AUDIT-C cut-off (R-SUD)."""

from ..choices import NO, UNSURE, YES
from ..model import CHOICE, Option, Question, Section

DOES_NOT_APPLY = Option("does_not_apply", "This does not apply to me")

SECTION = Section(
    id="pregnancy",
    title="Pregnancy and breastfeeding",
    intro="We ask everyone these questions. "
    'If a question does not fit you, choose "This does not apply to me".',
    questions=(
        Question(
            "sex_at_birth", "What sex were you assigned at birth?", CHOICE, required=False,
            options=(
                Option("female", "Female"),
                Option("male", "Male"),
                Option("intersex", "Intersex"),
                Option("prefer_not_to_say", "I would rather not say"),
            ),
            help="We ask because the alcohol questions are scored differently for women and men.",
        ),
        Question(
            "pregnant", "Are you pregnant, or could you be pregnant?", CHOICE,
            options=(YES, Option("maybe", "Maybe, I could be"), NO, DOES_NOT_APPLY, UNSURE),
        ),
        Question(
            "planning_pregnancy", "Are you planning to become pregnant in the next few months?", CHOICE,
            options=(YES, NO, UNSURE, DOES_NOT_APPLY),
        ),
        Question(
            "breastfeeding", "Are you breastfeeding or nursing a baby now?", CHOICE,
            options=(YES, NO, UNSURE, DOES_NOT_APPLY),
            help="This also counts if you chestfeed or pump milk for a baby.",
        ),
    ),
)
