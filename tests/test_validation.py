"""Bad input gets a plain message next to the field, keeps what was typed, answers 422 and saves nothing."""

import re

from answer_sets import consultation_in as in_days
from helpers import is_checked

from screening.intake import store as intake_store
from screening.models import Intake, db


def saved(app) -> dict:
    with app.app_context():
        return intake_store.answers_of(db.session.execute(db.select(Intake)).scalar_one())


def about_you(answers, **changes) -> dict:
    return {**answers["about_you"], **changes}


def refused(response, message: str) -> None:
    assert response.status_code == 422, response.status_code
    assert message in response.text


def test_date_of_birth_in_the_future_is_refused_next_to_the_field(app, patient, answers):
    patient.start()
    response = patient.answer("about_you", about_you(answers, date_of_birth=in_days(30)))
    refused(response, "The date cannot be in the future.")
    assert 'id="date_of_birth-error"' in response.text
    assert saved(app) == {}


def test_date_of_birth_that_is_not_a_real_date_is_refused(app, patient, answers):
    patient.start()
    for typed in ("2023-02-30", "31/02/1990"):
        response = patient.answer("about_you", about_you(answers, date_of_birth=typed))
        refused(response, "Enter a real date, like 1985-03-27.")
        assert f'value="{typed}"' in response.text
    assert saved(app) == {}


def test_consultation_date_three_years_ahead_is_refused(app, patient, answers):
    patient.start()
    response = patient.answer("about_you", about_you(answers, consultation_date=in_days(3 * 365)))
    refused(response, "This date is too far ahead.")
    assert saved(app) == {}


def test_impossible_blood_pressure_is_refused_with_the_allowed_range(app, patient, answers):
    patient.start()
    heart = {**answers["heart"], "bp_reading_when": "past_week"}
    revealed = patient.answer("heart", heart)
    assert revealed.headers["Location"].endswith("/step/heart")
    response = patient.answer(
        "heart", {**heart, "bp_systolic": "400", "bp_diastolic": "20", "bp_reading_when": "past_week"}
    )
    refused(response, "Enter a number between 60 and 260 mmHg.")
    assert "Enter a number between 30 and 160 mmHg." in response.text
    assert 'value="400"' in response.text
    assert "bp_systolic" not in saved(app) and "bp_diastolic" not in saved(app)


def test_letters_in_a_whole_number_field_are_refused(app, patient, answers):
    patient.start()
    response = patient.answer("substances", {**answers["substances"], "drug_use_count": "twice"})
    refused(response, "Enter a whole number using only the digits 0 to 9.")
    assert 'value="twice"' in response.text
    assert saved(app) == {}


def test_letters_in_a_decimal_field_are_refused(app, patient, answers):
    patient.start()
    response = patient.answer("other_health", {**answers["other_health"], "height_cm": "tall"})
    refused(response, "Enter a number using digits only")
    assert 'value="tall"' in response.text
    assert saved(app) == {}


def test_ten_megabytes_of_text_are_refused_with_the_length_allowed(app, patient, answers):
    patient.start()
    response = patient.answer("other_health", {**answers["other_health"], "other_conditions": "x" * 10_000_000})
    refused(response, "Please keep this to 2,000 characters or fewer.")
    assert saved(app) == {}


def test_email_that_is_not_an_address_is_refused(app, patient, answers):
    patient.start()
    response = patient.answer("about_you", about_you(answers, email="not-an-email"))
    refused(response, "Enter an email address like name@example.com.")
    assert saved(app) == {}


def test_phone_with_words_is_refused(app, patient, answers):
    patient.start()
    response = patient.answer("about_you", about_you(answers, phone="call me"))
    refused(response, "Enter a phone number using digits, like 555 123 4567.")
    assert saved(app) == {}


def test_missing_required_choice_asks_to_choose_an_answer(app, patient, answers):
    patient.start()
    heart = {key: value for key, value in answers["heart"].items() if key != "bp_diagnosed"}
    response = patient.answer("heart", heart)
    refused(response, "Choose an answer")
    assert 'id="bp_diagnosed-error"' in response.text
    assert saved(app) == {}


def test_consent_not_ticked_is_refused(app, patient, answers):
    patient.start()
    data = {key: value for key, value in answers["about_you"].items() if key != "consent"}
    response = patient.answer("about_you", data)
    refused(response, "Tick the box to agree")
    assert saved(app) == {}


def test_error_is_linked_to_the_field_and_from_the_summary(patient, answers):
    patient.start()
    html = patient.answer("about_you", about_you(answers, email="not-an-email")).text
    email_input = re.search(r'<input [^>]*name="email"[^>]*>', html).group(0)
    assert "email-error" in re.search(r'aria-describedby="([^"]*)"', email_input).group(1)
    assert re.search(r'id="email-error"[^>]*>.*Enter an email address', html, re.S)
    assert 'href="#email"' in html


def test_error_on_a_choice_is_linked_to_its_fieldset(patient, answers):
    patient.start()
    heart = {key: value for key, value in answers["heart"].items() if key != "bp_diagnosed"}
    html = patient.answer("heart", heart).text
    fieldset = re.search(r'<fieldset [^>]*id="bp_diagnosed"[^>]*>', html).group(0)
    assert "bp_diagnosed-error" in re.search(r'aria-describedby="([^"]*)"', fieldset).group(1)
    assert re.search(r'id="bp_diagnosed-error"[^>]*>.*Choose an answer', html, re.S)
    assert 'href="#bp_diagnosed"' in html


