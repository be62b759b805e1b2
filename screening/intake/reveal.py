"""Which follow-up questions a page can reveal while it is being filled, and which apply to what is on it now.

The conditions live once, in the questionnaire definition. A page carries every question an answer on that same
page can show (hidden until it applies), so a small script can reveal it in place after asking the server; the
server answers with question ids from the same `section.visible(applicable(...))` the save uses. Without the
script, "Save and continue" reloads the page with the new questions marked.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..questionnaire.answers import applicable
from ..questionnaire.model import Question, Section


def answers_on_page(stored: dict[str, Any], posted: dict[str, Any]) -> dict[str, Any]:
    """The stored answers with this page's posted values (forms.raw_answers, a lenient reading) over them, and
    follow-ups that no longer apply dropped: what decides which questions the page shows, for a save and for a
    reveal alike."""
    return applicable({**stored, **posted})


def visible_ids(section: Section, stored: dict[str, Any], posted: dict[str, Any]) -> list[str]:
    """The ids of the page's questions that apply to the answers on it, in page order (nothing is stored)."""
    return [question.id for question in section.visible(answers_on_page(stored, posted))]


@cache
def triggers(section: Section) -> frozenset[str]:
    """The questions on this page whose answers decide whether another question on it is shown."""
    on_page = {question.id for question in section.questions}
    return frozenset(read for question in section.questions if question.show_when
                     for read in question.show_when.reads() if read in on_page)


@cache
def revealable(section: Section) -> frozenset[str]:
    """The questions an answer on this same page can show (a question that follows only earlier pages cannot
    appear while this one is filled, so it is left off until it applies)."""
    return frozenset(question.id for question in section.questions
                     if question.show_when and set(question.show_when.reads()) & triggers(section))


def on_page(section: Section, shown: list[Question]) -> list[Question]:
    """What the page holds: the questions shown now, and, hidden, those an answer on it can reveal."""
    now = {question.id for question in shown}
    return [question for question in section.questions
            if question.id in now or question.id in revealable(section)]
