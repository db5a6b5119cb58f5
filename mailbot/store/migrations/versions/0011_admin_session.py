"""admin sessions kept server-side, so logging out ends a session (the cookie alone is not enough)

Revision ID: 0011_admin_session
Revises: 0010_evidence_encrypted
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0011_admin_session'
down_revision = '0010_evidence_encrypted'
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
