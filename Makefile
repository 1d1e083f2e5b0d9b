# Wegweiser — `make demo` sets up and serves the app; `make test` runs every check and test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# pyenv reads .python-version; fall back to whatever python3 is on PATH.
PYTHON ?= $(shell command -v pyenv >/dev/null 2>&1 && pyenv which python 2>/dev/null || command -v python3)
HOST ?= 127.0.0.1
PORT ?= 8000
# The PostgreSQL run: DATABASE_URL wins; else a local server on 127.0.0.1:5432 is used when it answers.
PG_TEST_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/test)
CHROMIUM ?= /usr/bin/chromium


.PHONY: help python-check venv demo serve worker migrate test lint typecheck contracts \
        migrations-check i18n-check i18n pytest pytest-sqlite pytest-postgres browser-test \
        browser-deps system-deps clean

help:
	@echo "make demo   - set up everything and serve the demo on http://$(HOST):$(PORT)"
	@echo "make test   - run every check and test (lint, types, contracts, i18n, SQLite, PostgreSQL, browser)"
	@echo "make serve  - production-like: gunicorn, hashed static files, separate worker"
	@echo "make worker - run the background task worker"
	@echo "make i18n   - extract and compile translations"

python-check:
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 12) else 1)' || { \
	  echo "Wegweiser needs Python 3.12 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	  echo "Install Python 3.13 (e.g. 'pyenv install 3.13'; .python-version selects it) or run"; \
	  echo "'make PYTHON=/path/to/python3.13 ...'."; exit 1; }

$(VENV)/.installed: requirements.lock | python-check
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "$(VENV) was made with an old Python; remove it and run make again."; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	@touch $@

venv: $(VENV)/.installed

migrate: venv
	DEBUG=1 $(MANAGE) migrate --noinput

demo: venv system-deps
	DEBUG=1 $(MANAGE) compilemessages --ignore='.venv' -v0
	DEBUG=1 $(MANAGE) migrate --noinput -v0
	DEBUG=1 $(MANAGE) places_load
	DEBUG=1 $(MANAGE) demo_load
	@echo "Starting the worker and the server: open http://$(HOST):$(PORT)/ (Ctrl+C stops both)"
	@trap 'kill 0' EXIT INT TERM; \
	  DEBUG=1 $(MANAGE) worker & \
	  DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

# Production-like locally: DEBUG off, hashed static files, gunicorn and a separate worker process.
SERVE_ENV = DEBUG=0 SECRET_KEY="$$(cat var/secret_key)" FIELD_ENCRYPTION_KEY="$$(cat var/field_key)" \
	ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 SITE_URL=http://$(HOST):$(PORT)

var/secret_key var/field_key: | venv
	@mkdir -p var
	@test -f var/secret_key || $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key
	@test -f var/field_key || $(PY) -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())' > var/field_key

serve: venv var/secret_key var/field_key
	$(SERVE_ENV) $(MANAGE) compilemessages --ignore='.venv' -v0
	$(SERVE_ENV) $(MANAGE) migrate --noinput -v0
	$(SERVE_ENV) $(MANAGE) collectstatic --noinput -v0
	@echo "Serving with gunicorn on http://$(HOST):$(PORT)/ plus the worker (Ctrl+C stops both)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(SERVE_ENV) $(MANAGE) worker & \
	  $(SERVE_ENV) WEB_BIND=$(HOST):$(PORT) $(VENV)/bin/gunicorn -c config/gunicorn.py config.wsgi

worker: venv
	DEBUG=1 $(MANAGE) worker

i18n: venv
	DEBUG=1 $(MANAGE) i18n_extract
	DEBUG=1 $(MANAGE) compilemessages --ignore='.venv' -v0

# ---- Checks ---------------------------------------------------------------------------------
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: venv
	WEGWEISER_TESTING=1 $(VENV)/bin/mypy src config tests

contracts: venv
	PYTHONPATH=src:. $(VENV)/bin/lint-imports

migrations-check: venv
	WEGWEISER_TESTING=1 $(MANAGE) makemigrations --check --dry-run

i18n-check: venv
	WEGWEISER_TESTING=1 $(MANAGE) compilemessages --ignore='.venv' -v0
	WEGWEISER_TESTING=1 $(MANAGE) i18n_check

pytest-sqlite: venv
	$(PY) -m pytest -m "not browser" -n 2 -q

pytest-postgres: venv
	@if $(PY) -c 'import sys, psycopg; psycopg.connect(sys.argv[1], connect_timeout=3).close()' "$(PG_TEST_URL)" 2>/dev/null; then \
	  echo "PostgreSQL reachable: running the suite against it"; \
	  DATABASE_URL="$(PG_TEST_URL)" $(PY) -m pytest -m "not browser" -n 2 -q; \
	else \
	  echo "No PostgreSQL at $(PG_TEST_URL): PostgreSQL run not possible here"; \
	  if [ -n "$$CI" ] || [ -n "$$DATABASE_URL" ]; then exit 1; fi; \
	fi

# PDFs (flyers, reports, consent forms) need fonts for Arabic script and Ethiopic (Tigrinya).
system-deps:
	@fc-list 2>/dev/null | grep -q "Noto Naskh Arabic" || { echo "Installing Debian's Noto fonts for PDFs"; \
	  (apt-get update -qq && apt-get install -y -qq fonts-noto-core fontconfig) >/dev/null || \
	  { echo "Could not install fonts-noto-core: run 'apt-get install -y fonts-noto-core' as root"; exit 1; }; }

browser-deps:
	@test -x $(CHROMIUM) || { echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null || \
	  { echo "Could not install chromium: run 'apt-get install -y chromium' as root"; exit 1; }; }

browser-test: venv browser-deps
	WEGWEISER_CHROMIUM=$(CHROMIUM) $(PY) -m pytest -m browser -q -p no:xdist

test: venv system-deps lint typecheck contracts migrations-check i18n-check pytest-sqlite pytest-postgres browser-test
	@echo "All checks and tests passed."

clean:
	rm -rf var/test-output .mypy_cache .ruff_cache
