"""Alembic environment: runs migrations on the connection of a workbench Database."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, create_engine

from workbench.store import models
from workbench.store.database import Database

config = context.config
target_metadata = models.metadata


SEARCH_OBJECT_PREFIXES = ("factcheck_fts", "ix_search_")
"""Full-text search objects made by raw SQL in migrations (FTS5 tables, GIN indexes)."""


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave the search objects out of autogenerate: the models do not describe them."""
    return not (name and name.startswith(SEARCH_OBJECT_PREFIXES))


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate the database handed over by the workbench, or the one in WORKBENCH_DB."""
    database: Database | None = config.attributes.get("database")
    if database is not None:
        with database.engine.begin() as connection:
            _run(connection)
        return
    url = os.environ.get("WORKBENCH_DB")
    if not url:
        raise SystemExit("set WORKBENCH_DB to the database URL to migrate")
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        _run(connection)


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; give a database URL")
run_migrations_online()
