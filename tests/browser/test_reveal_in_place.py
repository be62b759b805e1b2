"""Follow-up questions in a real browser: revealed in place when the page's script runs (the server deciding),
hidden again when the answer changes back, with nothing of the hidden answer saved; without JavaScript, the reload
that shows them marks them as new. axe stays clean on each."""

import re

from conftest import screenshot, serious_violations
from helpers import typical_answers
from intake_driver import fill, save, start
from playwright.sync_api import expect

from screening.intake import store as intake_store
from screening.models import Intake, db

READING = ("bp_systolic", "bp_diastolic")


def newest_draft_answers(live_app) -> dict:
    with live_app.app_context():
        draft = db.session.scalars(db.select(Intake).where(Intake.submitted_at.is_(None))
                                   .order_by(Intake.id.desc())).first()
        return intake_store.answers_of(draft)


def shown(page) -> set[str]:
    return set(page.get_attribute("#shown", "value").split())


def as_received(page, html: str):
    """The page a browser without JavaScript received, opened where axe can run (axe is a script)."""
    page.route("**/no-javascript-copy", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto("/no-javascript-copy")
    return page


def open_heart_page(page) -> None:
    start(page)
    page.goto("/step/heart")
    fill(page, typical_answers()["heart"])


def test_a_yes_reveals_its_follow_ups_in_place_announced_without_moving_the_focus(phone, axe):
    open_heart_page(phone)
    phone.evaluate("window.sameDocument = true")
    yes = phone.locator("input[name='bp_reading_when'][value='past_month']")
    yes.check()
    expect(phone.locator("#bp_systolic")).to_be_visible()
    expect(phone.locator("#reveal-status")).to_have_text(
        re.compile(r"New question below: Your last blood pressure reading"))
    expect(yes).to_be_focused()
    assert set(READING) <= shown(phone)
    assert phone.evaluate("window.sameDocument === true"), "revealed without a reload"
    assert serious_violations(axe, phone) == []
    screenshot(phone, "phone-revealed-in-place")
    fill(phone, {"bp_systolic": "130", "bp_diastolic": "85"})
    save(phone)
    phone.wait_for_url("**/step/other_health")  # straight on: the server had nothing more to show


def test_changing_the_answer_back_hides_the_follow_ups_and_their_answers_are_not_saved(phone, live_app):
    open_heart_page(phone)
    phone.check("input[name='bp_reading_when'][value='past_month']")
    phone.fill("#bp_systolic", "150")
    phone.check("input[name='bp_reading_when'][value='dont_know']")
    expect(phone.locator("#bp_systolic")).to_be_hidden()
    expect(phone.locator("#reveal-status")).to_have_text("A question below is no longer needed.")
    assert shown(phone).isdisjoint(READING)
    save(phone)
    phone.wait_for_url("**/step/other_health")
    stored = newest_draft_answers(live_app)
    assert stored["bp_reading_when"] == "dont_know"
    assert stored.keys().isdisjoint(READING)
    phone.goto("/step/heart")
    phone.check("input[name='bp_reading_when'][value='past_month']")
    expect(phone.locator("#bp_systolic")).to_be_visible()
    assert phone.input_value("#bp_systolic") == ""


def test_without_javascript_the_reload_shows_and_marks_the_new_questions(no_script, phone, axe):
    page = no_script
    open_heart_page(page)
    page.check("input[name='bp_reading_when'][value='past_month']")
    expect(page.locator("#bp_systolic")).to_be_hidden()  # nothing changes until the page is sent
    save(page)
    page.wait_for_url("**/step/heart")
    notice = page.get_by_role("status").filter(has_text="We have a few more questions")
    expect(notice).to_be_visible()
    expect(notice.get_by_role("link", name="Go to the first new question")).to_have_attribute("href", "#bp_systolic")
    tags = page.locator(".tag-new")
    expect(tags).to_have_count(2)
    assert all(tag.is_visible() for tag in tags.all())
    expect(page.get_by_label(re.compile(r"^New question: Top number of your blood pressure"))).to_be_visible()
    screenshot(page, "phone-new-questions-marked")
    assert serious_violations(axe, as_received(phone, page.content())) == []
    fill(page, {"bp_systolic": "130", "bp_diastolic": "85"})
    save(page)
    page.wait_for_url("**/step/other_health")


def test_save_pressed_right_after_typing_an_answer_that_opens_questions_stays_to_show_them(phone):
    """A typed count is asked about on a pause; "Save and continue" pressed before then waits for the answer, and
    stays on the page (without a reload) because new questions appeared."""
    start(phone)
    phone.goto("/step/substances")
    fill(phone, typical_answers()["substances"])
    phone.evaluate("window.sameDocument = true")
    phone.fill("#drug_use_count", "2")
    save(phone)
    expect(phone.locator("input[name='drugs_used']").first).to_be_visible()
    assert phone.evaluate("window.sameDocument === true")
    assert "/step/substances" in phone.url


def test_male_at_birth_hides_the_pregnancy_questions_in_place_and_another_answer_shows_them(phone, live_app):
    start(phone)
    phone.goto("/step/other_health")
    phone.evaluate("window.sameDocument = true")
    on_page = {key: value for key, value in typical_answers()["other_health"].items() if key != "pregnancy_any"}
    fill(phone, on_page)
    gate = phone.locator("#pregnancy_any")
    expect(gate).to_be_visible()  # no sex at birth yet: asked
    phone.check("input[name='sex_at_birth'][value='male']")
    expect(gate).to_be_hidden()
    assert "pregnancy_any" not in shown(phone)
    phone.check("input[name='sex_at_birth'][value='intersex']")
    expect(gate).to_be_visible()
    phone.check("input[name='pregnancy_any'][value='yes']")
    expect(phone.locator("#pregnant")).to_be_visible()
    phone.check("input[name='sex_at_birth'][value='male']")
    expect(phone.locator("#pregnant")).to_be_hidden()
    expect(gate).to_be_hidden()
    assert phone.evaluate("window.sameDocument === true"), "hidden and shown without a reload"
    save(phone)
    phone.wait_for_url("**/step/medicines")
    stored = newest_draft_answers(live_app)
    assert stored["sex_at_birth"] == "male" and stored.keys().isdisjoint({"pregnancy_any", "pregnant"})
