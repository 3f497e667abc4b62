"""Run the CLI in-process the way a user runs it from a shell."""

from __future__ import annotations

from dataclasses import dataclass

from typer.testing import CliRunner

from workbench.cli.app import app


@dataclass(frozen=True)
class CliResult:
    """What a command printed and how it exited."""

    exit_code: int
    stdout: str
    stderr: str


def run_cli(
    *args: str, input: str | bytes | None = None, env: dict[str, str] | None = None
) -> CliResult:
    """Invoke `workbench ARGS...` with separate stdout and stderr."""
    runner = CliRunner()
    result = runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)
    return CliResult(exit_code=result.exit_code, stdout=result.stdout, stderr=result.stderr)
