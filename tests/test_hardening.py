"""What an attack on a running copy found (issue 12), each fixed and kept fixed here."""

import base64
import csv
import io
import re
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from helpers import Patient, Staff, typical_answers
from pypdf import PdfReader

import config as settings
from screening import create_app
from screening.exports.flags_csv import spreadsheet_safe
from screening.intake import resume_codes
from screening.models import AuditEvent, Intake, StaffUser, db, utcnow
from screening.questionnaire import SECTIONS
from screening.questionnaire.merged_pages import MERGED_PAGES

RESUME_CODE = re.compile(r'class="resume-code"[^>]*>([A-Z0-9-]+)<')


def submitted_answers(**changes) -> dict[str, dict]:
    answers = typical_answers()
    for section_id, values in changes.items():
        answers[section_id] = {**answers[section_id], **values}
    return answers


# CSV formula injection

def test_flags_csv_neutralises_cells_a_spreadsheet_would_run(app, patient, make_staff):
    payloads = ['=HYPERLINK("http://evil.test/x","x")', "@SUM(A1:A2)", "+1+1", "-2+3"]
    staff = make_staff()
    for payload in payloads:
        patient.complete(submitted_answers(other_health={"anesthesia_any": "yes", "anaesthetic_allergy": "yes",
                                                         "anaesthesia_reaction": "no",
                                                         "anaesthetic_allergy_details": payload}))
        assert patient.submit().status_code == 302
    with app.app_context():
        ids = db.session.scalars(db.select(Intake.id).order_by(Intake.id)).all()
    for intake_id, payload in zip(ids, payloads, strict=True):
        response = staff.client.get(f"/staff/intakes/{intake_id}/flags.csv")
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.text)))
        answers = [row[6] for row in rows[1:]]
        assert "'" + payload in answers
        for row in rows[1:]:
            assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row


def test_flags_csv_runs_no_formula_where_a_spreadsheet_splits_cells_at_semicolons(app, patient, make_staff):
    """Spreadsheets in much of Europe split a .csv at semicolons, so text after one starts a cell of its own."""
    payload = "Penicillin;=cmd|' /C calc'!A0; +SUM(1;2); @x;-1"
    patient.complete(submitted_answers(other_health={"anesthesia_any": "yes", "anaesthetic_allergy": "yes",
                                                     "anaesthesia_reaction": "no",
                                                     "anaesthetic_allergy_details": payload}))
    assert patient.submit().status_code == 302
    with app.app_context():
        intake_id = db.session.scalar(db.select(Intake.id))
    response = make_staff().client.get(f"/staff/intakes/{intake_id}/flags.csv")
    cells = [cell.strip() for row in csv.reader(io.StringIO(response.text), delimiter=";") for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    assert "Penicillin" in response.text and "cmd|' /C calc'!A0" in response.text


def test_csv_cells_starting_with_a_tab_or_carriage_return_are_quoted_too():
    assert [spreadsheet_safe(value) for value in ("\tx", "\rx", "x", 12)] == ["'\tx", "'\rx", "x", 12]


# A GET changes nothing

def session_of(app, client) -> dict:
    """What the signed session cookie holds (readable by anyone who has it: signed, not encrypted)."""
    return app.session_interface.get_signing_serializer(app).loads(client.get_cookie("session").value)


def test_opening_the_crisis_page_changes_nothing_in_the_session(app, patient):
    patient.complete({"about_you": typical_answers()["about_you"]})
    mood = typical_answers()["mood"] | {"phq9_9": "1"}
    sent = patient.answer("mood", mood)
    assert sent.status_code == 302 and "/crisis" in sent.headers["Location"]
    before = session_of(app, patient.client)
    assert patient.client.get(sent.headers["Location"]).status_code == 200
    assert session_of(app, patient.client) == before


def test_the_crisis_page_is_shown_once_after_the_post_that_leads_there(patient):
    patient.complete({"about_you": typical_answers()["about_you"]})
    mood = typical_answers()["mood"] | {"phq9_9": "1"}
    assert "/crisis" in patient.answer("mood", mood).headers["Location"]
    assert "/crisis" not in patient.answer("mood", mood).headers["Location"]


# Each audience its own idle time

def later(monkeypatch, minutes: float) -> None:
    """Move the clock on for everything that reads time.time(): views and the cookie's signature."""
    moved = time.time() + minutes * 60
    monkeypatch.setattr(time, "time", lambda: moved)


def test_a_patient_draft_stays_open_past_the_staff_idle_time(app, patient, monkeypatch):
    assert app.config["PATIENT_IDLE_MINUTES"] > app.config["STAFF_IDLE_MINUTES"] + 5
    patient.complete({"about_you": typical_answers()["about_you"]})
    later(monkeypatch, app.config["STAFF_IDLE_MINUTES"] + 5)
    assert patient.page("reasons").status_code == 200


def test_a_patient_draft_closes_after_the_patient_idle_time(app, patient, monkeypatch):
    patient.complete({"about_you": typical_answers()["about_you"]})
    later(monkeypatch, app.config["PATIENT_IDLE_MINUTES"] + 1)
    assert patient.page("reasons").status_code == 302


def test_staff_are_signed_out_after_the_staff_idle_time(app, make_staff, monkeypatch):
    staff = make_staff()
    later(monkeypatch, app.config["STAFF_IDLE_MINUTES"] - 1)
    assert staff.client.get("/staff/").status_code == 200
    later(monkeypatch, 2 * app.config["STAFF_IDLE_MINUTES"] + 1)
    response = staff.client.get("/staff/")
    assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]


