"""Fit the term-edge weights on the gold, and measure them honestly: by documents the weights were not fitted on.

    .venv/bin/python eval/edges.py folds  # fit on nine tenths of the documents, score the tenth, ten times; print
    .venv/bin/python eval/edges.py fit    # fit on every gold document; write src/vocab/extract/edge_weights.json

A decision is one call of ``edges.choose``: its candidates and their evidence. It is labelled by
the gold gloss on its line whose English it shares (the candidate whose text is the gold's Chinese);
decisions the gold does not settle (no such gloss, or no candidate equal to it) teach nothing. The
invented cases of ``tests/cases`` are decisions too, each counted ``CASE_WEIGHT`` times. The weights
are fitted in two steps: averaged perceptrons give a weight per feature, then a pairwise logistic
regression (scikit-learn) scales their score and weighs each pair of features beside it, so that
evidence can count only beside other evidence. By ten folds of documents, over 276 documents and
12,053 glosses, that chose 11,425 right against 11,374 with the perceptrons alone (session 40).
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from eval.harness import ROOT, GoldDoc, Score, load_docs, norm_en, norm_zh, predict, report, score  # noqa: E402

from vocab.extract import edges, extract_glosses  # noqa: E402
from vocab.extract.boundaries import first_word, says_first_word, taken_in  # noqa: E402
from vocab.identity import simplified  # noqa: E402

START = edges.Weights(tuple(1.0 if name == "heuristic" else 0.0 for name in edges.FEATURES))  # the rules alone
STRENGTH = 0.1  # the regression's C: less is smoother (by folds 0.03, 0.1, 0.3 chose 11,409, 11,425, 11,432 right)
FOLDS = 10

# the candidates' features, the gold candidate, the candidates' first words, the document (None for a case), and for
# each candidate the shorter ones whose first word it takes in (``boundaries.taken_in``)
Example = tuple[tuple[tuple[float, ...], ...], int, tuple[str, ...], str | None, tuple[tuple[int, ...], ...]]


def collect(doc: GoldDoc) -> list[Example]:
    """The labelled decisions of one document."""
    with edges.recording() as choices:
        predict(doc.path)
    gold = {(int(g["line"]), norm_en(g["en"])): norm_zh(g["zh"]) for g in doc.gold if g.get("zh")}
    return _labelled(choices, lambda choice: gold.get((choice.line, norm_en(choice.en))), doc.name)


CASES = ROOT / "tests" / "cases"
# Each invented case stands for a rule: it counts as this many decisions of the gold (with 5, session 65's refit lost
# 切比雪夫多项式 to 比雪夫多项式; by folds, 5, 10 and 20 score alike).
CASE_WEIGHT = 10


def collect_cases() -> list[Example]:
    """The labelled decisions of the invented extraction cases (``tests/cases``), each ``CASE_WEIGHT`` times: the
    weights must keep the rules they were written for, not only the gold's majority."""
    from vocab import parse_document

    examples = []
    for path in sorted(CASES.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            wanted = {norm_en(e["en"]): norm_zh(e["zh"]) for e in case["expected"] if e.get("zh")}
            with edges.recording() as choices:
                list(
                    extract_glosses(
                        parse_document(case["text"], case.get("path", "case.txt"), case.get("input_format"))
                    )
                )
            examples += _labelled(choices, lambda choice, said=wanted: said.get(norm_en(choice.en)), None) * CASE_WEIGHT
    return examples


def _labelled(
    choices: Sequence[edges.EdgeChoice], wanted_for: Callable[[edges.EdgeChoice], str | None], doc: str | None
) -> list[Example]:
    """The choices whose wanted Chinese is one of several candidates, with its index."""
    examples = []
    for choice in choices:
        wanted = wanted_for(choice)
        texts = [norm_zh(c.text) for c in choice.candidates]
        if wanted is not None and wanted in texts and len(texts) > 1:
            firsts = tuple(_first_word(c, choice.en) for c in choice.candidates)
            features = tuple(c.features for c in choice.candidates)
            examples.append((features, texts.index(wanted), firsts, doc, taken_in(choice.candidates)))
    return examples


def _first_word(candidate: edges.EdgeCandidate, en: str) -> str:
    """The candidate's first word as the odds count it: none where the English says it (``first_word_odds``)."""
    return "" if says_first_word(candidate, en) else simplified(first_word(candidate))


ODDS_MIN = 3  # decisions a first word must stand in before its odds count
ODDS_SCALE = 3.0  # log-odds are divided by this and kept in [-1, 1]
_ODDS, _CROSSED = edges.FEATURES.index("first_word_odds"), edges.FEATURES.index("crossed_odds")


def _word_counts(examples: Sequence[Example]) -> dict[str | None, dict[str, list[int]]]:
    """Per document, each first word's count of decisions whose gold term starts with it and of decisions where it
    stands before the gold term (the first word of a longer candidate)."""
    counts: dict[str | None, dict[str, list[int]]] = {}
    for _, wanted, firsts, doc, _ in examples:
        if doc is None:
            continue
        mine = counts.setdefault(doc, {})
        for k, word in enumerate(firsts):
            if word and k <= wanted:
                mine.setdefault(word, [0, 0])[0 if k == wanted else 1] += 1
    return counts


def _odds(starts: int, before: int) -> float:
    if starts + before < ODDS_MIN:
        return 0.0
    return max(-1.0, min(1.0, math.log((starts + 1) / (before + 1)) / ODDS_SCALE))


def _with_odds(examples: Sequence[Example]) -> tuple[list[Example], dict[str, float]]:
    """The examples with ``first_word_odds`` and ``crossed_odds`` as the other documents' decisions give them (a
    document's own brackets must not vouch for its words), and the table from all of them for the weights to ship."""
    counts = _word_counts(examples)
    total: dict[str, list[int]] = {}
    for mine in counts.values():
        for word, (starts, before) in mine.items():
            both = total.setdefault(word, [0, 0])
            both[0] += starts
            both[1] += before
    table = {word: round(v, 4) for word, (starts, before) in total.items() if (v := _odds(starts, before))}
    result = []
    for features, wanted, firsts, doc, taken in examples:
        mine = counts.get(doc, {})
        own = []  # each first word's odds from the other documents' decisions
        for word in firsts:
            (starts, before), (mine_starts, mine_before) = total.get(word, [0, 0]), mine.get(word, [0, 0])
            own.append(_odds(starts - mine_starts, before - mine_before))
        rows = []
        for row, value, crossed in zip(features, own, taken, strict=True):
            filled = list(row)
            filled[_ODDS], filled[_CROSSED] = value, min([0.0, *(own[k] for k in crossed)])
            rows.append(tuple(filled))
        result.append((tuple(rows), wanted, firsts, doc, taken))
    return result, table


_PAIRS = [(i, j) for i in range(len(edges.FEATURES)) for j in range(i, len(edges.FEATURES))]
EPOCHS = 10  # the perceptron's passes over the decisions in each order
ORDERS = 8  # perceptrons over differently shuffled copies of the decisions, averaged (seeded: the same every run)


def fit(examples: Sequence[Example]) -> edges.Weights:
    """Weights under which each decision's gold candidate outscores the others (the same examples give the same
    weights): a weight per feature from averaged perceptrons, then a pairwise logistic regression that scales their
    score and weighs each pair of features beside it, its pairs kept small (``STRENGTH``) so that they correct the
    features' weights where the gold shows it, and leave them alone elsewhere."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    examples, words = _with_odds(examples)
    linear = _perceptrons(examples)

    def row(features: Sequence[float]) -> list[float]:
        return [
            sum(w * f for w, f in zip(linear, features, strict=True)),
            *(features[i] * features[j] for i, j in _PAIRS),
        ]

    differences = []
    for candidates, wanted, *_ in examples:
        rows = [row(features) for features in candidates]
        differences += [np.subtract(rows[wanted], other) for k, other in enumerate(rows) if k != wanted]
    if not differences:
        return START
    both = np.vstack([np.array(differences), -np.array(differences)])
    labels = np.r_[np.ones(len(differences)), np.zeros(len(differences))]
    model = LogisticRegression(C=STRENGTH, max_iter=10_000, fit_intercept=False).fit(both, labels)
    scale, *paired = (float(w) for w in model.coef_[0])
    table = [[0.0] * len(edges.FEATURES) for _ in edges.FEATURES]
    for (i, j), weight in zip(_PAIRS, paired, strict=True):
        table[i][j] = round(weight, 5)
    return edges.Weights(tuple(round(scale * w, 5) for w in linear), tuple(map(tuple, table)), words)


def _perceptrons(examples: Sequence[Example]) -> tuple[float, ...]:
    """The mean of averaged perceptrons fitted on ``ORDERS`` seeded shufflings of the decisions: one order alone
    swings a figure by a few glosses."""
    fits = []
    for order in range(ORDERS):
        shuffled = list(examples)
        random.Random(order).shuffle(shuffled)
        fits.append(_perceptron(shuffled))
    return tuple(sum(column) / len(fits) for column in zip(*fits, strict=True)) if fits else START.linear


def _perceptron(examples: Sequence[Example]) -> tuple[float, ...]:
    """An averaged perceptron over the decisions, from the rules alone."""
    weights = list(START.linear)
    total = [0.0] * len(weights)
    steps = 0
    for _ in range(EPOCHS):
        for candidates, wanted, *_ in examples:
            scores = [sum(w * f for w, f in zip(weights, c, strict=True)) for c in candidates]
            best = max(range(len(candidates)), key=lambda k: (round(scores[k], 9), -k))
            if best != wanted:
                for i, (good, bad) in enumerate(zip(candidates[wanted], candidates[best], strict=True)):
                    weights[i] += good - bad
            total = [t + w for t, w in zip(total, weights, strict=True)]
            steps += 1
    return tuple(t / steps for t in total) if steps else START.linear


def by_folds(docs: list[GoldDoc], cases: list[Example]) -> dict[str, Score]:
    """Each document scored by weights fitted on the folds it is not in, and the invented cases (documents dealt into
    ``FOLDS`` folds in a seeded shuffle, so the figure is the same every run)."""
    names = sorted(doc.name for doc in docs)
    random.Random(FOLDS).shuffle(names)
    fold = {name: k % FOLDS for k, name in enumerate(names)}
    examples = {doc.name: collect(doc) for doc in docs}
    scores = {}
    for k in range(FOLDS):
        weights = fit([e for name, found in examples.items() if fold[name] != k for e in found] + cases)
        with edges.using_weights(weights):
            scores |= {doc.name: score(doc.gold, predict(doc.path)) for doc in docs if fold[doc.name] == k}
    return scores


def _as_json(weights: edges.Weights) -> dict[str, dict[str, float]]:
    linear = dict(zip(edges.FEATURES, weights.linear, strict=True))
    pairs = {edges.pair_name(i, j): weights.pairs[i][j] for i, j in _PAIRS if weights.pairs and weights.pairs[i][j]}
    return {"weights": linear, "pairs": pairs, "first_words": dict(sorted(weights.words.items()))}


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "folds"
    docs, cases = load_docs(), collect_cases()
    if command == "fit":
        fitted = _as_json(fit([e for doc in docs for e in collect(doc)] + cases))
        payload = {"fitted_on": sorted({doc.set for doc in docs}), "documents": len(docs), **fitted}
        edges.WEIGHTS_FILE.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(json.dumps(fitted["weights"], indent=2))
        return 0
    with edges.using_weights(START):
        report({doc.name: score(doc.gold, predict(doc.path)) for doc in docs}, "rules alone")
    report(by_folds(docs, cases), f"by {FOLDS} folds of documents")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
