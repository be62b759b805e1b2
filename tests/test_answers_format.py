"""Answers stored or saved in format 1 (every condition asked of everyone) reach format 2 (gate questions first),
and on to today's, without losing an answer: the step itself, the data migration 0010 on a database holding old
answers, and `flask load-answers` given an old file. Format 3 has its own file (test_answers_format_3.py)."""


import flask_migrate
import pytest
from answer_sets import everything_positive, nothing_of_note
from helpers import BACKENDS, answers_at_revision, app_at_revision, intake_at_revision, load_answers

from screening.crypto import vault
from screening.models import Intake, db
from screening.questionnaire.answers_format import FORMAT_VERSION, GATES, downgrade, format_of, upgrade


def old_format(answers: dict) -> dict:
    """The same answers as format 1 stored them: no gates, every condition answered."""
    return downgrade(answers, 1)


def test_format_1_answers_are_told_apart_from_format_2():
    assert format_of(old_format(nothing_of_note())) == 1
    assert format_of(downgrade(nothing_of_note(), 2)) == 2
    assert format_of(nothing_of_note()) == FORMAT_VERSION
    assert format_of({"full_name": "Alex"}) == FORMAT_VERSION


@pytest.mark.parametrize("answers", [nothing_of_note, everything_positive], ids=["all no", "all yes"])
def test_upgrade_undoes_downgrade(answers):
    assert upgrade(old_format(answers())) == answers()
    assert upgrade(answers()) == answers()


def test_a_gate_is_not_sure_when_a_condition_is_not_sure_and_none_is_yes():
    answers = upgrade({**{condition: "no" for condition in GATES["body_any"]}, "liver": "not_sure"})
    assert answers["body_any"] == "not_sure" and answers["liver"] == "not_sure" and answers["kidney"] == "no"


def test_a_yes_to_one_condition_keeps_every_condition_answer():
    answers = upgrade({"heart_attack": "no", "stroke": "yes"})
    assert answers == {"heart_any": "yes", "heart_attack": "no", "stroke": "yes"}


def test_an_unfinished_list_of_conditions_leaves_the_gate_for_the_patient():
    assert upgrade({"heart_attack": "no", "angina": "no"}) == {"heart_attack": "no", "angina": "no"}


@pytest.fixture(params=BACKENDS)
def database_at_0009(request, tmp_path):
    with app_at_revision(request.param, "0009", tmp_path) as app:
        yield app


def test_migration_0010_gives_stored_drafts_and_submissions_their_gates(database_at_0009):
    app = database_at_0009
    draft = {"full_name": "Sam Draft", "heart_attack": "no", "stroke": "yes", "liver": "not_sure"}
    with app.app_context():
        ids = (intake_at_revision(old_format(everything_positive()), sent=True),
               intake_at_revision(old_format(nothing_of_note()), sent=True), intake_at_revision(draft, sent=False))
        flask_migrate.upgrade(revision="0010")
        db.session.expire_all()
        stored = [answers_at_revision(intake_id) for intake_id in ids]
    assert stored[0] == downgrade(everything_positive(), 2)
    assert stored[1] == downgrade(nothing_of_note(), 2)
    assert stored[2] == {"full_name": "Sam Draft", "heart_any": "yes", "heart_attack": "no", "stroke": "yes",
                         "body_any": "not_sure", "liver": "not_sure"}
    with app.app_context():
        flask_migrate.downgrade(revision="0009")
        db.session.expire_all()
        assert answers_at_revision(ids[1]) == old_format(nothing_of_note())


def test_load_answers_takes_an_old_file_and_says_what_it_added(app, runner, tmp_path):
    result = load_answers(runner, tmp_path, old_format(nothing_of_note()), "old.json")
    assert result.exit_code == 0, result.output
    assert "Answers file in format 1" in result.output
    assert "heart_any=no" in result.output and "body_any=no" in result.output
    assert "Stored 1 submitted intake." in result.output
    with app.app_context():
        assert vault().decrypt(db.session.execute(db.select(Intake)).scalar_one().answers) == nothing_of_note()


def test_load_answers_says_nothing_of_formats_for_a_current_file(app, runner, tmp_path):
    result = load_answers(runner, tmp_path, nothing_of_note(), "new.json")
    assert result.exit_code == 0, result.output
    assert "format" not in result.output
