"""The line of clinicians' PDFs waiting to be rendered, and the worker that renders them.

With PDF_WORKER, the web process only records a request (`Intake.pdf_requested_at`, see store.py);
`flask worker` runs a Worker in a process of its own (with the alerts: jobs.py), so WeasyPrint never
holds up form pages.

A worker holds the row of the intake it renders locked until the PDF is stored, and skips rows other
workers hold: on PostgreSQL any number of workers can share the line without rendering an intake
twice. SQLite has no row locks and ignores the clause, so the supported set-up there is one worker per
database; a second one could render a PDF twice, which wastes time but is harmless.
"""

import logging
from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError

from ..models import Intake, db, utcnow
from . import store

log = logging.getLogger(__name__)

RETRY_AFTER = timedelta(minutes=1)


def next_request(passed_over: Collection[int] = ()):
    """The oldest request, urgent intakes first, locked for this worker. FOR NO KEY UPDATE (key_share) lets
    staff add notes, whose foreign key needs only a key-share lock, while the intake renders."""
    return (
        db.select(Intake)
        .where(Intake.pdf_requested_at.is_not(None), Intake.id.not_in(passed_over))
        .order_by(Intake.urgent.desc(), Intake.pdf_requested_at, Intake.id)
        .limit(1)
        .with_for_update(skip_locked=True, key_share=True)
    )


class Worker:
    """Renders requested PDFs one at a time, and counts what it did.

    A render that fails leaves its request as it was and is passed over for RETRY_AFTER: the worker moves
    on to the rest of the line, and never spins on one intake. The failure is remembered in this process
    only, so the request's time still says how long staff have been waiting (after store.OVERDUE they
    are told to have the worker checked), and a restarted worker, perhaps after the cause was fixed,
    tries again at once.
    """

    def __init__(self) -> None:
        self.retry_at: dict[int, datetime] = {}
        self.rendered = 0
        self.failed = 0

    def render_next(self) -> bool:
        """Render and store the PDF of the next request; False when none is waiting."""
        now = utcnow()
        self.retry_at = {intake_id: when for intake_id, when in self.retry_at.items() if when > now}
        intake = db.session.scalars(next_request(self.retry_at.keys())).first()
        if intake is None:
            db.session.rollback()  # do not sit in an open transaction while idle
            return False
        intake_id = intake.id
        try:
            store.store(intake)
        except (store.RenderFailed, SQLAlchemyError) as error:  # a database error's message can carry values
            db.session.rollback()
            self.retry_at[intake_id] = now + RETRY_AFTER
            self.failed += 1
            log.warning("the PDF of intake %s stays requested (%s); next try in %d s", intake_id,
                        type(error).__name__, RETRY_AFTER.total_seconds())
        else:
            self.rendered += 1
        return True

    def render_pending(self) -> None:
        """Render every request waiting now, then return; failed ones stay requested."""
        while self.render_next():
            pass
