"""On a phone, after a jump or a reload the patient sees the question they were at: an error link's item is not
hidden under the answer grid's sticky headings."""

from intake_driver import save, start
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
