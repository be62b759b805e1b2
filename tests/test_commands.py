"""The command-line tools: the data dictionary, loading an answers file, the rule catalogue."""

import json
from pathlib import Path

from answer_sets import not_sure_of, nothing_of_note
from helpers import load_answers

from screening.intake import store as intake_store
from screening.models import Intake, db
from screening.questionnaire import QUESTIONS
from screening.rules import CATALOGUE, document

ROOT = Path(__file__).resolve().parent.parent


def stored(app) -> list[dict]:
    with app.app_context():
        return [intake_store.answers_of(intake) for intake in db.session.execute(db.select(Intake)).scalars()]


def test_questions_prints_a_markdown_row_for_every_question_once(runner):
    result = runner.invoke(args=["questions"])
    assert result.exit_code == 0, result.output
    first_cells = [line.split("|")[1].strip() for line in result.output.splitlines() if line.startswith("| ")]
    for question_id in QUESTIONS:
        assert first_cells.count(question_id) == 1, question_id
    assert "antidepressants[].name" in first_cells


def test_questions_as_json_lists_every_question_in_order(runner):
    result = runner.invoke(args=["questions", "--format", "json"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.output)
    assert [entry["id"] for entry in entries] == list(QUESTIONS)
    for entry in entries:
        assert {"section", "label", "type", "options"} <= entry.keys(), entry["id"]
    assert next(e for e in entries if e["id"] == "bp_diagnosed")["options"][0] == {"value": "yes", "label": "Yes"}


def test_load_answers_stores_one_submitted_intake(app, runner, tmp_path):
    result = load_answers(runner, tmp_path, nothing_of_note())
    assert result.exit_code == 0, result.output
    assert "Stored 1 submitted intake." in result.output
    assert stored(app) == [nothing_of_note()]
    with app.app_context():
        assert db.session.execute(db.select(Intake)).scalar_one().is_submitted


def test_load_answers_works_from_the_app_cli_runner(app, runner, tmp_path):
    result = load_answers(runner, tmp_path, nothing_of_note())
    assert result.exit_code == 0, result.output
    assert stored(app) == [nothing_of_note()]


def test_load_answers_refuses_an_unknown_key(app, runner, tmp_path):
    result = load_answers(runner, tmp_path, {**nothing_of_note(), "favourite_colour": "blue"})
    assert result.exit_code != 0
    assert "favourite_colour" in result.output
    assert "Nothing was stored." in result.output
    assert stored(app) == []


def test_load_answers_refuses_a_value_out_of_range(app, runner, tmp_path):
    answers = {**nothing_of_note(), "bp_reading_when": "past_week", "bp_systolic": 120, "bp_diastolic": 500}
    result = load_answers(runner, tmp_path, answers)
    assert result.exit_code != 0
    assert "bp_diastolic" in result.output
    assert stored(app) == []


def test_load_answers_refuses_an_answer_to_a_question_not_shown(app, runner, tmp_path):
    answers = {**nothing_of_note(), "bp_reading_when": "dont_know"}
    del answers["bp_diastolic"]
    result = load_answers(runner, tmp_path, answers)
    assert result.exit_code != 0
    assert "bp_systolic" in result.output
    assert "not shown" in result.output
    assert stored(app) == []


def test_load_answers_refuses_a_missing_required_answer(app, runner, tmp_path):
    answers = {**nothing_of_note(), **not_sure_of("heart_any")}
    del answers["stroke"]
    result = load_answers(runner, tmp_path, answers)
    assert result.exit_code != 0
    assert "stroke" in result.output
    assert "required" in result.output
    assert stored(app) == []


def test_load_answers_refuses_invalid_json(app, runner, tmp_path):
    result = load_answers(runner, tmp_path, '{"full_name": "Alex",')
    assert result.exit_code != 0
    assert "is not valid JSON" in result.output
    assert "Nothing was stored." in result.output
    assert "Traceback" not in result.output
    assert stored(app) == []


def test_load_answers_refuses_nan_for_a_decimal(app, runner, tmp_path):
    result = load_answers(runner, tmp_path, json.dumps({**nothing_of_note(), "height_cm": float("nan")}))
    assert result.exit_code != 0
    assert "height_cm" in result.output
    assert stored(app) == []


def test_load_answers_refuses_infinity_for_a_whole_number_with_a_message(app, runner, tmp_path):
    result = load_answers(runner, tmp_path, json.dumps({**nothing_of_note(), "drug_use_count": float("inf")}))
    assert result.exit_code != 0
    assert "drug_use_count" in result.output
    assert stored(app) == []


def test_rules_prints_when_each_rule_fires_in_words(runner):
    result = runner.invoke(args=["rules"])
    assert result.exit_code == 0
    assert "fires when: bp_systolic \u2265 180 or bp_diastolic \u2265 120" in result.output
    assert "fires when: has" not in result.output
    assert "It makes no treatment decision." in result.output


def test_the_signed_rules_document_is_the_code():
    """docs/rules.md is what a medical director signs: it must say exactly what the catalogue does."""
    written = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == document.as_markdown(), "run: flask --app screening rules --format markdown"


def test_every_rule_id_is_written_out_where_it_is_defined():
    """`grep R-MED-BENZODIAZEPINES` finds the rule's line: no id is put together by code."""
    source = (ROOT / "screening" / "rules" / "catalogue.py").read_text(encoding="utf-8")
    for rule in CATALOGUE:
        assert f'id="{rule.id}"' in source, rule.id


def test_rules_markdown_writes_the_document(runner, tmp_path):
    target = tmp_path / "rules.md"
    result = runner.invoke(args=["rules", "--format", "markdown", "--out", str(target)])
    assert result.exit_code == 0
    assert "| R-MED-BENZODIAZEPINES | discuss | Takes a benzodiazepine | medicine_classes includes benzodiazepines" \
        in target.read_text(encoding="utf-8")
