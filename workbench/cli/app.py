"""The root Typer application: global options, error handling and the command groups."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from workbench import __version__
from workbench.cli.output import print_error
from workbench.cli.state import CliState
from workbench.config import load_settings
from workbench.core.data import register_extra_dir
from workbench.core.errors import WorkbenchError


class WorkbenchGroup(TyperGroup):
    """Turns a user's error anywhere below into one line on stderr and exit code 1."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except WorkbenchError as exc:
            print_error(exc.message)
            raise typer.Exit(1) from exc
        finally:
            state = ctx.obj
            if isinstance(state, CliState) and ctx.parent is None:
                state.close()


app = typer.Typer(
    cls=WorkbenchGroup,
    name="workbench",
    help="Claim Workbench: articles in, claims out, who said it, checked before, verdicts. "
    "Without a command it opens the terminal workbench.",
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"workbench {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database URL (SQLAlchemy form). Env: WORKBENCH_DB."),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Config file. Env: WORKBENCH_CONFIG.", dir_okay=False),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Claim Workbench: a keyboard-first workbench for fact-checkers."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        settings = load_settings(config_path=config, db=db)
    except WorkbenchError as exc:
        print_error(exc.message)
        raise typer.Exit(1) from exc
    if settings.language_dir is not None:
        register_extra_dir(settings.language_dir)
    ctx.obj = CliState(settings=settings)
    if ctx.invoked_subcommand is None:
        _open_tui(ctx.obj)


def _open_tui(state: CliState) -> None:
    from workbench.tui.app import make_app

    make_app(state.settings).run()


@app.command("tui")
def tui(ctx: typer.Context) -> None:
    """Open the terminal workbench (the same as `workbench` without a command)."""
    _open_tui(ctx.obj)


def _register_commands() -> None:
    from workbench.cli import (
        backup_cmd,
        claims_cmd,
        config_cmd,
        db_cmd,
        demo_cmd,
        eval_cmd,
        import_cmd,
        match_cmd,
        sources_cmd,
        verdict_cmd,
    )

    import_cmd.app.command("backup")(backup_cmd.import_backup)
    app.add_typer(import_cmd.app, name="import")
    app.add_typer(claims_cmd.app, name="claims")
    app.add_typer(sources_cmd.app, name="sources")
    app.command("match")(match_cmd.match)
    app.add_typer(match_cmd.matches_app, name="matches")
    app.add_typer(verdict_cmd.verdict_app, name="verdict")
    app.add_typer(verdict_cmd.evidence_app, name="evidence")
    app.command("export")(verdict_cmd.export)
    app.command("report")(verdict_cmd.report)
    app.add_typer(eval_cmd.app, name="eval")
    app.add_typer(demo_cmd.app, name="demo")
    app.add_typer(db_cmd.app, name="db")
    app.add_typer(config_cmd.app, name="config")


_register_commands()
