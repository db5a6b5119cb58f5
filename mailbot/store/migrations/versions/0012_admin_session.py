"""admin sessions kept server-side, so logging out ends a session (the cookie alone is not enough)

Revision ID: 0012_admin_session
Revises: 0011_delivery_queue_index
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0012_admin_session'
down_revision = '0011_delivery_queue_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'admin_session',
        sa.Column('id_hash', sa.String(length=64), primary_key=True),
        sa.Column('name', sa.String(length=64), nullable=False, index=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table('admin_session')
