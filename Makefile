# Two commands on a fresh machine with Python 3.11 and pip: `make demo` and `make test`.
# Each sets itself up: a virtualenv in .venv, uv inside it, and the locked dependencies.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME ?= $(CURDIR)/.dagster

.PHONY: setup demo test dev lint clean

setup: $(VENV)/.synced $(DAGSTER_HOME)/dagster.yaml

$(VENV)/.synced: pyproject.toml uv.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/uv sync --frozen --python $(BIN)/python
	touch $@

$(DAGSTER_HOME)/dagster.yaml: dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	cp dagster.yaml $@

demo: setup
	$(BIN)/outcomes demo

test: setup
	$(BIN)/python -m pytest -n auto

dev: setup
	$(BIN)/dagster dev --host 127.0.0.1 --workspace workspace.yaml

lint: setup
	$(BIN)/ruff check pipelines assets synthetic tests benchmarks
	$(BIN)/ruff format --check pipelines assets synthetic tests benchmarks

clean:
	rm -rf $(VENV) $(DAGSTER_HOME) warehouse outputs
