# LSCP Insight: two commands on a fresh machine.
#   make demo  -> install everything, load the demo partnership, build its report, serve it
#   make test  -> install what the tests need and run the whole suite on SQLite and PostgreSQL

PY      := .venv/bin/python
LSCP    := .venv/bin/lscp
PYTEST  := .venv/bin/pytest
CSS     := lscp/web/static/build/lscp.css

.PHONY: demo serve test test-sqlite test-postgres lint benchmark benchmark-load clean

.venv/bin/python:
	python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip

.venv/.installed-base: .venv/bin/python requirements/base.txt pyproject.toml
	$(PY) -m pip install --quiet --require-hashes -r requirements/base.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

.venv/.installed-dev: .venv/.installed-base requirements/dev.txt
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CSS): node_modules/.installed lscp/web/assets/lscp.scss
	npm run --silent build:css

apt-run:
	@scripts/apt-deps.sh run

apt-test:
	@scripts/apt-deps.sh test

# The demo is a snapshot of 2020-21: its clocks and overdue flags are shown as they stood on
# 30 June 2021. Override with `make demo DEMO_TODAY=` to use the real date.
DEMO_TODAY ?= 2021-06-30

demo: apt-run .venv/.installed-base $(CSS)
	$(LSCP) migrate --verbosity 0
	$(LSCP) demo load --report
	@echo "\nLSCP Insight is at http://127.0.0.1:8000 (Ctrl+C to stop); clocks as at $(DEMO_TODAY)"
	LSCP_TODAY=$(DEMO_TODAY) $(LSCP) runserver 127.0.0.1:8000 --noreload

# The production server: set LSCP_SECRET_KEY, DATABASE_URL (PostgreSQL), LSCP_ALLOWED_HOSTS
# and LSCP_TRUSTED_ORIGINS first (README, "Running it for a real partnership").
serve: apt-run .venv/.installed-base $(CSS)
	DJANGO_SETTINGS_MODULE=lscp.settings.production $(LSCP) migrate --verbosity 0
	$(LSCP) serve

test: apt-test .venv/.installed-dev $(CSS)
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

lint: .venv/.installed-dev
	.venv/bin/ruff check lscp tests benchmarks
	.venv/bin/mypy lscp
	DJANGO_SETTINGS_MODULE=lscp.settings.test $(LSCP) makemigrations --check --dry-run --verbosity 0

test-sqlite: .venv/.installed-dev $(CSS)
	@echo "== Test suite on SQLite =="
	$(PYTEST) -n 2

test-postgres: .venv/.installed-dev $(CSS)
	@echo "== Test suite on PostgreSQL =="
	url=$$(scripts/postgres.sh) && case "$$url" in postgres://*) ;; *) echo "scripts/postgres.sh gave no database URL: $$url" >&2; exit 1;; esac && \
	  DATABASE_URL=$$url $(PYTEST) -n 2 -m "not browser"

benchmark: .venv/.installed-dev $(CSS)
	DJANGO_SETTINGS_MODULE=lscp.settings.test $(PY) benchmarks/report_build.py
	$(PY) benchmarks/returns.py

# Signed-in users against `lscp serve` on PostgreSQL (its own database, dropped after), e.g.
# make benchmark-load LOAD_ARGS="--users 50 --duration 60 --think 1"
benchmark-load: apt-test .venv/.installed-base $(CSS)
	$(PY) benchmarks/load.py $(LOAD_ARGS)

clean:
	rm -rf .venv node_modules var $(CSS)
