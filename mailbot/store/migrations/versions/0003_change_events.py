"""change events, their deliveries, external customer ids, exportable suppressions

Revision ID: 0003_change_events
Revises: 0002_delivery_dates
Create Date: 2026-12-04 17:10:00
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0003_change_events'
down_revision = '0002_delivery_dates'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('change_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('subject_index', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('data_enc', sa.LargeBinary(), nullable=True),
    sa.Column('occurred_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('fanned_out', sa.Boolean(), nullable=False),
    sa.Column('scrubbed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('change_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_event_type'), ['type'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_event_subject_index'), ['subject_index'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_event_occurred_at'), ['occurred_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_event_fanned_out'), ['fanned_out'], unique=False)

    op.create_table('event_delivery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('destination', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('subject_index', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('delivered_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['change_event.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_id', 'destination')
    )
    with op.batch_alter_table('event_delivery', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_delivery_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_delivery_destination'), ['destination'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_delivery_subject_index'), ['subject_index'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_delivery_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_delivery_next_attempt_at'), ['next_attempt_at'], unique=False)

    op.create_table('event_destination',
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('last_success_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('failing_since', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.PrimaryKeyConstraint('name')
    )

    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('external_index', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column('external_id_enc', sa.LargeBinary(), nullable=True))
        batch_op.create_index(batch_op.f('ix_customer_external_index'), ['external_index'], unique=True)

    with op.batch_alter_table('suppression', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_enc', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('email_sha256_enc', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('suppression', schema=None) as batch_op:
        batch_op.drop_column('email_sha256_enc')
        batch_op.drop_column('email_enc')
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_external_index'))
        batch_op.drop_column('external_id_enc')
        batch_op.drop_column('external_index')
    op.drop_table('event_destination')
    op.drop_table('event_delivery')
    op.drop_table('change_event')
