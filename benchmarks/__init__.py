"""Benchmarks run by `make bench`; figures go to stdout, bench-results/ and docs/performance.md."""
