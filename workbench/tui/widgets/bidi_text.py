"""A read-only paragraph that lays out right-to-left text for the display mode in force."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from workbench.core.text.sanitize import clean_untrusted
from workbench.tui.bidi import APP, TERMINAL, DisplayLine, RtlMode, layout


def mode_of(app: App[object]) -> RtlMode:
    """The display mode the app is in (app mode when the app does not say)."""
    mode = getattr(app, "rtl_mode", APP)
    return TERMINAL if mode == TERMINAL else APP


class BidiText(Widget):
    """Text wrapped by the app, isolated (terminal mode) or shaped and reordered (app mode)."""

    DEFAULT_CSS: ClassVar[str] = """
    BidiText { height: auto; width: 1fr; }
    """

    text: reactive[str] = reactive("", layout=True)

    def __init__(
        self,
        text: str = "",
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(BidiText.text, clean_untrusted(text))
        self._cache_key: tuple[str, int, str] | None = None
        self._cache: list[DisplayLine] = []

    def validate_text(self, text: str) -> str:
        """Stored text is shown as written, minus control characters."""
        return clean_untrusted(text)

    def on_mount(self) -> None:
        """Lay out again when the display mode changes."""
        if hasattr(self.app, "rtl_mode"):
            self.watch(self.app, "rtl_mode", self._mode_changed, init=False)

    def _mode_changed(self, _mode: str) -> None:
        self.refresh(layout=True)

    def lines(self, width: int) -> list[DisplayLine]:
        """The display lines for a column of `width` cells."""
        mode = mode_of(self.app)
        key = (self.text, width, mode)
        if key != self._cache_key:
            self._cache = layout(self.text, max(1, width), mode) if self.text else []
            self._cache_key = key
        return self._cache

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the container allows; lines are wrapped to it."""
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One row per laid-out line; an empty text takes no room."""
        return len(self.lines(width))

    def render(self) -> Content:
        """Plain content (never markup), right-to-left lines aligned right."""
        width = self.content_size.width
        return Content("\n".join(line.aligned(width) for line in self.lines(width)))
