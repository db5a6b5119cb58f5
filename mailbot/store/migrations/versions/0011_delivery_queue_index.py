"""event_delivery: one index for "the next due row of a destination, in order per person"

Revision ID: 0011_delivery_queue_index
Revises: 0010_evidence_encrypted
Create Date: 2026-12-04 17:30:00
"""
from alembic import op

revision = '0011_delivery_queue_index'
down_revision = '0010_evidence_encrypted'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Without it, PostgreSQL plans the "no earlier pending event of this person" check as a
    # nested loop over every pending row while its statistics are fresh (quadratic: minutes
    # for a 10,000-event backlog).
    op.create_index('ix_event_delivery_queue', 'event_delivery',
                    ['destination', 'subject_index', 'state', 'event_id'])


def downgrade() -> None:
    op.drop_index('ix_event_delivery_queue', table_name='event_delivery')