def test_a_queue_left_open_still_signs_out_after_the_staff_idle_time(app, make_staff, monkeypatch):
    """The queue reloads itself every minute so that a new alert shows; those reloads are not someone at the
    screen, so an unattended queue (names, dates of birth) does not stay signed in for ever."""
    staff = make_staff()
    reload = staff.client.get("/staff/").headers["Refresh"]
    seconds, address = reload.split("; url=")
    assert int(seconds) == 60
    for _ in range(app.config["STAFF_IDLE_MINUTES"] - 1):
        later(monkeypatch, 1)
        assert staff.client.get(address).status_code == 200, "the queue goes on showing new alerts meanwhile"
    later(monkeypatch, 2)
    response = staff.client.get(address)
    assert response.status_code == 302 and "/staff/sign-in" in response.headers["Location"]


def test_someone_using_the_queue_stays_signed_in(app, make_staff, monkeypatch):
    staff = make_staff()
    for _ in range(4):
        later(monkeypatch, app.config["STAFF_IDLE_MINUTES"] - 1)
        assert staff.client.get("/staff/?page=1").status_code == 200



# Behind a TLS proxy

def resume_from(client, address: str) -> int:
    """A wrong resume attempt as sent through a proxy that names the client `address`."""
    page = client.get("/resume")
    form = {"csrf_token": Patient(client).token(page.text), "code": "AAAA-BBBB-CCCC-DDDD",
            "date_of_birth": "1990-01-01"}
    return client.post("/resume", data=form, headers={"X-Forwarded-For": address}).status_code


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(app, database):
    proxied = create_app({"DATABASE_URL": database, "TRUSTED_PROXIES": 1, "RESUME_LIMIT": "2 per hour"})
    client = proxied.test_client()
    assert [resume_from(client, "203.0.113.7") for _ in range(3)] == [422, 422, 429]
    assert resume_from(client, "198.51.100.9") == 422


def test_without_trusted_proxies_a_forwarded_for_header_is_ignored(app, database):
    direct = create_app({"DATABASE_URL": database, "TRUSTED_PROXIES": 0, "RESUME_LIMIT": "2 per hour"})
    client = direct.test_client()
    assert [resume_from(client, "203.0.113.7") for _ in range(3)] == [422, 422, 429]
    assert resume_from(client, "198.51.100.9") == 429


def test_trusted_proxies_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "2")
    assert settings.from_environment()["TRUSTED_PROXIES"] == 2
    assert settings.Config.TRUSTED_PROXIES == 0


# Lost updates on the resume lock

