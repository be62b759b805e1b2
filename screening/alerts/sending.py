"""The worker's part of alerts: send each due delivery, retry failures with back-off, and escalate marks nobody
acknowledged within ALERT_ESCALATE_MINUTES.

Every delivery is a row claimed FOR UPDATE SKIP LOCKED (as the PDF worker claims intakes), so several workers on
PostgreSQL never send one twice; a delivery is marked sent in the transaction that claimed it, so a restarted
worker neither forgets nor repeats one. (A worker killed between the server's acceptance and that commit would
send it again: an alert may come twice, never not at all.) Failures are logged by type only.
"""

import json
import logging
import smtplib
import ssl
import urllib.error
import urllib.request
from datetime import datetime, timedelta

from flask import current_app

from ..models import AlertDelivery, Attention, db, utcnow
from . import marks
from .messages import Alert

log = logging.getLogger(__name__)

SEND_TIMEOUT = 10  # seconds for one SMTP conversation or webhook call
FIRST_RETRY = timedelta(seconds=10)
LONGEST_WAIT = timedelta(minutes=5)


class WebhookRefused(Exception):
    """The webhook answered, but not with success."""


def retry_after(attempts: int) -> timedelta:
    """10 s, 20 s, 40 s ... at most 5 minutes between attempts."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def next_due(now: datetime):
    return (
        db.select(AlertDelivery)
        .where(AlertDelivery.next_try_at.is_not(None), AlertDelivery.next_try_at <= now)
        .order_by(AlertDelivery.next_try_at, AlertDelivery.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )


def overdue_marks(now: datetime):
    minutes = float(current_app.config["ALERT_ESCALATE_MINUTES"])
    return (
        db.select(Attention)
        .where(Attention.acknowledged_at.is_(None), Attention.escalated_at.is_(None),
               Attention.raised_at <= now - timedelta(minutes=minutes))
        .with_for_update(skip_locked=True)
    )


class AlertWorker:
    """Sends what is due, and counts it."""

    def __init__(self) -> None:
        self.sent = 0
        self.failed = 0

    def run_due(self, now: datetime | None = None) -> None:
        """Escalate overdue marks, then send every delivery due by `now` (each tried once in this pass)."""
        now = now or utcnow()
        self.escalate(now)
        while self.send_next(now):
            pass

    def escalate(self, now: datetime) -> int:
        overdue = db.session.scalars(overdue_marks(now)).all()
        for mark in overdue:
            mark.escalated_at = now
            marks.queue_alerts(mark, marks.ESCALATION, now)
        db.session.commit()
        return len(overdue)

    def send_next(self, now: datetime) -> bool:
        """Try the next due delivery; False when none is due."""
        delivery = db.session.scalars(next_due(now)).first()
        if delivery is None:
            db.session.rollback()  # no open transaction while idle
            return False
        delivery.attempts += 1
        delivery.last_tried_at = now
        try:
            send(delivery, alert_for(delivery))
        except (OSError, smtplib.SMTPException, WebhookRefused, ValueError) as error:
            delivery.last_error_type = type(error).__name__
            delivery.next_try_at = now + retry_after(delivery.attempts)
            self.failed += 1
            log.warning("alert %s (%s) for attention %s not sent (%s); next try in %d s", delivery.id,
                        delivery.channel, delivery.attention_id, type(error).__name__,
                        (delivery.next_try_at - now).total_seconds())
        else:
            delivery.sent_at, delivery.next_try_at, delivery.last_error_type = now, None, None
            self.sent += 1
        db.session.commit()
        return True


def alert_for(delivery: AlertDelivery) -> Alert:
    config = current_app.config
    mark = db.session.get(Attention, delivery.attention_id)
    reasons = tuple(marks.content(mark)["reasons"]) if config["ALERT_INCLUDE_REASON"] else ()
    link = f"{config['APP_URL'].rstrip('/')}/staff/attention/{mark.intake_id}"
    return Alert(config["CLINIC_NAME"], mark.intake_id, link, delivery.kind, float(config["ALERT_ESCALATE_MINUTES"]),
                 reasons)


def send(delivery: AlertDelivery, alert: Alert) -> None:
    config = current_app.config
    if delivery.channel == marks.EMAIL:
        to = marks.recipients(config, delivery.kind)
        if not config["MAIL_SERVER"] or not to:
            raise ValueError("mail is not configured")
        send_email(config, alert.email(config["MAIL_FROM"] or config["MAIL_USERNAME"] or "alerts@localhost", to))
    else:
        if not config["ALERT_WEBHOOK_URL"]:
            raise ValueError("no webhook is configured")
        post_json(config["ALERT_WEBHOOK_URL"], alert.payload())


def send_email(config, message) -> None:
    with smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=SEND_TIMEOUT) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)


def post_json(url: str, body: dict) -> None:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=SEND_TIMEOUT) as response:
            if not 200 <= response.status < 300:
                raise WebhookRefused(response.status)
    except urllib.error.HTTPError as error:
        raise WebhookRefused(error.code) from None
