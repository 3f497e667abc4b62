"""Turn the bytes of a saved or fetched page into text, minding Arabic code pages and mojibake."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_SNIFF_BYTES = 64 * 1024
_CONTROL_RATIO_LIMIT = 0.05
_ARABIC_CODE_PAGES = ("cp1256", "iso8859_6", "cp864")
_WESTERN_CODE_PAGES = ("cp1252", "latin_1", "iso8859_15")
_WESTERN_DECLARED = frozenset({"cp1252", "latin_1", "iso8859_15", "ascii"})
_MIN_ARABIC_SHARE = 0.3

_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b\x08", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"RIFF", "a media file"),
    (b"OggS", "a media file"),
)

# Longest BOMs first: the UTF-32 LE BOM begins with the UTF-16 LE BOM.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control bytes that never appear in text files; tab, newline, form feed and carriage return do.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_NON_TEXT = re.compile(r"[\ue000-\uf8ff\ufff0-\uffff]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")
# A word mixing Latin and Arabic letters is what Western text looks like when read as cp1256.
_MIXED_SCRIPT_WORD = re.compile(
    r"[A-Za-z\u00c0-\u024f][\u0621-\u064a]|[\u0621-\u064a][A-Za-z\u00c0-\u024f]"
)


class DecodeError(ValueError):
    """The bytes cannot be read as text; the message is fit to show a user."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text read from bytes, the encoding it was read with, and whether mojibake was undone."""

    text: str
    encoding: str
    mojibake_repaired: bool


def decode_bytes(data: bytes, *, declared: str | None = None) -> DecodedText:
    """Decode page bytes: BOM, strict UTF-8, declared charset, Arabic code pages, then cp1256."""
    if not data.strip():
        raise DecodeError("empty file: there is no text to read")
    _refuse_binary(data)
    text, encoding = _decode(data, declared)
    if not text.strip():
        raise DecodeError("empty file: there is only white space to read")
    repaired = _repair_mojibake(text)
    if repaired is not None:
        return DecodedText(text=repaired, encoding=encoding, mojibake_repaired=True)
    return DecodedText(text=text, encoding=encoding, mojibake_repaired=False)


def _refuse_binary(data: bytes) -> None:
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"binary file: this looks like {kind}, not text")
    if any(data.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(data) is not None:
        return
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        raise DecodeError("binary file: it contains NUL bytes, so it is not text")
    if len(_CONTROL_BYTES.findall(head)) > _CONTROL_RATIO_LIMIT * len(head):
        raise DecodeError("binary file: too many control bytes for text")


def _utf16_without_bom(data: bytes) -> str | None:
    """Name the UTF-16 byte order when the bytes read cleanly as BOM-less UTF-16 text."""
    head = data[:_SNIFF_BYTES]
    if len(head) < 4 or len(head) % 2:
        return None
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    # Spaces, digits and Latin letters put a NUL in every other byte, always on the same side.
    if odd_nuls and not even_nuls and odd_nuls * 10 >= len(head) // 2:
        encoding = "utf-16-le"
    elif even_nuls and not odd_nuls and even_nuls * 10 >= len(head) // 2:
        encoding = "utf-16-be"
    else:
        return None
    # The sniffed head may end inside a surrogate pair; that half is dropped.
    sample = head.decode(encoding, errors="ignore") if len(head) == _SNIFF_BYTES else None
    try:
        sample = sample if sample is not None else head.decode(encoding)
    except UnicodeDecodeError:
        return None
    if _CONTROL_CHARS.search(sample) or _NON_TEXT.search(sample):
        return None
    return encoding


def _decode(data: bytes, declared: str | None) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                data = data[len(bom) :]
                break
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError as error:
            raise DecodeError("binary file: it contains NUL bytes, so it is not text") from error
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared_text = _decode_declared(data, declared)
    if declared_text is not None:
        return declared_text
    return _decode_guessing(data)


def _decode_declared(data: bytes, declared: str | None) -> tuple[str, str] | None:
    if not declared:
        return None
    try:
        codec_name = codecs.lookup(declared.strip().strip("\"'")).name
    except LookupError:
        return None
    try:
        text = data.decode(codec_name)
    except UnicodeDecodeError:
        return None
    # Servers label pages ISO-8859-1 by default, so a Western label on Arabic bytes is a lie.
    if _codec_key(codec_name) in _WESTERN_DECLARED:
        as_arabic = data.decode("cp1256")
        if _looks_arabic(as_arabic):
            return as_arabic, "cp1256"
    return text, codec_name


def _codec_key(codec_name: str) -> str:
    aliases = {"iso8859-1": "latin_1", "latin-1": "latin_1", "iso8859-15": "iso8859_15"}
    return aliases.get(codec_name, codec_name.replace("-", "_"))


def _decode_guessing(data: bytes) -> tuple[str, str]:
    best = from_bytes(data, cp_isolation=list(_ARABIC_CODE_PAGES)).best()
    if best is not None:
        text = str(best)
        if _looks_arabic(text):
            return text, best.encoding
    as_arabic = data.decode("cp1256")
    if _looks_arabic(as_arabic):
        return as_arabic, "cp1256"
    # cp1256 decodes every byte, so a decode without Arabic in it is probably Western text.
    western = from_bytes(data, cp_isolation=list(_WESTERN_CODE_PAGES)).best()
    if western is not None:
        return str(western), western.encoding
    return as_arabic, "cp1256"


def _looks_arabic(text: str) -> bool:
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return False
    arabic = len(_ARABIC_LETTER.findall(text))
    if arabic < _MIN_ARABIC_SHARE * letters:
        return False
    return len(_MIXED_SCRIPT_WORD.findall(text)) * 20 < arabic


def _arabic_share(text: str) -> float:
    visible = sum(1 for char in text if not char.isspace())
    return len(_ARABIC_LETTER.findall(text)) / visible if visible else 0.0


def _repair_mojibake(text: str) -> str | None:
    """Undo UTF-8 that was read as cp1256 (or cp1252) and saved again, when that is exact."""
    if text.isascii():
        return None
    for encode in (_encode_cp1256, _encode_cp1252_loose):
        raw = encode(text)
        if raw is None:
            continue
        try:
            repaired = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if repaired != text and _arabic_share(repaired) > _arabic_share(text):
            return repaired
    return None


def _encode_cp1256(text: str) -> bytes | None:
    try:
        return text.encode("cp1256")
    except UnicodeEncodeError:
        return None


def _encode_cp1252_loose(text: str) -> bytes | None:
    # Bytes cp1252 leaves undefined survive a latin-1 misreading as U+0080..U+009F.
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return None
            out.append(ord(char))
    return bytes(out)
