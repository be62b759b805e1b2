"""Answers in, flags out: the same answers on the same day always give the same flags in the same order."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..questionnaire import QUESTIONS
from ..questionnaire.types import answer_text, type_of
from .catalogue import CATALOGUE, LEVELS, Rule
from .checks import Answers


@dataclass(frozen=True)
class Evidence:
    """One answer that raised a flag, quoted in words as the patient gave it: only the part that raised it (the
    matching options of a checklist). `own_words` marks a flag raised by what the patient typed (a medicine
    named in the free-text list, not ticked)."""

    question_id: str
    label: str
    answer: str
    own_words: bool = False


@dataclass(frozen=True)
class Flag:
    """A topic for the clinician: what the rule is about, the answers that raised it, why, and where from."""

    rule_id: str
    level: str
    title: str
    evidence: tuple[Evidence, ...]
    reason: str
    sources: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """The flag as plain JSON data, for `flask flags` and exports."""
        return {
            "id": self.rule_id,
            "level": self.level,
            "title": self.title,
            "evidence": [
                {"question": item.question_id, "label": item.label, "answer": item.answer}
                | ({"own_words": True} if item.own_words else {})
                for item in self.evidence
            ],
            "reason": self.reason,
            "source": list(self.sources),
        }


def evaluate(answers: Mapping[str, Any], today: date) -> list[Flag]:
    """Every flag the answers raise, urgent first, then discuss, then note; catalogue order within a level.

    `today` is passed in rather than read from the clock, so an intake gives the same flags whenever it is read.
    """
    view = Answers(answers, today)
    flags = [flag for rule in CATALOGUE if (flag := flag_for(rule, view))]
    return sorted(flags, key=lambda flag: LEVELS.index(flag.level))


def flag_for(rule: Rule, answers: Answers) -> Flag | None:
    raised = rule.evidence(answers)
    if not raised:
        return None
    evidence = tuple(quote(rule, question_id, answers) for question_id in raised)
    title = rule.title_for(answers) if rule.title_for else rule.title
    return Flag(rule.id, rule.level, title, evidence, rule.reason, rule.sources)


def quote(rule: Rule, question_id: str, answers: Answers) -> Evidence:
    """The answer in words; where the rule names the part that raised it, only that part."""
    question = QUESTIONS[question_id]
    part = rule.part(answers, question_id)
    if part is None:
        return Evidence(question_id, question.label, answer_text(question, answers.get(question_id)))
    return Evidence(question_id, question.label, answer_text(question, part), own_words=type_of(question).is_text)
