# The two commands of the README: `make demo` and `make test`. Both set everything up on a fresh machine.
# torch is installed first, pinned, so no package pulls a CUDA build of it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup demo test bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

demo: setup
	$(BIN)/contradict report examples/ --index-dir index/demo --top 5
	$(BIN)/contradict report --index-dir index/demo --format html --output reports/demo.html
	$(BIN)/contradict report --index-dir index/demo --format markdown --output reports/demo.md
	$(BIN)/contradict report --index-dir index/demo --format json --output reports/demo.json

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/contradict bench pipeline ../shared/seeds

clean:
	rm -rf index/demo reports/demo.* build .pytest_cache
