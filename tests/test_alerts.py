"""Urgent answers reach a person within minutes, whether the form is sent or not: the crisis page on every new
urgent answer, an alert by email (a real SMTP server on loopback) and webhook (a real HTTP server), the staff
panel, acknowledgement, escalation, retries, and every path that stores an intake."""

import json
import os
import re
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import flask_migrate
import pytest
from answer_sets import everything_positive, nothing_of_note
from helpers import Patient, Staff, typical_answers
from mail_servers import ON_CALL, MailServer, alert_settings
from served import free_port, stop_cleanly, watching_worker

import config
from screening import create_app
from screening.alerts.sending import AlertWorker, next_due
from screening.models import AlertDelivery, Attention, AuditEvent, Intake, db, utcnow
from screening.rules.attention import (
    BP_CRISIS_RANGE,
    SELF_HARM,
    SELF_HARM_ACUTE,
    attention_reasons,
    newly_urgent,
)
from screening.staff import audit

ROOT = Path(__file__).resolve().parent.parent
DIRECTOR = "director@clinic.test"
NAME, PHONE = "Alex Rivera", "555 123 4567"


# Real servers on loopback


@pytest.fixture
def mail_server():
    server = MailServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def webhook():
    received = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers["Content-Type"], json.loads(body)))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/hook", received
    server.shutdown()
    server.server_close()


@pytest.fixture
def make_alert_app(app, database):
    """The app with alerts on, on `app`'s database (whose fixture empties it afterwards)."""
    made = []

    def make(**settings):
        made.append(create_app({"DATABASE_URL": database, **settings}))
        return made[-1]

    yield make
    for each in made:
        with each.app_context():
            db.engine.dispose()


@pytest.fixture
def alert_app(make_alert_app, mail_server, webhook):
    return make_alert_app(**alert_settings(mail_server.port, ALERT_WEBHOOK_URL=webhook[0]))


def run_worker(app, now=None) -> AlertWorker:
    """One pass of the worker's alert job, as `flask worker` does it."""
    with app.app_context():
        worker = AlertWorker()
        worker.run_due(now)
        return worker


def self_harm_on_the_safety_page(app, safety: dict | None = None) -> Patient:
    """A patient fills in step 1 and the safety page (step 4) with a self-harm answer, and sends nothing."""
    patient = Patient(app.test_client())
    answers = typical_answers()
    patient.start()
    patient.answer("about_you", answers["about_you"])
    response = patient.answer("safety", safety or {**answers["safety"], "asq_1": "yes"})
    assert response.headers["Location"].endswith("/crisis")
    return patient


def only_intake(app) -> Intake:
    with app.app_context():
        return db.session.execute(db.select(Intake)).scalar_one()


def nurse_for(app, make_staff) -> Staff:
    member = Staff(app.test_client(), make_staff(signed_in=False).email)
    assert member.sign_in().status_code == 302
    return member


def panel(html: str) -> str:
    match = re.search(r'<section class="attention-panel".*?</section>', html, re.S)
    assert match, "the queue has no attention panel"
    return match.group(0)


# What makes an intake urgent (pure)


def test_attention_reasons_are_self_harm_the_acute_answer_and_a_crisis_reading():
    assert attention_reasons(nothing_of_note()) == frozenset()
    assert attention_reasons({**nothing_of_note(), "phq9_9": "1"}) == {SELF_HARM}
    assert attention_reasons({**nothing_of_note(), "asq_2": "refused"}) == {SELF_HARM}
    assert attention_reasons({**nothing_of_note(), "asq_1": "yes", "asq_5": "yes"}) == {SELF_HARM, SELF_HARM_ACUTE}
    assert attention_reasons({**nothing_of_note(), "bp_systolic": 180}) == {BP_CRISIS_RANGE}
    assert attention_reasons({**nothing_of_note(), "bp_systolic": 150, "bp_diastolic": 120}) == {BP_CRISIS_RANGE}
    assert attention_reasons({**nothing_of_note(), "bp_systolic": 179, "bp_diastolic": 119}) == frozenset()


