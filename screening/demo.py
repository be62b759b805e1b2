"""Realistic synthetic intakes for a development database, so a newcomer sees a living queue.

Answers are made by walking the questionnaire definition, so they follow its skip logic and checks.
No real person is described: names are drawn from short lists of common first and last names.
"""

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .questionnaire import SECTIONS
from .questionnaire import model as q
from .questionnaire.answers import check_answers
from .questionnaire.model import Question

FIRST = ("Alex", "Sam", "Maria", "Wei", "Aisha", "Jonas", "Priya", "Diego", "Hana", "Kofi", "Olga", "Liam")
LAST = ("Rivera", "Chen", "Okafor", "Novak", "Haddad", "Kim", "Müller", "Silva", "Tanaka", "Brown", "Singh")
MEDICINES = ("Sertraline", "Escitalopram", "Venlafaxine", "Bupropion", "Mirtazapine", "Fluoxetine")
# About 1 intake in 10 needs attention now, as in a believable queue: self-harm answers in 7 of 100, a blood
# pressure in the crisis range in 3 of 100. Everyone else answers the safety questions "no".
AT_RISK = 0.07
PRESSURE_CRISIS = 0.03
SAFETY_QUESTIONS = ("phq9_9", "asq_1", "asq_2", "asq_3", "asq_4", "asq_5")


def risk_answer(qid: str, rng: random.Random) -> str:
    """What a patient with thoughts of self-harm answers: the ASQ positive, right now mostly not."""
    if qid == "phq9_9":
        return rng.choice(("1", "2", "3"))
    if qid == "asq_5":
        return "yes" if rng.random() < 0.2 else "no"
    return rng.choice(("yes", "no")) if qid != "asq_1" else "yes"


def value_for(question: Question, rng: random.Random, today: date, answers: dict[str, Any], at_risk: bool = False,
              pressure_crisis: bool = False) -> Any:
    kind, qid = question.type, question.id
    if qid in SAFETY_QUESTIONS:
        return risk_answer(qid, rng) if at_risk else ("0" if qid == "phq9_9" else "no")
    if qid == "full_name":
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    if qid == "phone":
        return f"555-01{rng.randint(0, 99):02d}"  # 555-0100 to 555-0199: set aside for fiction, never anyone's
    if qid == "date_of_birth":
        return (today - timedelta(days=rng.randint(18 * 365, 75 * 365))).isoformat()
    if qid == "consultation_date":
        return (today + timedelta(days=rng.randint(0, 14))).isoformat()
    if qid == "bp_reading_when" and pressure_crisis:
        return "past_week"
    if qid == "bp_systolic":
        return 184 if pressure_crisis else rng.choice((112, 118, 126, 134, 142, 151, 163))
    if qid == "bp_diastolic":
        if pressure_crisis:
            return rng.choice((112, 121))
        return rng.choice([number for number in (70, 76, 82, 88, 92, 97) if number < answers["bp_systolic"]])
    if qid == "drug_use_count":
        return rng.choice((0, 0, 0, 0, 2, 12))
    if kind == q.CONSENT:
        return True
    if kind == q.CHOICE:
        values = [option.value for option in question.options]
        if "no" in values and rng.random() < 0.8:
            return "no"
        if question.instrument in ("PHQ-9", "GAD-7") and qid != "phq9_difficulty":
            return rng.choice(("0", "1", "1", "2", "3"))
        return rng.choice(values)
    if kind == q.MULTI:
        values = [option.value for option in question.options]
        if "none" in values:
            taken = [value for value in values if value not in ("none", q.NOT_SURE)]
            return ["none"] if rng.random() < 0.7 else [rng.choice(taken)]
        return rng.sample([v for v in values if v != q.NOT_SURE], k=rng.randint(1, 2))
    if kind == q.GROUP:
        return [
            {"name": rng.choice(MEDICINES), "duration": rng.choice(("2_to_5_weeks", "6_weeks_or_more")),
             "helped": rng.choice(("no", "a_little", "yes_a_lot"))}
            for _ in range(rng.randint(1, 3))
        ]
    if kind == q.DECIMAL:
        return float(rng.randint(150, 195)) if qid == "height_cm" else float(rng.randint(50, 120))
    return None


def synthetic_answers(rng: random.Random, today: date) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    at_risk, pressure_crisis = rng.random() < AT_RISK, rng.random() < PRESSURE_CRISIS
    for section in SECTIONS:
        for question in section.questions:
            if question.shows(answers):
                value = value_for(question, rng, today, answers, at_risk, pressure_crisis)
                if value is not None:
                    answers[question.id] = value
    return check_answers(answers, today)


def submitted_times(count: int, rng: random.Random) -> list[datetime]:
    now = datetime.now(UTC)
    return [now - timedelta(hours=rng.randint(1, 24 * 10)) for _ in range(count)]
