"""Consent wording: each wording of step 1's consent a patient agreed to, kept once, and the one each intake's
patient agreed to

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-24 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'consent_wording',
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('first_agreed_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('digest'),
    )
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_wording', sa.String(length=64), nullable=True))
        batch_op.create_foreign_key('fk_intake_consent_wording', 'consent_wording', ['consent_wording'], ['digest'])


def downgrade():
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.drop_constraint('fk_intake_consent_wording', type_='foreignkey')
        batch_op.drop_column('consent_wording')
    op.drop_table('consent_wording')
