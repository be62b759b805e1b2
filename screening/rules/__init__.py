"""Rules: answers in, flags (topics for the clinician) and instrument scores out. Pure: no Flask, no database."""

from .catalogue import CATALOGUE, CATALOGUE_VERSION, LEVEL_LABELS, LEVELS, NO_DECISION, Rule
from .engine import Evidence, Flag, evaluate
from .scores import Score, scores

__all__ = [
    "CATALOGUE", "CATALOGUE_VERSION", "LEVEL_LABELS", "LEVELS", "NO_DECISION", "Evidence", "Flag", "Rule", "Score",
    "evaluate", "scores",
]
