"""Report table: the clinician's PDF, encrypted, one per submitted intake

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 10:06:43.784819

"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('report',
    sa.Column('intake_id', sa.Integer(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('catalogue_version', sa.String(length=20), nullable=False),
    sa.Column('rendered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['intake_id'], ['intake.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('intake_id')
    )


def downgrade():
    op.drop_table('report')
