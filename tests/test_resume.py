"""Leaving and coming back: a code shown once, checked with the date of birth, on any device."""

import re

from helpers import is_checked

from screening.models import Intake, db
from screening.staff.search_index import dob_hash

CODE = re.compile(r'<p class="resume-code"[^>]*>([A-Z0-9-]+)</p>')


def first_step_with_code(patient, answers) -> str:
    patient.start()
    response = patient.answer("about_you", answers["about_you"])
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    return CODE.search(response.text).group(1)


def test_resume_code_is_long_and_easy_to_read_aloud(patient, answers):
    code = first_step_with_code(patient, answers)
    assert re.fullmatch(r"[2-9A-HJKMNP-TV-Z]{4}(-[2-9A-HJKMNP-TV-Z]{4}){3}", code)


def test_resume_code_is_shown_only_once(patient, answers):
    first_step_with_code(patient, answers)
    again = patient.client.get("/your-code")
    assert CODE.search(again.text) is None
    assert "already shown" in again.text


def test_resume_code_restores_answers_on_another_device(app, patient, answers):
    code = first_step_with_code(patient, answers)
    patient.answer("reasons", answers["reasons"])

    other_device = type(patient)(app.test_client())
    typed = code.lower().replace("-", " ")
    response = other_device.post_form("/resume", {"code": typed, "date_of_birth": "1985-03-27"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/step/mood")
    page = other_device.page("about_you")
    assert 'value="Alex Rivera"' in page.text
    assert is_checked(other_device.page("reasons").text, "reasons", "anxiety")


def test_resume_is_refused_with_a_wrong_date_of_birth(app, patient, answers):
    code = first_step_with_code(patient, answers)
    other_device = type(patient)(app.test_client())
    response = other_device.post_form("/resume", {"code": code, "date_of_birth": "1985-03-28"})
    assert response.status_code == 422
    assert "could not find a form with this code and date of birth" in response.text
    assert other_device.client.get("/step/reasons").status_code == 302


def test_wrong_code_and_wrong_date_get_the_same_answer(app, patient, answers):
    code = first_step_with_code(patient, answers)
    other_device = type(patient)(app.test_client())
    wrong_date = other_device.post_form("/resume", {"code": code, "date_of_birth": "1990-01-01"})
    wrong_code = other_device.post_form("/resume", {"code": "2222-3333-4444-5555", "date_of_birth": "1985-03-27"})
    assert wrong_date.status_code == wrong_code.status_code == 422
    message = "We could not find a form with this code and date of birth."
    assert message in wrong_date.text
    assert message in wrong_code.text


def test_a_wrong_date_of_birth_is_refused_without_decrypting_the_answers(app, patient, answers):
    """The check compares keyed hashes, so a right code with a wrong date takes the same work as a wrong code."""
    code = first_step_with_code(patient, answers)
    with app.app_context():
        intake = db.session.execute(db.select(Intake)).scalar_one()
        assert intake.dob_hash == dob_hash("1985-03-27")
        intake.answers = b"not decryptable"
        db.session.commit()
    other_device = type(patient)(app.test_client())
    response = other_device.post_form("/resume", {"code": code, "date_of_birth": "1990-01-01"})
    assert response.status_code == 422
    assert "could not find a form with this code and date of birth" in response.text


def test_a_draft_saved_before_the_date_of_birth_hash_was_kept_can_still_be_resumed(app, patient, answers):
    code = first_step_with_code(patient, answers)
    with app.app_context():
        db.session.execute(db.update(Intake).values(dob_hash=None))
        db.session.commit()
    other_device = type(patient)(app.test_client())
    response = other_device.post_form("/resume", {"code": code, "date_of_birth": "1985-03-27"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/step/reasons")
    with app.app_context():
        assert db.session.execute(db.select(Intake)).scalar_one().dob_hash == dob_hash("1985-03-27")


def test_only_a_keyed_hash_of_the_code_is_stored(app, patient, answers):
    code = first_step_with_code(patient, answers)
    with app.app_context():
        intake = db.session.execute(db.select(Intake)).scalar_one()
        assert intake.resume_hash and code not in intake.resume_hash
        assert code.replace("-", "") not in intake.resume_hash


def test_a_new_code_replaces_a_lost_one(app, patient, answers):
    old = first_step_with_code(patient, answers)
    new = CODE.search(patient.post_form("/your-code").text).group(1)
    assert new != old
    other_device = type(patient)(app.test_client())
    assert other_device.post_form("/resume", {"code": old, "date_of_birth": "1985-03-27"}).status_code == 422
    assert other_device.post_form("/resume", {"code": new, "date_of_birth": "1985-03-27"}).status_code == 302


def test_the_code_never_travels_in_the_session_cookie(patient, answers):
    code = first_step_with_code(patient, answers)
    cookie = patient.client.get_cookie("session").value
    import base64
    import zlib

    payload = cookie.split(".")[1] if not cookie.startswith(".") else cookie.split(".")[1]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    text = zlib.decompress(raw).decode() if cookie.startswith(".") else raw.decode()
    assert code not in text


def test_patient_ids_never_appear_in_urls(patient, answers):
    first_step_with_code(patient, answers)
    for section_id in ("reasons", "mood"):
        response = patient.answer(section_id, answers[section_id])
        assert "Alex" not in response.headers["Location"]
        assert "1985" not in response.headers["Location"]


def test_a_patient_who_lost_the_code_gets_a_new_one_from_any_later_page_and_goes_back_to_the_form(app, patient,
                                                                                                  answers):
    old = first_step_with_code(patient, answers)
    patient.answer("reasons", answers["reasons"])
    page = patient.client.get("/step/mood").text
    assert 'Lost your code? <a href="/your-code">Get a new one</a>' in page
    assert 'href="/your-code"' in patient.client.get("/review").text

    asked = patient.client.get("/your-code").text
    assert "already shown" in asked and CODE.search(asked) is None, "a GET shows no code and makes none"
    shown = patient.post_form("/your-code").text
    new = CODE.search(shown).group(1)
    assert new != old
    assert 'href="/step/mood">Go back to my form</a>' in shown, "back to the first page with a gap"

    other_device = type(patient)(app.test_client())
    assert other_device.post_form("/resume", {"code": new, "date_of_birth": "1985-03-27"}).status_code == 302


def test_the_first_page_offers_no_lost_code_link_before_a_code_exists(patient):
    patient.start()
    assert "Lost your code?" not in patient.client.get("/step/about_you").text
    asked = patient.client.get("/your-code").text
    assert "Get a code to finish later" in asked and "already shown" not in asked


def test_each_resume_box_is_described_only_by_its_hint_and_error(client):
    """A screen reader reads an input's description: never an empty or dangling one."""
    boxes = re.findall(r"<input[^>]*>", client.get("/resume").text)
    described = [re.search(r'aria-describedby="([^"]*)"', box) for box in boxes if 'type="hidden"' not in box]
    assert [match.group(1) if match else None for match in described] == ["code-hint", None]
