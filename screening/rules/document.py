"""The rule catalogue as a document a medical director reads and signs: docs/rules.md is written from it, and a
test keeps the file equal to the code."""

from .catalogue import CATALOGUE, CATALOGUE_VERSION, NO_DECISION

HEADING = f"Rule catalogue {CATALOGUE_VERSION}. {NO_DECISION}"
COLUMNS = ("id", "level", "title", "fires when", "quotes too", "why it matters", "sources")


def rows() -> list[tuple[str, ...]]:
    return [
        (rule.id, rule.level, rule.title, rule.when.describe(), ", ".join(rule.quote) or "-", rule.reason,
         ", ".join(rule.sources))
        for rule in CATALOGUE
    ]


def as_markdown() -> str:
    def line(cells) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    return "\n".join((
        "# Rules", "", HEADING, "",
        "Written by `flask --app screening rules --format markdown` from `screening/rules/catalogue.py`; "
        "a test fails when this file and the code differ.", "",
        line(COLUMNS), line(["---"] * len(COLUMNS)), *(line(row) for row in rows()), "",
    ))


def as_text() -> str:
    """For a terminal: one block per rule, the fields one per line."""
    blocks = [HEADING]
    for row in rows():
        blocks.append("\n".join(f"{name:>14}: {value}" for name, value in zip(COLUMNS, row, strict=True)))
    return "\n\n".join(blocks) + "\n"