def test_parallel_wrong_dates_of_birth_are_all_counted(app, patient):
    patient.complete({"about_you": typical_answers()["about_you"]})
    code = patient.client.post("/your-code", data={"csrf_token": patient.token(patient.client.get("/your-code").text)})
    code = RESUME_CODE.search(code.text).group(1)
    app.config["RESUME_FAILURES_BEFORE_LOCK"] = 100
    attempts = 9
    ready = threading.Barrier(attempts)

    def wrong_date():
        with app.app_context():
            ready.wait()
            assert resume_codes.find(code, date(1990, 1, 1)) is None

    threads = [threading.Thread(target=wrong_date) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with app.app_context():
        assert db.session.scalar(db.select(Intake.resume_failures)) == attempts


# Staff sessions can be revoked

def copied_browser(app, client):
    """Another browser holding a copy of `client`'s session cookie, as someone who copied it would."""
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    return copy


def account_id(app, email: str) -> int:
    with app.app_context():
        return db.session.execute(db.select(StaffUser.id).filter_by(email=email)).scalar_one()


def opens_the_queue(client) -> bool:
    return client.get("/staff/").status_code == 200


def test_signed_out_cookie_no_longer_opens_the_queue(app, make_staff):
    nurse = make_staff()
    copy = copied_browser(app, nurse.client)
    assert opens_the_queue(copy)
    nurse.post("/staff/sign-out")
    assert not opens_the_queue(copy)


def test_signing_out_ends_the_sessions_on_other_devices(app, make_staff):
    nurse = make_staff()
    other_device = Staff(app.test_client(), nurse.email)
    assert other_device.sign_in().status_code == 302
    nurse.post("/staff/sign-out")
    assert not opens_the_queue(other_device.client)
    assert other_device.sign_in().status_code == 302 and opens_the_queue(other_device.client)


def test_a_password_reset_ends_the_accounts_sessions(app, make_staff):
    admin = make_staff("admin@clinic.test", role="admin")
    nurse = make_staff()
    copy = copied_browser(app, nurse.client)
    new_password = "another long password"
    admin.post(f"/staff/accounts/{account_id(app, nurse.email)}/password",
               {"password": new_password, "confirm": new_password}, page="/staff/accounts")
    assert not opens_the_queue(nurse.client)
    assert not opens_the_queue(copy)
    assert opens_the_queue(admin.client)


def test_reactivating_an_account_does_not_bring_old_cookies_back(app, make_staff):
    admin = make_staff("admin@clinic.test", role="admin")
    nurse = make_staff()
    copy = copied_browser(app, nurse.client)
    path = f"/staff/accounts/{account_id(app, nurse.email)}/active"
    admin.post(path, {"active": "0"}, page="/staff/accounts")
    assert not opens_the_queue(copy)
    admin.post(path, {"active": "1"}, page="/staff/accounts")
    assert not opens_the_queue(copy)
    assert not opens_the_queue(nurse.client)
    assert nurse.sign_in().status_code == 302 and opens_the_queue(nurse.client)


# The patient's copy ends on the server

def sent_patient(patient):
    patient.complete()
    assert patient.submit().status_code == 302
    assert patient.client.get("/done/summary.pdf").status_code == 200


def test_a_cookie_copied_before_finish_no_longer_gets_the_copy(app, patient):
    sent_patient(patient)
    copy = copied_browser(app, patient.client)
    assert patient.post_form("/done/finish", page="/done").status_code == 302
    assert copy.get("/done/summary.pdf").status_code == 404
    assert "summary.pdf" not in copy.get("/done").text


def test_a_cookie_copied_before_the_next_start_no_longer_gets_the_copy(app, patient):
    sent_patient(patient)
    copy = copied_browser(app, patient.client)
    patient.start()
    assert copy.get("/done/summary.pdf").status_code == 404


# A draft ends on the server when the browser holding it moves on

def opens_the_draft(client) -> bool:
    return client.get("/step/reasons").status_code == 200


def test_a_cookie_copied_before_a_new_form_is_started_no_longer_opens_the_draft(app, patient):
    patient.start()
    code = RESUME_CODE.search(patient.answer("about_you", typical_answers()["about_you"]).text).group(1)
    copy = copied_browser(app, patient.client)
    assert opens_the_draft(copy)
    assert patient.post_form("/start", {"action": "new"}, page="/").status_code == 302
    assert not opens_the_draft(copy)
    assert "Alex Rivera" not in copy.get("/step/about_you", follow_redirects=True).text
    assert opens_the_draft(patient.client), "the new form, for the next person"
    assert 'value="Alex Rivera"' not in patient.page("about_you").text
    resumed = Patient(app.test_client())
    assert resumed.post_form("/resume", {"code": code, "date_of_birth": "1985-03-27"}).status_code == 302
    assert 'value="Alex Rivera"' in resumed.page("about_you").text


def test_a_cookie_copied_before_a_new_form_after_the_idle_time_no_longer_opens_the_draft(app, patient, monkeypatch):
    """The tablet left alone: its own cookie has closed the draft, and the next person's Start ends the copy too."""
    patient.complete({"about_you": typical_answers()["about_you"]})
    copy = copied_browser(app, patient.client)
    later(monkeypatch, app.config["PATIENT_IDLE_MINUTES"] - 1)
    assert opens_the_draft(copy), "the copy keeps its own idle clock going"
    later(monkeypatch, 2)  # the tablet's own cookie: idle for longer than PATIENT_IDLE_MINUTES now
    assert patient.post_form("/start", {"action": "new"}, page="/").status_code == 302
    assert not opens_the_draft(copy)


def test_a_cookie_copied_before_another_draft_is_resumed_no_longer_opens_the_first(app, patient):
    patient.start()
    code = RESUME_CODE.search(patient.answer("about_you", typical_answers()["about_you"]).text).group(1)
    next_person = Patient(app.test_client())
    next_person.start()
    copy = copied_browser(app, next_person.client)
    assert next_person.post_form("/resume", {"code": code, "date_of_birth": "1985-03-27"}).status_code == 302
    assert not opens_the_draft(copy)
    assert 'value="Alex Rivera"' in next_person.page("about_you").text


def started_on_a_tablet(patient) -> str:
    patient.start()
    return RESUME_CODE.search(patient.answer("about_you", typical_answers()["about_you"]).text).group(1)


def resumed_on_a_phone(app, code: str) -> Patient:
    phone = Patient(app.test_client())
    assert phone.post_form("/resume", {"code": code, "date_of_birth": "1985-03-27"}).status_code == 302
    return phone


def test_a_draft_resumed_on_a_phone_is_no_longer_opened_by_the_tablet_it_was_started_on(app, patient):
    phone = resumed_on_a_phone(app, started_on_a_tablet(patient))
    assert not opens_the_draft(patient.client)
    assert patient.post_form("/start", {"action": "new"}, page="/").status_code == 302
    assert 'value="Alex Rivera"' in phone.page("about_you").text


def test_the_idle_tablets_next_patient_does_not_close_the_draft_a_phone_resumed(app, patient, monkeypatch):
    code = started_on_a_tablet(patient)
    later(monkeypatch, app.config["PATIENT_IDLE_MINUTES"] - 1)
    phone = resumed_on_a_phone(app, code)
    later(monkeypatch, 2)  # the tablet, idle past PATIENT_IDLE_MINUTES, is used by the next person
    assert patient.post_form("/start", {"action": "new"}, page="/").status_code == 302
    assert 'value="Alex Rivera"' in phone.page("about_you").text


def test_a_cookie_copied_before_sending_no_longer_opens_the_draft(app, patient):
    patient.complete()
    copy = copied_browser(app, patient.client)
    assert copy.get("/review").status_code == 200
    assert patient.submit().status_code == 302
    assert copy.get("/review").status_code == 302
    assert not opens_the_draft(copy)


def test_a_patient_page_shown_again_within_the_minute_sets_no_cookie(app, patient):
    """The idle clock is kept to the minute (SEEN_RESOLUTION), and a patient has no staff session to protect."""
    patient.start()
    first = patient.client.get("/step/about_you")
    again = patient.client.get("/step/about_you")
    assert first.status_code == again.status_code == 200
    assert again.headers.getlist("Set-Cookie") == []
    assert not any("remember_token" in cookie for cookie in first.headers.getlist("Set-Cookie"))


# Staff search words stay out of the cookie

def readable_cookie(client) -> str:
    """The session cookie as anyone holding it can read it: base64 (zlib-compressed when it starts with a dot)."""
    payload = client.get_cookie("session").value
    compressed = payload.startswith(".")
    data = base64.urlsafe_b64decode(payload.lstrip(".").split(".")[0] + "==")
    return (zlib.decompress(data) if compressed else data).decode()


def test_search_words_are_not_readable_in_the_session_cookie(app, patient, make_staff):
    patient.complete()
    patient.submit()
    staff = make_staff()
    staff.post("/staff/search", {"search": "Rivera"})
    queue = staff.client.get("/staff/")
    assert "Alex Rivera" in queue.text and 'value="Rivera"' in queue.text
    cookie = readable_cookie(staff.client)
    assert "Rivera" not in cookie


# Anonymous writes are limited

def test_starting_forms_is_limited_per_address(app, patient):
    app.config["START_LIMIT"] = "3 per hour"
    assert [patient.post_form("/start", {"action": "new"}, page="/").status_code for _ in range(4)] == [302] * 3 + [429]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Intake)) == 3


