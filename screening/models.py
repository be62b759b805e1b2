"""Database tables. Health data is only ever stored encrypted (see crypto.py)."""

import secrets
from datetime import UTC, datetime

from flask_login import UserMixin
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from .clock import utcnow


class UTCDateTime(TypeDecorator):
    """Timestamps stored with their time zone and read back as UTC-aware, on SQLite too (which drops it)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


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
    resume_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    answers: Mapped[bytes] = mapped_column(LargeBinary)
    # Counts saves of `answers`: a save is written only over the version it read (intake/store.py save_section).
    answers_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    urgent: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    consultation_date: Mapped[datetime | None] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    # For the staff queue, set at submission: the highest flag level, and blind indexes (keyed
    # hashes) of each word of the name and of the date of birth (that one kept from the first step,
    # to check resume attempts), so staff can search without the database holding them in clear.
    top_level: Mapped[str | None] = mapped_column(String(10))
    dob_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # With PDF_WORKER: when the clinician's PDF was asked of the worker (summary/worker.py); None once it is stored.
    pdf_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    # After sending, the patient's browser holds this in its cookie to fetch its own copy; cleared at Finish and
    # at the next Start, so a copied cookie stops working then too.
    receipt_id: Mapped[str | None] = mapped_column(String(40))
    # The consent wording the patient ticked the box under on step 1 (intake/consent.py); None while not given, and
    # for intakes stored before it was kept or loaded from a file.
    consent_wording: Mapped[str | None] = mapped_column(ForeignKey("consent_wording.digest"))

    __table_args__ = (
        # The queue's order: urgent first, then the soonest visit (no date last), then oldest sent.
        # PostgreSQL reads the first page straight off this index; counts by level use the second.
        Index("ix_intake_queue", urgent.desc(), consultation_date.asc().nulls_last(), submitted_at,
              postgresql_where=submitted_at.is_not(None)).ddl_if(dialect="postgresql"),
        Index("ix_intake_queue_sqlite", urgent, consultation_date, submitted_at).ddl_if(dialect="sqlite"),
        Index("ix_intake_level", top_level, submitted_at),
    )

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class ConsentWording(db.Model):
    """A wording of the consent on step 1 that a patient agreed to, kept once: the clinic's ALERT_CONSENT_TEXT with
    the consent's own words. The clinic's words, not health data, so in clear."""

    __tablename__ = "consent_wording"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of `text`
    text: Mapped[str] = mapped_column(Text)
    first_agreed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class NameToken(db.Model):
    """One keyed hash per word of a submitted intake's name: exact-word search without plaintext."""

    __tablename__ = "name_token"

    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class StaffUser(UserMixin, db.Model):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10), default="staff")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Part of the id kept in the session cookie: raising it (sign-out, new password, deactivation) ends every
    # session of the account, including copies of its cookie.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


class StaffNote(db.Model):
    """A staff member's note on an intake, kept apart from the patient's answers, encrypted."""

    __tablename__ = "staff_note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    text: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AuditEvent(db.Model):
    """Who did what, when. Never health data: the intake is named by its number only.

    Kept when an intake is purged (the number then points nowhere), and never edited by the app.
    """

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    intake_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    address_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    account_hash: Mapped[str | None] = mapped_column(String(64), index=True)


class SignInCheck(db.Model):
    """A staff password being checked now, counted with the failures (staff/accounts.py), so that attempts sent at
    the same moment count each other. Deleted when the check ends, once its failure, if any, is in the audit log."""

    __tablename__ = "sign_in_check"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    address_hash: Mapped[str] = mapped_column(String(64), index=True)
    account_hash: Mapped[str] = mapped_column(String(64), index=True)


class Report(db.Model):
    """The clinician's PDF, rendered once (at submission, or by the worker) and stored encrypted."""

    __tablename__ = "report"

    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), primary_key=True)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    catalogue_version: Mapped[str] = mapped_column(String(20))
    rendered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Attention(db.Model):
    """An intake that needs a person now (rules/attention.py), sent or not, until a staff member records what
    was done. Sticky: answers changed back later keep it open, with their history.

    `marks` is encrypted JSON: {"reasons": the reasons raised, "history": [{"at", "reasons"}, ...] of what the
    answers said at each change}. `note` (encrypted) and `outcome` are what staff did.
    """

    __tablename__ = "attention"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    marks: Mapped[bytes] = mapped_column(LargeBinary)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    outcome: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[bytes | None] = mapped_column(LargeBinary)

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None


class AlertDelivery(db.Model):
    """One alert to send on one channel (email or webhook), and how sending it went. Rows, not memory: a worker
    restarted between attempts neither forgets an alert nor sends one twice."""

    __tablename__ = "alert_delivery"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attention_id: Mapped[int] = mapped_column(ForeignKey("attention.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(10))  # email | webhook
    kind: Mapped[str] = mapped_column(String(12))  # alert | escalation
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # When the next attempt is due; None once sent.
    next_try_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_tried_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error_type: Mapped[str | None] = mapped_column(String(80))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


def indexes_for(dialect: str):
    """For Alembic's autogenerate: leave out indexes made only on another kind of database (ddl_if)."""

    def include(item, name, type_, reflected, compare_to):
        only_on = getattr(getattr(item, "_ddl_if", None), "dialect", None)
        return type_ != "index" or only_on in (None, dialect)

    return include
