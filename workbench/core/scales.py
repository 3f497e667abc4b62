"""Verdict scales: labels with a truth value, colour and names per language; rating mapping."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from workbench.core.data import load_language_data
from workbench.core.text.normalise import normalise

__all__ = [
    "DEFAULT_SCALE",
    "RatingLabel",
    "RatingScale",
    "UnknownRatingError",
    "default_rating_map",
    "is_display_colour",
    "load_scales",
    "map_rating",
]

DEFAULT_SCALE = "default"

# A colour goes into terminal styles and HTML style attributes: a name or #hex, nothing else.
_COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?|[a-zA-Z][a-zA-Z0-9_]{0,39}")


class UnknownRatingError(ValueError):
    """A rating that is not on the scale; the message lists the choices."""


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    return normalise(text)


def is_display_colour(text: str) -> bool:
    """Whether ``text`` is a colour safe to put in a style: a plain name, #rgb or #rrggbb."""
    return _COLOUR.fullmatch(text) is not None


@dataclass(frozen=True, slots=True)
class RatingLabel:
    """One verdict a scale offers: its key, truth value (None off the axis), names and colour."""

    key: str
    value: float | None
    names: dict[str, str] = field(hash=False)
    colour: str

    @property
    def on_axis(self) -> bool:
        """Whether the label has a position on the truth axis."""
        return self.value is not None


@dataclass(frozen=True, slots=True)
class RatingScale:
    """A newsroom's list of verdicts; validated on creation."""

    name: str
    labels: tuple[RatingLabel, ...]

    def __post_init__(self) -> None:
        _validate_scale(self.name, self.labels)

    @property
    def worst(self) -> float:
        """The lowest truth value on the scale (at least 1)."""
        return min(_values(self.labels))

    @property
    def best(self) -> float:
        """The highest truth value on the scale (above worst)."""
        return max(_values(self.labels))

    def label(self, key_or_name: str) -> RatingLabel:
        """Return the label with this key or name in any language; raise UnknownRatingError."""
        wanted = _fold(key_or_name)
        for label in self.labels:
            if wanted == _fold(label.key):
                return label
        for label in self.labels:
            if any(wanted == _fold(name) for name in label.names.values()):
                return label
        choices = ", ".join(f"{label.key} ({self.name_in(label, 'en')})" for label in self.labels)
        raise UnknownRatingError(
            f"unknown rating {key_or_name.strip()!r} on scale {self.name!r}; choose one of: "
            f"{choices}"
        )

    def has_key(self, key: str) -> bool:
        """Whether a label of this scale has exactly this key."""
        return any(label.key == key for label in self.labels)

    def name_in(self, label: RatingLabel, lang: str) -> str:
        """Return the label's name in ``lang``, else in English, else any name, else its key."""
        return (
            label.names.get(lang)
            or label.names.get("en")
            or next(iter(label.names.values()), label.key)
        )


def _values(labels: Sequence[RatingLabel]) -> list[float]:
    return [label.value for label in labels if label.value is not None]


def _validate_scale(name: str, labels: Sequence[RatingLabel]) -> None:
    where = f"scale {name!r}"
    if not name.strip():
        raise ValueError("a scale needs a name")
    if not labels:
        raise ValueError(f"{where} has no labels")
    seen_keys: set[str] = set()
    seen_names: dict[str, str] = {}
    for label in labels:
        if not label.key.strip():
            raise ValueError(f"{where} has a label without a key")
        folded_key = _fold(label.key)
        if folded_key in seen_keys:
            raise ValueError(f"{where} has the key {label.key!r} twice")
        seen_keys.add(folded_key)
        if label.value is not None and not math.isfinite(label.value):
            raise ValueError(f"{where}: label {label.key!r} has a value that is not a number")
        if not label.names or not all(text.strip() for text in label.names.values()):
            raise ValueError(f"{where}: label {label.key!r} needs a non-empty name per language")
        if not is_display_colour(label.colour):
            raise ValueError(
                f"{where}: label {label.key!r} has colour {label.colour!r}; "
                "use a colour name or #rgb / #rrggbb"
            )
        for folded_name in {_fold(text) for text in label.names.values()}:
            owner = seen_names.get(folded_name)
            if owner is not None and owner != label.key:
                raise ValueError(
                    f"{where}: labels {owner!r} and {label.key!r} share the name {folded_name!r}"
                )
            seen_names[folded_name] = label.key
    values = _values(labels)
    if len(values) < 2:
        raise ValueError(f"{where} needs at least two labels with a value")
    if min(values) < 1:
        raise ValueError(f"{where}: the lowest value is {min(values):g}; ClaimReview needs >= 1")
    if max(values) <= min(values):
        raise ValueError(f"{where}: the best value must be above the worst")
    if len(set(values)) != len(values):
        raise ValueError(f"{where}: two labels have the same value")


