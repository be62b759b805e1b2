"""The clinician's PDF, read back as text the way a clinician's eyes would (pypdf)."""

import io
import re
from datetime import UTC, date, datetime

import pytest
from answer_sets import ANSWER_SETS, everything_positive, nothing_of_note, unsure_and_high
from pypdf import PdfReader

from screening.questionnaire.answers import check_answers
from screening.questionnaire.display import review_rows
from screening.rules import CATALOGUE, CATALOGUE_VERSION, evaluate
from screening.summary.content import build_summary
from screening.summary.pdf import render_pdf

SUBMITTED = datetime(2026, 11, 20, 14, 30, tzinfo=UTC)
DECISION_WORDS = re.compile(
    r"\b(eligible|ineligible|qualif(y|ies|ied)|approved|cleared|candidate|contraindicated patient|"
    r"should (not )?receive|safe to treat|not suitable|do not treat|recommend(ed)? treatment)\b",
    re.IGNORECASE,
)


TABLES = ("antidepressants",)  # a group of answers, printed as the trials table rather than run together (issue 14)


def pdf_pages(answers: dict, page_size: str = "letter") -> list[str]:
    summary = build_summary(check_answers(answers, SUBMITTED.date()), SUBMITTED, today=SUBMITTED.date())
    reader = PdfReader(io.BytesIO(render_pdf(summary, page_size)))
    return [page.extract_text() for page in reader.pages]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def positive_pages() -> list[str]:
    return pdf_pages(everything_positive())


def test_every_page_names_the_patient_and_says_it_makes_no_decision(positive_pages):
    assert len(positive_pages) > 2
    for number, text in enumerate(positive_pages, start=1):
        assert "Maria-Dolores Fernández-Okonkwo · born 1 June 1950" in text
        assert f"Page {number} of {len(positive_pages)}" in text
        assert CATALOGUE_VERSION in text
        assert "It makes no treatment decision." in text


def test_urgent_box_comes_first_on_page_one(positive_pages):
    first = positive_pages[0]
    assert first.index("Urgent") < first.index("GAD-7") < first.index("To discuss")
    assert "Thoughts of self-harm or suicide reported" in first.split("GAD-7")[0]


def test_no_urgent_box_without_an_urgent_flag():
    # not sure what was tried, with a therapist now: the one way to raise neither R-TRD nor R-SUPPORT
    quiet = {**nothing_of_note(), "treatments_tried": ["not_sure"], "augmentation": "no", "therapist_now": "yes"}
    first = pdf_pages(quiet)[0]
    assert "Urgent" not in first
    assert "No topics were raised by the answers." in first


def test_an_urgent_topic_alone_says_no_other_topics_were_raised():
    quiet = {**nothing_of_note(), "treatments_tried": ["not_sure"], "augmentation": "no", "therapist_now": "yes"}
    first = pdf_pages({**quiet, "asq_1": "yes", "asq_5": "no"})[0]
    assert [flag.level for flag in evaluate({**quiet, "asq_1": "yes", "asq_5": "no"}, SUBMITTED.date())] == ["urgent"]
    assert "No other topics were raised by the answers." in first.split("Support person:")[1]


def test_flags_show_their_evidence_reason_and_source(positive_pages):
    text = squeeze(" ".join(positive_pages))
    for flag in evaluate(everything_positive(), SUBMITTED.date()):
        assert squeeze(flag.title) in text
        assert squeeze(flag.reason) in text
        assert squeeze(", ".join(flag.sources)) in text
        for evidence in flag.evidence:
            assert squeeze(evidence.answer) in text or evidence.question_id in TABLES


def test_scores_are_printed_with_their_bands(positive_pages):
    text = " ".join(positive_pages)
    assert "27 of 27" in text and "severe" in text
    assert "21 of 21" in text
    assert re.search(r"AUDIT-C\s+9 of 12", text)


def test_every_answer_is_printed_by_section(positive_pages):
    text = squeeze(" ".join(positive_pages))
    for group in review_rows(everything_positive()):
        assert squeeze(group.section.title) in text
        for row in group.rows:
            assert squeeze(row.question.label) in text, row.question.id
            assert squeeze(row.text)[:300] in text or row.question.id in TABLES, row.question.id



