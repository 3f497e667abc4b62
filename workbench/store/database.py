"""The database handle: engine set-up for SQLite and PostgreSQL, sessions, schema upgrades."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlmodel import Session

from workbench.core.errors import WorkbenchError

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 30_000


class DatabaseError(WorkbenchError):
    """The database cannot be opened or used; the message never shows a password."""


def mask_url(url: str | URL) -> str:
    """The URL with its password replaced by ***."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", str(url))
    return parsed.render_as_string(hide_password=True)


def scrub(message: str, url: URL) -> str:
    """Remove the URL's password from a message, wherever a driver may have echoed it."""
    if url.password:
        message = message.replace(str(url.password), "***")
    return " ".join(message.split())


def _sqlite_connect_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself, so writers can take the lock early.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A deferred transaction that later writes can fail with SQLITE_BUSY without waiting;
        # writers therefore start IMMEDIATE and wait on the busy timeout instead.
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _prepare_sqlite_file(url: URL) -> None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database).expanduser()
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(
            f"cannot create the database directory {directory}: {exc.strerror or exc}"
        ) from exc
    if not os.access(directory, os.W_OK | os.X_OK):
        raise DatabaseError(f"the database directory {directory} is not writable")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise DatabaseError(f"the database file {path} is not readable and writable")
    if path.exists() and path.is_dir():
        raise DatabaseError(f"the database path {path} is a directory")


@dataclass(frozen=True, slots=True)
class Database:
    """An opened database: the engine, its URL (masked for messages) and session factories."""

    engine: Engine
    url: URL

    @property
    def display_url(self) -> str:
        """The URL with the password masked, for messages and logs."""
        return mask_url(self.url)

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading (and small writes); commits on success, rolls back on error."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session for a write transaction; on SQLite it takes the write lock at once."""
        engine = (
            self.engine.execution_options(sqlite_immediate=True)
            if self.dialect == "sqlite"
            else self.engine
        )
        with Session(engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def open_database(url: str, *, upgrade: bool | None = None) -> Database:
    """Connect to the database at `url` and make sure its schema is current.

    A SQLite database is brought up to date when opened; a PostgreSQL database must be
    upgraded on purpose (`workbench db upgrade`) unless `upgrade` is True.

    Raises:
        DatabaseError: the URL is malformed, the server or file cannot be reached, or the
            schema is behind.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"not a database URL: {mask_url(url)}") from exc
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        _prepare_sqlite_file(parsed)
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
            _sqlite_connect_hooks(engine)
        else:
            engine = create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise DatabaseError(f"unsupported database URL {mask_url(parsed)}: {exc}") from exc
    database = Database(engine=engine, url=parsed)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except (DBAPIError, SQLAlchemyError) as exc:
        engine.dispose()
        reason = scrub(str(getattr(exc, "orig", exc) or exc).splitlines()[0], parsed)
        raise DatabaseError(f"cannot open database {mask_url(parsed)}: {reason}") from exc
    from workbench.store import migrate

    should_upgrade = upgrade if upgrade is not None else database.dialect == "sqlite"
    if should_upgrade:
        migrate.upgrade(database)
    else:
        migrate.require_current(database)
    return database


def table_names(database: Database) -> list[str]:
    """The tables present in the database, for diagnostics."""
    return sorted(inspect(database.engine).get_table_names())
