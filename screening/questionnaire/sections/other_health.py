"""Section: other health problems, allergies, height and weight (R-LIVER, R-BLADDER, R-THYROID, R-RESP,
R-ALLERGY, R-DISS, R-WEIGHT).

One gate question names the body's conditions (R-LIVER, kidney, R-THYROID, R-BLADDER, R-RESP); each one's own
question (its stable id, read by the rules) follows only after "Yes" or "Not sure". A second gate, asked of
everyone, names an allergy (R-ALLERGY, a label contraindication) or a bad reaction (R-DISS) to ketamine or
anesthesia, with a forced Yes, No or Not sure; both questions follow it on this page."""

from ..choices import YES_NO_NOT_SURE
from ..model import CHOICE, DECIMAL, LONG_TEXT, NOT_SURE, TEXT, Question, Section, is_

BODY_LISTED = is_("body_any", "yes", NOT_SURE)
ANESTHESIA_LISTED = is_("anesthesia_any", "yes", NOT_SURE)

SECTION = Section(
    id="other_health",
    title="Other health",
    intro="A few more questions about your health. Choose \"Not sure\" if you do not know.",
    questions=(
        Question(
            "body_any",
            "Has a doctor ever told you that you have any of these? Liver problems (such as cirrhosis or hepatitis), "
            "kidney problems, an overactive thyroid, bladder or urinary problems, sleep apnea, or COPD, asthma or "
            "other breathing problems.",
            CHOICE, options=YES_NO_NOT_SURE,
            help='If you answer "Yes" or "Not sure", we ask about each one.',
        ),
        Question(
            "liver", "Have you ever had liver problems, such as cirrhosis or hepatitis?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Cirrhosis means scars on the liver. Hepatitis means a swollen liver, often from a virus.",
            show_when=BODY_LISTED,
        ),
        Question(
            "kidney", "Have you ever had kidney problems?", CHOICE, options=YES_NO_NOT_SURE, show_when=BODY_LISTED,
        ),
        Question(
            "thyroid_overactive", "Has a doctor ever told you that you have an overactive thyroid?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Also called hyperthyroidism. The thyroid gland in your neck makes too much hormone.",
            show_when=BODY_LISTED,
        ),
        Question(
            "thyroid_treated", "Is it being treated now?", CHOICE, options=YES_NO_NOT_SURE,
            show_when=is_("thyroid_overactive", "yes"),
        ),
        Question(
            "bladder", "Have you had bladder or urinary problems, such as pain or needing to go often?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="This includes bladder infections that keep coming back. It also includes bladder pain that lasts "
            "a long time.",
            show_when=BODY_LISTED,
        ),
        Question(
            "sleep_apnea", "Has a doctor ever told you that you have sleep apnea?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Sleep apnea means your breathing stops and starts while you sleep.",
            show_when=BODY_LISTED,
        ),
        Question(
            "breathing", "Do you have COPD, asthma or other breathing problems?", CHOICE, options=YES_NO_NOT_SURE,
            help="COPD is a long-term lung disease that makes it hard to breathe.",
            show_when=BODY_LISTED,
        ),
        Question(
            "anesthesia_any",
            "Have you ever had an allergy or a bad reaction to ketamine, esketamine or anesthesia?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="Anesthesia medicines are used for surgery. They put you to sleep or numb you. If you answer "
            '"Yes" or "Not sure", we ask about each one.',
        ),
        Question(
            "anaesthetic_allergy", "Are you allergic to ketamine, esketamine or any anesthesia medicine?",
            CHOICE, options=YES_NO_NOT_SURE, show_when=ANESTHESIA_LISTED,
        ),
        Question(
            "anaesthetic_allergy_details", "Which medicine, and what happened?", TEXT, max_length=200,
            required=False, show_when=is_("anaesthetic_allergy", "yes"),
        ),
        Question(
            "anaesthesia_reaction", "Have you ever had a bad reaction to anesthesia or to ketamine?", CHOICE,
            options=YES_NO_NOT_SURE, show_when=ANESTHESIA_LISTED,
        ),
        Question(
            "other_allergies", "Do you have any other allergies?", TEXT, max_length=200,
            help="For example to medicines, foods or latex. Leave it empty if none.",
        ),
        Question(
            "height_cm", "Your height", DECIMAL, required=False, min_value=50, max_value=250, unit="cm",
            help="If you know it.",
        ),
        Question(
            "weight_kg", "Your weight", DECIMAL, required=False, min_value=20, max_value=350, unit="kg",
            help="If you know it.",
        ),
        Question(
            "other_conditions", "Any other health problems you would like the clinic to know about?", LONG_TEXT,
            max_length=2000, help="You may leave this empty.",
        ),
    ),
)
