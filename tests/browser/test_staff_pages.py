"""A staff member in a real browser: sign in, the queue, one intake, its PDF, mark reviewed; axe on each page.
And a PDF left to the worker (PDF_WORKER): "being prepared", then "Check again" once it is rendered."""

from datetime import UTC, datetime

from answer_sets import everything_positive, nothing_of_note
from conftest import STAFF_EMAIL, STAFF_PASSWORD, screenshot, serious_violations

from screening.intake import store as intake_store
from screening.staff import accounts
from screening.summary import worker as render_worker

# WCAG 2.5.8 (target size, minimum): 24 by 24 CSS pixels for every control but a link inside a sentence.
SMALLEST_TARGET = 24
SMALL_CONTROLS = """(smallest) => [...document.querySelectorAll('button, input:not([type=hidden]), select, textarea')]
  .filter(e => e.offsetParent !== null)
  .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect()])
  .filter(([, box]) => box.width < smallest || box.height < smallest)
  .map(([html, box]) => `${html} ${Math.round(box.width)}x${Math.round(box.height)}`)"""


def sign_in(page) -> None:
    page.fill("#email", STAFF_EMAIL)
    page.fill("#password", STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/")


def opens_in_the_viewer(page, link, intake_id: int) -> None:
    """Following `link` shows the intake's PDF in the browser's own viewer, where staff print it: no download."""
    downloads = []
    page.on("download", lambda download: downloads.append(download.suggested_filename))
    with page.expect_response(f"**/staff/intakes/{intake_id}/summary.pdf") as shown:
        link.click()
    page.wait_for_url(f"**/staff/intakes/{intake_id}/summary.pdf")
    assert shown.value.header_value("content-disposition") == f'inline; filename="intake-{intake_id}-summary.pdf"'
    assert page.evaluate("document.contentType") == "application/pdf", "the tab shows the PDF itself"
    assert downloads == []


def test_staff_sign_in_open_an_intake_and_its_pdf_and_mark_it_reviewed(live_app, desktop, axe):
    with live_app.app_context():
        calm = intake_store.store_submitted(nothing_of_note(), submitted_at=datetime.now(UTC)).id
        urgent = intake_store.store_submitted(everything_positive(), submitted_at=datetime.now(UTC)).id
    page = desktop
    page.goto("/staff/")
    page.wait_for_url("**/staff/sign-in**")
    assert serious_violations(axe, page) == []
    screenshot(page, "staff-01-sign-in")
    sign_in(page)
    assert serious_violations(axe, page) == []
    screenshot(page, "staff-02-queue")
    first_link = page.locator("table.queue tbody tr").first.get_by_role("link")
    assert first_link.inner_text() == "Maria-Dolores Fernández-Okonkwo"
    first_link.click()
    page.wait_for_url(f"**/staff/intakes/{urgent}")
    assert page.get_by_text("Thoughts of self-harm or suicide reported").first.is_visible()
    assert serious_violations(axe, page) == []
    screenshot(page, "staff-03-intake")

    opens_in_the_viewer(page, page.get_by_role("link", name="Open the PDF to print"), urgent)
    page.go_back()

    # Its alert is open: marking it reviewed asks what was done, and closes the alert with it.
    page.get_by_role("button", name="Close the alert and mark as reviewed").click()
    assert page.get_by_text("Choose what was done.").first.is_visible()
    assert serious_violations(axe, page) == []
    page.get_by_label("Passed to the clinician").check()
    page.get_by_label("Note", exact=True).fill("Dr Lee calls her before the visit.")
    page.get_by_role("button", name="Close the alert and mark as reviewed").click()
    page.wait_for_url(f"**/staff/intakes/{urgent}")
    assert page.get_by_text(f"Recorded for intake {urgent}: Passed to the clinician. Marked as reviewed.").is_visible()
    assert page.get_by_text(f"Reviewed by {STAFF_EMAIL}").is_visible()
    assert page.get_by_text("Needs attention now:").count() == 0
    page.goto(f"/staff/intakes/{calm}")
    page.get_by_role("button", name="Mark as reviewed").click()
    assert page.get_by_text(f"Reviewed by {STAFF_EMAIL}").is_visible()
    for path, name in (("/staff/accounts", "staff-04-accounts"), ("/staff/audit", "staff-05-audit")):
        page.goto(path)
        assert serious_violations(axe, page) == []
        screenshot(page, name)


def test_a_pdf_left_to_the_worker_shows_being_prepared_then_opens_on_check_again(live_app, desktop, axe,
                                                                                     monkeypatch):
    monkeypatch.setitem(live_app.config, "PDF_WORKER", True)
    with live_app.app_context():
        intake_id = intake_store.store_submitted(nothing_of_note(), submitted_at=datetime.now(UTC)).id
    page = desktop
    page.goto("/staff/sign-in")
    sign_in(page)
    page.goto(f"/staff/intakes/{intake_id}")
    page.get_by_role("link", name="Open the PDF to print").click()
    page.wait_for_url(f"**/staff/intakes/{intake_id}/summary.pdf")
    assert page.get_by_role("heading", name="The PDF is being prepared").is_visible()
    assert serious_violations(axe, page) == []
    screenshot(page, "staff-06-pdf-being-prepared")

    with live_app.app_context():
        render_worker.Worker().render_pending()
    opens_in_the_viewer(page, page.get_by_role("link", name="Check again"), intake_id)


def test_on_a_tablet_every_staff_control_is_large_enough_to_tap_and_says_which_account_it_changes(live_app, tablet):
    with live_app.app_context():
        intake_id = intake_store.store_submitted(nothing_of_note(), submitted_at=datetime.now(UTC)).id
        with_alert = intake_store.store_submitted(everything_positive(), submitted_at=datetime.now(UTC)).id
        if not accounts.find("desk@clinic.test"):
            accounts.create("desk@clinic.test", "the front desk password", "staff")
    page = tablet
    page.goto("/staff/sign-in")
    sign_in(page)
    for path in ("/staff/", f"/staff/intakes/{intake_id}", f"/staff/intakes/{with_alert}", "/staff/accounts",
                 "/staff/audit"):
        page.goto(path)
        assert page.evaluate(SMALL_CONTROLS, SMALLEST_TARGET) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= 768, f"{path} scrolls sideways"
        assert page.get_by_role("link", name="Skip to the page's content").count() == 1, path
    page.goto("/staff/")
    page.get_by_label("Name or date of birth (YYYY-MM-DD)").fill("Rivera")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_text("Only intakes that match the search are shown.").is_visible()
    assert page.evaluate(SMALL_CONTROLS, SMALLEST_TARGET) == [], "a search kept"
    page.get_by_role("button", name="Show every intake").click()
    assert page.get_by_text("Only intakes that match the search are shown.").count() == 0
    page.goto("/staff/accounts")
    for email in (STAFF_EMAIL, "desk@clinic.test"):
        for name in (f"Deactivate {email}", f"Reset password for {email}"):
            assert page.get_by_role("button", name=name, exact=True).count() == 1, name
        assert page.get_by_label(f"New password for {email}", exact=True).count() == 1
        assert page.get_by_label(f"New password again for {email}", exact=True).count() == 1
