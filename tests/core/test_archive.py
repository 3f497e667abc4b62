"""Reading earlier fact-checks from JSONL, CSV and TSV archives into FactCheckRecords."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from workbench.core.archive import (
    ARCHIVE_FIELDS,
    FactCheckRecord,
    ParsedArchive,
    RecordError,
    collect_archive,
    guess_archive_format,
    iter_delimited,
    iter_jsonl,
    parse_archive_date,
    parse_mapping,
    parse_rating_number,
    read_delimited,
    read_jsonl,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "claimreview"
DATASET = Path(__file__).resolve().parents[3] / "shared/datasets/claim-retrieval-en/archive.jsonl"


def _read_csv(name: str, **options: object) -> ParsedArchive:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as handle:
        return collect_archive(iter_delimited(handle, **options))  # type: ignore[arg-type]


# --- dates and numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "26 May 2015",
        "May 26, 2015",
        "2015/05/26",
        "26/05/2015",
        "2015-05-26",
        "2015-05-26T09:30:00Z",
        "2015-05-26T09:30:00.250+03:00",
        "  26 May 2015 ",
    ],
)
def test_archive_dates_in_common_forms_are_read(written: str) -> None:
    assert parse_archive_date(written) == date(2015, 5, 26)


@pytest.mark.parametrize("written", ["", "sometime last spring", "31/02/2015", "2015", None, 17])
def test_an_unreadable_date_is_none_not_an_error(written: object) -> None:
    assert parse_archive_date(written) is None


def test_rating_numbers_come_from_numbers_and_strings() -> None:
    assert parse_rating_number("4") == 4.0
    assert parse_rating_number(" 3.5 ") == 3.5
    assert parse_rating_number("3,5") == 3.5
    assert parse_rating_number(2) == 2.0
    assert parse_rating_number("four") is None
    assert parse_rating_number(True) is None
    assert parse_rating_number(float("nan")) is None


# --- JSONL ---------------------------------------------------------------------------------


def test_jsonl_lines_become_records_and_a_broken_line_is_reported_with_its_number() -> None:
    with (FIXTURES / "factchecks.jsonl").open(encoding="utf-8") as handle:
        archive = collect_archive(iter_jsonl(handle))

    assert [record.external_id for record in archive.records] == ["jl-1", "jl-2", "4"]
    assert [error.position for error in archive.errors] == ["line 3", "line 6"]
    assert archive.errors[0].message.startswith("not valid JSON")
    assert archive.errors[1].message == "no claim text"


def test_a_jsonl_line_keeps_its_arabic_text_and_reads_its_date() -> None:
    archive = read_jsonl((FIXTURES / "factchecks.jsonl").read_text(encoding="utf-8"))

    arabic = archive.records[1]
    assert arabic == FactCheckRecord(
        external_id="jl-2",
        url=None,
        claim_text="تُظهر الصورة سقوط نيزك في الصحراء الشرقية الليلة الماضية.",
        title="الصورة لا تُظهر نيزكا",
        rating_label="زائف",
        rating_value=None,
        rating_worst=None,
        rating_best=None,
        publisher="مكتب التحقق التجريبي",
        claimant=None,
        claim_date=None,
        review_date=date(2019, 3, 11),
        language="ar",
    )


def test_jsonl_numbers_become_text_ids_and_rating_numbers() -> None:
    parrot = read_jsonl((FIXTURES / "factchecks.jsonl").read_text(encoding="utf-8")).records[2]

    assert parrot.external_id == "4"
    assert parrot.rating_value == 2.0
    assert parrot.rating_best == 5.0
    assert parrot.review_date is None


def test_a_jsonl_line_that_is_not_an_object_is_an_error() -> None:
    items = list(iter_jsonl(['["a", "list"]', '"text"', '{"claim": "fine"}']))

    assert items[0] == RecordError("line 1", "expected a JSON object, found an array")
    assert items[1] == RecordError("line 2", "expected a JSON object, found a string")
    assert isinstance(items[2], FactCheckRecord)


def test_jsonl_reads_mapped_keys() -> None:
    line = '{"vclaim": "The river turned red overnight.", "vclaim_id": "v-9"}'

    (record,) = iter_jsonl([line], mapping={"claim": "vclaim", "id": "vclaim_id"})

    assert isinstance(record, FactCheckRecord)
    assert record.claim_text == "The river turned red overnight."
    assert record.external_id == "v-9"


def test_jsonl_streams_one_record_per_line_without_reading_ahead() -> None:
    consumed: list[int] = []

    def lines() -> object:
        for number in range(1, 1_000_000):
            consumed.append(number)
            yield f'{{"claim": "claim {number}"}}'

    stream = iter_jsonl(lines())  # type: ignore[arg-type]
    first = next(stream)

    assert isinstance(first, FactCheckRecord)
    assert first.claim_text == "claim 1"
    assert consumed == [1]


def test_a_byte_order_mark_before_the_first_jsonl_line_is_ignored() -> None:
    (record,) = iter_jsonl(['\ufeff{"claim": "With a BOM"}'])

    assert isinstance(record, FactCheckRecord)


@pytest.mark.datasets
def test_the_shared_claim_retrieval_archive_reads_without_errors() -> None:
    if not DATASET.exists():
        pytest.skip("the shared claim-retrieval dataset is absent")
    with DATASET.open(encoding="utf-8") as handle:
        archive = collect_archive(iter_jsonl(handle))

    assert len(archive.records) > 14_000
    assert archive.errors == ()
    first = archive.records[0]
    assert first.external_id == "vclaim-sno-1-mcdonald39s-any-size-fries"
    assert first.review_date == date(2015, 5, 26)
    assert first.publisher == "Snopes"


# --- CSV and TSV ---------------------------------------------------------------------------


def test_csv_rows_become_records_with_dates_in_several_forms() -> None:
    archive = _read_csv("factchecks.csv")

    assert [record.external_id for record in archive.records] == [
        "dfd-001",
        "dfd-002",
        "dfd-003",
        "dfd-005",
    ]
    assert [record.review_date for record in archive.records] == [
        date(2015, 5, 26),
        date(2015, 5, 26),
        date(2015, 5, 26),
        None,
    ]


def test_a_quoted_csv_field_keeps_its_comma_line_break_and_quotes() -> None:
    records = _read_csv("factchecks.csv").records

    assert records[0].claim_text == (
        "A photo shows the new Riverside bridge collapsing, on its opening day."
    )
    assert records[2].claim_text == 'The mayor said:\n"We will close every park in June."'


def test_a_csv_row_without_claim_is_reported_by_row_and_line() -> None:
    archive = _read_csv("factchecks.csv")

    # Row 5 starts on line 6 because row 4's claim spans two lines.
    assert archive.errors == (RecordError("row 5 (line 6)", "no claim text"),)


def test_csv_values_lose_outer_spaces_and_empty_values_are_none() -> None:
    records = _read_csv("factchecks.csv").records

    assert records[3].claim_text == "Drinking hot water cures the flu."
    assert records[2].claimant is None


def test_an_arabic_csv_row_is_kept_as_written() -> None:
    arabic = _read_csv("factchecks.csv").records[1]

    assert arabic.claim_text == "ارتفع سعر القمح في الأسواق المحلية بنسبة 300% خلال أسبوع واحد."
    assert arabic.rating_label == "مضلل"
    assert arabic.publisher == "مكتب التحقق التجريبي"
    assert arabic.language == "ar"


def test_tsv_is_read_with_a_tab_delimiter() -> None:
    archive = _read_csv("factchecks.tsv", delimiter="\t")

    assert archive.errors == ()
    assert [record.claimant for record in archive.records] == [
        "منشور متداول",
        "A Fictional Blogger",
    ]
    assert archive.records[1].claim_text == "The city banned bicycles, cars and scooters downtown."
    assert archive.records[1].review_date == date(2022, 12, 6)


def test_custom_columns_are_read_through_a_mapping() -> None:
    mapping = parse_mapping(
        [
            "claim=vclaim,id=vclaim_id",
            "title=headline,rating=verdict,url=link,date=published,lang=language,publisher=outlet",
        ]
    )

    archive = _read_csv("custom_columns.csv", mapping=mapping)

    assert archive.errors == ()
    assert [record.external_id for record in archive.records] == ["cc-1", "cc-2"]
    assert archive.records[1].review_date == date(2020, 1, 15)
    assert archive.records[1].rating_label == "زائف"
    assert archive.records[0].url == "https://sample-verify.example.com/carrots"


def test_a_file_without_a_claim_column_is_refused_before_any_row() -> None:
    with (
        (FIXTURES / "custom_columns.csv").open(encoding="utf-8", newline="") as handle,
        pytest.raises(ValueError, match=r"no claim column.*vclaim_id, vclaim.*--map claim=COLUMN"),
    ):
        iter_delimited(handle)


def test_mapping_to_a_column_the_file_lacks_is_refused_naming_its_columns() -> None:
    with pytest.raises(ValueError, match=r"claim=text.*its columns are: id, body"):
        iter_delimited(["id,body\n", "1,hello\n"], mapping={"claim": "text"})


def test_mapping_an_unknown_field_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown field 'verdict'.*known fields are: id, claim"):
        iter_delimited(["claim\n", "x\n"], mapping={"verdict": "rating"})
    with pytest.raises(ValueError, match="unknown field 'verdict'"):
        iter_jsonl([], mapping={"verdict": "rating"})


def test_header_names_match_without_regard_to_case_spaces_or_a_bom() -> None:
    (record,) = iter_delimited(["\ufeff Claim ,URL\n", "Sea levels fell,https://x.example\n"])

    assert isinstance(record, FactCheckRecord)
    assert record.claim_text == "Sea levels fell"
    assert record.url == "https://x.example"


def test_a_short_row_leaves_missing_fields_empty() -> None:
    (record,) = iter_delimited(["claim,title,url\n", "Only a claim\n"])

    assert isinstance(record, FactCheckRecord)
    assert record.title is None
    assert record.url is None


def test_an_empty_csv_yields_nothing() -> None:
    assert list(iter_delimited([])) == []


def test_an_oversized_csv_field_is_a_row_error_and_reading_continues() -> None:
    huge = "x" * 200_000
    text = f'claim\n"{huge}"\nA normal claim\n'

    archive = read_delimited(text)

    assert [record.claim_text for record in archive.records] == ["A normal claim"]
    assert len(archive.errors) == 1
    assert archive.errors[0].position == "row 2 (line 2)"
    assert "field larger than field limit" in archive.errors[0].message


def test_csv_streams_from_a_file_object() -> None:
    handle = io.StringIO("claim,id\nFirst,1\nSecond,2\n", newline="")

    stream = iter_delimited(handle)
    first = next(stream)

    assert isinstance(first, FactCheckRecord)
    assert first.external_id == "1"
    assert handle.readline() == "Second,2\n"


# --- the --map option ----------------------------------------------------------------------


def test_map_options_accept_comma_lists_and_repeats() -> None:
    assert parse_mapping(["claim=vclaim,id=vclaim_id", "lang = language", ""]) == {
        "claim": "vclaim",
        "id": "vclaim_id",
        "lang": "language",
    }


def test_a_map_option_without_equals_is_refused() -> None:
    with pytest.raises(ValueError, match="FIELD=COLUMN"):
        parse_mapping(["claim"])


def test_a_map_option_with_an_unknown_field_names_the_allowed_ones() -> None:
    with pytest.raises(ValueError) as raised:
        parse_mapping(["text=vclaim"])

    message = str(raised.value)
    assert "'text'" in message
    assert all(field in message for field in ARCHIVE_FIELDS)


# --- formats -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("old.jsonl", "", "jsonl"),
        ("old.CSV", "", "csv"),
        ("old.tsv", "", "tsv"),
        ("feed.json", "", "json"),
        ("page.html", "", "html"),
        ("-", '{"claim": "a"}\n{"claim": "b"}\n', "jsonl"),
        ("-", '{\n  "@type": "DataFeed"\n}', "json"),
        ("-", '{"@type": "ClaimReview", "claimReviewed": "x"}\n', "json"),
        ("-", "[{}]", "json"),
        ("-", "<!DOCTYPE html><html>", "html"),
        ("-", "id\tclaim\n1\tx\n", "tsv"),
        ("-", "id,claim\n1,x\n", "csv"),
        ("-", "just words", None),
    ],
)
def test_the_archive_format_is_guessed_from_name_then_content(
    name: str, head: str, expected: str | None
) -> None:
    assert guess_archive_format(name, head) == expected
