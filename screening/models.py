"""Database tables. Health data is only ever stored encrypted (see crypto.py)."""

import secrets
from datetime import UTC, datetime

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_public_id() -> str:
    """Unguessable id kept in the patient's signed session cookie, never in a URL."""
    return secrets.token_urlsafe(24)


class Intake(db.Model):
    """One patient's intake: a draft until submitted, then locked.

    `answers` is the encrypted JSON object keyed by question id. `urgent` and
    `consultation_date` stay in clear so that staff can sort the queue without decrypting.
    """

    __tablename__ = "intake"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(40), unique=True, default=new_public_id)
    resume_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    answers: Mapped[bytes] = mapped_column(LargeBinary)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    consultation_date: Mapped[datetime | None] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Report(db.Model):
    """The clinician's PDF, rendered once when the intake is submitted and stored encrypted."""

    __tablename__ = "report"

    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), primary_key=True)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    catalogue_version: Mapped[str] = mapped_column(String(20))
    rendered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
