"""What the staff queue sorts, filters and searches on, kept in clear columns and keyed hashes (blind
indexes), so the queue never decrypts every intake and the database never holds a name or a birth date in clear."""

import unicodedata
from datetime import date
from typing import Any

from sqlalchemy import and_, select

from ..crypto import vault
from ..models import Intake, NameToken, db
from ..rules import LEVELS, Flag


def dob_hash(date_of_birth: str) -> str:
    """A keyed hash of the date of birth: resume checks it and staff search by it without decrypting."""
    return vault().lookup_hash("dob:" + date_of_birth)


APOSTROPHES = str.maketrans("", "", "'’‘`´")


def name_words(text: str) -> list[str]:
    """Words of a name as searched: lower case, split on spaces and hyphens."""
    return sorted({word for word in text.casefold().replace("-", " ").split() if word})


def plain(word: str) -> str:
    """A word as a US keyboard types it: "müller" as "muller", "o’brien" (a phone curls the apostrophe) as
    "obrien"."""
    return "".join(char for char in unicodedata.normalize("NFKD", word.translate(APOSTROPHES))
                   if not unicodedata.combining(char))


def name_hashes(word: str) -> set[str]:
    """A word is indexed, and searched for, as written and in plain letters: "Muller" finds "Müller" (migration 0013
    indexed the intakes sent before this the same way)."""
    return {vault().lookup_hash("name:" + form) for form in (word, plain(word)) if form}


def index_for_staff(intake: Intake, answers: dict[str, Any], flags: list[Flag]) -> None:
    """What the staff queue sorts, filters and searches on, without decrypting every intake. The caller evaluates
    `flags` before it writes: the rules can take seconds (the first typed medicines list a process reads), and
    SQLite holds its one write lock from a transaction's first write to its commit, so every other save waits."""
    intake.top_level = min((flag.level for flag in flags), key=LEVELS.index, default=None)
    intake.urgent = intake.top_level == "urgent"
    intake.dob_hash = dob_hash(answers.get("date_of_birth", ""))
    db.session.execute(db.delete(NameToken).filter_by(intake_id=intake.id))
    hashes = {hashed for word in name_words(answers.get("full_name", "")) for hashed in name_hashes(word)}
    for hashed in sorted(hashes):
        db.session.add(NameToken(intake_id=intake.id, token_hash=hashed))


def search_condition(text: str):
    """A date of birth (1985-03-27) matches exactly; otherwise every word must be a word of the name."""
    text = text.strip()
    try:
        born = date.fromisoformat(text)
    except ValueError:
        born = None
    if born:
        return Intake.dob_hash == dob_hash(born.isoformat())
    conditions = [
        Intake.id.in_(select(NameToken.intake_id).where(NameToken.token_hash.in_(name_hashes(word))))
        for word in name_words(text)
    ]
    return and_(*conditions) if conditions else None