def _label_from_table(scale_name: str, table: object) -> RatingLabel:
    where = f"scale {scale_name!r}"
    if not isinstance(table, Mapping):
        raise ValueError(f"{where}: each label must be a table with key, value, colour, names")
    key = table.get("key")
    if not isinstance(key, str):
        raise ValueError(f"{where}: a label has no key (a string)")
    value = table.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise ValueError(f"{where}: label {key!r} has a value that is not a number")
    names = table.get("names")
    if not isinstance(names, Mapping) or not all(
        isinstance(lang, str) and isinstance(text, str) for lang, text in names.items()
    ):
        raise ValueError(f"{where}: label {key!r} needs names = {{ en = ..., ar = ... }}")
    colour = table.get("colour", table.get("color", "grey"))
    if not isinstance(colour, str):
        raise ValueError(f"{where}: label {key!r} has a colour that is not a string")
    unknown = set(table) - {"key", "value", "names", "colour", "color"}
    if unknown:
        raise ValueError(f"{where}: label {key!r} has unknown fields: {', '.join(sorted(unknown))}")
    return RatingLabel(
        key=key,
        value=None if value is None else float(value),
        names=dict(names),
        colour=colour,
    )


def _scale_from_table(name: str, table: object) -> RatingScale:
    if not isinstance(table, Mapping) or not isinstance(table.get("labels"), list):
        raise ValueError(f"scale {name!r} must be a table with a list of [[labels]]")
    labels = tuple(_label_from_table(name, item) for item in table["labels"])
    return RatingScale(name=name, labels=labels)


def load_scales(extra: Mapping[str, Any] | None = None) -> dict[str, RatingScale]:
    """Return the shipped scales plus newsroom scales (``[scales.<name>]`` tables), validated.

    A newsroom scale with the name of a shipped one replaces it. Raises ValueError with a message
    naming the scale and label at fault.
    """
    shipped: Mapping[str, Any] = load_language_data("scales", "common").get("scales", {})
    tables: dict[str, Any] = dict(shipped)
    tables.update(extra or {})
    return {name: _scale_from_table(name, table) for name, table in tables.items()}


@cache
def default_rating_map() -> dict[str, tuple[str, ...]]:
    """Return the shipped table of textual ratings, folded, each with keys in preference order."""
    table: Mapping[str, Any] = load_language_data("scales", "common").get("rating_map", {})
    folded: dict[str, tuple[str, ...]] = {}
    for text, keys in table.items():
        folded[_fold(text)] = (keys,) if isinstance(keys, str) else tuple(str(key) for key in keys)
    return folded


def map_rating(label: str, table: Mapping[str, str], scale: RatingScale) -> RatingLabel | None:
    """Map an imported textual rating onto ``scale``; None when nothing fits.

    Tried in order: the newsroom ``table`` (rating text -> key), the scale's own keys and names,
    then the shipped ``[rating_map]`` (the first of its keys the scale has). Matching ignores
    case, diacritics and punctuation.
    """
    wanted = _fold(label)
    if not wanted:
        return None
    for text, key in table.items():
        if _fold(text) == wanted:
            try:
                return scale.label(key)
            except UnknownRatingError:
                break
    try:
        return scale.label(label)
    except UnknownRatingError:
        pass
    for key in default_rating_map().get(wanted, ()):
        if scale.has_key(key):
            return scale.label(key)
    return None
