"""The review queue: submitted intakes, visits to come before visits past, urgent first, then by consultation date,
with filters and search; above it, the intakes that need attention now, sent or not.

Sorting, filtering and counting use only clear columns and indexes; only the rows of the page shown
are decrypted, for their name and date of birth, and the few that need attention, for their phone.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select

from ..alerts import marks
from ..intake.store import answers_of
from ..models import Attention, Intake, db
from ..rules import LEVELS
from ..rules.attention import LABELS, labels
from . import audit, notes
from .search_index import search_condition

WHEN = ("all", "today", "week")
PER_PAGE = 25


@dataclass(frozen=True)
class QueueFilter:
    when: str = "all"
    not_reviewed: bool = False
    level: str = ""
    search: str = ""


@dataclass(frozen=True)
class QueueRow:
    intake: Intake
    name: str
    date_of_birth: str


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    page: int
    pages: int
    counts: dict[str, int]


def base_conditions(chosen: QueueFilter, today: date) -> list:
    conditions = [Intake.submitted_at.is_not(None)]
    if chosen.when == "today":
        conditions.append(Intake.consultation_date == today)
    elif chosen.when == "week":
        conditions.append(Intake.consultation_date.between(today, today + timedelta(days=6)))
    if chosen.not_reviewed:
        conditions.append(Intake.reviewed_at.is_(None))
    if chosen.search:
        condition = search_condition(chosen.search)
        if condition is not None:
            conditions.append(condition)
    return conditions


def list_queue(chosen: QueueFilter, page: int, today: date, per_page: int = PER_PAGE) -> QueuePage:
    conditions = base_conditions(chosen, today)
    counted = db.session.execute(
        select(Intake.top_level, func.count()).where(*conditions).group_by(Intake.top_level)
    ).all()
    counts = {level: 0 for level in (*LEVELS, "none")}
    for level, number in counted:
        counts[level or "none"] = number
    if chosen.level in LEVELS:
        conditions.append(Intake.top_level == chosen.level)
        total = counts[chosen.level]
    else:
        total = sum(counts.values())
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    intakes = page_of_intakes(conditions, (page - 1) * per_page, per_page, today)
    rows = []
    for intake in intakes:
        answers = answers_of(intake)
        rows.append(QueueRow(intake, answers.get("full_name", ""), answers.get("date_of_birth", "")))
    return QueuePage(rows, total, page, pages, counts)


def page_of_intakes(conditions: list, skip: int, per_page: int, today: date) -> list[Intake]:
    """Visits to come (and intakes without a visit date) before visits already past, which would otherwise fill the
    first pages once the app has been in use for a few weeks: urgent first in each, the coming ones soonest first
    and no date last, the past ones most recent first. Two queries, so that each reads its order off an index."""
    coming = or_(Intake.consultation_date.is_(None), Intake.consultation_date >= today)
    found = db.session.scalars(
        select(Intake).where(*conditions, coming)
        .order_by(Intake.urgent.desc(), Intake.consultation_date.asc().nulls_last(), Intake.submitted_at)
        .limit(per_page).offset(skip)
    ).all()
    if len(found) == per_page:
        return found
    coming_total = skip + len(found) if found else db.session.scalar(
        select(func.count()).select_from(Intake).where(*conditions, coming))
    return found + db.session.scalars(
        select(Intake).where(*conditions, Intake.consultation_date < today)
        .order_by(Intake.urgent.desc(), Intake.consultation_date.desc(), Intake.submitted_at.desc())
        .limit(per_page - len(found)).offset(max(0, skip - coming_total))
    ).all()


class AlertStillOpen(Exception):
    """An intake whose alert is open is marked reviewed only with a record of what was done about it."""


@dataclass(frozen=True)
class Review:
    marked: bool  # False: someone else had already marked it reviewed
    closed: bool  # this review closed the intake's open alert


def mark_reviewed(intake: Intake, by, at: datetime, outcome: str = "", note: str = "") -> Review:
    """The first to mark an intake reviewed is the one who reviewed it: a second press (another staff member
    with the page open) changes nothing, and says so. A review never leaves an alert silently open, nor closes
    it without who and what was done: with `outcome` (and `note`) it closes the open alert in the same
    transaction, as the attention record does; without, an open alert raises AlertStillOpen. An alert someone
    else closed meanwhile keeps their record, and this one is kept as a staff note."""
    closed = marks.close_open(intake.id, by, outcome, note, at) if outcome else 0
    if not outcome and marks.open_mark(intake.id) is not None:
        raise AlertStillOpen
    marked = db.session.execute(
        db.update(Intake).where(Intake.id == intake.id, Intake.reviewed_at.is_(None))
        .values(reviewed_at=at, reviewed_by_id=by.id)
    ).rowcount
    db.session.commit()
    if closed:
        audit.record(audit.ACKNOWLEDGE_ATTENTION, actor=by, intake_id=intake.id, detail=f"outcome: {outcome}")
    if marked:
        audit.record(audit.REVIEW, actor=by, intake_id=intake.id)
    if outcome and not closed:
        notes.add(intake.id, by, f"{marks.OUTCOMES[outcome]}: {note}" if note else marks.OUTCOMES[outcome])
    return Review(marked=bool(marked), closed=bool(closed))


@dataclass(frozen=True)
class AttentionRow:
    """One intake in the "Needs attention now" panel: why, how to reach the patient, and what changed since."""

    mark: Attention
    intake: Intake
    reasons: list[str]  # labels, most pressing first
    phone: str
    changes: list[tuple[str, str, datetime]]  # (reason, label, when) of reasons the answers no longer give


def needs_attention() -> list[AttentionRow]:
    """Every open mark, oldest first, the acute ones before the rest."""
    found = db.session.execute(
        select(Attention, Intake).join(Intake, Intake.id == Attention.intake_id)
        .where(Attention.acknowledged_at.is_(None)).order_by(Attention.raised_at, Attention.id)
    ).all()
    rows = [attention_row(mark, intake) for mark, intake in found]
    return sorted(rows, key=lambda row: LABELS["self_harm_acute"] not in row.reasons)


def attention_row(mark: Attention, intake: Intake) -> AttentionRow:
    held = marks.content(mark)
    return AttentionRow(
        mark, intake, labels(held["reasons"]),
        answers_of(intake).get("phone", ""), [(reason, LABELS[reason], at) for reason, at in marks.changed_back(held)],
    )


def ago(when: datetime, now: datetime) -> str:
    minutes = int((now - when).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    if minutes < 48 * 60:
        return f"{minutes // 60} h {minutes % 60} min ago"
    return f"{minutes // (24 * 60)} days ago"
