"""How long the intake takes a patient, estimated from the definition: the welcome page's "It takes about N
minutes" and the burden benchmark (tests/benchmarks/bench_burden.py) both use this one model.

The model: 7 seconds for each choice made (a radio group, a checklist, a consent box, a choice in the table, a
press of "Add another medicine"),
25 seconds for each typed field filled, and reading at 180 words a minute over every word shown (page titles,
intros, lead-ins, pairs' prompts, labels, help texts and option labels of the questions shown for the given
answers), counted as the page shows them: an answer grid (layout.py; the PHQ-9 and GAD-7) shows its option labels
once, as column headings, and each item's label and help below them, so the options count once per grid, not
once per item.

Questions shown count what a patient takes in as one question: a pair (two boxes under one prompt, such as email
and phone) is one. Answers asked count every answer the pages ask for: each question, both boxes of a pair, and
each cell of a table's rows shown, so pairing boxes never hides an input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from . import SECTIONS
from .answers_format import GATE_IDS
from .layout import GRID, Block, page_blocks, questions_shown
from .model import CHOICE, CONSENT, GROUP, MULTI, Question, Section, is_blank

SECONDS_PER_CHOICE = 7
SECONDS_PER_TYPED_FIELD = 25
WORDS_PER_MINUTE = 180

WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*")


@dataclass(frozen=True)
class Burden:
    """What one patient's answers ask of them: questions shown (a pair as one), answers asked (every input),
    answers required, choices made, fields typed, words to read."""

    questions: int
    inputs: int
    required: int
    choices: int
    typed: int
    words: int

    @property
    def seconds(self) -> float:
        return (self.choices * SECONDS_PER_CHOICE + self.typed * SECONDS_PER_TYPED_FIELD
                + self.words * 60 / WORDS_PER_MINUTE)

    @property
    def minutes(self) -> float:
        return self.seconds / 60


def words(text: str) -> int:
    return len(WORD.findall(text))


def option_words(question: Question) -> int:
    return sum(words(option.label) for option in question.options)


def question_words(question: Question, with_options: bool = True, label: str | None = None) -> int:
    """A question's label (or the shorter `label` its box shows in a pair) and help, and its option labels unless a
    grid's column headings show them."""
    return (words(question.label if label is None else label) + words(question.help)
            + (option_words(question) if with_options else 0))


def _effort(question: Question, value: Any) -> tuple[int, int]:
    """(choices, typed fields) a patient spends on one answered question."""
    if question.type == GROUP:
        cells = [(column, row[column.id]) for row in value or [] for column in question.columns if column.id in row]
        choices = sum(1 for column, _ in cells if column.type in (CHOICE, MULTI))
        return choices, len(cells) - choices
    if question.type in (CHOICE, MULTI, CONSENT):
        return 1, 0
    return 0, 0 if is_blank(value) else 1


def rows_shown(question: Question, answers: dict[str, Any]) -> int:
    """A table shows one row at a time: its filled rows, or one empty row."""
    return max(1, len(answers.get(question.id) or []))


def inputs_of(question: Question, answers: dict[str, Any]) -> int:
    """The answers one question asks for: one, or a table's cells in the rows shown."""
    return rows_shown(question, answers) * len(question.columns) if question.type == GROUP else 1


def page_words(section: Section, blocks: list[Block], answers: dict[str, Any]) -> int:
    """The words a page shows for these blocks of questions, as displayed: a grid's options once, as its column
    headings, and its items below them, numbered, without the options; a table's columns once per row shown."""
    total = words(section.title) + words(section.intro) + sum(words(block.legend) for block in blocks)
    total += sum(option_words(block.questions[0]) + len(block.questions) for block in blocks if block.kind == GRID)
    for block in blocks:
        shown_as = dict(zip(block.ids, block.labels, strict=False))
        for question in block.questions:
            total += (words(section.lead_ins.get(question.id, ""))
                      + question_words(question, with_options=block.kind != GRID, label=shown_as.get(question.id)))
            if question.type == GROUP:
                total += rows_shown(question, answers) * sum(question_words(column) for column in question.columns)
    return total


def burden(answers: dict[str, Any]) -> Burden:
    """Walk the definition as a patient with these answers walks the pages."""
    questions = inputs = required = choices = typed = 0
    total_words = 0
    for section in SECTIONS:
        blocks = page_blocks(section, section.visible(answers))
        questions += questions_shown(blocks)
        total_words += page_words(section, blocks, answers)
        for question in (question for block in blocks for question in block.questions):
            inputs += inputs_of(question, answers)
            required += question.is_required
            if question.type == GROUP:  # one row at a time: a press of "Add another" for each row after the first
                choices += rows_shown(question, answers) - 1
            chosen, filled = _effort(question, answers.get(question.id))
            choices += chosen
            typed += filled
    return Burden(questions, inputs, required, choices, typed, total_words)


def typical_patient(today: date | None = None) -> dict[str, Any]:
    """The typical patient of issue 15, in the stored answers format: depression and anxiety, two
    antidepressants, talk therapy, treated blood pressure and one benzodiazepine; nothing else of note."""
    visit = (today or date.today()) + timedelta(days=14)
    return {
        "full_name": "Jordan Lee", "date_of_birth": "1984-05-12", "email": "jordan@example.org",
        "phone": "555 201 3344", "consultation_date": visit.isoformat(), "consent": True,
        "reasons": ["depression", "anxiety"], "reasons_story": "About three years, worse since the spring.",
        "treatments_tried": ["antidepressants", "talk_therapy"],
        "antidepressants": [
            {"name": "Sertraline", "dose": "150 mg", "duration": "6_weeks_or_more", "helped": "a_little"},
            {"name": "Escitalopram", "dose": "20 mg", "duration": "6_weeks_or_more", "helped": "no"},
        ],
        "augmentation": "no", "psychotherapy_kind": ["cbt"], "psychotherapy_duration": "3_to_12_months",
        **{f"phq9_{number}": "2" for number in range(1, 9)}, **{f"gad7_{number}": "2" for number in range(1, 8)},
        "phq9_9": "0", "phq9_difficulty": "very", **{f"asq_{number}": "no" for number in range(1, 5)},
        "auditc_1": "monthly_or_less", "auditc_2": "1_or_2", "auditc_3": "never", "drug_use_count": 0,
        "bp_diagnosed": "yes", "bp_controlled": "yes", "bp_reading_when": "past_month",
        "bp_systolic": 134, "bp_diastolic": 86,
        **{gate: "no" for gate in GATE_IDS},
        "height_cm": 168.0, "weight_kg": 74.0, "sex_at_birth": "female",
        "medicine_classes": ["benzodiazepines", "blood_pressure", "antidepressants"],
        "medicines_list": "Escitalopram 20 mg, lorazepam 0.5 mg when needed, lisinopril 10 mg",
        "ride_home": "yes", "therapist_now": "yes", "support_person": "yes",
        "support_person_name": "Sam, my partner",
    }


@cache
def typical_minutes() -> int:
    """The welcome page's estimate: the model's time for the typical patient, to the nearest minute (the
    definition does not change while the app runs)."""
    return max(1, round(burden(typical_patient()).minutes))
