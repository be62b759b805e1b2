"""Which wording of the consent each patient agreed to: a clinic that changes ALERT_CONSENT_TEXT can tell afterwards
who agreed to which, on the PDF next to "I agree" and with `flask consent-wordings`."""

import hashlib
import io
import json
import re

import flask_migrate
import pytest
from answer_sets import typical_patient
from helpers import BACKENDS, SHOWN, Patient, app_at_revision, intake_at_revision, is_checked
from pypdf import PdfReader

from config import ALERT_CONSENT
from screening import create_app
from screening.models import ConsentWording, Intake, db

NEW_WORDS = "Lakeside may phone you straight away if an answer shows you may hurt yourself."
CONSENT_WORDS = ("I agree that the clinic may use my answers to get ready for my visit.\n"
                 "Only the clinic's staff can see your answers.")


def digest(alert_text: str) -> str:
    return hashlib.sha256(f"{alert_text}\n{CONSENT_WORDS}".encode()).hexdigest()


@pytest.fixture
def app_with_new_words(app, database):
    """The same clinic after changing its alert consent: the app restarted on the same database."""
    changed = create_app({"DATABASE_URL": database, "CLINIC_PHONE": "555 010 0100", "ALERT_CONSENT_TEXT": NEW_WORDS})
    yield changed
    with changed.app_context():
        db.engine.dispose()


def sent_intake(app) -> Intake:
    patient = Patient(app.test_client())
    patient.complete()
    assert patient.submit().headers["Location"].endswith("/done")
    with app.app_context():
        return db.session.scalars(db.select(Intake).order_by(Intake.id.desc())).first()


def every_answer_part(staff, intake_id: int) -> str:
    """The PDF's every-answer part as a staff member downloads it, from its first section on."""
    pdf = staff.client.get(f"/staff/intakes/{intake_id}/summary.pdf").data
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split()).split("1. About you", 1)[1]


def test_the_pdf_names_the_wording_the_patient_agreed_to_next_to_i_agree(app, make_staff):
    intake = sent_intake(app)
    assert intake.consent_wording == digest(ALERT_CONSENT)
    printed = every_answer_part(make_staff(), intake.id)
    assert re.search(r"I agree \(wording " + digest(ALERT_CONSENT)[:8] + r", first agreed to \d{4}-\d\d-\d\d\)",
                     printed)


def test_patients_who_agreed_to_different_wordings_are_told_apart(app, app_with_new_words, make_staff, runner):
    before, after = sent_intake(app), sent_intake(app_with_new_words)
    also_before = sent_intake(app)
    assert before.consent_wording == also_before.consent_wording == digest(ALERT_CONSENT)
    assert after.consent_wording == digest(NEW_WORDS)
    staff = make_staff()
    assert f"wording {digest(NEW_WORDS)[:8]}," in every_answer_part(staff, after.id)
    assert f"wording {digest(ALERT_CONSENT)[:8]}," in every_answer_part(staff, before.id)
    listed = runner.invoke(args=["consent-wordings"]).output
    assert f"wording {digest(ALERT_CONSENT)[:8]} (sha256 {digest(ALERT_CONSENT)})" in listed
    assert "2 intakes stored" in listed and "1 intake stored" in listed
    assert listed.index(ALERT_CONSENT[:40]) < listed.index(NEW_WORDS), "oldest first, each with its words"


def test_the_kept_wordings_hold_the_clinics_words_and_nothing_a_patient_typed(app, app_with_new_words):
    sent_intake(app)
    sent_intake(app_with_new_words)
    with app.app_context():
        kept = {row.digest: row.text for row in db.session.scalars(db.select(ConsentWording))}
    assert kept == {digest(ALERT_CONSENT): f"{ALERT_CONSENT}\n{CONSENT_WORDS}",
                    digest(NEW_WORDS): f"{NEW_WORDS}\n{CONSENT_WORDS}"}


def test_a_box_ticked_under_words_changed_since_is_asked_again_under_the_new_words(app, app_with_new_words, answers):
    patient = Patient(app.test_client())
    patient.start()
    opened = patient.page("about_you").text
    assert f'name="consent_wording" value="{digest(ALERT_CONSENT)}"' in opened
    form = {"csrf_token": patient.token(opened), "shown": SHOWN.search(opened).group(1), "action": "next",
            "consent_wording": digest(ALERT_CONSENT), **answers["about_you"]}
    restarted = app_with_new_words.test_client()  # the same browser, after the clinic restarted with new words
    restarted.set_cookie("session", patient.client.get_cookie("session").value)
    again = restarted.post("/step/about_you", data=form)
    assert again.status_code == 422
    assert "We changed the words above after you opened this page. Please read them, then tick the box again." \
        in again.text
    assert NEW_WORDS in again.text and f'value="{digest(NEW_WORDS)}"' in again.text
    assert not is_checked(again.text, "consent", "y")
    assert f'value="{answers["about_you"]["full_name"]}"' in again.text, "everything else typed is kept"
    with app.app_context():
        assert db.session.scalar(db.select(Intake.consent_wording)) is None
    form["consent_wording"] = digest(NEW_WORDS)
    assert "resume-code" in restarted.post("/step/about_you", data=form).text
    with app.app_context():
        assert db.session.scalar(db.select(Intake.consent_wording)) == digest(NEW_WORDS)


def test_an_intake_loaded_from_a_file_says_its_wording_was_not_recorded(app, runner, make_staff, tmp_path):
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(typical_patient()), encoding="utf-8")
    assert runner.invoke(args=["load-answers", str(path)]).exit_code == 0
    with app.app_context():
        intake_id = db.session.scalar(db.select(Intake.id))
    assert "I agree (wording not recorded)" in every_answer_part(make_staff(), intake_id)


def test_unticking_the_box_with_back_leaves_no_wording_agreed_to(app, patient, answers):
    patient.start()
    patient.answer("about_you", answers["about_you"])
    patient.answer("about_you", {**answers["about_you"], "consent": ""}, action="back")
    with app.app_context():
        assert db.session.scalar(db.select(Intake.consent_wording)) is None


@pytest.fixture(params=BACKENDS)
def database_at_0011(request, tmp_path):
    with app_at_revision(request.param, "0011", tmp_path) as app:
        yield app


def test_migration_0012_keeps_earlier_intakes_as_wording_not_recorded(database_at_0011):
    app = database_at_0011
    with app.app_context():
        sent = intake_at_revision(typical_patient(), sent=True)
        flask_migrate.upgrade(revision="0012")
        assert db.session.get(Intake, sent).consent_wording is None
        db.session.add(ConsentWording(digest=digest(ALERT_CONSENT), text=ALERT_CONSENT))
        db.session.get(Intake, sent).consent_wording = digest(ALERT_CONSENT)
        db.session.commit()
        db.session.close()
        flask_migrate.downgrade(revision="0011")
        assert "consent_wording" not in db.inspect(db.engine).get_table_names()
        flask_migrate.upgrade(revision="0012")
        assert db.session.get(Intake, sent).consent_wording is None


def test_the_patients_copy_shows_the_words_they_agreed_to_and_leaves_the_digest_to_the_clinic(app, patient):
    patient.complete()
    patient.submit()
    pages = PdfReader(io.BytesIO(patient.client.get("/done/summary.pdf").data)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    agreed = " ".join(f"{ALERT_CONSENT}\n{CONSENT_WORDS}".split())
    assert f"for my visit. I agree You said yes to these words: {agreed}" in text
    assert "wording" not in text and digest(ALERT_CONSENT)[:8] not in text