def test_the_start_limit_has_a_setting():
    assert settings.Config.START_LIMIT == "30 per hour"
    assert "START_LIMIT" in settings.ENV_SETTINGS


def test_refused_sign_ins_write_one_audit_row_per_window(app, make_staff):
    nurse = make_staff(signed_in=False)
    for _ in range(app.config["SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS"]):
        assert nurse.sign_in("wrong password").status_code == 422
    for _ in range(10):
        refused = nurse.sign_in("wrong password")
        assert refused.status_code == 422 and "Too many attempts" in refused.text
    with app.app_context():
        actions = db.session.scalars(db.select(AuditEvent.action)).all()
    assert actions.count("sign_in_failed") == app.config["SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS"]
    assert actions.count("sign_in_refused") == 1


# Parallel PDF renders (the server test is in test_parallel_pdfs.py)

def test_downloads_of_the_patients_copy_are_limited_per_address(app, patient):
    app.config["PATIENT_COPY_LIMIT"] = "3 per minute"
    sent_patient(patient)
    assert [patient.client.get("/done/summary.pdf").status_code for _ in range(3)] == [200, 200, 429]


def test_renders_in_parallel_threads_all_give_whole_pdfs(app):
    from screening.summary.content import build_summary
    from screening.summary.pdf import render_pdf

    with app.app_context():
        summary = build_summary({}, utcnow(), today=utcnow().date(), for_patient=True)
    with ThreadPoolExecutor(8) as pool:
        pdfs = list(pool.map(lambda _: render_pdf(summary), range(8)))
    assert all(pdf.startswith(b"%PDF") and PdfReader(io.BytesIO(pdf)).pages for pdf in pdfs)


