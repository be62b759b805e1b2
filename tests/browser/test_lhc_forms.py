"""Our FHIR Questionnaire in a form tool nobody here wrote: LHC-Forms (NLM's SDC renderer, npm `lforms`, pinned
in tests/browser/lforms/package.json and installed there by `make test`), in Chromium.

Skip logic (the drug follow-ups after "Not sure" as well as a count), the calculated PHQ-9 total, and a whole
response (with the Consent it carries) going into LHC-Forms, out again, and back into the app by `flask load-answers`
with the same flags.
"""

import functools
import http.server
import json
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import flask_migrate
import pytest
from answer_sets import everything_positive
from conftest import DESKTOP

from config import ALERT_CONSENT
from screening import create_app
from screening.exports import fhir
from screening.intake import store as intake_store
from screening.models import Intake, db
from screening.questionnaire import QUESTIONS
from screening.rules import evaluate, scores

LFORMS = Path(__file__).resolve().parent / "lforms"
LFORMS_VERSION = json.loads((LFORMS / "package.json").read_text())["dependencies"]["lforms"]
SITE = fhir.Site(alert_consent=ALERT_CONSENT)


class QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def lforms_page_url():
    if not (LFORMS / "node_modules" / "lforms" / "dist" / "lforms").is_dir():
        pytest.fail("LHC-Forms is not installed: `make test` installs it (npm ci --prefix tests/browser/lforms).")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietFiles, directory=str(LFORMS)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/index.html"
    server.shutdown()


