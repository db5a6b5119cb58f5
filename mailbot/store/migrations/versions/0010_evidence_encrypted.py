"""evidence encrypted: the phrases quoted from mail are personal data like the mail itself

Revision ID: 0010_evidence_encrypted
Revises: 0009_audit_anchor

The plaintext column is dropped with what it held: a migration has no keys to encrypt it
with, and leaving it would keep exactly the data this change removes. Requests still in
review show no evidence; the message itself (raw_enc) is unaffected.
"""
import sqlalchemy as sa
from alembic import op

revision = '0010_evidence_encrypted'
down_revision = '0009_audit_anchor'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('privacy_request') as batch_op:
        batch_op.add_column(sa.Column('evidence_enc', sa.LargeBinary(), nullable=True))
        batch_op.drop_column('evidence')


def downgrade() -> None:
    with op.batch_alter_table('privacy_request') as batch_op:
        batch_op.add_column(sa.Column('evidence', sa.JSON(), nullable=False,
                                      server_default='[]'))
        batch_op.drop_column('evidence_enc')
