"""Every job that must not run in a web request, in one process: `flask --app screening worker [--watch]`.

Alerts come first: they are checked before each clinician's PDF is rendered, so a backlog of PDFs delays an
alert by one render at most.
"""

import time
from collections.abc import Callable

from .alerts.sending import AlertWorker
from .summary.worker import Worker


class Jobs:
    def __init__(self) -> None:
        self.alerts = AlertWorker()
        self.pdfs = Worker()

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
        second while there is nothing to do; idle, it looks for new work every `interval` seconds."""
        while not stopping():
            if self.step():
                continue
            look_again = time.monotonic() + interval
            while not stopping() and time.monotonic() < look_again:
                time.sleep(min(0.1, interval))
