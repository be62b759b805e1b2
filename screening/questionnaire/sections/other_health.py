"""Section: other health, one page for what the brain, mind, body, allergies and pregnancy questions need
(R-SEIZ, R-ICP, R-PSY, R-BIP, R-DISS, R-LIVER, R-BLADDER, R-THYROID, R-RESP, R-ALLERGY, R-PREG, R-WEIGHT).

In the order a patient expects: conditions (head and eyes after the heart page's blood vessels, then the mind, then
the rest of the body), allergies, then sex at birth, pregnancy, height and weight, and anything else last. Five gate
questions name the conditions, in the same plain words as the questions they stand for; each condition's own
question (its stable id, read by the rules) follows only after "Yes" or "Not sure". The allergy and reaction to
anesthesia or ketamine (R-ALLERGY, a label contraindication; R-DISS), asked of everyone, and pregnancy, planning and
breastfeeding (the esketamine label, R-PREG) are gates with a forced Yes, No or Not sure. Sex at birth comes right
before pregnancy and sets the AUDIT-C cut-off (R-SUD); the pregnancy gate is asked unless it is "Male" (female,
intersex, "I would rather not say" and no answer all get it: when in doubt, ask)."""

from ..choices import HOW_LONG_AGO, NO, UNSURE, YES, YES_NO_NOT_SURE
from ..model import CHOICE, DECIMAL, LONG_TEXT, NOT_SURE, TEXT, Option, Question, Section, is_, none_of

MIND_LISTED = is_("mind_any", "yes", NOT_SURE)
HEAD_LISTED = is_("head_any", "yes", NOT_SURE)
BODY_LISTED = is_("body_any", "yes", NOT_SURE)
ANESTHESIA_LISTED = is_("anesthesia_any", "yes", NOT_SURE)
PREGNANCY_LISTED = is_("pregnancy_any", "yes", NOT_SURE)
# Everyone but a patient who says "Male" to sex at birth, so no answer (or "rather not say") still asks.
MAY_BE_PREGNANT = none_of(is_("sex_at_birth", "male"))
DOES_NOT_APPLY = Option("does_not_apply", "This does not apply to me")

