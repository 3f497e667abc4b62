"""Reading page bytes as text: BOMs, UTF-8, Arabic code pages, mojibake, binary and empty files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from workbench.core.text.decode import DecodedText, DecodeError, decode_bytes

ARTICLES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"
SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed" / "000_4489f4de29ce8df6.txt"
ARABIC = "قال المتحدث باسم الرئاسة الروسية إن اللقاء سيعقد عند الضرورة، وأكد ذلك للصحفيين."


def test_utf8_text_is_read_as_utf8() -> None:
    assert decode_bytes(ARABIC.encode("utf-8")) == DecodedText(ARABIC, "utf-8", False)


def test_the_seed_page_is_utf8_and_unchanged() -> None:
    data = SEED.read_bytes()

    decoded = decode_bytes(data)

    assert decoded.encoding == "utf-8"
    assert decoded.text == data.decode("utf-8")
    assert not decoded.mojibake_repaired


@pytest.mark.parametrize(
    ("bom", "codec", "expected_encoding"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    ],
)
def test_a_byte_order_mark_decides_the_encoding_and_is_dropped(
    bom: bytes, codec: str, expected_encoding: str
) -> None:
    decoded = decode_bytes(bom + ARABIC.encode(codec))

    assert decoded.text == ARABIC
    assert decoded.encoding == expected_encoding


def test_utf16_without_a_bom_is_recognised_rather_than_called_binary() -> None:
    decoded = decode_bytes(ARABIC.encode("utf-16-le"))

    assert decoded.text == ARABIC
    assert decoded.encoding == "utf-16-le"


def test_a_cp1256_file_is_read_as_arabic() -> None:
    decoded = decode_bytes((ARTICLES / "ar_cp1256.txt").read_bytes())

    assert decoded.encoding == "cp1256"
    assert decoded.text.startswith("قناة الخبر\n\nالحكومة تعلن خطة لدعم المزارعين")
    assert "بقيمة 50 مليون دينار" in decoded.text


def test_a_short_cp1256_line_is_still_arabic() -> None:
    assert decode_bytes("ذهب الرئيس".encode("cp1256")).text == "ذهب الرئيس"


def test_a_declared_charset_is_used_when_it_decodes() -> None:
    data = "Größe".encode("cp1252")

    decoded = decode_bytes(data, declared="windows-1252")

    assert decoded.text == "Größe"
    assert decoded.encoding == "cp1252"


def test_a_western_declared_charset_on_arabic_bytes_is_overruled() -> None:
    decoded = decode_bytes(ARABIC.encode("cp1256"), declared="ISO-8859-1")

    assert decoded.text == ARABIC
    assert decoded.encoding == "cp1256"


def test_an_unknown_declared_charset_is_ignored() -> None:
    assert decode_bytes(ARABIC.encode("cp1256"), declared="x-no-such-charset").text == ARABIC


def test_a_wrong_utf8_declaration_does_not_stop_the_arabic_guess() -> None:
    assert decode_bytes(ARABIC.encode("cp1256"), declared="utf-8").text == ARABIC


def test_western_text_in_cp1252_is_not_mistaken_for_arabic() -> None:
    text = "Größe und Mañana: señor Müller sagte, die Straße sei gesperrt."

    decoded = decode_bytes(text.encode("cp1252"))

    assert decoded.text == text
    assert decoded.encoding in {"cp1252", "latin_1", "iso8859_15"}


def test_utf8_arabic_misread_as_cp1256_is_repaired() -> None:
    decoded = decode_bytes((ARTICLES / "ar_mojibake.txt").read_bytes())

    assert decoded.mojibake_repaired
    assert decoded.text.startswith("موقع الحدث\n\nالأمطار الغزيرة تغلق الطرق في العاصمة")
    assert "ط§ظ„" not in decoded.text


def test_utf8_arabic_misread_as_latin1_is_repaired() -> None:
    garbled = ARABIC.encode("utf-8").decode("latin-1")

    decoded = decode_bytes(garbled.encode("utf-8"))

    assert decoded.mojibake_repaired
    assert decoded.text == ARABIC


def test_real_arabic_that_mentions_taa_and_zaa_is_not_repaired() -> None:
    text = "ظل الطقس حارا في ظهران وطنطا طوال الأسبوع."

    decoded = decode_bytes(text.encode("utf-8"))

    assert not decoded.mojibake_repaired
    assert decoded.text == text


def test_english_with_accents_is_not_repaired() -> None:
    text = "Café owner José said the “crisis” was over — for now."

    decoded = decode_bytes(text.encode("utf-8"))

    assert decoded == DecodedText(text, "utf-8", False)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    ],
)
def test_known_binary_formats_are_refused_by_name(data: bytes, kind: str) -> None:
    with pytest.raises(DecodeError, match=rf"^binary file: .*{kind}"):
        decode_bytes(data)


def test_the_binary_fixture_is_refused() -> None:
    with pytest.raises(DecodeError, match=r"^binary file"):
        decode_bytes((ARTICLES / "binary.bin").read_bytes())


def test_nul_bytes_make_a_file_binary() -> None:
    with pytest.raises(DecodeError, match="NUL"):
        decode_bytes(b"text\x00\x00\x01\x02\x03 more text \x00\x00\x00\xff\xfe")


def test_many_control_bytes_make_a_file_binary() -> None:
    with pytest.raises(DecodeError, match="control bytes"):
        decode_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 65]) * 50)


def test_a_stray_escape_byte_does_not_make_a_file_binary() -> None:
    assert decode_bytes(b"Headline\x1b[31m red\x1b[0m and more words").text.startswith("Headline")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"  \n"])
def test_empty_or_blank_input_is_refused(data: bytes) -> None:
    with pytest.raises(DecodeError, match=r"^empty file"):
        decode_bytes(data)


def test_the_empty_fixture_is_refused() -> None:
    with pytest.raises(DecodeError, match=r"^empty file"):
        decode_bytes((ARTICLES / "empty.txt").read_bytes())


def test_decode_errors_are_value_errors_with_one_line_messages() -> None:
    with pytest.raises(ValueError) as caught:
        decode_bytes(b"%PDF-1.4")

    assert "\n" not in str(caught.value)
