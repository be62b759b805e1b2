"""What makes an intake need a person's attention now (reference "Alerts"): a positive self-harm screen
(R-SI), an acute one (ASQ item 5), a blood pressure in the crisis range (R-BP). Pure: answers in, reasons out,
from the same conditions the R-SI, R-SI-ACUTE and R-BP-CRISIS rules fire on.

A reason is a category, never an answer: it is what staff see in the panel and what an alert may name.
"""

from collections.abc import Mapping
from typing import Any

from ..questionnaire.sections.safety import ACUTE_SELF_HARM, ANY_SELF_HARM
from .catalogue import CRISIS_READING

SELF_HARM = "self_harm"
SELF_HARM_ACUTE = "self_harm_acute"
BP_CRISIS_RANGE = "bp_crisis"

# Most pressing first: the order of the panel's reasons and of the crisis page's wording.
LABELS = {
    SELF_HARM_ACUTE: "Acute self-harm",
    SELF_HARM: "Self-harm",
    BP_CRISIS_RANGE: "Blood pressure in the crisis range",
}
REASONS = tuple(LABELS)


def attention_reasons(answers: Mapping[str, Any]) -> frozenset[str]:
    """The reasons these answers need attention now; empty when none does."""
    conditions = {SELF_HARM: ANY_SELF_HARM, SELF_HARM_ACUTE: ACUTE_SELF_HARM, BP_CRISIS_RANGE: CRISIS_READING}
    return frozenset(reason for reason, holds in conditions.items() if holds(answers))


def newly_urgent(before: Mapping[str, Any], after: Mapping[str, Any]) -> frozenset[str]:
    """The reasons a save added: each one calls for the crisis page and an alert, however often it comes back."""
    return attention_reasons(after) - attention_reasons(before)


def in_order(reasons) -> list[str]:
    return [reason for reason in REASONS if reason in reasons]


def labels(reasons) -> list[str]:
    """In words, most pressing first; acute self-harm says self-harm already."""
    shown = [reason for reason in in_order(reasons) if not (reason == SELF_HARM and SELF_HARM_ACUTE in reasons)]
    return [LABELS[reason] for reason in shown]
