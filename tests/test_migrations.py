"""The migrations build exactly the schema the models describe, on every database the suite runs on."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from screening.models import db, indexes_for


def test_migrations_match_the_models(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": indexes_for(connection.dialect.name)}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []
