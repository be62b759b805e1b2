"""Intake table: one row per intake, answers encrypted

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 09:43:37.360330

"""
from alembic import op
import sqlalchemy as sa

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('intake',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=40), nullable=False),
    sa.Column('resume_hash', sa.String(length=64), nullable=True),
    sa.Column('answers', sa.LargeBinary(), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('consultation_date', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('public_id'),
    sa.UniqueConstraint('resume_hash')
    )
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intake_consultation_date'), ['consultation_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_intake_submitted_at'), ['submitted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_intake_urgent'), ['urgent'], unique=False)



def downgrade():
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intake_urgent'))
        batch_op.drop_index(batch_op.f('ix_intake_submitted_at'))
        batch_op.drop_index(batch_op.f('ix_intake_consultation_date'))

    op.drop_table('intake')
