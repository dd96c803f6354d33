# Every target sets up .venv first (Python 3.11+ and make are all a fresh machine needs).
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint bench docs clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Scan the bundled examples: the text report on the terminal, SARIF in policyguard.sarif.
# The examples are insecure on purpose, so exit code 1 (findings) counts as success here.
demo: $(STAMP)
	$(BIN)/policyguard scan examples --report sarif:policyguard.sarif; \
	  status=$$?; [ $$status -le 1 ] || exit $$status

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

docs: $(STAMP)
	$(BIN)/policyguard rules --format markdown > docs/rules.md

clean:
	rm -rf $(VENV) policyguard.sarif