# No 500 from query strings or odd bytes (random query strings: test_fuzzing_queries.py)

HUGE = str(10**30)


def test_odd_query_strings_on_staff_pages_are_no_server_error(make_staff):
    admin = make_staff("admin@clinic.test", role="admin")
    for path in ("/staff/?_method=PUT", "/staff/?endpoint=x", "/staff/?page=-1", f"/staff/?page={HUGE}",
                 "/staff/?_external=1&_scheme=javascript", "/staff/audit?page=-1", f"/staff/audit?page={HUGE}",
                 f"/staff/audit?intake={HUGE}", f"/staff/audit?actor={HUGE}", "/staff/audit?intake=-5"):
        response = admin.client.get(path)
        assert response.status_code == 200, path
    for path in ("/staff/audit?action=%00", "/staff/?%00=1", "/step/about%00you"):
        assert admin.client.get(path).status_code == 400, path


def test_searching_keeps_only_the_queue_filters_in_the_address(make_staff):
    staff = make_staff()
    queue = staff.client.get("/staff/?when=today&endpoint=x&_method=PUT&page=2")
    assert 'action="/staff/search?when=today"' in queue.text
    response = staff.post("/staff/search?when=today&endpoint=x&_anchor=y", {"search": "x"})
    assert response.status_code == 302 and response.headers["Location"] == "/staff/?when=today"


