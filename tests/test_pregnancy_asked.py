"""The pregnancy questions follow sex at birth: not asked after "Male", asked after any other answer or none (when
in doubt, ask). They hide and show in place on the same page, work without the script, and R-PREG still fires for
every patient who is asked. Answers stored before (a "Male" patient with pregnancy answers) are read by no page, rule
or PDF (a draft's next save leaves them out); an older answers file drops them and says so."""

import io
import json
import re
from datetime import UTC, date, datetime

import pytest
from answer_sets import nothing_of_note, typical_patient
from helpers import as_pages, hidden_on, is_checked, load_answers, shown_on
from pypdf import PdfReader

from screening.crypto import vault
from screening.exports import fhir
from screening.intake import store as intake_store
from screening.models import Intake, db
from screening.questionnaire.answers import applicable, check_answers
from screening.questionnaire.answers_format import GATES, downgrade, upgrade
from screening.rules import evaluate, scores

PREGNANCY = ("pregnancy_any", *GATES["pregnancy_any"])
ASKED = ("female", "intersex", "prefer_not_to_say", None)
MAYBE = {"pregnancy_any": "yes", "pregnant": "maybe", "planning_pregnancy": "no", "breastfeeding": "no"}


def with_sex(answers: dict, sex: str | None) -> dict:
    return {**answers, **({"sex_at_birth": sex} if sex else {})}


def male_patient() -> dict:
    """The typical patient, "Male" at birth, so never asked about pregnancy."""
    return {key: value for key, value in with_sex(typical_patient(), "male").items() if key not in PREGNANCY}


def fired(answers: dict) -> set[str]:
    return {flag.rule_id for flag in evaluate(answers, date.today())}


@pytest.mark.parametrize("sex", ASKED)
def test_pregnancy_is_asked_unless_male_and_r_preg_fires_for_everyone_asked(sex):
    answers = check_answers(with_sex({**nothing_of_note(), **MAYBE}, sex), date.today())
    assert applicable(answers) == answers
    assert "R-PREG" in fired(answers)


def test_a_male_patient_is_not_asked_and_pregnancy_answers_do_not_apply():
    answers = with_sex({**nothing_of_note(), **MAYBE}, "male")
    assert set(PREGNANCY).isdisjoint(applicable(answers))
    check_answers(male_patient(), date.today())
    with pytest.raises(ValueError, match="is answered but not shown"):
        check_answers(answers, date.today())


def ask(patient, data: dict) -> list[str]:
    page = patient.page("other_health").text
    form = {"csrf_token": patient.token(page), "shown": " ".join(shown_on(page)), **data}
    return patient.client.post("/step/other_health/shown", data=form).json["visible"]


def test_the_page_hides_and_shows_the_pregnancy_gate_in_place(patient, answers):
    patient.start()
    page = patient.page("other_health").text
    assert "pregnancy_any" in shown_on(page), "asked until sex at birth says otherwise"
    assert "pregnancy_any" not in hidden_on(page)
    on_page = answers["other_health"]
    assert "pregnancy_any" not in ask(patient, {**on_page, "sex_at_birth": "male"})
    for sex in ("female", "intersex", "prefer_not_to_say"):
        assert "pregnancy_any" in ask(patient, {**on_page, "sex_at_birth": sex})
    visible = ask(patient, {**on_page, "sex_at_birth": "female", "pregnancy_any": "yes"})
    assert set(PREGNANCY) <= set(visible)
    assert set(PREGNANCY).isdisjoint(ask(patient, {**on_page, "sex_at_birth": "male", "pregnancy_any": "yes"}))


