# Each target bootstraps what it needs: a virtual environment, and for the tests
# a Chromium and the sha256-verified runtime mirror.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build lint test test-fast bench mirror browser page clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

## serve: build the site and serve it on http://127.0.0.1:8000/ with live reload; an edit rebuilds its page only
serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload --dirty

## build: write the site to site/
build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

## page: write a new concept page, its listing, test and demo: make page PAGE=area/concept TITLE="..." [DEMO=name]
page: $(VENV)/.installed
	$(BIN)/python -m tools.new_page "$(PAGE)" "$(TITLE)" $(if $(DEMO),--demo "$(DEMO)")

## mirror: fetch and verify the runtime assets the tests serve in place of the CDN, and derive from them
## the site's faster Python runtime (needs npm and Node once)
mirror: $(VENV)/.installed
	$(BIN)/python -m tools.runtime_mirror

## browser: make sure a Chromium is installed for the end-to-end tests
browser: $(VENV)/.installed
	tools/ensure-browser $(BIN)/python

## lint: ruff's lint rules and formatting, over the whole repository (pyproject.toml configures them)
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# pytest keeps each test module as rewritten for its assertions in __pycache__, so a run after the first
# skips that work; a shell that sets PYTHONDONTWRITEBYTECODE would make every run redo it.
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest

## test: the lint, then every test, end to end included
test: $(VENV)/.installed lint mirror browser
	$(PYTEST)

## test-fast: every test but the end-to-end ones in a browser (tests/e2e/): seconds, not minutes
test-fast: $(VENV)/.installed mirror
	$(PYTEST) --ignore=tests/e2e

## bench: time the page and the build against baselines measured in the same run (bench/results.md);
## Lighthouse 12.2.3 is installed into .cache/lighthouse with npm the first time
bench: $(VENV)/.installed mirror browser
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .cache site
