"""On a phone: height and weight in feet, inches and pounds after one press, kept when saved; answers that do not
fit together are named in the error summary and shown next to the field, with what was typed still in place; the
blood-pressure boxes with short words on screen and their whole names for screen readers."""

from conftest import PHONE, serious_violations
from helpers import typical_answers
from intake_driver import fill, save, start
from playwright.sync_api import expect


def test_a_patient_switches_to_feet_inches_and_pounds_on_a_phone(phone, axe):
    start(phone)
    phone.goto("/step/other_health")
    phone.get_by_role("button", name="Use feet, inches and pounds").click()
    expect(phone.get_by_role("group", name="Your height")).to_be_visible()
    phone.get_by_label("Feet").fill("5")
    phone.get_by_label("Inches").fill("7")
    phone.get_by_label("Pounds").fill("150")
    assert phone.locator("#height_ft").bounding_box()["height"] >= 44
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert serious_violations(axe, phone) == []
    phone.get_by_role("button", name="Use centimeters and kilograms").click()
    assert phone.input_value("#height_cm") == "170.2"
    assert phone.input_value("#weight_kg") == "68"


def test_a_reversed_blood_pressure_is_named_in_the_summary_and_kept(phone, axe):
    start(phone)
    phone.goto("/step/heart")
    fill(phone, {**typical_answers()["heart"], "bp_reading_when": "past_week"})
    save(phone)
    phone.check("input[name='bp_reading_when'][value='past_week']")
    phone.fill("#bp_systolic", "80")
    phone.fill("#bp_diastolic", "120")
    save(phone)
    summary = phone.locator("#error-summary")
    expect(summary).to_be_focused()
    assert "Bottom number of your blood pressure: the bottom number must be smaller" in summary.inner_text()
    assert "smaller than the top number" in phone.locator("#bp_diastolic-error").inner_text()
    assert phone.input_value("#bp_systolic") == "80" and phone.input_value("#bp_diastolic") == "120"
    assert serious_violations(axe, phone) == []


# A label's words on screen: without its part for screen readers only.
SEEN = "label => [...label.childNodes].filter(node => !node.classList?.contains('visually-hidden'))" \
       ".map(node => node.textContent).join('').trim()"


def test_the_blood_pressure_boxes_read_short_on_a_phone_and_are_named_in_full(phone, axe):
    start(phone)
    phone.goto("/step/heart")
    phone.check("input[name='bp_reading_when'][value='past_week']")
    pair = phone.get_by_role("group", name="Your last blood pressure reading", exact=True)
    expect(pair).to_be_visible()
    phone.fill("#bp_systolic", "150")
    phone.fill("#bp_diastolic", "95")
    for width, lines in ((PHONE["width"], 1), (360, 1), (320, 2)):
        phone.set_viewport_size({"width": width, "height": PHONE["height"]})
        for box, short, full in (("#bp_systolic", "Top number", "Top number of your blood pressure (mmHg)"),
                                 ("#bp_diastolic", "Bottom number", "Bottom number of your blood pressure (mmHg)")):
            label = phone.locator(f"label[for='{box[1:]}']")
            assert label.evaluate(SEEN) == short
            line = label.evaluate("label => parseFloat(getComputedStyle(label).lineHeight)")
            assert label.bounding_box()["height"] < (lines + 0.5) * line, f"{short}: {lines} line(s) at {width} px"
            expect(phone.locator(box)).to_have_accessible_name(full)
            unit, input_box = phone.locator(f"{box} + .unit").bounding_box(), phone.locator(box).bounding_box()
            assert abs((unit["y"] + unit["height"] / 2) - (input_box["y"] + input_box["height"] / 2)) < 4, "unit beside"
            assert input_box["height"] >= 44 and input_box["width"] >= 44
        assert phone.evaluate("document.documentElement.scrollWidth") <= width
    assert serious_violations(axe, phone) == []
