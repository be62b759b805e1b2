"""Versions of the answers format, and the step from one to the next.

Format 1 asked every heart, blood-vessel, mind, head and body condition of everyone. Format 2 asks a gate
question naming them first (GATES) and each condition only after "Yes" or "Not sure"; the conditions keep their
ids, so rules, PDF and exports read them as before.
"""

from __future__ import annotations

from typing import Any

from . import QUESTIONS
from .model import NOT_SURE, is_

FORMAT_VERSION = 2

GATE_IDS = ("heart_any", "vessel_any", "mind_any", "head_any", "body_any")


def _opened_by(gate: str) -> tuple[str, ...]:
    opens = is_(gate, "yes", NOT_SURE)
    return tuple(question.id for question in QUESTIONS.values() if question.show_when == opens)


# Each gate and the condition questions it opens.
GATES: dict[str, tuple[str, ...]] = {gate: _opened_by(gate) for gate in GATE_IDS}


def gate_answer(answers: dict[str, Any], gate: str) -> str | None:
    """What a format 1 patient's condition answers say to the gate: "yes" if any condition is yes, else
    "not_sure" if any is not sure, else "no" once every condition is answered; None while some are missing."""
    given = [answers[condition] for condition in GATES[gate] if condition in answers]
    if "yes" in given:
        return "yes"
    if NOT_SURE in given:
        return NOT_SURE
    return "no" if len(given) == len(GATES[gate]) else None


def format_of(answers: dict[str, Any]) -> int:
    """Format 1 answers a gated condition without its gate; in format 2 that cannot happen (the condition is not
    shown), so the answers themselves tell the two apart."""
    for gate, conditions in GATES.items():
        if gate not in answers and answers.keys() & set(conditions):
            return 1
    return FORMAT_VERSION


def upgrade(answers: dict[str, Any]) -> dict[str, Any]:
    """Format 1 answers in format 2: each gate added as its conditions answer it (gate_answer), the conditions
    behind a gate now "No" dropped (each of them was "No"). Format 2 answers come back unchanged."""
    upgraded = dict(answers)
    for gate, conditions in GATES.items():
        if gate in answers or not answers.keys() & set(conditions):
            continue
        answer = gate_answer(answers, gate)
        if answer is None:
            continue
        upgraded[gate] = answer
        if answer == "no":
            for condition in conditions:
                del upgraded[condition]
    return {key: upgraded[key] for key in _in_order(upgraded)}


def added_gates(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    return {gate: new[gate] for gate in GATE_IDS if gate in new and gate not in old}


def _in_order(answers: dict[str, Any]) -> list[str]:
    """Question ids in questionnaire order (keys that are not questions last), as the app stores them."""
    order = {question_id: position for position, question_id in enumerate(QUESTIONS)}
    return sorted(answers, key=lambda key: order.get(key, len(order)))


def downgrade(answers: dict[str, Any]) -> dict[str, Any]:
    """Format 2 answers in format 1, for a migration undone: the gates removed, a gate's "No" given back to each
    of its conditions."""
    downgraded = {key: value for key, value in answers.items() if key not in GATES}
    for gate, conditions in GATES.items():
        if answers.get(gate) == "no":
            downgraded.update({condition: "no" for condition in conditions})
    return {key: downgraded[key] for key in _in_order(downgraded)}
