"""Short pages cost a phone screen and a tap each: why the patient comes and what they have tried are one page;
brain and mind, pregnancy and other health are one page; a ride home and a person to call end the medicines page,
and a therapist now follows the talk therapy it is asked after. Links to the old pages still land on the page that
holds their questions, and a form left open on an old page across the change still saves."""

import re

import pytest
from answer_sets import typical_issue_patient
from helpers import as_pages, hidden_on, shown_on

from screening.intake import store as intake_store
from screening.models import Intake, db
from screening.questionnaire import SECTION_OF, SECTIONS


def test_eight_steps_each_holding_what_the_merged_pages_asked():
    assert [section.id for section in SECTIONS] == [
        "about_you", "reasons", "mood", "safety", "substances", "heart", "other_health", "medicines"]
    for question_id in ("head_any", "mind_any", "body_any", "anesthesia_any", "sex_at_birth", "pregnancy_any",
                        "height_cm", "other_conditions"):
        assert SECTION_OF[question_id].id == "other_health"
    for question_id in ("reasons", "reasons_story", "treatments_tried", "antidepressants", "therapist_now"):
        assert SECTION_OF[question_id].id == "reasons"
    for question_id in ("medicine_classes", "ride_home", "support_person", "support_person_phone"):
        assert SECTION_OF[question_id].id == "medicines"


def test_why_comes_before_what_was_tried_and_a_therapist_now_after_the_talk_therapy():
    order = [question.id for question in SECTION_OF["reasons"].questions]
    assert order.index("reasons_story") + 1 == order.index("treatments_tried")
    assert order.index("therapist_now") == order.index("psychotherapy_duration") + 1
    medicines = [question.id for question in SECTION_OF["ride_home"].questions]
    assert medicines.index("medicines_list") < medicines.index("ride_home") < medicines.index("support_person")


def test_sex_at_birth_comes_right_before_pregnancy_and_anything_else_last():
    order = [question.id for question in SECTION_OF["pregnancy_any"].questions]
    assert order.index("pregnancy_any") == order.index("sex_at_birth") + 1
    assert order.index("head_any") < order.index("mind_any") < order.index("body_any") < order.index("anesthesia_any")
    assert order[-1] == "other_conditions"


@pytest.mark.parametrize("old, now", [("brain", "other_health"), ("pregnancy", "other_health"),
                                      ("treatments", "reasons"), ("support", "medicines")])
def test_a_link_to_a_merged_page_opens_the_page_that_holds_its_questions(patient, old, now):
    patient.start()
    response = patient.client.get(f"/step/{old}")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/step/{now}")
    response = patient.client.get(f"/step/{old}?review=1")
    assert response.headers["Location"].endswith(f"/step/{now}?review=1")
    assert patient.client.get("/step/nowhere").status_code == 404


# A form left open across the change: its answers are saved, and only its own questions change.

def saved(app) -> dict:
    with app.app_context():
        return intake_store.answers_of(db.session.execute(db.select(Intake)).scalar_one())


def post_open_form(patient, path: str, shown: str, data: dict, **query):
    """What a page rendered before the merge sends: its own questions on screen, nothing of the merged page's."""
    token = patient.token(patient.client.get("/review").text)
    return patient.client.post(path, data={"csrf_token": token, "shown": shown, "action": "next", **data},
                               query_string=query)


