# Two entry points on a fresh clone: `make demo` and `make test` (README: Quick start).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KG := env -u KG_NEO4J_URI $(VENV)/bin/kg
DEMO_DB := out/demo-db

.PHONY: install demo test bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Ingest examples/ into a fresh embedded store, summarise it, run a saved query, and write
# an offline HTML view and a Turtle export.
demo: install
	rm -rf $(DEMO_DB)
	$(KG) ingest examples --reliability grading/source-reliability.csv --db $(DEMO_DB)
	$(KG) stats --db $(DEMO_DB)
	$(KG) query transfers --db $(DEMO_DB)
	$(KG) view "Jaysh al-Islam" --hops 2 -o out/graph.html --db $(DEMO_DB)
	$(KG) export --format turtle -o out/graph.ttl --db $(DEMO_DB)

# The whole suite, Neo4j included: tests/conftest.py starts a real Neo4j with
# scripts/neo4j-server unless KG_NEO4J_URI names one.
test: install
	$(PY) -m pytest

bench: install
	$(PY) bench/extract_speed.py
	$(PY) bench/startup.py
	$(PY) bench/catalog_ablation.py
	$(PY) bench/neo4j_write.py

clean:
	rm -rf out build *.egg-info
