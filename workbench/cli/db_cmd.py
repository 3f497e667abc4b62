"""`workbench db`: create, upgrade and inspect the database schema."""

from __future__ import annotations

from typing import Annotated

import typer

from workbench.cli.output import emit_json, make_console
from workbench.cli.state import CliState
from workbench.store import migrate
from workbench.store.database import open_database, table_names

app = typer.Typer(help="Create, upgrade and inspect the database.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON (fields in docs/cli.md).")]


@app.command("upgrade")
def upgrade(ctx: typer.Context, json_output: JsonFlag = False) -> None:
    """Bring the database schema to this version's newest migration."""
    state: CliState = ctx.obj
    database = open_database(state.settings.database_url, upgrade=True)
    try:
        payload = {
            "database": database.display_url,
            "dialect": database.dialect,
            "revision": migrate.current_revision(database),
        }
    finally:
        database.dispose()
    if json_output:
        emit_json(payload)
    else:
        make_console().print(f"{payload['database']} is at schema {payload['revision']}")


@app.command("status")
def status(ctx: typer.Context, json_output: JsonFlag = False) -> None:
    """Show which database is in use, its schema revision and its tables."""
    state: CliState = ctx.obj
    database = state.database()
    payload = {
        "database": database.display_url,
        "dialect": database.dialect,
        "revision": migrate.current_revision(database),
        "head": migrate.head_revision(),
        "tables": table_names(database),
    }
    if json_output:
        emit_json(payload)
        return
    console = make_console()
    console.print(f"database  {payload['database']}")
    console.print(f"dialect   {payload['dialect']}")
    console.print(f"schema    {payload['revision']} (newest {payload['head']})")
