# Loa: two commands. `make run` sets up everything and serves the site;
# `make test` runs the linters and the whole test suite.

PYTHON ?= python3.11
ifeq (, $(shell command -v $(PYTHON) 2>/dev/null))
PYTHON := python3
endif
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The slowest tests are printed at the end, so that a session sees what the budget goes to.
PYTEST_ARGS ?= --durations=25
# pytest-xdist: one worker per CPU core, each with its own test database; a test file stays on one worker
# (module-scoped fixtures are set up once). PYTEST_WORKERS=0 runs the suite in one process.
PYTEST_WORKERS ?= auto

.PHONY: run test serve setup preflight venv dev-venv migrate demo lint fonts messages clean docs-screenshots

# The development server and, beside it, the loop that drains scans and refreshes the dashboard (scripts/run.sh).
run: setup
	HOST=$(HOST) PORT=$(PORT) scripts/run.sh

# Everything `make run` needs before it serves; fast and changes nothing the second time.
setup: preflight venv
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin

# Production-like: gunicorn, the task worker and the scheduler (see scripts/serve.sh).
serve: preflight venv
	HOST=$(HOST) PORT=$(PORT) scripts/serve.sh

preflight:
	@$(PYTHON) scripts/preflight.py

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when a requirements file changes.
$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $(VENV)/.runtime-installed $@

venv: $(VENV)/.runtime-installed
dev-venv: $(VENV)/.dev-installed

lint: preflight dev-venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

test: lint
	DJANGO_SETTINGS_MODULE=website.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=website.settings.test $(MANAGE) makemigrations --check --dry-run
	@# The migration linter compares with a commit of main: a clone without that history cannot lint, and says so.
	@if git cat-file -e 41d8ed7288cf08c758c914804ed7e7d219ec2712 2>/dev/null; then \
	  DJANGO_SETTINGS_MODULE=website.settings.test $(MANAGE) lintmigrations; \
	else echo "lintmigrations: skipped, this clone lacks main's history (git fetch --unshallow)"; fi
	$(BIN)/python scripts/check_messages.py
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Refresh the user guides' screenshots (docs/images/) by running the real-browser journeys that take them.
# The print-pack journey runs a real task worker and needs PostgreSQL: DATABASE_URL=postgres://… make docs-screenshots
docs-screenshots: dev-venv
	LOA_DOC_SCREENSHOTS=1 $(BIN)/pytest -q tests/e2e/test_journey_editor.py tests/e2e/test_journey_official.py \
		tests/e2e/test_journey_service_point.py tests/e2e/test_journey_citizen.py

# Regenerate the committed WOFF2 subsets of Be Vietnam Pro.
fonts: dev-venv
	$(BIN)/python scripts/make_fonts.py

# Refresh the interface catalogues from the code (makemessages needs GNU gettext's xgettext:
# apt-get install gettext), then compile them in pure Python (scripts/compile_messages.py).
# New strings arrive untranslated: translate the `en` entries (tests/website/test_messages.py
# fails until they are), and run `make messages` again to compile.
MESSAGE_LOCALES := vi en km rad hnj
messages: dev-venv
	@command -v xgettext >/dev/null || { echo "make messages: xgettext is missing: apt-get install gettext" >&2; exit 1; }
	$(MANAGE) makemessages $(addprefix --locale ,$(MESSAGE_LOCALES)) --ignore '.venv/*' --ignore 'tests/*' --ignore 'staticfiles/*' --no-obsolete
	$(BIN)/python scripts/compile_messages.py

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-shm db.sqlite3-wal .test-media staticfiles
