"""Right-to-left display: wrap logical text, then isolate it or shape and reorder it per line."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

import arabic_reshaper
from bidi.algorithm import get_display
from rich.cells import cell_len

RtlMode = Literal["terminal", "app"]
TERMINAL: Final = "terminal"
APP: Final = "app"
RTL_MODES: Final = (TERMINAL, APP)

FSI: Final = "\u2068"
PDI: Final = "\u2069"

# Terminals that reorder and shape right-to-left text by themselves (notes/arabic-text.md).
_BIDI_TERMINAL_PROGRAMS: Final = frozenset({"Apple_Terminal", "mintty", "mlterm"})
_BIDI_TERMINAL_VARIABLES: Final = ("VTE_VERSION", "KONSOLE_VERSION", "MLTERM")

_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


def default_rtl_mode(environ: Mapping[str, str]) -> RtlMode:
    """The display mode that suits the terminal described by these environment variables."""
    if any(environ.get(name) for name in _BIDI_TERMINAL_VARIABLES):
        return TERMINAL
    if environ.get("TERM_PROGRAM", "") in _BIDI_TERMINAL_PROGRAMS:
        return TERMINAL
    return APP


def parse_rtl_mode(value: str | None, environ: Mapping[str, str]) -> RtlMode:
    """A configured mode ("terminal", "app", "auto" or unset) as the mode in force."""
    if value == TERMINAL:
        return TERMINAL
    if value == APP:
        return APP
    return default_rtl_mode(environ)


def first_strong_is_rtl(text: str) -> bool:
    """Whether the first strongly directional character of the text is right-to-left."""
    for character in text:
        direction = unicodedata.bidirectional(character)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


@lru_cache(maxsize=4096)
def shape(text: str) -> str:
    """Arabic letters joined into their presentation forms, diacritics kept."""
    return str(_RESHAPER.reshape(text))


def display_width(text: str, mode: RtlMode) -> int:
    """Cells the text takes on screen in this mode (after shaping in app mode)."""
    return cell_len(shape(text)) if mode == APP else cell_len(text)


def wrap_logical(text: str, width: int, measure: Callable[[str], int]) -> list[str]:
    """Greedy word wrap of one paragraph in logical order; over-long words are cut."""
    width = max(1, width)
    lines: list[str] = []
    current = ""
    for whole_word in text.split():
        word = whole_word
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while measure(word) > width:
            cut = _longest_prefix(word, width, measure)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current or not lines:
        lines.append(current)
    return lines


def _longest_prefix(word: str, width: int, measure: Callable[[str], int]) -> int:
    """A long prefix (at least one character) that fits `width` cells, found by bisection.

    Measuring shapes the text again, so one measure per character made long Arabic rows slow
    to draw; bisection takes a handful. A longer prefix almost never takes fewer cells (a
    lam-alef ligature keeps the lam's width); where one does (the ligature of "الله"), the cut
    may differ from a character-by-character search, but it always fits.
    """
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return max(1, low)


def visual_line(line: str, *, rtl: bool, mode: RtlMode) -> str:
    """One already-wrapped logical line as it should be written to the terminal."""
    if mode == APP:
        return str(get_display(shape(line), base_dir="R" if rtl else "L"))
    return f"{FSI}{line}{PDI}"


@dataclass(frozen=True, slots=True)
class DisplayLine:
    """A line ready for the screen: its characters, its width in cells, its direction."""

    text: str
    width: int
    rtl: bool

    def aligned(self, width: int) -> str:
        """The line padded on the left when right-to-left, so it ends at the right edge."""
        if self.rtl and self.width < width:
            return " " * (width - self.width) + self.text
        return self.text


def layout(text: str, width: int, mode: RtlMode) -> list[DisplayLine]:
    """Lay out text (paragraphs split at newlines) for a column of `width` cells."""
    lines: list[DisplayLine] = []
    for paragraph in text.split("\n"):
        rtl = first_strong_is_rtl(paragraph)
        for logical in wrap_logical(paragraph, width, lambda part: display_width(part, mode)):
            lines.append(
                DisplayLine(
                    text=visual_line(logical, rtl=rtl, mode=mode),
                    width=display_width(logical, mode),
                    rtl=rtl,
                )
            )
    return lines


def display_cell(text: str, mode: RtlMode, *, max_width: int | None = None) -> str:
    """One line of text for a table cell or a list row, cut to `max_width` cells."""
    single = " ".join(text.split())
    measure: Callable[[str], int] = lambda part: display_width(part, mode)  # noqa: E731
    if max_width is not None and measure(single) > max_width:
        cut = _longest_prefix(single, max(1, max_width - 1), measure)
        single = single[:cut] + "…"
    return visual_line(single, rtl=first_strong_is_rtl(single), mode=mode)
