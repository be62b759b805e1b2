"""A kinder intake on a phone: the time estimate from the stated model, errors that name their question, answers
that must fit together, and "Not sure" where a patient may not know."""

import re
from datetime import date

import pytest
from answer_sets import everything_positive, nothing_of_note, typical_issue_patient
from helpers import as_pages, is_checked, load_answers

from config import from_environment
from screening.intake import store as intake_store
from screening.models import Intake, db
from screening.questionnaire import QUESTIONS, SECTIONS
from screening.questionnaire.answers import check_answers
from screening.questionnaire.burden import (
    SECONDS_PER_CHOICE,
    SECONDS_PER_TYPED_FIELD,
    WORDS_PER_MINUTE,
    burden,
    typical_minutes,
)
from screening.questionnaire.instruments import GAD7_ITEMS, PHQ9_ITEMS
from screening.questionnaire.model import NOT_SURE
from screening.questionnaire.types import AnswerError
from screening.questionnaire.units import to_metric, to_us, us_text
from screening.rules import evaluate


def saved(app) -> dict:
    with app.app_context():
        return intake_store.answers_of(db.session.execute(db.select(Intake)).scalar_one())


def fired(answers) -> set[str]:
    return {flag.rule_id for flag in evaluate(answers, date.today())}


# The time estimate

def test_welcome_page_says_how_long_the_model_expects_for_the_typical_patient(client):
    page = client.get("/").text
    assert f"It takes about {typical_minutes()} minutes." in page
    assert typical_minutes() == round(burden(typical_issue_patient()).minutes)
    assert f"There are {len(SECTIONS)} steps." in page, "not 'short steps': one of them is five phone screens"


def test_the_model_is_its_stated_arithmetic():
    measured = burden(typical_issue_patient())
    expected = (measured.choices * SECONDS_PER_CHOICE + measured.typed * SECONDS_PER_TYPED_FIELD
                + measured.words * 60 / WORDS_PER_MINUTE)
    assert measured.seconds == pytest.approx(expected)
    assert measured.typed >= 10  # name, dates, two antidepressants, blood pressure, height, weight, medicines


def test_a_patient_with_more_to_tell_is_asked_more():
    quiet, typical, everything = (burden(make()) for make in (nothing_of_note, typical_issue_patient,
                                                               everything_positive))
    assert quiet.questions < typical.questions < everything.questions
    assert quiet.minutes < typical.minutes < everything.minutes


def test_the_typical_patient_is_a_complete_intake_that_raises_its_topics():
    answers = check_answers(typical_issue_patient(), date.today())
    assert {"R-MED-BENZODIAZEPINES", "R-MED-BLOOD-PRESSURE", "R-TRD"} <= fired(answers)


# The error summary

def test_error_summary_names_each_question(patient, answers):
    patient.start()
    patient.answer("heart", {**answers["heart"], "heart_any": "yes"})  # "Yes" to the gate shows heart attack
    heart = {key: value for key, value in answers["heart"].items() if key not in ("bp_diagnosed", "heart_attack")}
    html = patient.answer("heart", {**heart, "heart_any": "yes"}).text
    summary = re.search(r'id="error-summary".*?</ul>', html, re.S).group(0)
    assert "Have you ever had a heart attack? Choose an answer." in summary
    assert "Has a doctor ever said you have high blood pressure (hypertension)? Choose an answer." in summary
    assert re.search(r'id="heart_attack-error"[^>]*>.*?Choose an answer', html, re.S)


