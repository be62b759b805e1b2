"""Alerts: intakes that need attention now, and each alert's delivery by email or webhook

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 18:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'attention',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('intake_id', sa.Integer(), nullable=False),
        sa.Column('raised_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('marks', sa.LargeBinary(), nullable=False),
        sa.Column('escalated_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('acknowledged_by_id', sa.Integer(), nullable=True),
        sa.Column('outcome', sa.String(length=20), nullable=True),
        sa.Column('note', sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(['intake_id'], ['intake.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['acknowledged_by_id'], ['staff_user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('attention', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attention_intake_id'), ['intake_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attention_acknowledged_at'), ['acknowledged_at'], unique=False)

    op.create_table(
        'alert_delivery',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attention_id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=10), nullable=False),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('next_try_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
        sa.Column('last_tried_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_error_type', sa.String(length=80), nullable=True),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['attention_id'], ['attention.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('alert_delivery', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_delivery_attention_id'), ['attention_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_delivery_next_try_at'), ['next_try_at'], unique=False)


def downgrade():
    op.drop_table('alert_delivery')
    op.drop_table('attention')
