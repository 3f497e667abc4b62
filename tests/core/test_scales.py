"""Verdict scales: shipped scales, newsroom scales, label lookup and mapping imported ratings."""

from __future__ import annotations

from typing import Any

import pytest

from workbench.core.scales import (
    RatingLabel,
    RatingScale,
    UnknownRatingError,
    load_scales,
    map_rating,
)


def _newsroom_scale(**overrides: Any) -> dict[str, Any]:
    labels: list[dict[str, Any]] = [
        {"key": "correct", "value": 3, "colour": "green", "names": {"en": "Correct"}},
        {"key": "half", "value": 2, "colour": "#aa0", "names": {"en": "Half right"}},
        {"key": "wrong", "value": 1, "colour": "red", "names": {"en": "Wrong", "ar": "خطأ"}},
        {"key": "unknown", "colour": "grey", "names": {"en": "Cannot tell"}},
    ]
    return {"labels": overrides.get("labels", labels)}


def test_the_default_scale_runs_from_fabricated_to_true() -> None:
    scale = load_scales()["default"]

    assert scale.worst == 1
    assert scale.best == 7
    assert scale.label("true").value == 7
    assert scale.label("mostly_false").value == 3
    assert scale.label("fabricated").value == 1


def test_off_axis_labels_have_no_value() -> None:
    scale = load_scales()["default"]

    assert scale.label("unverifiable").value is None
    assert scale.label("Not a checkable claim").value is None


def test_every_shipped_label_has_english_and_arabic_names() -> None:
    for scale in load_scales().values():
        for label in scale.labels:
            assert label.names.get("en"), (scale.name, label.key)
            assert label.names.get("ar"), (scale.name, label.key)


def test_a_label_is_found_by_key_or_by_any_language_name_ignoring_case() -> None:
    scale = load_scales()["default"]

    assert scale.label("MOSTLY FALSE").key == "mostly_false"
    assert scale.label("  mostly false ").key == "mostly_false"
    assert scale.label("مضلل").key == "misleading"


def test_arabic_names_match_whatever_their_diacritics() -> None:
    scale = load_scales()["arabic-example"]

    assert scale.label("صحيح جزئياً").key == "partly_true"
    assert scale.label("مُضَلِّل").key == "misleading"
    assert scale.label("غير مُؤكَّد").key == "unconfirmed"


def test_an_unknown_rating_lists_the_choices() -> None:
    scale = load_scales()["default"]

    with pytest.raises(UnknownRatingError) as caught:
        scale.label("sort of true")

    assert isinstance(caught.value, ValueError)
    assert "sort of true" in str(caught.value)
    assert "mostly_false (Mostly false)" in str(caught.value)


def test_name_in_falls_back_to_english() -> None:
    scale = RatingScale(
        name="x",
        labels=(
            RatingLabel(key="a", value=2, names={"en": "Right"}, colour="green"),
            RatingLabel(key="b", value=1, names={"ar": "خطأ"}, colour="red"),
        ),
    )

    assert scale.name_in(scale.label("a"), "ar") == "Right"
    assert scale.name_in(scale.label("b"), "en") == "خطأ"
    assert scale.name_in(scale.label("b"), "ar") == "خطأ"


def test_a_newsroom_scale_is_loaded_beside_the_shipped_ones() -> None:
    scales = load_scales({"ours": _newsroom_scale()})

    assert {"default", "arabic-example", "ours"} <= set(scales)
    ours = scales["ours"]
    assert (ours.worst, ours.best) == (1, 3)
    assert ours.label("خطأ").key == "wrong"
    assert ours.label("cannot tell").value is None


def test_a_newsroom_scale_can_replace_a_shipped_one() -> None:
    scales = load_scales({"default": _newsroom_scale()})

    assert scales["default"].best == 3


def test_duplicate_keys_are_refused_with_the_key_named() -> None:
    labels = [
        {"key": "a", "value": 2, "colour": "green", "names": {"en": "A"}},
        {"key": "a", "value": 1, "colour": "red", "names": {"en": "B"}},
    ]

    with pytest.raises(ValueError, match=r"scale 'bad' has the key 'a' twice"):
        load_scales({"bad": {"labels": labels}})


