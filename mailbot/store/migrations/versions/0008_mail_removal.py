"""mail_removal: an erased person's mail still to be removed from the mailbox and the outbox

Revision ID: 0008_mail_removal
Revises: 0007_erased_address
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0008_mail_removal'
down_revision = '0007_erased_address'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mail_removal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('place', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('message_id_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('uidvalidity', sa.BigInteger(), nullable=True),
    sa.Column('uid', sa.BigInteger(), nullable=True),
    sa.Column('outbox_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('done_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('removed', sa.Integer(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_mail_removal_request_id'), 'mail_removal', ['request_id'], unique=False)
    op.create_index(op.f('ix_mail_removal_place'), 'mail_removal', ['place'], unique=False)
    op.create_index(op.f('ix_mail_removal_done_at'), 'mail_removal', ['done_at'], unique=False)


def downgrade() -> None:
    op.drop_table('mail_removal')
