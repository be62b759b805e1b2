"""Section: pregnancy, plans for pregnancy and breastfeeding, asked of everyone, because the esketamine
label does not recommend use in pregnancy or breastfeeding (R-PREG). Sex at birth comes first: the page reads in
the order a patient expects, and it sets the AUDIT-C cut-off (R-SUD).

A gate question names all three, with a forced Yes, No or Not sure (a label topic); each one's own question (its
stable id, with "Maybe" and "This does not apply to me") follows only after "Yes" or "Not sure"."""

from ..choices import NO, UNSURE, YES, YES_NO_NOT_SURE
from ..model import CHOICE, NOT_SURE, Option, Question, Section, is_

DOES_NOT_APPLY = Option("does_not_apply", "This does not apply to me")
PREGNANCY_LISTED = is_("pregnancy_any", "yes", NOT_SURE)

SECTION = Section(
    id="pregnancy",
    title="Pregnancy and breastfeeding",
    intro="We ask everyone these questions, whatever their sex or age.",
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
            "pregnancy_any",
            "Are you pregnant, or could you be? Are you planning to become pregnant in the next few months? Or are "
            "you breastfeeding or nursing a baby now?",
            CHOICE, options=YES_NO_NOT_SURE,
            help='If none of these fits you, choose "No". If you answer "Yes" or "Not sure", we ask about each one.',
        ),
        Question(
            "pregnant", "Are you pregnant, or could you be pregnant?", CHOICE,
            options=(YES, Option("maybe", "Maybe, I could be"), NO, DOES_NOT_APPLY, UNSURE),
            show_when=PREGNANCY_LISTED,
        ),
        Question(
            "planning_pregnancy", "Are you planning to become pregnant in the next few months?", CHOICE,
            options=(YES, NO, UNSURE, DOES_NOT_APPLY), show_when=PREGNANCY_LISTED,
        ),
        Question(
            "breastfeeding", "Are you breastfeeding or nursing a baby now?", CHOICE,
            options=(YES, NO, UNSURE, DOES_NOT_APPLY),
            help="This also counts if you chestfeed or pump milk for a baby.",
            show_when=PREGNANCY_LISTED,
        ),
    ),
)
