# Two commands on a fresh machine with Python 3.11 and pip: `make demo` and `make test`.
# Each sets itself up: a virtualenv in .venv, uv inside it, and the locked dependencies.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME ?= $(CURDIR)/.dagster

.PHONY: setup demo test dev lint clean bench

setup: $(VENV)/.synced $(DAGSTER_HOME)/dagster.yaml

# --compile-bytecode: servers often set PYTHONDONTWRITEBYTECODE, and then nothing would ever write
# the .pyc files and every command would compile Dagster, dbt and pandas afresh (15 s, not 6 s).
$(VENV)/.synced: pyproject.toml uv.lock Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/uv sync --frozen --compile-bytecode --python $(BIN)/python
	$(BIN)/python -m compileall -q pipelines assets synthetic
	touch $@

$(DAGSTER_HOME)/dagster.yaml: dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	cp dagster.yaml $@

demo: setup
	$(BIN)/outcomes demo

# Each test module on one worker (--dist loadscope): its module-scoped warehouses are built once.
test: setup
	$(BIN)/python -m pytest -n auto --dist loadscope

# Every figure of issue 14 against its anchor; BENCH="--quick" for small sizes (benchmarks/bench.py).
bench: setup
	$(BIN)/python -m benchmarks.bench $(BENCH)

dev: setup
	$(BIN)/dagster dev --host 127.0.0.1 --workspace workspace.yaml

lint: setup
	$(BIN)/ruff check pipelines assets synthetic tests benchmarks
	$(BIN)/ruff format --check pipelines assets synthetic tests benchmarks

clean:
	rm -rf $(VENV) $(DAGSTER_HOME) warehouse outputs
