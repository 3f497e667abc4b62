"""Shared fixtures: real SQLite files and real PostgreSQL databases for the store tests."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_SERVER = os.environ.get("WORKBENCH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
SHARED = REPO.parent / "shared"
DATASETS = SHARED / "datasets"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real user's config or data directories."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HOME", str(home))
    for name in list(os.environ):
        if name.startswith("WORKBENCH_") and name != "WORKBENCH_TEST_PG":
            monkeypatch.delenv(name)


def _pg_admin_connection():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(PG_SERVER.replace("postgresql+psycopg", "postgresql"), autocommit=True)


def _postgres_available() -> str | None:
    try:
        with _pg_admin_connection():
            return None
    except Exception as exc:
        return str(exc).splitlines()[0]


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The admin URL of the local PostgreSQL server; in CI its absence is a failure."""
    problem = _postgres_available()
    if problem is not None:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable in CI: {problem}")
        pytest.skip(f"PostgreSQL is not reachable: {problem}")
    return PG_SERVER


@pytest.fixture
def pg_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped after the test."""
    name = f"wb_test_{uuid.uuid4().hex[:12]}"
    with _pg_admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = postgres_server.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with _pg_admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file in a fresh temporary directory (not created yet)."""
    return f"sqlite:///{tmp_path / 'workbench.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db_url(request: pytest.FixtureRequest) -> str:
    """Each store test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def seed_path() -> Path:
    """The seed article, as shipped in fixtures/."""
    return FIXTURES / "seed" / "000_4489f4de29ce8df6.txt"


pytest_plugins = ["tests.support.fixtures_http"]
