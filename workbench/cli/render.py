"""Plain renderings of records for terminal output, with untrusted text made safe."""

from __future__ import annotations

from typing import Any

from workbench.cli.output import safe


def format_chain(attribution: dict[str, Any]) -> str:
    """ "Reuters → مصدر دبلوماسي تركي (anonymous) · cue نقلت · direct"."""
    links = []
    for link in attribution["chain"]:
        label = safe(link["name"])
        if link.get("role"):
            label += f", {safe(link['role'])}"
        label += (
            f" [{link['kind']}" + (f" #{link['source_id']}" if link.get("source_id") else "") + "]"
        )
        links.append(label)
    return f"{' → '.join(links)} · cue {safe(attribution['cue'])} · {attribution['quote']}"
