"""Every job that must not run in a web request, in one process: `flask --app screening worker [--watch]`.

Alerts come first: they are checked before each clinician's PDF is rendered, so a backlog of PDFs delays an
alert by one render at most.

A watching worker outlives the database going away (a restart, a network cut): it says so once in the log, tries
again every `interval`, says when the database answers again, and goes on with whatever came in meanwhile.
"""

import logging
import time
from collections.abc import Callable

from sqlalchemy.exc import DBAPIError

from .alerts.sending import AlertWorker
from .models import db
from .summary.worker import Worker

log = logging.getLogger(__name__)


def unreachable(error: DBAPIError) -> bool:
    """No connection could be made (no statement was sent), or the one in use broke: worth waiting out. An error the
    database answered with (a missing table: migrations not run) is not, and stops the worker as before."""
    return error.statement is None or error.connection_invalidated


class Jobs:
    def __init__(self) -> None:
        self.alerts = AlertWorker()
        self.pdfs = Worker()
        self.unreachable_since: float | None = None

    def step(self) -> bool:
        """Send the alerts that are due, then render one requested PDF; False when no PDF was waiting."""
        self.alerts.run_due()
        return self.pdfs.render_next()

    def run_pending(self) -> None:
        """Everything due now, then return."""
        while self.step():
            pass

    def watch(self, interval: float, stopping: Callable[[], bool]) -> None:
        """Keep at it until `stopping()`, which is asked between jobs, never during one, and every tenth of a
        second while there is nothing to do; idle, or without a database, it looks again every `interval` seconds."""
        while not stopping():
            if self.step_through_outages():
                continue
            look_again = time.monotonic() + interval
            while not stopping() and time.monotonic() < look_again:
                time.sleep(min(0.1, interval))

    def step_through_outages(self) -> bool:
        """One step; False, after a word in the log the first time, when the database cannot be reached."""
        tried_at = time.monotonic()
        try:
            worked = self.step()
        except DBAPIError as error:
            if not unreachable(error):
                raise
            db.session.remove()  # the connection is gone: the next step starts from a fresh one
            if self.unreachable_since is None:
                self.unreachable_since = time.monotonic()
                log.warning("the database cannot be reached (%s); the worker tries again until it answers",
                            type(error).__name__)
            return False
        if self.unreachable_since is not None:
            log.warning("the database answers again after %d s; the worker goes on",
                        tried_at - self.unreachable_since)
            self.unreachable_since = None
        return worked
