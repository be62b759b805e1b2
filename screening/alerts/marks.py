"""Which intakes need attention now, from the moment an answer that calls for it is saved, sent or not.

Every path that stores answers (the web flow, `load-answers`, `demo`: see intake/store.py) calls `note_reasons` in
the transaction that writes them, so the mark and its alerts are saved with the answers or not at all. A mark is
sticky: answers changed back later are kept in its history, and only a staff member's record of what was done
(`acknowledge`) closes it. The reasons and the history are health data: stored encrypted, like the answers.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any

from flask import current_app

from ..crypto import vault
from ..models import AlertDelivery, Attention, db
from ..rules.attention import in_order

ALERT, ESCALATION = "alert", "escalation"
STALLED_AFTER = timedelta(minutes=2)
EMAIL, WEBHOOK = "email", "webhook"

# What a staff member did about it, in the words of the form.
OUTCOMES = {
    "spoke": "Called and spoke with the patient",
    "message": "Left a message",
    "no_answer": "Could not reach the patient",
    "clinician": "Passed to the clinician",
    "other": "Other",
}


def channels(config) -> list[str]:
    """The channels alerts go out on: email when a mail server and recipients are set, and the webhook when set."""
    chosen = [EMAIL] if config.get("MAIL_SERVER") and recipients(config, ALERT) else []
    return chosen + ([WEBHOOK] if config.get("ALERT_WEBHOOK_URL") else [])


def recipients(config, kind: str) -> list[str]:
    listed = config.get("ALERT_ESCALATE_EMAILS") if kind == ESCALATION else ""
    return [address.strip() for address in (listed or config.get("ALERT_EMAILS") or "").split(",") if address.strip()]


def missing_settings(config) -> list[str]:
    """What to set for alerts by email; empty when they are on, or when a webhook carries them."""
    if channels(config):
        return []
    return [name for name in ("MAIL_SERVER", "ALERT_EMAILS") if not config.get(name)]


def waiting_too_long(now: datetime, after: timedelta = STALLED_AFTER) -> int:
    """Alerts still unsent `after` their time: no worker running, or the mail server refusing."""
    return db.session.scalar(
        db.select(db.func.count()).select_from(AlertDelivery)
        .where(AlertDelivery.sent_at.is_(None), AlertDelivery.created_at < now - after)
    )


def open_mark(intake_id: int) -> Attention | None:
    return db.session.scalars(
        db.select(Attention).where(Attention.intake_id == intake_id, Attention.acknowledged_at.is_(None))
        .order_by(Attention.id.desc()).limit(1)
    ).first()


def content(mark: Attention) -> dict[str, Any]:
    """{"reasons": [...], "history": [{"at": ISO time, "reasons": [...]}, ...]}"""
    return vault().decrypt(mark.marks)


def note_reasons(intake_id: int, before: frozenset[str], after: frozenset[str], at: datetime) -> Attention | None:
    """Record what a save did to the reasons: a reason it added raises a mark (or joins the open one) and queues
    alerts; a change while a mark is open goes into its history. The caller commits."""
    added = after - before
    mark = open_mark(intake_id)
    if mark is None and not added:
        return None
    entry = {"at": at.isoformat(), "reasons": in_order(after)}
    if mark is None:
        mark = Attention(intake_id=intake_id, raised_at=at,
                         marks=vault().encrypt({"reasons": in_order(added), "history": [entry]}))
        db.session.add(mark)
        db.session.flush()
        queue_alerts(mark, ALERT, at)
        return mark
    held = content(mark)
    if held["history"][-1]["reasons"] != entry["reasons"]:
        held["history"].append(entry)
    if added - set(held["reasons"]):
        held["reasons"] = in_order(set(held["reasons"]) | added)
        queue_alerts(mark, ALERT, at)  # a new reason, perhaps the acute one: told again
    mark.marks = vault().encrypt(held)
    return mark


def queue_alerts(mark: Attention, kind: str, at: datetime) -> None:
    """One delivery per channel, due at once; the worker sends it (sending.py)."""
    for channel in channels(current_app.config):
        db.session.add(AlertDelivery(attention_id=mark.id, channel=channel, kind=kind, created_at=at, next_try_at=at))


def acknowledge(intake_id: int, by, outcome: str, note: str, at: datetime) -> int:
    """Close the intake's open marks with what was done, and commit; returns how many were open."""
    closed = close_open(intake_id, by, outcome, note, at)
    db.session.commit()
    return closed


def close_open(intake_id: int, by, outcome: str, note: str, at: datetime) -> int:
    """Close the intake's open marks with what was done; returns how many were open. Locked while closed, so two
    staff members recording at once cannot both close the same mark: the second finds it closed. The caller
    commits (marking the intake reviewed in the same transaction)."""
    marks = db.session.scalars(
        db.select(Attention).where(Attention.intake_id == intake_id, Attention.acknowledged_at.is_(None))
        .with_for_update()
    ).all()
    for mark in marks:
        mark.acknowledged_at, mark.acknowledged_by_id, mark.outcome = at, by.id, outcome
        mark.note = vault().encrypt(note) if note else None
    return len(marks)


def marks_of(intake_id: int) -> list[Attention]:
    """Every mark of the intake, newest first."""
    return list(db.session.scalars(
        db.select(Attention).where(Attention.intake_id == intake_id).order_by(Attention.id.desc())
    ))


def deliveries_of(marks: Iterable[Attention]) -> list[AlertDelivery]:
    ids = [mark.id for mark in marks]
    if not ids:
        return []
    return list(db.session.scalars(
        db.select(AlertDelivery).where(AlertDelivery.attention_id.in_(ids)).order_by(AlertDelivery.id)
    ))


def changed_back(held: dict[str, Any]) -> list[tuple[str, datetime]]:
    """The marked reasons the answers no longer give, each with when they stopped giving it."""
    history = held["history"]
    now = set(history[-1]["reasons"])
    changes = []
    for reason in held["reasons"]:
        if reason in now:
            continue
        when = history[0]["at"]
        for earlier, later in pairwise(history):
            if reason in earlier["reasons"] and reason not in later["reasons"]:
                when = later["at"]
        changes.append((reason, datetime.fromisoformat(when)))
    return changes
