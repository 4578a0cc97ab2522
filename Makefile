# veille — `make demo` and `make test` work on a fresh machine with only Python and PyPI.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
SEEDS ?= $(SHARED)/seeds
OUT ?= out

.PHONY: setup demo test test-fast bench eval clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,api]"
	touch $@

demo: setup
	@mkdir -p $(OUT)
	$(BIN)/veille analyze $(SEEDS) --format pretty
	$(BIN)/veille analyze $(SEEDS) --format html --out $(OUT)/seeds.html
	$(BIN)/veille analyze $(SEEDS) --format json --out $(OUT)/seeds.json
	@echo "HTML view: $(OUT)/seeds.html · JSON records: $(OUT)/seeds.json"

test: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider

test-fast: setup
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not slow"

eval: setup
	$(BIN)/veille eval --gold $(SHARED)/gold --gold $(SHARED)/gold/fr-timebank-dev \
		--gold quality/gold-orangesum --gold quality/gold-orangesum-dev2 \
		--gold quality/gold-orangesum-test --floors quality/floors.json

bench: setup
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(OUT) build src/*.egg-info
