"""Schema migrations with Alembic: the only thing that creates or changes tables."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from workbench.store.database import Database, DatabaseError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(database: Database | None = None) -> Config:
    """An Alembic configuration for our migrations, bound to `database` when given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if database is not None:
        config.attributes["database"] = database
    return config


def head_revision() -> str | None:
    """The newest migration shipped with this version."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(database: Database) -> str | None:
    """The migration the database is at (None for an empty database)."""
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextlib.contextmanager
def _sqlite_migration_lock(database: Database) -> Iterator[None]:
    """Serialise schema upgrades of one SQLite file across processes."""
    path = database.url.database
    if database.dialect != "sqlite" or not path or path == ":memory:":
        yield
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    with open(f"{path}.migrate-lock", "a+b") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def upgrade(database: Database, revision: str = "head") -> None:
    """Bring the schema to `revision` (the newest by default)."""
    if revision == "head" and current_revision(database) == head_revision():
        return
    with _sqlite_migration_lock(database):
        command.upgrade(alembic_config(database), revision)


def require_current(database: Database) -> None:
    """Refuse to work on a database whose schema is behind this version.

    Raises:
        DatabaseError: the schema is missing or older than this version's.
    """
    current = current_revision(database)
    head = head_revision()
    if current != head:
        state = "has no workbench schema" if current is None else f"is at schema {current}"
        raise DatabaseError(
            f"database {database.display_url} {state}; run `workbench db upgrade` "
            f"to bring it to {head}"
        )
