"""Every question type has one record that says how it is checked, shown, written and exported."""

from datetime import date

import pytest

from screening.questionnaire import QUESTIONS
from screening.questionnaire.model import TYPES
from screening.questionnaire.types import QUESTION_TYPES, AnswerError, answer_text, check_value


def test_every_type_of_the_definition_has_one_record():
    assert set(QUESTION_TYPES) == set(TYPES)
    assert {question.type for question in QUESTIONS.values()} <= set(QUESTION_TYPES)


@pytest.mark.parametrize(("question_id", "stored", "words"), [
    ("date_of_birth", "1985-03-27", "27 March 1985"),
    ("weight_kg", 72.0, "72 kg"),
    ("medicine_classes", ["benzodiazepines", "none"], "Benzodiazepines"),
    ("consent", True, "I agree"),
])
def test_a_stored_answer_is_said_in_the_words_of_its_type(question_id, stored, words):
    assert answer_text(QUESTIONS[question_id], stored).startswith(words)


def test_a_value_of_the_wrong_shape_is_refused_naming_the_question():
    with pytest.raises(AnswerError, match="drug_use_count"):
        check_value(QUESTIONS["drug_use_count"], 1.5, date(2026, 11, 23))
