# `make demo` and `make test` do all set-up on a fresh machine: they need only python3 (3.11+) and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

SHARED ?= ../shared

.PHONY: demo test score bench fuzz lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/vocab build examples

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Extraction against the hand-checked gold: the seeds and realdev in $(SHARED), the project's own sets, then the
# honest figure: every document scored by edge weights fitted without it (leave-one-document-out).
score: $(STAMP)
	$(BIN)/python $(SHARED)/eval/score_glosses.py --gold $(SHARED)/gold/seeds --docs $(SHARED)/seeds \
		--cmd "$(BIN)/vocab extract --format jsonl"
	$(BIN)/python $(SHARED)/eval/score_glosses.py --gold $(SHARED)/realdev/gold --docs $(SHARED)/realdev/docs \
		--cmd "$(BIN)/vocab extract --format jsonl" --show 0
	for set in $$($(BIN)/python -c "from eval.harness import PROJECT_SETS; print(*PROJECT_SETS)"); do $(BIN)/python $(SHARED)/eval/score_glosses.py \
		--gold tests/$$set/gold --docs tests/$$set/docs --cmd "$(BIN)/vocab extract --format jsonl" --show 0 | tail -n 2; done
	$(BIN)/python eval/edges.py folds

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_scale.py --episodes 100

# The whole job on 10,000 generated documents (mutated skeletons of every format): 0 crashes expected.
fuzz: $(STAMP)
	VOCAB_FUZZ_EXAMPLES=10000 VOCAB_FUZZ_SEED=15 $(BIN)/python -m pytest -q tests/test_fuzz.py

lint: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(BIN)/ruff check src tests eval
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
