"""Resume failures: wrong dates of birth counted per code, which stops working after too many

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 10:51:27.168866

"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resume_failures', sa.Integer(), server_default='0', nullable=False))



def downgrade():
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.drop_column('resume_failures')

