"""index own fact-checks by claim

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""

    with op.batch_alter_table("factcheck", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_factcheck_claim_id"), ["claim_id"], unique=False)


def downgrade() -> None:
    """Revert this migration."""

    with op.batch_alter_table("factcheck", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_factcheck_claim_id"))
