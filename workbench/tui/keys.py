"""Binding ids: every id the workbench and the widgets it uses define, to check a user's key map."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

from textual.binding import Binding
from textual.dom import DOMNode


def binding_ids_of(classes: Iterable[type[DOMNode]]) -> set[str]:
    """The ids of the bindings the classes (and their base classes) declare."""
    ids: set[str] = set()
    for cls in classes:
        for base in cls.__mro__:
            for binding in getattr(base, "BINDINGS", ()) or ():
                if isinstance(binding, Binding) and binding.id:
                    ids.add(binding.id)
    return ids


@cache
def known_binding_ids() -> frozenset[str]:
    """Every binding id a key map may name."""
    from textual.app import App
    from textual.command import CommandPalette
    from textual.screen import Screen
    from textual.widgets import Button, DataTable, Input, OptionList, Select, TextArea

    from workbench.tui.app import WorkbenchApp
    from workbench.tui.modals.export import ExportModal
    from workbench.tui.modals.help import HelpModal
    from workbench.tui.modals.import_article import ImportModal
    from workbench.tui.modals.source_picker import SourcePickerModal
    from workbench.tui.modals.text_edit import EditClaimModal, LineInputModal, SpanPickerModal
    from workbench.tui.screens.article import ArticleScreen
    from workbench.tui.screens.claim import ClaimScreen
    from workbench.tui.screens.desk import DeskScreen
    from workbench.tui.screens.report import ReportScreen
    from workbench.tui.screens.source import SourceScreen
    from workbench.tui.screens.sources import SourcesScreen

    classes: list[type[DOMNode]] = [
        App,
        Screen,
        CommandPalette,
        Button,
        DataTable,
        Input,
        OptionList,
        Select,
        TextArea,
        WorkbenchApp,
        DeskScreen,
        ArticleScreen,
        ClaimScreen,
        SourcesScreen,
        SourceScreen,
        ReportScreen,
        ImportModal,
        ExportModal,
        HelpModal,
        SourcePickerModal,
        EditClaimModal,
        LineInputModal,
        SpanPickerModal,
    ]
    return frozenset(binding_ids_of(classes))


def unknown_binding_ids(keymap: Mapping[str, str]) -> list[str]:
    """The ids in a key map that no binding has, sorted."""
    known = known_binding_ids()
    return sorted(binding_id for binding_id in keymap if binding_id not in known)
