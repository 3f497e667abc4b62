"""The pure right-to-left layout: wrapping, isolates, shaping, reordering, mode defaults."""

from __future__ import annotations

from collections.abc import Callable

from workbench.tui import bidi
from workbench.tui.bidi import (
    APP,
    FSI,
    PDI,
    TERMINAL,
    RtlMode,
    default_rtl_mode,
    display_cell,
    display_width,
    first_strong_is_rtl,
    layout,
    parse_rtl_mode,
    shape,
    wrap_logical,
)

SENTENCE = "ونقلت وكالة رويترز عن مصدر دبلوماسي تركي أن الوفد الروسي غادر"


def test_vte_konsole_mintty_and_apple_terminal_get_terminal_mode() -> None:
    assert default_rtl_mode({"VTE_VERSION": "7600"}) == "terminal"
    assert default_rtl_mode({"KONSOLE_VERSION": "230800"}) == "terminal"
    assert default_rtl_mode({"TERM_PROGRAM": "mintty"}) == "terminal"
    assert default_rtl_mode({"TERM_PROGRAM": "Apple_Terminal"}) == "terminal"


def test_other_terminals_get_app_mode() -> None:
    assert default_rtl_mode({}) == "app"
    assert default_rtl_mode({"TERM_PROGRAM": "WezTerm"}) == "app"


def test_configured_mode_wins_over_the_environment() -> None:
    assert parse_rtl_mode("app", {"VTE_VERSION": "7600"}) == "app"
    assert parse_rtl_mode("auto", {"VTE_VERSION": "7600"}) == "terminal"


def test_direction_follows_the_first_strong_character() -> None:
    assert first_strong_is_rtl("13 جنديا")
    assert not first_strong_is_rtl("Reuters: قال")
    assert not first_strong_is_rtl("2025")


def test_wrapping_keeps_logical_order_first_words_on_the_first_line() -> None:
    lines = wrap_logical(SENTENCE, 20, len)
    assert lines[0].startswith("ونقلت")
    assert " ".join(lines) == SENTENCE
    assert all(len(line) <= 20 for line in lines)


def test_an_overlong_word_is_cut_to_the_width() -> None:
    assert wrap_logical("abcdefghij", 4, len) == ["abcd", "efgh", "ij"]


def test_terminal_mode_isolates_each_line_and_keeps_the_text() -> None:
    lines = layout(SENTENCE, 20, "terminal")
    assert len(lines) > 1
    assert all(line.text.startswith(FSI) and line.text.endswith(PDI) for line in lines)
    assert " ".join(line.text[1:-1] for line in lines) == SENTENCE
    assert all(line.rtl for line in lines)


def test_right_to_left_lines_are_padded_to_end_at_the_right_edge() -> None:
    (line,) = layout("قال", 10, "terminal")
    assert line.aligned(10) == " " * 7 + f"{FSI}قال{PDI}"
    (english,) = layout("said", 10, "terminal")
    assert english.aligned(10) == f"{FSI}said{PDI}"


def test_app_mode_reorders_each_line_so_the_first_word_ends_up_rightmost() -> None:
    lines = layout(SENTENCE, 20, "app")
    first = lines[0].text
    assert first.endswith(shape("ونقلت")[::-1])
    assert FSI not in first


def test_lam_alef_is_measured_after_shaping() -> None:
    word = "لا" * 5
    assert display_width(word, "terminal") == 10
    assert display_width(word, "app") == 5
    assert len(wrap_logical(f"{word} {word}", 11, lambda part: display_width(part, "app"))) == 1


def test_app_mode_keeps_diacritics() -> None:
    (line,) = layout("مُحَمَّد", 20, "app")
    assert "\u064f" in line.text and "\u0651" in line.text


def test_app_mode_mirrors_brackets_inside_right_to_left_text() -> None:
    (line,) = layout("نقلت (رويترز) الخبر", 40, "app")
    text = line.text
    assert text.index("(") < text.index(")")


def test_newlines_start_new_paragraphs_with_their_own_direction() -> None:
    lines = layout("Reuters said\nقال مصدر", 40, "terminal")
    assert [line.rtl for line in lines] == [False, True]


def test_cells_are_cut_with_an_ellipsis() -> None:
    cut = display_cell(SENTENCE, "terminal", max_width=10)
    assert cut.startswith(FSI) and cut.endswith(f"…{PDI}")
    assert display_width(cut[1:-1], "terminal") <= 10


def test_cells_are_cut_where_a_character_by_character_search_would_cut() -> None:
    texts = [
        "روسيا: بوتين وأردوغان لا يعتزمان عقد لقاء بشأن إدلب ولكنه سيحدث في هذه الحالة",
        "لالالا ثم لا",  # lam-alef ligatures keep the width growing with the prefix
        "مقتل 13 جنديا تركيا 🇹🇷 في إدلب",
        "全角 wide characters and 13 soldiers",
    ]

    def one_by_one(word: str, width: int, measure: Callable[[str], int]) -> int:
        cut = 1
        while cut < len(word) and measure(word[: cut + 1]) <= width:
            cut += 1
        return cut

    for text in texts:
        for mode in (APP, TERMINAL):

            def measure(part: str, mode: RtlMode = mode) -> int:
                return display_width(part, mode)

            for width in range(1, len(text) + 2):
                assert bidi._longest_prefix(text, width, measure) == one_by_one(
                    text, width, measure
                ), (text, width, mode)


def test_a_cut_always_fits_even_where_a_ligature_shrinks_the_text() -> None:
    text = "لا إله إلا الله، والله"  # "الله" takes fewer cells than "الل"

    def measure(part: str) -> int:
        return display_width(part, APP)

    for width in range(1, len(text) + 2):
        cut = bidi._longest_prefix(text, width, measure)
        assert cut == 1 or measure(text[:cut]) <= width
        assert len(display_cell(text, APP, max_width=width)) >= 1
