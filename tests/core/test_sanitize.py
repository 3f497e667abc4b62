"""Tests for cleaning untrusted article text before it is stored or shown."""

from __future__ import annotations

import pytest

from workbench.core.text.sanitize import clean_untrusted, has_unsafe


def test_line_ends_are_unified_to_newlines() -> None:
    assert clean_untrusted("one\r\ntwo\rthree\nfour") == "one\ntwo\nthree\nfour"


def test_tabs_and_newlines_are_kept() -> None:
    assert clean_untrusted("a\tb\nc") == "a\tb\nc"


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("red \x1b[31mtext\x1b[0m here", "red text here"),
        ("bold \x1b[1;4;38;5;196mX\x1b[m", "bold X"),
        ("title\x1b]0;owned\x07 after", "title after"),
        ("link \x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\ end", "link click end"),
        ("reset\x1bc done", "reset done"),
        ("charset\x1b(B done", "charset done"),
        ("c1 csi \x9b31mdone", "c1 csi done"),
        ("unterminated \x1b]0;title\nnext line", "unterminated \nnext line"),
        ("lone escape at end \x1b", "lone escape at end "),
    ],
)
def test_terminal_escape_sequences_are_removed_whole(dirty: str, clean: str) -> None:
    assert clean_untrusted(dirty) == clean


def test_no_colour_code_residue_is_left() -> None:
    cleaned = clean_untrusted("\x1b[31mالرئيس\x1b[0m said")
    assert cleaned == "الرئيس said"
    assert "31m" not in cleaned


def test_a_c1_string_introducer_is_deleted_without_swallowing_the_line() -> None:
    assert clean_untrusted("quote\x9dtext after") == "quotetext after"


def test_c0_c1_and_delete_controls_are_removed() -> None:
    dirty = "a\x00b\x07c\x08d\x0be\x0cf\x1fg\x7fh\x85i\x9fj"
    assert clean_untrusted(dirty) == "abcdefghij"


@pytest.mark.parametrize("override", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e"])
def test_bidi_embeddings_and_overrides_are_removed(override: str) -> None:
    assert clean_untrusted(f"قال {override}النص\u202c هنا") == "قال النص هنا"


@pytest.mark.parametrize("isolate", ["\u2066", "\u2067", "\u2068", "\u2069"])
def test_bidi_isolates_from_the_source_are_removed(isolate: str) -> None:
    assert clean_untrusted(f"a{isolate}b") == "ab"


def test_directional_marks_joiners_letters_diacritics_and_emoji_are_kept() -> None:
    text = "\u200fقال\u200e \u061cالرَّئِيسُ\u200d\u200c 👍🏽 café ﻻ ـــ"
    assert clean_untrusted(text) == text


def test_text_is_not_otherwise_altered() -> None:
    text = "  two  spaces, ﬁ ligature, ① circled, ＡＢＣ fullwidth\n\n"
    assert clean_untrusted(text) == text


def test_clean_text_is_not_unsafe() -> None:
    assert not has_unsafe("قال الرئيس: “نعم”.\nSecond line\twith tab")
    assert not has_unsafe("Windows line\r\nends are fine")


@pytest.mark.parametrize(
    "dirty",
    ["a\x1b[31mb", "a\x00b", "a\x9bb", "a\u202eb", "a\u2067b", "over\rwrite", "a\x7fb"],
)
def test_controls_escapes_overrides_and_lone_carriage_returns_are_unsafe(dirty: str) -> None:
    assert has_unsafe(dirty)
    assert not has_unsafe(clean_untrusted(dirty))