def test_only_a_reason_the_save_adds_is_new():
    before = {**nothing_of_note(), "asq_1": "yes"}
    assert newly_urgent(nothing_of_note(), before) == {SELF_HARM}
    assert newly_urgent(before, before) == frozenset()
    assert newly_urgent(before, {**before, "asq_5": "yes"}) == {SELF_HARM_ACUTE}
    assert newly_urgent(before, nothing_of_note()) == frozenset()
    assert newly_urgent(nothing_of_note(), before) == {SELF_HARM}, "back to yes after a no is new again"


# The patient


def test_the_consent_says_the_clinic_may_be_told_at_once_and_call(client, make_alert_app):
    Patient(client).start()
    page = client.get("/step/about_you").text
    assert "If your answers show you may hurt yourself, or your blood pressure is very high, the clinic may be " \
           "told right away. We may call you, even before you send this form." in page
    assert 'aria-describedby="consent-alert consent-hint"' in page, "heard with the box it is part of"
    own = make_alert_app(ALERT_CONSENT_TEXT="Lakeside may phone you straight away if an answer worries us.")
    patient = Patient(own.test_client())
    patient.start()
    assert "Lakeside may phone you straight away" in patient.page("about_you").text


def test_the_crisis_page_changes_nothing_when_opened(app):
    patient = self_harm_on_the_safety_page(app)
    with patient.client.session_transaction() as session:
        before = dict(session)
    first = patient.client.get("/crisis")
    assert first.status_code == 200
    with patient.client.session_transaction() as session:
        assert dict(session) == before
    assert patient.client.get("/crisis").text == first.text


def test_the_acute_answer_shows_the_crisis_page_again_worded_for_it(alert_app):
    patient = self_harm_on_the_safety_page(alert_app)
    crisis = patient.client.get("/crisis").text
    assert "Thank you for telling us" in crisis and 'href="/step/safety"' in crisis
    acute = patient.answer("safety", {**typical_answers()["safety"], "asq_1": "yes", "asq_5": "yes"})
    assert acute.headers["Location"].endswith("/crisis"), "the acute answer shows the crisis page again"
    crisis = patient.client.get("/crisis").text
    assert "Please call 988 or 911 now" in crisis
    assert 'href="tel:988"' in crisis and 'href="tel:911"' in crisis and "press 2 for Spanish" in crisis
    assert 'href="/step/substances"' in crisis, "the patient can go on with the form"
    again = patient.answer("safety", {**typical_answers()["safety"], "asq_1": "yes", "asq_5": "yes"})
    assert again.headers["Location"].endswith("/step/substances"), "saving the same answers again is nothing new"
    with alert_app.app_context():
        kinds = db.session.scalars(db.select(AlertDelivery.kind).where(AlertDelivery.channel == "email")).all()
    assert kinds == ["alert", "alert"], "the acute answer is told again"


def test_a_blood_pressure_in_the_crisis_range_shows_a_crisis_page_for_it(alert_app):
    patient = Patient(alert_app.test_client())
    patient.start()
    heart = {**typical_answers()["heart"], "bp_reading_when": "past_week"}
    patient.answer("heart", heart)
    response = patient.answer("heart", {**heart, "bp_systolic": "186", "bp_diastolic": "104",
                                        "bp_reading_when": "past_week"})
    assert response.headers["Location"].endswith("/crisis")
    crisis = patient.client.get("/crisis").text
    assert "Your blood pressure reading is very high" in crisis
    assert 'href="tel:911"' in crisis and 'href="tel:555 010 0100"' in crisis
    assert "Suicide" not in crisis
    assert 'href="/step/other_health"' in crisis, "then on with the form"
    assert only_intake(alert_app).urgent


# The clinic: the alert


def test_self_harm_on_the_safety_page_never_sent_is_emailed_within_a_minute_without_name_or_answers(
        alert_app, mail_server, webhook):
    saved = time.monotonic()
    self_harm_on_the_safety_page(alert_app)
    intake = only_intake(alert_app)
    assert not intake.is_submitted
    worker = run_worker(alert_app)
    assert worker.sent == 2 and worker.failed == 0
    [(to, message)] = mail_server.inbox.wait_for(1)
    assert time.monotonic() - saved < 60
    body = message.get_content()
    assert to == [ON_CALL]
    assert message["Subject"] == f"Lakeside Clinic: an intake needs attention now (intake {intake.id})"
    assert "An intake needs attention now." in body and f"Intake number: {intake.id}" in body
    assert f"https://screening.lakeside.test/staff/attention/{intake.id}" in body
    url, received = webhook
    [(content_type, payload)] = received
    assert content_type == "application/json"
    assert payload["intake"] == intake.id and payload["clinic"] == "Lakeside Clinic"
    for told in (message.as_string(), json.dumps(payload)):
        for private in ("Alex", "Rivera", PHONE, "1985", "alex@example.org", "self-harm", "Self-harm", "suicid",
                        "killing", "yes", "Yes"):
            assert private not in told, private
    assert run_worker(alert_app).sent == 0, "sent once"