SECTION = Section(
    id="other_health",
    title="Other health",
    questions=(
        Question(
            "head_any",
            "Have you ever had any of these? A seizure or epilepsy; a head injury that made you pass out; raised "
            "pressure inside your head; glaucoma or high eye pressure. Or is eye surgery planned?",
            CHOICE, options=YES_NO_NOT_SURE,
        ),
        Question(
            "seizures", "Have you ever had a seizure, or been told you have epilepsy?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="A seizure can cause shaking or blank spells.",
            show_when=HEAD_LISTED,
        ),
        Question(
            "seizure_last", "When was your last seizure?", CHOICE, options=HOW_LONG_AGO,
            show_when=is_("seizures", "yes"),
        ),
        Question(
            "head_injury", "Have you ever had a head injury that made you pass out?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Even for a short time.",
            show_when=HEAD_LISTED,
        ),
        Question(
            "intracranial_pressure", "Has a doctor ever said you have raised pressure inside your head?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="Doctors may call this high intracranial pressure. It means high pressure in the skull.",
            show_when=HEAD_LISTED,
        ),
        Question(
            "glaucoma", "Has a doctor ever said you have glaucoma or high pressure in your eyes?",
            CHOICE, options=YES_NO_NOT_SURE,
            show_when=HEAD_LISTED,
        ),
        Question(
            "eye_surgery_planned", "Do you have eye surgery planned?", CHOICE, options=YES_NO_NOT_SURE,
            show_when=HEAD_LISTED,
        ),
        Question(
            "mind_any",
            "Have you ever had any of these? Seeing or hearing things other people did not; days of feeling very "
            "high or wired, needing much less sleep; feeling unreal or outside your body; or a doctor saying you "
            "have schizophrenia or bipolar disorder.",
            CHOICE, options=YES_NO_NOT_SURE,
        ),
        Question(
            "psychosis",
            "Have you ever heard or seen things that other people did not, or lost touch with what was real?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="Doctors call this psychosis.",
            show_when=MIND_LISTED,
        ),
        Question(
            "schizophrenia",
            "Has a doctor ever said you have schizophrenia or schizoaffective disorder?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="Long-term conditions that change how a person senses what is real.",
            show_when=MIND_LISTED,
        ),
        Question(
            "mania",
            "Have you ever had days when you felt very high, wired or full of energy and needed much less sleep?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="Doctors call this mania. When it is milder, they call it hypomania.",
            show_when=MIND_LISTED,
        ),
        Question(
            "bipolar", "Has a doctor ever said you have bipolar disorder?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Moods that swing from very low to very high.",
            show_when=MIND_LISTED,
        ),
        Question(
            "dissociation",
            "Have you ever had times when you felt unreal, or as if you were outside your body?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="Doctors call this dissociation. It can feel like being in a dream.",
            show_when=MIND_LISTED,
        ),
        Question(
            "body_any",
            "Has a doctor ever said you have any of these? Liver problems (such as cirrhosis or hepatitis), kidney "
            "problems, an overactive thyroid, bladder or urinary problems, sleep apnea, or COPD, asthma or other "
            "breathing problems.",
            CHOICE, options=YES_NO_NOT_SURE,
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
            "thyroid_overactive", "Has a doctor ever said you have an overactive thyroid?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Also called hyperthyroidism. Your thyroid makes too much hormone.",
            show_when=BODY_LISTED,
        ),
        Question(
            "thyroid_treated", "Is it being treated now?", CHOICE, options=YES_NO_NOT_SURE,
            show_when=is_("thyroid_overactive", "yes"),
        ),
        Question(
            "bladder", "Have you had bladder or urinary problems, such as pain or needing to go often?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Also bladder infections that keep coming back, or bladder pain that lasts.",
            show_when=BODY_LISTED,
        ),
        Question(
            "sleep_apnea", "Has a doctor ever said you have sleep apnea?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Breathing that stops and starts in your sleep.",
            show_when=BODY_LISTED,
        ),
        Question(
            "breathing", "Do you have COPD, asthma or other breathing problems?", CHOICE, options=YES_NO_NOT_SURE,
            help="COPD is a long-term lung disease.",
            show_when=BODY_LISTED,
        ),
        Question(
            "anesthesia_any",
            "Have you ever had an allergy or a bad reaction to ketamine, esketamine or anesthesia?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="Medicines that put you to sleep or numb you for surgery.",
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
            help="Such as medicines, foods or latex. Leave empty if none.",
        ),
        Question(
            "sex_at_birth", "What sex were you assigned at birth?", CHOICE, required=False,
            options=(
                Option("female", "Female"),
                Option("male", "Male"),
                Option("intersex", "Intersex"),
                Option("prefer_not_to_say", "I would rather not say"),
            ),
            help="It changes how the alcohol answers are scored, and if we ask about pregnancy.",
        ),
        Question(
            "pregnancy_any",
            "Are you pregnant, or could you be? Are you planning to become pregnant in the next few months? Or are "
            "you breastfeeding or nursing a baby now?",
            CHOICE, options=YES_NO_NOT_SURE,
            help='If none of these fits you, choose "No".',
            show_when=MAY_BE_PREGNANT,
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
        Question(
            "height_cm", "Your height", DECIMAL, required=False, min_value=50, max_value=250, unit="cm",
            help="If you know it.",
        ),
        Question(
            "weight_kg", "Your weight", DECIMAL, required=False, min_value=20, max_value=350, unit="kg",
            help="If you know it.",
        ),
        Question(
            "other_conditions", "Any other health problems the clinic should know about?", LONG_TEXT,
            max_length=2000, help="You can skip this.",
        ),
    ),
)
