"""Fixtures in the style of Flask's tutorial: an app on a real, migrated database, a client, a runner.

Every test runs on SQLite; when TEST_DATABASE_URL is set (CI sets it), on PostgreSQL too.
"""

import os

import flask_migrate
import pytest
from helpers import BACKENDS, STAFF_PASSWORD, Patient, Staff, fresh_postgres_database, typical_answers

from screening import create_app
from screening.extensions import limiter
from screening.models import db


def pytest_collection_modifyitems(config, items):
    """A test marked postgresql_only runs once, on PostgreSQL; without TEST_DATABASE_URL it shows as skipped."""
    sqlite_copies = [item for item in items if item.get_closest_marker("postgresql_only")
                     and getattr(item, "callspec", None) and item.callspec.params.get("database") == "sqlite"]
    if "postgresql" in BACKENDS:
        config.hook.pytest_deselected(items=sqlite_copies)
        items[:] = [item for item in items if item not in sqlite_copies]
    else:
        for item in sqlite_copies:
            item.add_marker(pytest.mark.skip(reason="needs TEST_DATABASE_URL (CI sets it when PostgreSQL runs)"))


@pytest.fixture(scope="session", params=BACKENDS)
def database(request, tmp_path_factory):
    """A database URL whose schema was built by the migrations, once per backend and run."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'screening.db'}"
    else:
        url = fresh_postgres_database(os.environ["TEST_DATABASE_URL"])
    app = create_app({"DATABASE_URL": url})
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    return url


@pytest.fixture
def app(database):
    app = create_app({"DATABASE_URL": database, "CLINIC_PHONE": "555 010 0100"})
    yield app
    limiter.reset()
    with app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def patient(client):
    return Patient(client)


@pytest.fixture
def answers():
    return typical_answers()


@pytest.fixture
def make_staff(app):
    from screening.staff import accounts

    def make(email: str = "nurse@clinic.test", role: str = "staff", signed_in: bool = True) -> Staff:
        with app.app_context():
            accounts.create(email, STAFF_PASSWORD, role)
        member = Staff(app.test_client(), email)
        if signed_in:
            assert member.sign_in().status_code == 302
        return member

    return make
