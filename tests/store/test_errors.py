"""Databases that cannot be opened give one clear line, never a password."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.store import migrate
from workbench.store.database import DatabaseError, mask_url, open_database


def test_an_unreachable_server_is_named_with_its_password_masked() -> None:
    url = "postgresql://alice:s3cret-pw@127.0.0.1:1/newsroom"
    with pytest.raises(DatabaseError) as caught:
        open_database(url)
    message = caught.value.message
    assert "s3cret-pw" not in message
    assert "***" in message
    assert "127.0.0.1" in message
    assert "\n" not in message


def test_a_database_directory_that_cannot_be_created_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(DatabaseError, match="cannot create the database directory"):
        open_database(f"sqlite:///{blocker / 'sub' / 'db.sqlite3'}")


def test_a_directory_under_proc_is_not_writable_even_for_root() -> None:
    with pytest.raises(DatabaseError, match="database directory"):
        open_database("sqlite:////proc/workbench-test/db.sqlite3")


def test_a_garbage_url_is_refused_clearly() -> None:
    with pytest.raises(DatabaseError, match="not a database URL"):
        open_database("no such thing")


def test_an_unknown_driver_is_refused_clearly() -> None:
    with pytest.raises(DatabaseError, match="unsupported database URL"):
        open_database("oracle+nothing://u:p@host/db")


def test_mask_url_hides_only_the_password() -> None:
    masked = mask_url("postgresql+psycopg://bob:hunter2@db.example:5432/desk")
    assert masked == "postgresql+psycopg://bob:***@db.example:5432/desk"


def test_a_postgres_database_without_schema_asks_for_db_upgrade(pg_url: str) -> None:
    with pytest.raises(DatabaseError, match="workbench db upgrade"):
        open_database(pg_url)
    database = open_database(pg_url, upgrade=True)
    try:
        assert migrate.current_revision(database) == migrate.head_revision()
    finally:
        database.dispose()
    open_database(pg_url).dispose()
