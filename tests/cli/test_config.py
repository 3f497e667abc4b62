"""Settings precedence: flag > environment > config file > default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import run_cli
from workbench.config import ConfigError, load_settings


def _write_config(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_config_file_beats_the_default(tmp_path: Path) -> None:
    config = _write_config(tmp_path / "c.toml", 'reviewer = "from-file"\n[http]\ntimeout = 3.5\n')
    settings = load_settings(config_path=config)
    assert settings.reviewer == "from-file"
    assert settings.http.timeout == 3.5


def test_the_environment_beats_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _write_config(tmp_path / "c.toml", 'reviewer = "from-file"\n')
    monkeypatch.setenv("WORKBENCH_REVIEWER", "from-env")
    monkeypatch.setenv("WORKBENCH_HTTP__TIMEOUT", "7")
    settings = load_settings(config_path=config)
    assert settings.reviewer == "from-env"
    assert settings.http.timeout == 7


def test_a_flag_beats_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_DB", "sqlite:///from-env.db")
    assert load_settings(db="sqlite:///from-flag.db").database_url == "sqlite:///from-flag.db"
    assert load_settings().database_url == "sqlite:///from-env.db"


def test_the_config_file_is_found_in_the_user_config_directory(tmp_path: Path) -> None:
    config_dir = Path(__import__("os").environ["XDG_CONFIG_HOME"]) / "workbench"
    config_dir.mkdir(parents=True)
    _write_config(config_dir / "config.toml", 'reviewer = "desk"\n')
    assert load_settings().reviewer == "desk"


def test_the_default_database_is_a_sqlite_file_in_the_user_data_directory() -> None:
    url = load_settings().database_url
    assert url.startswith("sqlite:///")
    assert url.endswith("workbench/workbench.sqlite3")


def test_invalid_toml_is_a_clear_error(tmp_path: Path) -> None:
    config = _write_config(tmp_path / "c.toml", "reviewer = [\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(config_path=config)


def test_an_invalid_value_names_the_setting(tmp_path: Path) -> None:
    config = _write_config(tmp_path / "c.toml", '[http]\ntimeout = "soon"\n')
    with pytest.raises(ConfigError, match=r"http\.timeout"):
        load_settings(config_path=config)


def test_config_show_masks_passwords_and_secrets(tmp_path: Path) -> None:
    config = _write_config(tmp_path / "c.toml", 'factcheck_api_key = "AIza-very-secret"\n')
    result = run_cli(
        "--config", str(config), "--db", "postgresql://u:pw123@h/db", "config", "show", "--json"
    )
    assert result.exit_code == 0, result.stderr
    assert "pw123" not in result.stdout
    assert "AIza-very-secret" not in result.stdout
    assert json.loads(result.stdout)["settings"]["factcheck_api_key"] == "***"


def test_a_missing_config_file_given_by_flag_is_exit_code_1(tmp_path: Path) -> None:
    result = run_cli("--config", str(tmp_path / "none.toml"), "config", "show")
    assert result.exit_code == 1
    assert "none.toml" in result.stderr
