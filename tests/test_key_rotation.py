"""Key rotation: old keys still read, new writes use the new key, and a command re-encrypts everything; a new
SECRET_KEY with the old one as a fallback signs no one out."""

import time

import pytest
from answer_sets import nothing_of_note
from cryptography.fernet import Fernet, InvalidToken
from helpers import SHOWN, STAFF_PASSWORD, Patient, Staff, is_checked

from config import DevelopmentConfig, TestConfig
from screening import create_app
from screening.crypto import Vault, vault
from screening.intake import store as intake_store
from screening.models import Intake, Report, db
from screening.questionnaire import SECTION_BY_ID

OLD_KEY = "3tq8kxH1Il1-3w-nmpG1n4WTnpxnDPuJ0NeuZB0QCV8="
NEW_KEY = Fernet.generate_key().decode()


def test_rotation_keeps_old_data_readable_and_moves_it_to_the_new_key(app, database):
    with app.app_context():
        intake = intake_store.store_submitted(nothing_of_note())
        db.session.add(Report(intake_id=intake.id, pdf=vault().encrypt_bytes(b"%PDF-old"),
                              catalogue_version="x"))
        db.session.commit()

    rotated = create_app({"DATABASE_URL": database, "ENCRYPTION_KEYS": f"{NEW_KEY},{OLD_KEY}"})
    new_only = Fernet(NEW_KEY)
    with rotated.app_context():
        intake = db.session.execute(db.select(Intake)).scalar_one()
        assert intake_store.answers_of(intake)["full_name"] == "Alex Rivera"
        with pytest.raises(InvalidToken):
            new_only.decrypt(intake.answers)
        assert new_only.decrypt(vault().encrypt("a new write")) == b'"a new write"'

    result = rotated.test_cli_runner().invoke(args=["rotate-keys"])
    assert result.exit_code == 0, result.output
    assert "Re-encrypted 1 intake rows, 1 report rows" in result.output
    with rotated.app_context():
        intake = db.session.execute(db.select(Intake)).scalar_one()
        assert b"Alex Rivera" in new_only.decrypt(intake.answers)
        assert new_only.decrypt(db.session.execute(db.select(Report)).scalar_one().pdf) == b"%PDF-old"


def test_a_patients_save_while_the_keys_rotate_is_kept(app, database, monkeypatch):
    """rotate-keys runs while the clinic is open: a page a patient saves meanwhile must not be written over with
    the answers the command read before it."""
    with app.app_context():
        draft = intake_store.start()
        intake_store.save_section(draft, SECTION_BY_ID["about_you"], {"full_name": "Alex Rivera"})
        draft_id = draft.id
    rotated = create_app({"DATABASE_URL": database, "ENCRYPTION_KEYS": f"{NEW_KEY},{OLD_KEY}"})
    rotate = Vault.rotate
    saved = []

    def patient_saves_meanwhile(self, token):
        if not saved:
            with rotated.app_context():  # another request, with its own session
                intake_store.save_section(db.session.get(Intake, draft_id), SECTION_BY_ID["about_you"],
                                          {"full_name": "Sam Lee"})
            saved.append(draft_id)
        return rotate(self, token)

    monkeypatch.setattr(Vault, "rotate", patient_saves_meanwhile)
    result = rotated.test_cli_runner().invoke(args=["rotate-keys"])
    assert result.exit_code == 0, result.output
    assert saved
    with rotated.app_context():
        answers = db.session.get(Intake, draft_id).answers
        assert Fernet(NEW_KEY).decrypt(answers) == b'{"full_name": "Sam Lee"}'


# SECRET_KEY rotation: cookies signed with the old key are taken while it is a fallback

OLD_SECRET = TestConfig.SECRET_KEY
NEW_SECRET = "n" * 64


@pytest.fixture
def restarted(database, monkeypatch, tmp_path):
    """The app as a clinic restarts it with a new SECRET_KEY, the old one in SECRET_KEY_FALLBACKS or not, set in the
    environment."""
    def restart(fallbacks: str = ""):
        settings = {"SCREENING_INSTANCE": str(tmp_path), "DATABASE_URL": database, "SECRET_KEY": NEW_SECRET,
                    "SECRET_KEY_FALLBACKS": fallbacks, "ENCRYPTION_KEYS": TestConfig.ENCRYPTION_KEYS,
                    "LOOKUP_KEY": TestConfig.LOOKUP_KEY, "ALERTS_AFTER_RESPONSE": "0"}
        for name, value in settings.items():
            monkeypatch.setenv(name, value)
        return create_app(DevelopmentConfig)
    return restart


