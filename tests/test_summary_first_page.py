"""Page 1 of the clinician's summary carries what a psychiatrist reads in 30 seconds (issue 14): who, every topic
on a line with its key facts, the scores, medicines, allergies, ride home and support; the details follow.
Read back from the real PDF with pypdf."""

import dataclasses
import io
import json
import re
from datetime import UTC, date, datetime

import pytest
from answer_sets import everything_positive, nothing_of_note, unsure_and_high
from pypdf import PdfReader

from screening.models import Intake, db
from screening.questionnaire import QUESTIONS
from screening.questionnaire.answers import check_answers
from screening.questionnaire.answers_format import GATES
from screening.questionnaire.burden import WORD, typical_patient
from screening.rules import CATALOGUE, evaluate
from screening.rules.catalogue import RECOVERY_MEDICINES
from screening.rules.key_facts import RECOVERY_NAMES
from screening.summary.content import CLASS_NAMES, build_summary
from screening.summary.pdf import render_pdf

SUBMITTED = datetime(2026, 11, 20, 14, 30, tzinfo=UTC)
SMALLEST_PT = 9
# The developers' guide: page 1 readable in 30 seconds, at 238 words a minute (bench_clinician_reading.py).
THIRTY_SECONDS_OF_WORDS = 30 * 238 // 60


def summary_of(answers: dict):
    return build_summary(check_answers(answers, SUBMITTED.date()), SUBMITTED, today=SUBMITTED.date())


def pages_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def typical() -> dict:
    """A few topics to discuss: a high reading, no ride home, a benzodiazepine, some drinking."""
    return {**nothing_of_note(), "bp_systolic": 152, "bp_diastolic": 94, "ride_home": "no",
            "medicine_classes": ["benzodiazepines"], "medicines_list": "Clonazepam 0.5 mg twice a day",
            "auditc_1": "2_to_3_a_week", "auditc_2": "3_or_4", "auditc_3": "monthly", "sex_at_birth": "female"}


PREGNANCY_NO = {"pregnancy_any": "yes", "pregnant": "no", "planning_pregnancy": "no", "breastfeeding": "no"}


def typical_with_typed_medicines() -> dict:
    """Four topics to discuss and one note: a reading on treatment not under control, could be pregnant, and
    medicines typed but not ticked."""
    return {**nothing_of_note(), **PREGNANCY_NO, "medicine_classes": ["none"], "pregnant": "maybe",
            "bp_diagnosed": "yes", "bp_controlled": "no", "bp_systolic": 168, "bp_diastolic": 102,
            "bp_reading_when": "past_week", "medicines_list": "lorazepam 1 mg at night, Xanex when anxious, lisinopril"}


@pytest.fixture(scope="module", params=["letter", "A4"])
def positive(request) -> list[str]:
    return pages_of(render_pdf(summary_of(everything_positive()), request.param))


def test_every_topic_of_the_longest_intake_is_on_page_one(positive):
    first = squeeze(positive[0])
    flags = evaluate(everything_positive(), SUBMITTED.date())
    assert len(flags) >= 35
    for flag in flags:
        assert squeeze(flag.title) in first, flag.title
    assert "continue on page 2" not in positive[0]


def test_every_page_still_has_the_identifiers_page_x_of_y_and_the_no_decision_sentence(positive):
    for number, text in enumerate(positive, start=1):
        assert "Maria-Dolores Fernández-Okonkwo · born 1 June 1950" in text
        assert f"Page {number} of {len(positive)}" in text
        assert "It makes no treatment decision." in " ".join(text.split())  # A4's narrower footer wraps it


def test_page_one_names_the_patient_with_age_visit_sent_and_phone(positive):
    first = positive[0]
    assert "Maria-Dolores Fernández-Okonkwo" in first
    assert "1 June 1950, age 76" in first
    assert "sent 20 November, 14:30 UTC" in first, "the year is said once, with the visit's"
    assert "+1 555 987 6543" in first


def test_page_one_has_the_scores_with_band_item_9_and_the_audit_c_cut_off(positive):
    first = positive[0]
    assert re.search(r"PHQ-9\s+27 of 27\s+severe; item 9: 3\n", first)
    assert "PHQ-9 item 9: 3 (nearly every day)" in first, "in words on the self-harm topic's line"
    assert re.search(r"GAD-7\s+21 of 21\s+severe", first)
    assert re.search(r"AUDIT-C\s+9 of 12\s+positive screen \(cut-off 3 for women\)", first)


