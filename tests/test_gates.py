"""Gate questions name a list of conditions; each condition is asked only after "Yes" or "Not sure", and the
rules still fire on the condition answers as before."""

from datetime import date

import pytest
from answer_sets import everything_positive, nothing_of_note
from helpers import shown_on

from screening.questionnaire import QUESTIONS, SECTION_OF
from screening.questionnaire.answers import applicable, check_answers
from screening.questionnaire.answers_format import GATES
from screening.questionnaire.sections.other_health import MAY_BE_PREGNANT
from screening.rules import CATALOGUE, evaluate

CONDITION_RULES = ("R-CARD", "R-VASC", "R-PSY", "R-BIP", "R-SEIZ", "R-ICP", "R-DISS", "R-LIVER", "R-BLADDER",
                   "R-THYROID", "R-RESP")


def fired(answers) -> set[str]:
    return {flag.rule_id for flag in evaluate(answers, date.today())}


def test_every_gate_is_asked_of_everyone_but_pregnancy_and_opens_only_its_own_page():
    for gate, conditions in GATES.items():
        assert QUESTIONS[gate].show_when is (MAY_BE_PREGNANT if gate == "pregnancy_any" else None)
        assert conditions
        assert {SECTION_OF[condition].id for condition in conditions} == {SECTION_OF[gate].id}


def test_every_question_a_condition_rule_reads_is_asked_of_everyone_or_after_a_gate():
    gated = {condition for conditions in GATES.values() for condition in conditions}
    rules = {rule.id: rule for rule in CATALOGUE}
    for rule_id in CONDITION_RULES:
        for question_id in rules[rule_id].questions:
            question = QUESTIONS[question_id]
            assert question_id in gated or question.show_when is None or question.show_when.reads()[0] in gated, (
                rule_id, question_id)


@pytest.mark.parametrize("gate", GATES)
@pytest.mark.parametrize("answer", ["yes", "not_sure"])
def test_yes_or_not_sure_to_a_gate_asks_each_condition(gate, answer):
    answers = {gate: answer, **{condition: "no" for condition in GATES[gate]}}
    assert applicable(answers) == answers


@pytest.mark.parametrize("gate", GATES)
def test_no_to_a_gate_asks_none_of_its_conditions(gate):
    assert applicable({gate: "no", **{condition: "yes" for condition in GATES[gate]}}) == {gate: "no"}


@pytest.mark.parametrize("answer", ["yes", "not_sure", "no"])
def test_a_gate_answer_alone_raises_no_condition_topic(answer):
    answers = {**nothing_of_note(), **{gate: answer for gate in GATES}}
    assert not fired(answers) & set(CONDITION_RULES)


def test_the_condition_rules_fire_through_the_gates():
    answers = check_answers(everything_positive(), date.today())
    assert set(CONDITION_RULES) <= fired(answers)


def test_a_gate_answered_no_leaves_a_complete_intake():
    answers = check_answers(nothing_of_note(), date.today())
    assert not answers.keys() & {condition for conditions in GATES.values() for condition in conditions}


def test_not_sure_to_a_gate_shows_the_conditions_on_the_page(patient, answers):
    patient.start()
    response = patient.answer("heart", {**answers["heart"], "heart_any": "not_sure"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/step/heart")
    html = patient.client.get(response.headers["Location"]).text
    assert "We have a few more questions" in html
    assert set(GATES["heart_any"]) <= shown_on(html)
    assert "aneurysm" not in shown_on(html)
