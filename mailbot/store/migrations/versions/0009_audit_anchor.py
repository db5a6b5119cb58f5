"""audit anchor: the chain's length and newest hash, so a truncated tail is detected

Revision ID: 0009_audit_anchor
Revises: 0008_mail_removal
"""
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0009_audit_anchor'
down_revision = '0008_mail_removal'
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    anchor = op.create_table(
        'audit_anchor',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('events', sa.BigInteger(), nullable=False),
        sa.Column('head_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    connection = op.get_bind()
    count = connection.execute(sa.text("SELECT count(*) FROM audit_event")).scalar() or 0
    head = connection.execute(
        sa.text("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1")).scalar() or GENESIS
    op.bulk_insert(anchor, [{"id": 1, "events": count, "head_hash": head,
                             "updated_at": datetime.now(UTC)}])


def downgrade() -> None:
    op.drop_table('audit_anchor')
