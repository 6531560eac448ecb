# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATE ?=

.PHONY: setup tools demo serve screenshots test check lint schema clean bench-history bench-pages bench bench-serve bench-import bench-first-screen bench-relevance

# Set-up is quiet: pip's log goes to .venv/install.log and is shown only if something fails.
# (setuptools always warns that an editable install may be shadowed by a folder of the same
# name: here the package folder is that folder, on purpose.)
$(BIN)/policy-site: pyproject.toml requirements.txt
	@echo "Setting up .venv (Python packages from requirements.txt)..."
	@$(PYTHON) -m venv $(VENV)
	@( $(BIN)/pip install --quiet --upgrade pip \
	  && $(BIN)/pip install --quiet -r requirements.txt \
	  && PYTHONWARNINGS="ignore:Editable installation" $(BIN)/pip install --quiet --no-deps -e . \
	) > $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; echo "set-up failed: the log is above (and in $(VENV)/install.log)"; exit 1; }
	@touch $@

setup: $(BIN)/policy-site

## Chromium (browser tests and PDFs), axe-core and the Nu HTML Checker.
tools:
	tools/install

## Build every demo site from the seed policies into site/, then serve them at the address it
## prints (http://127.0.0.1:8000/; Ctrl+C stops). NO_SHOW=1 builds only.
demo: setup tools
	$(BIN)/policy-site build $(if $(DATE),--date $(DATE),)
	$(if $(NO_SHOW),,$(BIN)/policy-site show)

## The README's screenshots, from the real demo build: each audience's page, phone and desktop.
screenshots: setup tools
	$(BIN)/python tools/screenshots.py

## Preview one school live: make serve SCHOOL=bledington
serve: setup
	$(BIN)/policy-site serve $(if $(SCHOOL),--school $(SCHOOL),)

## The whole test suite (what CI runs): the static checks, then the tests.
test: setup tools check
	$(BIN)/pytest -q

## The static checks alone (also run by pre-commit): style, layout, layers, types, schemas.
check: setup
	$(BIN)/ruff check generator tests bench tools/screenshots.py
	$(BIN)/ruff format --check generator tests bench tools/screenshots.py
	$(BIN)/lint-imports --no-logo
	$(BIN)/mypy
	$(BIN)/policy-site schema --check

lint: check

schema: setup
	$(BIN)/policy-site schema

## A synthetic 50-school trust: generator speed, full and incremental builds, overhead against plain
## MkDocs-Material, memory, output and search index sizes (BENCH_SMALL=1: 5 schools, under 2 minutes).
bench: setup
	$(BIN)/python bench/build.py

## How soon `policy-site serve` shows a saved YAML edit (BENCH_SCHOOL, BENCH_SOURCES to choose).
bench-serve: setup
	$(BIN)/python bench/serve_reload.py

## What version history costs for a 200-clause policy (on demand, not part of the tests).
bench-history: setup
	$(BIN)/python bench/history.py

## How well `policy-site import` reads the seed policies back from Word, PDF, OpenDocument and plain text, and how
## fast (on demand; installs LibreOffice with apt-get if it is missing). Writes its figures as JSON in bench/out/.
bench-import: setup
	$(BIN)/python bench/import_documents.py

## Page weights, search index sizes, time to first result on a slow phone, Lighthouse scores.
bench-pages: setup tools
	cd bench/lighthouse && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	$(BIN)/python bench/pages.py

## How well search answers questions: both relevance suites, typos included (on demand).
bench-relevance: setup
	$(BIN)/python bench/relevance.py

## Where the answer starts on a phone: each audience page's first rule and height at 375 x 812 (on demand).
bench-first-screen: setup tools
	$(BIN)/python bench/first_screen.py

clean:
	rm -rf site .site.builds .site.lock .site.link-* .site.manifest.json .site.building .site.old
