"""What the tests share: a browser-like client for patients and staff, and the typical answers per page."""

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

import flask_migrate
from answer_sets import typical_patient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from screening import create_app, database_url
from screening.crypto import vault
from screening.models import Intake, db
from screening.questionnaire import QUESTIONS, SECTION_OF, SECTIONS
from screening.questionnaire.model import NOT_SURE_BOX
from screening.questionnaire.types import is_not_sure_box, type_of

# Every test runs on SQLite; when TEST_DATABASE_URL is set (CI sets it), on PostgreSQL too.
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')
SHOWN = re.compile(r'id="shown" name="shown" type="hidden" value="([^"]*)"')


def typical_answers() -> dict[str, dict]:
    """The typical patient (answer_sets.py) as posted page by page, keyed by section id."""
    return as_pages(typical_patient())


def as_pages(answers: dict) -> dict[str, dict]:
    """Stored answers as a browser posts them on each page: what the inputs hold, in the pages' order."""
    pages: dict[str, dict] = {section.id: {} for section in SECTIONS}
    for question_id, value in answers.items():
        question = QUESTIONS[question_id]
        page = pages[SECTION_OF[question_id].id]
        shape = type_of(question).shape
        if is_not_sure_box(question, value):
            page[question_id + NOT_SURE_BOX] = "y"
        elif shape == "rows":
            page.update({f"{question_id}-{number}-{column.id}": type_of(column).in_box(row[column.id])
                         for number, row in enumerate(value) for column in question.columns if column.id in row})
        else:
            in_box = type_of(question).in_box
            page[question_id] = [in_box(item) for item in value] if shape == "many" else in_box(value)
    return pages


def shown_on(html: str) -> set[str]:
    """The questions a step page shows (its `shown` list); the page may also hold others, hidden until an answer on
    it opens them."""
    return set(SHOWN.search(html).group(1).split())


def hidden_on(html: str) -> set[str]:
    """The questions a step page holds hidden, for its script to reveal in place."""
    return {question_id for box in re.findall(r'data-question="([^"]+)" hidden', html) for question_id in box.split()}


class Patient:
    """Drives the intake as a browser would: reads each page, then posts its form with the CSRF token."""

    def __init__(self, client):
        self.client = client

    def token(self, html: str) -> str:
        match = CSRF.search(html)
        assert match, "page has no CSRF token"
        return match.group(1) or match.group(2)

    def start(self):
        page = self.client.get("/")
        return self.client.post("/start", data={"csrf_token": self.token(page.text)})

    def page(self, section_id: str, **query):
        return self.client.get(f"/step/{section_id}", query_string=query)

    def answer(self, section_id: str, data: dict, action: str = "next", **query):
        page = self.page(section_id, **query)
        assert page.status_code == 200, page.status_code
        shown = SHOWN.search(page.text).group(1)
        form = {"csrf_token": self.token(page.text), "shown": shown, "action": action, **data}
        return self.client.post(f"/step/{section_id}", data=form, query_string=query)

    def post_form(self, path: str, data: dict | None = None, page: str | None = None):
        html = self.client.get(page or path).text
        return self.client.post(path, data={"csrf_token": self.token(html), **(data or {})})

    def complete(self, answers: dict[str, dict] | None = None):
        """Answer every section in order; returns the last response."""
        answers = answers or typical_answers()
        self.start()
        response = None
        for section_id, data in answers.items():
            response = self.answer(section_id, data)
            shows_code = section_id == "about_you" and response.status_code == 200 and "resume-code" in response.text
            assert response.status_code == 302 or shows_code, (section_id, response.status_code, response.text[:2000])
        return response

    def submit(self):
        return self.post_form("/submit", page="/review")


def is_checked(html: str, name: str, value: str) -> bool:
    """Whether the page shows the radio button or checkbox `name`=`value` as chosen."""
    for tag in re.findall(r"<input [^>]*>", html):
        if f'name="{name}"' in tag and f'value="{value}"' in tag:
            return " checked" in tag
    raise AssertionError(f"no input {name}={value} on the page")


STAFF_PASSWORD = "a long staff password"


class Staff:
    """A staff member's browser: signs in through the real form, then reads and posts pages."""

    def __init__(self, client, email: str):
        self.client = client
        self.email = email
        self.browser = Patient(client)

    def sign_in(self, password: str = STAFF_PASSWORD):
        return self.browser.post_form("/staff/sign-in", {"email": self.email, "password": password})

    def post(self, path: str, data: dict | None = None, page: str = "/staff/"):
        return self.browser.post_form(path, data, page=page)


def fresh_postgres_database(url: str) -> str:
    """Drop and create the test database, so every run starts from an empty schema."""
    target = make_url(database_url_for(url))
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()
    return url


def database_url_for(url: str) -> str:
    class Holder:
        config = {"DATABASE_URL": url}
        instance_path = ""

    return database_url(Holder)


def intake_at_revision(answers: dict, sent: bool) -> int:
    """Store an intake on a database at an earlier revision, writing only columns every revision has (the model may
    hold columns a later migration adds); its id."""
    row = db.insert(Intake).values(answers=vault().encrypt(answers), submitted_at=db.func.now() if sent else None)
    intake_id = db.session.execute(row).inserted_primary_key[0]
    db.session.commit()
    return intake_id


def answers_at_revision(intake_id: int):
    """An intake's stored answers, decrypted, read alone, as intake_at_revision writes them."""
    return vault().decrypt(db.session.scalar(db.select(Intake.answers).where(Intake.id == intake_id)))


@contextmanager
def app_at_revision(backend: str, revision: str, folder) -> Iterator:
    """An app on a fresh database migrated only up to `revision`: old rows are written there, then a data
    migration after it is run over them."""
    if backend == "sqlite":
        url = f"sqlite:///{folder / f'at_{revision}.db'}"
    else:
        base = make_url(os.environ["TEST_DATABASE_URL"])
        url = fresh_postgres_database(base.set(database=f"{base.database}_at_{revision}").render_as_string(False))
    app = create_app({"DATABASE_URL": url})
    with app.app_context():
        flask_migrate.upgrade(revision=revision)
    yield app
    with app.app_context():
        db.engine.dispose()


def load_answers(runner, folder, content, name: str = "answers.json"):
    """`flask load-answers` given a file of `content` (answers or a FHIR response; a string as it is)."""
    path = folder / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return runner.invoke(args=["load-answers", str(path)])