def test_an_empty_answer_grid_is_one_summary_line_with_a_numbered_link_per_item(patient, answers):
    patient.start()
    mood = {key: value for key, value in answers["mood"].items() if key not in ("phq9_1", "phq9_5", "gad7_2")}
    html = patient.answer("mood", mood).text
    summary = re.search(r'id="error-summary".*?</div>', html, re.S).group(0)
    assert "Please check these answers" in summary
    assert "Choose an answer for these" not in summary, "one item or two of a grid: each line names its item"
    assert "Little interest or pleasure in doing things: choose an answer." in summary
    assert "Poor appetite or overeating: choose an answer." in summary
    assert "Not being able to stop or control worrying: choose an answer." in summary
    html = patient.answer("mood", {}).text
    summary = re.search(r'id="error-summary".*?</div>', html, re.S).group(0)
    lines = re.findall(r"<li>Choose an answer for these (\w+ questions):(.*?)</ul>", summary, re.S)
    assert [name for name, _ in lines] == ["mood questions", "worry questions"]
    for (_, links), (prefix, items) in zip(lines, (("phq9", PHQ9_ITEMS), ("gad7", GAD7_ITEMS)), strict=True):
        found = re.findall(r'<a aria-label="(\d+)\. ([^"]+)" href="#(\w+)">(\d+)</a>', links)
        assert found == [(str(number), item, f"{prefix}_{number}", str(number))
                         for number, item in enumerate(items, start=1)]
    assert summary.count("<a ") == 16 and summary.count("Choose an answer") == 2, "16 questions, 2 lines"


def test_error_summary_names_a_typed_field_too(patient, answers):
    patient.start()
    html = patient.answer("about_you", {**answers["about_you"], "email": "not-an-email"}).text
    summary = re.search(r'id="error-summary".*?</ul>', html, re.S).group(0)
    assert "Email address: enter an email address like name@example.com." in summary


# Answers that must fit together

def heart_with_reading(answers, top: str, bottom: str) -> dict:
    return {**answers["heart"], "bp_reading_when": "past_week", "bp_systolic": top, "bp_diastolic": bottom}


def test_bottom_blood_pressure_number_above_the_top_is_refused_and_kept(app, patient, answers):
    patient.start()
    patient.answer("heart", {**answers["heart"], "bp_reading_when": "past_week"})
    response = patient.answer("heart", heart_with_reading(answers, "80", "120"))
    assert response.status_code == 422
    assert re.search(r'id="bp_diastolic-error"[^>]*>.*?The bottom number must be smaller than the top number',
                     response.text, re.S)
    assert 'href="#bp_diastolic"' in response.text
    assert re.search(r'name="bp_systolic"[^>]*value="80"', response.text)
    assert re.search(r'name="bp_diastolic"[^>]*value="120"', response.text)
    assert "bp_systolic" not in saved(app)


def test_a_blood_pressure_the_right_way_round_is_saved(app, patient, answers):
    patient.start()
    patient.answer("heart", {**answers["heart"], "bp_reading_when": "past_week"})
    response = patient.answer("heart", heart_with_reading(answers, "120", "80"))
    assert response.status_code == 302
    assert (saved(app)["bp_systolic"], saved(app)["bp_diastolic"]) == (120, 80)


def test_height_and_weight_that_cannot_belong_together_are_refused(app, patient, answers):
    patient.start()
    response = patient.answer("other_health", {**answers["other_health"], "height_cm": "66", "weight_kg": "160"})
    assert response.status_code == 422
    assert re.search(r'id="weight_kg-error"[^>]*>.*?This height and weight do not fit together', response.text, re.S)
    assert re.search(r'name="height_cm"[^>]*value="66"', response.text)
    assert "weight_kg" not in saved(app)
    response = patient.answer("other_health", {**answers["other_health"], "height_cm": "166", "weight_kg": "60"})
    assert response.status_code == 302
    assert saved(app)["height_cm"] == 166


def test_none_of_these_with_another_box_is_refused_and_both_stay_ticked(app, patient, answers):
    patient.start()
    medicines = {**answers["medicines"], "medicine_classes": ["none", "buprenorphine_methadone"]}
    response = patient.answer("medicines", medicines)
    assert response.status_code == 422
    assert re.search(r'id="medicine_classes-error"[^>]*>.*?\u201cNone of these\u201d cannot be ticked with '
                     r'another box', response.text, re.S)
    assert is_checked(response.text, "medicine_classes", "none")
    assert is_checked(response.text, "medicine_classes", "buprenorphine_methadone")
    assert saved(app) == {}


