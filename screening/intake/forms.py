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
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    Optional,
    Regexp,
    StopValidation,
    ValidationError,
)

from ..clock import clinic_today
from ..questionnaire import QUESTIONS, consistency
from ..questionnaire.model import NOT_SURE, NOT_SURE_BOX, Question, Section, is_blank
from ..questionnaire.types import (
    PHONE_PATTERN,
    AnswerError,
    check_value,
    date_problem,
    is_not_sure_box,
    number_problem,
    type_of,
)
from ..questionnaire.units import US, US_PARTS, read_amount, to_metric, to_us, us_text
from ..web.validators import NoNulBytes


def required_message(question: Question) -> str:
    message = type_of(question).required_message
    if question.offers_not_sure:
        return message + " If you do not know, choose \u201cNot sure\u201d."
    return message


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
            raise ValueError("Enter a whole number using only the digits 0 to 9.") from None


class PlainDecimalField(DecimalField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError("Enter a number using digits only, like 72.5.") from None


class NumberOrNotSure:
    """A number with a "Not sure" box beside it (Question.not_sure): the box alone answers NOT_SURE, and the checks
    after this one (required, in range) are skipped; a number and the box both is refused, both kept on the page."""

    def __call__(self, form, field):
        if not getattr(field, "not_sure_ticked", False):
            return
        field.errors[:] = []  # the message below, or none: an empty box beside the ticked one is no mistake
        if field.raw_data and field.raw_data[0].strip():
            raise StopValidation("Enter a number or choose \u201cNot sure\u201d, not both.")
        field.data = NOT_SURE
        raise StopValidation()


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
        if isinstance(field.data, date):
            problem = date_problem(self.question, field.data, clinic_today())
        else:
            problem = number_problem(self.question, field.data)
        if problem:
            raise ValidationError(problem)


def text_checks(question: Question) -> list:
    return [NoNulBytes(), FitsLimit(question.text_limit)]


# How each question type's `field` (questionnaire/types.py) is read back from a posted page, with WTForms.
FIELDS = {
    "text": lambda question, presence: StringField(validators=presence + text_checks(question), filters=[_strip]),
    "long_text": lambda question, presence: TextAreaField(validators=presence + text_checks(question),
                                                          filters=[_strip]),
    "email": lambda question, presence: EmailField(
        validators=presence + text_checks(question)
        + [Email(message="Enter an email address like name@example.com.", check_deliverability=False)],
        filters=[_strip]),
    "phone": lambda question, presence: TelField(
        validators=presence + text_checks(question)
        + [Regexp(PHONE_PATTERN, message="Enter a phone number using digits, like 555 123 4567.")],
        filters=[_strip]),
    "date": lambda question, presence: PlainDateField(validators=presence + [InRange(question)]),
    "integer": lambda question, presence: PlainIntegerField(validators=presence + [InRange(question)]),
    "decimal": lambda question, presence: PlainDecimalField(validators=presence + [InRange(question)], places=None),
    "radio": lambda question, presence: RadioField(choices=_choices(question), validators=presence),
    "checkboxes": lambda question, presence: SelectMultipleField(choices=_choices(question), validators=presence),
    "consent": lambda question, presence: BooleanField(validators=presence),
    "rows": lambda question, presence: FieldList(
        FormField(type(f"{question.id}_row", (Form,), {c.id: make_field(c, False) for c in question.columns})),
        min_entries=question.rows, max_entries=question.rows),
}


def make_field(question: Question, required: bool):
    kind = type_of(question)
    if not required:
        presence = [Optional()]
    elif kind.is_text:
        presence = [DataRequired(message=required_message(question))]
    else:
        presence = [InputRequired(message=required_message(question))]
    if question.not_sure:
        presence = [NumberOrNotSure(), *presence]
    return FIELDS[kind.field](question, presence)


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
    """The posted page, ready to validate; a number's "Not sure" box is read with its number."""
    form = form_class(section, frozenset(question.id for question in shown), frozenset(required))(formdata=formdata)
    for question in shown:
        if question.not_sure:
            form[question.id].not_sure_ticked = bool(formdata.get(question.id + NOT_SURE_BOX))
    return form


def form_values(shown: list[Question], answers: dict[str, Any]) -> MultiDict:
    """Stored answers as the page's inputs show them, keyed by input name, like a posted form."""
    values = MultiDict()
    for question in shown:
        if question.id not in answers:
            continue
        value = answers[question.id]
        if is_not_sure_box(question, value):
            values.add(question.id + NOT_SURE_BOX, "y")
            continue
        shape = type_of(question).shape
        if shape == "rows":
            for number, row in enumerate(value):
                for column in question.columns:
                    if column.id in row:
                        values.add(f"{question.id}-{number}-{column.id}", type_of(column).in_box(row[column.id]))
        for item in value if shape == "many" else [value] if shape == "one" else []:
            values.add(question.id, type_of(question).in_box(item))
    return values


def filled_rows(question: Question, values: MultiDict) -> int:
    """How many rows of a table hold something, counted to the last row that does (input names as
    form_values writes them)."""
    numbers = [int(name.split("-")[1]) for name, value in values.items(multi=True)
               if name.startswith(f"{question.id}-") and str(value).strip()]
    return max(numbers, default=-1) + 1


def page_errors(form: FlaskForm, shown: list[Question]) -> tuple[dict[str, str], dict[str, str]]:
    """The first error of each input (keyed by input id), and one line per question for the summary."""
    by_input: dict[str, str] = {}
    summary: dict[str, str] = {}
    for question in shown:
        field = form[question.id]
        if type_of(question).shape == "rows":
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
            by_input[question.id] = field.errors[0]
            summary[question.id] = named(question, field.errors[0])
    return by_input, summary


SUMMARY_NAME_LIMIT = 80


def named(question: Question, message: str) -> str:
    """A summary line that says which question it is about ("Have you ever had a heart attack? Choose an
    answer."), so a list of errors never repeats the same words; very long labels are cut at a word."""
    name = question.label.rstrip(".")
    if len(name) > SUMMARY_NAME_LIMIT:
        name = name[:SUMMARY_NAME_LIMIT].rsplit(" ", 1)[0].rstrip(",;:— ") + "…"
    if name.endswith(("?", "…")):
        return f"{name} {message}"
    return f"{name}: {message[:1].lower()}{message[1:]}"


def shown_ids(formdata: MultiDict, section: Section) -> set[str]:
    """The questions the patient had on screen when they pressed the button."""
    known = {question.id for question in section.questions}
    return set(formdata.get("shown", "").split()) & known


def kept_answers(section: Section, on_screen: set[str], stored: dict[str, Any]) -> dict[str, Any]:
    """The stored answers a save of this page leaves as they are: those to questions the page sent did not have on
    screen (a page shown before a change to the questionnaire, left open across it). A form without its list of
    questions on screen, not sent by a page of this app, is read whole."""
    if not on_screen:
        return {}
    return {question.id: stored[question.id] for question in section.questions
            if question.id not in on_screen and question.id in stored}


def raw_answers(section: Section, formdata: MultiDict, kept: dict[str, Any] | None = None) -> dict[str, Any]:
    """A lenient reading of the posted values, only to decide which follow-ups apply; `kept` answers are not read."""
    values: dict[str, Any] = {}
    for question in section.questions:
        if kept and question.id in kept:
            continue
        kind = type_of(question)
        if kind.shape == "many":
            values[question.id] = formdata.getlist(question.id)
        elif kind.shape == "one":
            values[question.id] = kind.parse(formdata.get(question.id))
            if question.not_sure and values[question.id] is None and formdata.get(question.id + NOT_SURE_BOX):
                values[question.id] = NOT_SURE
    return values


def posted_answers(section: Section, formdata: MultiDict, stored: dict[str, Any]) -> tuple[dict, dict]:
    """What a form of this page says: the stored answers it leaves as they are (kept_answers: questions it did not
    have on screen), and a lenient reading of the rest (raw_answers), to decide which follow-ups apply."""
    kept = kept_answers(section, shown_ids(formdata, section), stored)
    return kept, raw_answers(section, formdata, kept)


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
            check_value(QUESTIONS[question_id], value, clinic_today())
        except AnswerError as error:
            form[question_id].errors.append(f"Please check this answer ({error.message}).")
            accepted = False
    return accepted


def consistent(form: FlaskForm, section: Section, values: dict[str, Any], stored: dict[str, Any]) -> bool:
    """Answers on this page that do not fit together, or with answers on other pages (a bottom blood-pressure
    number above the top one), are refused next to the field to fix, with everything typed kept."""
    on_page = {question.id for question in section.questions}
    others = {key: value for key, value in stored.items() if key not in on_page}
    found = {key: message for key, message in consistency.problems({**others, **values}).items() if key in values}
    return add_errors(form, found)


def add_errors(form: FlaskForm, problems: dict[str, str]) -> bool:
    """Messages from outside WTForms' own checks, next to their fields; True when there were none."""
    for question_id, message in problems.items():
        form[question_id].errors.append(message)
    return not problems


def metric_form(formdata: MultiDict, section: Section) -> tuple[MultiDict, dict[str, str]]:
    """A page sent in feet, inches and pounds, read into the metric inputs every check and the store use, and
    the problems with the US boxes keyed by question (letters, or a height or weight out of range, said in US
    units). A page sent in metric is returned as it came; US boxes of a question not on `section` are not read."""
    if formdata.get("units") != US:
        return formdata, {}
    metric = formdata.copy()
    problems = {}
    on_page = {question.id for question in section.questions}
    for question_id, parts in US_PARTS.items():
        if question_id not in on_page or not any(part.name in formdata for part in parts):
            continue
        question = QUESTIONS[question_id]
        metric[question_id] = ""
        try:
            amounts = [read_amount(formdata.get(part.name)) for part in parts]
        except ValueError:
            problems[question_id] = ("Enter numbers using digits only, like " if len(parts) > 1 else
                                     "Enter a number using digits only, like ") \
                + " and ".join(part.example for part in parts) + "."
            continue
        if all(amount is None for amount in amounts):
            continue
        value = to_metric(question_id, [amount or 0 for amount in amounts])
        if not question.min_value <= value <= question.max_value:
            problems[question_id] = (f"Enter a number between {us_text(question_id, question.min_value)} and "
                                     f"{us_text(question_id, question.max_value)}.")
            continue
        metric[question_id] = str(value)
    return metric, problems


def with_us_boxes(values: MultiDict) -> MultiDict:
    """Stored metric answers written into the US boxes too, for a page shown in feet, inches and pounds."""
    for question_id, parts in US_PARTS.items():
        if values.get(question_id):
            for part, amount in zip(parts, to_us(question_id, float(values[question_id])), strict=True):
                values.setlist(part.name, [str(amount)])
    return values


def _stored(question: Question, value: Any) -> Any:
    if type_of(question).shape == "rows":
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


def _choices(question: Question) -> list[tuple[str, str]]:
    return [SelectChoice(option.value, option.label) for option in question.options]


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ResumeForm(FlaskForm):
    code = StringField(
        "Your code",
        description="It looks like K7QM-3XTR-9PWD-H2FN. Small letters and spaces are fine.",
        validators=[InputRequired("Enter the code you were given."), NoNulBytes(),
                    Length(max=40, message="That code is too long.")],
    )
    date_of_birth = PlainDateField(
        "Your date of birth", validators=[InputRequired("Enter your date of birth.")]
    )
