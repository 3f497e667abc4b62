# Claim Workbench: one file to set up, run, check and benchmark.
# Only python3 (>= 3.11), make and the package index are assumed.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run demo setup check test lint format typecheck contracts bench clean

# Set everything up and open the main job on the local default database, with demo data.
run: $(STAMP)
	$(BIN)/workbench demo load --quiet
	$(BIN)/workbench

# Set everything up and run the whole gate: lint, format check, types, import contracts, tests.
check: $(STAMP) lint typecheck contracts test

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is required" if sys.version_info < (3, 11) else 0)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check workbench tests benchmarks
	$(BIN)/ruff format --check workbench tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format workbench tests benchmarks
	$(BIN)/ruff check --fix workbench tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy workbench

contracts: $(STAMP)
	$(BIN)/lint-imports

test: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist
