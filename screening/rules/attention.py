"""What makes an intake need a person's attention now (reference "Alerts"): a positive self-harm screen
(R-SI), an acute one (ASQ item 5), a blood pressure in the crisis range (R-BP). Pure: answers in, reasons out.

A reason is a category, never an answer: it is what staff see in the panel and what an alert may name.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..questionnaire.sections.safety import ASQ_POSITIVE, self_harm_endorsed
from .catalogue import BP_CRISIS, Answers, at_or_above

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
    reasons = set()
    if self_harm_endorsed(dict(answers)):
        reasons.add(SELF_HARM)
    if answers.get("asq_5") in ASQ_POSITIVE:  # as R-SI-ACUTE: yes, or would rather not answer
        reasons.add(SELF_HARM_ACUTE)
    if at_or_above(Answers(answers, date.min), BP_CRISIS):  # a reading does not depend on the day
        reasons.add(BP_CRISIS_RANGE)
    return frozenset(reasons)


def newly_urgent(before: Mapping[str, Any], after: Mapping[str, Any]) -> frozenset[str]:
    """The reasons a save added: each one calls for the crisis page and an alert, however often it comes back."""
    return attention_reasons(after) - attention_reasons(before)


def in_order(reasons) -> list[str]:
    return [reason for reason in REASONS if reason in reasons]


def labels(reasons) -> list[str]:
    """In words, most pressing first; acute self-harm says self-harm already."""
    shown = [reason for reason in in_order(reasons) if not (reason == SELF_HARM and SELF_HARM_ACUTE in reasons)]
    return [LABELS[reason] for reason in shown]
