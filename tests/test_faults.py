"""Faults: an unreachable database or Redis, a PDF that fails to render, many patients at once."""

import threading
import urllib.error

import pytest
from answer_sets import everything_positive
from helpers import Patient, typical_answers
from served import Browser, app_environment, free_port, gunicorn, migrate, stop

from screening import create_app
from screening.intake import store as intake_store
from screening.models import Intake, Report, db
from screening.questionnaire import SECTION_BY_ID
from screening.summary import pdf as report_pdf


def test_an_unreachable_database_gives_a_calm_page(app):
    broken = create_app({"DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none"})
    patient = Patient(broken.test_client())
    response = patient.start()
    assert response.status_code == 503
    assert "We cannot save your answers just now" in response.text
    assert "Traceback" not in response.text and "psycopg" not in response.text


@pytest.fixture
def failing_renderer(monkeypatch):
    """WeasyPrint failing half-way (a fault, not a test double of our own code)."""

    def fail(*args, **kwargs):
        raise OSError("disk full while writing")

    monkeypatch.setattr(report_pdf.HTML, "write_pdf", fail)


def test_a_failed_render_keeps_the_submission_and_stores_no_half_file(app, patient, answers, failing_renderer):
    patient.complete(answers)
    assert patient.submit().headers["Location"].endswith("/done")
    with app.app_context():
        assert db.session.execute(db.select(Intake)).scalar_one().is_submitted
        assert db.session.execute(db.select(Report)).first() is None
    response = patient.client.get("/done/summary.pdf")
    assert response.headers["Location"].endswith("/done")
    assert "could not be made just now" in patient.client.get("/done").text


def test_staff_see_a_clear_message_and_can_retry_a_failed_pdf(app, make_staff, monkeypatch):
    with app.app_context():
        intake_id = intake_store.store_submitted(everything_positive()).id
    staff = make_staff()

    def fail(*args, **kwargs):
        raise OSError("renderer crashed")

    with monkeypatch.context() as patched:
        patched.setattr(report_pdf.HTML, "write_pdf", fail)
        failed = staff.client.get(f"/staff/intakes/{intake_id}/summary.pdf")
    assert failed.status_code == 503
    assert "could not be made just now" in failed.text and "Try again" in failed.text
    retried = staff.client.get(f"/staff/intakes/{intake_id}/summary.pdf")
    assert retried.status_code == 200 and retried.data.startswith(b"%PDF")


def test_concurrent_patients_never_see_each_others_answers(app):
    names = [f"Parallel Patient{number}" for number in range(6)]
    errors = []

    def one_patient(name):
        try:
            patient = Patient(app.test_client())
            answers = typical_answers()
            answers["about_you"]["full_name"] = name
            patient.complete(answers)
            review = patient.client.get("/review").text
            assert name in review
            assert not [other for other in names if other != name and other in review]
            assert patient.submit().status_code == 302
        except Exception as error:  # collected and reported by the main thread
            errors.append(f"{name}: {error!r}")

    threads = [threading.Thread(target=one_patient, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with app.app_context():
        intakes = db.session.scalars(db.select(Intake))
        stored = sorted(intake_store.answers_of(intake)["full_name"] for intake in intakes)
    assert stored == sorted(names)


def in_another_tab(patient, section_id: str, data: dict):
    """The patient saves a page from a second tab: a thread, so the request has a context and a database
    session of its own, apart from the test's, which plays the first tab."""
    response = []
    saving = threading.Thread(target=lambda: response.append(patient.answer(section_id, data)))
    saving.start()
    saving.join()
    return response[0]


def test_a_save_from_another_tab_in_between_is_merged_not_overwritten(app, patient, answers):
    patient.start()
    patient.answer("about_you", answers["about_you"])
    with app.test_request_context():
        first_tab = db.session.execute(db.select(Intake)).scalar_one()
        intake_store.answers_of(first_tab)  # the first tab has read the answers, as a step does before saving...
        assert in_another_tab(patient, "heart", answers["heart"]).status_code == 302  # ...when another saves
        intake_store.save_section(first_tab, SECTION_BY_ID["reasons"], {"reasons": ["ptsd"]})
    with app.app_context():
        stored = intake_store.answers_of(db.session.execute(db.select(Intake)).scalar_one())
    assert stored["reasons"] == ["ptsd"]
    assert stored["bp_diagnosed"] == answers["heart"]["bp_diagnosed"] and stored["heart_any"] == "no"
    assert stored["full_name"] == answers["about_you"]["full_name"]


def test_sending_checks_and_flags_a_save_another_tab_made_after_the_review_page(app, patient, answers):
    patient.complete(answers)
    with app.test_request_context():
        first_tab = db.session.execute(db.select(Intake)).scalar_one()
        intake_store.answers_of(first_tab)  # the first tab has read the answers to send them...
        safety = {**answers["safety"], "asq_1": "yes", "asq_5": "no"}  # ...when another tab saves self-harm
        assert in_another_tab(patient, "safety", safety).headers["Location"].endswith("/crisis")
        assert intake_store.submit(first_tab) == []
    with app.app_context():
        sent = db.session.execute(db.select(Intake)).scalar_one()
        assert sent.is_submitted and intake_store.answers_of(sent)["asq_1"] == "yes"
        assert sent.top_level == "urgent" and sent.urgent


def test_patients_start_forms_while_redis_is_down_and_the_limit_still_holds(tmp_path):
    """Production counts rate limits in Redis; with Redis unreachable, each process counts in memory instead of
    answering every patient who starts or resumes a form with an error."""
    env = app_environment(tmp_path, RATELIMIT_STORAGE_URI="redis://127.0.0.1:9/0", START_LIMIT="3 per hour")
    migrate(env)
    port = free_port()
    server = gunicorn(env, port, "-w", "1", "-k", "gthread", "--threads", "2")
    try:
        patient = Browser(f"http://127.0.0.1:{port}")
        statuses = []
        for _ in range(4):
            try:
                statuses.append(200 if "About you" in patient.post("/start", {"action": "new"}, page="/") else 0)
            except urllib.error.HTTPError as refused:
                statuses.append(refused.code)
        assert statuses == [200, 200, 200, 429]
    finally:
        stop(server)
