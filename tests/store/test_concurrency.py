"""Two processes writing to one SQLite file at once both succeed and lose nothing."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from sqlalchemy import func
from sqlmodel import Session, select

from workbench.store.database import open_database
from workbench.store.models import Source

WRITER = textwrap.dedent(
    """
    import sys
    from workbench.store.database import open_database
    from workbench.store.models import Source

    url, label, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    database = open_database(url)
    for number in range(count):
        with database.writing() as session:
            session.add(Source(kind="person", name=f"{label}-{number}"))
            session.flush()
            # Read after write inside the transaction, as real workflows do.
            session.get(Source, 1)
    database.dispose()
    print("ok")
    """
)


def test_two_processes_writing_one_sqlite_file_both_succeed(sqlite_url: str) -> None:
    open_database(sqlite_url).dispose()  # create the schema first, as a real first run would
    count = 150
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, sqlite_url, label, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for label in ("desk-a", "desk-b")
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.strip() == "ok"
    database = open_database(sqlite_url)
    try:
        with Session(database.engine) as session:
            total = session.exec(select(func.count()).select_from(Source)).one()
            names = set(session.exec(select(Source.name)).all())
        assert total == 2 * count
        assert {f"desk-a-{n}" for n in range(count)} <= names
        assert {f"desk-b-{n}" for n in range(count)} <= names
    finally:
        database.dispose()


def test_two_processes_opening_a_new_file_at_once_migrate_it_once(sqlite_url: str) -> None:
    script = "import sys; from workbench.store.database import open_database; open_database(sys.argv[1]).dispose()"
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", script, sqlite_url], stderr=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    for opener in openers:
        _, err = opener.communicate(timeout=120)
        assert opener.returncode == 0, err
