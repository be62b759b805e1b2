"""Section: seizures, psychosis, bipolar, dissociation and pressure in the head or eyes, which change how
ketamine is planned and watched (R-SEIZ, R-PSY, R-BIP, R-DISS, R-ICP).

Two gate questions name the conditions, in the same plain words as the questions they stand for: one for the mind
(R-PSY, R-BIP and the dissociation of R-DISS), one for the head and eyes (R-SEIZ, R-ICP). Each condition's own
question (its stable id, read by the rules) follows only after "Yes" or "Not sure". A bad reaction to
anesthesia or ketamine is asked with the allergy to it, on the other-health page."""

from ..choices import HOW_LONG_AGO, YES_NO_NOT_SURE
from ..model import CHOICE, NOT_SURE, Question, Section, is_

MIND_LISTED = is_("mind_any", "yes", NOT_SURE)
HEAD_LISTED = is_("head_any", "yes", NOT_SURE)

SECTION = Section(
    id="brain",
    title="Brain and mind",
    intro="Many people have had some of these. Your answers help the clinic plan your care.",
    questions=(
        Question(
            "mind_any",
            "Have you ever had any of these? Seeing or hearing things other people did not; days of feeling very "
            "high or wired and needing much less sleep; feeling unreal or outside your body; or a doctor telling you "
            "that you have schizophrenia or bipolar disorder.",
            CHOICE, options=YES_NO_NOT_SURE,
            help='If you answer "Yes" or "Not sure", we ask about each one.',
        ),
        Question(
            "psychosis",
            "Have you ever heard or seen things that other people did not, or lost touch with what was real?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="Doctors call this psychosis. Seeing or hearing things others do not is called hallucinations.",
            show_when=MIND_LISTED,
        ),
        Question(
            "schizophrenia",
            "Has a doctor ever told you that you have schizophrenia or schizoaffective disorder?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="These are long-term conditions that change how a person thinks and senses what is real.",
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
            "bipolar", "Has a doctor ever told you that you have bipolar disorder?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Bipolar disorder means moods that swing from very low to very high.",
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
            "head_any",
            "Have you ever had any of these? A seizure or epilepsy; a head injury that made you pass out; raised "
            "pressure inside your head; glaucoma or high pressure in your eyes. Or do you have eye surgery planned?",
            CHOICE, options=YES_NO_NOT_SURE,
            help='If you answer "Yes" or "Not sure", we ask about each one.',
        ),
        Question(
            "seizures", "Have you ever had a seizure, or been told you have epilepsy?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="A seizure is a sudden burst of brain activity. It can cause shaking or blank spells.",
            show_when=HEAD_LISTED,
        ),
        Question(
            "seizure_last", "When was your last seizure?", CHOICE, options=HOW_LONG_AGO,
            show_when=is_("seizures", "yes"),
        ),
        Question(
            "head_injury", "Have you ever had a head injury that made you pass out?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Passing out means losing consciousness, even for a short time.",
            show_when=HEAD_LISTED,
        ),
        Question(
            "intracranial_pressure", "Has a doctor ever told you that you have raised pressure inside your head?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="Doctors may call this high intracranial pressure. It means high pressure in the skull.",
            show_when=HEAD_LISTED,
        ),
        Question(
            "glaucoma", "Has a doctor ever told you that you have glaucoma or high pressure in your eyes?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="Glaucoma is an eye disease. It is often linked to high pressure inside the eye.",
            show_when=HEAD_LISTED,
        ),
        Question(
            "eye_surgery_planned", "Do you have eye surgery planned?", CHOICE, options=YES_NO_NOT_SURE,
            show_when=HEAD_LISTED,
        ),
    ),
)
