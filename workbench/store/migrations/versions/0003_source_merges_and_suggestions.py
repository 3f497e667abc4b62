"""source merges and suggestions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op
from sqlalchemy.dialects import postgresql

import workbench.store.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""

    op.create_table(
        "source_merge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("into_id", sa.Integer(), nullable=False),
        sa.Column(
            "moved_link_ids",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("merged_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("merged_at", workbench.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("undone_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("undone_at", workbench.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["into_id"],
            ["source.id"],
            name=op.f("fk_source_merge_into_id_source"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_source_merge_source_id_source"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_merge")),
    )
    with op.batch_alter_table("source_merge", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_merge_into_id"), ["into_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_source_merge_source_id"), ["source_id"], unique=False)

    op.create_table(
        "source_suggestion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("decided_by", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("decided_at", workbench.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", workbench.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["source.id"],
            name=op.f("fk_source_suggestion_candidate_id_source"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_source_suggestion_source_id_source"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_suggestion")),
        sa.UniqueConstraint(
            "source_id", "candidate_id", name=op.f("uq_source_suggestion_source_id")
        ),
    )
    with op.batch_alter_table("source_suggestion", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_source_suggestion_candidate_id"), ["candidate_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_source_suggestion_source_id"), ["source_id"], unique=False
        )

    with op.batch_alter_table("related_item", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "attribution",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                nullable=True,
            )
        )


def downgrade() -> None:
    """Revert this migration."""

    with op.batch_alter_table("related_item", schema=None) as batch_op:
        batch_op.drop_column("attribution")

    with op.batch_alter_table("source_suggestion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_suggestion_source_id"))
        batch_op.drop_index(batch_op.f("ix_source_suggestion_candidate_id"))

    op.drop_table("source_suggestion")
    with op.batch_alter_table("source_merge", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_merge_source_id"))
        batch_op.drop_index(batch_op.f("ix_source_merge_into_id"))

    op.drop_table("source_merge")
