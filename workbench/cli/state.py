"""What every command shares: the settings in force and the database, opened on first use."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.config import Settings
from workbench.store.database import Database, open_database


@dataclass
class CliState:
    """Settings from flags, environment and config file, and the lazily opened database."""

    settings: Settings
    _database: Database | None = field(default=None, init=False)

    def database(self) -> Database:
        """Open the database in force (once) and return it."""
        if self._database is None:
            self._database = open_database(self.settings.database_url)
        return self._database

    def close(self) -> None:
        """Release the database connections."""
        if self._database is not None:
            self._database.dispose()
            self._database = None
