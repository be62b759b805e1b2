"""A patient in a real browser: phone and desktop, keyboard only, resuming elsewhere, the crisis path,
errors announced, and no serious accessibility violation on any page."""

import re

import pytest
from conftest import DESKTOP, PHONE, screenshot, serious_violations
from helpers import typical_answers
from intake_driver import complete, fill, fill_page, fill_with_keyboard, press_button, save, start, tab_to
from playwright.sync_api import expect

from screening.questionnaire import SECTIONS


def check_page(axe, page, name: str | None = None) -> None:
    assert serious_violations(axe, page) == []
    if name:
        screenshot(page, name)


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_a_whole_intake_in_a_browser_passes_axe_on_every_page(request, device, axe):
    page = request.getfixturevalue(device)
    check_page(axe, page.goto("/") and page, f"{device}-00-welcome")

    def on_each_page(page, section_id):
        number = [section.id for section in SECTIONS].index(section_id) + 1
        bar = page.get_by_role("progressbar", name=f"Step {number} of {len(SECTIONS)}")
        assert bar.is_visible()
        assert bar.evaluate("bar => bar.position") == (number - 1) / len(SECTIONS), "the bar shows the steps done"
        check_page(axe, page, f"{device}-{number:02d}-{section_id}" if device == "phone" or number == 1 else None)

    complete(page, on_each_page=on_each_page)
    check_page(axe, page, f"{device}-13-review")
    page.get_by_role("button", name="Send my answers to the clinic").click()
    page.wait_for_url("**/done")
    assert page.get_by_role("heading", name="Thank you. Your answers were sent.").is_visible()
    check_page(axe, page, f"{device}-14-done")


@pytest.mark.parametrize("width", [PHONE["width"], 320])
def test_pages_fit_a_phone_without_sideways_scrolling(phone, width):
    phone.set_viewport_size({"width": width, "height": PHONE["height"]})
    start(phone)
    for section in SECTIONS:
        phone.goto(f"/step/{section.id}")
        assert phone.evaluate("document.documentElement.scrollWidth") <= width, section.id


def test_every_step_on_a_phone_keeps_its_chrome_short_and_ends_with_the_crisis_numbers(phone):
    start(phone)
    for section in SECTIONS:
        phone.goto(f"/step/{section.id}")
        header = phone.locator("header.site-header").bounding_box()
        assert header["height"] <= 48, f"{section.id}: the clinic's name and 'Before your visit' on one line"
        label, bar = phone.locator("#progress-label").bounding_box(), phone.get_by_role("progressbar").bounding_box()
        assert abs((label["y"] + label["height"] / 2) - (bar["y"] + bar["height"] / 2)) < 4, "step and bar on one line"
        footer = phone.locator("footer.site-footer")
        hrefs = [link.get_attribute("href") for link in footer.get_by_role("link").all()]
        assert hrefs == ["tel:911", "tel:988"], section.id
        assert footer.evaluate("element => parseFloat(getComputedStyle(element).fontSize)") >= 16
        below = phone.evaluate("document.body.getBoundingClientRect().bottom - "
                               "document.querySelector('footer.site-footer').getBoundingClientRect().bottom")
        assert below <= 1, f"{section.id}: no empty space under the crisis numbers"


def test_touch_targets_are_large_enough(phone):
    start(phone)
    phone.goto("/step/heart")
    for box in phone.locator(".option:visible").all():
        assert box.bounding_box()["height"] >= 44


def test_the_crisis_numbers_in_a_sentence_are_large_enough_to_tap(phone):
    start(phone)
    phone.goto("/step/safety")
    numbers = phone.locator(".crisis-box a[href^='tel:'], footer.site-footer a[href^='tel:']")
    assert numbers.count() == 4
    for number in numbers.all():
        box = number.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, number.inner_text()
    crisis_box, words = phone.locator(".crisis-box"), phone.locator(".crisis-box p")
    assert words.bounding_box()["y"] - crisis_box.bounding_box()["y"] <= 16, "the box starts with its words"