def test_the_alert_email_carries_the_date_and_message_id_mail_servers_require(alert_app, mail_server):
    """RFC 5322 requires a Date; some mail services refuse a message without a Message-ID. An alert refused is an
    alert nobody reads."""
    self_harm_on_the_safety_page(alert_app)
    run_worker(alert_app)
    [(_, message)] = mail_server.inbox.wait_for(1)
    assert abs((message["Date"].datetime - datetime.now(UTC)).total_seconds()) < 60
    assert re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", message["Message-ID"])


def test_the_reason_is_named_only_when_the_clinic_opts_in(make_alert_app, mail_server):
    told = make_alert_app(**alert_settings(mail_server.port, ALERT_INCLUDE_REASON=True))
    self_harm_on_the_safety_page(told)
    run_worker(told)
    [(_, message)] = mail_server.inbox.wait_for(1)
    assert "Reason: Self-harm" in message.get_content() and "Alex" not in message.as_string()


def test_the_real_worker_process_emails_the_alert_within_a_minute(tmp_path, mail_server):
    url = f"sqlite:///{tmp_path / 'alerts.db'}"
    web = create_app({"DATABASE_URL": url, **alert_settings(mail_server.port)})
    with web.app_context():
        flask_migrate.upgrade()
    env = {**os.environ, "SCREENING_CONFIG": "development", "SCREENING_INSTANCE": str(tmp_path),
           "DATABASE_URL": url, "SECRET_KEY": "k" * 64, "LOOKUP_KEY": config.TestConfig.LOOKUP_KEY,
           "ENCRYPTION_KEYS": config.TestConfig.ENCRYPTION_KEYS, "MAIL_SERVER": "127.0.0.1",
           "MAIL_PORT": str(mail_server.port), "MAIL_USE_TLS": "0", "ALERT_EMAILS": ON_CALL}
    try:
        with watching_worker(env, "--nice", "0") as worker:
            saved = time.monotonic()
            self_harm_on_the_safety_page(web)
            messages = mail_server.inbox.wait_for(1, seconds=60)
            assert len(messages) == 1, worker.stderr.read() if worker.poll() is not None else "no email in 60 s"
            assert time.monotonic() - saved < 60
            output, errors = stop_cleanly(worker)
    finally:
        with web.app_context():
            db.engine.dispose()
    assert worker.returncode == 0, errors
    assert "Sent 1 alerts" in output
    assert "Alex" not in output + errors and PHONE not in output + errors


def test_without_a_worker_development_sends_the_alert_after_the_response(make_alert_app, mail_server):
    development = make_alert_app(**alert_settings(mail_server.port), ALERTS_AFTER_RESPONSE=None, PDF_WORKER=False)
    self_harm_on_the_safety_page(development)
    assert len(mail_server.inbox.wait_for(1, seconds=30)) == 1
    deadline, sent_at = time.monotonic() + 30, None
    while sent_at is None and time.monotonic() < deadline:  # the thread records it just after the server's reply
        with development.app_context():
            sent_at = db.session.scalars(db.select(AlertDelivery.sent_at)).one()
        time.sleep(0.05)
    assert sent_at is not None


