"""The clinic's clock (CLINIC_TIMEZONE): the times staff and the clinician read, and "today" (a visit today, an age,
a date that cannot be in the future), turn at the clinic's midnight, not the server's. The clock is set to 03:30
UTC: the evening before in New York, where a form was sent at 03:08 UTC."""

import io
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from answer_sets import everything_positive, nothing_of_note
from helpers import typical_answers
from pypdf import PdfReader

from screening.intake import store as intake_store
from screening.models import AuditEvent, db

NEW_YORK = "America/New_York"


def utc_midnight() -> datetime:
    """Today's midnight UTC (tomorrow's on 29 February, so that a birthday 18 years back exists)."""
    midnight = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + timedelta(days=1) if (midnight.month, midnight.day) == (2, 29) else midnight


NOW = utc_midnight() + timedelta(hours=3, minutes=30)
SENT = utc_midnight() + timedelta(hours=3, minutes=8)
SERVER_DAY = NOW.date()
CLINIC_DAY = SERVER_DAY - timedelta(days=1)
IN_NEW_YORK = SENT.astimezone(ZoneInfo(NEW_YORK))  # 22:08 EST (23:08 EDT in summer) the evening before


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def sent_on(day, answers: dict) -> str:
    """The day sent as page 1 says it: its year only when the visit is in another year."""
    same_year = date.fromisoformat(answers["consultation_date"]).year == day.year
    return f"{day.day} {day:%B}" if same_year else long_date(day)


@pytest.fixture
def new_york(app, monkeypatch):
    """The app of a New York clinic, its clock at 03:30 UTC (set before anyone signs in: one clock for all)."""
    monkeypatch.setattr(time, "time", lambda: NOW.timestamp())
    app.config["CLINIC_TIMEZONE"] = NEW_YORK
    assert IN_NEW_YORK.date() == CLINIC_DAY
    return app


def store(app, answers: dict) -> int:
    with app.app_context():
        return intake_store.store_submitted(answers, submitted_at=SENT).id


def pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_queue_one_intakes_page_and_the_audit_log_show_the_clinics_time(new_york, make_staff):
    intake_id = store(new_york, nothing_of_note())
    admin = make_staff("admin@clinic.test", role="admin")
    sent = f"{CLINIC_DAY} {IN_NEW_YORK:%H:%M %Z}"
    assert IN_NEW_YORK.strftime("%Z") in ("EST", "EDT")
    queue = admin.client.get("/staff/?refresh=off").text
    assert sent in queue and f"{SERVER_DAY} 03:08" not in queue
    page = admin.client.get(f"/staff/intakes/{intake_id}").text
    assert f"sent {sent_on(CLINIC_DAY, nothing_of_note())}, {IN_NEW_YORK:%H:%M %Z}" in page
    admin.post(f"/staff/intakes/{intake_id}/reviewed", page=f"/staff/intakes/{intake_id}")
    signed_in = NOW.astimezone(ZoneInfo(NEW_YORK))
    assert f"Reviewed by admin@clinic.test on {CLINIC_DAY} {signed_in:%H:%M %Z}" in admin.client.get(
        f"/staff/intakes/{intake_id}").text
    audit = admin.client.get("/staff/audit?action=sign_in").text
    assert f"<td>{CLINIC_DAY} {signed_in:%H:%M %Z}</td>" in audit and "(UTC)" not in audit
    with new_york.app_context():  # stored times stay UTC
        assert db.session.scalars(db.select(AuditEvent.at)).first().astimezone(UTC) == NOW


def test_a_clinic_that_sets_no_time_zone_still_reads_utc(app, monkeypatch, make_staff):
    monkeypatch.setattr(time, "time", lambda: NOW.timestamp())
    store(app, nothing_of_note())
    assert f"{SERVER_DAY} 03:08 UTC" in make_staff().client.get("/staff/?refresh=off").text


def visit_on(app, name: str, day) -> None:
    store(app, {**nothing_of_note(), "full_name": name, "consultation_date": day.isoformat()})


def test_the_queues_today_and_next_7_days_are_the_clinics_dates(new_york, make_staff):
    visit_on(new_york, "Evening Visit", CLINIC_DAY)
    visit_on(new_york, "Server Day Visit", SERVER_DAY)
    visit_on(new_york, "Sixth Day Visit", CLINIC_DAY + timedelta(days=6))
    visit_on(new_york, "Seventh Day Visit", CLINIC_DAY + timedelta(days=7))
    nurse = make_staff()
    today = nurse.client.get("/staff/?when=today&refresh=off").text
    assert "Evening Visit" in today and "Server Day Visit" not in today
    week = nurse.client.get("/staff/?when=week&refresh=off").text
    assert all(name in week for name in ("Evening Visit", "Server Day Visit", "Sixth Day Visit"))
    assert "Seventh Day Visit" not in week
    new_york.config["CLINIC_TIMEZONE"] = "UTC"
    today = nurse.client.get("/staff/?when=today&refresh=off").text
    assert "Server Day Visit" in today and "Evening Visit" not in today
    assert "Seventh Day Visit" in nurse.client.get("/staff/?when=week&refresh=off").text


def test_the_pdf_gives_the_clinics_time_and_the_age_on_the_clinics_date(new_york, make_staff):
    """Born 18 years before the server's date: 18 there, but 17 on the clinic's date, the evening before."""
    born = SERVER_DAY.replace(year=SERVER_DAY.year - 18)
    answers = {**nothing_of_note(), "date_of_birth": born.isoformat()}
    intake_id = store(new_york, answers)
    first = pdf_pages(make_staff().client.get(f"/staff/intakes/{intake_id}/summary.pdf").data)[0]
    assert f"sent {sent_on(CLINIC_DAY, answers)}, {IN_NEW_YORK:%H:%M %Z}" in first
    assert f"{long_date(born)}, age 17" in first
    assert "Age 17: under 18" in first


def test_a_date_of_birth_of_tomorrow_on_the_clinics_clock_is_in_the_future(new_york, patient):
    """The patient's today is the clinic's: at 10:30 pm in New York, the server's date is tomorrow."""
    patient.start()
    about_you = {**typical_answers()["about_you"], "date_of_birth": SERVER_DAY.isoformat()}
    refused = patient.answer("about_you", about_you)
    assert refused.status_code != 302 and "The date cannot be in the future." in refused.text
    accepted = patient.answer("about_you", {**about_you, "date_of_birth": CLINIC_DAY.isoformat()})
    assert "The date cannot be in the future." not in accepted.text


def test_the_pdf_names_the_intake_on_every_page_beside_the_patient(app, make_staff):
    intake_id = store(app, everything_positive())
    pages = pdf_pages(make_staff().client.get(f"/staff/intakes/{intake_id}/summary.pdf").data)
    assert len(pages) > 1
    for text in pages:
        assert f"Maria-Dolores Fernández-Okonkwo · born 1 June 1950 · Intake {intake_id}" in text


def test_the_patients_own_copy_carries_no_intake_number(app, patient):
    patient.complete()
    patient.submit()
    pages = pdf_pages(patient.client.get("/done/summary.pdf").data)
    assert all("Alex Rivera · born 27 March 1985" in text and "Intake" not in text for text in pages)