def test_two_labels_with_the_same_name_are_refused() -> None:
    labels = [
        {"key": "a", "value": 2, "colour": "green", "names": {"en": "Same"}},
        {"key": "b", "value": 1, "colour": "red", "names": {"en": "same"}},
    ]

    with pytest.raises(ValueError, match="share the name"):
        load_scales({"bad": {"labels": labels}})


def test_a_worst_value_below_one_is_refused() -> None:
    labels = [
        {"key": "a", "value": 1, "colour": "green", "names": {"en": "A"}},
        {"key": "b", "value": 0, "colour": "red", "names": {"en": "B"}},
    ]

    with pytest.raises(ValueError, match=">= 1"):
        load_scales({"bad": {"labels": labels}})


def test_a_scale_needs_two_distinct_values() -> None:
    labels = [
        {"key": "a", "value": 1, "colour": "green", "names": {"en": "A"}},
        {"key": "b", "colour": "red", "names": {"en": "B"}},
    ]

    with pytest.raises(ValueError, match="at least two labels with a value"):
        load_scales({"bad": {"labels": labels}})


def test_a_colour_that_could_inject_css_is_refused() -> None:
    labels = [
        {"key": "a", "value": 2, "colour": "red;background:url(x)", "names": {"en": "A"}},
        {"key": "b", "value": 1, "colour": "red", "names": {"en": "B"}},
    ]

    with pytest.raises(ValueError, match="colour"):
        load_scales({"bad": {"labels": labels}})


def test_a_label_with_a_misspelt_field_is_refused() -> None:
    labels = [
        {"key": "a", "value": 2, "colour": "green", "names": {"en": "A"}, "vaule": 3},
        {"key": "b", "value": 1, "colour": "red", "names": {"en": "B"}},
    ]

    with pytest.raises(ValueError, match="unknown fields: vaule"):
        load_scales({"bad": {"labels": labels}})


def test_a_scale_without_labels_list_is_refused() -> None:
    with pytest.raises(ValueError, match=r"\[\[labels\]\]"):
        load_scales({"bad": {"label": []}})


@pytest.mark.parametrize(
    ("imported", "expected_key"),
    [
        ("False", "false"),
        ("Pants on Fire!", "fabricated"),
        ("Misleading", "misleading"),
        ("Mostly True", "mostly_true"),
        ("HALF TRUE", "mixed"),
        ("زائف", "false"),
        ("مضلّل", "misleading"),
        ("Unproven", "unverifiable"),
    ],
)
def test_common_imported_ratings_map_onto_the_default_scale(
    imported: str, expected_key: str
) -> None:
    scale = load_scales()["default"]

    mapped = map_rating(imported, {}, scale)

    assert mapped is not None
    assert mapped.key == expected_key


def test_a_shipped_mapping_uses_the_first_key_the_scale_has() -> None:
    scale = load_scales()["arabic-example"]

    mostly_true = map_rating("Mostly True", {}, scale)
    pants = map_rating("pants on fire", {}, scale)

    assert mostly_true is not None and mostly_true.key == "partly_true"
    assert pants is not None and pants.key == "fabricated"


def test_the_newsroom_table_wins_over_the_shipped_one() -> None:
    scale = load_scales()["default"]

    mapped = map_rating("mostly true", {"Mostly True": "mixed"}, scale)

    assert mapped is not None and mapped.key == "mixed"


def test_an_unknown_imported_rating_maps_to_nothing() -> None:
    scale = load_scales()["default"]

    assert map_rating("Four and a half kittens", {}, scale) is None
    assert map_rating("", {}, scale) is None


def test_a_newsroom_scale_maps_through_its_own_table() -> None:
    scale = load_scales({"ours": _newsroom_scale()})["ours"]

    mapped = map_rating("Pants on Fire", {"pants on fire": "wrong"}, scale)
    unmapped = map_rating("Pants on Fire", {}, scale)

    assert mapped is not None and mapped.key == "wrong"
    assert unmapped is None
