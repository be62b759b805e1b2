"""Clinic staff: signing in, the queue, one intake, review, notes, exports, the audit log, retention."""

import csv
import html
import io
import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode

import pytest
from answer_sets import everything_positive, nothing_of_note, unsure_and_high
from helpers import STAFF_PASSWORD, Patient, Staff, is_checked

from screening.intake import store as intake_store
from screening.models import Attention, AuditEvent, Intake, StaffNote, StaffUser, db


def store(app, answers: dict, days_ago: int = 0) -> int:
    with app.app_context():
        submitted = datetime.now(UTC) - timedelta(days=days_ago)
        return intake_store.store_submitted(answers, submitted_at=submitted).id


def actions(app) -> list[tuple[str, int | None, int | None]]:
    with app.app_context():
        rows = db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))
        return [(row.action, row.actor_id, row.intake_id) for row in rows]


def staff_id(app, email: str) -> int:
    with app.app_context():
        return db.session.execute(db.select(StaffUser).filter_by(email=email)).scalar_one().id


def staff_routes(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("staff.")]


def example_path(rule) -> str:
    return rule.rule.replace("<int:intake_id>", "1").replace("<int:user_id>", "1")


# Access


def test_every_staff_route_refuses_anonymous_users(app, client):
    token = Patient(client).token(client.get("/staff/sign-in").text)
    for rule in staff_routes(app):
        if rule.endpoint == "staff.sign_in":
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.open(example_path(rule), method=method, data={"csrf_token": token})
            assert response.status_code == 302, (rule.rule, method)
            assert "/staff/sign-in" in response.headers["Location"], (rule.rule, method)


def test_admin_routes_refuse_staff_members(app, make_staff):
    nurse = make_staff()
    admin_only = [rule for rule in staff_routes(app) if getattr(app.view_functions[rule.endpoint], "admin_only", False)]
    assert {rule.endpoint for rule in admin_only} >= {"staff.staff_accounts", "staff.audit_log", "staff.set_active"}
    token = nurse.browser.token(nurse.client.get("/staff/").text)
    for rule in admin_only:
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = nurse.client.open(example_path(rule), method=method, data={"csrf_token": token})
            assert response.status_code == 403, (rule.rule, method)


def test_sign_in_with_a_wrong_password_is_refused(make_staff):
    nurse = make_staff(signed_in=False)
    response = nurse.sign_in("wrong password")
    assert response.status_code == 422
    assert "do not match an active account" in response.text
    assert nurse.client.get("/staff/").status_code == 302


def test_the_link_in_an_alert_leads_to_the_attention_record_once_signed_in(make_staff):
    """An alert's link (APP_URL/staff/attention/<number>) asks for a sign-in first, then opens what it points at."""
    nurse = make_staff(signed_in=False)
    asked = nurse.client.get("/staff/attention/7")
    assert asked.status_code == 302
    sign_in_page = asked.headers["Location"]
    signed_in = nurse.browser.post_form(sign_in_page, {"email": nurse.email, "password": STAFF_PASSWORD})
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/staff/attention/7"


@pytest.mark.parametrize("elsewhere", ["https://evil.example/staff/", "//evil.example/staff/", "/\\evil.example",
                                       "/step/safety", "javascript:alert(1)"])
def test_sign_in_never_sends_staff_outside_the_staff_pages(make_staff, elsewhere):
    nurse = make_staff(signed_in=False)
    page = "/staff/sign-in?" + urlencode({"next": elsewhere})
    signed_in = nurse.browser.post_form(page, {"email": nurse.email, "password": STAFF_PASSWORD})
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/staff/"


def test_sign_in_is_limited_per_account(make_staff):
    nurse = make_staff(signed_in=False)
    for _ in range(5):
        nurse.sign_in("wrong password")
    response = nurse.sign_in()
    assert response.status_code == 422
    assert "Too many attempts" in response.text