def test_smtp_down_for_a_while_the_alert_arrives_once_it_is_back_exactly_once(make_alert_app):
    down = MailServer(free_port())
    app = make_alert_app(**alert_settings(down.port))
    self_harm_on_the_safety_page(app)
    start = utcnow()
    first = run_worker(app, start)
    assert first.sent == 0 and first.failed == 1
    with app.app_context():
        delivery = db.session.scalars(db.select(AlertDelivery)).one()
        assert delivery.attempts == 1 and delivery.sent_at is None and delivery.last_error_type
        assert delivery.next_try_at > start
    assert run_worker(app, start + timedelta(seconds=1)).failed == 0, "it waits before trying again"
    assert run_worker(app, start + timedelta(seconds=11)).failed == 1, "and tries again"
    down.start()
    try:
        assert run_worker(app, start + timedelta(seconds=20)).sent == 0, "backing off: 20 s after the second try"
        assert run_worker(app, start + timedelta(seconds=40)).sent == 1
        for later in (60, 300, 600):  # a new worker each time, as after a restart (escalation comes at 15 min)
            assert run_worker(app, start + timedelta(seconds=later)).sent == 0
        assert len(down.inbox.wait_for(1)) == 1
        time.sleep(0.2)
        assert len(down.inbox.messages) == 1
    finally:
        down.stop()
    with app.app_context():
        delivery = db.session.scalars(db.select(AlertDelivery)).one()
        assert delivery.attempts == 3 and delivery.sent_at is not None and delivery.next_try_at is None


def test_nobody_acknowledging_in_time_escalates_once(make_alert_app, mail_server, make_staff):
    app = make_alert_app(**alert_settings(mail_server.port, ALERT_ESCALATE_MINUTES=1, ALERT_ESCALATE_EMAILS=DIRECTOR))
    self_harm_on_the_safety_page(app)
    handled = Patient(app.test_client())
    handled.start()
    handled.answer("mood", {**typical_answers()["mood"], "phq9_9": "2"})
    start = utcnow()
    assert run_worker(app, start).sent == 2
    with app.app_context():
        handled_id = db.session.scalars(db.select(Intake.id).order_by(Intake.id.desc())).first()
    nurse = nurse_for(app, make_staff)
    record = f"/staff/attention/{handled_id}"
    assert nurse.post(record, {"outcome": "spoke", "note": ""}, page=record).status_code == 302
    assert run_worker(app, start + timedelta(seconds=30)).sent == 0
    assert run_worker(app, start + timedelta(seconds=61)).sent == 1
    assert run_worker(app, start + timedelta(minutes=30)).sent == 0, "escalated once"
    messages = mail_server.inbox.wait_for(3)
    to, escalation = messages[-1]
    assert to == [DIRECTOR]
    assert escalation["Subject"].startswith("Lakeside Clinic: Still not acknowledged")
    assert "Nobody has recorded what was done after 1 minutes." in escalation.get_content()
    assert f"(intake {handled_id})" not in escalation["Subject"]


# The clinic: the panel


def test_the_panel_shows_a_draft_with_its_phone_and_acknowledging_removes_it_and_is_audited(alert_app, make_staff):
    self_harm_on_the_safety_page(alert_app)
    intake = only_intake(alert_app)
    nurse = nurse_for(alert_app, make_staff)
    queue = nurse.client.get("/staff/")
    assert "<title>(1) Needs attention – Submissions" in queue.text
    assert queue.headers["Refresh"].startswith("60; url=/staff/"), \
        "the queue reloads itself every minute, without JavaScript"
    assert "Refresh" not in nurse.client.get("/staff/?refresh=off").headers, "unless asked not to"
    shown = panel(queue.text)
    assert "Needs attention now (1)" in shown and "Self-harm" in shown
    assert f'href="tel:{PHONE}"' in shown and "Not sent yet" in shown and "just now" in shown
    assert "Alerts are off" not in queue.text

    record = nurse.client.get(f"/staff/attention/{intake.id}")
    assert record.status_code == 200 and PHONE in record.text and NAME in record.text
    assert "Form not sent yet" in record.text
    missing = nurse.post(f"/staff/attention/{intake.id}", {"note": "no outcome"}, page=f"/staff/attention/{intake.id}")
    assert missing.status_code == 422 and "Choose what was done." in missing.text
    vague = nurse.post(f"/staff/attention/{intake.id}", {"outcome": "other"}, page=f"/staff/attention/{intake.id}")
    assert vague.status_code == 422 and "Say in the note what was done." in vague.text
    done = nurse.post(f"/staff/attention/{intake.id}", {"outcome": "spoke", "note": "Safe at home; plan agreed."},
                      page=f"/staff/attention/{intake.id}")
    assert done.headers["Location"].endswith("/staff/")
    queue = nurse.client.get("/staff/").text
    assert "Nothing needs attention now." in panel(queue) and "Needs attention –" not in queue
    record = nurse.client.get(f"/staff/attention/{intake.id}").text
    assert "Called and spoke with the patient" in record and "Safe at home; plan agreed." in record
    with alert_app.app_context():
        event = db.session.scalars(db.select(AuditEvent).filter_by(action=audit.ACKNOWLEDGE_ATTENTION)).one()
        assert event.intake_id == intake.id and event.actor_id is not None and "Safe" not in event.detail
        mark = db.session.scalars(db.select(Attention)).one()
        assert mark.acknowledged_at is not None and mark.outcome == "spoke"
        assert b"Safe at home" not in mark.note and b"self_harm" not in mark.marks, "stored encrypted"