def test_refused_page_keeps_the_typed_name(patient, answers):
    patient.start()
    response = patient.answer("about_you", about_you(answers, full_name="Jordan Lee", email="not-an-email"))
    assert response.status_code == 422
    assert 'value="Jordan Lee"' in response.text
    assert 'value="not-an-email"' in response.text


def test_refused_page_keeps_the_other_choices_checked(patient, answers):
    patient.start()
    heart = {key: value for key, value in answers["heart"].items() if key != "bp_diagnosed"}
    html = patient.answer("heart", {**heart, "heart_any": "yes", "heart_attack": "no", "stroke": "not_sure"}).text
    assert is_checked(html, "stroke", "not_sure")
    assert is_checked(html, "heart_attack", "no")
    assert is_checked(html, "bp_reading_when", "dont_know")
    assert not is_checked(html, "bp_diagnosed", "no")


def test_refused_page_keeps_the_consent_ticked(patient, answers):
    patient.start()
    html = patient.answer("about_you", about_you(answers, email="not-an-email")).text
    assert is_checked(html, "consent", "y")


def test_quotes_and_markup_typed_in_boxes_come_back_as_typed_text(app, patient, answers):
    """Inputs are written by the template: what comes back, saved or refused, is escaped text, never markup."""
    story = 'It said "stop" </textarea><script>alert(1)</script>'
    patient.start()
    patient.answer("about_you", answers["about_you"])
    assert patient.answer("reasons", {**answers["reasons"], "reasons_story": story}).status_code == 302
    saved_page = patient.page("reasons").text
    typed = "It said &#34;stop&#34; &lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert "<script>alert(1)" not in saved_page and typed in saved_page
    refused_page = patient.answer("about_you", about_you(answers, full_name='Sam "Red" <b>Lee</b>', email="x")).text
    assert 'value="Sam &#34;Red&#34; &lt;b&gt;Lee&lt;/b&gt;"' in refused_page
    assert saved(app)["reasons_story"] == story


def test_a_whole_number_of_kilograms_is_shown_without_decimals(patient, answers):
    patient.start()
    other_health = {**answers["other_health"], "weight_kg": "72.0", "height_cm": "170.5"}
    assert patient.answer("other_health", other_health).status_code == 302
    html = patient.page("other_health").text
    assert re.search(r'<input[^>]*id="weight_kg"[^>]*value="72"', html)
    assert re.search(r'<input[^>]*id="height_cm"[^>]*value="170.5"', html)


def test_an_error_in_a_table_row_is_linked_to_its_cell(patient, answers):
    patient.start()
    treatments = {"treatments_tried": ["antidepressants"], "antidepressants-1-dose": "x" * 41}
    html = patient.answer("reasons", treatments).text
    cell = re.search(r'<input[^>]*id="antidepressants-1-dose"[^>]*>', html).group(0)
    assert "antidepressants-1-dose-error" in re.search(r'aria-describedby="([^"]*)"', cell).group(1)
    assert 'aria-invalid="true"' in cell and 'value="' + "x" * 41 + '"' in cell
    assert re.search(r'id="antidepressants-1-dose-error"[^>]*>.*40 characters or fewer', html, re.S)
    assert '<a href="#antidepressants">Please check the answers in the table' in html


def test_wrong_csrf_token_shows_a_friendly_page_with_the_typed_answers(app, patient, answers):
    patient.start()
    response = patient.answer("about_you", about_you(answers, full_name="Jordan Lee", csrf_token="bogus"))
    assert response.status_code == 400
    assert "not saved yet" in response.text
    assert 'value="Jordan Lee"' in response.text
    assert 'value="alex@example.org"' in response.text
    assert saved(app) == {}


def test_a_wrong_csrf_token_sent_to_a_page_that_does_not_exist_is_not_found(patient):
    patient.start()
    response = patient.client.post("/step/no-such-page", data={"csrf_token": "bogus", "full_name": "Jordan Lee"})
    assert response.status_code == 404
    assert "We could not find this page" in response.text


def test_back_saves_valid_partial_answers_without_requiring_the_rest(app, patient):
    patient.start()
    response = patient.answer("heart", {"bp_diagnosed": "no", "heart_any": "yes", "stroke": "yes"}, action="back")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/step/substances")
    assert saved(app) == {"bp_diagnosed": "no", "heart_any": "yes", "stroke": "yes"}


def test_back_with_an_invalid_value_shows_the_error(app, patient, answers):
    patient.start()
    patient.answer("about_you", answers["about_you"])
    response = patient.answer("reasons", {"reasons": ["depression"]})
    response = patient.answer("about_you", about_you(answers, email="nope"), action="back")
    refused(response, "Enter an email address like name@example.com.")
    assert saved(app)["email"] == "alex@example.org"


def test_not_a_number_in_a_decimal_field_is_refused(app, patient, answers):
    patient.start()
    response = patient.answer("other_health", {**answers["other_health"], "height_cm": "NaN"})
    refused(response, "Enter a number between 50 and 250 cm.")
    assert saved(app) == {}


def test_signalling_nan_in_a_decimal_field_is_refused_not_a_server_error(app, patient, answers):
    patient.start()
    response = patient.answer("other_health", {**answers["other_health"], "weight_kg": "sNaN"})
    refused(response, "Enter a number between 20 and 350 kg.")
    assert saved(app) == {}
