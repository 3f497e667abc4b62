"""The Textual app: wires the database, settings, screens, bindings and commands together."""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive

from workbench.config import Settings
from workbench.store.database import Database, open_database
from workbench.tui.bidi import APP, TERMINAL, RtlMode, parse_rtl_mode
from workbench.tui.commands import ActionsProvider
from workbench.tui.keys import unknown_binding_ids
from workbench.tui.matcher import Matcher
from workbench.tui.screens.desk import DeskScreen


@dataclass(frozen=True, slots=True)
class UiOptions:
    """Display options of the terminal workbench (the config's `ui` section)."""

    rtl_mode: RtlMode = APP
    keybindings: Mapping[str, str] = field(default_factory=dict)


def ui_options(
    settings: Settings,
    *,
    rtl_mode: str | None = None,
    keybindings: Mapping[str, str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> UiOptions:
    """The UI options: explicit arguments, else the config's `ui` section, else defaults."""
    configured_mode = rtl_mode or settings.ui.rtl_mode
    configured_keys = keybindings or settings.ui.keybindings
    return UiOptions(
        rtl_mode=parse_rtl_mode(configured_mode, os.environ if environ is None else environ),
        keybindings=dict(configured_keys),
    )


class WorkbenchApp(App[None]):
    """Claim Workbench in the terminal."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "Claim Workbench"
    COMMANDS: ClassVar = App.COMMANDS | {ActionsProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "toggle_rtl", "RTL mode", id="app.toggle_rtl"),
        Binding("question_mark,f1", "show_help", "Help", id="app.help"),
        Binding("ctrl+s", "open_sources", "Sources", id="app.sources", show=False),
        Binding("ctrl+e", "export", "Export", id="app.export"),
        Binding("ctrl+o", "preview_report", "Report", id="app.report"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    rtl_mode: reactive[str] = reactive(APP)

    def __init__(self, settings: Settings, *, database_url: str, options: UiOptions) -> None:
        super().__init__()
        self.settings = settings
        self.database_url = database_url
        self.options = options
        self.set_reactive(WorkbenchApp.rtl_mode, options.rtl_mode)
        self._database: Database | None = None
        self._database_lock = threading.Lock()
        self._matcher: Matcher | None = None

    @property
    def database(self) -> Database:
        """The database, opened on first use (call from worker threads: it may block)."""
        with self._database_lock:
            if self._database is None:
                self._database = open_database(self.database_url)
            return self._database

    @property
    def matcher(self) -> Matcher:
        """Claim matching, in a helper process when the settings allow (call from workers)."""
        database = self.database
        with self._database_lock:
            if self._matcher is None:
                self._matcher = Matcher(
                    database=database,
                    database_url=self.database_url,
                    settings=self.settings.matching,
                    language_dir=self.settings.language_dir,
                    use_helper=self.settings.ui.match_in_helper_process,
                )
            return self._matcher

    @property
    def reviewer(self) -> str:
        """Who is recorded on changes made in this session."""
        return self.settings.reviewer

    @property
    def display_mode(self) -> RtlMode:
        """The right-to-left display mode in force."""
        return TERMINAL if self.rtl_mode == TERMINAL else APP

    def on_mount(self) -> None:
        """Apply the user's key map (saying which ids it names in vain) and open the desk."""
        if self.options.keybindings:
            self.set_keymap(dict(self.options.keybindings))
            unknown = unknown_binding_ids(self.options.keybindings)
            if unknown:
                self.notify(
                    f"unknown binding ids in [ui.keybindings]: {', '.join(unknown)} "
                    "(press ? to see the ids)",
                    title="Key map",
                    severity="warning",
                    timeout=10,
                    markup=False,
                )
        self.push_screen(DeskScreen())
        self._start_matcher()

    @work(thread=True, group="matcher")
    def _start_matcher(self) -> None:
        self.matcher.start()

    def on_unmount(self) -> None:
        """Stop the matching helper and release the database connections."""
        if self._matcher is not None:
            self._matcher.close()
        if self._database is not None:
            self._database.dispose()

    def action_toggle_rtl(self) -> None:
        """Switch between terminal and app right-to-left display."""
        self.rtl_mode = APP if self.rtl_mode == TERMINAL else TERMINAL
        self.notify(f"right-to-left display: {self.rtl_mode} mode", timeout=2)

    def action_show_help(self) -> None:
        """List every key of the current screen with its binding id."""
        from workbench.tui.modals.help import HelpModal, help_rows

        if isinstance(self.screen, HelpModal):
            return
        title = self.screen.sub_title or type(self.screen).__name__
        self.push_screen(HelpModal(help_rows(self.screen), title))

    def _scope_ids(self) -> tuple[int | None, int | None]:
        """The (article, claim) the current screen is about, for exports and reports."""
        from workbench.tui.screens.article import ArticleScreen
        from workbench.tui.screens.claim import ClaimScreen

        screen = self.screen
        if isinstance(screen, ClaimScreen):
            article_id = screen.view.claim.article_id if screen.view is not None else None
            return article_id, screen.claim_id
        if isinstance(screen, ArticleScreen):
            return screen.article_id, None
        return None, None

    def action_export(self) -> None:
        """Open the export dialog for this claim, this article or everything."""
        from workbench.tui.modals.export import ExportModal

        if isinstance(self.screen, ExportModal):
            return
        article_id, claim_id = self._scope_ids()
        self.push_screen(ExportModal(article_id=article_id, claim_id=claim_id))

    def action_preview_report(self) -> None:
        """Preview the verdict report of this claim, this article or everything."""
        from workbench.tui.screens.report import ReportScreen
        from workbench.workflows.exports import Selection

        article_id, claim_id = self._scope_ids()
        if claim_id is not None:
            self.push_screen(ReportScreen(Selection(claim_id=claim_id), f"claim {claim_id}"))
        elif article_id is not None:
            self.push_screen(
                ReportScreen(Selection(article_id=article_id), f"article {article_id}")
            )
        else:
            self.push_screen(ReportScreen(Selection(everything=True), "everything"))

    def action_open_sources(self) -> None:
        """Open the source registry."""
        from workbench.tui.screens.sources import SourcesScreen

        self.push_screen(SourcesScreen())


def make_app(
    settings: Settings,
    *,
    database_url: str | None = None,
    rtl_mode: str | None = None,
    keybindings: Mapping[str, str] | None = None,
) -> WorkbenchApp:
    """Build the app: the one factory for the CLI, the tests and the snapshot harness."""
    return WorkbenchApp(
        settings,
        database_url=database_url or settings.database_url,
        options=ui_options(settings, rtl_mode=rtl_mode, keybindings=keybindings),
    )