def test_changing_the_answer_back_to_no_keeps_the_mark_with_its_history(alert_app, make_staff):
    patient = self_harm_on_the_safety_page(alert_app)
    changed = patient.answer("safety", typical_answers()["safety"])
    assert changed.headers["Location"].endswith("/step/substances")
    assert not only_intake(alert_app).urgent
    shown = panel(nurse_for(alert_app, make_staff).client.get("/staff/").text)
    assert "Self-harm" in shown and re.search(r"Self-harm: changed to No at \d\d:\d\d UTC", shown)
    again = patient.answer("safety", {**typical_answers()["safety"], "asq_3": "yes"})
    assert again.headers["Location"].endswith("/crisis"), "yes again after a no is new again"
    with alert_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Attention)) == 1, "one mark, still open"


def test_a_sent_urgent_intake_shows_phone_and_reason_at_the_top(alert_app, make_staff):
    with alert_app.app_context():
        from screening.intake import store as intake_store

        intake_id = intake_store.store_submitted(everything_positive()).id
    page = nurse_for(alert_app, make_staff).client.get(f"/staff/intakes/{intake_id}").text
    top = page[:page.index('aria-label="Overview"')]
    assert "Needs attention now:" in top and "Acute self-harm" in top and "Blood pressure in the crisis range" in top
    assert 'href="tel:+1 555 987 6543"' in top and f'href="/staff/attention/{intake_id}"' in top


def test_a_draft_that_never_needed_attention_has_no_attention_record(app, patient, make_staff):
    patient.start()
    intake = only_intake(app)
    assert make_staff().client.get(f"/staff/attention/{intake.id}").status_code == 404


def test_without_mail_the_queue_says_alerts_are_off_and_nothing_fails(app, make_staff):
    self_harm_on_the_safety_page(app)
    queue = make_staff().client.get("/staff/").text
    assert "Alerts are off" in queue and "MAIL_SERVER and ALERT_EMAILS" in queue
    assert f'href="tel:{PHONE}"' in panel(queue)
    worker = run_worker(app)
    assert worker.sent == worker.failed == 0
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(AlertDelivery)) == 0


# Every path that stores an intake


def test_load_answers_raises_the_same_alert(alert_app, mail_server, tmp_path):
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(everything_positive()))
    result = alert_app.test_cli_runner().invoke(args=["load-answers", str(path)])
    assert result.exit_code == 0, result.output
    run_worker(alert_app)
    [(_, message)] = mail_server.inbox.wait_for(1)
    assert f"(intake {only_intake(alert_app).id})" in message["Subject"]


