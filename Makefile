# The two set-up commands of the README: `make demo` and `make test`.
PY ?= python3.11
# The demo server's address: `make demo PORT=8080` when 8000 is taken.
HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install install-dev lint bench clean

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

# Lint and the whole suite; against PostgreSQL when DATABASE_URL is set, else SQLite.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run -v 0
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/pip install -q -e ".[dev,bench]"
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) var
