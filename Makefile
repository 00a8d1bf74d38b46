# Set-up is automatic: the first `make run` or `make test` creates .venv and installs sitrep
# into it; it reinstalls only when pyproject.toml changes.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed
EXAMPLES = src/sitrep/data/examples/reports.jsonl
FOLLOWUPS = src/sitrep/data/examples/followups.jsonl

.PHONY: run test bench lint clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test,cluster]'
	touch $(STAMP)

# ingest the bundled examples into sitrep.db, then serve the API and dashboard (prints the address)
run: $(STAMP)
	$(PY) -m sitrep ingest $(EXAMPLES)
	$(PY) -m sitrep ingest $(FOLLOWUPS)
	$(PY) -m sitrep serve

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/bench_extract.py

lint: $(STAMP)
	$(PY) -m compileall -q src tests bench
	$(PY) -m sitrep lexicon validate

clean:
	rm -rf $(VENV) build dist .pytest_cache
