# Two commands on a fresh machine: `make run` (the app with the demo journal) and
# `make test` (the whole test suite). Both build the virtualenv first when needed.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
# The PostgreSQL server for the second test run; override to use another one.
FOLLOWUP_TEST_PG_URL ?= postgres://postgres@127.0.0.1:5432/followup
# pyproject.toml loads followup.web.testdb (-p), which keeps the tests out of the
# real data directory: Django reads its settings before any conftest.py.
PYTEST := $(BIN)/pytest
# More pytest arguments for both runs, e.g. `make test PYTEST_ARGS="tests/web -x"`.
PYTEST_ARGS ?=

.PHONY: run test test-sqlite test-postgres test-api test-browser-postgres lint bench mutation mutation-sample mypyc test-mypyc

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@# An editable install compiles no bytecode: compiled here, once, rather than on the
	@# first run of each command (or never, where bytecode writing is off).
	$(BIN)/python -m compileall -q followup
	touch $@

run: $(VENV)/.installed
	$(BIN)/followup serve

# ical.js (the calendar parser of Thunderbird and of several web calendars) reads the
# feed back in tests/web/test_feeds_icaljs.py. Installed here, never committed; without
# npm the step says so and those tests skip (a failure in CI).
ICALJS := .js/node_modules/ical.js/package.json

$(ICALJS):
	@if command -v npm >/dev/null; then \
		npm install --silent --no-audit --no-fund --prefix .js ical.js@2; \
	else echo "npm is not installed: the ical.js feed tests will skip"; fi

# Everything on SQLite and, at the same time (one run per core), the database tests
# again on PostgreSQL. Both runs always finish (a failure on SQLite still shows what
# PostgreSQL says), each one's output in one piece; either failing fails `make test`.
test: $(VENV)/.installed $(ICALJS)
	@$(MAKE) --no-print-directory --keep-going --jobs=2 --output-sync=target test-sqlite test-postgres

# The API fuzzing (schemathesis, about 3 minutes) runs once, in the PostgreSQL run:
# hosted servers, where the API matters, use PostgreSQL. `make test-api` runs it on SQLite.
API_FUZZ := tests/web/test_api_schemathesis.py

test-sqlite: $(VENV)/.installed $(ICALJS)
	DATABASE_URL= $(PYTEST) --ignore=$(API_FUZZ) $(PYTEST_ARGS)

test-api: $(VENV)/.installed
	DATABASE_URL= $(PYTEST) $(API_FUZZ) $(PYTEST_ARGS)

# When the server is down, these tests are skipped with the reason (a failure
# under FOLLOWUP_REQUIRE_ALL=1, as in CI). The Chromium journeys run once, in the
# SQLite run (the default install); their data goes through the same services and
# models the database tests check on both servers. The two runs then take about
# the same time, run side by side. `make test-browser-postgres` runs them here too.
test-postgres: $(VENV)/.installed
	DATABASE_URL=$(FOLLOWUP_TEST_PG_URL) $(PYTEST) -m "database and not browser" $(PYTEST_ARGS)

test-browser-postgres: $(VENV)/.installed
	DATABASE_URL=$(FOLLOWUP_TEST_PG_URL) $(PYTEST) -m "database and browser" $(PYTEST_ARGS)

# All three checks run even when one fails, so one CI run shows every problem.
lint: $(VENV)/.installed
	@status=0; \
	echo "ruff check ."; $(BIN)/ruff check . || status=1; \
	echo "ruff format --check ."; $(BIN)/ruff format --check . || status=1; \
	echo "mypy"; $(BIN)/mypy || status=1; \
	exit $$status

bench: $(VENV)/.installed
	$(BIN)/python bench/plan_throughput.py

# An optional accelerator (issue 9): the planner's hot modules compiled with mypyc, in a
# copy of the package under build/mypyc. The pure-Python modules stay the reference:
# nothing imports the compiled ones unless asked, with PYTHONPATH=build/mypyc (the
# copy then comes first). tests/test_compiled_build.py reads this list.
MYPYC_MODULES := state rules calendar plan occasions
MYPYC_DIR := build/mypyc
mypyc: $(VENV)/.installed
	rm -rf $(MYPYC_DIR) && mkdir -p $(MYPYC_DIR)
	cp -RL followup $(MYPYC_DIR)/followup
	find $(MYPYC_DIR) -name __pycache__ -prune -exec rm -rf {} +
	cd $(MYPYC_DIR) && $(CURDIR)/$(BIN)/mypyc $(MYPYC_MODULES:%=followup/planner/%.py) >mypyc.log 2>&1 \
		|| { tail -n 30 mypyc.log; exit 1; }
	$(BIN)/python -m compileall -q $(MYPYC_DIR)/followup

# The planner's tests (with the golden plans) and the journal decoding's, against the
# compiled build: both builds must plan alike.
test-mypyc: mypyc
	PYTHONPATH=$(MYPYC_DIR) FOLLOWUP_COMPILED=1 DATABASE_URL= $(PYTEST) -p no:cacheprovider \
		tests/planner tests/test_journal_decoding.py tests/test_compiled_build.py $(PYTEST_ARGS)

# Mutation testing of the planner's rules (mutmut; settings in pyproject.toml): every
# small change to calendar, journal, policy, rules and state that the tests should
# catch. Prints the score per module and the survivors, as docs/testing.md records
# them; `mutmut show NAME` shows one. Most of an hour on two cores; a part:
# `make mutation MUTANTS='followup.planner.policy*'`. The run's log: mutmut.log.
MUTANTS ?=
MUTMUT_RUN = rm -rf mutants && DATABASE_URL= nice $(BIN)/mutmut run --max-children 2
mutation: $(VENV)/.installed
	$(MUTMUT_RUN) $(MUTANTS) >mutmut.log 2>&1 || { tail -n 30 mutmut.log; exit 1; }
	DATABASE_URL= nice $(BIN)/python tools/mutation_score.py --recheck >>mutmut.log 2>&1
	$(BIN)/python tools/mutation_score.py --survivors

# CI's share (a few minutes, most of it mutmut's setup: copying the package and one
# traced run of the planner tests): a fixed sample of the rules whose wrong numbers
# once went unnoticed (docs/testing.md); it must keep scoring at least 90 %.
MUTATION_SAMPLE = 'followup.planner.policy*' 'followup.planner.rules.xǁRulesǁ_space_emails*' \
	'followup.planner.calendar.xǁBusinessCalendarǁwindow*'
mutation-sample: $(VENV)/.installed
	$(MUTMUT_RUN) $(MUTATION_SAMPLE) >mutmut.log 2>&1 || { tail -n 30 mutmut.log; exit 1; }
	DATABASE_URL= nice $(BIN)/python tools/mutation_score.py --recheck >>mutmut.log 2>&1
	$(BIN)/python tools/mutation_score.py --survivors --min 90
