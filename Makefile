# The two commands of the README: `make run` and `make test`.
# Both create .venv when it is missing or older than pyproject.toml, then install
# the project (editable, with its test extra) into it.

PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test bench lint clean

$(STAMP): pyproject.toml
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip "setuptools>=68" wheel
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/reflect

test: $(STAMP)
	$(VENV)/bin/lint-imports
	$(VENV)/bin/python -m pytest

bench: $(STAMP)
	$(VENV)/bin/python -m tools.bench

lint: $(STAMP)
	$(VENV)/bin/ruff check assistant tests tools

clean:
	rm -rf $(VENV) build *.egg-info
