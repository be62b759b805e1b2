""""Not sure" beside a number a patient may not know (Question.not_sure; only the past-year drug-use count): stored
as "not_sure" in place of the number, refused with a plain message when a number is typed too, opening the same
follow-ups as a count of 1 or more, and said as "Not sure" on the review page and to staff."""

from datetime import UTC, datetime

from answer_sets import typical_patient
from helpers import as_pages, hidden_on, shown_on

from screening.intake import store as intake_store
from screening.models import Intake, db
from screening.questionnaire import QUESTIONS

BOX = "drug_use_count-not-sure"
FOLLOW_UPS = {"drugs_used", "drugs_last_used"}


def saved(app) -> dict:
    with app.app_context():
        return intake_store.answers_of(db.session.execute(db.select(Intake)).scalar_one())


def substances(answers, **changes) -> dict:
    return {**answers["substances"], **changes}


def not_sure_box(html: str) -> str:
    return next(tag for tag in html.split("<input")[1:] if f'name="{BOX}"' in tag)


def test_only_the_drug_use_count_offers_a_not_sure_box():
    assert [question.id for question in QUESTIONS.values() if question.not_sure] == ["drug_use_count"]


def test_the_box_sits_with_the_number_labelled_and_heard_with_the_question(patient):
    patient.start()
    page = patient.page("substances").text
    tag = not_sure_box(page)
    assert 'type="checkbox"' in tag and " checked" not in tag
    assert f'<label for="{BOX}">Not sure</label>' in page
    assert 'aria-describedby="drug_use_count-label"' in tag
    assert 'id="drug_use_count-label"' in page
    assert page.index('name="drug_use_count"') < page.index(f'name="{BOX}"') < page.index('name="drugs_used"')


def test_not_sure_opens_the_follow_ups_then_is_saved_in_place_of_a_number(app, patient, answers):
    patient.start()
    posted = substances(answers, drug_use_count="", **{BOX: "y"})
    response = patient.answer("substances", posted)
    assert response.headers["Location"].endswith("/step/substances"), "the follow-ups opened: the page again"
    page = patient.page("substances").text
    assert shown_on(page) >= FOLLOW_UPS
    assert " checked" in not_sure_box(page)
    assert 'name="drug_use_count" type="number" value=""' in page
    assert saved(app)["drug_use_count"] == "not_sure"

    response = patient.answer("substances", {**posted, "drugs_used": ["cannabis"], "drugs_last_used": "past_year"})
    assert response.headers["Location"].endswith("/step/heart")
    stored = saved(app)
    assert stored["drug_use_count"] == "not_sure"
    assert stored["drugs_used"] == ["cannabis"] and stored["drugs_last_used"] == "past_year"


def test_a_number_and_not_sure_both_are_refused_next_to_the_field_with_both_kept(app, patient, answers):
    patient.start()
    response = patient.answer("substances", substances(answers, drug_use_count="3", **{BOX: "y"}))
    assert response.status_code == 422
    assert "Enter a number or choose \u201cNot sure\u201d, not both." in response.text
    assert 'id="drug_use_count-error"' in response.text
    assert 'value="3"' in response.text and " checked" in not_sure_box(response.text)
    assert 'aria-describedby="drug_use_count-label drug_use_count-error"' in not_sure_box(response.text)
    assert saved(app) == {}


def test_neither_a_number_nor_not_sure_is_asked_for_naming_not_sure(app, patient, answers):
    patient.start()
    response = patient.answer("substances", substances(answers, drug_use_count=""))
    assert response.status_code == 422
    assert "Please answer this question. If you do not know, choose \u201cNot sure\u201d." in response.text
    assert saved(app) == {}


def test_going_back_keeps_not_sure(app, patient, answers):
    patient.start()
    patient.answer("substances", substances(answers, drug_use_count="", **{BOX: "y"}), action="back")
    assert saved(app)["drug_use_count"] == "not_sure"


def test_a_number_typed_over_not_sure_closes_the_follow_ups_again(app, patient, answers):
    patient.start()
    patient.answer("substances", substances(answers, drug_use_count="", **{BOX: "y"}))
    response = patient.answer("substances", substances(answers, drug_use_count="0"))
    assert response.headers["Location"].endswith("/step/heart")
    assert saved(app)["drug_use_count"] == 0
    page = patient.page("substances").text
    assert " checked" not in not_sure_box(page) and hidden_on(page) >= FOLLOW_UPS


def test_the_page_script_is_told_not_sure_opens_the_follow_ups(patient):
    patient.start()
    page = patient.page("substances").text
    token = patient.token(page)
    asked = {"csrf_token": token, "shown": " ".join(shown_on(page)), "drug_use_count": ""}
    quiet = patient.client.post("/step/substances/shown", data=asked).get_json()["visible"]
    assert not FOLLOW_UPS & set(quiet)
    opened = patient.client.post("/step/substances/shown", data={**asked, BOX: "y"}).get_json()["visible"]
    assert set(opened) >= FOLLOW_UPS


def unsure_of_drugs() -> dict:
    return {**typical_patient(), "drug_use_count": "not_sure", "drugs_used": ["cannabis"],
            "drugs_last_used": "past_year"}


def test_the_review_page_says_not_sure(patient):
    patient.complete(as_pages(unsure_of_drugs()))
    review = patient.client.get("/review").text
    question = review.index(QUESTIONS["drug_use_count"].label)
    assert "Not sure" in review[question:review.index("Which have you used in the past year?", question)]
    assert "not_sure" not in review


def test_staff_see_not_sure_with_the_note_to_check_it(app, make_staff):
    with app.app_context():
        intake_id = intake_store.store_submitted(unsure_of_drugs(), submitted_at=datetime.now(UTC)).id
    page = make_staff().client.get(f"/staff/intakes/{intake_id}").text
    assert "Not sure: check at the visit" in page
    question = page.index(QUESTIONS["drug_use_count"].label)
    assert "Not sure" in page[question:question + 600]
    assert "not_sure" not in page
