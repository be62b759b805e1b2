"""Hardening: a session version per staff account, and the receipt of the patient's own copy on the server

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 18:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.add_column(sa.Column('receipt_id', sa.String(length=40), nullable=True))


def downgrade():
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.drop_column('receipt_id')
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.drop_column('session_version')