def same_browser(app, client):
    """`client`'s browser, with its cookie, talking to `app`."""
    browser = app.test_client()
    browser.set_cookie("session", client.get_cookie("session").value)
    return browser


def a_minute_later(monkeypatch, minutes: float = 2) -> None:
    moved = time.time() + minutes * 60
    monkeypatch.setattr(time, "time", lambda: moved)


def patient_on_step_two(patient, answers) -> None:
    patient.start()
    assert patient.answer("about_you", answers["about_you"]).status_code == 200


def test_a_new_secret_key_with_the_old_one_as_a_fallback_signs_no_one_out(restarted, make_staff, patient, answers,
                                                                          monkeypatch):
    nurse = make_staff()
    patient_on_step_two(patient, answers)
    # Flask-Login's remember cookie is signed with SECRET_KEY alone; staff never get one, only the session.
    assert [cookie.key for cookie in nurse.client._cookies.values()] == ["session"]
    rotated = restarted(f" another-old-key , {OLD_SECRET}")
    nurse_now, patient_now = same_browser(rotated, nurse.client), same_browser(rotated, patient.client)
    a_minute_later(monkeypatch)
    assert nurse_now.get("/staff/").status_code == 200
    assert 'value="Alex Rivera"' in patient_now.get("/step/about_you").text
    # Those responses signed the cookies again, with the new key: once everyone has made a request (or their idle
    # time has passed), the fallback can go.
    new_only = restarted()
    assert same_browser(new_only, nurse_now).get("/staff/").status_code == 200
    assert same_browser(new_only, patient_now).get("/step/reasons").status_code == 200


def test_cookies_signed_with_the_old_key_stop_working_once_the_fallback_is_removed(restarted, make_staff, patient,
                                                                                   answers):
    nurse = make_staff()
    patient_on_step_two(patient, answers)
    new_only = restarted()
    queue = same_browser(new_only, nurse.client).get("/staff/")
    assert queue.status_code == 302 and "/staff/sign-in" in queue.headers["Location"]
    step = same_browser(new_only, patient.client).get("/step/reasons")
    assert step.status_code == 302 and step.headers["Location"].endswith("/")


def test_a_page_open_across_the_rotation_is_refused_as_expired_and_keeps_what_was_typed(restarted, patient, answers):
    """Flask-WTF 1.3 signs its CSRF tokens with SECRET_KEY alone: a form sent after the restart is refused as open
    too long, and the patient's page comes back with what was typed, to send again."""
    patient_on_step_two(patient, answers)
    page = patient.page("reasons").text
    typed = {"csrf_token": patient.token(page), "shown": SHOWN.search(page).group(1), "action": "next",
             **answers["reasons"]}
    browser = same_browser(restarted(f" another-old-key , {OLD_SECRET}"), patient.client)
    refused = browser.post("/step/reasons", data=typed)
    assert refused.status_code == 400 and "not saved yet" in refused.text
    assert is_checked(refused.text, "reasons", "anxiety")
    sent = browser.post("/step/reasons", data={**typed, "csrf_token": Patient(browser).token(refused.text)})
    assert sent.status_code == 302
    assert is_checked(browser.get("/step/reasons").text, "reasons", "anxiety")


def test_a_staff_form_open_across_the_rotation_is_refused_as_open_too_long(restarted, make_staff):
    nurse = make_staff(signed_in=False)
    page = nurse.client.get("/staff/sign-in").text
    browser = same_browser(restarted(f" another-old-key , {OLD_SECRET}"), nurse.client)
    refused = browser.post("/staff/sign-in", data={"csrf_token": Patient(browser).token(page), "email": nurse.email,
                                                   "password": STAFF_PASSWORD})
    assert refused.status_code == 400 and "This page was open for a long time" in refused.text
    assert Staff(browser, nurse.email).sign_in().status_code == 302
