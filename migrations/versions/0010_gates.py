"""Answers format 2: gate questions before the heart, blood-vessel, mind, head and body conditions

A data migration: each intake's answers (drafts and submitted alike) are decrypted with the app's vault,
given the gate answers their condition answers imply (screening/questionnaire/answers_format.py) and
encrypted again. Without it a stored "Yes" to a condition would be dropped as not shown at the next save.
The schema does not change; after this revision every stored answers object is in format 2.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 19:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from flask import current_app

from screening.questionnaire.answers_format import downgrade_2_to_1 as to_format_1, upgrade_1_to_2 as to_format_2

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

intake = sa.table('intake', sa.column('id', sa.Integer), sa.column('answers', sa.LargeBinary))


def upgrade():
    _rewrite(to_format_2)


def downgrade():
    _rewrite(to_format_1)


def _rewrite(change):
    """Each intake's answers changed by `change`, written back (encrypted) only where they differ."""
    vault = current_app.extensions["screening.vault"]
    connection = op.get_bind()
    for intake_id, token in connection.execute(sa.select(intake.c.id, intake.c.answers)).all():
        answers = vault.decrypt(token)
        changed = change(answers)
        if changed != answers:
            connection.execute(
                sa.update(intake).where(intake.c.id == intake_id).values(answers=vault.encrypt(changed))
            )
