"""key check: which keyring this database belongs to

Revision ID: 0004_key_check
Revises: 0003_change_events
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0004_key_check'
down_revision = '0003_change_events'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'key_check',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('index_check', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('check_enc', sa.LargeBinary(), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('key_check')
