"""On a phone: a gate question's "Not sure" shows the conditions it names; the antidepressant table grows one
row at a time with "Add another medicine", in place with JavaScript and by a reload without, and Enter in a box
still continues."""

from conftest import PHONE, serious_violations
from helpers import typical_answers
from intake_driver import fill, save, start
from playwright.sync_api import expect

from screening.questionnaire.answers_format import GATES


def test_not_sure_to_the_heart_list_asks_each_condition(phone, axe):
    start(phone)
    phone.goto("/step/heart")
    fill(phone, {**typical_answers()["heart"], "heart_any": "not_sure"})
    for condition in GATES["heart_any"]:
        expect(phone.locator(f"input[name='{condition}']").first).to_be_visible()
    expect(phone.locator("input[name='aneurysm']").first).to_be_hidden()
    assert serious_violations(axe, phone) == []


def open_table(page, javascript: bool = True) -> None:
    """The reasons page with its table: shown in place by the page's script, or by the reload without it."""
    start(page)
    page.goto("/step/reasons")
    fill(page, {**typical_answers()["reasons"], "treatments_tried": ["antidepressants"]})
    if not javascript:
        save(page)
    expect(page.locator("#antidepressants-0-name")).to_be_visible()


def rows(page) -> int:
    return page.locator("fieldset.group-row:visible").count()


def test_the_table_grows_one_row_at_a_time_in_place_and_enter_still_continues(phone, axe):
    open_table(phone)
    assert rows(phone) == 1
    phone.evaluate("window.sameDocument = true")
    phone.fill("#antidepressants-0-name", "Sertraline")
    phone.get_by_role("button", name="Add another medicine").click()
    assert rows(phone) == 2
    assert phone.evaluate("window.sameDocument === true"), "the row was shown without a reload"
    expect(phone.locator("#antidepressants-1-name")).to_be_focused()
    expect(phone.locator("#reveal-status")).to_contain_text("number 2 added")
    assert phone.input_value("#antidepressants-0-name") == "Sertraline"
    assert serious_violations(axe, phone) == []
    phone.check("input[name='augmentation'][value='no']")
    phone.fill("#antidepressants-1-name", "Bupropion")
    phone.press("#antidepressants-1-name", "Enter")
    phone.wait_for_url("**/step/mood")


def test_add_another_medicine_works_without_javascript(browser, base_url):
    context = browser.new_context(viewport=PHONE, base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    open_table(page, javascript=False)
    page.fill("#antidepressants-0-name", "Sertraline")
    page.get_by_role("button", name="Add another medicine").click()
    assert rows(page) == 2
    assert page.input_value("#antidepressants-0-name") == "Sertraline"
    context.close()
