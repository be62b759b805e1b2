"""Set-ups that run but hurt later, told to the clinic's IT person in the log once per process: production on
SQLite (one host, one worker, no row locks), and a proxy's X-Forwarded-For while TRUSTED_PROXIES is 0 (every client
then shares the proxy's address, so one person's failed sign-ins lock out everyone behind it). The messages name
settings only: never a client's address, never anything a patient typed."""

import threading

from flask import Flask, request
from sqlalchemy.engine import make_url

import config

SQLITE_IN_PRODUCTION = (
    "Production is running on SQLite (DATABASE_URL is unset or sqlite:///): it serves one host with one worker, "
    "and a second worker could render a PDF twice. Set DATABASE_URL to PostgreSQL (README: Running it in production)."
)
FORWARDED_WITHOUT_TRUSTED_PROXIES = (
    "Requests arrive with X-Forwarded-For but TRUSTED_PROXIES is 0: the app takes the proxy's address for every "
    "client, so rate limits and sign-in failures are counted for all of them together, and one person can lock "
    "everyone out. Set TRUSTED_PROXIES to the number of proxies in front of the app (1 for one TLS terminator)."
)


def register(app: Flask) -> None:
    on_sqlite = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name() == "sqlite"
    if config.is_production(app.config) and on_sqlite:
        app.logger.warning(SQLITE_IN_PRODUCTION)
    if app.config["TRUSTED_PROXIES"] == 0:
        warn_once_of_a_proxy(app)


def warn_once_of_a_proxy(app: Flask) -> None:
    warned, one_at_a_time = threading.Event(), threading.Lock()

    @app.before_request
    def forwarded_without_trusted_proxies():
        if warned.is_set() or "X-Forwarded-For" not in request.headers:
            return
        with one_at_a_time:
            if not warned.is_set():
                warned.set()
                app.logger.warning(FORWARDED_WITHOUT_TRUSTED_PROXIES)
