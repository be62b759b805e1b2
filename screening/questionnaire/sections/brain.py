"""Section: seizures, psychosis, bipolar, dissociation and pressure in the head or eyes, which change how
ketamine is planned and watched (R-SEIZ, R-PSY, R-BIP, R-DISS, R-ICP)."""

from ..choices import HOW_LONG_AGO, YES_NO_NOT_SURE
from ..model import CHOICE, Question, Section, is_

SECTION = Section(
    id="brain",
    title="Brain and mind",
    intro="Many people have had some of these. Your answers help the clinic plan your care.",
    questions=(
        Question(
            "seizures", "Have you ever had a seizure, or been told you have epilepsy?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="A seizure is a sudden burst of brain activity. It can cause shaking or blank spells.",
        ),
        Question(
            "seizure_last", "When was your last seizure?", CHOICE, options=HOW_LONG_AGO,
            show_when=is_("seizures", "yes"),
        ),
        Question(
            "psychosis",
            "Have you ever heard or seen things that other people did not, or lost touch with what was real?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="Doctors call this psychosis. Seeing or hearing things others do not is called hallucinations.",
        ),
        Question(
            "schizophrenia",
            "Has a doctor ever told you that you have schizophrenia or schizoaffective disorder?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="These are long-term conditions that change how a person thinks and senses what is real.",
        ),
        Question(
            "mania",
            "Have you ever had days when you felt very high, wired or full of energy and needed much less sleep?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="Doctors call this mania. When it is milder, they call it hypomania.",
        ),
        Question(
            "bipolar", "Has a doctor ever told you that you have bipolar disorder?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Bipolar disorder means moods that swing from very low to very high.",
        ),
        Question(
            "dissociation",
            "Have you ever had times when you felt unreal, or as if you were outside your body?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="Doctors call this dissociation. It can feel like being in a dream.",
        ),
        Question(
            "anaesthesia_reaction", "Have you ever had a bad reaction to anesthesia or to ketamine?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Anesthesia is a medicine used for surgery. It puts you to sleep or numbs you.",
        ),
        Question(
            "head_injury", "Have you ever had a head injury that made you pass out?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Passing out means losing consciousness, even for a short time.",
        ),
        Question(
            "intracranial_pressure", "Has a doctor ever told you that you have raised pressure inside your head?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="Doctors may call this high intracranial pressure. It means high pressure in the skull.",
        ),
        Question(
            "glaucoma", "Has a doctor ever told you that you have glaucoma or high pressure in your eyes?",
            CHOICE, options=YES_NO_NOT_SURE,
            help="Glaucoma is an eye disease. It is often linked to high pressure inside the eye.",
        ),
        Question(
            "eye_surgery_planned", "Do you have eye surgery planned?", CHOICE, options=YES_NO_NOT_SURE,
        ),
    ),
)
