# Résolutions annotées. From a fresh clone:
#   make site    build the whole site into build/site (strict: a warning fails the build)
#   make serve   live preview on http://127.0.0.1:8000/, rebuilt when a source text changes
#   make check   check the source texts (STRICT=1: warnings fail too)
#   make test    lint (ruff), type-check (mypy), run every test (browser tests:
#                RESOLUTIONS_CHROMIUM or /usr/bin/chromium)
#   make bench   benchmarks: conversion, glossary, citations, OCR, PDF import, the site at scale
#   make lock    rewrite constraints.txt, the exact versions installed (after editing pyproject.toml)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

# MkDocs 1.6 prints a notice about MkDocs 2.0 on every run; the site stays on 1.x.
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: the build's dates come from the last commit, never from the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)
export SOURCE_DATE_EPOCH

.PHONY: site serve check test bench lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The exact versions the site is built and tested with (make lock writes them).
LOCK := constraints.txt
PIP := $(BIN)/python -m pip --disable-pip-version-check

# Reinstalled when pyproject.toml or the lock changes.
$(INSTALLED): pyproject.toml $(LOCK) | $(BIN)/python
	$(PIP) install --quiet --constraint $(LOCK) -e '.[test]'
	touch $@

site: $(INSTALLED)
	$(BIN)/mkdocs build --strict
	@echo "Site construit : file://$(CURDIR)/build/site/index.html"

serve: $(INSTALLED)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

check: $(INSTALLED)
	$(BIN)/resolutions check $(if $(STRICT),--strict) source_texts

test: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

# Figures are printed, never asserted; BENCH_SIZES=100,1000 for a shorter run. The site
# at 10,000 texts takes about an hour on a loaded 2-core machine: a size that would not
# fit in BENCH_BUDGET seconds is skipped, with a note.
BENCH_SIZES ?= 1000,10000
BENCH_BUDGET ?= 10800
bench: $(INSTALLED)
	$(BIN)/python benchmarks/bench_convert.py
	$(BIN)/python benchmarks/bench_glossary.py
	$(BIN)/python benchmarks/bench_citations.py
	$(BIN)/python benchmarks/bench_ocr.py
	$(BIN)/python benchmarks/bench_pdf.py
	$(BIN)/python benchmarks/bench_adversarial.py
	$(BIN)/python benchmarks/bench_site.py --sizes $(BENCH_SIZES) --budget-seconds $(BENCH_BUDGET)

# Rewrites the lock: the newest versions pyproject.toml allows, installed into a fresh
# environment and frozen. Commit constraints.txt, then make reinstalls .venv from it.
LOCK_VENV := build/lock-venv
lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	{ echo "# The exact versions of every package the site is built and tested with, used by"; \
	  echo "# make (pip install --constraint) and the workflows. Written by 'make lock' with"; \
	  echo "# $$($(LOCK_VENV)/bin/python --version); edit pyproject.toml, never this file."; \
	  $(LOCK_VENV)/bin/python -m pip freeze --exclude-editable --disable-pip-version-check; \
	} > $(LOCK)
	rm -rf $(LOCK_VENV)

clean:
	rm -rf build
