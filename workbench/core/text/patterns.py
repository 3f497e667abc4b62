"""Build fast regular expressions from word lists: prefix-tree alternations and first letters."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = ["first_character_class", "trie_pattern"]

# Trie key of an open-ended phrase ending ("record*" matches "records", "recorded").
_OPEN_END = "\x00*"


def trie_pattern(phrases: Iterable[str], *, space: str, open_end: str | None = None) -> str:
    """Return an alternation of ``phrases`` shaped as a prefix tree, so matching is not per phrase.

    A space in a phrase matches ``space``; with ``open_end`` set, a phrase ending in "*" ends
    with that pattern instead. The pattern never matches when there are no phrases.
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        units: list[str] = list(phrase)
        if open_end is not None and phrase.endswith("*"):
            units = [*phrase.rstrip("*"), _OPEN_END]
        for unit in units:
            node = node.setdefault(unit, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = [
            _render_unit(unit, space, open_end) + render(child)
            for unit, child in sorted(node.items())
            if unit
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(trie) or "(?!)"


def _render_unit(unit: str, space: str, open_end: str | None) -> str:
    if unit == " ":
        return space
    if unit == _OPEN_END and open_end is not None:
        return open_end
    return re.escape(unit)


def first_character_class(phrases: Iterable[str]) -> str | None:
    """Return a character class of the phrases' first characters; None if one is empty."""
    firsts: set[str] = set()
    for phrase in phrases:
        if not phrase or phrase[0] in " *":
            return None
        firsts.add(phrase[0])
    if not firsts:
        return None
    return "[" + "".join(re.escape(character) for character in sorted(firsts)) + "]"