def browser_at(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def fails_from(app, email: str, address: str, times: int) -> None:
    guesser = Staff(browser_at(app, address), email)
    for _ in range(times):
        refused = guesser.sign_in("wrong password")
        assert refused.status_code == 422 and "do not match" in refused.text


def guessed_from_many_addresses(app, email: str) -> None:
    """Failures for `email` up to the limit for the account, spread so that no address reaches its own limit."""
    each, left = app.config["SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS"] - 1, app.config["SIGN_IN_ATTEMPTS_PER_ACCOUNT"]
    for number in range(-(-left // each)):
        fails_from(app, email, f"203.0.113.{number}", min(each, left - number * each))


def test_failures_from_another_address_do_not_lock_the_staff_member_out(app, make_staff):
    nurse = make_staff(signed_in=False)
    stranger = Staff(browser_at(app, "198.51.100.66"), nurse.email)
    for _ in range(2 * app.config["SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS"]):
        stranger.sign_in("wrong password")
    assert "Too many attempts" in stranger.sign_in().text, "the right password, from the stranger's address"
    assert Staff(browser_at(app, "192.0.2.10"), nurse.email).sign_in().status_code == 302


def test_guessing_one_password_from_many_addresses_meets_a_limit_for_the_account(app, make_staff):
    nurse = make_staff(signed_in=False)
    guessed_from_many_addresses(app, nurse.email)
    refused = Staff(browser_at(app, "198.51.100.7"), nurse.email).sign_in()
    assert refused.status_code == 422 and "Too many attempts" in refused.text


def test_an_address_the_account_signed_in_from_lately_is_spared_the_limit_for_the_account(app, make_staff):
    nurse = make_staff(signed_in=False)
    clinic = Staff(browser_at(app, "192.0.2.10"), nurse.email)
    assert clinic.sign_in().status_code == 302
    clinic.post("/staff/sign-out")
    guessed_from_many_addresses(app, nurse.email)
    assert "Too many attempts" in Staff(browser_at(app, "198.51.100.7"), nurse.email).sign_in().text
    assert clinic.sign_in().status_code == 302
    other_account = Staff(browser_at(app, "192.0.2.10"), "doctor@clinic.test")
    fails_from(app, other_account.email, "192.0.2.10", app.config["SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS"])
    assert "Too many attempts" in other_account.sign_in().text, "the limit per account and address still holds"


def test_sign_in_is_limited_per_address(app, make_staff):
    app.config["SIGN_IN_ATTEMPTS_PER_ADDRESS"] = 3
    nurse = make_staff(signed_in=False)
    for number in range(3):
        Patient(nurse.client).post_form("/staff/sign-in", {"email": f"guess{number}@x.test", "password": "x"})
    assert "Too many attempts" in nurse.sign_in().text


CLINIC = "192.0.2.10"


def signed_in_lately_at_the_clinic(app, make_staff, email: str = "nurse@clinic.test") -> Staff:
    make_staff(email, signed_in=False)
    member = Staff(browser_at(app, CLINIC), email)
    assert member.sign_in().status_code == 302
    member.post("/staff/sign-out")
    return member


def clinic_address_over_its_limit(app) -> None:
    """Failures from the clinic's shared address, for accounts no one there signs in with, up to its limit."""
    each, left = app.config["SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS"] - 1, app.config["SIGN_IN_ATTEMPTS_PER_ADDRESS"]
    for number in range(-(-left // each)):
        fails_from(app, f"guess{number}@clinic.test", CLINIC, min(each, left - number * each))


def sign_in_error(response) -> str:
    return html.unescape(re.search(r'<p class="field-error" id="email-error">([^<]*)</p>', response.text).group(1))


def test_staff_who_signed_in_at_the_clinic_lately_still_get_in_when_its_shared_address_is_over_its_limit(
        app, make_staff):
    """One person guessing, or a password manager filling in an old password, behind the front office's one address
    must not lock out everyone there on a day with urgent alerts."""
    nurse = signed_in_lately_at_the_clinic(app, make_staff)
    doctor = signed_in_lately_at_the_clinic(app, make_staff, "doctor@clinic.test")
    clinic_address_over_its_limit(app)
    assert nurse.sign_in().status_code == 302
    assert doctor.sign_in().status_code == 302


def test_an_address_over_its_limit_still_refuses_accounts_not_signed_in_from_it_lately(app, make_staff):
    """Password spraying from one address stops at its limit: a sprayer has no account that signs in from there."""
    signed_in_lately_at_the_clinic(app, make_staff)
    clinic_address_over_its_limit(app)
    new_colleague = make_staff("new@clinic.test", signed_in=False)
    refused = Staff(browser_at(app, CLINIC), new_colleague.email).sign_in()
    assert refused.status_code == 422
    assert sign_in_error(refused) == ("Too many attempts from this network. If you signed in here in the last 30 days, "
                                      "check your password and try again. If not, wait 15 minutes, then try again.")
    assert new_colleague.sign_in().status_code == 302, "from another address, the limit of this one does not apply"


def test_with_no_address_spared_an_address_over_its_limit_tells_everyone_to_wait(app, make_staff):
    """SIGN_IN_KNOWN_ADDRESS_DAYS 0 spares no address: "if you signed in here in the last 0 days" would send staff
    back to retyping a right password that cannot get in."""
    nurse = signed_in_lately_at_the_clinic(app, make_staff)
    app.config["SIGN_IN_KNOWN_ADDRESS_DAYS"] = 0
    clinic_address_over_its_limit(app)
    refused = nurse.sign_in()
    assert refused.status_code == 422
    assert sign_in_error(refused) == "Too many attempts. Wait 15 minutes, then try again."


def test_at_an_address_over_its_limit_a_wrong_password_gets_the_same_answer_for_every_email(app, make_staff):
    """Were the clinic's own staff told "do not match" and others "too many attempts", a guesser there could tell
    which emails sign in from it."""
    nurse = signed_in_lately_at_the_clinic(app, make_staff)
    make_staff("new@clinic.test", signed_in=False)
    clinic_address_over_its_limit(app)
    answers = {sign_in_error(Staff(browser_at(app, CLINIC), email).sign_in("wrong password"))
               for email in (nurse.email, "new@clinic.test", "nobody@clinic.test")}
    assert len(answers) == 1 and next(iter(answers)).startswith("Too many attempts from this network.")


def test_at_an_address_over_its_limit_the_clinics_own_staff_still_have_only_their_own_attempts(app, make_staff):
    nurse = signed_in_lately_at_the_clinic(app, make_staff)
    clinic_address_over_its_limit(app)
    for _ in range(app.config["SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS"]):
        nurse.sign_in("wrong password")
    refused = nurse.sign_in()
    assert refused.status_code == 422 and "Too many attempts from this network" in refused.text


def test_the_audit_log_says_which_limit_refused_a_sign_in_and_who_got_in_past_the_addresss_limit(app, make_staff):
    nurse = signed_in_lately_at_the_clinic(app, make_staff)
    clinic_address_over_its_limit(app)
    Staff(browser_at(app, CLINIC), "new@clinic.test").sign_in()
    assert nurse.sign_in().status_code == 302
    admin = make_staff("admin@clinic.test", role="admin")
    refused = admin.client.get("/staff/audit?action=sign_in_refused").text
    assert "<td>too many attempts from this address</td>" in refused
    signed_in = admin.client.get(f"/staff/audit?action=sign_in&actor={staff_id(app, nurse.email)}").text
    assert "<td>from an address over its limit, which this account signed in from lately</td>" in signed_in


def attempts_at_once(app, emails: list[str], address: str, password: str = "wrong password") -> list[str]:
    """Each email's sign-in posted at the same moment from `address`: the error each one got."""
    browsers = [Staff(browser_at(app, address), email) for email in emails]
    tokens = [member.browser.token(member.client.get("/staff/sign-in").text) for member in browsers]
    ready = threading.Barrier(len(browsers))

    def attempt(member: Staff, token: str) -> str:
        ready.wait()
        response = member.client.post("/staff/sign-in",
                                      data={"csrf_token": token, "email": member.email, "password": password})
        return sign_in_error(response)

    with ThreadPoolExecutor(len(browsers)) as pool:
        return list(pool.map(attempt, browsers, tokens))


def test_wrong_passwords_sent_at_once_are_checked_no_more_often_than_the_limit_for_the_account(app, make_staff):
    nurse = make_staff(signed_in=False)
    limit = app.config["SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS"]
    answers = attempts_at_once(app, [nurse.email] * 12, CLINIC)
    assert sum("do not match" in answer for answer in answers) <= limit
    assert all("do not match" in answer or answer.startswith("Too many attempts") for answer in answers)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).where(AuditEvent.action == "sign_in_failed")) <= limit


def test_wrong_passwords_for_many_emails_sent_at_once_are_checked_no_more_often_than_the_limit_for_the_address(
        app, make_staff):
    app.config["SIGN_IN_ATTEMPTS_PER_ADDRESS"] = 4
    answers = attempts_at_once(app, [f"guess{number}@clinic.test" for number in range(12)], CLINIC)
    assert sum("do not match" in answer for answer in answers) <= 4
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).where(AuditEvent.action == "sign_in_failed")) <= 4


def test_the_clinics_own_staff_sending_wrong_passwords_at_once_past_the_addresss_limit_meet_their_own(
        app, make_staff):
    nurse = signed_in_lately_at_the_clinic(app, make_staff)
    clinic_address_over_its_limit(app)
    limit = app.config["SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS"]
    attempts_at_once(app, [nurse.email] * 12, CLINIC)
    with app.app_context():
        failed = db.session.scalar(db.select(db.func.count()).where(
            AuditEvent.action == "sign_in_failed", AuditEvent.actor_id == staff_id(app, nurse.email)))
    assert failed <= limit


def test_an_ipv6_guesser_changing_the_end_of_its_address_meets_the_limit_of_its_network(app, make_staff):
    """A home or a phone is given a whole /64: its addresses count as one."""
    nurse = make_staff(signed_in=False)
    for number in range(app.config["SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS"]):
        fails_from(app, nurse.email, f"2001:db8:7:7::{number + 1:x}", 1)
    assert "Too many attempts" in Staff(browser_at(app, "2001:db8:7:7::ffff"), nurse.email).sign_in().text
    assert Staff(browser_at(app, "2001:db8:7:8::1"), nurse.email).sign_in().status_code == 302


def test_sign_out_ends_the_session(make_staff):
    nurse = make_staff()
    nurse.post("/staff/sign-out")
    assert nurse.client.get("/staff/").status_code == 302


def test_staff_are_signed_out_after_idle_time(app, make_staff):
    nurse = make_staff()
    app.config["STAFF_IDLE_MINUTES"] = 0
    response = nurse.client.get("/staff/")
    assert response.headers["Location"].endswith("/staff/sign-in")
    app.config["STAFF_IDLE_MINUTES"] = 15
    assert nurse.client.get("/staff/").status_code == 302


def test_an_idle_sign_out_is_recorded_once_in_the_audit_log_at_the_next_request(app, make_staff):
    """Sign-in and sign-out are in the log; so is the end of a session left idle, when the next request finds it."""
    nurse = make_staff()
    app.config["STAFF_IDLE_MINUTES"] = 0
    nurse.client.get("/staff/intakes/1")
    app.config["STAFF_IDLE_MINUTES"] = 15
    nurse.client.get("/staff/")
    idle = [row for row in actions(app) if row[0] == "sign_out_idle"]
    assert idle == [("sign_out_idle", staff_id(app, nurse.email), None)]
    with app.app_context():
        assert db.session.scalars(db.select(AuditEvent.detail).filter_by(action="sign_out_idle")).one() == ""
    admin = make_staff("admin@clinic.test", role="admin")
    shown = admin.client.get("/staff/audit?action=sign_out_idle").text
    assert "Signed out after a time without activity" in shown and f"<td>{nurse.email}</td>" in shown


def test_a_deactivated_account_cannot_sign_in(app, make_staff):
    admin = make_staff("admin@clinic.test", role="admin")
    nurse = make_staff(signed_in=False)
    admin.post(f"/staff/accounts/{staff_id(app, nurse.email)}/active", {"active": "0"}, page="/staff/accounts")
    assert nurse.sign_in().status_code == 422


def test_an_admin_resets_a_password(app, make_staff):
    admin = make_staff("admin@clinic.test", role="admin")
    nurse = make_staff(signed_in=False)
    new = "another long password"
    admin.post(f"/staff/accounts/{staff_id(app, nurse.email)}/password", {"password": new, "confirm": new},
               page="/staff/accounts")
    assert nurse.sign_in().status_code == 422
    assert nurse.sign_in(new).status_code == 302


def test_passwords_are_stored_with_scrypt(app, make_staff):
    make_staff(signed_in=False)
    with app.app_context():
        stored = db.session.execute(db.select(StaffUser)).scalar_one().password_hash
    assert stored.startswith("scrypt:") and STAFF_PASSWORD not in stored


def test_create_staff_command_asks_for_the_password_twice(app, runner):
    result = runner.invoke(args=["create-staff", "doc@clinic.test", "--role", "admin"],
                           input="a long new password\na long new password\n")
    assert result.exit_code == 0, result.output
    assert "a long new password" not in result.output
    with app.app_context():
        assert db.session.execute(db.select(StaffUser)).scalar_one().role == "admin"


# Queue


def test_queue_lists_urgent_first_then_by_consultation_date(app, make_staff):
    in_nine_days = (date.today() + timedelta(days=9)).isoformat()
    later = store(app, {**nothing_of_note(), "full_name": "Later Visit", "consultation_date": in_nine_days})
    sooner = store(app, {**nothing_of_note(), "full_name": "Sooner", "consultation_date": date.today().isoformat()})
    urgent = store(app, everything_positive())
    page = make_staff().client.get("/staff/").text
    order = [int(number) for number in re.findall(r'href="/staff/intakes/(\d+)"', page)]
    assert order == [urgent, sooner, later]
    assert "Urgent: 1" in page


def test_visits_already_past_come_after_the_coming_ones_most_recent_first(app, make_staff):
    """Weeks into use, the queue opened on the oldest visits; the clinician wants today's and the next ones."""
    def visit(days: int, answers: dict) -> int:
        when = (date.today() + timedelta(days=days)).isoformat()
        return store(app, {**answers, "consultation_date": when}, days_ago=max(0, -days) + 1)

    last_month = visit(-30, nothing_of_note())
    urgent_last_week = visit(-7, everything_positive())
    yesterday = visit(-1, nothing_of_note())
    today = visit(0, nothing_of_note())
    undated = store(app, {key: value for key, value in nothing_of_note().items() if key != "consultation_date"})
    urgent_next_week = visit(7, everything_positive())
    tomorrow = visit(1, nothing_of_note())
    page = make_staff().client.get("/staff/").text
    order = [int(number) for number in re.findall(r'href="/staff/intakes/(\d+)"', page)]
    assert order == [urgent_next_week, today, tomorrow, undated, urgent_last_week, yesterday, last_month]


def test_paging_goes_on_from_the_coming_visits_into_the_past_ones_missing_none(app):
    from screening.staff.review_queue import QueueFilter, list_queue

    days = (-3, 2, -1, 0, 5, -8, 1)
    for offset in days:
        store(app, {**nothing_of_note(), "consultation_date": (date.today() + timedelta(days=offset)).isoformat()})
    with app.app_context():
        pages = [list_queue(QueueFilter(), number, date.today(), per_page=2) for number in (1, 2, 3, 4)]
        seen = [(row.intake.consultation_date - date.today()).days for page in pages for row in page.rows]
    assert seen == [0, 1, 2, 5, -1, -3, -8]
    assert [page.pages for page in pages] == [4, 4, 4, 4]


def test_queue_filters_by_level_day_and_review(app, make_staff):
    store(app, everything_positive())
    store(app, {**unsure_and_high(), "consultation_date": (date.today() + timedelta(days=20)).isoformat()})
    today = store(app, {**nothing_of_note(), "consultation_date": date.today().isoformat()})
    nurse = make_staff()
    assert len(re.findall(r'href="/staff/intakes/', nurse.client.get("/staff/?level=urgent").text)) == 1
    assert re.findall(r'href="/staff/intakes/(\d+)"', nurse.client.get("/staff/?when=today").text) == [str(today)]
    nurse.post(f"/staff/intakes/{today}/reviewed", page=f"/staff/intakes/{today}")
    assert f'/staff/intakes/{today}"' not in nurse.client.get("/staff/?not_reviewed=1").text


def test_search_by_name_or_date_of_birth_stays_out_of_urls(app, make_staff):
    store(app, {**nothing_of_note(), "full_name": "Hanako Yamada", "date_of_birth": "1990-02-03"})
    store(app, {**nothing_of_note(), "full_name": "Alex Rivera"})
    nurse = make_staff()
    response = nurse.post("/staff/search", {"search": "yamada"})
    assert "yamada" not in response.headers["Location"].lower()
    page = nurse.client.get("/staff/").text
    assert "Hanako Yamada" in page and "Alex Rivera" not in page
    nurse.post("/staff/search", {"search": "1985-03-27"})
    page = nurse.client.get("/staff/").text
    assert "Alex Rivera" in page and "Hanako Yamada" not in page


def test_a_search_kept_for_later_says_so_on_the_queue_and_one_press_shows_every_intake(app, make_staff):
    """The search stays in the session: back on the queue an hour later, a short list must not look like the day's."""
    store(app, {**nothing_of_note(), "full_name": "Hanako Yamada"})
    store(app, {**nothing_of_note(), "full_name": "Alex Rivera"})
    nurse = make_staff()
    assert "match the search" not in nurse.client.get("/staff/").text
    nurse.post("/staff/search", {"search": "yamada"})
    searched = nurse.client.get("/staff/?refresh=off").text
    assert "Only intakes that match the search are shown." in searched and "Alex Rivera" not in searched
    form = re.search(r'<form method="post" action="([^"]+)"[^>]*>(?:(?!</form>).)*Show every intake', searched, re.S)
    assert form and re.search(r'<input type="hidden" name="search" value="">', form.group(0))
    cleared = nurse.post(html.unescape(form.group(1)), {"search": ""}, page="/staff/?refresh=off")
    assert cleared.headers["Location"] == "/staff/?refresh=off"
    page = nurse.client.get("/staff/").text
    assert "Alex Rivera" in page and "Hanako Yamada" in page and "match the search" not in page


@pytest.mark.parametrize("typed", ["José", "jose", "MULLER", "müller", "O'Brien", "obrien", "o’brien"])
def test_search_finds_a_name_typed_without_its_accents_or_with_another_apostrophe(app, make_staff, typed):
    """The patient typed "José Müller-O’Brien" on a phone (which curls the apostrophe); the front desk types on a
    US keyboard."""
    store(app, {**nothing_of_note(), "full_name": "José Müller-O’Brien"})
    store(app, {**nothing_of_note(), "full_name": "Alex Rivera"})
    nurse = make_staff()
    nurse.post("/staff/search", {"search": typed})
    page = nurse.client.get("/staff/").text
    assert "José Müller-O’Brien" in page and "Alex Rivera" not in page


def test_the_queues_first_heading_is_its_h1_then_the_attention_panels_h2(app, make_staff):
    """A screen reader's list of headings starts with the page's own, as the page's outline does."""
    levels = re.findall(r"<h([1-6])[ >]", make_staff().client.get("/staff/").text)
    assert levels[:2] == ["1", "2"]


def test_queue_is_paginated(app, make_staff):
    for _ in range(27):
        store(app, nothing_of_note())
    nurse = make_staff()
    assert len(re.findall(r'href="/staff/intakes/', nurse.client.get("/staff/").text)) == 25
    assert len(re.findall(r'href="/staff/intakes/', nurse.client.get("/staff/?page=2").text)) == 2


def test_a_queue_that_stopped_refreshing_stays_stopped_on_the_next_page_and_after_a_search(app, make_staff):
    for _ in range(27):
        store(app, nothing_of_note())
    nurse = make_staff()
    stopped = nurse.client.get("/staff/?refresh=off").text
    next_page = re.search(r'<a href="([^"]+)">Next</a>', stopped).group(1).replace("&amp;", "&")
    assert "Refresh" not in nurse.client.get(next_page).headers
    searched = nurse.post("/staff/search?refresh=off", {"search": "rivera"}, page="/staff/?refresh=off")
    assert "Refresh" not in nurse.client.get(searched.headers["Location"]).headers


def test_drafts_are_not_in_the_queue(app, patient, answers, make_staff):
    patient.start()
    patient.answer("about_you", answers["about_you"])
    assert "Alex Rivera" not in make_staff().client.get("/staff/").text


# One intake


def test_intake_page_shows_flags_scores_and_answers_and_is_audited(app, make_staff):
    intake_id = store(app, everything_positive())
    nurse = make_staff()
    page = nurse.client.get(f"/staff/intakes/{intake_id}").text
    assert "Thoughts of self-harm or suicide reported" in page
    assert "PHQ-9: 27 of 27" in page
    assert "Rash after propofol" in page
    assert ("view", staff_id(app, nurse.email), intake_id) in actions(app)


def test_review_is_recorded_with_the_staff_member(app, make_staff):
    intake_id = store(app, nothing_of_note())
    nurse = make_staff()
    nurse.post(f"/staff/intakes/{intake_id}/reviewed", page=f"/staff/intakes/{intake_id}")
    with app.app_context():
        intake = db.session.get(Intake, intake_id)
        assert intake.reviewed_by_id == staff_id(app, nurse.email)
        assert intake.reviewed_at is not None
    assert "Reviewed by nurse@clinic.test" in nurse.client.get(f"/staff/intakes/{intake_id}").text
    assert ("review", staff_id(app, nurse.email), intake_id) in actions(app)


def review_form(html: str, intake_id: int) -> str:
    """The intake page's form that marks it reviewed."""
    match = re.search(rf'<form method="post" action="/staff/intakes/{intake_id}/reviewed".*?</form>', html, re.S)
    assert match, "the intake page offers no way to mark it reviewed"
    return match.group(0)


def alert_of(app, intake_id: int) -> Attention:
    with app.app_context():
        return db.session.scalars(db.select(Attention).filter_by(intake_id=intake_id)).one()


def test_an_intake_whose_alert_is_open_is_marked_reviewed_only_with_what_was_done(app, make_staff):
    """Marking reviewed never leaves an urgent alert silently open, nor closes it without who and what was done."""
    intake_id = store(app, everything_positive())
    nurse = make_staff()
    page = f"/staff/intakes/{intake_id}"
    form = review_form(nurse.client.get(page).text, intake_id)
    assert "The alert for this intake is still open" in form
    assert 'name="outcome"' in form and 'name="note"' in form and "Close the alert and mark as reviewed" in form

    refused = nurse.post(f"{page}/reviewed", {"note": "Spoke with her at 9:10, safe at home."}, page=page)
    assert refused.status_code == 422 and "Choose what was done." in refused.text
    assert "Spoke with her at 9:10, safe at home." in refused.text, "nothing typed is lost"
    vague = nurse.post(f"{page}/reviewed", {"outcome": "other"}, page=page)
    assert vague.status_code == 422 and "Say in the note what was done." in vague.text
    assert is_checked(vague.text, "outcome", "other")
    note_box = re.search(r"<textarea[^>]*>", vague.text).group(0)
    assert 'aria-describedby="note-error"' in note_box and 'aria-invalid="true"' in note_box, "read out with its box"
    with app.app_context():
        assert db.session.get(Intake, intake_id).reviewed_at is None
    assert alert_of(app, intake_id).is_open
    assert not [action for action in actions(app) if action[0] in ("review", "acknowledge_attention")]


def test_recording_what_was_done_when_marking_reviewed_closes_the_alert_with_who_and_what(app, make_staff):
    intake_id = store(app, everything_positive())
    nurse = make_staff()
    page = f"/staff/intakes/{intake_id}"
    done = nurse.post(f"{page}/reviewed", {"outcome": "clinician", "note": "Dr Lee calls her before the visit."},
                      page=page)
    assert done.headers["Location"].endswith(page)
    shown = nurse.client.get(page).text
    assert f"Recorded for intake {intake_id}: Passed to the clinician. Marked as reviewed." in shown
    assert "Reviewed by nurse@clinic.test" in shown and "Needs attention now:" not in shown
    assert f'/staff/intakes/{intake_id}/reviewed"' not in shown
    nurse_id = staff_id(app, nurse.email)
    mark = alert_of(app, intake_id)
    assert mark.acknowledged_by_id == nurse_id and mark.outcome == "clinician"
    assert b"Dr Lee" not in mark.note, "stored encrypted"
    with app.app_context():
        assert db.session.get(Intake, intake_id).reviewed_by_id == nurse_id
        event = db.session.scalars(db.select(AuditEvent).filter_by(action="acknowledge_attention")).one()
        assert (event.actor_id, event.intake_id, event.detail) == (nurse_id, intake_id, "outcome: clinician")
    assert ("review", nurse_id, intake_id) in actions(app)
    record = nurse.client.get(f"/staff/attention/{intake_id}").text
    assert "Passed to the clinician – nurse@clinic.test" in record and "Dr Lee calls her before the visit." in record
    assert "Nothing needs attention now." in nurse.client.get("/staff/").text


def test_an_alert_closed_by_someone_else_meanwhile_keeps_their_record_and_yours_becomes_a_note(app, make_staff):
    intake_id = store(app, everything_positive())
    nurse, doctor = make_staff(), make_staff("doctor@clinic.test")
    page = f"/staff/intakes/{intake_id}"
    opened = nurse.client.get(page).text
    doctor.post(f"/staff/attention/{intake_id}", {"outcome": "spoke", "note": "Safe at home."},
                page=f"/staff/attention/{intake_id}")
    nurse.client.post(f"{page}/reviewed", data={"csrf_token": Patient(nurse.client).token(opened),
                                                "outcome": "message", "note": "Voicemail at 9:10."})
    shown = nurse.client.get(page).text
    assert "Someone else had already recorded what was done about the alert" in shown
    assert "Reviewed by nurse@clinic.test" in shown and "Left a message: Voicemail at 9:10." in shown
    mark = alert_of(app, intake_id)
    assert mark.acknowledged_by_id == staff_id(app, doctor.email) and mark.outcome == "spoke"


@pytest.mark.postgresql_only
def test_a_review_and_an_acknowledgement_at_once_close_each_alert_once_and_lose_neither_record(app, make_staff):
    """The nurse marks intakes reviewed, saying what was done, while the doctor records on the attention pages:
    each alert is closed by one of them, audited once, and the other's record is kept (a note, or "already")."""
    intakes = [store(app, everything_positive()) for _ in range(6)]
    nurse, doctor = make_staff(), make_staff("doctor@clinic.test")
    nurse_token = Patient(nurse.client).token(nurse.client.get(f"/staff/intakes/{intakes[0]}").text)
    doctor_token = Patient(doctor.client).token(doctor.client.get(f"/staff/attention/{intakes[0]}").text)

    def both_at_once(intake_id: int) -> None:
        ready = threading.Barrier(2)

        def post(client, path, data):
            ready.wait()
            assert client.post(path, data=data).status_code == 302

        threads = [threading.Thread(target=post, args=(nurse.client, f"/staff/intakes/{intake_id}/reviewed",
                                                       {"csrf_token": nurse_token, "outcome": "message",
                                                        "note": "Voicemail."})),
                   threading.Thread(target=post, args=(doctor.client, f"/staff/attention/{intake_id}",
                                                       {"csrf_token": doctor_token, "outcome": "spoke"}))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    for intake_id in intakes:
        both_at_once(intake_id)
    nurse_id = staff_id(app, nurse.email)
    with app.app_context():
        for intake_id in intakes:
            mark = db.session.scalars(db.select(Attention).filter_by(intake_id=intake_id)).one()
            closed = db.session.scalars(db.select(AuditEvent).filter_by(action="acknowledge_attention",
                                                                          intake_id=intake_id)).all()
            assert [event.actor_id for event in closed] == [mark.acknowledged_by_id]
            kept_as_note = db.session.scalars(db.select(StaffNote).filter_by(intake_id=intake_id)).all()
            assert len(kept_as_note) == (mark.acknowledged_by_id != nurse_id)
            assert db.session.get(Intake, intake_id).reviewed_by_id == nurse_id


def test_an_intake_reviewed_before_its_alert_was_closed_still_leads_to_the_attention_record(app, make_staff):
    intake_id = store(app, everything_positive())
    with app.app_context():
        db.session.execute(db.update(Intake).where(Intake.id == intake_id).values(reviewed_at=datetime.now(UTC)))
        db.session.commit()
    shown = make_staff().client.get(f"/staff/intakes/{intake_id}").text
    assert "Needs attention now:" in shown and f'href="/staff/attention/{intake_id}">Record what was done' in shown
    assert f'/staff/intakes/{intake_id}/reviewed"' not in shown


def test_notes_are_kept_apart_from_the_answers_and_encrypted(app, make_staff):
    intake_id = store(app, nothing_of_note())
    nurse = make_staff()
    nurse.post(f"/staff/intakes/{intake_id}/notes", {"text": "Called patient, BP cuff at visit"},
               page=f"/staff/intakes/{intake_id}")
    assert "Called patient, BP cuff at visit" in nurse.client.get(f"/staff/intakes/{intake_id}").text
    with app.app_context():
        note = db.session.execute(db.select(StaffNote)).scalar_one()
        assert note.author_id == staff_id(app, nurse.email)
        assert b"BP cuff" not in note.text
        assert intake_store.answers_of(db.session.get(Intake, intake_id)) == nothing_of_note()
    assert ("note", staff_id(app, nurse.email), intake_id) in actions(app)


def test_staff_open_the_pdf_and_it_is_audited(app, make_staff):
    intake_id = store(app, everything_positive())
    nurse = make_staff()
    response = nurse.client.get(f"/staff/intakes/{intake_id}/summary.pdf")
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    assert "no-store" in response.headers["Cache-Control"]
    assert ("print", staff_id(app, nurse.email), intake_id) in actions(app)


def test_each_intakes_pdf_opens_in_the_browser_and_saves_under_a_name_of_its_own(app, make_staff):
    """"Open the PDF to print": the browser's PDF viewer shows it (inline), where staff print it; saved from there,
    a day's PDFs can still be told apart (the exports already carry the number)."""
    first, second = store(app, everything_positive()), store(app, nothing_of_note())
    nurse = make_staff()
    responses = [nurse.client.get(f"/staff/intakes/{number}/summary.pdf") for number in (first, second)]
    assert [response.headers["Content-Disposition"] for response in responses] == [
        f'inline; filename="intake-{first}-summary.pdf"', f'inline; filename="intake-{second}-summary.pdf"']
    for response in responses:
        assert response.headers["Cache-Control"] == "no-store, private" and response.headers["Pragma"] == "no-cache"


def test_exports_still_download_as_files_that_no_cache_keeps(app, make_staff):
    intake_id = store(app, everything_positive())
    nurse = make_staff()
    for export in ("fhir.json", "fhir-bundle.json", "flags.csv"):
        response = nurse.client.get(f"/staff/intakes/{intake_id}/{export}")
        assert response.headers["Content-Disposition"].startswith('attachment; filename="intake-'), export
        assert response.headers["Cache-Control"] == "no-store, private", export


# Exports


def test_fhir_exports_validate_and_carry_the_reference_loinc_codes(app, make_staff):
    from fhir.resources.R4B.questionnaire import Questionnaire
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    intake_id = store(app, everything_positive())
    nurse = make_staff()
    questionnaire = json.loads(nurse.client.get("/staff/questionnaire.json").data)
    Questionnaire.model_validate(questionnaire)
    codes = json.dumps(questionnaire)
    for code in ("44249-1", "44261-6", "69737-5", "70274-6", "72109-2", "75626-2"):
        assert code in codes
    response = json.loads(nurse.client.get(f"/staff/intakes/{intake_id}/fhir.json").data)
    QuestionnaireResponse.model_validate(response)
    totals = {item["linkId"]: item["answer"][0]["valueInteger"] for item in response["item"][-1]["item"]}
    assert totals == {"phq9_total": 27, "gad7_total": 21, "auditc_total": 9}
    assert ("export_fhir", staff_id(app, nurse.email), intake_id) in actions(app)


def test_every_questionnaire_link_id_is_a_question_id(make_staff):
    from screening.exports.fhir import questionnaire
    from screening.questionnaire import QUESTIONS

    def link_ids(items):
        for item in items:
            yield item["linkId"]
            yield from link_ids(item.get("item", []))

    ids = set(link_ids(questionnaire()["item"]))
    assert set(QUESTIONS) <= ids


def test_flags_export_as_csv(app, make_staff):
    intake_id = store(app, unsure_and_high())
    nurse = make_staff()
    response = nurse.client.get(f"/staff/intakes/{intake_id}/flags.csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {row["rule_id"] for row in rows} >= {"R-BP-HIGH", "R-UNSURE"}
    assert ("export_csv", staff_id(app, nurse.email), intake_id) in actions(app)


# Audit log


def test_audit_log_records_sign_in_and_is_read_by_admins_only(app, make_staff):
    admin = make_staff("admin@clinic.test", role="admin")
    page = admin.client.get("/staff/audit?action=sign_in").text
    assert "admin@clinic.test" in page and "sign_in" in page
    assert make_staff().client.get("/staff/audit").status_code == 403


def test_the_audit_log_pages_back_to_its_first_event_keeping_its_filter(app, make_staff):
    """An open queue adds a row a minute: the rows before the latest 50 are a link away, not only a typed address."""
    admin = make_staff("admin@clinic.test", role="admin")
    for _ in range(60):
        admin.client.get("/staff/?refresh=off")
    newest = admin.client.get("/staff/audit").text
    assert "Page 1 of 2" in newest and "<td>sign_in</td>" not in newest
    older = html.unescape(re.search(r'<a href="([^"]+)">Older events</a>', newest).group(1))
    oldest = admin.client.get(older).text
    assert "Page 2 of 2" in oldest and "<td>sign_in</td>" in oldest and "Older events" not in oldest
    assert "Newer events" in oldest
    filtered = admin.client.get("/staff/audit?action=view_queue").text
    older = html.unescape(re.search(r'<a href="([^"]+)">Older events</a>', filtered).group(1))
    assert "action=view_queue" in older and "<td>sign_in</td>" not in admin.client.get(older).text


def test_the_audit_log_offers_its_actions_and_staff_to_filter_by(app, make_staff):
    from screening.staff import audit

    admin = make_staff("admin@clinic.test", role="admin")
    nurse = make_staff()
    page = admin.client.get("/staff/audit").text
    offered = set(re.findall(r'<option value="([a-z_]+)"', page))
    assert offered == set(audit.ACTIONS)
    nurse_id = staff_id(app, nurse.email)
    assert f'<option value="{nurse_id}">{nurse.email}</option>' in page
    only_nurse = admin.client.get(f"/staff/audit?actor={nurse_id}").text
    assert nurse.email in only_nurse and "admin@clinic.test</td>" not in only_nurse


def test_the_audit_log_has_no_route_that_changes_it(app):
    audit_rules = [rule for rule in app.url_map.iter_rules() if "audit" in rule.rule]
    assert audit_rules and all(rule.methods <= {"GET", "HEAD", "OPTIONS"} for rule in audit_rules)


def test_audit_rows_hold_no_health_data(app, make_staff):
    intake_id = store(app, everything_positive())
    nurse = make_staff()
    nurse.client.get(f"/staff/intakes/{intake_id}")
    nurse.post(f"/staff/intakes/{intake_id}/notes", {"text": "Secret note text"}, page=f"/staff/intakes/{intake_id}")
    with app.app_context():
        text = " ".join(row.detail for row in db.session.scalars(db.select(AuditEvent)))
    assert "Fernández" not in text and "Secret note" not in text


# Retention and demo


def test_purge_removes_old_submissions_and_expired_drafts_only(app, runner, patient, answers):
    old = store(app, nothing_of_note(), days_ago=400)
    recent = store(app, nothing_of_note(), days_ago=10)
    patient.start()
    with app.app_context():
        draft = db.session.execute(db.select(Intake).filter(Intake.submitted_at.is_(None))).scalar_one()
        draft.updated_at = datetime.now(UTC) - timedelta(days=app.config["DRAFT_RETENTION_DAYS"] + 1)
        db.session.commit()
    fresh_draft = Patient(app.test_client())
    fresh_draft.start()
    result = runner.invoke(args=["purge", "--older-than", "365"])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 submitted intakes and 1 expired drafts." in result.output
    with app.app_context():
        remaining = {intake.id for intake in db.session.scalars(db.select(Intake))}
    assert old not in remaining and recent in remaining and len(remaining) == 2
    assert any(action == "purge" for action, _, _ in actions(app))


@pytest.mark.parametrize("count", [5])
def test_demo_fills_a_living_queue(app, runner, make_staff, count):
    result = runner.invoke(args=["demo", "--count", str(count), "--seed", "7", "--no-pdf"])
    assert result.exit_code == 0, result.output
    page = make_staff().client.get("/staff/").text
    assert len(re.findall(r'href="/staff/intakes/', page)) == count


def test_the_accounts_page_ties_each_error_to_its_box_and_repeats_no_id(make_staff):
    admin = make_staff("admin@clinic.test", role="admin")
    make_staff("nurse@clinic.test", signed_in=False)
    make_staff("doctor@clinic.test", signed_in=False)
    refused = admin.post("/staff/accounts", {"email": "not an email", "role": "staff",
                                             "password": "a long enough password"}, page="/staff/accounts")
    assert refused.status_code == 422
    html = refused.text
    [error_id] = re.findall(r'<p class="field-error" id="([^"]+)"', html)
    assert re.search(rf'<input[^>]*aria-describedby="{error_id}"[^>]*id="email"', html) or \
        re.search(rf'<input[^>]*id="email"[^>]*aria-describedby="{error_id}"', html)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(id_ for id_ in ids if ids.count(id_) > 1)


def test_the_first_to_mark_an_intake_reviewed_stays_its_reviewer(app, make_staff):
    intake_id = store(app, nothing_of_note())
    nurse, doctor = make_staff(), make_staff("doctor@clinic.test")
    page = f"/staff/intakes/{intake_id}"
    nurse.post(f"{page}/reviewed", page=page)
    second = doctor.post(f"{page}/reviewed", page=page)
    assert second.status_code == 302
    shown = doctor.client.get(page).text
    assert "Someone else had already marked it as reviewed" in shown and "Reviewed by nurse@clinic.test" in shown
    with app.app_context():
        assert db.session.get(Intake, intake_id).reviewed_by_id == staff_id(app, nurse.email)
    reviews = [action for action in actions(app) if action[0] == "review"]
    assert reviews == [("review", staff_id(app, nurse.email), intake_id)]
