"""`workbench config`: where the config file is and which settings are in force."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from workbench.cli.output import emit_json, make_console
from workbench.cli.state import CliState
from workbench.config import active_config_path
from workbench.store.database import mask_url

app = typer.Typer(help="Show the configuration in force.", no_args_is_help=True)


def _settings_payload(state: CliState) -> dict[str, Any]:
    data = state.settings.model_dump(mode="json")
    data["db"] = mask_url(state.settings.database_url)
    if state.settings.factcheck_api_key is not None:
        data["factcheck_api_key"] = "***"
    for key in ("access_key", "secret_key"):
        if data["wayback"].get(key) is not None:
            data["wayback"][key] = "***"
    return data


@app.command("path")
def path() -> None:
    """Print the path of the config file in force (it may not exist yet)."""
    typer.echo(str(active_config_path()))


@app.command("show")
def show(
    ctx: typer.Context,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print every setting in force; secrets and passwords are masked."""
    state: CliState = ctx.obj
    payload = _settings_payload(state)
    if json_output:
        emit_json({"config_file": str(active_config_path()), "settings": payload})
        return
    console = make_console()
    console.print(f"# config file: {active_config_path()}")
    for key, value in payload.items():
        console.print(f"{key} = {value!r}")
