"""Follow-up questions appear only when they apply, decided on the server, and vanish when they stop applying."""

from helpers import hidden_on, shown_on

from screening.intake import store as intake_store
from screening.models import Intake, db


def saved(app) -> dict:
    with app.app_context():
        return intake_store.answers_of(db.session.execute(db.select(Intake)).scalar_one())


def test_follow_ups_are_hidden_until_their_question_says_yes(patient, answers):
    patient.start()
    page = patient.page("heart")
    for follow_up in ("bp_systolic", "bp_controlled"):
        assert follow_up not in shown_on(page.text)
        assert follow_up in hidden_on(page.text)  # waiting for the page's script, if it runs


def test_yes_reveals_follow_ups_on_the_same_page_before_moving_on(patient, answers):
    patient.start()
    response = patient.answer("heart", {**answers["heart"], "bp_diagnosed": "yes", "bp_reading_when": "past_week"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/step/heart")
    page = patient.page("heart")
    assert "We have a few more questions" in page.text
    assert {"bp_controlled", "bp_systolic", "bp_diastolic", "bp_reading_when"} <= shown_on(page.text)

    response = patient.answer(
        "heart",
        {**answers["heart"], "bp_diagnosed": "yes", "bp_controlled": "no", "bp_reading_when": "past_week",
         "bp_systolic": "150", "bp_diastolic": "95"},
    )
    assert response.headers["Location"].endswith("/step/other_health")


def test_revealed_follow_ups_must_then_be_answered(patient, answers):
    patient.start()
    patient.answer("heart", {**answers["heart"], "bp_reading_when": "past_week"})
    response = patient.answer("heart", {**answers["heart"], "bp_reading_when": "past_week"})
    assert response.status_code == 422
    assert "Please answer this question." in response.text


def test_changing_yes_to_no_removes_the_follow_up_answers(app, patient, answers):
    patient.start()
    patient.answer("heart", {**answers["heart"], "bp_reading_when": "past_month"})
    patient.answer("heart", {**answers["heart"], "bp_reading_when": "past_month", "bp_systolic": "130",
                             "bp_diastolic": "85"})
    assert saved(app)["bp_systolic"] == 130

    patient.answer("heart", {**answers["heart"], "bp_reading_when": "dont_know", "bp_systolic": "130"})
    stored = saved(app)
    assert stored["bp_reading_when"] == "dont_know"
    assert "bp_systolic" not in stored
    assert "bp_diastolic" not in stored


def test_follow_ups_posted_for_a_hidden_question_are_ignored(app, patient, answers):
    patient.start()
    patient.answer("substances", {**answers["substances"], "drugs_used": ["cannabis"], "drugs_last_used": "past_month"})
    stored = saved(app)
    assert stored["drug_use_count"] == 0
    assert "drugs_used" not in stored


def test_the_phq9_difficulty_item_follows_its_items_on_the_same_page(patient, answers):
    patient.start()
    quiet = {**{f"phq9_{n}": "0" for n in range(1, 10)}, **{f"gad7_{n}": "0" for n in range(1, 8)}}
    assert patient.answer("mood", quiet).headers["Location"].endswith("/step/safety")
    assert "phq9_difficulty" not in shown_on(patient.page("mood").text)
    assert patient.answer("mood", {**quiet, "phq9_4": "1"}).headers["Location"].endswith("/step/mood")
    page = patient.page("mood").text
    assert "phq9_difficulty" in shown_on(page)
    assert page.index('name="phq9_9"') < page.index('name="phq9_difficulty"') < page.index('name="gad7_1"')


def test_antidepressant_rows_are_stored_without_empty_rows(app, patient, answers):
    patient.start()
    patient.answer("reasons", {**answers["reasons"], "treatments_tried": ["antidepressants"]})
    patient.answer(
        "reasons",
        {**answers["reasons"], "treatments_tried": ["antidepressants"], "augmentation": "no",
         "antidepressants-0-name": "Sertraline", "antidepressants-0-dose": "100 mg",
         "antidepressants-0-duration": "6_weeks_or_more", "antidepressants-0-helped": "a_little",
         "antidepressants-1-name": "Bupropion", "antidepressants-1-helped": "no"},
    )
    rows = saved(app)["antidepressants"]
    assert rows == [
        {"name": "Sertraline", "dose": "100 mg", "duration": "6_weeks_or_more", "helped": "a_little"},
        {"name": "Bupropion", "helped": "no"},
    ]
    page = patient.page("reasons")
    assert 'value="Sertraline"' in page.text
