"""Staff notes on an intake: kept encrypted, since a note about a patient is health data, and audited."""

from ..crypto import vault
from ..models import StaffNote, StaffUser, db
from . import audit


def add(intake_id: int, author: StaffUser, text: str) -> None:
    db.session.add(StaffNote(intake_id=intake_id, author_id=author.id, text=vault().encrypt(text)))
    db.session.commit()
    audit.record(audit.NOTE, actor=author, intake_id=intake_id)


def of_intake(intake_id: int) -> list[tuple[StaffNote, str]]:
    """Each note with its text, oldest first."""
    notes = db.session.scalars(db.select(StaffNote).filter_by(intake_id=intake_id).order_by(StaffNote.id))
    return [(note, vault().decrypt(note.text)) for note in notes]
