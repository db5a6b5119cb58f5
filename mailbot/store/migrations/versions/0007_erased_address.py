"""erased addresses: the blind index an erasure keeps so an import never undoes it

Revision ID: 0007_erased_address
Revises: 0006_confirmation_attempts
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0007_erased_address'
down_revision = '0006_confirmation_attempts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'erased_address',
        sa.Column('email_index', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('erased_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('email_index'),
    )


def downgrade() -> None:
    op.drop_table('erased_address')
