"""Section: medicines taken now, by class, because some change how ketamine acts or add to its effects (R-MED).

The one medicines question: it also holds the medicines for alcohol or drug use (R-SUD-HISTORY) and for blood
pressure (the heart page no longer asks about treatment)."""

from ..choices import UNSURE
from ..model import LONG_TEXT, MULTI, Option, Question, Section

SECTION = Section(
    id="medicines",
    title="Medicines you take now",
    intro="Some medicines work differently with ketamine. Include any you take only sometimes.",
    questions=(
        Question(
            "medicine_classes", "Do you take any of these medicines now?", MULTI, required=True,
            help="Choose all that apply.",
            options=(
                Option("benzodiazepines", "Benzodiazepines, for anxiety or sleep (lorazepam, clonazepam, "
                       "alprazolam, diazepam)"),
                Option("anticonvulsants", "Lamotrigine or other seizure medicines, even if you take them for "
                       "mood or pain"),
                Option("maoi", "MAOI antidepressants (phenelzine, tranylcypromine, selegiline)"),
                Option("stimulants", "Stimulants, for ADHD or sleepiness (amphetamine, methylphenidate, "
                       "modafinil, armodafinil)"),
                Option("opioids", "Opioid pain medicines (oxycodone, hydrocodone, morphine, tramadol)"),
                Option("sleep_medicines", "Sleeping pills or other calming medicines (zolpidem, eszopiclone, "
                       "hydroxyzine)"),
                Option("naltrexone", "Naltrexone (Vivitrol, Revia), at any dose"),
                Option("buprenorphine_methadone", "Buprenorphine or methadone (Suboxone, Sublocade)"),
                Option("other_substance_use", "Another medicine for alcohol or drug use (acamprosate, disulfiram)"),
                Option("blood_pressure", "Blood pressure medicines (lisinopril, amlodipine, losartan, "
                       "metoprolol)"),
                Option("nmda", "Memantine or dextromethorphan (Namenda, Auvelity, cough medicines marked DM)"),
                Option("antidepressants", "An antidepressant (sertraline, fluoxetine, escitalopram, bupropion, "
                       "venlafaxine)"),
                Option("none", "None of these"),
                UNSURE,
            ),
        ),
        Question(
            "medicines_list", "List every medicine you take, with the dose if you know it", LONG_TEXT,
            max_length=2000,
            help="Also add vitamins, herbs and medicines you buy at a store.",
        ),
    ),
)
