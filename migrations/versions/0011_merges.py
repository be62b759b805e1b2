"""Answers format 3: a treatments checklist, three more gates, one medicines question, the last reading's time

A data migration like 0010: each intake's answers (drafts and submitted alike) are decrypted with the app's vault,
rewritten by screening/questionnaire/answers_format.py (upgrade_2_to_3: the five treatment answers become
`treatments_tried`, the three new gates are added as their conditions answer them, recovery medicines and
blood-pressure treatment move into `medicine_classes`, "No" to knowing the last reading becomes "I don't know my
last reading", a therapist now goes where talk therapy was not had) and encrypted again. Without it the old answers
would be dropped as unknown or not shown at the next save. The schema does not change.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-24 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from flask import current_app

from screening.questionnaire.answers_format import downgrade_3_to_2, upgrade_2_to_3

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

intake = sa.table('intake', sa.column('id', sa.Integer), sa.column('answers', sa.LargeBinary))


def upgrade():
    _rewrite(upgrade_2_to_3)


def downgrade():
    _rewrite(downgrade_3_to_2)


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
