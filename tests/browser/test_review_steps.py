"""Check your answers in a real browser: each step one line that opens to show its answers, a Change link that
returns to the review with the step open, with a mouse or finger, the keyboard only, and with JavaScript off;
axe clean closed and open."""

from answer_sets import typical_issue_patient
from conftest import PHONE, screenshot, serious_violations
from helpers import as_pages
from intake_driver import complete, fill, save, tab_to
from playwright.sync_api import expect

from screening.questionnaire import SECTION_BY_ID, SECTIONS

REASONS = SECTION_BY_ID["reasons"].title


def step(page, section_id: str):
    return page.locator(f"#step-{section_id}")


def answers_of(page, section_id: str):
    return step(page, section_id).locator(".review-row")


def test_a_patient_opens_a_step_sees_each_answer_changes_one_and_comes_back_to_it(phone, axe):
    complete(phone)
    opened = {section.id for section in SECTIONS
              if step(phone, section.id).locator("details").get_attribute("open") is not None}
    assert not {"reasons", "mood"} & opened
    expect(answers_of(phone, "mood").first).to_be_hidden()
    assert serious_violations(axe, phone) == []

    step(phone, "mood").locator("summary").click()
    rows = answers_of(phone, "mood")
    assert rows.count() == 17  # PHQ-9 items and its difficulty item, GAD-7 items
    for row in rows.all():
        expect(row).to_be_visible()
    expect(step(phone, "mood").get_by_text("Little interest or pleasure in doing things")).to_be_visible()

    phone.get_by_role("link", name=f"Change {REASONS}").click()
    phone.wait_for_url("**/step/reasons?review=1")
    fill(phone, {"reasons_story": "About two years"})
    save(phone)
    phone.wait_for_url("**/review?changed=reasons#step-reasons")
    expect(step(phone, "reasons").get_by_text("About two years")).to_be_visible()
    assert step(phone, "reasons").bounding_box()["y"] < PHONE["height"], "the changed step is in view"
    expect(answers_of(phone, "mood").first).to_be_hidden()  # the rest as they were
    assert serious_violations(axe, phone) == []
    screenshot(phone, "phone-13-review-after-a-change")


def test_every_step_opened_at_once_passes_axe(phone, axe):
    complete(phone)
    phone.get_by_role("link", name="Open every step").click()
    for section in SECTIONS:
        expect(answers_of(phone, section.id).first).to_be_visible()
    assert serious_violations(axe, phone) == []
    screenshot(phone, "phone-13-review-every-step-open")
    phone.get_by_role("link", name="Close every step").click()
    expect(answers_of(phone, "mood").first).to_be_hidden()


def test_the_review_works_with_the_keyboard_only(desktop):
    complete(desktop)
    tab_to(desktop, "#step-mood summary")
    assert desktop.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    desktop.keyboard.press("Enter")
    expect(answers_of(desktop, "mood").first).to_be_visible()
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("document.activeElement.textContent") == f"Change {SECTION_BY_ID['mood'].title}"
    desktop.keyboard.press("Enter")
    desktop.wait_for_url("**/step/mood?review=1")
    tab_to(desktop, "button[value='next']")
    desktop.keyboard.press("Enter")
    desktop.wait_for_url("**/review?changed=mood#step-mood")
    expect(answers_of(desktop, "mood").first).to_be_visible()


def test_the_review_opens_and_changes_a_step_with_javascript_off(no_script):
    complete(no_script)
    step(no_script, "reasons").locator("summary").click()
    expect(step(no_script, "reasons").get_by_text("Depression (feeling low")).to_be_visible()
    no_script.get_by_role("link", name=f"Change {REASONS}").click()
    no_script.wait_for_url("**/step/reasons?review=1")
    fill(no_script, {"reasons_story": "Since last spring"})
    save(no_script)
    no_script.wait_for_url("**/review?changed=reasons#step-reasons")
    expect(step(no_script, "reasons").get_by_text("Since last spring")).to_be_visible()
    no_script.get_by_role("button", name="Send my answers to the clinic").click()
    no_script.wait_for_url("**/done")


def test_the_typical_patients_review_is_short_on_a_phone(phone):
    """Closed steps: issue 15's typical patient's whole review in under three phone screens (it took nine with
    every answer shown)."""
    complete(phone, as_pages(typical_issue_patient()))
    assert phone.evaluate("document.documentElement.scrollHeight") < 3 * PHONE["height"]
