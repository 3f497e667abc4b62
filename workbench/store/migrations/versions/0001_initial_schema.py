"""initial schema

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import workbench.store.types

revision: str = "0001_initial"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""

    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("canonical_url", sa.String(length=2048), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("publisher", sa.String(length=300), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("author", sa.String(length=500), nullable=True),
        sa.Column("published_at", workbench.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("retrieved_at", workbench.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("input_hash", sa.String(length=64), nullable=True),
        sa.Column("input_name", sa.String(length=2048), nullable=True),
        sa.Column("provenance", sa.Text(), nullable=True),
        sa.Column("created_at", workbench.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
        sa.UniqueConstraint("canonical_url", name=op.f("uq_article_canonical_url")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_article_content_hash")),
    )
    op.create_table(
        "rating_scale",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("worst", sa.Float(), nullable=False),
        sa.Column("best", sa.Float(), nullable=False),
        sa.Column(
            "labels",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("created_at", workbench.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rating_scale")),
        sa.UniqueConstraint("name", name=op.f("uq_rating_scale_name")),
    )
    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("role", sa.String(length=500), nullable=True),
        sa.Column("affiliation", sa.String(length=500), nullable=True),
        sa.Column("country", sa.String(length=100), nullable=True),
        sa.Column(
            "descriptors",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "same_as",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("created_at", workbench.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["source.id"],
            name=op.f("fk_source_merged_into_id_source"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
    )
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_kind"), ["kind"], unique=False)

    op.create_table(
        "claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("checkworthiness", sa.Float(), nullable=True),
        sa.Column(
            "features",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "numbers",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("matching_key", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("assignee", sa.String(length=200), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("original_text", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=True),
        sa.Column("created_at", workbench.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", workbench.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_claim_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["claim.id"], name=op.f("fk_claim_parent_id_claim"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim")),
    )
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_status"), ["status"], unique=False)

    op.create_table(
        "related_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("lead", sa.Text(), nullable=True),
        sa.Column("item_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_related_item_article_id_article"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_related_item")),
    )
    with op.batch_alter_table("related_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_related_item_article_id"), ["article_id"], unique=False
        )

    op.create_table(
        "source_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=500), nullable=False),
        sa.Column("normalised", sa.String(length=500), nullable=False),
        sa.Column("skeleton", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_source_alias_source_id_source"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_alias")),
        sa.UniqueConstraint("source_id", "alias", name=op.f("uq_source_alias_source_id")),
    )
    with op.batch_alter_table("source_alias", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_source_alias_normalised"), ["normalised"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_source_alias_skeleton"), ["skeleton"], unique=False)
        batch_op.create_index(batch_op.f("ix_source_alias_source_id"), ["source_id"], unique=False)

    op.create_table(
        "attribution",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("cue", sa.String(length=200), nullable=True),
        sa.Column("quote_type", sa.String(length=16), nullable=True),
        sa.Column("content_start", sa.Integer(), nullable=True),
        sa.Column("content_end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claim.id"],
            name=op.f("fk_attribution_claim_id_claim"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribution")),
        sa.UniqueConstraint("claim_id", name=op.f("uq_attribution_claim_id")),
    )
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("excerpt", sa.Text(), nullable=True),
        sa.Column("retrieved_at", workbench.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("content_sha256", sa.String(length=64), nullable=True),
        sa.Column("archive_url", sa.String(length=2048), nullable=True),
        sa.Column("archive_state", sa.String(length=16), nullable=False),
        sa.Column("archive_error", sa.Text(), nullable=True),
        sa.Column("added_by", sa.String(length=200), nullable=True),
        sa.Column("created_at", workbench.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claim.id"], name=op.f("fk_evidence_claim_id_claim"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_archive_state"), ["archive_state"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_evidence_claim_id"), ["claim_id"], unique=False)

    op.create_table(
        "factcheck",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=500), nullable=True),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("claim_text", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("rating_label", sa.String(length=200), nullable=True),
        sa.Column("rating_value", sa.Float(), nullable=True),
        sa.Column("publisher", sa.String(length=300), nullable=True),
        sa.Column("claimant", sa.String(length=500), nullable=True),
        sa.Column("claim_date", sa.Date(), nullable=True),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("matching_key", sa.Text(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("created_at", workbench.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", workbench.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claim.id"],
            name=op.f("fk_factcheck_claim_id_claim"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_factcheck")),
        sa.UniqueConstraint("external_id", name=op.f("uq_factcheck_external_id")),
    )
    with op.batch_alter_table("factcheck", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_factcheck_url"), ["url"], unique=False)

    op.create_table(
        "verdict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("rating_key", sa.String(length=100), nullable=False),
        sa.Column("rating_label", sa.String(length=200), nullable=False),
        sa.Column("rating_value", sa.Float(), nullable=True),
        sa.Column("scale_name", sa.String(length=100), nullable=False),
        sa.Column("scale_worst", sa.Float(), nullable=True),
        sa.Column("scale_best", sa.Float(), nullable=True),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("no_evidence_reason", sa.Text(), nullable=True),
        sa.Column("created_at", workbench.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claim.id"], name=op.f("fk_verdict_claim_id_claim"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verdict")),
        sa.UniqueConstraint("claim_id", "sequence", name=op.f("uq_verdict_claim_id")),
    )
    with op.batch_alter_table("verdict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_verdict_claim_id"), ["claim_id"], unique=False)

    op.create_table(
        "attribution_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attribution_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("role", sa.String(length=500), nullable=True),
        sa.Column(
            "descriptors",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["attribution_id"],
            ["attribution.id"],
            name=op.f("fk_attribution_link_attribution_id_attribution"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["source.id"],
            name=op.f("fk_attribution_link_source_id_source"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribution_link")),
        sa.UniqueConstraint(
            "attribution_id", "position", name=op.f("uq_attribution_link_attribution_id")
        ),
    )
    with op.batch_alter_table("attribution_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attribution_link_attribution_id"), ["attribution_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_attribution_link_source_id"), ["source_id"], unique=False
        )

    op.create_table(
        "match_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("factcheck_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("method", sa.String(length=50), nullable=False),
        sa.Column("tier", sa.String(length=16), nullable=False),
        sa.Column(
            "flags",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", workbench.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", workbench.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claim.id"],
            name=op.f("fk_match_link_claim_id_claim"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["factcheck_id"],
            ["factcheck.id"],
            name=op.f("fk_match_link_factcheck_id_factcheck"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_link")),
        sa.UniqueConstraint("claim_id", "factcheck_id", name=op.f("uq_match_link_claim_id")),
    )
    with op.batch_alter_table("match_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_match_link_claim_id"), ["claim_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_match_link_factcheck_id"), ["factcheck_id"], unique=False
        )


def downgrade() -> None:
    """Revert this migration."""

    with op.batch_alter_table("match_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_match_link_factcheck_id"))
        batch_op.drop_index(batch_op.f("ix_match_link_claim_id"))

    op.drop_table("match_link")
    with op.batch_alter_table("attribution_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attribution_link_source_id"))
        batch_op.drop_index(batch_op.f("ix_attribution_link_attribution_id"))

    op.drop_table("attribution_link")
    with op.batch_alter_table("verdict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_verdict_claim_id"))

    op.drop_table("verdict")
    with op.batch_alter_table("factcheck", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_factcheck_url"))

    op.drop_table("factcheck")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_claim_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_archive_state"))

    op.drop_table("evidence")
    op.drop_table("attribution")
    with op.batch_alter_table("source_alias", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_alias_source_id"))
        batch_op.drop_index(batch_op.f("ix_source_alias_skeleton"))
        batch_op.drop_index(batch_op.f("ix_source_alias_normalised"))

    op.drop_table("source_alias")
    with op.batch_alter_table("related_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_related_item_article_id"))

    op.drop_table("related_item")
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_status"))
        batch_op.drop_index(batch_op.f("ix_claim_article_id"))

    op.drop_table("claim")
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_kind"))

    op.drop_table("source")
    op.drop_table("rating_scale")
    op.drop_table("article")
