"""`python -m benchmarks [NAME...]`: run the benchmarks and print their figures."""

from __future__ import annotations

import json
import platform
import sys
import time
from pathlib import Path

from benchmarks import attribution_bench, import_bench, matching_bench, quality, tui_bench

BENCHMARKS = {
    "import": import_bench.run,
    "attribution": attribution_bench.run,
    "quality": quality.run,
    "matching": matching_bench.run,
    "tui": tui_bench.run,
}


def main(argv: list[str]) -> int:
    """Run the named benchmarks (all by default) and write bench-results/latest.json."""
    names = argv or list(BENCHMARKS)
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
        return 2
    report = {"machine": platform.platform(), "python": platform.python_version(), "results": {}}
    for name in names:
        started = time.perf_counter()
        figures = BENCHMARKS[name]()
        figures["wall_seconds"] = round(time.perf_counter() - started, 1)
        report["results"][name] = figures
        print(f"== {name}")
        for key, value in figures.items():
            print(f"  {key:45} {value}")
    out = Path("bench-results")
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
