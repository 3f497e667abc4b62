"""Attribution speed: chains, cues and coreference over 1 MB of news text per language."""

from __future__ import annotations

import time
from typing import Any

from benchmarks.corpus import news_text
from workbench.core.attribution import attribute_sentences
from workbench.core.text.segment import split_sentences


def run() -> dict[str, Any]:
    """Seconds for 1 MB of Arabic and of English news text (sentence spans given)."""
    results: dict[str, Any] = {}
    for language in ("ar", "en"):
        text = news_text(1_000_000, seed=23, language=language)
        spans = [(item.start, item.end) for item in split_sentences(text).sentences]
        started = time.perf_counter()
        attributed = attribute_sentences(text, spans, lang=language)
        elapsed = time.perf_counter() - started
        megabytes = len(text.encode("utf-8")) / 1e6
        results[f"{language}_seconds_per_mb"] = round(elapsed / megabytes, 3)
        results[f"{language}_attributed_share"] = round(
            sum(1 for item in attributed if item is not None) / max(1, len(spans)), 2
        )
    return results
