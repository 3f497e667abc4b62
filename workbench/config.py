"""Typed settings: command-line flag > environment (WORKBENCH_*) > config file > default."""

from __future__ import annotations

import getpass
import os
import tomllib
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import BaseModel, Field, SecretStr, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from workbench.core.errors import WorkbenchError

APP_NAME = "workbench"
CONFIG_ENV = "WORKBENCH_CONFIG"


class ConfigError(WorkbenchError):
    """The config file cannot be read or holds an invalid value."""


def default_config_path() -> Path:
    """Where the config file lives unless WORKBENCH_CONFIG or --config says otherwise."""
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_data_dir() -> Path:
    """The per-user data directory that holds the default SQLite database."""
    return Path(platformdirs.user_data_dir(APP_NAME))


def default_database_url() -> str:
    """The embedded default: a SQLite file in the user data directory."""
    return f"sqlite:///{default_data_dir() / 'workbench.sqlite3'}"


def _default_reviewer() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class HttpSettings(BaseModel):
    """How the workbench fetches pages from the web."""

    timeout: float = Field(15.0, gt=0)
    """Connect and read timeout in seconds."""
    max_bytes: int = Field(10_000_000, gt=0)
    """The largest response body accepted, in bytes."""
    max_redirects: int = Field(5, ge=0)
    """How many redirects a fetch follows before giving up."""


class ImportSettings(BaseModel):
    """Limits on what an article import accepts."""

    max_article_bytes: int = Field(20_000_000, gt=0)
    """The largest article file or response accepted, in bytes."""


class Settings(BaseSettings):
    """Every setting of Claim Workbench, with where it may come from."""

    model_config = SettingsConfigDict(
        env_prefix="WORKBENCH_",
        env_nested_delimiter="__",
        extra="ignore",
    )

    db: str | None = None
    """SQLAlchemy database URL; unset means the SQLite file in the user data directory."""
    reviewer: str = Field(default_factory=_default_reviewer)
    """The name recorded on verdicts, confirmations and edits made from this machine."""
    language_dir: Path | None = None
    """A directory of newsroom language files (`<lang>/<topic>.toml`) extending the shipped ones."""
    http: HttpSettings = HttpSettings()
    """Web fetching."""
    imports: ImportSettings = ImportSettings()
    """Import limits."""
    factcheck_api_key: SecretStr | None = None
    """Google Fact Check Tools API key; never stored in the database or printed."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Flags (init) win over the environment, which wins over the config file."""
        toml_path = _active_config_path()
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if toml_path is not None and toml_path.is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml_path))
        return tuple(sources)

    @property
    def database_url(self) -> str:
        """The database URL in force."""
        return self.db or default_database_url()


_config_path_override: Path | None = None


def _active_config_path() -> Path | None:
    if _config_path_override is not None:
        return _config_path_override
    env_path = os.environ.get(CONFIG_ENV)
    if env_path:
        return Path(env_path).expanduser()
    return default_config_path()


def active_config_path() -> Path:
    """The config file in force (it may not exist)."""
    path = _active_config_path()
    return path if path is not None else default_config_path()


def load_settings(*, config_path: Path | None = None, **overrides: Any) -> Settings:
    """Read the settings; `overrides` are command-line flags (None values are ignored).

    Raises:
        ConfigError: the config file is unreadable, not TOML, or holds an invalid value.
    """
    global _config_path_override  # noqa: PLW0603 - the TOML source reads it during init
    explicit = {key: value for key, value in overrides.items() if value is not None}
    previous = _config_path_override
    _config_path_override = config_path.expanduser() if config_path else None
    try:
        path = active_config_path()
        if config_path is not None and not path.is_file():
            raise ConfigError(f"config file not found: {path}")
        if path.is_file():
            _check_toml(path)
        return Settings(**explicit)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"invalid setting {where}: {first['msg']} (config: {path})") from exc
    finally:
        _config_path_override = previous


def _check_toml(path: Path) -> None:
    try:
        tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
