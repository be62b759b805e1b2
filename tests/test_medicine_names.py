"""Medicines typed in the patient's own words are matched to the checklist's classes (R-MED): common generic and
brand names of every class in the clinical reference, misspellings, two-word names, and words that are not drugs."""

import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from answer_sets import nothing_of_note
from helpers import is_checked, shown_on

from screening.intake import store as intake_store
from screening.models import Intake, db
from screening.questionnaire import QUESTIONS
from screening.rules import drug_library, evaluate, medicine_names
from screening.rules.medicine_names import BRANDS, CLASSES, classes_named, find_drugs

# (typed, the classes it names: option values of the medicines checklist, space-separated; "-" for none)
TYPED = [
    # Benzodiazepines
    ("lorazepam 1 mg at night", "benzodiazepines"), ("Xanax as needed", "benzodiazepines"),
    ("Klonopin", "benzodiazepines"), ("valium", "benzodiazepines"), ("Ativan 0.5mg", "benzodiazepines"),
    # Lamotrigine and other seizure medicines
    ("lamictal 200mg", "anticonvulsants"), ("gabapentin", "anticonvulsants"), ("topiramate", "anticonvulsants"),
    ("Depakote ER", "anticonvulsants"), ("Tegretol", "anticonvulsants"),
    # MAOIs
    ("Nardil", "maoi"), ("selegiline", "maoi"), ("Emsam patch", "maoi"), ("tranylcypromine", "maoi"),
    # Stimulants
    ("Adderall XR 20", "stimulants"), ("Ritalin", "stimulants"), ("modafinil", "stimulants"),
    ("Provigil", "stimulants"), ("Vyvanse", "stimulants"), ("Mydayis", "stimulants"),
    # Opioids
    ("oxycodone", "opioids"), ("Percocet", "opioids"), ("tramadol", "opioids"), ("Tylenol 3", "opioids"),
    ("MS Contin", "opioids"), ("Norco", "opioids"),
    # Sleeping pills and other calming medicines
    ("Ambien", "sleep_medicines"), ("zolpidem", "sleep_medicines"), ("hydroxyzine", "sleep_medicines"),
    ("Lunesta", "sleep_medicines"),
    # Naltrexone
    ("Vivitrol", "naltrexone"), ("naltrexone 50 mg", "naltrexone"), ("Contrave", "naltrexone antidepressants"),
    # Buprenorphine or methadone
    ("Suboxone", "buprenorphine_methadone"), ("methadone", "buprenorphine_methadone"),
    ("Zubsolv", "buprenorphine_methadone"), ("Sublocade", "buprenorphine_methadone"),
    # Blood-pressure medicines
    ("lisinopril", "blood_pressure"), ("amlodipine", "blood_pressure"), ("metoprolol", "blood_pressure"),
    ("Toprol XL", "blood_pressure"), ("losartan", "blood_pressure"), ("Exforge", "blood_pressure"),
    # Memantine, dextromethorphan and other NMDA-acting medicines
    ("Namenda", "nmda"), ("dextromethorphan", "nmda"), ("Nuedexta", "nmda"), ("Namzaric", "nmda"),
    ("Auvelity", "nmda"), ("Robitussin DM", "nmda"),
    # Antidepressants (a class of the checklist, with no topic of its own)
    ("sertraline 100 mg", "antidepressants"), ("trazodone 50", "antidepressants"),
    ("wellbutrin XL 300", "antidepressants"),
    # Several in one list
    ("Lorazepam 1 mg, lamotrigine 100 mg, phenelzine 15 mg, methylphenidate 10 mg",
     "benzodiazepines anticonvulsants maoi stimulants"),
    # Not in any class
    ("Seroquel 50 at bedtime", "-"), ("vitamin D, fish oil, melatonin", "-"), ("none", "-"), ("Mucinex", "-"),
    ("multivitamin, birth control, inhaler; systolic around 120 at the concert", "-"),
    ("I need a blood pressure review, the pressure is high", "-"),
]

# Misspellings the matcher reads (one edit, or two in a long name; a swap of two letters is one edit)
MISSPELT = [
    ("lorazepan", "benzodiazepines"), ("clonazapam", "benzodiazepines"), ("xanex", "benzodiazepines"),
    ("klonipin", "benzodiazepines"), ("lamotrigene", "anticonvulsants"), ("gabapenton", "anticonvulsants"),
    ("adderal", "stimulants"), ("vyvance", "stimulants"), ("ritalen", "stimulants"), ("percoset", "opioids"),
    ("tramadal", "opioids"), ("oxycodon", "opioids"), ("zolpidam", "sleep_medicines"),
    ("ambian", "sleep_medicines"), ("lisinipril", "blood_pressure"), ("amlodopine", "blood_pressure"),
    ("metoprolal", "blood_pressure"), ("namenta", "nmda"), ("sertaline", "antidepressants"),
    ("wellbutran", "antidepressants"),
]


@pytest.mark.parametrize(("typed", "expected"), TYPED + MISSPELT)
def test_typed_medicine_names_are_matched_to_their_class(typed, expected):
    assert set(classes_named(typed)) == (set() if expected == "-" else set(expected.split()))


def test_the_names_are_shown_as_typed_and_a_misspelling_says_how_it_was_read():
    assert classes_named("Xanax and lorazepan") == {"benzodiazepines": ("Xanax", "lorazepan (read as lorazepam)")}


