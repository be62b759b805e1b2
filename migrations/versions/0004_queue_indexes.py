"""Queue indexes: the queue's own order on PostgreSQL (urgent, soonest visit, nulls last), counts by level

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 11:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.drop_index('ix_intake_queue')
    if op.get_bind().dialect.name == 'postgresql':
        op.create_index('ix_intake_queue', 'intake',
                        [sa.text('urgent DESC'), sa.text('consultation_date ASC NULLS LAST'), 'submitted_at'],
                        postgresql_where=sa.text('submitted_at IS NOT NULL'))
    else:
        op.create_index('ix_intake_queue_sqlite', 'intake', ['urgent', 'consultation_date', 'submitted_at'])
    op.create_index('ix_intake_level', 'intake', ['top_level', 'submitted_at'])


def downgrade():
    op.drop_index('ix_intake_level', table_name='intake')
    if op.get_bind().dialect.name == 'postgresql':
        op.drop_index('ix_intake_queue', table_name='intake')
    else:
        op.drop_index('ix_intake_queue_sqlite', table_name='intake')
    op.create_index('ix_intake_queue', 'intake', ['submitted_at', 'urgent', 'consultation_date'])
