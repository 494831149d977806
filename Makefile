# make site   create .venv from pinned versions, validate, build site/ (and the PDF)
# make serve  preview with live reload (sources/ and docs/ are watched)
# make test   set up the test packages too, lint (ruff, mypy), then run the whole test suite
# make check  validate the annotations only
# make lint   ruff (lint and format) and mypy (strict on build_dossier/), as make test runs them
# make lock   regenerate requirements.lock and requirements-test.lock (pip-compile, with hashes;
#             LOCK_FLAGS=--upgrade to move to the newest versions the .in files allow)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
LOCK_FLAGS ?=
COMPILE := .lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links $(LOCK_FLAGS)
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup site serve test lint check lock clean system-deps

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes -r requirements.lock
	$(PIP) --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	$(PIP) --require-hashes -r requirements-test.lock
	touch $@

setup: $(VENV)/.installed system-deps

system-deps:
	@scripts/system-deps.sh

check: $(VENV)/.installed
	$(PY) -m build_dossier check

site: $(VENV)/.installed system-deps
	$(PY) -m build_dossier build --site-dir site   # validates first, as `dossier check` does

serve: $(VENV)/.installed
	$(VENV)/bin/mkdocs serve --livereload --dirty   # rebuilds only the pages an edit changes

tools/node_modules/.installed: tools/package.json tools/package-lock.json
	cd tools && npm ci --no-fund --no-audit --loglevel=error
	touch $@

test: $(VENV)/.installed-test tools/node_modules/.installed lint
	@scripts/system-deps.sh test
	$(PY) -m pytest -q

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check build_dossier tests bench
	$(VENV)/bin/ruff format --check build_dossier tests bench
	$(VENV)/bin/mypy

lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	CUSTOM_COMPILE_COMMAND="make lock" $(COMPILE) --output-file requirements.lock requirements.in
	CUSTOM_COMPILE_COMMAND="make lock" $(COMPILE) --output-file requirements-test.lock requirements-test.in
	rm -rf .lock-venv

clean:
	rm -rf site .site.* $(VENV) .pytest_cache
