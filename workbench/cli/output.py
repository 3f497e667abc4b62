"""Printing for the CLI: JSON on stdout, safe rich text for people, one-line errors on stderr."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console

from workbench.core.text.sanitize import clean_untrusted


def make_console(*, stderr: bool = False) -> Console:
    """A console that never interprets markup, emoji codes or highlighting in what it prints."""
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


def emit_json(payload: Any) -> None:
    """Print `payload` as JSON on stdout (UTF-8, non-ASCII kept as written)."""
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write("\n")


def emit_jsonl(payload: Any) -> None:
    """Print `payload` as one JSON line on stdout."""
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, default=str))
    sys.stdout.write("\n")


def print_error(message: str) -> None:
    """Print one line to stderr, with control characters removed."""
    line = " ".join(clean_untrusted(message).split())
    sys.stderr.write(f"error: {line}\n")


def safe(text: str | None) -> str:
    """Untrusted text fit for a terminal: no control characters or escape sequences."""
    return clean_untrusted(text or "")
