"""Migration 0013: intakes sent before names were indexed in plain letters are found by a name typed without its
accents or with a straight apostrophe, as those sent after are."""

import flask_migrate
import pytest
from answer_sets import nothing_of_note
from helpers import BACKENDS, app_at_revision, intake_at_revision

from screening.crypto import vault
from screening.models import Intake, NameToken, db
from screening.staff.search_index import name_words, search_condition

NAME = "José Müller-O’Brien"


@pytest.fixture(params=BACKENDS)
def sent_before(request, tmp_path):
    """A database at 0012 holding an intake sent then: its name indexed only as written."""
    with app_at_revision(request.param, "0012", tmp_path) as app, app.app_context():
        intake_id = intake_at_revision({**nothing_of_note(), "full_name": NAME}, sent=True)
        db.session.add_all(NameToken(intake_id=intake_id, token_hash=vault().lookup_hash("name:" + word))
                           for word in name_words(NAME))
        db.session.commit()
        yield app, intake_id


def found(typed: str) -> list[int]:
    return list(db.session.scalars(db.select(Intake.id).where(search_condition(typed))))


def test_an_intake_sent_before_is_found_in_plain_letters_after_the_migration(sent_before):
    app, intake_id = sent_before
    assert found("müller") == [intake_id] and found("muller") == [], "before: as written only"
    flask_migrate.upgrade(revision="0013")
    for typed in ("muller", "jose", "obrien", "O'Brien", "müller", "o’brien"):
        assert found(typed) == [intake_id], typed


def test_the_migration_adds_each_hash_once_and_runs_again_without_change(sent_before):
    app, intake_id = sent_before
    flask_migrate.upgrade(revision="0013")
    tokens = db.session.scalar(db.select(db.func.count()).select_from(NameToken))
    flask_migrate.downgrade(revision="0012")
    flask_migrate.upgrade(revision="0013")
    assert db.session.scalar(db.select(db.func.count()).select_from(NameToken)) == tokens == 6
