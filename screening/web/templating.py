"""Words and formats every template shares, each from its one source: level labels and the no-decision sentence
from the rules, the number of steps and which answers sit side by side from the questionnaire, one way to write a
timestamp."""

from datetime import datetime

from flask import Flask

from ..questionnaire import SECTIONS
from ..questionnaire.layout import fits_in_a_row
from ..questionnaire.model import NOT_SURE_BOX, NOT_SURE_LABEL
from ..questionnaire.types import type_of
from ..rules import LEVEL_LABELS, NO_DECISION

TIMESTAMP = "%Y-%m-%d %H:%M"
CLOCK = "%H:%M"


def timestamp(value: datetime | None) -> str:
    """Times as staff read them, in UTC, to the minute."""
    return value.strftime(TIMESTAMP) if value else ""


def clock(value: datetime | None) -> str:
    """The time of day alone, for events of the same day."""
    return value.strftime(CLOCK) if value else ""


def register(app: Flask) -> None:
    app.jinja_env.globals.update(
        question_type=type_of, fits_in_a_row=fits_in_a_row, level_labels=LEVEL_LABELS, no_decision=NO_DECISION,
        step_count=len(SECTIONS), not_sure_box=NOT_SURE_BOX, not_sure_label=NOT_SURE_LABEL,
    )
    app.jinja_env.filters["timestamp"] = timestamp
    app.jinja_env.filters["clock"] = clock