def test_answers_that_do_not_fit_together_are_named_with_the_missing_ones_in_one_go(app, patient, answers):
    patient.start()
    response = patient.answer("reasons", {"treatments_tried": ["antidepressants", "none"]})
    assert response.status_code == 422
    summary = re.search(r'id="error-summary".*?</div>', response.text, re.S).group(0)
    assert "What would you like help with? Choose at least one answer" in summary
    assert "\u201cNone of these\u201d cannot be ticked with another box" in summary
    assert is_checked(response.text, "treatments_tried", "none")
    assert saved(app) == {}


@pytest.mark.parametrize("changes, key", [
    ({"bp_systolic": 90, "bp_diastolic": 90}, "bp_diastolic"),
    ({"height_cm": 66.0, "weight_kg": 160.0}, "weight_kg"),
    ({"treatments_tried": ["none", "ect"]}, "treatments_tried"),
    ({"medicine_classes": ["none", "opioids"]}, "medicine_classes"),
])
def test_answers_files_are_refused_for_the_same_reasons(changes, key):
    with pytest.raises(AnswerError) as refused:
        check_answers({**nothing_of_note(), **changes}, date.today())
    assert refused.value.key == key


def test_load_answers_refuses_a_reversed_blood_pressure(app, runner, tmp_path):
    result = load_answers(runner, tmp_path, {**nothing_of_note(), "bp_systolic": 80, "bp_diastolic": 120})
    assert result.exit_code != 0
    assert "bp_diastolic" in result.output and "bottom number" in result.output
    with app.app_context():
        assert db.session.execute(db.select(Intake)).first() is None


# "Not sure"

NOT_SURE_WHERE = {  # question: its page, and what opens it
    "treatments_tried": ("reasons", None),
    "therapist_now": ("reasons", ("reasons", {"reasons": ["depression"], "treatments_tried": ["talk_therapy"]})),
    "pregnancy_any": ("other_health", None),
    "breastfeeding": ("other_health", ("other_health", {"pregnancy_any": NOT_SURE})),
    "substance_any": ("substances", None),
    "medicine_classes": ("medicines", None),
}


@pytest.mark.parametrize("question_id", NOT_SURE_WHERE)
def test_not_sure_is_offered_where_a_patient_may_not_know(patient, question_id):
    patient.start()
    section, opened_by = NOT_SURE_WHERE[question_id]
    if opened_by:
        patient.answer(*opened_by)
    html = patient.page(section).text
    assert is_checked(html, question_id, NOT_SURE) is False
    assert QUESTIONS[question_id].option(NOT_SURE).label == "Not sure"


def test_not_sure_about_breastfeeding_or_medicines_is_checked_at_the_visit():
    pregnancy = {"pregnancy_any": NOT_SURE, "pregnant": "no", "planning_pregnancy": "does_not_apply"}
    breastfeeding = check_answers({**nothing_of_note(), **pregnancy, "breastfeeding": NOT_SURE}, date.today())
    assert {"R-PREG", "R-UNSURE"} <= fired(breastfeeding)
    recovery = check_answers({**nothing_of_note(), "medicine_classes": [NOT_SURE]}, date.today())
    assert "R-UNSURE" in fired(recovery)
    assert "R-UNSURE" not in fired(nothing_of_note())


def test_a_patient_not_sure_about_therapy_can_send_the_form(app, patient):
    answers = {**typical_issue_patient(), "treatments_tried": ["antidepressants", NOT_SURE], "therapist_now": NOT_SURE}
    del answers["psychotherapy_kind"], answers["psychotherapy_duration"]
    patient.complete(as_pages(answers))
    assert saved(app)["therapist_now"] == NOT_SURE


# Units: feet, inches and pounds, or cm and kg; stored in metric

def test_conversions_go_both_ways():
    assert to_metric("height_cm", [5, 7]) == 170.2
    assert to_us("height_cm", 170.2) == [5, 7]
    assert to_metric("weight_kg", [150]) == 68.0
    assert to_us("weight_kg", 68.0) == [150]
    assert us_text("height_cm", 50) == "1 ft 8 in"


