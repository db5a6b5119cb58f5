"""when a reply failed for good: its text is kept for a retry until the purge

Revision ID: 0005_reply_failed_at
Revises: 0004_key_check
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0005_reply_failed_at'
down_revision = '0004_key_check'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(sa.Column('failed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.drop_column('failed_at')
