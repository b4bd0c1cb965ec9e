# The two set-up commands of the README: `make demo` and `make test`.
PY ?= python3.11
# The demo server's address: `make demo PORT=8080` when 8000 is taken.
HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install install-dev lint bench clean mutate samples

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "需要 Python 3.11（$(PY)）"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Install, migrate, load the demo bureau (once, printing its progress), and serve at http://$(HOST):$(PORT).
demo: $(STAMP)
	$(BIN)/fazhi demo --if-empty
	$(BIN)/fazhi collectstatic --noinput -v 0
	@echo "服务地址：http://$(HOST):$(PORT) （Ctrl-C 停止）"
	FAZHI_DEBUG=0 $(BIN)/fazhi serve $(HOST):$(PORT) --insecure

# Lint, strict types of fazhi/law and the workflow machinery, and the whole suite; against PostgreSQL when DATABASE_URL is set, else SQLite.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run -v 0
	$(BIN)/pytest

# Mutation testing (docs/mutation.md): mutmut over the functions of fazhi/law/ and cases/workflow.py, each
# mutant against the tests that reach it (pyproject.toml [tool.mutmut]); then the table mutants (workflow table,
# citations, periods, thresholds). mutmut copies the unmutated sources into mutants/ only once, so each run
# starts from a fresh copy (a stale one would test yesterday's code). mutants/ is ignored by git.
TABLE_MUTANT_TESTS := tests/law/test_citations.py tests/test_workflow_table.py $(filter-out tests/law/test_citations.py,$(wildcard tests/law/test_*.py)) \
	tests/test_actions_driven.py tests/test_api_scenarios.py
mutate: $(STAMP)
	$(BIN)/pip install -q "mutmut==3.8.1"
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results > mutants/survivors.txt || true
	@echo "mutmut survivors: $$(grep -c survived mutants/survivors.txt) (list in mutants/survivors.txt)"
	$(BIN)/python -m pytest -p tests.table_mutants --table-mutants --table-mutants-report var/table-mutants.json \
		-p no:randomly -p no:cacheprovider -q $(TABLE_MUTANT_TESTS)

# Page images of the 文书 and of the city bureau's annual report (docs/samples): the demo (as make demo loads it)
# in a throwaway SQLite database, then `fazhi samples` and `fazhi report annual --png` (a few minutes).
SAMPLES_DB := $(CURDIR)/var/samples.sqlite3
samples: $(STAMP)
	mkdir -p var && rm -f $(SAMPLES_DB)
	DATABASE_URL=sqlite:///$(SAMPLES_DB) $(BIN)/fazhi demo
	DATABASE_URL=sqlite:///$(SAMPLES_DB) $(BIN)/fazhi samples -o docs/samples
	DATABASE_URL=sqlite:///$(SAMPLES_DB) $(BIN)/fazhi report annual --bureau 430200 --year $$(date +%Y) \
		-o var/reports --png docs/samples

bench: $(STAMP)
	$(BIN)/pip install -q -e ".[dev,bench]"
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) var
