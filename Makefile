# The two commands of the README: `make run` and `make test`. Both set up .venv when needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LANG_TARGET ?= en

.PHONY: run test lint bench clean gettext

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install when the dependencies change.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[embeddings]'
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,embeddings]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/workbench init
	$(BIN)/workbench edit --lang $(LANG_TARGET)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check workbench tests bench
	$(BIN)/mypy

# The tests run the real msgfmt: install Debian's gettext when it is missing.
gettext:
	@command -v msgfmt >/dev/null 2>&1 || { \
	    if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	    $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq gettext >/dev/null; }

# ruff and mypy (lint), then the suite
test: $(VENV)/.installed-test lint gettext
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-run
	$(BIN)/python bench/segment.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
