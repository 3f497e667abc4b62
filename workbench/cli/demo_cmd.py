"""`workbench demo`: load demo data to try the workbench on."""

from __future__ import annotations

from typing import Annotated

import typer

from workbench.cli.output import emit_json, make_console
from workbench.cli.state import CliState
from workbench.workflows.demo import load_demo

app = typer.Typer(help="Demo data to try the workbench on.", no_args_is_help=True)


@app.command("load")
def load(
    ctx: typer.Context,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing.")] = False,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Load the seed article, a demo archive of earlier fact-checks, and their matches."""
    state: CliState = ctx.obj
    loaded = load_demo(database=state.database(), settings=state.settings)
    if json_output:
        emit_json(loaded.payload())
    elif not quiet:
        make_console().print(
            f"demo article {loaded.article_id}"
            + (" imported" if loaded.article_created else " already present")
            + f"; {loaded.factchecks_created} demo fact-checks added; {loaded.matches} matches"
        )
