"""Alerts without a worker process: development and a single `flask run` (PDF_WORKER off, the default).

The worker (`flask worker --watch`) is what sends alerts in production. When none runs, the web process starts a
short-lived thread once the response to a save that raised an alert is made, and after each view of the staff
queue (which refreshes itself every minute while open): it does one pass of the worker's alert job (what is due,
retries, escalations) and ends. Nothing is sent inside the request itself. ALERTS_AFTER_RESPONSE turns this on or
off; by default it is on exactly when PDF_WORKER is off.
"""

import logging
import threading

from flask import Flask, after_this_request, current_app, g

from ..models import db
from .sending import AlertWorker

log = logging.getLogger(__name__)

# One pass at a time in a process: SQLite has no row locks to keep two threads from sending one alert twice.
_one_at_a_time = threading.Lock()


def enabled(app: Flask) -> bool:
    chosen = app.config.get("ALERTS_AFTER_RESPONSE")
    return not app.config["PDF_WORKER"] if chosen is None else bool(chosen)


def send_soon() -> None:
    """After this response, send the alerts that are due, in a thread of their own (when no worker runs)."""
    app = current_app._get_current_object()
    if not enabled(app) or g.get("alerts_soon"):
        return
    g.alerts_soon = True

    @after_this_request
    def start(response):
        threading.Thread(target=one_pass, args=(app,), name="alerts", daemon=True).start()
        return response


def one_pass(app: Flask) -> None:
    with _one_at_a_time, app.app_context():
        try:
            AlertWorker().run_due()
        except Exception as error:  # a thread's failure would otherwise go unseen; the worker retries later
            log.warning("sending alerts after a response failed (%s)", type(error).__name__)
        finally:
            db.session.remove()
