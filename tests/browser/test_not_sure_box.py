""""Not sure" beside the past-year drug-use count in a real browser: reached with the keyboard, labelled, a large
target, opening the follow-ups in place; a number with it is refused next to the field; axe stays clean."""

from conftest import screenshot, serious_violations
from helpers import typical_answers
from intake_driver import fill, save, start, tab_to
from playwright.sync_api import expect

BOX = "#drug_use_count-not-sure"


def test_not_sure_is_reached_with_the_keyboard_labelled_large_and_opens_the_follow_ups_in_place(phone, axe):
    start(phone)
    phone.goto("/step/substances")
    fill(phone, {**typical_answers()["substances"], "drug_use_count": ""})
    phone.evaluate("window.sameDocument = true")
    box = phone.get_by_role("checkbox", name="Not sure")
    expect(box).to_have_attribute("id", "drug_use_count-not-sure")
    assert phone.locator(".option.not-sure").bounding_box()["height"] >= 44
    assert phone.locator(f"label[for='{BOX[1:]}']").bounding_box()["height"] >= 44, "the whole box is the target"
    phone.focus("#drug_use_count")
    tab_to(phone, BOX)
    phone.keyboard.press("Space")
    expect(box).to_be_checked()
    expect(phone.locator("input[name='drugs_used']").first).to_be_visible()
    expect(phone.locator("#drugs_last_used")).to_be_visible()
    assert phone.evaluate("window.sameDocument === true"), "shown in place, no reload"
    phone.locator("#drug_use_count").scroll_into_view_if_needed()
    screenshot(phone, "phone-drug-count-not-sure")
    assert serious_violations(axe, phone) == []

    phone.fill("#drug_use_count", "2")
    save(phone)
    expect(phone.locator("#drug_use_count-error")).to_contain_text("Enter a number or choose \u201cNot sure\u201d, "
                                                                   "not both.")
    expect(phone.locator("#drug_use_count")).to_have_value("2")
    expect(phone.get_by_role("checkbox", name="Not sure")).to_be_checked()
    assert serious_violations(axe, phone) == []

    phone.fill("#drug_use_count", "")
    phone.check("input[name='drugs_used'][value='cannabis']")
    phone.check("input[name='drugs_last_used'][value='past_year']")
    save(phone)
    phone.wait_for_url("**/step/heart")
