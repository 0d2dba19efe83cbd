# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test venv test-venv bench screenshots clean dist dist-zip test-dist wheelhouse-windows

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

$(VENV)/.installed-dist: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dist]'
	touch $(VENV)/.installed $@

venv: $(VENV)/.installed

test-venv: $(VENV)/.installed-test

## Open the main window on a realistic demo database (built on first run).
run: venv
	$(BIN)/tdkt-desktop demo

## Run the whole test suite headless (offscreen Qt platform, set in tests/conftest.py).
test: test-venv
	$(BIN)/ruff check tdkt_desktop tests benchmarks packaging
	$(BIN)/python -m pytest -q

bench: test-venv
	$(BIN)/python benchmarks/run.py

screenshots: venv
	$(BIN)/tdkt-desktop --db /tmp/tdkt-demo.sqlite demo --no-window
	$(BIN)/tdkt-desktop --db /tmp/tdkt-demo.sqlite screenshots docs/screenshots --size 1366x768

## Frozen one-folder app (PyInstaller, packaging/tdkt-desktop.spec): dist/tdkt-desktop/, runs with no Python.
dist: $(VENV)/.installed-dist
	$(BIN)/python -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/tdkt-desktop.spec

## dist/tdkt-desktop-<version>-<platform>.zip with HUONG-DAN-CAI-DAT.txt, for copying to an offline PC.
dist-zip: dist
	$(BIN)/python packaging/make_zip.py dist/tdkt-desktop dist

## Build the bundle, then run it from a clean environment (tests/packaging; skipped by `make test` without it).
test-dist: test-venv dist
	$(BIN)/python -m pytest -q tests/packaging

## Every dependency as win_amd64 / CPython 3.11 wheels + cai-dat.bat: dist/wheelhouse-windows/.
wheelhouse-windows: $(VENV)/.installed-dist
	$(BIN)/python packaging/wheelhouse.py

clean:
	rm -rf $(VENV) build dist *.egg-info
