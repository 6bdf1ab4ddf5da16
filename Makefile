# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test chat doctor bench lint clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	@$(VENV)/bin/os1 run $(ARGS)

chat: $(STAMP)
	@$(VENV)/bin/os1 chat $(ARGS)

doctor: $(STAMP)
	@$(VENV)/bin/os1 doctor

test: $(STAMP)
	@$(VENV)/bin/pytest -q $(ARGS)

bench: $(STAMP)
	@$(PY) benchmarks/turn_overhead.py
	@$(PY) benchmarks/import_archive.py --json
	@$(PY) benchmarks/recall_latency.py
	@$(PY) benchmarks/extraction_latency.py
	@$(PY) benchmarks/burst.py --users 300
	@$(VENV)/bin/os1 memory eval evals/memory/dataset.json --k 10 --json
	@$(VENV)/bin/os1 safety eval evals/safety.jsonl --json
	@$(VENV)/bin/os1 safety eval evals_blind/safety_blind.jsonl --json

lint: $(STAMP)
	@$(PY) -m pip install --quiet ruff
	@$(VENV)/bin/ruff check bot cogs tests benchmarks

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
