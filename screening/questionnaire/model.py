"""The building blocks of the questionnaire: questions, options, sections and show-when conditions.

Everything the app asks is described with these frozen records, once. Forms, skip logic, the
review page, rules, the PDF and exports all read them, so a label is never written twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

TEXT = "text"
LONG_TEXT = "long_text"
EMAIL = "email"
PHONE = "phone"
DATE = "date"
INTEGER = "integer"
DECIMAL = "decimal"
CHOICE = "choice"
MULTI = "multi"
CONSENT = "consent"
GROUP = "group"

TYPES = (TEXT, LONG_TEXT, EMAIL, PHONE, DATE, INTEGER, DECIMAL, CHOICE, MULTI, CONSENT, GROUP)

NOT_SURE = "not_sure"
NOT_SURE_LABEL = "Not sure"
# The name of the "Not sure" box beside a number a patient may not know, after the question's id.
NOT_SURE_BOX = "-not-sure"


def is_blank(value: Any) -> bool:
    """No answer: nothing, empty text, no option ticked, or an unticked box. Zero is an answer."""
    return value is None or value is False or value == "" or value == []


@dataclass(frozen=True)
class Option:
    """One answer a patient can pick; `value` is the stable code stored in the answers."""

    value: str
    label: str
    score: int | None = None


@dataclass(frozen=True)
class When:
    """A condition on one question's answer: shows a question (skip logic), or raises a rule.

    `op` is one of:
    - "in": the answer is one of `values` (single choice, consent)
    - "has": the multi-choice answer includes one of `values`
    - "at_least": the number answered is at least `values[0]`
    - "answered": the question has any answer
    """

    question: str
    op: str
    values: tuple[Any, ...] = ()

    def __call__(self, answers: Mapping[str, Any]) -> bool:
        answer = answers.get(self.question)
        if is_blank(answer):
            return False
        if self.op == "in":
            return answer in self.values
        if self.op == "has":
            return any(value in answer for value in self.values)
        if self.op == "at_least":
            return isinstance(answer, int | float) and answer >= self.values[0]
        if self.op == "answered":
            return True
        raise ValueError(f"unknown condition operator {self.op!r}")

    def describe(self) -> str:
        if self.op == "answered":
            return f"{self.question} is answered"
        if self.op == "at_least":
            return f"{self.question} \u2265 {self.values[0]:g}"
        verb = "is" if self.op == "in" else "includes"
        return f"{self.question} {verb} {'/'.join(map(str, self.values))}"

    def reads(self) -> tuple[str, ...]:
        return (self.question,)

    def matched(self, answers: Mapping[str, Any]) -> list[str]:
        """The questions whose answers make this condition hold: a flag's evidence."""
        return [self.question] if self(answers) else []

    def part(self, answers: Mapping[str, Any], question: str) -> Any:
        """Of a checklist answer, only the ticked options this condition looks for; None to quote it whole."""
        answer = answers.get(question)
        if self.op == "has" and question == self.question and isinstance(answer, list):
            return [value for value in answer if value in self.values] or None
        return None


@dataclass(frozen=True)
class AnyOf:
    """At least one of several conditions holds."""

    conditions: tuple[Condition, ...]

    def __call__(self, answers: Mapping[str, Any]) -> bool:
        return any(condition(answers) for condition in self.conditions)

    def describe(self) -> str:
        return " or ".join(_grouped(condition, AllOf) for condition in self.conditions)

    def reads(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(question for condition in self.conditions for question in condition.reads()))

    def matched(self, answers: Mapping[str, Any]) -> list[str]:
        return list(dict.fromkeys(question for condition in self.conditions for question in condition.matched(answers)))

    def part(self, answers: Mapping[str, Any], question: str) -> Any:
        return next((found for condition in self.conditions
                     if (found := condition.part(answers, question)) is not None), None)


@dataclass(frozen=True)
class AllOf:
    """Every one of several conditions holds."""

    conditions: tuple[Condition, ...]

    def __call__(self, answers: Mapping[str, Any]) -> bool:
        return all(condition(answers) for condition in self.conditions)

    def describe(self) -> str:
        return " and ".join(_grouped(condition, AnyOf) for condition in self.conditions)

    def reads(self) -> tuple[str, ...]:
        return AnyOf(self.conditions).reads()

    def matched(self, answers: Mapping[str, Any]) -> list[str]:
        return AnyOf(self.conditions).matched(answers) if self(answers) else []

    def part(self, answers: Mapping[str, Any], question: str) -> Any:
        return AnyOf(self.conditions).part(answers, question)


@dataclass(frozen=True)
class NoneOf:
    """None of several conditions holds (an answer that is absent or different)."""

    conditions: tuple[Condition, ...]

    def __call__(self, answers: Mapping[str, Any]) -> bool:
        return not any(condition(answers) for condition in self.conditions)

    def describe(self) -> str:
        return "not (" + AnyOf(self.conditions).describe() + ")"

    def reads(self) -> tuple[str, ...]:
        return AnyOf(self.conditions).reads()

    def matched(self, answers: Mapping[str, Any]) -> list[str]:
        return []

    def part(self, answers: Mapping[str, Any], question: str) -> Any:
        return None


Condition = When | AnyOf | AllOf | NoneOf


def _grouped(condition, joined_otherwise: type) -> str:
    """A nested condition of the other kind in brackets, so "a or (b and c)" reads as meant."""
    text = condition.describe()
    return f"({text})" if isinstance(condition, joined_otherwise) else text


