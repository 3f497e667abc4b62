"""`workbench export --format json` and `workbench import backup`: the complete JSON backup."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from workbench.cli.output import emit_json, make_console, safe
from workbench.cli.state import CliState
from workbench.core.errors import WorkbenchError
from workbench.store.database import Database
from workbench.workflows.backup import dump_database, restore_database, write_backup


def export_backup(database: Database, out: TextIO) -> None:
    """Write a complete backup of the database to `out` as JSON."""
    write_backup(dump_database(database=database), out)


def read_backup_file(file: Path) -> Any:
    """The parsed JSON of a backup file ('-' reads stdin); one-line errors for a bad file."""
    name = safe(str(file))
    try:
        data = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
    except OSError as exc:
        raise WorkbenchError(f"cannot read {name}: {exc.strerror or exc}") from exc
    try:
        document = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WorkbenchError(f"{name} is not UTF-8 text (byte {exc.start})") from exc
    if not document.strip():
        raise WorkbenchError(f"{name} is empty: not a Claim Workbench backup")
    try:
        return json.loads(document)
    except json.JSONDecodeError as exc:
        raise WorkbenchError(
            f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from exc


def import_backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A backup written by `export --format json`.")],
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON (docs/cli.md).")] = False,
) -> None:
    """Restore a complete JSON backup into an empty database (all or nothing)."""
    state: CliState = ctx.obj
    payload = read_backup_file(file)
    if not isinstance(payload, dict):
        raise WorkbenchError(f"{safe(str(file))} is not a Claim Workbench backup")
    restored = restore_database(database=state.database(), payload=payload)
    if json_output:
        emit_json({"restored": restored})
        return
    console = make_console()
    for table_name, count in restored.items():
        if count:
            console.print(f"{table_name}: {count}")
    console.print(f"restored {sum(restored.values())} rows from {safe(str(file))}")