def test_a_form_sent_to_a_merged_pages_old_address_saves_its_questions_and_clears_nothing_else(app, patient):
    before = typical_issue_patient()
    patient.complete(as_pages(before))
    response = post_open_form(
        patient, "/step/support", "ride_home therapist_now support_person support_person_name support_person_phone",
        {"ride_home": "no", "therapist_now": "no", "support_person": "yes", "support_person_name": "Jo, a friend"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/review"), "on, as after the page"
    after = saved(app)
    assert (after["ride_home"], after["therapist_now"], after["support_person_name"]) == ("no", "no", "Jo, a friend")
    untouched = {key: value for key, value in before.items()
                 if key not in ("ride_home", "therapist_now", "support_person_name")}
    assert {key: after.get(key) for key in untouched} == untouched
    from_review = post_open_form(patient, "/step/support", "ride_home support_person support_person_name "
                                 "support_person_phone", {"ride_home": "yes", "support_person": "no"}, review="1")
    assert from_review.headers["Location"].endswith("/review?changed=medicines#step-medicines")
    assert saved(app)["ride_home"] == "yes"


def test_an_old_treatments_form_keeps_the_reasons_and_goes_on_to_the_next_page(app, patient, answers):
    patient.start()
    patient.answer("about_you", answers["about_you"])
    patient.answer("reasons", {**answers["reasons"], "reasons": ["ptsd"], "treatments_tried": ["ect"],
                               "ect_helped": "no"})
    response = post_open_form(patient, "/step/treatments", "treatments_tried", {"treatments_tried": ["none"]})
    assert response.headers["Location"].endswith("/step/mood")
    after = saved(app)
    assert after["reasons"] == ["ptsd"] and after["treatments_tried"] == ["none"] and "ect_helped" not in after


def test_an_old_form_with_a_mistake_is_shown_again_as_it_was_and_saves_nothing(app, patient):
    patient.complete(as_pages(typical_issue_patient()))
    response = post_open_form(patient, "/step/support", "ride_home support_person support_person_name "
                              "support_person_phone", {"ride_home": "no", "support_person": "yes",
                                                       "support_person_phone": "call me"})
    assert response.status_code == 422
    assert "Step 8 of 8" in response.text and 'action="/step/support"' in response.text
    assert 'value="call me"' in response.text and "Enter a phone number" in response.text
    assert 'name="medicine_classes"' not in response.text
    assert saved(app)["ride_home"] == "yes"


@pytest.mark.parametrize("page, shown, data, kept", [
    ("reasons", "reasons reasons_story", {"reasons": ["ptsd"]}, "treatments_tried"),
    ("medicines", "medicine_classes medicines_list", {"medicine_classes": ["none"]}, "ride_home"),
])
def test_a_form_of_the_page_before_it_grew_clears_nothing_it_did_not_show(app, patient, page, shown, data, kept):
    before = typical_issue_patient()
    patient.complete(as_pages(before))
    assert post_open_form(patient, f"/step/{page}", shown, data).status_code == 302
    after = saved(app)
    assert all(after[key] == value for key, value in data.items())
    assert after[kept] == before[kept]


@pytest.mark.parametrize("page, changed, hidden", [
    ("reasons", {"treatments_tried": ["antidepressants"]}, ("psychotherapy_kind", "psychotherapy_duration",
                                                            "therapist_now")),
    ("medicines", {"support_person": "no"}, ("support_person_name", "support_person_phone")),
])
def test_follow_ups_the_script_hid_when_their_gate_changed_are_not_kept(app, patient, page, changed, hidden):
    """The script takes a question it hides out of the form's `shown` list: a stored answer to it is not kept as
    one from a page shown before it grew, and goes with the answer that closed it."""
    before = typical_issue_patient()
    patient.complete(as_pages(before))
    assert any(key in before for key in hidden)
    html = patient.page(page).text
    data = {key: value for key, value in {**as_pages(before)[page], **changed}.items() if key not in hidden}
    shown = " ".join(sorted(shown_on(html) - set(hidden)))
    assert post_open_form(patient, f"/step/{page}", shown, data).status_code == 302
    after = saved(app)
    assert all(after[key] == value for key, value in changed.items())
    assert set(hidden).isdisjoint(after)


def test_an_old_page_still_reveals_its_follow_ups_in_place(patient):
    patient.start()
    token = patient.token(patient.client.get("/step/about_you").text)
    response = patient.client.post("/step/support/shown", data={"csrf_token": token, "support_person": "yes"})
    assert {"support_person_name", "support_person_phone"} <= set(response.json["visible"])


def test_an_old_page_named_in_the_session_reads_as_the_page_that_holds_it_now(patient):
    patient.complete(as_pages(typical_issue_patient()))
    assert re.search(r'id="step-medicines"[^>]*>\s*<details open', patient.client.get("/review?changed=support").text)
    with patient.client.session_transaction() as session:
        session["add_row_on"] = "treatments"
    assert 'name="antidepressants-2-name"' in patient.page("reasons").text


def test_a_therapist_now_opens_in_place_after_talk_therapy_or_not_sure(patient):
    patient.start()
    html = patient.page("reasons").text
    assert "therapist_now" in hidden_on(html) and "therapist_now" not in shown_on(html)
    token = patient.token(html)
    for ticked, shows in ((["talk_therapy"], True), (["not_sure"], True), (["ect"], False)):
        response = patient.client.post("/step/reasons/shown", data={"csrf_token": token, "treatments_tried": ticked})
        assert ("therapist_now" in response.json["visible"]) is shows, ticked
