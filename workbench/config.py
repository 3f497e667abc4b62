"""Typed settings: command-line flag > environment (WORKBENCH_*) > config file > default."""

from __future__ import annotations

import getpass
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

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


class MatchingSettings(BaseModel):
    """How claims are matched against the archive of earlier fact-checks."""

    strong_threshold: float = Field(0.8, ge=0, le=1)
    """Score at or above which a match is "strong" (the same claim, checked before)."""
    suggest_threshold: float = Field(0.5, ge=0, le=1)
    """Score at or above which a match is shown as a suggestion."""
    min_words_for_strong: int = Field(8, ge=0)
    """A claim with fewer words is never a strong match."""
    max_age_months_for_strong: int = Field(24, ge=0)
    """A fact-check older than this many months is never a strong match."""
    candidates: int = Field(30, ge=1, le=1000)
    """How many full-text candidates are re-ranked per query."""


class FactCheckApiSettings(BaseModel):
    """Where the Google Fact Check Tools API lives (tests point it at a local server)."""

    url: str = "https://factchecktools.googleapis.com/v1alpha1/claims:search"
    """The claims:search endpoint."""


class VerdictSettings(BaseModel):
    """Rating scales and how imported ratings map onto them."""

    scale: str = "default"
    """The scale new verdicts use (a shipped one, or one under [verdicts.scales])."""
    scales: dict[str, Any] = Field(default_factory=dict)
    """Newsroom scales, `[verdicts.scales.<name>]` tables (docs/configuration.md)."""
    rating_map: dict[str, str] = Field(default_factory=dict)
    """Imported rating label -> key of the local scale, on top of the shipped table."""


class WaybackSettings(BaseModel):
    """The Wayback Machine's Save Page Now, for archiving evidence."""

    url: str = "https://web.archive.org"
    """The service's base URL (tests point it at a local server)."""
    access_key: SecretStr | None = None
    """S3-style access key; with the secret, captures are authenticated (higher limits)."""
    secret_key: SecretStr | None = None
    """S3-style secret key; never stored in the database or printed."""
    poll_interval: float = Field(3.0, ge=0)
    """Seconds between status checks of a capture."""
    max_polls: int = Field(20, ge=1)
    """Status checks before a capture is left pending for `evidence archive --pending`."""
    enabled: bool = True
    """Archive evidence when it is added; off, evidence waits as pending."""


class PublishingSettings(BaseModel):
    """Who publishes the verdicts, for ClaimReview exports."""

    organisation: str = "Our fact-checking desk"
    """The fact-checking organisation's name (ClaimReview author)."""
    organisation_url: str | None = None
    """The organisation's home page."""
    review_url_template: str = "https://factcheck.example.org/claims/{claim_id}"
    """Where a published fact-check lives; {claim_id} is replaced (ClaimReview url)."""


class UiSettings(BaseModel):
    """The terminal workbench."""

    rtl_mode: Literal["auto", "terminal", "app"] = "auto"
    """Right-to-left display: "terminal" when the terminal reorders Arabic itself (VTE, Konsole,
    mintty, macOS Terminal), "app" when it does not; "auto" guesses from the environment."""
    keybindings: dict[str, str] = Field(default_factory=dict)
    """Binding id -> keys (comma-separated alternatives), e.g. {"desk.import" = "f5"}."""
    match_in_helper_process: bool = True
    """Match claims in a helper process, so the screen never waits for the matcher's Python
    work; false matches in a thread of the workbench's own process."""


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
    wayback: WaybackSettings = WaybackSettings()
    """Evidence archiving."""
    publishing: PublishingSettings = PublishingSettings()
    """ClaimReview publishing."""
    ui: UiSettings = UiSettings()
    """The terminal workbench."""
    matching: MatchingSettings = MatchingSettings()
    """Matching thresholds."""
    verdicts: VerdictSettings = VerdictSettings()
    """Rating scales."""
    factcheck_api: FactCheckApiSettings = FactCheckApiSettings()
    """The Fact Check Tools API endpoint."""
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
