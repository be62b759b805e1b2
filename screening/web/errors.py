"""Calm pages for things that go wrong, and a CSRF failure that keeps what the patient typed."""

import logging
from collections.abc import Callable, Mapping

from flask import Flask, abort, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


def register(app: Flask, expired_pages: Mapping[str, Callable]) -> None:
    """`expired_pages` maps an endpoint to the view that shows its page again when its CSRF token ran out."""

    @app.before_request
    def refuse_nul_bytes():
        """A NUL byte in the address is never typed by a person, and PostgreSQL refuses it in any text."""
        if "\x00" in request.path or any("\x00" in key + value for key, value in request.args.items(multi=True)):
            abort(400)

    @app.errorhandler(400)
    def bad_request(error):
        return render_template("error.html", title="We could not read that address",
                               message="Check the address, or start from the first page."), 400

    @app.errorhandler(CSRFError)
    def csrf_expired(error):
        if request.endpoint in expired_pages:
            try:
                return expired_pages[request.endpoint](**request.view_args)
            except HTTPException as refused:  # no such page: said as for any other request, not as a 500
                return app.handle_http_exception(refused)
        return render_template("error.html", title="This page was open for a long time",
                               message="For your safety, please go back and send it again."), 400

    @app.errorhandler(403)
    def forbidden(error):
        return render_template("error.html", title="This page is for administrators",
                               message="Ask an administrator of your clinic if you need it."), 403

    @app.errorhandler(404)
    def not_found(error):
        return render_template("error.html", title="We could not find this page",
                               message="Check the address, or start from the first page."), 404

    @app.errorhandler(413)
    def too_large(error):
        return render_template("error.html", title="That was too much text to send",
                               message="Please go back and shorten your answers."), 413

    @app.errorhandler(429)
    def too_many(error):
        minutes = max(1, error.limit.limit.get_expiry() // 60) if getattr(error, "limit", None) else 15
        return render_template("error.html", title="Too many tries",
                               message=f"For your safety, please wait {minutes} minutes and try again, "
                               "or ask the clinic's front desk for help."), 429

    @app.errorhandler(OperationalError)
    def database_unreachable(error):
        """The database is down or unreachable: a calm page, never a stack trace (nor the SQL, which
        could hold answers)."""
        log.error("database unreachable (%s)", type(error.orig).__name__ if error.orig else "unknown")
        return render_template("error.html", title="We cannot save your answers just now",
                               message="Nothing is lost from the pages you already saved. Please wait a "
                               "minute, then go back and press the button again."), 503

    @app.errorhandler(500)
    def server_error(error):
        return render_template("error.html", title="Something went wrong on our side",
                               message="Your earlier pages are saved. Please try again in a minute."), 500
