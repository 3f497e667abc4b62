"""The command line: help, version, exit codes, one-line errors, global --db."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.cli.helpers import run_cli
from workbench import __version__


def test_version_is_printed() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"workbench {__version__}"


def test_help_lists_only_working_command_groups() -> None:
    result = run_cli("--help")
    assert result.exit_code == 0
    assert "db" in result.stdout
    assert "config" in result.stdout


def test_python_dash_m_workbench_runs_the_same_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"workbench {__version__}"


def test_an_unknown_command_is_a_usage_error_with_exit_code_2() -> None:
    result = run_cli("no-such-command")
    assert result.exit_code == 2


def test_db_status_reports_the_database_as_json(sqlite_url: str) -> None:
    result = run_cli("--db", sqlite_url, "db", "status", "--json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["dialect"] == "sqlite"
    assert payload["revision"] == payload["head"]
    assert "claim" in payload["tables"]


def test_an_unopenable_database_is_one_line_on_stderr_with_exit_code_1() -> None:
    result = run_cli("--db", "postgresql://desk:topsecret@127.0.0.1:1/x", "db", "status")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot open database")
    assert result.stderr.count("\n") == 1
    assert "topsecret" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_a_database_in_an_unwritable_place_is_one_line_with_exit_code_1() -> None:
    result = run_cli("--db", "sqlite:////proc/workbench/db.sqlite3", "db", "status")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot create the database directory /proc/workbench")
    assert result.stderr.count("\n") == 1


def test_the_real_executable_exits_1_without_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "--db",
            f"sqlite:///{blocker}/db.sqlite3",
            "db",
            "status",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("error:")


def test_db_upgrade_creates_the_schema_on_postgres(pg_url: str) -> None:
    before = run_cli("--db", pg_url, "db", "status")
    assert before.exit_code == 1
    assert "workbench db upgrade" in before.stderr
    result = run_cli("--db", pg_url, "db", "upgrade", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["dialect"] == "postgresql"
    assert run_cli("--db", pg_url, "db", "status").exit_code == 0
