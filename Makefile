# Two entry points for a fresh machine (Debian 12 or later, Python >= 3.11, as root or with sudo):
#   make edition   set up, then build the whole edition into output/
#   make test      set up, then run every test (in parallel, browser and slow tests included)
# Everything runs in the project's own virtual environment .venv/ (made by scripts/setup.sh).
VENV ?= .venv
PY := $(VENV)/bin/python
JOBS ?= auto
DIST ?= loadgroup

.PHONY: setup edition test bench

setup:
	bash scripts/setup.sh

edition: setup
	$(VENV)/bin/edition build

test: setup
	$(PY) -m pytest -n $(JOBS) --dist $(DIST)

bench: setup
	$(PY) -m pip install -q -e ".[bench]"
	$(PY) bench/run.py
