# Two entry points for a fresh machine (Debian, Python >= 3.11, run as root or with sudo):
#   make edition   set up, then build the whole edition into output/
#   make test      set up, then run every test
PYTHON ?= python3

.PHONY: setup edition test bench

setup:
	bash scripts/setup.sh

edition: setup
	edition build

test: setup
	$(PYTHON) -m pytest

bench: setup
	$(PYTHON) -m pip install -q -e ".[bench]"
	$(PYTHON) bench/run.py
