"""A patient going through the whole intake, and what is stored afterwards."""

from screening.intake import store as intake_store
from screening.models import Intake, db
from screening.questionnaire import SECTIONS


def stored_intake(app) -> Intake:
    with app.app_context():
        return db.session.execute(db.select(Intake)).scalar_one()


def stored_answers(app) -> dict:
    with app.app_context():
        return intake_store.answers_of(db.session.execute(db.select(Intake)).scalar_one())


def test_whole_intake_is_stored_and_submitted(app, patient, answers):
    last = patient.complete(answers)
    assert last.headers["Location"].endswith("/review")
    review = patient.client.get("/review")
    assert "Check your answers" in review.text
    assert "Alex Rivera" in review.text
    for section in SECTIONS:
        assert section.title in review.text

    done = patient.submit()
    assert done.headers["Location"].endswith("/done")
    intake = stored_intake(app)
    assert intake.is_submitted
    saved = stored_answers(app)
    assert saved["full_name"] == "Alex Rivera"
    assert saved["reasons"] == ["depression", "anxiety"]
    assert saved["drug_use_count"] == 0
    assert saved["consent"] is True


def test_every_step_shows_its_progress_and_the_bar_counts_the_steps_done(patient):
    patient.start()
    for number, section in enumerate(SECTIONS, start=1):
        page = patient.page(section.id)
        assert f"Step {number} of {len(SECTIONS)}" in page.text
        done = number - 1  # step 1: an empty bar, nothing done yet
        assert f'<progress max="{len(SECTIONS)}" value="{done}"' in page.text
        assert f'aria-valuetext="{done} of {len(SECTIONS)} steps done"' in page.text


def test_answers_are_encrypted_in_the_database(app, patient, answers):
    patient.complete(answers)
    raw = stored_intake(app).answers
    assert b"Alex Rivera" not in raw
    assert b"1985-03-27" not in raw
