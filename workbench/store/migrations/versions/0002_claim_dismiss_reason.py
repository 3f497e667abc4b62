"""claim dismiss reason

Revision ID: 0002
Revises: 0001_initial
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""

    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dismiss_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    """Revert this migration."""

    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_column("dismiss_reason")
