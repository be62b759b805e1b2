"""Check your answers: every step listed with how many answers it holds and a Change link; each step closed to one
line unless something on it needs the patient's eye, they just changed it, or they ask to see every step."""

import re

from answer_sets import nothing_of_note, typical_issue_patient
from helpers import as_pages

from screening.intake import store
from screening.models import Intake, db
from screening.questionnaire import SECTIONS
from screening.questionnaire.display import review_rows

STEP = re.compile(r'<section class="review-step" id="step-([a-z_]+)"[^>]*>\s*<details( open)?>')


def opened(html: str) -> set[str]:
    steps = STEP.findall(html)
    assert [section_id for section_id, _ in steps] == [section.id for section in SECTIONS], "every step, in order"
    return {section_id for section_id, is_open in steps if is_open}


def test_the_review_lists_every_answer_of_every_step_with_a_change_link(patient, answers):
    patient.complete(answers)
    html = patient.client.get("/review").text
    for group in review_rows(patient_answers(patient)):
        assert f'href="/step/{group.section.id}?review=1"' in html
        for row in group.rows:
            assert f"<dt>{escaped(row.question.label)}</dt>" in html, row.question.id
            assert f"<dd>{escaped(row.text)}" in html, row.question.id


def test_a_step_line_says_how_many_answers_it_holds_and_how_many_blanks_may_be_missed(patient):
    patient.complete(as_pages(typical_issue_patient()))
    html = patient.client.get("/review").text
    assert re.search(r"2\. Why you are coming and what you have tried</h2>\s*"
                     r"<span class=\"review-count\">8 answers</span>", html)
    # Nothing added under "other allergies" and "other health problems": free text with nothing to add.
    assert re.search(r"Other health</h2>\s*<span class=\"review-count\">8 answers</span>", html)
    patient.complete(as_pages(nothing_of_note()))
    html = patient.client.get("/review").text
    # Sex at birth, height and weight skipped (the two free-text boxes are not counted).
    assert re.search(r"Other health</h2>\s*<span class=\"review-count\">\d+ answers?, 3 left empty</span>", html)


def test_issue_15s_typical_patients_steps_all_start_closed(patient):
    """Their only blanks are free-text boxes with nothing to add."""
    patient.complete(as_pages(typical_issue_patient()))
    assert opened(patient.client.get("/review").text) == set()


def test_a_step_with_a_choice_or_number_left_empty_starts_open(patient):
    """Sex at birth (it offers "I would rather not say"), height and weight skipped: worth a second look."""
    patient.complete(as_pages(nothing_of_note()))
    assert opened(patient.client.get("/review").text) == {"other_health"}


def test_a_change_from_the_review_comes_back_with_that_step_open_and_in_view(patient, answers):
    patient.complete(answers)
    response = patient.answer("medicines", {**answers["medicines"], "ride_home": "no"}, review="1")
    assert response.headers["Location"].endswith("/review?changed=medicines#step-medicines")
    html = patient.client.get("/review?changed=medicines").text
    assert opened(html) - opened(patient.client.get("/review").text) == {"medicines"}
    assert re.search(r"Can someone take you home[^<]*</dt>\s*<dd>No", html)


def test_an_unknown_step_named_as_changed_opens_nothing(patient, answers):
    patient.complete(answers)
    response = patient.client.get("/review?changed=nowhere")
    assert response.status_code == 200 and opened(response.text) == opened(patient.client.get("/review").text)


def test_every_step_can_be_opened_at_once_and_closed_again(patient, answers):
    patient.complete(answers)
    every = patient.client.get("/review?show=all").text
    assert opened(every) == {section.id for section in SECTIONS}
    assert 'href="/review">Close every step</a>' in every
    assert 'href="/review?show=all">Open every step</a>' in patient.client.get("/review").text


def test_a_refused_send_opens_the_steps_with_a_question_still_to_answer(patient, answers):
    patient.start()
    patient.answer("about_you", answers["about_you"])
    response = patient.submit()
    assert response.status_code == 422
    assert opened(response.text) == {section.id for section in SECTIONS[1:]}


def patient_answers(patient) -> dict:
    with patient.client.application.app_context():
        return store.answers_of(db.session.execute(db.select(Intake)).scalar_one())


def escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;").replace(
        "'", "&#39;")
