"""Follow-ups revealed in place: the page's script asks the server which questions apply to the answers on the page.
The server decides from the one definition, stores nothing and answers only question ids. Without the script the
reload stays and marks the questions it opened."""

import logging
import re
import zlib

from helpers import hidden_on, shown_on
from itsdangerous import base64_decode

from screening.extensions import limiter
from screening.intake import store as intake_store
from screening.models import Intake, db
from screening.questionnaire import SECTION_BY_ID

HEART = SECTION_BY_ID["heart"]
READING = ("bp_systolic", "bp_diastolic")


def intake_row(app) -> tuple[dict, int]:
    with app.app_context():
        intake = db.session.execute(db.select(Intake)).scalar_one()
        return intake_store.answers_of(intake), intake.answers_version


def ask(patient, section_id: str, data: dict, token: bool = True):
    page = patient.page(section_id).text
    form = {"csrf_token": patient.token(page), "shown": " ".join(shown_on(page))} if token else {}
    return patient.client.post(f"/step/{section_id}/shown", data={**form, **data})


def test_the_server_answers_with_the_ids_that_apply_to_the_answers_on_the_page(patient, answers):
    patient.start()
    response = ask(patient, "heart", {**answers["heart"], "bp_reading_when": "past_week"})
    assert response.status_code == 200 and response.is_json
    assert list(response.json) == ["visible"]
    visible = response.json["visible"]
    assert set(READING) <= set(visible)
    assert visible == [question.id for question in HEART.questions if question.id in visible], "in page order"
    assert {"bp_controlled", "heart_attack"}.isdisjoint(visible)


def test_changing_the_answer_back_hides_the_follow_ups_again(patient, answers):
    patient.start()
    response = ask(patient, "heart", {**answers["heart"], "bp_reading_when": "dont_know", "bp_systolic": "150"})
    assert set(READING).isdisjoint(response.json["visible"])


def test_answers_only_ids_never_what_was_typed(patient, answers):
    patient.start()
    response = ask(patient, "heart", {**answers["heart"], "bp_reading_when": "past_week", "bp_systolic": "185"})
    assert "185" not in response.text
    assert all(re.fullmatch(r"[a-z0-9_]+", question_id) for question_id in response.json["visible"])


def test_nothing_is_stored_or_logged(app, patient, answers, caplog):
    patient.start()
    patient.answer("heart", answers["heart"])
    before = intake_row(app)
    with caplog.at_level(logging.DEBUG):
        response = ask(patient, "heart", {**answers["heart"], "bp_reading_when": "past_week", "bp_systolic": "219"})
    assert response.status_code == 200
    assert intake_row(app) == before
    assert "219" not in caplog.text and "bp_reading_when" not in caplog.text


def test_a_csrf_token_is_required(app, patient, answers):
    patient.start()
    response = ask(patient, "heart", {**answers["heart"], "bp_reading_when": "past_week"}, token=False)
    assert response.status_code == 400
    assert not response.is_json


def test_a_browser_holding_no_intake_is_refused(client, patient, answers):
    page = client.get("/").text
    data = {"csrf_token": patient.token(page), "bp_reading_when": "past_week"}
    response = client.post("/step/heart/shown", data=data)
    assert response.status_code == 403
    assert "visible" not in response.json


