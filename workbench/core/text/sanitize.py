"""Make untrusted article text safe to store and show: no control bytes, escapes, bidi overrides."""

from __future__ import annotations

import re

# Terminal escape sequences are removed whole, so no residue such as "[31m" stays behind.
# An unterminated string sequence (OSC, DCS...) is cut at the end of its line, as a terminal
# would swallow the text up to its terminator.
_ESCAPE_SEQUENCE = (
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"  # CSI: colours, cursor moves
    # OSC (window titles, links), DCS, SOS, PM and APC strings. Their one-character C1 forms
    # are only deleted: C1 characters in articles are far more often mis-decoded cp1252
    # punctuation than controls, and swallowing the rest of the line would lose text.
    r"|\x1b[\]P^_X][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]"  # other escapes: ESC c, ESC ( B, ESC 7...
)
# C0 controls except tab and newline, DEL, C1 controls, and bidi embeddings, overrides and
# isolates: these can make a quotation read differently from what it says. LRM, RLM, ALM, ZWJ
# and ZWNJ are harmless marks that belong to the text and are kept.
_UNSAFE_CHARACTER = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"

_UNSAFE = re.compile(f"{_ESCAPE_SEQUENCE}|{_UNSAFE_CHARACTER}")


def clean_untrusted(text: str) -> str:
    """Return the text to store and show: line ends unified, controls and overrides removed."""
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub("", unified)


def has_unsafe(text: str) -> bool:
    """Return whether the text holds controls, escapes or bidi overrides (CRLF is fine)."""
    # A lone carriage return counts: it can overwrite a line on a terminal. CRLF does not.
    return _UNSAFE.search(text.replace("\r\n", "\n")) is not None
