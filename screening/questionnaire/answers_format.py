"""Versions of the answers format.

Format 1 asked every heart, blood-vessel, mind, head and body condition of everyone. Format 2 asks a gate
question naming them first (GATES) and each condition only after "Yes" or "Not sure"; the conditions keep their
ids, so rules, PDF and exports read them as before.
"""

from __future__ import annotations

from . import QUESTIONS
from .model import NOT_SURE, is_

FORMAT_VERSION = 2

GATE_IDS = ("heart_any", "vessel_any", "mind_any", "head_any", "body_any")


def _opened_by(gate: str) -> tuple[str, ...]:
    opens = is_(gate, "yes", NOT_SURE)
    return tuple(question.id for question in QUESTIONS.values() if question.show_when == opens)


# Each gate and the condition questions it opens.
GATES: dict[str, tuple[str, ...]] = {gate: _opened_by(gate) for gate in GATE_IDS}

