"""privacy_request.confirm_failures: failed confirmation attempts per request

Revision ID: 0006_confirmation_attempts
Revises: 0005_reply_failed_at
Create Date: 2026-12-04 17:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0006_confirmation_attempts'
down_revision = '0005_reply_failed_at'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('privacy_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confirm_failures', sa.Integer(), nullable=False,
                                      server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('privacy_request', schema=None) as batch_op:
        batch_op.drop_column('confirm_failures')