def test_a_nul_byte_in_the_sign_in_email_gets_a_message(app, make_staff, caplog):
    nurse = make_staff(signed_in=False)
    nurse.email = "nurse@clinic.test\x00secret-typed-text"
    response = nurse.sign_in()
    assert response.status_code == 422
    assert "Remove the unusual character" in response.text
    assert "secret-typed-text" not in caplog.text


def test_a_nul_byte_in_an_answer_gets_a_message_next_to_the_field(patient):
    patient.start()
    about_you = {**typical_answers()["about_you"], "full_name": "Alex\x00Rivera"}
    response = patient.answer("about_you", about_you)
    assert response.status_code == 422
    assert "Remove the unusual character" in response.text


def test_nul_bytes_in_staff_forms_are_no_server_error(app, patient, make_staff):
    patient.complete()
    patient.submit()
    admin = make_staff("admin@clinic.test", role="admin")
    with app.app_context():
        intake_id = db.session.scalar(db.select(Intake.id))
    assert admin.post("/staff/search", {"search": "Alex\x00"}).status_code == 302
    assert admin.client.get("/staff/").status_code == 200
    note = admin.post(f"/staff/intakes/{intake_id}/notes", {"text": "a\x00b"}, page=f"/staff/intakes/{intake_id}")
    assert note.status_code == 302
    account = admin.post("/staff/accounts", {"email": "x\x00@clinic.test", "role": "staff",
                                             "password": "a long enough password"}, page="/staff/accounts")
    assert account.status_code == 422 and "Remove the unusual character" in account.text


# Why the crisis page was shown stays out of the cookie

def test_the_reason_for_the_crisis_page_is_not_readable_in_the_session_cookie(app, patient):
    patient.complete({"about_you": typical_answers()["about_you"]})
    sent = patient.answer("mood", typical_answers()["mood"] | {"phq9_9": "2"})
    assert "/crisis" in sent.headers["Location"]
    assert "988" in patient.client.get(sent.headers["Location"]).text
    cookie = readable_cookie(patient.client)
    assert "self_harm" not in cookie and '"reasons"' not in cookie
    assert 'href="/step/safety"' in patient.client.get("/crisis").text  # the way on, read back from the cookie
    assert patient.answer("mood", typical_answers()["mood"] | {"phq9_9": "2"}).status_code == 302
    assert "crisis_for" not in readable_cookie(patient.client)  # the next save forgets that it was shown


# Which page a save opened follow-ups or a row on stays out of the cookie

INTAKE_PAGES = [section.id for section in SECTIONS] + list(MERGED_PAGES)


def readable_pages(client) -> list[str]:
    """The intake's pages that anyone holding the cookie can read in it."""
    cookie = readable_cookie(client)
    return [page for page in INTAKE_PAGES if f'"{page}"' in cookie]


def test_the_page_where_a_save_opened_follow_ups_is_not_readable_in_the_session_cookie(patient):
    patient.start()
    sent = patient.answer("substances", {**typical_answers()["substances"], "drug_use_count": "3"})
    assert sent.status_code == 302 and "/step/substances" in sent.headers["Location"]
    assert "new_on" in readable_cookie(patient.client)
    assert readable_pages(patient.client) == []
    assert '<a href="#drugs_used">Go to the first new question</a>' in patient.client.get(sent.headers["Location"]).text


def test_the_page_showing_one_more_row_is_not_readable_in_the_session_cookie(patient):
    patient.start()
    table = {"treatments_tried": ["antidepressants"]}
    opened = patient.answer("reasons", {**typical_answers()["reasons"], **table})
    patient.client.get(opened.headers["Location"])
    added = patient.answer("reasons", {**table, "antidepressants-0-name": "Sertraline"}, action="add_row")
    assert "add_row_on" in readable_cookie(patient.client)
    assert readable_pages(patient.client) == []
    shown = patient.client.get(added.headers["Location"]).text
    assert len(re.findall(r'<fieldset class="group-row" id="antidepressants-row-\d+">', shown)) == 2


# Names searched for stay out of the staff browser's saved form entries

def test_the_staff_search_box_asks_the_browser_not_to_keep_what_was_searched(make_staff):
    queue = make_staff().client.get("/staff/").text
    box = re.search(r'<input [^>]*name="search"[^>]*>', queue).group(0)
    assert 'autocomplete="off"' in box
