"""Answers version: a save of a draft's answers is written only over the version it read

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.add_column(sa.Column('answers_version', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.drop_column('answers_version')
