"""Name search in plain letters for intakes sent before: each word of a sent intake's name is indexed in plain
letters too ("Müller" as "muller", "O’Brien" as "obrien"), as a submission now does (staff/search_index.py), so
staff typing on a US keyboard find the intakes sent before that change as well as those sent after.

A data migration: each indexed intake's answers are decrypted with the app's vault to read the name, and the
missing keyed hashes are added; no name is written in clear. Downgrade leaves the extra hashes: the search before
this change looks up only the name as written, which they do not change.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-24 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from flask import current_app

from screening.staff.search_index import name_hashes, name_words

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

intake = sa.table('intake', sa.column('id', sa.Integer), sa.column('answers', sa.LargeBinary))
name_token = sa.table('name_token', sa.column('intake_id', sa.Integer), sa.column('token_hash', sa.String))


def upgrade():
    vault = current_app.extensions["screening.vault"]
    connection = op.get_bind()
    indexed = sa.select(name_token.c.intake_id).distinct()
    for intake_id, token in connection.execute(
            sa.select(intake.c.id, intake.c.answers).where(intake.c.id.in_(indexed))).all():
        have = set(connection.scalars(sa.select(name_token.c.token_hash).where(name_token.c.intake_id == intake_id)))
        words = name_words(vault.decrypt(token).get("full_name", ""))
        wanted = {hashed for word in words for hashed in name_hashes(word)}
        missing = sorted(wanted - have)
        if missing:
            connection.execute(sa.insert(name_token), [{"intake_id": intake_id, "token_hash": hashed}
                                                       for hashed in missing])


def downgrade():
    """The hashes in plain letters stay: the search before this change looks up names as written, which they leave
    alone, and telling them from a name that is written in plain letters would need every name decrypted again."""
