"""Clinicians' PDFs rendered by a worker process (PDF_WORKER): the web only records a request, `flask worker`
renders it, staff see "being prepared" meanwhile. With PDF_WORKER off, the web renders as before."""

import io
import logging
import os
import time
from datetime import timedelta
from pathlib import Path

import flask_migrate
import pytest
from answer_sets import everything_positive, nothing_of_note
from helpers import Patient, Staff
from pypdf import PdfReader
from served import stop_cleanly, watching_worker

import config
from screening import create_app
from screening.crypto import vault
from screening.intake import store as intake_store
from screening.models import AuditEvent, Intake, Report, db, utcnow
from screening.rules import CATALOGUE_VERSION
from screening.summary import pdf as report_pdf
from screening.summary import store as summaries
from screening.summary import worker as render_worker

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def worker_app(app, database):
    """The app as production runs it, on `app`'s database (and clean-up): clinicians' PDFs are left to the worker."""
    worker_app = create_app({"DATABASE_URL": database, "PDF_WORKER": True})
    yield worker_app
    with worker_app.app_context():
        db.engine.dispose()


@pytest.fixture
def nurse(worker_app, make_staff):
    member = Staff(worker_app.test_client(), make_staff(signed_in=False).email)
    assert member.sign_in().status_code == 302
    return member


def submit_form(app, answers: dict | None = None) -> int:
    patient = Patient(app.test_client())
    patient.complete(answers)
    assert patient.submit().headers["Location"].endswith("/done")
    with app.app_context():
        return db.session.execute(db.select(Intake.id).order_by(Intake.id.desc())).scalars().first()


def request_pdf(worker_app, answers: dict) -> int:
    """An intake stored and sent as `load-answers` does it, its PDF requested from the worker."""
    with worker_app.app_context():
        intake = intake_store.store_submitted(answers)
        summaries.store_quietly(intake)
        return intake.id


def requested_at(app, intake_id: int):
    with app.app_context():
        return db.session.get(Intake, intake_id).pdf_requested_at


def report_of(app, intake_id: int) -> Report | None:
    with app.app_context():
        return db.session.get(Report, intake_id)


def render_pdfs(app):
    result = app.test_cli_runner().invoke(args=["worker", "--nice", "0"])
    assert result.exit_code == 0, result.output
    return result.output


def pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


# Settings


def test_only_production_leaves_pdfs_to_a_worker_by_default():
    assert not config.Config.PDF_WORKER and not config.DevelopmentConfig.PDF_WORKER
    assert not config.TestConfig.PDF_WORKER
    assert config.ProductionConfig.PDF_WORKER


