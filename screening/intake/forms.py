"""WTForms forms built from the questionnaire definition, and the conversions between a form's
data and the stored answers format. No label or option is written here: all come from the definition."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    EmailField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    RadioField,
    SelectMultipleField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Optional, Regexp, StopValidation, ValidationError

from ..questionnaire import QUESTIONS
from ..questionnaire import model as q
from ..questionnaire.answers import PHONE_PATTERN, AnswerError, check_value, date_problem, number_problem
from ..questionnaire.model import Question, Section, is_blank
from ..validators import NoNulBytes

REQUIRED_MESSAGES = {
    q.MULTI: "Choose at least one answer.",
    q.CONSENT: "Tick the box to agree, so the clinic can use your answers.",
}


def required_message(question: Question) -> str:
    if question.type == q.CHOICE:
        if question.option(q.NOT_SURE):
            return "Choose an answer. If you do not know, choose \u201cNot sure\u201d."
        return "Choose an answer."
    return REQUIRED_MESSAGES.get(question.type, "Please answer this question.")


class PlainDateField(DateField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError("Enter a real date, like 1985-03-27.") from None


class PlainIntegerField(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError("Enter a whole number using digits only, like 120.") from None


class PlainDecimalField(DecimalField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError("Enter a number using digits only, like 72.5.") from None


class FitsLimit:
    """Text longer than the limit: say how long it is, keep it in the box to shorten."""

    def __init__(self, limit: int):
        self.limit = limit

    def __call__(self, form, field):
        if field.data and len(field.data) > self.limit:
            raise StopValidation(
                f"Please keep this to {self.limit:,} characters or fewer. It has {len(field.data):,} now."
            )


class InRange:
    def __init__(self, question: Question):
        self.question = question

    def __call__(self, form, field):
        if field.data is None:
            return
        if self.question.type == q.DATE:
            problem = date_problem(self.question, field.data, date.today())
        else:
            problem = number_problem(self.question, field.data)
        if problem:
            raise ValidationError(problem)


def make_field(question: Question, required: bool):
    if required and question.type in (q.TEXT, q.LONG_TEXT, q.EMAIL, q.PHONE):
        presence = [DataRequired(message=required_message(question))]
    elif required:
        presence = [InputRequired(message=required_message(question))]
    else:
        presence = [Optional()]
    kind = question.type
    if kind in (q.TEXT, q.LONG_TEXT, q.EMAIL, q.PHONE):
        checks = presence + [NoNulBytes(), FitsLimit(question.text_limit)]
        if kind == q.EMAIL:
            checks.append(Email(message="Enter an email address like name@example.com.", check_deliverability=False))
        if kind == q.PHONE:
            checks.append(Regexp(PHONE_PATTERN, message="Enter a phone number using digits, like 555 123 4567."))
        field_class = {q.TEXT: StringField, q.LONG_TEXT: TextAreaField, q.EMAIL: EmailField, q.PHONE: TelField}[kind]
        return field_class(validators=checks, filters=[_strip])
    if kind == q.DATE:
        return PlainDateField(validators=presence + [InRange(question)])
    if kind == q.INTEGER:
        return PlainIntegerField(validators=presence + [InRange(question)])
    if kind == q.DECIMAL:
        return PlainDecimalField(validators=presence + [InRange(question)], places=None)
    if kind == q.CHOICE:
        return RadioField(choices=_choices(question), validators=presence)
    if kind == q.MULTI:
        return SelectMultipleField(choices=_choices(question), validators=presence)
    if kind == q.CONSENT:
        return BooleanField(validators=presence)
    if kind == q.GROUP:
        row_form = type(f"{question.id}_row", (Form,), {c.id: make_field(c, False) for c in question.columns})
        return FieldList(FormField(row_form), min_entries=question.rows, max_entries=question.rows)
    raise ValueError(f"no field for type {kind}")


@lru_cache(maxsize=512)
def form_class(section: Section, shown: frozenset[str], required: frozenset[str]) -> type[FlaskForm]:
    """A form with the section's shown questions; only `required` ones must be answered."""
    fields = {
        question.id: make_field(question, question.id in required)
        for question in section.questions
        if question.id in shown
    }
    return type(f"{section.id}_form", (FlaskForm,), fields)


