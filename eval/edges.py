"""Fit the term-edge weights on the gold, and measure them honestly: leave one document out.

    .venv/bin/python eval/edges.py loo    # fit without each document, score that document; print the figures
    .venv/bin/python eval/edges.py fit    # fit on every gold document; write src/vocab/extract/edge_weights.json

A decision is one call of ``edges.choose``: its candidates and their evidence. It is labelled by
the gold gloss on its line whose English it shares (the candidate whose text is the gold's Chinese);
decisions the gold does not settle (no such gloss, or no candidate equal to it) teach nothing. The
weights are an averaged perceptron's, started from the rule-based choice alone, so evidence moves
a decision only where it helps on documents the weights were not fitted on; fitted over ``ORDERS``
seeded shufflings of the decisions and averaged, because one order alone swung the leave-one-out
figure by a few glosses from one refit to the next.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from eval.harness import GoldDoc, Score, load_docs, norm_en, norm_zh, predict, report, score  # noqa: E402

from vocab.extract import edges  # noqa: E402

START = tuple(1.0 if name == "heuristic" else 0.0 for name in edges.FEATURES)
EPOCHS = 10  # passes over the decisions in each order

Example = tuple[tuple[tuple[float, ...], ...], int]  # the candidates' features, the gold candidate


def collect(doc: GoldDoc) -> list[Example]:
    """The labelled decisions of one document."""
    with edges.recording() as choices:
        predict(doc.path)
    gold = {(int(g["line"]), norm_en(g["en"])): norm_zh(g["zh"]) for g in doc.gold if g.get("zh")}
    examples = []
    for choice in choices:
        wanted = gold.get((choice.line, norm_en(choice.en)))
        texts = [norm_zh(c.text) for c in choice.candidates]
        if wanted is not None and wanted in texts and len(texts) > 1:
            examples.append((tuple(c.features for c in choice.candidates), texts.index(wanted)))
    return examples


ORDERS = 8  # fits over differently shuffled copies of the decisions, averaged (seeded: the same every run)


def fit(examples: Sequence[Example]) -> tuple[float, ...]:
    """The mean of averaged perceptrons fitted on ``ORDERS`` seeded shufflings of the decisions: one order alone
    swings a leave-one-out figure by a few glosses, so a small rule could not be measured."""
    import random

    fits = []
    for order in range(ORDERS):
        shuffled = list(examples)
        random.Random(order).shuffle(shuffled)
        fits.append(_fit_once(shuffled))
    return tuple(round(sum(column) / len(fits), 4) for column in zip(*fits, strict=True)) if fits else START


def _fit_once(examples: Sequence[Example]) -> tuple[float, ...]:
    """An averaged perceptron over the decisions, from START; the same examples give the same weights."""
    weights = list(START)
    total = [0.0] * len(weights)
    steps = 0
    for _ in range(EPOCHS):
        for candidates, wanted in examples:
            scores = [sum(w * f for w, f in zip(weights, c, strict=True)) for c in candidates]
            best = max(range(len(candidates)), key=lambda k: (round(scores[k], 9), -k))
            if best != wanted:
                for i, (good, bad) in enumerate(zip(candidates[wanted], candidates[best], strict=True)):
                    weights[i] += good - bad
            total = [t + w for t, w in zip(total, weights, strict=True)]
            steps += 1
    return tuple(round(t / steps, 4) for t in total) if steps else START


def leave_one_out(docs: list[GoldDoc]) -> dict[str, Score]:
    examples = {doc.name: collect(doc) for doc in docs}
    scores = {}
    for doc in docs:
        weights = fit([e for name, found in examples.items() if name != doc.name for e in found])
        with edges.using_weights(weights):
            scores[doc.name] = score(doc.gold, predict(doc.path))
    return scores


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "loo"
    docs = load_docs()
    if command == "fit":
        weights = fit([e for doc in docs for e in collect(doc)])
        named = {name: w for name, w in zip(edges.FEATURES, weights, strict=True)}
        sets = sorted({doc.set for doc in docs})
        payload = {"fitted_on": sets, "documents": len(docs), "weights": named}
        edges.WEIGHTS_FILE.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(named, indent=2))
        return 0
    with edges.using_weights(START):
        report({doc.name: score(doc.gold, predict(doc.path)) for doc in docs}, "rules alone")
    report(leave_one_out(docs), "leave-one-document-out")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
