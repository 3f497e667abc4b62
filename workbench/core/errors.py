"""The one error type every layer raises for a user's mistake or a condition the user can fix."""

from __future__ import annotations


class WorkbenchError(Exception):
    """An error whose message is one line fit to show a user; the CLI exits 1 with it."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        """The one-line message."""
        return str(self)
