"""Where a patient goes next: pure decisions from the page they left, their answers and how they left it.

The views turn a Next into a URL; nothing here reads a request or a session, so every path through the
intake can be tested with plain values.
"""

from dataclasses import dataclass
from typing import Any

from ..questionnaire import SECTIONS, next_section, previous_section
from ..questionnaire.answers import missing
from ..questionnaire.model import Question, Section
from ..questionnaire.units import US_PARTS

CRISIS = "crisis"  # the crisis numbers, before anything else
STEP = "step"  # a page of the intake
MORE = "more"  # the same page again: the answers opened follow-up questions on it
CODE = "code"  # the new resume code, once, after the first page
REVIEW = "review"  # check your answers
WELCOME = "welcome"  # back from the first page


@dataclass(frozen=True)
class Next:
    page: str
    section: Section | None = None
    review: bool = False  # changing an answer from the review page: come back to it
    then_back: bool = False  # the crisis page, on the way back
    adding_row: bool = False  # the same page with one more empty row in its table
    new: tuple[str, ...] = ()  # questions on `section` the patient did not have on screen: marked when shown
    at: str = ""  # where on the page to land (an element id): the question whose units changed, a table's new row


@dataclass(frozen=True)
class Leaving:
    """How the patient left a page they saved."""

    section: Section
    going_back: bool
    on_screen: frozenset[str]  # the question ids they had in front of them
    from_review: bool = False
    crisis_due: bool = False  # an answer on this page calls for the crisis page now
    needs_code: bool = False  # no resume code was given yet
    switching_units: bool = False  # the page again, in the other units
    adding_row: bool = False  # "Add another medicine": the page again, with one more row


def after_save(leaving: Leaving, answers: dict[str, Any]) -> Next:
    """The crisis page first; then back, the same page in other units, more questions on it, the resume code,
    or onwards."""
    section = leaving.section
    # Questions the patient did not have on screen, marked when this page is shown again (it may not be: then
    # nothing is marked).
    new = () if leaving.going_back else new_since(section, answers, leaving.on_screen)
    if leaving.crisis_due:
        return Next(CRISIS, section, review=leaving.from_review, then_back=leaving.going_back, new=new)
    if leaving.going_back:
        return back_from(section)
    if leaving.switching_units:
        return Next(STEP, section, review=leaving.from_review, new=new, at=units_question(section))
    if leaving.adding_row:
        return Next(STEP, section, review=leaving.from_review, adding_row=True, new=new, at=new_row(section, answers))
    if new:
        return Next(MORE, section, review=leaving.from_review, new=new)
    if leaving.needs_code and section is SECTIONS[0]:
        return Next(CODE)
    return onwards(section, answers, leaving.from_review)


def seen(section: Section, page: Section, on_screen: set[str], answers: dict[str, Any]) -> frozenset[str]:
    """The questions not new to the patient: those on screen and those answered before (a page from before a
    merge did not show them all). A form from a merged page's old address also counts the optional questions of
    the rest of its new page as seen: they were passed on their own old page, and a required one still missing is
    asked as new."""
    passed = {question.id for question in page.questions
              if not question.is_required and question not in section.questions} if section is not page else set()
    return frozenset(on_screen | answers.keys() | passed)


def new_since(section: Section, answers: dict[str, Any], on_screen: frozenset[str]) -> tuple[str, ...]:
    """Questions shown for these answers that the patient did not have in front of them, in page order."""
    return tuple(question.id for question in section.visible(answers) if question.id not in on_screen)


def after_crisis(section: Section, answers: dict[str, Any], then_back: bool, from_review: bool) -> Next:
    """The way the patient was going: back, or the page's open follow-ups (such as the ASQ's question about
    right now) first, or on."""
    if then_back:
        return back_from(section)
    if any(question in section.questions for question in missing(answers)):
        return Next(STEP, section, review=from_review)
    return onwards(section, answers, from_review)


def onwards(section: Section, answers: dict[str, Any], from_review: bool) -> Next:
    """The next page; or, when changing an answer from the review page, back to review, unless the change
    opened a question that still needs an answer."""
    if from_review:
        gap = first_unfinished(answers)
        return Next(STEP, gap, review=True) if gap else Next(REVIEW)
    following = next_section(section)
    return Next(STEP, following) if following else Next(REVIEW)


def units_question(section: Section) -> str:
    """The first question the units switch changes: the page comes back there, not at its top, after a switch."""
    return next((question.id for question in section.questions if question.id in US_PARTS), "")


def new_row(section: Section, answers: dict[str, Any]) -> str:
    """The row "Add another" showed (the filled rows are stored first): the page comes back there, not at its top."""
    table = next((question for question in section.questions if question.rows), None)
    if table is None:
        return ""
    return row_id(table, rows_on_page(table, len(answers.get(table.id) or []), adding_row=True))


def row_id(question: Question, number: int) -> str:
    """The element id of a table's row, numbered from 1 as the page shows it ("Number 2")."""
    return f"{question.id}-row-{number}"


def rows_on_page(question: Question, filled: int, adding_row: bool) -> int:
    """A table shows its filled rows, one empty row when none is filled, and one more after "Add another";
    never more than it has."""
    return min(question.rows, max(filled + adding_row, 1))


def back_from(section: Section) -> Next:
    previous = previous_section(section)
    return Next(STEP, previous) if previous else Next(WELCOME)


def resume_at(answers: dict[str, Any]) -> Next:
    """Where a returning patient picks up: the first unfinished page, or the review."""
    gap = first_unfinished(answers)
    return Next(STEP, gap) if gap else Next(REVIEW)


def first_unfinished(answers: dict[str, Any]) -> Section | None:
    """The first section with a required answer missing."""
    gaps = {question.id for question in missing(answers)}
    return next((section for section in SECTIONS if gaps & {q.id for q in section.questions}), None)
