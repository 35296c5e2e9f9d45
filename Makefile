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

.PHONY: run test install install-test setup migrate demo lint format messages browser-test bench-report clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
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

# The report worker runs beside the web server and stops with it (Ctrl-C or any exit of runserver).
run: setup
	$(RUN_ENV) $(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-test
	$(TEST_ENV) $(BIN)/pytest

browser-test: install-test
	$(TEST_ENV) DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m browser tests/browser

# The annual report's benchmark (bench/README.md): seeds var/bench/ once, then reuses it; DATABASE_URL for PostgreSQL.
bench-report: install
	$(BIN)/python -m bench.report

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	$(RUN_ENV) $(BIN)/python manage.py makemessages --locale sv --locale en --ignore "$(VENV)/*" --ignore "var/*"
	$(RUN_ENV) $(BIN)/python manage.py compilemessages --ignore "$(VENV)/*"

clean:
	rm -rf var/db.sqlite3 var/staticfiles
