"""Language knowledge kept in reviewable TOML files, one per language and topic.

Packaged files live beside this module as ``<lang>/<topic>.toml`` (``common/`` for
knowledge that is not tied to one language). A newsroom extends them with files of the same
name in directories registered through :func:`register_extra_dir`: lists are appended,
tables are merged key by key, scalars are replaced.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

_extra_dirs: list[Path] = []


def register_extra_dir(path: Path) -> None:
    """Add a directory of newsroom language files, laid out as ``<lang>/<topic>.toml``."""
    if path not in _extra_dirs:
        _extra_dirs.append(path)
        load_language_data.cache_clear()


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        old = merged.get(key)
        if isinstance(old, list) and isinstance(value, list):
            merged[key] = old + [item for item in value if item not in old]
        elif isinstance(old, dict) and isinstance(value, dict):
            merged[key] = _merge(old, value)
        else:
            merged[key] = value
    return merged


@cache
def load_language_data(topic: str, lang: str) -> dict[str, Any]:
    """Return the merged data of ``<lang>/<topic>.toml`` (an empty table when none exists)."""
    data: dict[str, Any] = {}
    packaged = resources.files(__package__).joinpath(lang, f"{topic}.toml")
    if packaged.is_file():
        data = tomllib.loads(packaged.read_text(encoding="utf-8"))
    for directory in _extra_dirs:
        extra = directory / lang / f"{topic}.toml"
        if extra.is_file():
            data = _merge(data, tomllib.loads(extra.read_text(encoding="utf-8")))
    return data