@pytest.fixture
def own_app(tmp_path):
    """An app on its own database, so the intake loaded here never shows in the other browser tests' queue."""
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'lhc-forms.db'}"})
    with app.app_context():
        flask_migrate.upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def lhc(browser, lforms_page_url):
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(20_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(lforms_page_url)
    page.wait_for_function("() => window.LForms && LForms.Util && LForms.FHIR && LForms.FHIR.R4")
    assert page.evaluate("LForms.lformsVersion") == LFORMS_VERSION
    yield page
    context.close()
    assert errors == []


def render(page, response: dict | None = None) -> None:
    options = {"fhirVersion": "R4", **({"questionnaireResponse": response} if response else {})}
    page.evaluate("([questionnaire, options]) => LForms.Util.addFormToPage(questionnaire, 'formContainer', options)",
                  [fhir.questionnaire(SITE), options])
    page.wait_for_selector("wc-lhc-form .lhc-form")


def exported(page) -> dict:
    return page.evaluate("() => LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', "
                         "document.getElementById('formContainer'))")


def field(element_id: str) -> str:
    """LHC-Forms ids hold '/' and '|' ("<linkId>/<group>/<item>|<system>|<code>"): select by attribute."""
    return f'[id="{element_id}"]'


def answered(resource: dict) -> list[tuple[str, dict]]:
    """Every answer, in order, as (linkId, value[x]) with the coding's extensions left out (91 equals 91.0)."""
    found = []

    def walk(items):
        for item in items or []:
            for answer in item.get("answer", []):
                value = {key: value for key, value in answer.items() if key.startswith("value")}
                if "valueCoding" in value:
                    value["valueCoding"] = {key: value["valueCoding"][key] for key in ("system", "code")}
                found.append((item["linkId"], value))
                walk(answer.get("item"))
            walk(item.get("item"))

    walk(resource.get("item"))
    return found


def test_something_else_shows_its_follow_up_in_lhc_forms(lhc):
    render(lhc)
    assert lhc.locator(field("reasons_other/1/1")).count() == 0
    lhc.locator(field(f"reasons/1/1|{SITE.code_system_url}|reasons/depression")).click()
    assert lhc.locator(field("reasons_other/1/1")).count() == 0
    lhc.locator(field(f"reasons/1/1|{SITE.code_system_url}|reasons/other")).click()
    lhc.locator(field("reasons_other/1/1")).fill("Grief")
    assert [answer for answer in answered(exported(lhc)) if answer[0].startswith("reasons_other")] == [
        ("reasons_other", {"valueString": "Grief"})]


def test_lhc_forms_shows_the_clinics_alert_words_with_the_consent_box(lhc):
    render(lhc)
    assert lhc.get_by_text(ALERT_CONSENT, exact=True).is_visible()


def test_the_pregnancy_questions_follow_sex_at_birth_in_lhc_forms(lhc):
    render(lhc)

    def sex(value: str) -> None:
        lhc.locator(field(f"sex_at_birth/1/1|{SITE.code_system_url}|sex_at_birth/{value}")).click()

    gate = lhc.locator('[id^="pregnancy_any/1/1|"]')
    assert gate.count() == 3, "asked while sex at birth has no answer"
    sex("male")
    lhc.wait_for_function("() => !document.querySelector('[id^=\"pregnancy_any/1/1|\"]')")
    for value in ("female", "intersex", "prefer_not_to_say"):
        sex(value)
        gate.first.wait_for()
        assert gate.count() == 3, value
    lhc.locator(field(f"pregnancy_any/1/1|{SITE.code_system_url}|pregnancy_any/yes")).click()
    lhc.locator(field(f"pregnant/1/1|{SITE.code_system_url}|pregnant/maybe")).click()
    sex("male")
    lhc.wait_for_function("() => !document.querySelector('[id^=\"pregnant/1/1|\"]')")
    assert not [answer for answer in answered(exported(lhc)) if answer[0] in ("pregnancy_any", "pregnant")]


def test_not_sure_of_the_drug_use_count_shows_its_follow_ups_in_lhc_forms(lhc):
    render(lhc)
    count = lhc.locator(field("drug_use_count/1/1"))
    drugs = lhc.locator('[id^="drugs_used/1/1|"]')
    last_used = lhc.locator('[id^="drugs_last_used/1/1|"]')
    assert count.count() == 1 and drugs.count() == 0 and last_used.count() == 0

    lhc.locator(field("drug_use_count.not_sure/1/1|true")).click()
    drugs.first.wait_for()
    assert drugs.count() == 9 and last_used.count() == len(QUESTIONS["drugs_last_used"].options)
    assert count.count() == 0, "a number or Not sure, never both"
    lhc.locator(field(f"drugs_used/1/1|{SITE.code_system_url}|drugs_used/cannabis")).click()
    assert [answer for answer in answered(exported(lhc)) if answer[0].startswith("drug")] == [
        ("drug_use_count.not_sure", {"valueBoolean": True}),
        ("drugs_used", {"valueCoding": {"system": SITE.code_system_url, "code": "drugs_used/cannabis"}})]

    lhc.locator(field("drug_use_count.not_sure/1/1|false")).click()
    count.wait_for()
    assert drugs.count() == 0 and last_used.count() == 0
    count.fill("3")
    drugs.first.wait_for()
    assert drugs.count() == 9, "a count of 1 or more opens them as before"


def test_answering_every_phq9_item_shows_the_total_lhc_forms_computed(lhc):
    render(lhc)
    picks = ("LA6571-9", "LA6570-1", "LA6569-3", "LA6568-5", "LA6571-9", "LA6570-1", "LA6569-3", "LA6568-5",
             "LA6569-3")  # 3 2 1 0 3 2 1 0 1
    total = lhc.locator(field("phq9_total/1/1"))
    assert total.input_value() == ""
    for number, code in enumerate(picks, start=1):
        lhc.locator(field(f"phq9_{number}/1/1/1|http://loinc.org|{code}")).click()
    lhc.wait_for_function("() => document.querySelector('[id=\"phq9_total/1/1\"]').value === '13'")
    assert total.input_value() == "13"
    assert lhc.locator(field("gad7_total/1/1")).input_value() == ""


@pytest.mark.parametrize("change", [{}, {"drug_use_count": "not_sure"}], ids=["a count", "not sure of the count"])
def test_everything_positive_goes_through_lhc_forms_and_back_into_the_app_with_the_same_flags(
        lhc, own_app, tmp_path, change):
    answers = {**everything_positive(), **change}
    ours = json.loads(json.dumps(fhir.questionnaire_response(1, answers, scores(answers), datetime.now(UTC), SITE,
                                                             consent_wording=f"{ALERT_CONSENT}\nI agree.")))
    assert [resource["resourceType"] for resource in ours["contained"]] == ["Patient", "Consent"]
    render(lhc, ours)
    lhc.wait_for_function("() => document.querySelector('[id=\"reasons_other/1/1\"]')?.value === 'Grief'")
    theirs = exported(lhc)
    assert theirs["meta"]["tag"] == [{"code": f"lformsVersion: {LFORMS_VERSION}"}], "made by LHC-Forms itself"
    assert answered(theirs) == answered(ours)

    path = tmp_path / "from-lhc-forms.json"
    path.write_text(json.dumps(theirs), encoding="utf-8")
    result = own_app.test_cli_runner().invoke(args=["load-answers", str(path)])
    assert result.exit_code == 0, result.output
    with own_app.app_context():
        loaded = intake_store.answers_of(db.session.execute(db.select(Intake)).scalar_one())
    assert loaded == answers
    assert [flag.as_dict() for flag in evaluate(loaded, date.today())] == [
        flag.as_dict() for flag in evaluate(answers, date.today())]
