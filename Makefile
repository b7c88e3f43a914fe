# The two commands of the README: `make run` and `make test`.
# Both create .venv when it is missing or older than pyproject.toml, then install
# the project (editable, with its test extra) into it.

PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test bench lint clean catalogs extract compile-catalogs

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

# The app's own words (assistant/i18n.py): gettext catalogs built with Babel.
# `make catalogs` after changing a message in the code: extracts the English ids
# (babel.cfg names the functions), merges them into the German and Danish .po files
# (a new id arrives empty, a changed one is marked fuzzy: both fail tests/test_catalogs.py
# until translated) and compiles the .mo files the app reads. The .mo files are
# committed, so a fresh clone, an editable install and a wheel need no build step.
LOCALE := assistant/locale
POT := $(LOCALE)/reflect.pot

catalogs: extract
	$(VENV)/bin/pybabel update -i $(POT) -d $(LOCALE) -D reflect -w 100 --ignore-obsolete
	$(MAKE) --no-print-directory compile-catalogs

extract: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -w 100 \
		--project Reflect --sort-by-file -o $(POT) assistant

compile-catalogs: $(STAMP)
	$(VENV)/bin/pybabel compile -d $(LOCALE) -D reflect --statistics

lint: $(STAMP)
	$(VENV)/bin/ruff check assistant tests tools

clean:
	rm -rf $(VENV) build *.egg-info
