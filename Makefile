# The two commands a newcomer needs: `make run` and `make test`. Everything else is a step they use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MUNICIPALITY ?= goteborg
SIZE ?= small
HOST ?= 127.0.0.1
PORT ?= 8000
# Development defaults; production sets these in its environment (see .env.example).
RUN_ENV := DEBUG=true
TEST_ENV := SECRET_KEY=test-only-not-secret DEBUG=false STATIC_MANIFEST=false

.PHONY: run test install install-test lock audit setup migrate demo lint format messages browser-test bench bench-report bench-export screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installs exactly what the lock files pin, with their hashes; `make lock` renews them after pyproject.toml changes.
$(VENV)/.installed: requirements/base.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip check
	touch $@

$(VENV)/.installed-test: requirements/test.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/test.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip check
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

var:
	mkdir -p var

migrate: install var
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input

demo: migrate
	$(RUN_ENV) $(BIN)/python manage.py seed_demo --municipality $(MUNICIPALITY) --size $(SIZE)

setup: demo

# The background worker (report builds, imports) runs beside the web server and stops with it (Ctrl-C or any exit
# of runserver).
run: setup
	$(RUN_ENV) $(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-test
	$(TEST_ENV) $(BIN)/pytest

browser-test: install-test
	$(TEST_ENV) DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m browser tests/browser

# The pages' benchmark (bench/README.md): every list, filter, search, sort, last page, detail and start page against
# the Django admin and against its own SQL, a load through gunicorn, the exports' and the report's memory; on the large
# demo database (seeded once into var/bench/), on SQLite and, where DATABASE_URL names a server, on PostgreSQL too.
BENCH_FLAGS ?=
bench: install
	@status=0; env -u DATABASE_URL $(BIN)/python -m bench.pages $(BENCH_FLAGS) || status=$$?; \
	if [ -n "$$DATABASE_URL" ]; then $(BIN)/python -m bench.pages $(BENCH_FLAGS) || status=$$?; fi; exit $$status

# The annual report's benchmark (bench/README.md): seeds var/bench/ once, then reuses it; DATABASE_URL for PostgreSQL.
bench-report: install
	$(BIN)/python -m bench.report

# The list exports' benchmark (bench/README.md): CSV and Excel of 10,000 and 50,000 projects from the large database.
bench-export: install
	$(BIN)/python -m bench.export

# Every role's start page and every register's list, detail and form at 1280 and 390 px (README, "Tests").
SCREENSHOTS ?= var/screenshots
screenshots: install-test
	$(BIN)/python -m bench.screenshots --out $(SCREENSHOTS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit --quiet --configfile pyproject.toml --recursive cooperation intl_portal

# Pins every dependency for Python 3.11+ on any platform, with hashes; the test lock keeps the runtime pins.
# Keeps the versions already pinned; `make lock LOCK_FLAGS=--upgrade` moves everything to the newest allowed.
LOCK_FLAGS ?=
UV_COMPILE := $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes --quiet
lock: | $(BIN)/python
	$(BIN)/pip install --quiet "uv>=0.9,<1"
	$(UV_COMPILE) $(LOCK_FLAGS) -o requirements/base.txt
	$(UV_COMPILE) $(LOCK_FLAGS) --extra test --constraint requirements/base.txt -o requirements/test.txt

# Known vulnerabilities in every pinned version, from PyPI's advisory data (online: see SECURITY.md). --strict: a
# version that could not be looked up fails the audit instead of passing unchecked.
audit: install-test
	$(BIN)/pip-audit --strict --disable-pip --require-hashes --requirement requirements/test.txt

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	$(RUN_ENV) $(BIN)/python manage.py makemessages --locale sv --locale en --ignore "$(VENV)/*" --ignore "var/*"
	$(RUN_ENV) $(BIN)/python manage.py compilemessages --ignore "$(VENV)/*"

clean:
	rm -rf var/db.sqlite3 var/staticfiles
