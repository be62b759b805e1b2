"""Set-ups that run but hurt later are told to the clinic's IT person in the log, once per process: production on
SQLite, and a proxy's X-Forwarded-For while TRUSTED_PROXIES is 0 (every client would share the proxy's limits)."""

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import config
from screening import create_app
from screening.models import db

ROOT = Path(__file__).resolve().parent.parent
CLIENT = "203.0.113.7"


def production_environment(monkeypatch, tmp_path, **settings: str) -> None:
    monkeypatch.setenv("SCREENING_INSTANCE", str(tmp_path))
    for name in config.ENV_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    given = {"SECRET_KEY": "s" * 64, "LOOKUP_KEY": "l" * 64, "ENCRYPTION_KEYS": config.TestConfig.ENCRYPTION_KEYS,
             **settings}
    for name, value in given.items():
        monkeypatch.setenv(name, value)


def warnings_in(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]


def test_production_on_sqlite_is_warned_of_once_as_it_starts(monkeypatch, tmp_path, caplog):
    production_environment(monkeypatch, tmp_path)
    with caplog.at_level(logging.WARNING):
        app = create_app(config.ProductionConfig)
        app.test_client().get("/")
        app.test_client().get("/")
    [warning] = warnings_in(caplog)
    assert "SQLite" in warning and "DATABASE_URL" in warning and "PostgreSQL" in warning


def test_production_on_postgresql_and_development_on_sqlite_are_not_warned_of(monkeypatch, tmp_path, caplog):
    production_environment(monkeypatch, tmp_path, DATABASE_URL="postgresql://screening@db.clinic.example/screening")
    with caplog.at_level(logging.WARNING):
        create_app(config.ProductionConfig)
        monkeypatch.delenv("DATABASE_URL")
        create_app(config.DevelopmentConfig)
    assert warnings_in(caplog) == []


def test_a_flask_command_in_production_on_sqlite_shows_the_warning(tmp_path):
    """`flask db upgrade` runs with every new version: the warning is in front of whoever deploys."""
    env = {name: value for name, value in os.environ.items() if name not in config.ENV_SETTINGS}
    env.update(SCREENING_CONFIG="production", SCREENING_INSTANCE=str(tmp_path), SECRET_KEY="s" * 64,
               LOOKUP_KEY="l" * 64, ENCRYPTION_KEYS=config.TestConfig.ENCRYPTION_KEYS)
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "screening", "db", "upgrade"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("Production is running on SQLite") == 1


@pytest.fixture
def direct_app(app, database):
    """The app on `app`'s database, with no proxy trusted (the default)."""
    def make(**settings):
        made.append(create_app({"DATABASE_URL": database, **settings}))
        return made[-1]

    made = []
    yield make
    for each in made:
        with each.app_context():
            db.engine.dispose()


def test_a_forwarded_for_header_with_no_trusted_proxy_is_warned_of_once_without_the_address(direct_app, caplog):
    app = direct_app(TRUSTED_PROXIES=0)
    ready = threading.Barrier(8)

    def through_the_proxy():
        client = app.test_client()
        ready.wait()
        client.get("/", headers={"X-Forwarded-For": CLIENT})

    with caplog.at_level(logging.WARNING):
        app.test_client().get("/")
        assert warnings_in(caplog) == [], "no header, no warning"
        threads = [threading.Thread(target=through_the_proxy) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        app.test_client().get("/", headers={"X-Forwarded-For": CLIENT})
    [warning] = warnings_in(caplog)
    assert "X-Forwarded-For" in warning and "TRUSTED_PROXIES" in warning
    assert CLIENT not in caplog.text and "127.0.0.1" not in caplog.text


def test_a_forwarded_for_header_through_a_trusted_proxy_is_not_warned_of(direct_app, caplog):
    app = direct_app(TRUSTED_PROXIES=1)
    with caplog.at_level(logging.WARNING):
        app.test_client().get("/", headers={"X-Forwarded-For": CLIENT})
    assert warnings_in(caplog) == []
