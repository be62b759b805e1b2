"""PDF requests: when an intake's clinician PDF was asked of the worker (PDF_WORKER), cleared once stored

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 11:32:11.705336

"""
from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pdf_requested_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_intake_pdf_requested_at'), ['pdf_requested_at'], unique=False)


def downgrade():
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intake_pdf_requested_at'))
        batch_op.drop_column('pdf_requested_at')
