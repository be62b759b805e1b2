"""Section: blood pressure, heart and blood-vessel history, because ketamine raises blood pressure and
heart rate for a while (R-BP, R-CARD, R-VASC).

Two gate questions name every condition of R-CARD and of R-VASC; each condition's own question (its stable id,
read by the rules) follows only after "Yes" or "Not sure". R-VASC has its own gate, not a place in the heart
list: its conditions are a label contraindication and are not heart problems a patient would file under "heart".

One question asks when the last reading was, with "I don't know my last reading" as an answer; the numbers follow
only when a reading is known. Blood-pressure medicines are ticked on the medicines page (medicines.py)."""

from ..choices import UNSURE, YES_NO_NOT_SURE
from ..model import CHOICE, INTEGER, MULTI, NOT_SURE, Option, Pair, Question, Section, is_

NO_READING = "dont_know"
READING_WHEN = (
    Option("past_week", "In the last week"),
    Option("past_month", "In the last month"),
    Option("past_6_months", "In the last 6 months"),
    Option("longer_ago", "Longer ago"),
    Option(NOT_SURE, "I know the numbers, but not when"),
    Option(NO_READING, "I don't know my last reading"),
)
# The numbers are asked once the patient knows a reading: any answer to "when" but "I don't know my last reading".
READING_KNOWN = is_("bp_reading_when", *(option.value for option in READING_WHEN if option.value != NO_READING))

HEART_LISTED = is_("heart_any", "yes", NOT_SURE)
VESSELS_LISTED = is_("vessel_any", "yes", NOT_SURE)

SECTION = Section(
    id="heart",
    title="Heart and blood pressure",
    pairs=(Pair("bp_systolic", "bp_diastolic", "Your last blood pressure reading", ("Top number", "Bottom number")),),
    questions=(
        Question(
            "bp_diagnosed", "Has a doctor ever said you have high blood pressure (hypertension)?", CHOICE,
            options=YES_NO_NOT_SURE,
        ),
        Question(
            "bp_controlled", "Is it under control now?", CHOICE, options=YES_NO_NOT_SURE,
            help="Mostly where your doctor wants it.",
            show_when=is_("bp_diagnosed", "yes"),
        ),
        Question(
            "bp_reading_when", "When was your last blood pressure reading?", CHOICE, options=READING_WHEN,
            help="Two numbers, like 120/80, from a doctor, pharmacy or home.",
        ),
        Question(
            "bp_systolic", "Top number of your blood pressure", INTEGER, required=True,
            min_value=60, max_value=260, unit="mmHg",
            show_when=READING_KNOWN,
        ),
        Question(
            "bp_diastolic", "Bottom number of your blood pressure", INTEGER, required=True,
            min_value=30, max_value=160, unit="mmHg",
            show_when=READING_KNOWN,
        ),
        Question(
            "heart_any",
            "Has a doctor ever said you have any of these? Heart attack, angina, stents or bypass, irregular "
            "heartbeat, heart failure, valve disease, stroke or mini-stroke (TIA).",
            CHOICE, options=YES_NO_NOT_SURE,
        ),
        Question(
            "heart_attack", "Have you ever had a heart attack?", CHOICE, options=YES_NO_NOT_SURE,
            show_when=HEART_LISTED,
        ),
        Question(
            "angina", "Have you ever had chest pain that a doctor called angina?", CHOICE, options=YES_NO_NOT_SURE,
            show_when=HEART_LISTED,
        ),
        Question(
            "heart_stent_bypass", "Have you ever had a stent or bypass surgery for your heart?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Ways to open a blocked blood vessel in the heart.",
            show_when=HEART_LISTED,
        ),
        Question(
            "arrhythmia", "Has a doctor ever said you have an irregular heartbeat?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Too fast, too slow or out of rhythm. Doctors call it arrhythmia. One kind is AFib.",
            show_when=HEART_LISTED,
        ),
        Question(
            "heart_failure", "Has a doctor ever said you have heart failure?", CHOICE,
            options=YES_NO_NOT_SURE, help="The heart does not pump as well as it should.",
            show_when=HEART_LISTED,
        ),
        Question(
            "valve_disease", "Has a doctor ever said you have a problem with a heart valve?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="Valves are small doors that keep blood flowing the right way.",
            show_when=HEART_LISTED,
        ),
        Question(
            "stroke", "Have you ever had a stroke or a mini-stroke (TIA)?", CHOICE, options=YES_NO_NOT_SURE,
            help="In a mini-stroke, the signs go away within a day.",
            show_when=HEART_LISTED,
        ),
        Question(
            "vessel_any",
            "Has a doctor ever said you have any of these? An aneurysm (a bulge in a blood vessel), an AVM (a "
            "tangle of blood vessels), or bleeding in the brain.",
            CHOICE, options=YES_NO_NOT_SURE,
        ),
        Question(
            "aneurysm", "Has a doctor ever said you have an aneurysm?", CHOICE, options=YES_NO_NOT_SURE,
            show_when=VESSELS_LISTED,
        ),
        Question(
            "aneurysm_where", "Where is the aneurysm?", MULTI,
            help="Choose all that apply. The aorta is the body's main blood vessel.",
            options=(
                Option("brain", "In the brain"),
                Option("chest_aorta", "In the chest (aorta)"),
                Option("belly_aorta", "In the belly (aorta)"),
                Option("other_artery", "In another blood vessel"),
                UNSURE,
            ),
            show_when=is_("aneurysm", "yes"),
        ),
        Question(
            "avm", "Has a doctor ever said you have an AVM (a tangle of blood vessels)?", CHOICE,
            options=YES_NO_NOT_SURE,
            help="AVM stands for arteriovenous malformation. It is often in the brain or spine.",
            show_when=VESSELS_LISTED,
        ),
        Question(
            "brain_bleed", "Have you ever had bleeding in the brain?", CHOICE, options=YES_NO_NOT_SURE,
            help="Doctors may call this a brain hemorrhage.",
            show_when=VESSELS_LISTED,
        ),
    ),
)
