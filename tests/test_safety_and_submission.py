"""Self-harm answers lead straight to help; a submitted intake is locked and the device is cleared."""

import re

from helpers import is_checked, shown_on

from screening.models import Intake, db


def test_self_harm_answer_shows_crisis_resources_next_and_marks_urgent(app, patient, answers):
    patient.start()
    response = patient.answer("safety", {**answers["safety"], "asq_1": "yes"})
    assert response.headers["Location"].endswith("/crisis")
    crisis = patient.client.get("/crisis")
    assert 'href="tel:988"' in crisis.text
    assert 'href="sms:988"' in crisis.text
    assert 'href="tel:911"' in crisis.text
    assert 'href="tel:555 010 0100"' in crisis.text
    assert 'href="/step/safety"' in crisis.text, "the ASQ's question about right now comes after the crisis page"
    with app.app_context():
        assert db.session.execute(db.select(Intake)).scalar_one().urgent


def test_phq9_item_nine_alone_leads_to_the_crisis_page(patient, answers):
    patient.start()
    response = patient.answer("mood", {**answers["mood"], "phq9_9": "1"})
    assert response.headers["Location"].endswith("/crisis")
    assert 'href="/step/safety"' in patient.client.get("/crisis").text


def test_after_item_nine_and_the_crisis_page_the_phq9_difficulty_item_is_asked(patient, answers):
    patient.start()
    quiet = {**{f"phq9_{n}": "0" for n in range(1, 9)}, **{f"gad7_{n}": "0" for n in range(1, 8)}}
    response = patient.answer("mood", {**quiet, "phq9_9": "2"})
    assert response.headers["Location"].endswith("/crisis")
    assert 'href="/step/mood"' in patient.client.get("/crisis").text
    page = patient.page("mood").text
    assert 'name="phq9_difficulty"' in page
    assert is_checked(page, "phq9_9", "2")


def test_the_mood_page_keeps_the_crisis_numbers_next_to_item_nine(patient):
    patient.start()
    page = patient.page("mood").text
    assert page.count('aria-label="Help right now"') == 1
    assert page.index('name="phq9_9"') < page.index('href="tel:988"') < page.index('name="gad7_1"')


def test_after_the_crisis_page_the_question_about_right_now_is_asked(patient, answers):
    patient.start()
    patient.answer("safety", {**answers["safety"], "asq_1": "yes"})
    assert 'href="/step/safety"' in patient.client.get("/crisis").text
    assert "asq_5" in shown_on(patient.page("safety").text)
    response = patient.answer("safety", {**answers["safety"], "asq_1": "yes", "asq_5": "no"})
    assert response.headers["Location"].endswith("/step/substances"), "the crisis page is shown once"
    assert 'href="tel:988"' in patient.page("safety").text, "the safety page keeps the numbers in view"


def test_the_crisis_page_opened_from_a_link_goes_on_where_the_patient_left_off(patient, answers):
    """No save led there (a bookmark, a link shared by the clinic): the numbers show, and "go on" leads to the
    first page with a gap, not to a page the patient never reached."""
    patient.start()
    patient.answer("about_you", answers["about_you"])
    crisis = patient.client.get("/crisis")
    assert crisis.status_code == 200 and 'href="tel:988"' in crisis.text
    assert 'href="/step/reasons"' in crisis.text and 'href="/step/safety"' not in crisis.text


def test_the_crisis_page_opened_with_no_urgent_answer_offers_the_numbers_and_claims_nothing(patient, answers):
    """A link to it, with nothing urgent answered: no word of a blood pressure the patient never gave, nor of a
    clinic that was told."""
    patient.start()
    patient.answer("about_you", answers["about_you"])
    main = re.search(r"<main.*</main>", patient.client.get("/crisis").text, re.S).group(0)
    assert 'class="crisis-link" href="tel:988"' in main and 'class="crisis-link" href="sms:988"' in main
    assert "blood pressure" not in main.lower() and "We have let the clinic know" not in main


def test_a_refused_asq_answer_counts_as_positive_and_asks_about_now(patient, answers):
    patient.start()
    patient.answer("safety", {**answers["safety"], "asq_2": "refused"})
    assert "asq_5" in shown_on(patient.page("safety").text)


def test_no_self_harm_goes_on_to_the_next_step(app, patient, answers):
    patient.start()
    response = patient.answer("safety", answers["safety"])
    assert response.headers["Location"].endswith("/step/substances")
    with app.app_context():
        assert not db.session.execute(db.select(Intake)).scalar_one().urgent


def test_crisis_numbers_are_set_per_clinic(app, database, answers):
    from helpers import Patient

    from screening import create_app

    app = create_app({"DATABASE_URL": database, "CRISIS_CALL": "116 123", "EMERGENCY_NUMBER": "999"})
    patient = Patient(app.test_client())
    patient.start()
    patient.answer("safety", {**answers["safety"], "asq_3": "yes"})
    crisis = patient.client.get("/crisis")
    assert 'href="tel:116 123"' in crisis.text
    assert 'href="tel:999"' in crisis.text


def test_submitting_clears_the_session_for_the_next_patient(patient, answers):
    patient.complete(answers)
    patient.submit()
    assert patient.client.get("/review").status_code == 302
    welcome = patient.client.get("/")
    assert "Alex Rivera" not in welcome.text
    assert ">Start<" in welcome.text


