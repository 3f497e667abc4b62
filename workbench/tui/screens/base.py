"""What every workbench screen shares: the app, its database and error reporting."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from workbench.tui.bidi import RtlMode

if TYPE_CHECKING:
    from workbench.tui.app import WorkbenchApp


class WorkbenchScreen(Screen[None]):
    """A screen that loads its data in workers and reports failures in one line."""

    @property
    def wb(self) -> WorkbenchApp:
        """The workbench app, typed."""
        return cast("WorkbenchApp", self.app)

    @property
    def mode(self) -> RtlMode:
        """The right-to-left display mode in force."""
        return self.wb.display_mode

    def on_mount(self) -> None:
        """Redraw one-line cells (tables, lists) when the display mode changes."""
        self.watch(self.app, "rtl_mode", self._display_mode_changed, init=False)

    def _display_mode_changed(self, _mode: str) -> None:
        self.redraw_cells()

    def redraw_cells(self) -> None:
        """Rebuild display-ordered table and list cells; screens with tables override it."""

    def report_error(self, message: str) -> None:
        """Show a one-line error (call on the event loop)."""
        self.notify(message, title="Error", severity="error", timeout=8, markup=False)

    def report_error_from_thread(self, message: str) -> None:
        """Show a one-line error from a worker thread."""
        self.app.call_from_thread(self.report_error, message)
