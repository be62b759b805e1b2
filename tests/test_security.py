"""Health data under attack: headers, CSRF on every POST, resume guessing, ids, injection, logs."""

import io
import json
import logging
import os
import re

import pytest
import sqlalchemy
from answer_sets import nothing_of_note
from helpers import Patient
from pypdf import PdfReader

from config import TestConfig
from screening import create_app
from screening.intake import store as intake_store
from screening.models import Intake, db
from screening.questionnaire import SECTIONS

MARKER = "Zqxvj Markerperson"


def test_every_page_sends_a_strict_content_security_policy(client):
    for path in ("/", "/resume", "/staff/sign-in"):
        headers = client.get(path).headers
        policy = headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "Strict-Transport-Security" not in headers


def test_no_template_has_inline_script_or_style():
    from pathlib import Path

    for template in Path("templates").rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template
        assert " style=" not in text and "<style" not in text.replace("report/", ""), template


def test_production_sends_hsts_and_secure_cookies(app, database):
    app = create_app({"DATABASE_URL": database, "SESSION_COOKIE_SECURE": True})
    client = app.test_client()
    response = client.get("/")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    Patient(client).start()
    cookie = client.get_cookie("session")
    assert cookie.secure and cookie.http_only and cookie.same_site == "Lax"


def test_production_names_its_cookie_so_no_other_host_can_plant_one(database, monkeypatch):
    """__Host-: the browser takes the cookie only from this host over HTTPS, without a Domain, so a sibling subdomain
    (the clinic's website, a test server) cannot set a session of its own choosing on the app (cookie tossing)."""
    for name, value in {"SCREENING_CONFIG": "production", "DATABASE_URL": database, "SECRET_KEY": "k",
                        "ENCRYPTION_KEYS": TestConfig.ENCRYPTION_KEYS, "LOOKUP_KEY": "l"}.items():
        monkeypatch.setenv(name, value)
    welcome = create_app().test_client().get("/", base_url="https://clinic.test")
    cookie = welcome.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    assert "; Secure" in cookie and "; Path=/" in cookie and "Domain" not in cookie


def test_csrf_is_enforced_on_every_post_route(app, patient, answers, make_staff):
    patient.start()
    staff = make_staff(role="admin")
    posts = [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods]
    assert len(posts) > 10
    for rule in posts:
        path = rule.rule.replace("<section_id>", "about_you").replace("<int:intake_id>", "1").replace(
            "<int:user_id>", "1")
        client = staff.client if rule.endpoint.startswith("staff.") else patient.client
        response = client.post(path, data={"full_name": "Forged", "email": "x@example.org"})
        assert response.status_code == 400, (rule.rule, response.status_code)
    with app.app_context():
        assert "full_name" not in intake_store.answers_of(db.session.execute(db.select(Intake)).scalar_one())


def test_a_forged_session_cannot_reach_another_patients_draft(app, patient, answers):
    patient.start()
    patient.answer("about_you", answers["about_you"])
    with app.app_context():
        public_id = db.session.execute(db.select(Intake)).scalar_one().public_id
    assert len(public_id) >= 32
    stranger = app.test_client()
    stranger.set_cookie("session", json.dumps({"intake": public_id}))
    assert stranger.get("/step/about_you").status_code == 302


def test_resume_attempts_are_limited_per_address(app, patient, answers):
    app.config["RESUME_LIMIT"] = "3 per 15 minutes"
    guesser = Patient(app.test_client())
    responses = [guesser.post_form("/resume", {"code": f"2222-3333-4444-{n}555", "date_of_birth": "1990-01-01"})
                 for n in range(5)]
    assert [response.status_code for response in responses] == [422, 422, 422, 429, 429]
    assert "Too many tries" in responses[-1].text
    assert "please wait 15 minutes" in responses[-1].text, "the wait comes from RESUME_LIMIT"


def test_a_code_stops_working_after_too_many_wrong_dates_of_birth(app, patient, answers):
    patient.start()
    page = patient.answer("about_you", answers["about_you"])
    code = re.search(r'class="resume-code"[^>]*>([A-Z0-9-]+)<', page.text).group(1)
    guesser = Patient(app.test_client())
    for year in range(1990, 1995):
        guesser.post_form("/resume", {"code": code, "date_of_birth": f"{year}-01-01"})
    right = guesser.post_form("/resume", {"code": code, "date_of_birth": "1985-03-27"})
    wrong_code = guesser.post_form("/resume", {"code": "2222-3333-4444-5555", "date_of_birth": "1985-03-27"})
    assert right.status_code == wrong_code.status_code == 422
    assert "could not find a form" in right.text and "could not find a form" in wrong_code.text


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="needs TEST_REDIS_URL (CI sets it when Redis runs)")
def test_resume_limits_are_shared_across_processes_through_redis(database):
    """Two app instances stand for two gunicorn workers: the count is shared."""
    import redis

    url = os.environ["TEST_REDIS_URL"]
    redis.Redis.from_url(url).flushdb()
    settings = {"DATABASE_URL": database, "RATELIMIT_STORAGE_URI": url, "RESUME_LIMIT": "2 per 15 minutes"}
    first, second = (Patient(create_app(settings).test_client()) for _ in range(2))
    guess = {"code": "2222-3333-4444-5555", "date_of_birth": "1990-01-01"}
    assert first.post_form("/resume", guess).status_code == 422
    assert second.post_form("/resume", guess).status_code == 422
    assert first.post_form("/resume", guess).status_code == 429
    redis.Redis.from_url(url).flushdb()