def is_(question: str, *values: Any) -> When:
    return When(question, "in", values)


def has(question: str, *values: str) -> When:
    return When(question, "has", values)


def at_least(question: str, number: float) -> When:
    return When(question, "at_least", (number,))


def answered(question: str) -> When:
    return When(question, "answered")


def any_of(*conditions) -> AnyOf:
    return AnyOf(conditions)


def all_of(*conditions) -> AllOf:
    return AllOf(conditions)


def none_of(*conditions) -> NoneOf:
    return NoneOf(conditions)


@dataclass(frozen=True)
class Question:
    """One question, with its stable id.

    `min_value`/`max_value` bound numbers; for dates they are day offsets from today
    (`max_value=0` means "not in the future"). `max_length` bounds text. A GROUP question repeats
    its `columns` up to `rows` times (for example one row per antidepressant tried), one row at a time: the
    patient adds the next with the `add_row_label` button.
    """

    id: str
    label: str
    type: str
    options: tuple[Option, ...] = ()
    help: str = ""
    show_when: Condition | None = None
    required: bool | None = None
    min_value: float | None = None
    max_value: float | None = None
    max_length: int | None = None
    unit: str = ""
    columns: tuple[Question, ...] = ()
    rows: int = 0
    add_row_label: str = "Add another row"
    instrument: str = ""
    not_sure: bool = False

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"{self.id}: unknown type {self.type!r}")
        if self.not_sure and self.type not in (INTEGER, DECIMAL):
            raise ValueError(f"{self.id}: only a number has a \"Not sure\" box; a choice offers it as an option")
        if self.type in (CHOICE, MULTI) and not self.options:
            raise ValueError(f"{self.id}: a {self.type} question needs options")
        if self.type == GROUP and not (self.columns and self.rows):
            raise ValueError(f"{self.id}: a group needs columns and rows")

    @property
    def is_required(self) -> bool:
        """Choices must be picked (they always offer a way out such as "Not sure"); text may stay empty."""
        if self.required is not None:
            return self.required
        return self.type in (CHOICE, CONSENT)

    @property
    def text_limit(self) -> int:
        if self.max_length is not None:
            return self.max_length
        return 2000 if self.type == LONG_TEXT else 200

    @property
    def offers_not_sure(self) -> bool:
        """The patient may answer "Not sure": an option of a choice, or the box beside a number."""
        return self.not_sure or self.option(NOT_SURE) is not None

    def option(self, value: str) -> Option | None:
        return next((option for option in self.options if option.value == value), None)

    def shows(self, answers: dict[str, Any]) -> bool:
        return self.show_when is None or self.show_when(answers)


@dataclass(frozen=True)
class Pair:
    """Two questions a patient answers as one, in two boxes side by side under one prompt (email and phone, the
    two numbers of a blood-pressure reading). Each keeps its own id, label, checks and errors; the pair only
    groups them on the page and counts as one question shown.

    `labels`, when given, are the words on the two boxes, shorter than their questions' labels where a half-width
    box would wrap them to three lines ("Top number" under "Your last blood pressure reading"). Each must begin its
    question's label: the rest is still read out, so the box's name says what it is and holds what the eye reads."""

    first: str
    second: str
    legend: str
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """One page of the intake: a heading, a short intro and its questions, in order.

    `lead_ins` maps a question id to text shown just before it, such as an instrument's stem. `grids` names the
    instruments whose items share one set of answers and show as an answer grid (the options once, as column
    headings, the stem kept in view, the items numbered), each with what the error summary calls its items ("mood
    questions"), as a page may hold two grids under the same stem. `pairs` are the questions shown two to a prompt;
    the two follow each other.
    `crisis_lines` is where the page always shows the crisis numbers: "top", or right after the question with
    that id; empty: only once an answer on the page calls for them.
    """

    id: str
    title: str
    questions: tuple[Question, ...]
    intro: str = ""
    lead_ins: dict[str, str] = field(default_factory=dict)
    grids: dict[str, str] = field(default_factory=dict)
    pairs: tuple[Pair, ...] = ()
    crisis_lines: str = ""

    def __post_init__(self) -> None:
        order = [question.id for question in self.questions]
        for pair in self.pairs:
            if pair.first not in order or pair.second not in order:
                raise ValueError(f"{self.id}: pair {pair.first}/{pair.second} names a question of another page")
            if order.index(pair.second) != order.index(pair.first) + 1:
                raise ValueError(f"{self.id}: {pair.second} must follow {pair.first} to pair with it")
            for question_id, short in zip((pair.first, pair.second), pair.labels, strict=False):
                if not self.questions[order.index(question_id)].label.startswith(short):
                    raise ValueError(f"{self.id}: the box label {short!r} must begin the label of {question_id}")
        if self.crisis_lines not in ("", "top", *order):
            raise ValueError(f"{self.id}: crisis lines after {self.crisis_lines!r}, not a question of this page")

    def __hash__(self) -> int:
        return hash(self.id)

    def pair_of(self, question_id: str) -> Pair | None:
        """The pair this question opens, if any."""
        return next((pair for pair in self.pairs if pair.first == question_id), None)

    def visible(self, answers: dict[str, Any]) -> list[Question]:
        return [question for question in self.questions if question.shows(answers)]
