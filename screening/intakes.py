"""What can happen to an intake: start, save a section, resume with a code, submit.

Views call these; they hold no request handling. Answers are decrypted and encrypted here and
nowhere else, so plaintext health data never reaches the database.
"""

import hmac
import secrets
from datetime import date
from typing import Any

from flask import current_app

from .crypto import Vault, new_resume_code, normalise_code
from .models import Intake, NameToken, db, utcnow
from .questionnaire import SECTIONS
from .questionnaire.answers import applicable, missing
from .questionnaire.model import Question, Section
from .questionnaire.safety import self_harm_endorsed
from .rules import LEVELS, evaluate

SAVE_ATTEMPTS = 5


class IntakeLocked(Exception):
    """The intake was submitted; its answers can no longer change."""


def vault() -> Vault:
    return current_app.extensions["screening.vault"]


def start() -> Intake:
    intake = Intake(answers=vault().encrypt({}))
    db.session.add(intake)
    db.session.commit()
    return intake


# Built once: every patient page looks its intake up, and building the statement cost as much as running it.
BY_PUBLIC_ID = db.select(Intake).where(Intake.public_id == db.bindparam("public_id"))


def find_draft(public_id: str | None) -> Intake | None:
    intake = _by_public_id(public_id)
    return intake if intake is not None and not intake.is_submitted else None


def find_submitted(public_id: str | None) -> Intake | None:
    intake = _by_public_id(public_id)
    return intake if intake is not None and intake.is_submitted else None


def _by_public_id(public_id: str | None) -> Intake | None:
    if not public_id:
        return None
    return db.session.execute(BY_PUBLIC_ID, {"public_id": public_id}).scalar_one_or_none()


def answers_of(intake: Intake) -> dict[str, Any]:
    return vault().decrypt(intake.answers)


def save_section(intake: Intake, section: Section, values: dict[str, Any]) -> dict[str, Any]:
    """Replace this section's answers with `values` and drop follow-ups that no longer apply.

    Written only over the answers it read: if another save came in between (a second tab, a second
    device), this section is merged onto those answers instead of overwriting them."""
    for _ in range(SAVE_ATTEMPTS):
        if intake.is_submitted:
            raise IntakeLocked()
        answers = {key: value for key, value in answers_of(intake).items() if key not in _ids(section)}
        answers.update(values)
        answers = applicable(answers)
        consultation = answers.get("consultation_date")
        if _write_if_unchanged(
            intake, answers=vault().encrypt(answers), answers_version=Intake.answers_version + 1,
            urgent=self_harm_endorsed(answers), dob_hash=dob_hash(answers.get("date_of_birth", "")),
            consultation_date=date.fromisoformat(consultation) if consultation else None,
        ):
            db.session.commit()
            return answers
    raise RuntimeError(f"intake {intake.id}: answers kept changing during {SAVE_ATTEMPTS} attempts to save")


def _write_if_unchanged(intake: Intake, **values) -> bool:
    """Update the draft only if its answers are still those read into `intake` and it is not yet sent.
    False means another save came first: the session is reset, so `intake` reads the newer answers."""
    written = db.session.execute(
        db.update(Intake)
        .where(Intake.id == intake.id, Intake.answers_version == intake.answers_version, Intake.submitted_at.is_(None))
        .values(**values)
    ).rowcount
    if not written:
        db.session.rollback()
    return bool(written)


def store_submitted(answers: dict[str, Any], submitted_at=None) -> Intake:
    """Store an already checked, complete answers object as a submitted intake (imports, demos)."""
    intake = Intake(answers=vault().encrypt(answers), urgent=self_harm_endorsed(answers),
                    submitted_at=submitted_at or utcnow())
    consultation = answers.get("consultation_date")
    intake.consultation_date = date.fromisoformat(consultation) if consultation else None
    db.session.add(intake)
    db.session.flush()
    index_for_staff(intake, answers)
    db.session.commit()
    return intake


def name_words(text: str) -> list[str]:
    """Words of a name as searched: lower case, split on spaces and hyphens."""
    return sorted({word for word in text.casefold().replace("-", " ").split() if word})


def index_for_staff(intake: Intake, answers: dict[str, Any]) -> None:
    """What the staff queue sorts, filters and searches on, without decrypting every intake."""
    flags = evaluate(answers, intake.submitted_at.date())
    intake.top_level = min((flag.level for flag in flags), key=LEVELS.index, default=None)
    intake.urgent = intake.top_level == "urgent"
    intake.dob_hash = dob_hash(answers.get("date_of_birth", ""))
    db.session.execute(db.delete(NameToken).filter_by(intake_id=intake.id))
    for word in name_words(answers.get("full_name", "")):
        db.session.add(NameToken(intake_id=intake.id, token_hash=vault().lookup_hash("name:" + word)))


def mark_urgent(intake: Intake) -> None:
    """A self-harm answer marks the draft urgent at once, even before the page is valid and saved."""
    intake.urgent = True
    db.session.commit()


def issue_resume_code(intake: Intake) -> str:
    """Make a new code for this intake; only its keyed hash is kept, so it can be shown just once."""
    code = new_resume_code()
    intake.resume_hash = vault().lookup_hash(normalise_code(code))
    intake.resume_failures = 0
    db.session.commit()
    return code


def dob_hash(date_of_birth: str) -> str:
    """A keyed hash of the date of birth: resume checks it and staff search by it without decrypting."""
    return vault().lookup_hash("dob:" + date_of_birth)


def find_for_resume(code: str, date_of_birth: date) -> Intake | None:
    """The intake with this code and date of birth, or None; a wrong code, a wrong date and a code locked
    after too many wrong dates all look alike, and take the same work (two keyed hashes, no decryption)."""
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


def issue_receipt(intake: Intake) -> str:
    """A random id for the sending browser to fetch the patient's copy with; end_receipt forgets it."""
    intake.receipt_id = secrets.token_urlsafe(24)
    db.session.commit()
    return intake.receipt_id


def find_by_receipt(public_id: str | None, receipt_id: str | None) -> Intake | None:
    intake = find_submitted(public_id)
    if intake is None or not intake.receipt_id or not receipt_id:
        return None
    return intake if hmac.compare_digest(intake.receipt_id, receipt_id) else None


def end_receipt(public_id: str) -> None:
    db.session.execute(db.update(Intake).where(Intake.public_id == public_id).values(receipt_id=None))
    db.session.commit()


def first_unfinished(answers: dict[str, Any]) -> Section | None:
    """Where a returning patient picks up: the first section with a required answer missing."""
    gaps = {question.id for question in missing(answers)}
    return next((section for section in SECTIONS if gaps & _ids(section)), None)


def submit(intake: Intake) -> list[Question]:
    """Lock the intake; returns the required questions still unanswered instead, if any. What is sent, and
    flagged for staff, is what was checked: a save from another tab in between is read and checked first."""
    for _ in range(SAVE_ATTEMPTS):
        if intake.is_submitted:
            raise IntakeLocked()
        answers = answers_of(intake)
        gaps = missing(answers)
        if gaps:
            return gaps
        submitted_at = utcnow()
        if _write_if_unchanged(intake, submitted_at=submitted_at):
            intake.submitted_at = submitted_at
            index_for_staff(intake, answers)
            db.session.commit()
            return []
    raise RuntimeError(f"intake {intake.id}: answers kept changing during {SAVE_ATTEMPTS} attempts to send")


def _ids(section: Section) -> set[str]:
    return {question.id for question in section.questions}