def test_a_us_clinic_asks_in_feet_inches_and_pounds_and_stores_metric(app, patient, answers):
    app.config["UNITS"] = "us"
    patient.start()
    html = patient.page("other_health").text
    assert 'name="height_ft"' in html and 'name="height_in"' in html and 'name="weight_lb"' in html
    assert 'name="height_cm"' not in html
    response = patient.answer("other_health", {**answers["other_health"], "units": "us", "height_ft": "5",
                                               "height_in": "7", "weight_lb": "150"})
    assert response.status_code == 302
    assert (saved(app)["height_cm"], saved(app)["weight_kg"]) == (170.2, 68.0)
    html = patient.page("other_health").text
    assert re.search(r'name="height_ft"[^>]*value="5"', html) and re.search(r'name="weight_lb"[^>]*value="150"', html)


def test_a_metric_clinic_asks_in_cm_and_kg(patient):
    patient.start()
    html = patient.page("other_health").text
    assert 'name="height_cm"' in html and 'name="height_ft"' not in html
    assert "Use feet, inches and pounds" in html


def test_the_patient_can_switch_units_and_keeps_what_was_typed(app, patient, answers):
    patient.start()
    response = patient.answer("other_health", {**answers["other_health"], "height_cm": "170.2", "weight_kg": "68"},
                              action="units")
    assert response.status_code == 302 and response.headers["Location"].endswith("/step/other_health#height_cm")
    html = patient.page("other_health").text
    assert re.search(r'name="height_ft"[^>]*value="5"', html) and re.search(r'name="height_in"[^>]*value="7"', html)
    assert "Use centimeters and kilograms" in html
    patient.answer("other_health", {**answers["other_health"], "units": "us", "height_ft": "6", "height_in": "0",
                                    "weight_lb": "180"}, action="units")
    html = patient.page("other_health").text
    assert re.search(r'name="height_cm"[^>]*value="182.9"', html)
    assert saved(app)["weight_kg"] == 81.6


def test_bad_feet_or_pounds_are_refused_in_the_patients_units_and_kept(app, patient, answers):
    app.config["UNITS"] = "us"
    patient.start()
    response = patient.answer("other_health", {**answers["other_health"], "units": "us", "height_ft": "five",
                                               "height_in": "7", "weight_lb": "2000"})
    assert response.status_code == 422
    assert re.search(r'id="height_cm-error"[^>]*>.*?Enter numbers using digits only, like 5 and 7', response.text,
                     re.S)
    assert re.search(r'id="weight_kg-error"[^>]*>.*?Enter a number between 44 lb and 772 lb', response.text, re.S)
    assert re.search(r'name="height_ft"[^>]*value="five"', response.text)
    assert 'href="#height_cm"' in response.text
    assert saved(app) == {}


def test_a_height_and_weight_that_cannot_go_together_are_refused_in_us_units_too(app, patient, answers):
    app.config["UNITS"] = "us"
    patient.start()
    response = patient.answer("other_health", {**answers["other_health"], "units": "us", "height_ft": "2",
                                               "height_in": "2", "weight_lb": "350"})
    assert response.status_code == 422
    assert "This height and weight do not fit together" in response.text


def test_feet_and_pounds_sent_with_a_page_that_has_no_height_are_ignored(app, patient, answers):
    """Only the page holding height and weight reads their US boxes: any other page saves as if they were not sent."""
    patient.start()
    response = patient.answer("about_you", {**answers["about_you"], "units": "us", "height_ft": "five",
                                            "weight_lb": "150"})
    assert response.status_code == 200 and "resume-code" in response.text
    assert saved(app)["full_name"] == answers["about_you"]["full_name"]
    assert "height_cm" not in saved(app) and "weight_kg" not in saved(app)


def test_the_units_setting_is_us_or_metric(monkeypatch):
    monkeypatch.setenv("UNITS", "US")
    assert from_environment()["UNITS"] == "us"
    monkeypatch.setenv("UNITS", "imperial")
    with pytest.raises(ValueError, match="UNITS must be us or metric"):
        from_environment()


def test_the_review_page_shows_height_and_weight_in_the_patients_units_too(app, patient, answers):
    app.config["UNITS"] = "us"
    patient.start()
    patient.answer("other_health", {**answers["other_health"], "units": "us", "height_ft": "5", "height_in": "7",
                                    "weight_lb": "150"})
    html = patient.client.get("/review").text
    assert "170.2 cm (5 ft 7 in)" in html and "68 kg (150 lb)" in html
