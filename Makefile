# hallterm: `make run` starts the kiosk on embedded defaults; `make test` sets up and passes the tests.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
QM := resources/i18n/hallterm_en.qm

PACKAGES := main.py core devices ui_common kiosk window_client technician hall_display hall_server central_sim

.PHONY: run test lint screenshots bench i18n venv system-deps bytecode clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "needs $(PYTHON) (Debian 12: apt-get install python3 python3-venv)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

venv: $(STAMP)

system-deps:
	@bash scripts/system-deps.sh

$(QM): resources/i18n/hallterm_en.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

i18n: $(QM)

# A deployed terminal runs byte-compiled code (pip compiles what it installs); an editable install does not,
# and with PYTHONDONTWRITEBYTECODE set every start would compile the project from source again (~0.1 s).
bytecode: venv
	$(PY) -m compileall -q -j 0 $(PACKAGES)

run: system-deps venv i18n bytecode
	$(PY) main.py kiosk --demo

lint: venv
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check .

# pytest's exit 5 (nothing collected) is non-zero, so make fails on it as on any failure.
test: system-deps venv i18n lint
	bash scripts/with-services.sh $(PY) -m pytest -q

screenshots: system-deps venv i18n
	QT_QPA_PLATFORM=offscreen $(PY) main.py screenshots build/screenshots

bench: venv i18n bytecode
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache .hypothesis $(QM)
