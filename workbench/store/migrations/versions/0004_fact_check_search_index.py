"""Fact-check search index: title key, local rating key, FTS5 (SQLite) or GIN indexes (PostgreSQL)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = [
    # External-content FTS5 over the stored keys: the text lives once, in factcheck.
    """CREATE VIRTUAL TABLE factcheck_fts USING fts5(
        matching_key, title_key, content='factcheck', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER factcheck_fts_insert AFTER INSERT ON factcheck BEGIN
        INSERT INTO factcheck_fts(rowid, matching_key, title_key)
        VALUES (new.id, new.matching_key, new.title_key); END""",
    """CREATE TRIGGER factcheck_fts_delete AFTER DELETE ON factcheck BEGIN
        INSERT INTO factcheck_fts(factcheck_fts, rowid, matching_key, title_key)
        VALUES ('delete', old.id, old.matching_key, old.title_key); END""",
    """CREATE TRIGGER factcheck_fts_update AFTER UPDATE OF matching_key, title_key ON factcheck
        BEGIN
        INSERT INTO factcheck_fts(factcheck_fts, rowid, matching_key, title_key)
        VALUES ('delete', old.id, old.matching_key, old.title_key);
        INSERT INTO factcheck_fts(rowid, matching_key, title_key)
        VALUES (new.id, new.matching_key, new.title_key); END""",
    "INSERT INTO factcheck_fts(factcheck_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS factcheck_fts_update",
    "DROP TRIGGER IF EXISTS factcheck_fts_delete",
    "DROP TRIGGER IF EXISTS factcheck_fts_insert",
    "DROP TABLE IF EXISTS factcheck_fts",
]
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # The expression must match workbench.store.archive.PG_SEARCH_VECTOR exactly.
    """CREATE INDEX ix_search_factcheck_tsv ON factcheck USING gin (
        (setweight(to_tsvector('simple', coalesce(title_key, '')), 'A')
         || setweight(to_tsvector('simple', matching_key), 'B')))""",
    "CREATE INDEX ix_search_factcheck_trgm ON factcheck USING gin (matching_key gin_trgm_ops)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS ix_search_factcheck_trgm",
    "DROP INDEX IF EXISTS ix_search_factcheck_tsv",
]


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("factcheck", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title_key", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("rating_key", sa.String(length=100), nullable=True))
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_UP if dialect == "sqlite" else POSTGRES_UP:
        op.execute(statement)


def downgrade() -> None:
    """Revert this migration."""
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_DOWN if dialect == "sqlite" else POSTGRES_DOWN:
        op.execute(statement)
    with op.batch_alter_table("factcheck", schema=None) as batch_op:
        batch_op.drop_column("rating_key")
        batch_op.drop_column("title_key")
