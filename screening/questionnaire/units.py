"""Height and weight in the units a patient knows: feet, inches and pounds ("us"), or centimeters and kilograms
("metric"). Answers are always stored in metric (height_cm, weight_kg); these conversions serve only the page.

The clinic's default is the UNITS setting; a patient may switch on the page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

US = "us"
METRIC = "metric"
UNIT_SYSTEMS = (US, METRIC)

CM_PER_INCH = 2.54
KG_PER_POUND = 0.45359237


@dataclass(frozen=True)
class Part:
    """One box of a US answer: its input name, its label, and how many centimeters or kilograms one of it is."""

    name: str
    label: str
    metric_per_unit: float
    example: str


# The US boxes for each metric question, largest unit first.
US_PARTS: dict[str, tuple[Part, ...]] = {
    "height_cm": (Part("height_ft", "Feet", 12 * CM_PER_INCH, "5"), Part("height_in", "Inches", CM_PER_INCH, "7")),
    "weight_kg": (Part("weight_lb", "Pounds", KG_PER_POUND, "150"),),
}


def to_metric(question_id: str, amounts: list[float]) -> float:
    """Feet and inches to centimeters, pounds to kilograms, to one decimal."""
    return round(sum(amount * part.metric_per_unit for amount, part in zip(amounts, US_PARTS[question_id],
                                                                          strict=True)), 1)


def to_us(question_id: str, metric: float) -> list[int]:
    """Centimeters to whole feet and inches, kilograms to whole pounds."""
    parts = US_PARTS[question_id]
    smallest = round(metric / parts[-1].metric_per_unit)
    amounts = []
    for part in parts[:-1]:
        per = round(part.metric_per_unit / parts[-1].metric_per_unit)
        amounts.append(smallest // per)
        smallest %= per
    return [*amounts, smallest]


def us_text(question_id: str, metric: float) -> str:
    """A metric amount in US words: "5 ft 7 in", "150 lb"."""
    short = {"Feet": "ft", "Inches": "in", "Pounds": "lb"}
    return " ".join(f"{amount} {short[part.label]}"
                    for amount, part in zip(to_us(question_id, metric), US_PARTS[question_id], strict=True))


def read_amount(posted: str | None) -> float | None:
    """A typed number; None for an empty box. Raises ValueError for anything else (letters, NaN, infinity)."""
    text = (posted or "").strip()
    if not text:
        return None
    number = float(text)
    if not math.isfinite(number) or number < 0:
        raise ValueError(text)
    return number
