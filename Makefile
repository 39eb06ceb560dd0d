# The two commands of the README: `make serve` and `make test`.
# Both work on a fresh machine with python3; everything else is installed here.
VENV ?= .venv
PYTHON := $(VENV)/bin/python
PORT ?= 5000

.PHONY: serve test install lint

$(PYTHON):
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip

# Installs tracker (a plain, non-editable install) and serves the bundled corpus.
# pip compiles the bytecode; the lexicon's compiled patterns and the dataclasses'
# compiled methods are stored too.
serve: $(PYTHON)
	$(PYTHON) -m pip install --quiet .
	cd / && $(abspath $(PYTHON)) -m tracker.compare.precompiled >/dev/null
	cd / && $(abspath $(PYTHON)) -m tracker.cli.codecache >/dev/null
	cd / && $(abspath $(PYTHON)) -m tracker.cli.modulestore >/dev/null
	$(VENV)/bin/tracker serve --port $(PORT)

# Installs what the tests need (Python packages; Debian's chromium and
# axe-core from npm for the browser tests), checks style, then runs every test.
install: $(PYTHON)
	command -v chromium >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	$(PYTHON) -m pip install --quiet -e '.[test]'
	$(PYTHON) -m compileall -q tracker >/dev/null
	$(PYTHON) -m tracker.compare.precompiled >/dev/null
	$(PYTHON) -m tracker.cli.codecache >/dev/null
	$(PYTHON) -m tracker.cli.modulestore >/dev/null
	command -v npm >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	test -f node_modules/axe-core/axe.min.js || \
		npm install --prefix "$(CURDIR)" --no-save --no-audit --no-fund --silent axe-core@4

lint: install
	$(VENV)/bin/ruff check .

test: install lint
	$(PYTHON) -m pytest
