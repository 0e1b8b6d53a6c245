# pcdocs – the two Quick start commands are `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test lint typecheck strict suite unit snel serve check bench clean lock

$(STAMP): pyproject.toml constraints.txt package.json package-lock.json
	sh scripts/system_deps.sh
	npm ci --no-audit --no-fund --silent
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

site: $(STAMP)                 ## set up and build the whole example site, with every PDF, into site/
	$(BIN)/pcdocs build

test: $(STAMP) lint typecheck strict suite  ## set up; ruff, mypy, check --strict, full pytest suite

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

strict: $(STAMP)               ## the example content: every warning counts as an error (as in CI)
	$(BIN)/pcdocs check --strict

suite: $(STAMP)                ## every test: the fast tier and the `langzaam` one (site builds)
	$(BIN)/pytest -q

unit: $(STAMP)                 ## the fast tier: the pure core, no site build (tests/conftest.py)
	$(BIN)/pytest -q -m "not langzaam"

snel: unit

serve: $(STAMP)                ## live preview for authors on http://127.0.0.1:8000/
	$(BIN)/pcdocs serve

check: $(STAMP)                ## validate data and documents without building
	$(BIN)/pcdocs check

bench: $(STAMP)                ## pcdocs against its floor, rebuild, preview, PDFs, memory (README, Measured)
	$(BIN)/python scripts/bench.py

lock:                          ## re-resolve and pin every dependency (needs the network)
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check -e '.[dev]'
	.venv-lock/bin/pip freeze --exclude-editable --disable-pip-version-check | sort > constraints.txt
	rm -rf .venv-lock

clean:
	rm -rf site site.* $(VENV) node_modules .mypy_cache .ruff_cache .pytest_cache
