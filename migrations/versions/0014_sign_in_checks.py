"""Sign-in checks: a staff password being checked now, counted with the failures, so that attempts sent at the same
moment cannot all pass the limits before any of them is counted

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-24 06:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sign_in_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('address_hash', sa.String(length=64), nullable=False),
    sa.Column('account_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sign_in_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_check_account_hash'), ['account_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_check_address_hash'), ['address_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_in_check_started_at'), ['started_at'], unique=False)


def downgrade():
    op.drop_table('sign_in_check')
