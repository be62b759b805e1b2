"""What can happen to an intake: start, save a section, submit (resume codes: resume_codes.py).

Views call these; they hold no request handling. Answers are decrypted and encrypted here and
nowhere else, so plaintext health data never reaches the database.
"""

import hmac
import secrets
from datetime import date
from typing import Any

from ..alerts import marks
from ..clock import clinic_time
from ..crypto import vault
from ..models import Intake, db, new_public_id, utcnow
from ..questionnaire.answers import applicable, missing
from ..questionnaire.model import Question, Section
from ..rules import evaluate
from ..rules.attention import attention_reasons
from ..staff.search_index import dob_hash, index_for_staff

SAVE_ATTEMPTS = 5


class IntakeLocked(Exception):
    """The intake was submitted; its answers can no longer change."""


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


def release(public_id: str | None) -> None:
    """The draft `public_id` names gets a new id that no browser holds: every cookie naming the old one, copies
    included, stops opening it. The resume code finds it by its code, so it comes back with that."""
    if not public_id:
        return
    db.session.execute(db.update(Intake).where(Intake.public_id == public_id, Intake.submitted_at.is_(None))
                       .values(public_id=new_public_id()))
    db.session.commit()


def rebind(intake: Intake) -> Intake:
    """The draft gets a new id for the browser that has just given its code and date of birth: the browser that
    held it before (the tablet it was started on, or a copy of that cookie) no longer opens it, and that browser's
    next person starting a form cannot let go of the draft this one now holds."""
    intake.public_id = new_public_id()
    db.session.commit()
    return intake


def answers_of(intake: Intake) -> dict[str, Any]:
    """The intake's answers to the questions shown today: an answer stored before a question came to depend on
    another (the pregnancy questions on sex at birth) is read by no page, rule or PDF. It stays in the database
    until the draft's next save, which writes back only these."""
    return applicable(vault().decrypt(intake.answers))


def save_section(intake: Intake, section: Section, values: dict[str, Any], **columns) -> dict[str, Any]:
    """Replace this section's answers with `values` and drop follow-ups that no longer apply; `columns` are set
    with them (step 1's consent wording).

    Written only over the answers it read: if another save came in between (a second tab, a second
    device), this section is merged onto those answers instead of overwriting them. An answer that makes the
    intake need attention now raises it with the save (alerts/marks.py)."""
    for _ in range(SAVE_ATTEMPTS):
        if intake.is_submitted:
            raise IntakeLocked()
        stored = answers_of(intake)
        answers = {key: value for key, value in stored.items() if key not in _ids(section)}
        answers.update(values)
        answers = applicable(answers)
        consultation = answers.get("consultation_date")
        reasons = attention_reasons(answers)
        if _write_if_unchanged(
            intake, answers=vault().encrypt(answers), answers_version=Intake.answers_version + 1,
            urgent=bool(reasons), dob_hash=dob_hash(answers.get("date_of_birth", "")),
            consultation_date=date.fromisoformat(consultation) if consultation else None, **columns,
        ):
            marks.note_reasons(intake.id, attention_reasons(stored), reasons, utcnow())
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
    """Store an already checked, complete answers object as a submitted intake (imports, demos); urgent answers
    raise the same alert as in the web flow."""
    reasons = attention_reasons(answers)
    submitted_at = submitted_at or utcnow()
    flags = evaluate(answers, clinic_time(submitted_at).date())
    intake = Intake(answers=vault().encrypt(answers), urgent=bool(reasons), submitted_at=submitted_at)
    consultation = answers.get("consultation_date")
    intake.consultation_date = date.fromisoformat(consultation) if consultation else None
    db.session.add(intake)
    db.session.flush()
    index_for_staff(intake, answers, flags)
    marks.note_reasons(intake.id, frozenset(), reasons, utcnow())
    db.session.commit()
    return intake


def mark_urgent(intake: Intake, typed: dict[str, Any]) -> None:
    """Answers that need attention now mark the draft and raise the alert at once, even on a page with an error
    that is not saved: the patient may leave it there."""
    intake.urgent = True
    marks.note_reasons(intake.id, attention_reasons(answers_of(intake)), attention_reasons(typed), utcnow())
    db.session.commit()


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
        flags = evaluate(answers, clinic_time(submitted_at).date())  # before the write: see index_for_staff
        if _write_if_unchanged(intake, submitted_at=submitted_at):
            intake.submitted_at = submitted_at
            index_for_staff(intake, answers, flags)
            db.session.commit()
            return []
    raise RuntimeError(f"intake {intake.id}: answers kept changing during {SAVE_ATTEMPTS} attempts to send")


def _ids(section: Section) -> set[str]:
    return {question.id for question in section.questions}