def build_form(section: Section, shown: list[Question], required: set[str], formdata: MultiDict) -> FlaskForm:
    """The posted page, ready to validate."""
    return form_class(section, frozenset(question.id for question in shown), frozenset(required))(formdata=formdata)


def form_values(shown: list[Question], answers: dict[str, Any]) -> MultiDict:
    """Stored answers as the page's inputs show them, keyed by input name, like a posted form."""
    values = MultiDict()
    for question in shown:
        if question.id not in answers:
            continue
        value = answers[question.id]
        if question.type == q.GROUP:
            for number, row in enumerate(value):
                for column in question.columns:
                    if column.id in row:
                        values.add(f"{question.id}-{number}-{column.id}", _shown_value(column, row[column.id]))
        elif question.type == q.MULTI:
            for chosen in value:
                values.add(question.id, chosen)
        else:
            values.add(question.id, _shown_value(question, value))
    return values


def page_errors(form: FlaskForm, shown: list[Question]) -> tuple[dict[str, str], dict[str, str]]:
    """The first error of each input (keyed by input id), and one line per question for the summary."""
    by_input: dict[str, str] = {}
    summary: dict[str, str] = {}
    for question in shown:
        field = form[question.id]
        if question.type == q.GROUP:
            cells = {
                f"{question.id}-{number}-{column.id}": entry.form[column.id].errors[0]
                for number, entry in enumerate(field.entries)
                for column in question.columns
                if entry.form[column.id].errors
            }
            whole = [error for error in field.errors if isinstance(error, str)]
            by_input.update(cells)
            if cells or whole:
                summary[question.id] = whole[0] if whole else \
                    f"Please check the answers in the table \u201c{question.label}\u201d."
        elif field.errors:
            by_input[question.id] = summary[question.id] = field.errors[0]
    return by_input, summary


def shown_ids(formdata: MultiDict, section: Section) -> set[str]:
    """The questions the patient had on screen when they pressed the button."""
    known = {question.id for question in section.questions}
    return set(formdata.get("shown", "").split()) & known


def raw_answers(section: Section, formdata: MultiDict) -> dict[str, Any]:
    """A lenient reading of the posted values, only to decide which follow-ups apply."""
    values: dict[str, Any] = {}
    for question in section.questions:
        if question.type == q.MULTI:
            values[question.id] = formdata.getlist(question.id)
        elif question.type == q.CONSENT:
            values[question.id] = True if formdata.get(question.id) else None
        elif question.type in (q.INTEGER, q.DECIMAL):
            try:
                values[question.id] = float(formdata.get(question.id, ""))
            except ValueError:
                values[question.id] = None
        elif question.type != q.GROUP:
            values[question.id] = formdata.get(question.id)
    return values


def to_answers(form: FlaskForm, shown: list[Question]) -> dict[str, Any]:
    """The form's data in the stored answers format; empty answers are left out."""
    answers = {}
    for question in shown:
        value = _stored(question, form[question.id].data)
        if not is_blank(value):
            answers[question.id] = value
    return answers


def definition_accepts(form: FlaskForm, values: dict[str, Any]) -> bool:
    """The same checks as every other way in (imports, the command line): a value the browser could
    not have sent, such as a blank choice, is refused next to its field."""
    accepted = True
    for question_id, value in values.items():
        try:
            check_value(QUESTIONS[question_id], value, date.today())
        except AnswerError as error:
            form[question_id].errors.append(f"Please check this answer ({error.message}).")
            accepted = False
    return accepted


def _stored(question: Question, value: Any) -> Any:
    if question.type == q.GROUP:
        rows = [_row(question, row) for row in value]
        return [row for row in rows if row]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _row(question: Question, row: dict) -> dict:
    stored = {}
    for column in question.columns:
        value = _stored(column, row.get(column.id))
        if not is_blank(value):
            stored[column.id] = value
    return stored


def _shown_value(question: Question, value: Any) -> str:
    if question.type == q.CONSENT:
        return "y" if value else ""
    if question.type == q.DECIMAL and float(value).is_integer():
        return str(int(value))
    return str(value)


def _choices(question: Question) -> list[tuple[str, str]]:
    return [SelectChoice(option.value, option.label) for option in question.options]


def _strip(value):
    return value.strip() if isinstance(value, str) else value
