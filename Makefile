# Quartiersnetz: `make run` sets everything up and serves both demo sites; `make test` tests.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 0.0.0.0
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= cms.settings.dev
# The compiled catalogues (.mo) are committed, so a machine without GNU gettext still runs.
COMPILEMESSAGES = @if command -v msgfmt >/dev/null 2>&1; then \
	  $(PY) manage.py compilemessages --ignore '.venv' --ignore 'node_modules' >/dev/null; \
	else echo "msgfmt fehlt: die mitgelieferten .mo-Dateien werden verwendet."; fi

.PHONY: install install-dev lock run serve migrate demo test test-fast lint format bench messages clean

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) fehlt: bitte Python 3.11 installieren."; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Installs the locked versions CI tested; re-runs only when a lock changes. The runtime lock is
# what the Docker image installs; the dev lock adds the test and lint tools (the same versions for
# every package both hold), so once it is installed the runtime lock is installed too.
$(VENV)/.installed-runtime: requirements.lock | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $@ $(VENV)/.installed-runtime

install: $(VENV)/.installed-runtime

install-dev: $(VENV)/.installed-dev

# Both locks come from pyproject.toml; versions already locked are kept (UPGRADE=--upgrade lifts
# them). The runtime lock is constrained by the dev lock, so the two agree on every shared package.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --python $(PY) --no-header --no-annotate --no-emit-package pip $(UPGRADE)
lock: install-dev
	$(UV_COMPILE) --extra dev -o requirements-dev.lock
	$(UV_COMPILE) -c requirements-dev.lock -o requirements.lock

migrate: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(COMPILEMESSAGES)

demo: migrate
	$(PY) manage.py load_demo_data

run: demo
	@echo "Kaarst:          http://kaarst.localhost:$(PORT)/"
	@echo "Kaiserslautern:  http://kaiserslautern.localhost:$(PORT)/"
	@echo "Verwaltung:      http://kaarst.localhost:$(PORT)/admin/"
	$(PY) manage.py runserver $(HOST):$(PORT)

serve: install
	$(PY) manage.py runserver $(HOST):$(PORT)

# The W3C Nu Html Checker for tests/cms/test_html_validity.py (needs npm once, then Java).
VNU_VERSION := 26.9.27
VNU_JAR := var/vnu/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR):
	@command -v npm >/dev/null 2>&1 || { echo "npm fehlt: bitte Node.js/npm installieren (für den HTML-Prüfer)."; exit 1; }
	npm install --silent --no-save --no-package-lock --prefix var/vnu vnu-jar@$(VNU_VERSION)

# pytest exits 5 when it collected no test: that is a failure here, as is any other non-zero code.
test: install-dev $(VNU_JAR)
	$(COMPILEMESSAGES)
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/pytest $(PYTEST_ARGS); status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest hat keinen Test gefunden."; exit 1; fi; exit $$status

test-fast: install-dev
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/pytest -m "not e2e" $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install-dev
	$(PY) bench/run.py

messages: install
	$(PY) manage.py makemessages -l de -l en -l ar --ignore '.venv' --ignore 'node_modules' --ignore 'var' --ignore 'frontend'
	$(PY) locale/apply_translations.py
	$(PY) manage.py compilemessages --ignore '.venv' --ignore 'node_modules'

clean:
	rm -rf $(VENV) var
