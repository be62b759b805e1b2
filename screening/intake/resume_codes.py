"""Resume codes: a patient picks up a draft on another device with a code shown once and their date of birth.

Only a keyed hash of the code is kept, so the database cannot give it back, and a code is found without
decrypting any intake.
"""

import hmac
import secrets
from datetime import date

from flask import current_app

from ..crypto import vault
from ..models import Intake, db
from ..staff.search_index import dob_hash
from .store import answers_of

# No 0/O, 1/I/L or U: nothing that is misheard or misread when a code is read aloud.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS = 4
CODE_GROUP_LENGTH = 4


def new_resume_code() -> str:
    """About 78 bits of randomness, in groups of four letters and digits: K7QM-3XTR-9PWD-H2FN."""
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH)) for _ in range(CODE_GROUPS)
    )
    return "-".join(groups)


def normalise_code(typed: str) -> str:
    """Accept the code however it was typed: any case, with or without spaces and dashes."""
    return "".join(character for character in typed.upper() if character.isalnum())


def issue(intake: Intake) -> str:
    """Make a new code for this intake; only its keyed hash is kept, so it can be shown just once."""
    code = new_resume_code()
    intake.resume_hash = vault().lookup_hash(normalise_code(code))
    intake.resume_failures = 0
    db.session.commit()
    return code


def find(code: str, date_of_birth: date) -> Intake | None:
    """The intake with this code and date of birth, or None; a wrong code, a wrong date and a code locked
    after too many wrong dates all look alike (two keyed hashes, no decryption). A wrong date also writes its
    count, so it is slower: that says a code exists, which no one finds by guessing 78 bits."""
    lookup = vault().lookup_hash(normalise_code(code))
    born = dob_hash(date_of_birth.isoformat())
    intake = db.session.execute(db.select(Intake).filter_by(resume_hash=lookup)).scalar_one_or_none()
    if intake is None or intake.resume_failures >= current_app.config["RESUME_FAILURES_BEFORE_LOCK"]:
        return None
    if intake.dob_hash is None:  # a draft last saved before the hash was kept from step 1 (before 0007)
        intake.dob_hash = dob_hash(answers_of(intake).get("date_of_birth", ""))
        db.session.commit()
    if not hmac.compare_digest(intake.dob_hash, born):
        # Counted by the database: parallel wrong guesses each count, none overwrites another's.
        db.session.execute(db.update(Intake).where(Intake.id == intake.id)
                           .values(resume_failures=Intake.resume_failures + 1))
        db.session.commit()
        return None
    return intake
