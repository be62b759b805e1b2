"""The worker outlives PostgreSQL going away: cut off from the database for a while (connections dropped, new ones
refused), it waits, and once the database is back it sends the alert and renders the PDF that came in meanwhile,
having logged no health data. A render the cut broke off is a failed render, tried again; a database that answers
with an error (no such table) still stops the worker."""

import contextlib
import io
import logging
import os
import socket
import threading
import time
from datetime import timedelta

import pytest
from answer_sets import typical_patient
from mail_servers import ON_CALL, MailServer, alert_settings
from pypdf import PdfReader
from served import free_port, stop_cleanly, watching_worker
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

import config
from screening import create_app
from screening.intake import store as intake_store
from screening.jobs import Jobs
from screening.models import Intake, Report, db, utcnow
from screening.summary import pdf as report_pdf
from screening.summary import store as summaries

NAME, PHONE, EMAIL = "Alex Rivera", "555 123 4567", "alex@example.org"


class DatabaseLink:
    """A TCP relay on loopback in front of PostgreSQL, which the test cuts (every connection dropped, new ones
    refused, as when the server or its network goes down) and restores on the same port."""

    def __init__(self, database: str) -> None:
        url = make_url(database)
        self.upstream, self.port = (url.host or "127.0.0.1", url.port or 5432), free_port()
        self.url = url.set(host="127.0.0.1", port=self.port).render_as_string(hide_password=False)
        self.listener: socket.socket | None = None
        self.open_sockets: set[socket.socket] = set()
        self.connections = 0
        self.lock = threading.Lock()
        self.restore()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self.listener = listener
        threading.Thread(target=self.accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
            listener.close()
        with self.lock:
            dropped, self.open_sockets = self.open_sockets, set()
        for each in dropped:
            self.close(each)

    def accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
                server = socket.create_connection(self.upstream)
            except OSError:
                return
            with self.lock:
                self.open_sockets |= {client, server}
                self.connections += 1
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self.relay, args=(source, sink), daemon=True).start()

    def relay(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for each in (source, sink):
            self.close(each)

    @staticmethod
    def close(each: socket.socket) -> None:
        with contextlib.suppress(OSError):
            each.shutdown(socket.SHUT_RDWR)
        each.close()


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()


@pytest.mark.postgresql_only  # SQLite is a file: there is no server to lose
def test_the_worker_outlives_postgresql_going_away_and_catches_up_once_it_is_back(app, database, tmp_path):
    link = DatabaseLink(database)
    mail = MailServer(free_port())
    mail.start()
    web = create_app({"DATABASE_URL": database, "PDF_WORKER": True, **alert_settings(mail.port)})
    env = {**os.environ, "SCREENING_CONFIG": "development", "SCREENING_INSTANCE": str(tmp_path),
           "DATABASE_URL": link.url,
           "SECRET_KEY": "k" * 64, "LOOKUP_KEY": config.TestConfig.LOOKUP_KEY,
           "ENCRYPTION_KEYS": config.TestConfig.ENCRYPTION_KEYS, "PDF_WORKER": "1", "MAIL_SERVER": "127.0.0.1",
           "MAIL_PORT": str(mail.port), "MAIL_USE_TLS": "0", "ALERT_EMAILS": ON_CALL}
    try:
        with watching_worker(env, "--nice", "0") as worker:
            assert wait_until(lambda: link.connections > 0 or worker.poll() is not None, 30), "the worker never looked"
            link.cut()
            with web.app_context():  # the web app still reaches the database: a patient sends an urgent form
                intake = intake_store.store_submitted({**typical_patient(), "asq_1": "yes", "asq_5": "no"})
                summaries.store_quietly(intake)
                intake_id = intake.id
            time.sleep(3)  # the worker looks every 0.2 s, and finds no database
            assert worker.poll() is None, worker.stderr.read()
            assert mail.inbox.messages == []
            link.restore()
            assert wait_until(lambda: report_of(web, intake_id) is not None or worker.poll() is not None, 60), \
                "no PDF within a minute of the database coming back"
            assert len(mail.inbox.wait_for(1, seconds=60)) == 1
            with web.app_context():
                assert NAME in pdf_text(summaries.pdf_of(db.session.get(Intake, intake_id)))
            output, errors = stop_cleanly(worker)
    finally:
        mail.stop()
        link.cut()
        with web.app_context():
            db.engine.dispose()
    assert worker.returncode == 0, errors
    assert "Sent 1 alerts" in output and "Rendered 1 PDFs" in output
    assert "the database cannot be reached (OperationalError)" in errors and "the database answers again" in errors
    assert errors.count("the database cannot be reached") == 1, "said once, not at each look every 0.2 s"
    for health_data in (NAME, PHONE, EMAIL):
        assert health_data not in output + errors


def pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def report_of(app, intake_id: int) -> Report | None:
    with app.app_context():
        return db.session.get(Report, intake_id)


@pytest.mark.postgresql_only
def test_a_render_the_database_cut_broke_off_stays_requested_and_is_rendered_once_it_is_back(app, database,
                                                                                             monkeypatch, caplog):
    link = DatabaseLink(database)
    web = create_app({"DATABASE_URL": database, "PDF_WORKER": True})
    worker_app = create_app({"DATABASE_URL": link.url, "PDF_WORKER": True})
    with web.app_context():
        intake = intake_store.store_submitted(typical_patient())
        summaries.store_quietly(intake)
        intake_id = intake.id
    write_pdf = report_pdf.HTML.write_pdf

    def cut_while_writing(document, *args, **kwargs):
        """PostgreSQL going away half-way through a render (the fault is the relay's, WeasyPrint runs as ever)."""
        link.cut()
        return write_pdf(document, *args, **kwargs)

    try:
        with worker_app.app_context(), caplog.at_level(logging.WARNING):
            jobs = Jobs()
            with monkeypatch.context() as patched:
                patched.setattr(report_pdf.HTML, "write_pdf", cut_while_writing)
                assert jobs.step_through_outages()
            assert jobs.pdfs.failed == 1 and jobs.pdfs.retry_at[intake_id] > utcnow() + timedelta(seconds=50)
            assert not jobs.step_through_outages(), "no database: nothing done, the worker waits"
            link.restore()
            jobs.pdfs.retry_at[intake_id] = utcnow()  # a minute on
            assert jobs.step_through_outages() and jobs.pdfs.rendered == 1
        assert report_of(web, intake_id) is not None
        with web.app_context():
            assert db.session.get(Intake, intake_id).pdf_requested_at is None
    finally:
        link.cut()
        for each in (web, worker_app):
            with each.app_context():
                db.engine.dispose()
    assert f"the PDF of intake {intake_id} stays requested (OperationalError)" in caplog.text
    assert "the database cannot be reached" in caplog.text and "the database answers again" in caplog.text
    for health_data in (NAME, PHONE, EMAIL):
        assert health_data not in caplog.text


def test_a_database_that_answers_with_an_error_still_stops_the_worker(tmp_path):
    """Only a database that cannot be reached is waited out: one that answers "no such table" (migrations not run)
    stops the worker with that error, rather than have it wait for ever saying the database is away."""
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'never_migrated.db'}"})
    deadline = time.monotonic() + 5
    with app.app_context(), pytest.raises(OperationalError, match="no such table"):
        Jobs().watch(0.1, stopping=lambda: time.monotonic() > deadline)
