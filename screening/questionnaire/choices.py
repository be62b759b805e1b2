"""Answer sets that many questions share, so "Not sure" reads the same everywhere."""

from .model import NOT_SURE, NOT_SURE_LABEL, Option

YES = Option("yes", "Yes")
NO = Option("no", "No")
UNSURE = Option(NOT_SURE, NOT_SURE_LABEL)

YES_NO = (YES, NO)
YES_NO_NOT_SURE = (YES, NO, UNSURE)

HOW_LONG_AGO = (
    Option("past_month", "In the last month"),
    Option("past_year", "In the last year"),
    Option("over_a_year", "More than a year ago"),
    UNSURE,
)
