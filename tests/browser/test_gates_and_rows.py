"""On a phone: a gate question's "Not sure" shows the conditions it names; the antidepressant table grows one
row at a time with "Add another medicine", in place with JavaScript and by a reload without, and Enter in a box
still continues; its name box offers antidepressant names, and a picked one reaches the review and the PDF."""

import io
import re
from datetime import date

from conftest import serious_violations
from helpers import typical_answers
from intake_driver import complete, fill, in_view, save, start
from playwright.sync_api import expect
from pypdf import PdfReader

from screening.intake import store as intake_store
from screening.models import Intake, db
from screening.questionnaire.answers_format import GATES
from screening.rules import evaluate
from screening.summary import store as summaries


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


def test_add_another_medicine_works_without_javascript_and_comes_back_at_the_new_row(no_script):
    page = no_script
    open_table(page, javascript=False)
    page.fill("#antidepressants-0-name", "Sertraline")
    page.get_by_role("button", name="Add another medicine").click()
    page.wait_for_url("**/step/reasons#antidepressants-row-2")
    assert rows(page) == 2
    assert page.input_value("#antidepressants-0-name") == "Sertraline"
    assert in_view(page, page.locator("#antidepressants-1-name")), "not three screens above, at the top of the page"


def offered(page, box: str) -> list[str]:
    """The names the browser offers in `box`: its datalist's options (Chromium draws the list itself, out of
    Playwright's reach)."""
    return page.evaluate("(box) => [...(document.querySelector(box).list?.options ?? [])].map(o => o.value)", box)


def test_the_name_box_offers_antidepressants_and_a_picked_name_reaches_the_review_and_the_pdf(phone, axe, live_app):
    picked = "Sertraline (Zoloft)"

    def on_reasons(page, section_id: str) -> None:
        if section_id != "reasons":
            return
        box = "#antidepressants-0-name"
        expect(page.locator(box)).to_be_visible()  # the table, shown in place once antidepressants are ticked
        assert [name for name in offered(page, box) if "sert" in name.lower()] == [picked]  # what "sert" offers
        assert offered(page, "#antidepressants-1-name") == offered(page, box)
        assert serious_violations(axe, page) == []
        page.fill(box, picked)
        page.check("input[name='antidepressants-0-duration'][value='6_weeks_or_more']")
        page.check("input[name='antidepressants-0-helped'][value='no']")

    answers = typical_answers()
    answers["reasons"] = {**answers["reasons"], "treatments_tried": ["antidepressants"], "augmentation": "no"}
    complete(phone, answers, on_each_page=on_reasons)
    phone.locator("#step-reasons summary").click()
    expect(phone.locator("#step-reasons dd").filter(has_text=f"Name of the medicine: {picked}")).to_be_visible()
    phone.get_by_role("button", name="Send my answers to the clinic").click()
    phone.wait_for_url("**/done")
    with live_app.app_context():
        intake = db.session.scalars(db.select(Intake).where(Intake.submitted_at.is_not(None))
                                    .order_by(Intake.submitted_at.desc())).first()
        answers, pdf = intake_store.answers_of(intake), summaries.pdf_of(intake)
    assert answers["antidepressants"][0]["name"] == picked
    trd = next(flag for flag in evaluate(answers, date.today()) if flag.rule_id == "R-TRD")
    assert any(picked in item.answer for item in trd.evidence)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert re.sub(r"\s+", "", picked) in re.sub(r"\s+", "", text)