def test_page_one_has_medicines_as_typed_and_ticked_allergies_ride_home_and_support(positive):
    first = squeeze(positive[0])
    assert squeeze("Medicines now: Lorazepam 1 mg, lamotrigine 100 mg, phenelzine 15 mg") in first
    assert squeeze("also ticked: antidepressant") in first
    assert squeeze("Allergies: ketamine or anesthetic: Rash after propofol; Penicillin") in first
    assert squeeze("Ride home: no · Therapist now: no · Support person: no") in first


def test_key_facts_follow_each_title_in_a_few_words(positive):
    first = squeeze(positive[0])
    assert squeeze("Blood pressure at or above 180/120 · 185/122 mmHg, in the last week; "
                   "on treatment; not under control") in first
    assert squeeze("Seizures or epilepsy · last seizure in the last year") in first
    assert squeeze("Takes a benzodiazepine · Lorazepam") in first


def test_page_one_shows_a_stopped_medicine_in_the_patients_words_beside_its_topic():
    answers = {**nothing_of_note(), "medicine_classes": ["none"],
               "medicines_list": "sertraline 100 mg, stopped Xanax last year"}
    first = squeeze(pages_of(render_pdf(summary_of(answers)))[0])
    assert squeeze("Takes a benzodiazepine · \u201cstopped Xanax last year\u201d") in first


def test_an_answer_that_begins_with_an_abbreviation_keeps_its_capitals_on_page_one():
    answers = {**nothing_of_note(), "drug_use_count": 3, "drugs_used": ["mdma", "cannabis"],
               "drugs_last_used": "past_month"}
    first = squeeze(pages_of(render_pdf(summary_of(answers)))[0])
    assert squeeze("Drug use in the past year · 3 times in the past year; MDMA, cannabis") in first


def test_one_antidepressant_listed_is_said_in_the_singular():
    one = {**nothing_of_note(), "treatments_tried": ["antidepressants"], "augmentation": "no",
           "antidepressants": [{"name": "Sertraline", "duration": "6_weeks_or_more", "helped": "no"}]}
    lines = {line.rule_id: line.facts for _, _, topic in summary_of(one).overview.topics for line in topic}
    assert lines["R-TRD"] == "1 antidepressant listed"


def test_the_longest_intake_is_at_most_8_pages_and_a_typical_one_at_most_3(positive):
    assert len(positive) <= 8
    for answers in (typical(), typical_with_typed_medicines(), nothing_of_note(), unsure_and_high()):
        assert len(pages_of(render_pdf(summary_of(answers)))) <= 3