def test_not_sure_and_unanswered_are_marked():
    answers = unsure_and_high()
    text = " ".join(pdf_pages(answers))
    assert "check at visit" in text
    assert "Not answered" in text


def test_a_non_latin_name_round_trips_through_the_pdf_text():
    answers = {**nothing_of_note(), "full_name": "山田 花子 Иван Петров"}
    pages = pdf_pages(answers)
    assert all("山田 花子 Иван Петров" in page for page in pages)


def test_letter_and_a4_page_sizes():
    summary = build_summary(nothing_of_note(), SUBMITTED, today=SUBMITTED.date())
    letter = PdfReader(io.BytesIO(render_pdf(summary, "letter"))).pages[0].mediabox
    a4 = PdfReader(io.BytesIO(render_pdf(summary, "A4"))).pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


@pytest.mark.parametrize("name", sorted(ANSWER_SETS))
def test_no_decision_wording_in_any_summary(name):
    text = " ".join(pdf_pages(ANSWER_SETS[name]()))
    assert not DECISION_WORDS.search(text), DECISION_WORDS.search(text)


def test_the_answer_sets_fire_every_rule_so_the_wording_scan_covers_them():
    fired = {flag.rule_id for make in ANSWER_SETS.values() for flag in evaluate(make(), date.today())}
    assert fired == {rule.id for rule in CATALOGUE}


def test_no_rule_text_uses_decision_wording():
    for rule in CATALOGUE:
        assert not DECISION_WORDS.search(f"{rule.title} {rule.reason}"), rule.id


def test_submission_stores_the_pdf_encrypted_and_the_patient_can_download_it(app, patient, answers):
    from screening.models import Report, db

    patient.complete(answers)
    patient.submit()
    with app.app_context():
        stored = db.session.execute(db.select(Report)).scalar_one()
        assert not stored.pdf.startswith(b"%PDF")
        assert stored.catalogue_version == CATALOGUE_VERSION
    done = patient.client.get("/done")
    assert "Download a copy of your answers" in done.text
    response = patient.client.get("/done/summary.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert "no-store" in response.headers["Cache-Control"]
    first_page = PdfReader(io.BytesIO(response.data)).pages[0].extract_text()
    assert "Alex Rivera" in first_page
    assert "Your answers before your visit" in first_page


def test_the_patients_copy_holds_answers_but_not_the_clinicians_flags(app, patient, answers):
    patient.complete({**answers, "safety": {**answers["safety"], "asq_1": "yes", "asq_5": "no"}})
    patient.submit()
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(patient.client.get("/done/summary.pdf").data)).pages]
    text = " ".join(pages)
    assert "wishedyouweredead" in squeeze(text)
    assert "Urgent" not in text and "To discuss" not in text and "For context" not in text
    assert "PHQ-9" not in text
    assert all("It makes no treatment decision." in page for page in pages)


def test_finish_ends_the_patients_access_to_their_copy(patient, answers):
    patient.complete(answers)
    patient.submit()
    patient.post_form("/done/finish", page="/done")
    assert patient.client.get("/done/summary.pdf").status_code == 404
    assert "Download a copy" not in patient.client.get("/done").text


def test_another_browser_cannot_download_the_copy(app, patient, answers):
    patient.complete(answers)
    patient.submit()
    assert app.test_client().get("/done/summary.pdf").status_code == 404


def test_the_pdfs_properties_name_no_patient(app, patient, answers, make_staff):
    """A viewer's title bar, a computer's recent files and a document store's index show a PDF's properties."""
    from screening.models import Intake, db

    patient.complete(answers)
    patient.submit()
    with app.app_context():
        intake_id = db.session.scalar(db.select(Intake.id))
    clinicians = make_staff().client.get(f"/staff/intakes/{intake_id}/summary.pdf").data
    for pdf in (clinicians, patient.client.get("/done/summary.pdf").data):
        properties = " ".join(str(value) for value in PdfReader(io.BytesIO(pdf)).metadata.values())
        assert "Screening summary" in properties
        assert "Rivera" not in properties and "1985" not in properties