def test_demo_makes_a_believable_queue_and_raises_alerts_for_its_urgent_intakes(app, runner):
    result = runner.invoke(args=["demo", "--count", "60", "--seed", "7", "--no-pdf"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        urgent = db.session.scalar(db.select(db.func.count()).select_from(Intake).where(Intake.urgent))
        marked = db.session.scalar(db.select(db.func.count(db.distinct(Attention.intake_id))))
    assert 1 <= urgent <= 12, urgent
    assert marked == urgent


def test_the_demo_queue_shows_a_phone_to_call_for_each_intake_that_needs_attention(app, runner, make_staff):
    """The panel's point is whom to call: a demo where nobody left a phone shows a panel of "no phone given"."""
    assert runner.invoke(args=["demo", "--count", "60", "--seed", "7", "--no-pdf"]).exit_code == 0
    rows = panel(make_staff().client.get("/staff/").text).split("<tr>")[2:]
    assert rows and all(re.search(r'href="tel:555-01\d\d"', row) for row in rows), rows


def test_a_self_harm_answer_on_a_page_with_an_error_raises_the_alert_at_once(alert_app, mail_server):
    patient = Patient(alert_app.test_client())
    patient.start()
    incomplete = {key: value for key, value in typical_answers()["safety"].items() if key != "asq_2"}
    assert patient.answer("safety", {**incomplete, "asq_1": "yes"}).status_code == 422
    run_worker(alert_app)
    assert len(mail_server.inbox.wait_for(1)) == 1, "the patient may leave the page with its error"
    saved = patient.answer("safety", {**typical_answers()["safety"], "asq_1": "yes"})
    assert saved.headers["Location"].endswith("/crisis")
    assert run_worker(alert_app).sent == 0, "the same reason is not told twice"


def test_staff_are_told_when_alerts_wait_too_long(make_alert_app, make_staff):
    app = make_alert_app(**alert_settings(free_port()))  # nothing listens there
    self_harm_on_the_safety_page(app)
    nurse = nurse_for(app, make_staff)
    assert "waited more than 2 minutes" not in nurse.client.get("/staff/").text
    with app.app_context():
        delivery = db.session.scalars(db.select(AlertDelivery)).one()
        delivery.created_at -= timedelta(minutes=3)
        db.session.commit()
    queue = nurse.client.get("/staff/").text
    assert "1 alert has waited more than 2 minutes to be sent." in queue and "Alerts are off" not in queue


@pytest.mark.postgresql_only  # SQLite has no row locks: one worker per SQLite database
def test_workers_on_postgresql_pass_over_an_alert_another_worker_is_sending(alert_app, mail_server):
    self_harm_on_the_safety_page(alert_app)  # an email and a webhook call, both due
    now = utcnow()
    with alert_app.app_context(), db.engine.connect() as other_worker:
        held = other_worker.execute(next_due(now)).first()
        worker = AlertWorker()
        worker.run_due(now)
        assert worker.sent == 1
        sent = db.session.scalars(db.select(AlertDelivery).where(AlertDelivery.sent_at.is_not(None))).one()
        assert sent.id != held.id
        other_worker.rollback()


def test_rotating_keys_re_encrypts_attention_records(app, database, make_staff):
    from cryptography.fernet import Fernet

    with app.app_context():
        from screening.intake import store as intake_store

        intake_id = intake_store.store_submitted(everything_positive()).id
    nurse = make_staff()
    record = f"/staff/attention/{intake_id}"
    assert nurse.post(record, {"outcome": "other", "note": "Family called back"}, page=record).status_code == 302
    new_key = Fernet.generate_key().decode()
    keys = f"{new_key},{config.TestConfig.ENCRYPTION_KEYS}"
    rotated = create_app({"DATABASE_URL": database, "ENCRYPTION_KEYS": keys})
    result = rotated.test_cli_runner().invoke(args=["rotate-keys"])
    assert result.exit_code == 0 and "1 attention rows" in result.output, result.output
    with rotated.app_context():
        mark = db.session.scalars(db.select(Attention)).one()
        assert b"self_harm_acute" in Fernet(new_key).decrypt(mark.marks)
        assert Fernet(new_key).decrypt(mark.note) == b'"Family called back"'
        db.engine.dispose()


def test_a_webhook_that_answers_with_an_error_is_tried_again(make_alert_app):
    calls = []

    class Failing(BaseHTTPRequestHandler):
        def do_POST(self):
            calls.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(503 if len(calls) == 1 else 200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        app = make_alert_app(ALERT_WEBHOOK_URL=f"http://127.0.0.1:{server.server_port}/page")
        self_harm_on_the_safety_page(app)
        start = utcnow()
        assert run_worker(app, start).failed == 1
        with app.app_context():
            assert db.session.scalars(db.select(AlertDelivery.last_error_type)).one() == "WebhookRefused"
        assert run_worker(app, start + timedelta(seconds=10)).sent == 1
        assert len(calls) == 2
    finally:
        server.shutdown()
        server.server_close()