def test_without_the_script_male_saves_the_page_without_a_pregnancy_answer(app, patient, answers):
    patient.start()
    on_page = {key: value for key, value in answers["other_health"].items() if key not in PREGNANCY}
    response = patient.answer("other_health", {**on_page, "sex_at_birth": "male", "pregnancy_any": "yes"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/step/medicines")
    with app.app_context():
        stored = intake_store.answers_of(db.session.execute(db.select(Intake)).scalar_one())
    assert stored["sex_at_birth"] == "male" and set(PREGNANCY).isdisjoint(stored)
    page = patient.page("other_health").text
    assert "pregnancy_any" not in shown_on(page) and "pregnancy_any" in hidden_on(page), "held for the script"

    response = patient.answer("other_health", {**on_page, "sex_at_birth": "female"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/step/other_health")
    assert "pregnancy_any" in shown_on(patient.page("other_health").text), "the reload shows the gate it opened"


def test_pregnancy_answers_stored_before_are_read_by_no_page_rule_or_pdf(app, patient):
    pages = as_pages(male_patient())
    patient.complete(pages)
    with app.app_context():
        intake = db.session.execute(db.select(Intake)).scalar_one()
        intake.answers = vault().encrypt({**intake_store.answers_of(intake), **MAYBE})
        db.session.commit()
        assert vault().decrypt(intake.answers)["pregnant"] == "maybe", "kept in the database"
        assert set(PREGNANCY).isdisjoint(intake_store.answers_of(intake))
    page = patient.page("other_health").text
    assert set(PREGNANCY).isdisjoint(shown_on(page))
    assert not is_checked(page, "pregnancy_any", "yes") and not is_checked(page, "pregnant", "maybe")
    review = patient.client.get("/review").text
    assert "assigned at birth" in review and "Are you pregnant" not in review
    patient.submit()
    with app.app_context():
        intake = db.session.execute(db.select(Intake)).scalar_one()
        assert "R-PREG" not in fired(intake_store.answers_of(intake))
    pdf = PdfReader(io.BytesIO(patient.client.get("/done/summary.pdf").data))
    copy = " ".join(page.extract_text() for page in pdf.pages)
    assert "assigned at birth" in copy and "pregnant" not in copy


def test_an_older_file_of_a_male_patient_drops_the_pregnancy_answers_and_says_so(app, runner, tmp_path):
    old = downgrade(with_sex(typical_patient(), "male"), 2)
    assert {"pregnant": "no", "planning_pregnancy": "no", "breastfeeding": "no"}.items() <= old.items()
    assert upgrade(old) == male_patient()
    result = load_answers(runner, tmp_path, old, "old.json")
    assert result.exit_code == 0, result.output
    assert re.search(r"dropped [^(]*pregnant, planning_pregnancy, breastfeeding", result.output)
    assert "pregnancy_any" not in result.output
    with app.app_context():
        stored = intake_store.answers_of(db.session.execute(db.select(Intake)).scalar_one())
    assert set(PREGNANCY).isdisjoint(stored)


def written_before() -> dict:
    """A format-3 file of a "Male" patient from when everyone was asked about pregnancy."""
    return {**with_sex(typical_patient(), "male"), **MAYBE}


DROPPED = 'dropped pregnancy_any, pregnant, planning_pregnancy, breastfeeding (not asked after "Male" to sex at birth)'


def test_a_format_3_file_of_a_male_patient_written_before_drops_the_pregnancy_answers_and_says_so(app, runner,
                                                                                                  tmp_path):
    result = load_answers(runner, tmp_path, written_before(), "before.json")
    assert result.exit_code == 0, result.output
    assert f"Answers file in format 3 (today's), read as its questions are asked today: {DROPPED}." in result.stderr
    assert "Stored 1 submitted intake." in result.stdout
    with app.app_context():
        intake = db.session.execute(db.select(Intake)).scalar_one()
        assert vault().decrypt(intake.answers) == male_patient(), "not even kept in the database"

    flags = runner.invoke(args=["flags", str(tmp_path / "before.json")])
    assert flags.exit_code == 0, flags.output
    assert DROPPED in flags.stderr
    assert "R-PREG" not in {flag["id"] for flag in json.loads(flags.stdout)["flags"]}, "stdout stays plain JSON"


def linked(items: list[dict]) -> list[str]:
    return [link for item in items for link in (item["linkId"], *linked(item.get("item", [])))]


def test_a_fhir_response_of_a_male_patient_written_before_drops_the_pregnancy_answers_and_says_so(app, runner,
                                                                                                  tmp_path):
    answers = written_before()
    response = fhir.questionnaire_response(1, answers, scores(answers), datetime(2026, 11, 20, 12, tzinfo=UTC))
    response["questionnaire"] = f"{fhir.Site().questionnaire_url}|2026.11"
    assert {"pregnancy_any", "pregnant"} <= set(linked(response["item"]))
    result = load_answers(runner, tmp_path, response, "before.fhir.json")
    assert result.exit_code == 0, result.output
    assert DROPPED in result.stderr
    with app.app_context():
        assert vault().decrypt(db.session.execute(db.select(Intake)).scalar_one().answers) == male_patient()


def test_a_current_file_of_a_male_patient_loads_without_a_word_on_formats(app, runner, tmp_path):
    result = load_answers(runner, tmp_path, male_patient(), "today.json")
    assert result.exit_code == 0, result.output
    assert result.output == "Stored 1 submitted intake.\n"


def test_the_fhir_questionnaire_asks_about_pregnancy_unless_male():
    items = {}

    def walk(found):
        for item in found:
            items[item["linkId"]] = item
            walk(item.get("item", []))

    walk(fhir.questionnaire(fhir.Site())["item"])
    gate = items["pregnancy_any"]
    assert gate["enableBehavior"] == "any"
    assert gate["enableWhen"][0] == {"question": "sex_at_birth", "operator": "exists", "answerBoolean": False}
    assert [when["answerCoding"]["code"] for when in gate["enableWhen"][1:]] == [
        "sex_at_birth/female", "sex_at_birth/intersex", "sex_at_birth/prefer_not_to_say"]
    assert {when["question"] for when in items["pregnant"]["enableWhen"]} == {"pregnancy_any"}


def post_old_pregnancy_form(patient, shown: str, data: dict, **query):
    """What the old pregnancy page (merged into other health) sends from a browser left open on it."""
    token = patient.token(patient.client.get("/review").text)
    return patient.client.post("/step/pregnancy", data={"csrf_token": token, "shown": shown, "action": "next", **data},
                               query_string=query)


def test_a_pregnancy_form_left_open_on_the_old_page_follows_sex_at_birth_too(app, patient):
    patient.complete(as_pages(typical_patient()))
    response = post_old_pregnancy_form(patient, " ".join(("sex_at_birth", *PREGNANCY)),
                                       {"sex_at_birth": "male", **MAYBE})
    assert response.status_code == 302 and response.headers["Location"].endswith("/step/medicines")
    with app.app_context():
        intake = db.session.execute(db.select(Intake)).scalar_one()
        stored = vault().decrypt(intake.answers)
    assert stored["sex_at_birth"] == "male" and set(PREGNANCY).isdisjoint(stored), "not even in the database"

    response = post_old_pregnancy_form(patient, "sex_at_birth pregnancy_any",
                                       {"sex_at_birth": "female", "pregnancy_any": "yes"}, review="1")
    assert response.headers["Location"].endswith("/step/other_health?review=1"), "its follow-ups asked, as new"
    page = patient.page("other_health", review="1").text
    assert set(PREGNANCY) <= shown_on(page) and is_checked(page, "pregnancy_any", "yes")
    assert not is_checked(page, "pregnant", "maybe"), "the answer given while Male does not come back"