def test_past_the_limit_reveals_stop_but_saving_goes_on(app, patient, answers):
    app.config["REVEAL_LIMIT"] = "2 per minute"
    patient.start()
    later = {**answers["heart"], "bp_reading_when": "past_week"}
    statuses = [ask(patient, "heart", later).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = patient.answer("heart", {**answers["heart"], "bp_reading_when": "past_week"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/step/heart")


def test_the_limit_is_counted_per_intake_not_per_address(app, patient, answers):
    """Several tablets at one clinic share an address; one patient's reveals never use up another's."""
    app.config["REVEAL_LIMIT"] = "1 per minute"
    patient.start()
    assert ask(patient, "heart", answers["heart"]).status_code == 200
    other = type(patient)(app.test_client())
    other.start()
    assert ask(other, "heart", answers["heart"]).status_code == 200


def test_the_page_holds_hidden_only_what_an_answer_on_it_can_open(patient):
    patient.start()
    html = patient.page("heart").text
    assert set(READING) | {"bp_controlled", "heart_attack"} <= hidden_on(html)
    assert 'data-triggers="' in html and "bp_reading_when" in re.search(r'data-triggers="([^"]*)"', html).group(1)
    reasons = patient.page("reasons").text
    assert 'src="/static/js/reveal.js"' in reasons


def test_a_page_revealed_in_place_goes_straight_on(app, patient, answers):
    """The script put the follow-ups in `shown`: the patient saw them, so the save goes on to the next page."""
    patient.start()
    page = patient.page("heart").text
    data = {**answers["heart"], "bp_reading_when": "past_month", "bp_systolic": "130", "bp_diastolic": "85"}
    shown = " ".join(shown_on(page) | set(READING))
    response = patient.client.post("/step/heart", data={"csrf_token": patient.token(page), "shown": shown,
                                                        "action": "next", **data})
    assert response.headers["Location"].endswith("/step/other_health")
    assert intake_row(app)[0]["bp_systolic"] == 130


def test_a_hidden_follow_up_posted_with_a_stale_answer_is_not_saved(app, patient, answers):
    patient.start()
    response = patient.answer("heart", {**answers["heart"], "bp_reading_when": "dont_know", "bp_systolic": "150",
                                        "bp_diastolic": "95"})
    assert response.headers["Location"].endswith("/step/other_health")
    assert set(READING).isdisjoint(intake_row(app)[0])


def test_without_the_script_the_reload_marks_the_new_questions_once(patient, answers):
    patient.start()
    response = patient.answer("heart", {**answers["heart"], "bp_reading_when": "past_week"})
    html = patient.client.get(response.headers["Location"]).text
    assert "We have a few more questions" in html
    assert '<a href="#bp_systolic">Go to the first new question</a>' in html
    marked = re.findall(r'<span class="tag-new">New question</span><span class="visually-hidden">:</span> ([^<(]+)',
                        html)
    assert [label.strip() for label in marked] == ["Top number", "Bottom number"], "the boxes' words on screen"
    assert 'class="tag-new"' not in patient.page("heart").text, "marked on the reload only"


def test_one_new_question_is_announced_as_one(patient, answers):
    patient.start()
    mood = {key: value for key, value in answers["mood"].items() if key != "phq9_difficulty"}
    html = patient.client.get(patient.answer("mood", mood).headers["Location"]).text
    assert "We have one more question about your answers. It is below" in html
    assert '<a href="#phq9_difficulty">Go to the new question</a>' in html
    assert "a few more questions" not in html


def test_the_marks_are_kept_out_of_the_readable_cookie(patient, answers):
    patient.start()
    patient.answer("heart", {**answers["heart"], "bp_reading_when": "past_week"})
    cookie = patient.client.get_cookie("session").value
    payload = base64_decode(cookie.lstrip(".").split(".")[0])
    readable = zlib.decompress(payload) if cookie.startswith(".") else payload
    assert b"new_on" in readable and b"bp_systolic" not in readable


def test_without_the_script_the_question_about_right_now_is_marked_after_the_crisis_page(patient, answers):
    patient.start()
    response = patient.answer("safety", {**answers["safety"], "asq_1": "yes"})
    assert response.headers["Location"].endswith("/crisis")
    assert 'href="/step/safety"' in patient.client.get("/crisis").text
    html = patient.page("safety").text
    assert '<a href="#asq_5">Go to the new question</a>' in html
    assert html.count('class="tag-new"') == 1


def test_marks_are_dropped_when_the_patient_goes_elsewhere(patient, answers):
    patient.start()
    patient.answer("heart", {**answers["heart"], "bp_reading_when": "past_week"})
    assert 'class="tag-new"' not in patient.page("other_health").text
    assert 'class="tag-new"' not in patient.page("heart").text


def test_the_reveal_count_is_kept_under_a_hash_not_the_drafts_id(app, patient, answers):
    """The id in the session is what points a browser at a draft: the rate-limit store never holds it."""
    patient.start()
    assert ask(patient, "heart", answers["heart"]).status_code == 200
    with app.app_context():
        public_id = db.session.execute(db.select(Intake.public_id)).scalar_one()
    keys = " ".join(str(key) for key in limiter.storage.storage)
    assert "intake:" in keys and public_id not in keys
