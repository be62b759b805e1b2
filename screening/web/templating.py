"""Words and formats every template shares, each from its one source: level labels and the no-decision sentence
from the rules, the number of steps and which answers sit side by side from the questionnaire, one way to write a
timestamp."""

from datetime import datetime

from flask import Flask
from flask_login import current_user
from flask_login.utils import _user_context_processor

from ..clock import clinic_time
from ..questionnaire import SECTIONS
from ..questionnaire.layout import fits_in_a_row
from ..questionnaire.model import NOT_SURE_BOX, NOT_SURE_LABEL
from ..questionnaire.types import type_of
from ..rules import LEVEL_LABELS, NO_DECISION

TIMESTAMP = "%Y-%m-%d %H:%M %Z"
CLOCK = "%H:%M %Z"


def timestamp(value: datetime | None) -> str:
    """Times as staff read them: on the clinic's clock, to the minute, 24-hour (as charts are kept), with the zone's
    abbreviation ("EST"), which also tells an hour twice over when clocks go back."""
    return clinic_time(value).strftime(TIMESTAMP) if value else ""


def clock(value: datetime | None) -> str:
    """The time of day alone, for events of the same day."""
    return clinic_time(value).strftime(CLOCK) if value else ""


def register(app: Flask) -> None:
    app.jinja_env.globals.update(
        question_type=type_of, fits_in_a_row=fits_in_a_row, level_labels=LEVEL_LABELS, no_decision=NO_DECISION,
        step_count=len(SECTIONS), not_sure_box=NOT_SURE_BOX, not_sure_label=NOT_SURE_LABEL,
    )
    # Flask-Login's context processor loads the user for every template, and under strong session protection a
    # patient's session (no staff user in it) then fails the check: every patient page re-signed the cookie and
    # cleared a remember cookie. The proxy loads the user only where a template reads it: staff pages.
    app.template_context_processors[None].remove(_user_context_processor)
    app.jinja_env.globals["current_user"] = current_user
    app.jinja_env.filters["timestamp"] = timestamp
    app.jinja_env.filters["clock"] = clock