def test_html_typed_by_a_patient_is_shown_as_text_in_pages_and_the_pdf(app, patient, answers, make_staff):
    attack = '<script>alert("x")</script><b>Bold</b>'
    patient.complete({**answers, "about_you": {**answers["about_you"], "full_name": attack}})
    review = patient.client.get("/review").text
    assert "<script>alert" not in review and "&lt;script&gt;" in review
    patient.submit()
    with app.app_context():
        intake_id = db.session.execute(db.select(Intake)).scalar_one().id
    staff = make_staff()
    assert "<script>alert" not in staff.client.get(f"/staff/intakes/{intake_id}").text
    pdf = staff.client.get(f"/staff/intakes/{intake_id}/summary.pdf").data
    assert '<script>alert("x")</script><b>Bold</b>' in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_no_health_data_reaches_the_logs(app, patient, answers, make_staff, caplog):
    caplog.set_level(logging.DEBUG)
    marked = {**answers, "about_you": {**answers["about_you"], "full_name": MARKER, "email": "zqxvj@example.org"},
              "other_health": {**answers["other_health"], "other_allergies": MARKER}}
    patient.complete(marked)
    patient.submit()
    patient.client.get("/done/summary.pdf")
    staff = make_staff()
    with app.app_context():
        intake_id = db.session.execute(db.select(Intake)).scalar_one().id
    staff.client.get(f"/staff/intakes/{intake_id}")
    staff.client.get(f"/staff/intakes/{intake_id}/fhir.json")
    staff.post("/staff/search", {"search": "Markerperson"})
    staff.client.get("/staff/")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Markerperson" not in logged and "zqxvj" not in logged
    assert caplog.records, "the app and its libraries did log something, so the check means something"


def test_error_pages_show_no_stack_trace(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError(f"secret detail {MARKER}")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom")
    assert response.status_code == 500
    assert "Traceback" not in response.text and MARKER not in response.text
    assert "Something went wrong on our side" in response.text


def test_stored_intakes_hold_no_plaintext(app):
    with app.app_context():
        intake_store.store_submitted({**nothing_of_note(), "full_name": MARKER})
        rows = db.session.execute(db.text("SELECT * FROM intake")).all()
        tokens = db.session.execute(db.text("SELECT * FROM name_token")).all()
    assert MARKER.encode() not in b"".join(str(value).encode() for row in rows for value in row)
    assert "markerperson" not in str(tokens).lower()


def test_a_shared_tablet_offers_no_answer_typed_there_before(patient):
    """The browser fills in only the patient's own contact details; every other box (health answers, a medicine's
    name, a support person's phone, the numbers) has autocomplete off, so the next patient at the front desk is
    offered nothing the last one typed."""
    contact = {"full_name": "name", "email": "email", "phone": "tel", "date_of_birth": "bday"}
    patient.start()
    boxes = {}
    for section in SECTIONS:
        html = patient.page(section.id).text
        for tag in re.findall(r"<(?:input|textarea)\b[^>]*>", html):
            kind = re.search(r'type="([^"]+)"', tag)
            if tag.startswith("<input") and kind and kind.group(1) in ("hidden", "radio", "checkbox"):
                continue
            name = re.search(r'name="([^"]+)"', tag).group(1)
            boxes[name] = (re.search(r'autocomplete="([^"]+)"', tag) or [None, None])[1]
    assert {"medicines_list", "antidepressants-0-name", "support_person_phone", "bp_systolic"} <= boxes.keys()
    assert {name: value for name, value in boxes.items() if name in contact} == contact
    assert {name: value for name, value in boxes.items() if name not in contact and value != "off"} == {}


def test_a_database_error_never_quotes_the_values_sent_with_it(app):
    """A failed statement's message is what reaches a log; it names the statement, not the values sent."""
    marker = "Marker-Value-7Q3"
    with app.app_context():
        taken = intake_store.start().public_id
        with pytest.raises(sqlalchemy.exc.IntegrityError) as refused:
            db.session.execute(db.insert(Intake).values(public_id=taken, answers=marker.encode()))
        db.session.rollback()
    # PostgreSQL's own detail names the duplicate key (the random id); the error handler logs only the error's type.
    assert marker not in str(refused.value)
    assert "hidden due to hide_parameters" in str(refused.value)
