"""Shared helpers of the workbench's modal dialogs."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.app import App

    from workbench.tui.app import WorkbenchApp


def workbench_app(app: App[object]) -> WorkbenchApp:
    """The running app, typed as the workbench (modals only run inside it)."""
    return cast("WorkbenchApp", app)
