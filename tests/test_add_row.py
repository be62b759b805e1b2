"""The antidepressant table shows one row at a time; "Add another medicine" saves the page and shows one more
row, without JavaScript (the Flask test client runs none)."""

import re

from screening.intake import store as intake_store
from screening.models import Intake, db
from screening.questionnaire import QUESTIONS

ADD = 'name="action" value="add_row"'
TABLE_OPEN = {"treatments_tried": ["antidepressants"]}


def saved(app) -> dict:
    with app.app_context():
        return intake_store.answers_of(db.session.execute(db.select(Intake)).scalar_one())


def rows_on(html: str) -> int:
    return len(re.findall(r'<fieldset class="group-row" id="antidepressants-row-\d+">', html))


def opened_table(patient, answers) -> str:
    patient.start()
    response = patient.answer("reasons", {**answers["reasons"], "treatments_tried": ["antidepressants"]})
    return patient.client.get(response.headers["Location"]).text


def test_the_table_starts_with_one_empty_row_and_the_add_button(patient, answers):
    html = opened_table(patient, answers)
    assert rows_on(html) == 1
    assert ADD in html and "Add another medicine" in html


def test_add_another_medicine_saves_the_page_and_shows_one_more_row(app, patient, answers):
    opened_table(patient, answers)
    response = patient.answer("reasons", {**TABLE_OPEN, "antidepressants-0-name": "Sertraline"},
                              action="add_row")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/step/reasons#antidepressants-row-2"), "back at the new row"
    assert saved(app)["antidepressants"] == [{"name": "Sertraline"}]
    html = patient.client.get(response.headers["Location"]).text
    assert rows_on(html) == 2
    assert 'value="Sertraline"' in html
    assert "Choose an answer" not in html  # adding a row asks nothing else first


def test_a_page_shown_again_later_shows_only_the_filled_rows(app, patient, answers):
    opened_table(patient, answers)
    patient.answer("reasons", {**TABLE_OPEN, "antidepressants-0-name": "Sertraline"},
                   action="add_row")
    assert rows_on(patient.page("reasons").text) == 2
    assert rows_on(patient.page("reasons").text) == 1  # the empty row was for that one showing


def test_the_add_button_goes_once_every_row_is_shown(app, patient, answers):
    opened_table(patient, answers)
    table = QUESTIONS["antidepressants"]
    full = {f"antidepressants-{number}-name": f"Medicine {number}" for number in range(table.rows)}
    patient.answer("reasons", {**TABLE_OPEN, **full}, action="add_row")
    html = patient.page("reasons").text
    assert rows_on(html) == table.rows
    assert ADD not in html