def test_no_text_is_smaller_than_9_pt(positive):
    sizes = set()

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.add(size * (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5)

    for page in PdfReader(io.BytesIO(render_pdf(summary_of(everything_positive())))).pages:
        page.extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= SMALLEST_PT - 0.01, sorted(sizes)


def test_details_quote_only_the_checklist_options_that_raised_each_topic(positive):
    text = squeeze(" ".join(positive))
    # each option label is printed once for its own topic and once among every answer, not once per topic
    assert text.count(squeeze("MAOI antidepressants (phenelzine, tranylcypromine, selegiline)")) == 2
    assert text.count(squeeze("Stimulants, for ADHD or sleepiness")) == 2


def test_a_blood_pressure_reading_is_one_line_in_the_details(positive):
    details = squeeze(" ".join(positive[1:]))
    assert squeeze("Most recent blood pressure “185/122 mmHg”") in details


def test_antidepressant_trials_are_a_table_with_the_count_of_adequate_trials(positive):
    text = " ".join(positive)
    assert re.search(r"Sertraline\s+200 mg\s+6 weeks or more\s+No\s+Nausea", text)
    assert re.search(r"Venlafaxine\s+225 mg\s+6 weeks or more\s+A little", text)
    assert re.search(r"Bupropion\s+300 mg\s+2 to 5 weeks\s+Not sure", text)
    assert re.search(r"Adequate trials without response.*?:\s*2", text, re.DOTALL)


def test_details_come_after_page_one_in_the_same_order(positive):
    text = squeeze(" ".join(positive))
    details = text[text.index(squeeze("Each topic in detail")):]
    titles = [squeeze(flag.title) for flag in evaluate(everything_positive(), SUBMITTED.date())]
    positions = [details.index(title) for title in titles]
    assert positions == sorted(positions)
    assert details.index(squeeze("Every answer")) > positions[-1]
    assert details.index(squeeze("Clinician's notes")) > details.index(squeeze("Every answer"))


def test_not_known_is_never_printed_under_a_known_reading():
    text = " ".join(pages_of(render_pdf(summary_of(unsure_and_high()))))
    assert "not known" not in text
    assert "Blood pressure: not sure whether diagnosed with high blood pressure" in text
    assert "Blood pressure at or above 140/90 · 150/95 mmHg" in text
    no_reading = {**nothing_of_note(), "bp_reading_when": "dont_know"}
    del no_reading["bp_systolic"], no_reading["bp_diastolic"]
    assert "Blood pressure: no recent reading" in pages_of(render_pdf(summary_of(no_reading)))[0]


@pytest.mark.parametrize(("answers", "title"), [
    ({"pregnant": "yes"}, "Pregnant"),
    ({"pregnant": "maybe"}, "Could be pregnant"),
    ({"planning_pregnancy": "yes"}, "Planning a pregnancy"),
    ({"breastfeeding": "yes"}, "Breastfeeding"),
    ({"pregnant": "yes", "breastfeeding": "yes"}, "Pregnant; breastfeeding"),
])
def test_pregnancy_planning_and_breastfeeding_have_titles_of_their_own(answers, title):
    flags = {flag.rule_id: flag for flag in evaluate({**nothing_of_note(), **PREGNANCY_NO, **answers},
                                                     SUBMITTED.date())}
    assert flags["R-PREG"].title == title


def test_a_medicine_typed_in_words_shows_on_page_one_as_the_patients_own_words():
    answers = {**nothing_of_note(), "medicine_classes": ["none"], "medicines_list": "lorazepam 1 mg at night"}
    pages = pages_of(render_pdf(summary_of(answers)))
    assert squeeze("Takes a benzodiazepine · lorazepam: named in the patient's own words, not ticked") in squeeze(
        pages[0])
    assert "(from the patient's own words)" in " ".join(pages)


def test_when_topics_cannot_fit_page_one_says_they_continue_on_page_2():
    summary = summary_of(everything_positive())
    level, heading, lines = summary.overview.topics[0]
    crowded = dataclasses.replace(summary.overview, topics=[(level, heading, lines * 3), *summary.overview.topics[1:]])
    pages = pages_of(render_pdf(dataclasses.replace(summary, overview=crowded)))
    assert "The topics continue on page 2." in pages[0]
    last_title = squeeze(summary.overview.topics[-1][2][-1].title)
    assert last_title in squeeze(pages[0] + pages[1])
    assert re.search(r"PHQ-9\s+27 of 27", pages[0])


def test_long_typed_answers_are_cut_on_page_one_and_printed_whole_below():
    long_list = "Lorazepam 1 mg at night, " + "vitamin D 1000 units, fish oil, " * 40
    pages = pages_of(render_pdf(summary_of({**everything_positive(), "medicines_list": long_list.strip()})))
    assert "… (in full below)" in pages[0]
    assert "continue on page 2" not in pages[0]
    assert squeeze(long_list) in squeeze(" ".join(pages))


def test_the_staff_intake_page_opens_with_the_same_overview(app, make_staff):
    with app.app_context():
        from screening.intake import store as intake_store

        intake_id = intake_store.store_submitted(everything_positive(), submitted_at=SUBMITTED).id
    page = make_staff().client.get(f"/staff/intakes/{intake_id}").text
    overview = page[page.index('aria-label="Overview"'):page.index("Each topic in detail")]
    assert "185/122 mmHg, in the last week; on treatment; not under control" in overview
    assert "Medicines now:" in overview and "Rash after propofol; Penicillin" in overview
    assert "severe; item 9: 3<" in overview and "PHQ-9 item 9: 3 (nearly every day)" in overview
    for flag in evaluate(everything_positive(), SUBMITTED.date()):
        assert flag.title.replace("'", "&#39;") in overview, flag.title


def test_the_summary_command_renders_an_answers_file_without_storing_it(app, runner, tmp_path):
    source = tmp_path / "answers.json"
    source.write_text(json.dumps(everything_positive()), encoding="utf-8")
    out = tmp_path / "summary.pdf"
    result = runner.invoke(args=["summary", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    pages = pages_of(out.read_bytes())
    assert "Maria-Dolores Fernández-Okonkwo" in pages[0]
    assert f"age {date.today().year - 1950 - ((date.today().month, date.today().day) < (6, 1))}" in pages[0]
    with app.app_context():
        assert db.session.execute(db.select(Intake)).first() is None


def test_every_medicine_class_has_a_short_name_on_page_one():
    classes = {option.value for option in QUESTIONS["medicine_classes"].options}
    assert classes == set(CLASS_NAMES)
    own_topic = {rule.when.conditions[0].values[0] for rule in CATALOGUE if rule.id.startswith("R-MED-")}
    assert set(RECOVERY_NAMES) == set(RECOVERY_MEDICINES) - own_topic


def test_not_sure_of_the_drug_use_count_is_a_note_on_page_one_and_said_in_every_answer():
    answers = {**nothing_of_note(), "drug_use_count": "not_sure", "drugs_used": ["cannabis"],
               "drugs_last_used": "past_month"}
    pages = pages_of(render_pdf(summary_of(answers)))
    assert squeeze("Not sure: check at the visit (drug use in the past year)") in squeeze(pages[0])
    assert squeeze("Drug use in the past year · not sure how many times; cannabis") in squeeze(pages[0]), (
        "a drug named after Not sure is a topic of drug use, its count said as unknown")
    every_answer = squeeze(" ".join(pages).split("Every answer")[1])
    label = squeeze(QUESTIONS["drug_use_count"].label)
    assert label + squeeze("Not sure check at visit") in every_answer
    assert squeeze("Which have you used in the past year? Cannabis (marijuana, weed)") in every_answer


def test_a_typical_patients_page_one_overview_reads_in_30_seconds():
    summary = summary_of(typical_patient(SUBMITTED.date()))
    first = pages_of(render_pdf(summary))[0]
    lines = [line for line in first.split("Each topic in detail")[0].splitlines()
             if not line.startswith((f"{summary.name} · born", summary.disclaimer))]
    assert len(WORD.findall("\n".join(lines))) <= THIRTY_SECONDS_OF_WORDS


def test_a_ticked_medicine_class_with_a_topic_line_is_not_listed_again_beside_the_medicines(positive):
    first = squeeze(positive[0])
    assert squeeze("also ticked: antidepressant") in first
    assert "benzodiazepine,seizuremedicine" not in first and first.count("MAOI") == 1
    assert squeeze("Medicines now: none typed · ticked: none of these") in squeeze(
        pages_of(render_pdf(summary_of(nothing_of_note())))[0])


def test_key_facts_that_only_repeat_the_title_are_left_out(positive):
    first = squeeze(positive[0])
    assert squeeze("No ride home after visits") in first and "·noridehome" not in first
    assert squeeze("Past dissociation, or a bad reaction to anesthesia or ketamine (both)") in first
    assert squeeze("No therapist now, or no one to call (both)") in first
    assert squeeze("High blood pressure not under control Aneurysm, AVM") in first, "the reading's line says the rest"
    assert squeeze("Weight 91 kg, BMI 34.5 ▪") in first
    assert squeeze("Alcohol: AUDIT-C 9, positive screen · drinks") in first, "the cut-off is on the score's line"


def test_one_side_of_a_title_with_or_is_still_named_on_page_one():
    gate = {question_id: gate for gate, question_ids in GATES.items() for question_id in question_ids}

    def only(question_id: str) -> dict:
        return {**dict.fromkeys(GATES[gate[question_id]], "no"), gate[question_id]: "yes", question_id: "yes"}

    answers = {**nothing_of_note(), **only("stroke"), **only("dissociation"), "treatments_tried": ["talk_therapy"],
               "psychotherapy_duration": "over_a_year", "therapist_now": "yes", "support_person": "no"}
    del answers["support_person_name"]
    first = squeeze(pages_of(render_pdf(summary_of(answers)))[0])
    assert squeeze("Heart disease, stroke or TIA · stroke or TIA") in first
    assert squeeze("Past dissociation, or a bad reaction to anesthesia or ketamine (past dissociation)") in first
    assert squeeze("No therapist now, or no one to call (no one to call)") in first


def test_the_time_sent_says_its_year_when_the_visit_is_in_another():
    answers = {**nothing_of_note(), "consultation_date": "2027-01-05"}
    sent = datetime(2026, 12, 28, 16, 5, tzinfo=UTC)
    first = pages_of(render_pdf(build_summary(answers, sent, today=sent.date())))[0]
    assert "Visit 5 January 2027 · sent 28 December 2026, 16:05 UTC" in first