def test_the_environment_turns_the_worker_on_and_off(monkeypatch, tmp_path):
    monkeypatch.setenv("SCREENING_INSTANCE", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    for name, value in {"SECRET_KEY": "s" * 64, "LOOKUP_KEY": "l" * 64,
                        "ENCRYPTION_KEYS": config.TestConfig.ENCRYPTION_KEYS}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("PDF_WORKER", "1")
    assert create_app(config.DevelopmentConfig).config["PDF_WORKER"] is True
    monkeypatch.setenv("PDF_WORKER", "0")
    assert create_app(config.ProductionConfig).config["PDF_WORKER"] is False
    monkeypatch.setenv("PDF_WORKER", "perhaps")
    with pytest.raises(ValueError, match="PDF_WORKER must be 1 or 0"):
        create_app(config.ProductionConfig)


# With PDF_WORKER on


def test_submitting_only_requests_the_pdf_and_the_patient_copy_is_still_made_on_demand(worker_app):
    before = utcnow()
    patient = Patient(worker_app.test_client())
    patient.complete()
    assert patient.submit().headers["Location"].endswith("/done")
    with worker_app.app_context():
        intake = db.session.execute(db.select(Intake)).scalar_one()
        assert intake.is_submitted and intake.pdf_requested_at >= before
        assert db.session.execute(db.select(Report)).first() is None
    own_copy = patient.client.get("/done/summary.pdf")
    assert own_copy.status_code == 200 and "Alex Rivera" in pdf_text(own_copy.data)
    assert report_of(worker_app, intake.id) is None


def test_staff_see_the_pdf_being_prepared_until_the_worker_has_rendered_it(worker_app, nurse):
    intake_id = submit_form(worker_app)
    asked = requested_at(worker_app, intake_id)
    url = f"/staff/intakes/{intake_id}/summary.pdf"

    waiting = nurse.client.get(url)
    assert waiting.status_code == 202
    assert "The PDF is being prepared" in waiting.text and "taking longer" not in waiting.text
    assert f'href="{url}">Check again</a>' in waiting.text
    assert f'href="/staff/intakes/{intake_id}">Back to the intake</a>' in waiting.text
    assert "http-equiv" not in waiting.text
    assert "Alex Rivera" not in waiting.text
    assert requested_at(worker_app, intake_id) == asked  # opening it again keeps the request's place
    assert report_of(worker_app, intake_id) is None

    output = render_pdfs(worker_app)
    assert "Rendered 1 PDFs; 0 failed" in output and "Alex" not in output

    ready = nurse.client.get(url)
    assert ready.status_code == 200 and ready.mimetype == "application/pdf"
    assert "no-store" in ready.headers["Cache-Control"]
    assert "Alex Rivera" in pdf_text(ready.data)
    assert requested_at(worker_app, intake_id) is None
    assert report_of(worker_app, intake_id).catalogue_version == CATALOGUE_VERSION
    with worker_app.app_context():
        prints = db.session.scalars(db.select(AuditEvent.intake_id).filter_by(action="print")).all()
    assert prints == [intake_id]  # the "being prepared" page handed nothing over


def test_urgent_intakes_are_rendered_first(worker_app):
    ordinary = request_pdf(worker_app, nothing_of_note())
    urgent = request_pdf(worker_app, everything_positive())
    with worker_app.app_context():
        assert db.session.get(Intake, urgent).urgent and not db.session.get(Intake, ordinary).urgent
        worker = render_worker.Worker()
        assert worker.render_next()
        assert db.session.get(Report, urgent) is not None and db.session.get(Report, ordinary) is None
        assert worker.render_next() and not worker.render_next()
        assert db.session.get(Report, ordinary) is not None and worker.rendered == 2


def test_a_pdf_made_by_an_older_catalogue_is_requested_and_rendered_again(worker_app, nurse):
    with worker_app.app_context():
        intake_id = intake_store.store_submitted(nothing_of_note()).id
        db.session.add(Report(intake_id=intake_id, pdf=vault().encrypt_bytes(b"%PDF-old"),
                              catalogue_version="2000.1"))
        db.session.commit()
    url = f"/staff/intakes/{intake_id}/summary.pdf"
    assert nurse.client.get(url).status_code == 202
    assert requested_at(worker_app, intake_id) is not None

    assert "Rendered 1 PDFs" in render_pdfs(worker_app)
    assert report_of(worker_app, intake_id).catalogue_version == CATALOGUE_VERSION
    renewed = nurse.client.get(url)
    assert renewed.status_code == 200 and "Alex Rivera" in pdf_text(renewed.data)


def test_a_failed_render_stays_requested_and_the_worker_goes_on_to_the_next(worker_app, monkeypatch, caplog):
    failing = request_pdf(worker_app, everything_positive())
    following = request_pdf(worker_app, nothing_of_note())
    asked = requested_at(worker_app, failing)
    write_pdf = report_pdf.HTML.write_pdf
    calls = []

    def fail_once(document, *args, **kwargs):
        """WeasyPrint failing on its first document only (a fault, not a test double of our own code)."""
        calls.append(document)
        if len(calls) == 1:
            raise OSError("disk full while writing Maria-Dolores")
        return write_pdf(document, *args, **kwargs)

    with monkeypatch.context() as patched, caplog.at_level(logging.WARNING):
        patched.setattr(report_pdf.HTML, "write_pdf", fail_once)
        output = render_pdfs(worker_app)
    assert "Rendered 1 PDFs; 1 failed to render and stay requested." in output
    assert report_of(worker_app, failing) is None
    assert requested_at(worker_app, failing) == asked
    assert report_of(worker_app, following) is not None and requested_at(worker_app, following) is None
    assert f"intake {failing}" in caplog.text and "OSError" in caplog.text
    assert "disk full" not in caplog.text and "Maria" not in caplog.text

    assert "Rendered 1 PDFs; 0 failed" in render_pdfs(worker_app)  # a new run tries it again at once
    assert report_of(worker_app, failing) is not None and requested_at(worker_app, failing) is None


def test_answers_that_cannot_be_decrypted_do_not_stop_the_worker(worker_app, caplog):
    """A key removed too early: that intake's PDF cannot be made, the others still are, and the log holds no text."""
    unreadable = request_pdf(worker_app, everything_positive())
    following = request_pdf(worker_app, nothing_of_note())
    with worker_app.app_context():
        db.session.get(Intake, unreadable).answers = b"encrypted under a key that is gone"
        db.session.commit()
    with caplog.at_level(logging.WARNING):
        assert "Rendered 1 PDFs; 1 failed" in render_pdfs(worker_app)
    assert report_of(worker_app, unreadable) is None and requested_at(worker_app, unreadable) is not None
    assert report_of(worker_app, following) is not None
    assert f"intake {unreadable} stays requested (RenderFailed)" in caplog.text
    assert "encrypted under" not in caplog.text


def test_a_worker_passes_over_a_failed_render_until_its_retry_time(worker_app, monkeypatch):
    failing = request_pdf(worker_app, nothing_of_note())

    def fail(*args, **kwargs):
        raise OSError("renderer crashed")

    monkeypatch.setattr(report_pdf.HTML, "write_pdf", fail)
    with worker_app.app_context():
        worker = render_worker.Worker()
        assert worker.render_next() and not worker.render_next()
        assert worker.failed == 1 and worker.retry_at[failing] > utcnow() + timedelta(seconds=50)
        worker.retry_at[failing] = utcnow()
        assert worker.render_next() and worker.failed == 2


def test_staff_are_told_to_have_the_worker_checked_after_five_minutes(worker_app, nurse):
    intake_id = submit_form(worker_app)
    url = f"/staff/intakes/{intake_id}/summary.pdf"
    for minutes, told in ((4, False), (6, True)):
        with worker_app.app_context():
            db.session.get(Intake, intake_id).pdf_requested_at = utcnow() - timedelta(minutes=minutes)
            db.session.commit()
        page = nurse.client.get(url)
        assert page.status_code == 202
        assert ("taking longer than usual" in page.text) is told
        assert ("flask --app screening worker --watch" in page.text) is told


@pytest.mark.postgresql_only  # SQLite has no row locks: one worker per SQLite database
def test_workers_on_postgresql_pass_over_an_intake_another_worker_holds(worker_app):
    held = request_pdf(worker_app, nothing_of_note())
    free = request_pdf(worker_app, nothing_of_note())
    with worker_app.app_context(), db.engine.connect() as other_worker:
        assert other_worker.execute(render_worker.next_request()).first().id == held
        assert render_worker.Worker().render_next()
        assert db.session.get(Report, free) is not None and db.session.get(Report, held) is None
        other_worker.rollback()


# With PDF_WORKER off


def test_without_a_worker_the_web_renders_at_submission_and_renews_an_old_pdf_when_opened(app, make_staff):
    intake_id = submit_form(app)
    assert requested_at(app, intake_id) is None
    assert report_of(app, intake_id).catalogue_version == CATALOGUE_VERSION
    with app.app_context():
        db.session.get(Report, intake_id).catalogue_version = "2000.1"
        db.session.commit()
    opened = make_staff().client.get(f"/staff/intakes/{intake_id}/summary.pdf")
    assert opened.status_code == 200 and "Alex Rivera" in pdf_text(opened.data)
    assert report_of(app, intake_id).catalogue_version == CATALOGUE_VERSION
    assert requested_at(app, intake_id) is None


# The real worker process


def test_a_watching_worker_renders_a_new_submission_and_stops_cleanly_on_sigterm(tmp_path):
    url = f"sqlite:///{tmp_path / 'worker.db'}"
    web = create_app({"DATABASE_URL": url, "PDF_WORKER": True})
    with web.app_context():
        flask_migrate.upgrade()
    env = {**os.environ, "SCREENING_CONFIG": "development", "SCREENING_INSTANCE": str(tmp_path),
           "DATABASE_URL": url, "SECRET_KEY": "k" * 64, "LOOKUP_KEY": config.TestConfig.LOOKUP_KEY,
           "ENCRYPTION_KEYS": config.TestConfig.ENCRYPTION_KEYS, "PDF_WORKER": "1"}
    try:
        with watching_worker(env) as worker:
            intake_id = submit_form(web)
            deadline = time.monotonic() + 30
            while report_of(web, intake_id) is None and worker.poll() is None and time.monotonic() < deadline:
                time.sleep(0.2)
            assert report_of(web, intake_id) is not None, worker.stderr.read() if worker.poll() is not None else ""
            assert requested_at(web, intake_id) is None
            assert os.getpriority(os.PRIO_PROCESS, worker.pid) == min(os.getpriority(os.PRIO_PROCESS, 0) + 10, 19)
            output, errors = stop_cleanly(worker)
    finally:
        with web.app_context():
            db.engine.dispose()
    assert worker.returncode == 0, errors
    assert "Rendered 1 PDFs; 0 failed" in output
    assert "Alex" not in output + errors