def test_a_name_in_a_part_that_says_it_was_stopped_is_shown_with_that_part_in_the_patients_words():
    assert classes_named("lorazepam 1 mg, stopped sertraline in May") == {
        "benzodiazepines": ("lorazepam",), "antidepressants": ("\u201cstopped sertraline in May\u201d",)}
    assert classes_named("used to take xanex. Now nothing") == {
        "benzodiazepines": ("\u201cused to take xanex\u201d (xanex read as alprazolam)",)}
    assert classes_named("allergic to codeine; tramadol 50 mg for pain") == {
        "opioids": ("\u201callergic to codeine\u201d", "tramadol")}


def test_only_words_that_say_not_now_quote_the_part_and_a_long_part_is_cut():
    assert classes_named("Xanax 0.5 mg, not sure of the dose") == {"benzodiazepines": ("Xanax",)}
    long = "I stopped taking Xanax two years ago because it made me far too sleepy at work"
    assert classes_named(long) == {
        "benzodiazepines": ("\u201cI stopped taking Xanax two years ago because it made\u2026\u201d",)}


def test_a_medicine_written_as_stopped_still_raises_its_topic_for_the_clinician_to_ask():
    answers = {**nothing_of_note(), "medicine_classes": ["none"], "medicines_list": "stopped Xanax last year"}
    flags = {flag.rule_id: flag for flag in evaluate(answers, date(2026, 11, 20))}
    assert [item.answer for item in flags["R-MED-BENZODIAZEPINES"].evidence] == ["\u201cstopped Xanax last year\u201d"]


def test_every_class_of_the_reference_has_names_in_the_table_and_in_the_test():
    reference_classes = {"benzodiazepines", "anticonvulsants", "maoi", "stimulants", "opioids", "sleep_medicines",
                         "naltrexone", "buprenorphine_methadone", "blood_pressure", "nmda"}
    assert reference_classes <= set(CLASSES)
    tested = {option for _, expected in TYPED + MISSPELT for option in expected.split()}
    assert reference_classes <= tested


def test_every_brand_of_our_own_stands_for_a_generic_the_library_knows():
    for brand, generic in BRANDS.items():
        assert find_drugs(generic.split()), (brand, generic)


def test_nothing_typed_names_nothing():
    assert classes_named("") == {} and classes_named(None) == {} and classes_named("   ") == {}


def test_a_medicine_typed_but_not_ticked_raises_its_topic_from_the_patients_own_words():
    answers = {**nothing_of_note(), "medicine_classes": ["none"], "medicines_list": "lorazepam 1 mg at night"}
    flags = {flag.rule_id: flag for flag in evaluate(answers, date(2026, 11, 20))}
    flag = flags["R-MED-BENZODIAZEPINES"]
    assert [(item.question_id, item.answer, item.own_words) for item in flag.evidence] == [
        ("medicines_list", "lorazepam", True)
    ]
    assert flag.as_dict()["evidence"][0]["own_words"] is True
    assert "R-MED-OPIOIDS" not in flags


def test_after_none_of_these_the_list_is_still_asked_says_why_and_a_name_typed_there_counts(app, patient, answers):
    medicines = {**answers["medicines"], "medicine_classes": ["none"], "medicines_list": "lorazepam 1 mg at night"}
    patient.complete({**answers, "medicines": medicines})
    page = patient.page("medicines").text
    assert is_checked(page, "medicine_classes", "none") and "medicines_list" in shown_on(page)
    label = QUESTIONS["medicines_list"].label
    assert label.endswith("even ones not named above") and f'<label for="medicines_list">{label}</label>' in page
    with app.app_context():
        stored = intake_store.answers_of(db.session.execute(db.select(Intake)).scalar_one())
    assert "R-MED-BENZODIAZEPINES" in {flag.rule_id for flag in evaluate(stored, date(2026, 11, 20))}


def test_a_ticked_class_quotes_only_its_own_option_not_the_whole_checklist():
    answers = {**nothing_of_note(), "medicine_classes": ["benzodiazepines", "opioids", "maoi"]}
    flags = {flag.rule_id: flag for flag in evaluate(answers, date(2026, 11, 20))}
    [quoted] = [item.answer for item in flags["R-MED-OPIOIDS"].evidence]
    assert quoted.startswith("Opioid pain medicines") and "Benzodiazepines" not in quoted and "MAOI" not in quoted


def test_reading_typed_medicines_leaves_the_drug_name_library_out_of_the_app_process():
    """The library's 350 MB are loaded in a child process that ends; each web process keeps only its names."""
    assert classes_named("Xanax 0.5 mg") == {"benzodiazepines": ("Xanax",)}
    assert "drug_named_entity_recognition" not in sys.modules


def test_parallel_first_reads_start_one_child_process(monkeypatch):
    children = []

    def counted():
        children.append(threading.get_ident())
        return drug_library.read_in_child()

    monkeypatch.setattr(medicine_names, "_names", None)
    monkeypatch.setattr(medicine_names, "read_in_child", counted)
    medicine_names._classes_named.cache_clear()
    typed = [f"lorazepam {dose} mg" for dose in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        read = list(pool.map(classes_named, typed))
    assert len(children) == 1
    assert all(classes == {"benzodiazepines": ("lorazepam",)} for classes in read)