def test_a_submitted_intake_cannot_be_edited(app, patient, answers):
    import re

    patient.start()
    shown = patient.answer("about_you", answers["about_you"])
    code = re.search(r'class="resume-code"[^>]*>([A-Z0-9-]+)<', shown.text).group(1)
    for section_id, data in list(answers.items())[1:]:
        patient.answer(section_id, data)
    patient.submit()

    response = patient.post_form("/resume", {"code": code, "date_of_birth": "1985-03-27"})
    assert "already sent" in response.text
    assert patient.client.get("/step/about_you").status_code == 302
    with app.app_context():
        from screening.intake import store as intake_store

        intake = db.session.execute(db.select(Intake)).scalar_one()
        assert intake.is_submitted
        assert intake_store.answers_of(intake)["full_name"] == "Alex Rivera"


def test_submit_with_a_missing_answer_lists_it_and_keeps_the_draft(app, patient, answers):
    patient.start()
    patient.answer("about_you", answers["about_you"])
    response = patient.submit()
    assert response.status_code == 422
    assert "Some questions still need an answer" in response.text
    with app.app_context():
        assert not db.session.execute(db.select(Intake)).scalar_one().is_submitted


def test_review_change_link_returns_to_review(app, patient, answers):
    patient.complete(answers)
    response = patient.answer("medicines", {**answers["medicines"], "ride_home": "no"}, review="1")
    assert response.headers["Location"].endswith("/review?changed=medicines#step-medicines")
    review = patient.client.get("/review").text
    assert "Can someone take you home" in review
    with app.app_context():
        from screening.intake import store as intake_store

        assert intake_store.answers_of(db.session.execute(db.select(Intake)).scalar_one())["ride_home"] == "no"


def test_back_keeps_answers_already_given(patient, answers):
    patient.start()
    patient.answer("about_you", answers["about_you"])
    patient.answer("reasons", answers["reasons"])
    back = patient.answer("mood", {"phq9_1": "2"}, action="back")
    assert back.headers["Location"].endswith("/step/reasons")
    assert is_checked(patient.page("reasons").text, "reasons", "depression")
    assert is_checked(patient.page("mood").text, "phq9_1", "2")


def test_self_harm_answer_on_a_page_with_an_error_still_shows_help_and_marks_urgent(app, patient, answers):
    patient.start()
    incomplete = {key: value for key, value in answers["mood"].items() if key != "gad7_2"}
    response = patient.answer("mood", {**incomplete, "phq9_9": "3"})
    assert response.status_code == 422
    assert 'href="tel:911"' in response.text and 'href="tel:988"' in response.text
    assert response.text.count('aria-label="Help right now"') == 1, "at the top, once"
    with app.app_context():
        assert db.session.execute(db.select(Intake)).scalar_one().urgent


def test_back_from_the_safety_page_goes_back_after_the_crisis_page(patient, answers):
    patient.start()
    response = patient.answer("safety", {**answers["safety"], "asq_1": "yes", "asq_5": "no"}, action="back")
    assert response.headers["Location"].endswith("/crisis?then=back")
    assert 'href="/step/mood"' in patient.client.get(response.headers["Location"]).text
    again = patient.answer("safety", {**answers["safety"], "asq_1": "yes", "asq_5": "no"}, action="back")
    assert again.headers["Location"].endswith("/step/mood")


def test_a_shared_tablet_can_start_a_new_form_while_a_draft_is_open(app, patient, answers):
    patient.start()
    patient.answer("about_you", answers["about_you"])
    welcome = patient.client.get("/")
    assert "Start a new form for someone else" in welcome.text
    patient.post_form("/start", {"action": "new"}, page="/")
    assert "Alex Rivera" not in patient.page("about_you").text


def test_going_on_with_the_open_draft_from_the_welcome_page_opens_the_first_page_with_a_gap(patient, answers):
    patient.start()
    for section_id in ("about_you", "reasons", "mood"):
        patient.answer(section_id, answers[section_id])
    response = patient.post_form("/start", {"action": "continue"}, page="/")
    assert response.headers["Location"].endswith("/step/safety")
    assert "Alex Rivera" in patient.page("about_you").text


def test_a_draft_left_idle_is_closed_on_this_device(app, patient, answers):
    patient.start()
    patient.answer("about_you", answers["about_you"])
    app.config["PATIENT_IDLE_MINUTES"] = 0
    assert patient.page("reasons").status_code == 302
    app.config["PATIENT_IDLE_MINUTES"] = 30
    assert patient.page("reasons").status_code == 302


def test_pages_with_answers_are_never_cached(patient, answers):
    patient.complete(answers)
    assert "no-store" in patient.client.get("/review").headers["Cache-Control"]
    assert "no-store" in patient.page("heart").headers["Cache-Control"]


def test_a_change_from_review_that_opens_a_question_leads_to_it(patient, answers):
    quiet_mood = {**{f"phq9_{n}": "0" for n in range(1, 10)}, **{f"gad7_{n}": "0" for n in range(1, 8)}}
    patient.complete({**answers, "mood": quiet_mood})
    response = patient.answer("mood", {**quiet_mood, "phq9_1": "2"}, review="1")
    assert response.headers["Location"].endswith("/step/mood?review=1")
    assert 'name="phq9_difficulty"' in patient.page("mood", review="1").text


def test_a_blank_choice_sent_by_hand_is_refused(patient, answers):
    patient.start()
    response = patient.answer("safety", {**answers["safety"], "asq_1": " "}, action="back")
    assert response.status_code == 422