def test_a_whole_intake_works_with_the_keyboard_only(browser, base_url, axe):
    context = browser.new_context(viewport=DESKTOP, base_url=base_url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/")
    press_button(page, "button[value='new']")
    for section_id, data in typical_answers().items():
        page.wait_for_url(f"**/step/{section_id}")
        fill_page(page, data, fill_with_keyboard, lambda page: press_button(page, "button[value='next']"))
        press_button(page, "button[value='next']")
        if section_id == "about_you":
            page.wait_for_selector(".resume-code")
            assert serious_violations(axe, page) == []
            tab_to(page, "a.button")
            assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
            page.keyboard.press("Enter")
    page.wait_for_url("**/review")
    press_button(page, "form[action='/submit'] button")
    page.wait_for_url("**/done")
    context.close()


def test_back_with_the_keyboard_keeps_what_was_chosen(desktop):
    start(desktop)
    desktop.goto("/step/reasons")
    fill_with_keyboard(desktop, {"reasons": ["depression"]})
    press_button(desktop, "button[value='back']")
    desktop.wait_for_url("**/step/about_you")
    desktop.goto("/step/reasons")
    assert desktop.is_checked("input[name='reasons'][value='depression']")


def test_leaving_halfway_and_resuming_in_a_new_browser(browser, base_url, axe):
    first = browser.new_context(viewport=PHONE, base_url=base_url)
    page = first.new_page()
    start(page)
    fill(page, typical_answers()["about_you"])
    save(page)
    code = page.locator(".resume-code").inner_text()
    page.get_by_role("link", name="Continue to the next step").click()
    fill(page, typical_answers()["reasons"])
    save(page)
    first.close()

    second = browser.new_context(viewport=PHONE, base_url=base_url)
    other = second.new_page()
    other.goto("/resume")
    assert serious_violations(axe, other) == []
    other.fill("#code", code.lower())
    other.fill("#date_of_birth", "1985-03-27")
    other.get_by_role("button", name="Go on").click()
    other.wait_for_url("**/step/mood")
    other.goto("/step/reasons")
    assert other.is_checked("input[name='reasons'][value='depression']")
    second.close()


def test_the_self_harm_path_reaches_the_crisis_page(phone, axe):
    start(phone)
    phone.goto("/step/safety")
    fill(phone, {**typical_answers()["safety"], "asq_3": "yes", "asq_5": "no"})  # item 5 appears in place
    save(phone)
    phone.wait_for_url("**/crisis")
    call = phone.get_by_role("link", name=re.compile("Call 988"))
    assert call.get_attribute("href") == "tel:988"
    assert call.bounding_box()["height"] >= 44
    clinic = phone.get_by_role("link", name=re.compile("Call the clinic")).locator(".phone-number")
    assert clinic.inner_text() == "555 010 0100"
    assert clinic.evaluate("number => number.getClientRects().length") == 1, "the clinic's number on one line"
    check_page(axe, phone, "phone-crisis")


def test_phq9_item_nine_on_the_mood_page_reveals_the_difficulty_item_then_reaches_the_crisis_page(phone, axe):
    start(phone)
    phone.goto("/step/mood")
    item_nine = phone.get_by_role("group", name=re.compile("better off dead"))
    assert item_nine.locator("xpath=following::aside[1]").get_attribute("aria-label") == "Help right now"
    items = {key: value for key, value in typical_answers()["mood"].items() if key != "phq9_difficulty"}
    fill(phone, {**items, "phq9_9": "1"})
    difficulty = phone.get_by_role("group", name=re.compile("^If you checked off any problems"))
    expect(difficulty).to_be_visible()  # revealed in place, right after the items
    assert serious_violations(axe, phone) == []
    fill(phone, {"phq9_difficulty": typical_answers()["mood"]["phq9_difficulty"]})
    save(phone)
    phone.wait_for_url("**/crisis")
    phone.get_by_role("link", name="Go on with my form").click()
    phone.wait_for_url("**/step/safety")


def test_the_answer_grid_keeps_the_stem_in_view_and_its_cells_large_on_a_phone(phone):
    start(phone)
    phone.goto("/step/mood")
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    stem = phone.get_by_text("Over the last 2 weeks, how often have you been bothered by the following problems?")
    assert 0 <= stem.bounding_box()["y"] < PHONE["height"] / 4, "the stem stays at the top while its items scroll"
    for cell in phone.locator(".cell").all():
        box = cell.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
    radio = phone.get_by_role("group", name="Trouble relaxing").get_by_role("radio", name="Several days")
    radio.locator("xpath=..").click(position={"x": 4, "y": 4})
    assert radio.is_checked(), "a tap anywhere in the cell chooses its answer"


def test_validation_errors_are_announced_and_focused(phone, axe):
    start(phone)
    fill(phone, {"full_name": "Alex Rivera", "date_of_birth": "2099-01-01", "email": "not-an-email"})
    save(phone)
    summary = phone.locator("#error-summary")
    assert summary.get_attribute("role") == "alert"
    expect(summary).to_be_focused()  # waits for the deferred script, which runs after the page is parsed
    described = phone.get_attribute("#date_of_birth", "aria-describedby")
    assert "date_of_birth-error" in described
    assert "future" in phone.locator("#date_of_birth-error").inner_text()
    assert phone.input_value("#full_name") == "Alex Rivera"
    check_page(axe, phone, "phone-errors")


def test_an_empty_mood_page_lists_its_items_by_number_one_line_per_grid_each_a_large_named_link(phone, axe):
    start(phone)
    phone.goto("/step/mood")
    save(phone)
    summary = phone.locator("#error-summary")
    expect(summary).to_be_focused()
    assert summary.bounding_box()["height"] < 0.6 * PHONE["height"], "16 items in about half a screen (was 1.6)"
    expect(summary.get_by_role("listitem").filter(has_text="Choose an answer for these")).to_have_count(2)
    links = summary.get_by_role("link")
    expect(links).to_have_count(16)
    for link in links.all():
        box = link.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, link.inner_text()
    expect(summary.get_by_role("link", name="5. Poor appetite or overeating", exact=True)).to_have_text(
        re.compile(r"^5"))
    expect(phone.get_by_role("group", name="5. Poor appetite or overeating", exact=True)).to_be_visible()
    check_page(axe, phone, "phone-errors-mood")


def test_every_file_a_page_loads_comes_from_the_app_itself(phone, base_url):
    start(phone)
    for path in ("/", "/step/about_you", "/step/heart", "/resume"):
        phone.goto(path)
        loaded = phone.evaluate("performance.getEntriesByType('resource').map(entry => entry.name)")
        assert loaded and all(url.startswith(base_url) for url in loaded), loaded
