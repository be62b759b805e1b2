"""Section: medicines taken now, by class, because some change how ketamine acts or add to its effects (R-MED); then
a ride home and someone to call, because patients cannot drive after a dose and ketamine is paired with support
(R-RIDE, R-SUPPORT). One page (issue 15): the last things to settle before the visit. A therapist now is asked with
the talk therapy it follows (reasons page).

The one medicines question: it also holds the medicines for alcohol or drug use (R-SUD-HISTORY) and for blood
pressure (the heart page no longer asks about treatment).

The typed list is asked after "None of these" too, and says why: the checklist names only some medicines, a
patient may not know a medicine's kind, and a name typed there still raises its topic (rules/medicine_names.py)."""

from ..choices import UNSURE, YES_NO_NOT_SURE
from ..model import CHOICE, LONG_TEXT, MULTI, PHONE, TEXT, Option, Pair, Question, Section, is_

SECTION = Section(
    id="medicines",
    title="Medicines and your visit",
    intro="Some medicines work differently with ketamine. Include any you take only sometimes.",
    pairs=(Pair("support_person_name", "support_person_phone", "The person you can call"),),
    questions=(
        Question(
            "medicine_classes", "Do you take any of these medicines now?", MULTI, required=True,
            help="Choose all that apply.",
            options=(
                Option("benzodiazepines", "Benzodiazepines, for anxiety or sleep (lorazepam, clonazepam, "
                       "alprazolam)"),
                Option("anticonvulsants", "Lamotrigine or other seizure medicines, even if taken for mood or pain"),
                Option("maoi", "MAOI antidepressants (phenelzine, tranylcypromine, selegiline)"),
                Option("stimulants", "Stimulants, for ADHD or sleepiness (amphetamine, methylphenidate, "
                       "modafinil)"),
                Option("opioids", "Opioid pain medicines (oxycodone, hydrocodone, tramadol)"),
                Option("sleep_medicines", "Sleeping pills or other calming medicines (zolpidem, hydroxyzine)"),
                Option("naltrexone", "Naltrexone (Vivitrol, Revia), at any dose"),
                Option("buprenorphine_methadone", "Buprenorphine or methadone (Suboxone, Sublocade)"),
                Option("other_substance_use", "Another medicine for alcohol or drug use (acamprosate, disulfiram)"),
                Option("blood_pressure", "Blood pressure medicines (lisinopril, amlodipine, metoprolol)"),
                Option("nmda", "Memantine or dextromethorphan (Namenda, Auvelity, cough medicines marked DM)"),
                Option("antidepressants", "An antidepressant (sertraline, fluoxetine, bupropion, venlafaxine)"),
                Option("none", "None of these"),
                UNSURE,
            ),
        ),
        Question(
            "medicines_list", "List every medicine you take, even ones not named above", LONG_TEXT,
            max_length=2000,
            help="With the dose if you know it. Also add vitamins, herbs and medicines you buy at a store.",
        ),
        Question(
            "ride_home", "Can someone take you home after each visit?", CHOICE, options=YES_NO_NOT_SURE,
            help="After each visit you cannot drive until the next day, after a night's sleep.",
        ),
        Question(
            "support_person", "Is there someone you can call if you feel worse?", CHOICE, options=YES_NO_NOT_SURE,
            help="A friend, family member or anyone you trust.",
        ),
        Question(
            "support_person_name", "Their name, and how you know them", TEXT, max_length=120, required=False,
            help='For example "Sam, my sister".', show_when=is_("support_person", "yes"),
        ),
        Question(
            "support_person_phone", "Their phone number", PHONE, max_length=30, required=False,
            show_when=is_("support_person", "yes"),
        ),
    ),
)
