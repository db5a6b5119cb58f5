"""when mail was delivered and a request received: deadlines count from them

Revision ID: 0002_delivery_dates
Revises: 0001
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0002_delivery_dates'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inbound_message') as batch:
        batch.add_column(sa.Column('delivered_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    with op.batch_alter_table('privacy_request') as batch:
        batch.add_column(sa.Column('received_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('privacy_request') as batch:
        batch.drop_column('received_at')
    with op.batch_alter_table('inbound_message') as batch:
        batch.drop_column('delivered_at')
