# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test venv test-venv bench screenshots clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The stamp files re-install when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

venv: $(VENV)/.installed

test-venv: $(VENV)/.installed-test

## Open the main window on a realistic demo database (built on first run).
run: venv
	$(BIN)/tdkt-desktop demo

## Run the whole test suite headless (offscreen Qt platform, set in tests/conftest.py).
test: test-venv
	$(BIN)/python -m pytest -q

bench: test-venv
	$(BIN)/python benchmarks/run.py

screenshots: venv
	$(BIN)/tdkt-desktop --db /tmp/tdkt-demo.sqlite demo --no-window
	$(BIN)/tdkt-desktop --db /tmp/tdkt-demo.sqlite screenshots docs/screenshots

clean:
	rm -rf $(VENV) build *.egg-info
