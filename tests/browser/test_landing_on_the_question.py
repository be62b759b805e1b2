"""On a phone, after a jump or a reload the patient sees the question they were at: an error link's item is not
hidden under the answer grid's sticky headings; the units switch sits under height and weight and comes back to
them ("Add another medicine" without JavaScript coming back to the new row is in test_gates_and_rows.py)."""

from helpers import typical_answers
from intake_driver import fill, in_view, save, start
from playwright.sync_api import expect


def test_an_error_link_shows_its_grid_item_below_the_sticky_headings(phone):
    start(phone)
    phone.goto("/step/mood")
    save(phone)
    expect(phone.locator("#error-summary")).to_be_focused()
    phone.locator("#error-summary a[href='#phq9_5']").click()
    phone.wait_for_function("window.scrollY > 0")
    headings = phone.locator(".grid-head").first.bounding_box()
    item = phone.get_by_role("group", name="Poor appetite or overeating").locator("legend").bounding_box()
    assert item["y"] >= headings["y"] + headings["height"], "the item's words show below the stem and headings"


def test_the_units_switch_sits_under_weight_and_the_page_comes_back_at_the_height(phone):
    start(phone)
    phone.goto("/step/other_health")
    switch = phone.get_by_role("button", name="Use feet, inches and pounds")
    assert switch.evaluate("button => button.closest('.units-switch').previousElementSibling.dataset.question") \
        == "weight_kg", "right under the weight, not at the end of the page"
    phone.fill("#height_cm", "170")
    switch.click()
    phone.wait_for_url("**/step/other_health#height_cm")
    assert in_view(phone, phone.get_by_role("group", name="Your height"))
    assert phone.input_value("#height_ft") == "5" and phone.input_value("#height_in") == "7"
    fill(phone, typical_answers()["other_health"])
    phone.press("#weight_lb", "Enter")  # Enter in a box still saves and continues, not switches back
    phone.wait_for_url("**/step/medicines")
