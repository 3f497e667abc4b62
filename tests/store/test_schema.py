"""The migrations create the whole schema on SQLite and PostgreSQL, with no drift from the models."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from workbench.store import migrate
from workbench.store.database import open_database
from workbench.store.models import metadata


def test_migrations_create_every_table_of_the_model(any_db_url: str) -> None:
    database = open_database(any_db_url, upgrade=True)
    try:
        present = set(inspect(database.engine).get_table_names())
        assert set(metadata.tables) <= present
        assert migrate.current_revision(database) == migrate.head_revision()
    finally:
        database.dispose()


def test_alembic_check_finds_no_drift_between_models_and_migrations(any_db_url: str) -> None:
    database = open_database(any_db_url, upgrade=True)
    try:
        command.check(migrate.alembic_config(database))
    finally:
        database.dispose()


def test_migrations_downgrade_to_empty_and_upgrade_again(any_db_url: str) -> None:
    database = open_database(any_db_url, upgrade=True)
    try:
        command.downgrade(migrate.alembic_config(database), "base")
        assert not set(metadata.tables) & set(inspect(database.engine).get_table_names())
        migrate.upgrade(database)
        assert set(metadata.tables) <= set(inspect(database.engine).get_table_names())
    finally:
        database.dispose()


def test_a_new_sqlite_file_is_brought_up_to_date_when_first_opened(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    try:
        assert migrate.current_revision(database) == migrate.head_revision()
    finally:
        database.dispose()


def test_sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        database.dispose()
