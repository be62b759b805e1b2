"""Urgent answers in a real browser: the acute answer's crisis page on a phone, then the staff queue's "Needs
attention now" panel with the patient's phone, the attention record and what was done; axe on each page."""

import re
from datetime import UTC, datetime

from answer_sets import nothing_of_note
from conftest import screenshot, serious_violations
from helpers import typical_answers
from intake_driver import fill, save, start
from test_staff_pages import sign_in

from screening.intake import store as intake_store
from screening.models import Intake, db

PHONE_NUMBER = "555 246 8100"


def test_the_acute_answer_shows_call_now_and_the_panel_shows_the_draft_until_someone_records_a_call(
        live_app, phone, desktop, axe):
    start(phone)
    fill(phone, {**typical_answers()["about_you"], "phone": PHONE_NUMBER})
    save(phone)
    phone.get_by_role("link", name="Continue to the next step").click()
    phone.goto("/step/safety")
    fill(phone, {**typical_answers()["safety"], "asq_1": "yes", "asq_5": "yes"})  # item 5 appears in place
    save(phone)
    phone.wait_for_url("**/crisis")
    assert phone.get_by_role("heading", name="Please call 988 or 911 now").is_visible()
    call = phone.get_by_role("link", name=re.compile("Call 988"))
    assert call.get_attribute("href") == "tel:988" and call.bounding_box()["height"] >= 44
    assert serious_violations(axe, phone) == []
    screenshot(phone, "phone-crisis-acute")
    with live_app.app_context():
        draft = db.session.scalars(db.select(Intake.id).where(Intake.submitted_at.is_(None))
                                   .order_by(Intake.id.desc())).first()
        # A reading in the crisis range, sent; its visit (in 7 days) keeps it after other tests' urgent intakes.
        crisis_reading = {**nothing_of_note(), "bp_systolic": 186, "phone": "555 777 0199"}
        sent = intake_store.store_submitted(crisis_reading, submitted_at=datetime.now(UTC)).id

    page = desktop
    page.goto("/staff/sign-in")
    sign_in(page)
    assert re.match(r"\(\d+\) Needs attention – Submissions", page.title())
    panel = page.locator("section.attention-panel")
    assert panel.get_by_role("heading", name=re.compile("Needs attention now")).is_visible()
    row = panel.locator("tr", has=page.get_by_role("link", name=f"Record what was done for intake {draft}"))
    assert row.get_by_role("link", name=PHONE_NUMBER).get_attribute("href") == f"tel:{PHONE_NUMBER}"
    assert "Acute self-harm" in row.inner_text() and "Not sent yet" in row.inner_text()
    assert panel.locator("tr", has=page.get_by_role("link", name=f"Record what was done for intake {sent}")).count()
    assert page.get_by_text("Alerts are off").is_visible()
    headings = page.locator("h1, h2").all_inner_texts()
    assert headings[0] == "Submissions" and headings[1].startswith("Needs attention now")
    assert panel.bounding_box()["y"] < page.locator("form.filters").first.bounding_box()["y"]
    assert serious_violations(axe, page) == []
    screenshot(page, "staff-07-needs-attention")
    with page.expect_response("**/staff/?refresh=off") as stopped:
        page.get_by_role("link", name="Stop refreshing").click()
    assert "refresh" not in stopped.value.headers
    assert page.get_by_role("link", name="Refresh every minute").is_visible()

    row.get_by_role("link", name=f"Record what was done for intake {draft}").click()
    page.wait_for_url(f"**/staff/attention/{draft}")
    assert page.get_by_role("link", name=PHONE_NUMBER).is_visible()
    assert serious_violations(axe, page) == []
    screenshot(page, "staff-08-attention-record")
    page.get_by_role("button", name="Save and take it off the list").click()
    assert page.get_by_text("Choose what was done.").first.is_visible()
    assert serious_violations(axe, page) == []
    page.get_by_label("Left a message").check()
    page.get_by_label("Note").fill("Voicemail at 14:05; will try again at 15:00.")
    page.get_by_role("button", name="Save and take it off the list").click()
    page.wait_for_url("**/staff/")
    assert page.get_by_text(f"Recorded for intake {draft}: Left a message.").is_visible()
    assert page.get_by_role("link", name=f"Record what was done for intake {draft}").count() == 0
