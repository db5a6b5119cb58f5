# The two set-up commands: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: demo test test-deps bench retrain lint clean

demo: $(INSTALLED)
	$(BIN)/mailbot demo

# test-deps first: on a fresh machine it installs python3-venv, which .venv needs.
test: test-deps $(INSTALLED)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Debian packages and running servers the tests need: PostgreSQL, MariaDB, Dovecot, Chromium.
test-deps:
	bash scripts/test-deps.sh

bench: $(INSTALLED)
	$(BIN)/python bench/run_all.py

# After adding or relabelling a set: retrain the second opinion, then show where its veto
# line sits with every set held out in turn (docs/classifier.md).
retrain: $(INSTALLED)
	$(BIN)/python scripts/train_second_opinion.py
	$(BIN)/python bench/veto_probe.py --misses

lint: $(INSTALLED)
	$(BIN)/python -m pip install -q -e '.[test,bench,dev]'
	$(BIN)/python -m ruff check mailbot tests bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build dist *.egg-info
