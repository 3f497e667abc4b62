"""The layering holds: the use cases load no UI library, the core no I/O library."""

from __future__ import annotations

import json
import subprocess
import sys


def _modules_loaded_by(statement: str) -> set[str]:
    code = f"{statement}; import sys, json; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout))


def _roots(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_importing_the_workflows_loads_neither_textual_nor_rich() -> None:
    loaded = _roots(_modules_loaded_by("import workbench.workflows"))
    assert "textual" not in loaded
    assert "rich" not in loaded


def test_importing_the_core_loads_no_ui_http_or_database_library() -> None:
    loaded = _roots(
        _modules_loaded_by(
            "import workbench.core.errors, workbench.core.vocabulary, workbench.core.data"
        )
    )
    assert not loaded & {
        "textual",
        "rich",
        "typer",
        "httpx",
        "sqlmodel",
        "sqlalchemy",
        "alembic",
        "psycopg",
    }
