"""Term edges chosen by evidence: the shipped weights match the features, the choice is the best score,
``--trace`` explains it, and the fitter learns what the gold teaches."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from vocab import parse_document
from vocab.extract import edges, trace_decisions


def test_shipped_weights_name_every_feature() -> None:
    shipped = json.loads(edges.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert list(shipped["weights"]) == list(edges.FEATURES)
    assert all(len(name.split(edges.PAIR)) == 2 for name in shipped["pairs"])
    assert edges.shipped_weights() == edges.Weights.named(shipped["weights"], shipped["pairs"], shipped["first_words"])
    assert edges.shipped_weights().linear == tuple(shipped["weights"][name] for name in edges.FEATURES)


def test_a_weight_naming_no_feature_is_refused() -> None:
    with pytest.raises(ValueError, match="cover×age"):
        edges.Weights.named({"heuristic": 1.0}, {"cover×age": 0.5})


def _candidates() -> list[edges.EdgeCandidate]:
    def features(**named: float) -> tuple[float, ...]:
        return tuple(named.get(name, 0.0) for name in edges.FEATURES)

    return [
        edges.EdgeCandidate(0, "反向传播", features(coverage=1.0)),
        edges.EdgeCandidate(2, "传播", features(heuristic=1.0)),
    ]


def test_the_best_score_wins_and_weights_are_restored() -> None:
    rule = tuple(1.0 if name == "heuristic" else 0.0 for name in edges.FEATURES)
    with_coverage = tuple(2.0 if name == "coverage" else w for name, w in zip(edges.FEATURES, rule, strict=True))
    only_rule, coverage = edges.Weights(rule), edges.Weights(with_coverage)
    with edges.using_weights(only_rule):
        assert edges.choose("反向传播", "backpropagation", _candidates()).text == "传播"
        with edges.using_weights(coverage):
            assert edges.choose("反向传播", "backpropagation", _candidates()).text == "反向传播"
        assert edges.current_weights() == only_rule


def test_choices_are_recorded_with_their_line() -> None:
    with edges.recording() as choices, edges.at_line(7):
        edges.choose("反向传播", "backpropagation", _candidates())
    assert [(c.line, c.en, len(c.candidates)) for c in choices] == [(7, "backpropagation", 2)]


def test_trace_explains_each_edge() -> None:
    document = parse_document("先来看欧拉函数（Euler's totient）的定义。\n", "case.txt", "plain")
    [decision] = list(trace_decisions(document))
    [choice] = decision.edges
    explained = choice.explain()
    assert explained.startswith("欧拉函数 ") and " > " in explained and explained.endswith(")")
    assert all(candidate.text in explained for candidate in choice.candidates)


def test_the_fitter_learns_what_the_gold_teaches() -> None:
    from eval.edges import START, fit  # the project's fitter (eval/ is not part of the package)

    index = edges.FEATURES.index("coverage")
    first = tuple(1.0 if name == "heuristic" else 0.0 for name in edges.FEATURES)
    covered = tuple(1.0 if name == "coverage" else 0.0 for name in edges.FEATURES)
    examples = [((first, covered), 1, ("", ""), None, ((), ()))] * 5  # the gold always takes the covered candidate
    weights = fit(examples)
    assert weights.linear[index] > START.linear[index]
    assert edges.score(_candidate(covered), weights) > edges.score(_candidate(first), weights)


def _candidate(features: tuple[float, ...]) -> edges.EdgeCandidate:
    return edges.EdgeCandidate(0, "", features)


def _features(**named: float) -> tuple[float, ...]:
    return tuple(named.get(name, 0.0) for name in edges.FEATURES)


def test_evidence_that_counts_only_together_is_learned() -> None:
    """A verb first tells against a candidate alone, and so does full coverage, but the two together are a term
    (weights per feature cannot say that: the first two decisions make both negative, the third their sum positive)."""
    from eval.edges import fit

    verb, covered = _features(first_verb=1.0), _features(coverage=1.0)
    both, neither = _features(first_verb=1.0, coverage=1.0), _features()
    decisions = [((verb, neither), 1), ((covered, neither), 1), ((both, neither), 0)] * 5
    weights = fit([(candidates, wanted, ("", ""), None, ((), ())) for candidates, wanted in decisions])
    for candidates, wanted in decisions[:3]:
        scores = [edges.score(_candidate(c), weights) for c in candidates]
        assert scores.index(max(scores)) == wanted


def test_a_first_words_odds_come_from_the_other_documents_brackets() -> None:
    """用 stands before the gold's term in three documents and starts none: its odds are against it, and a document's
    own decisions never vouch for its words (the figure for each training decision leaves its document out). A
    candidate that takes 用 in after its first word (来用词) is charged its odds too."""
    from eval.edges import _CROSSED, _ODDS, _with_odds

    blank = _features()
    decisions = [((blank, blank, blank), 2, ("来", "用", "词"), doc, ((1,), (), ())) for doc in ("a", "b", "c", "d")]
    decisions.append(((blank, blank), 0, ("色谱", "柱"), "e", ((), ())))  # 色谱 starts a term once: too few to count
    counted, table = _with_odds(decisions)
    assert table["用"] < 0 and "色谱" not in table
    assert all(rows[1][_ODDS] < 0 < rows[2][_ODDS] for rows, *_ in counted[:4])  # 词 starts the term each time
    assert counted[0][0][1][_ODDS] > table["用"]  # three other documents say less than four
    assert all(rows[0][_CROSSED] == rows[1][_ODDS] and rows[1][_CROSSED] == 0 for rows, *_ in counted[:4])


def test_extraction_reads_a_first_words_odds_from_the_weights_in_use() -> None:
    """The odds are evidence like any other: with none for 打开 (`to switch on`), the shipped weights take the verb into
    `打开熔断`; with the gold's odds against it, the term starts after it, not before 及时, which takes 打开 in."""
    document = parse_document("出问题时要及时打开熔断（circuit breaking）。\n", "case.txt", "plain")
    odds, crossed = edges.FEATURES.index("first_word_odds"), edges.FEATURES.index("crossed_odds")
    shipped = edges.shipped_weights()
    chosen = []
    for words in ({}, {"打开": -1.0}):
        with edges.using_weights(edges.Weights(shipped.linear, shipped.pairs, words)):
            [decision] = list(trace_decisions(document))
        [choice] = decision.edges
        by_text = {c.text: c for c in choice.candidates}
        assert by_text["打开熔断"].features[odds] == by_text["及时打开熔断"].features[crossed] == words.get("打开", 0.0)
        assert by_text["熔断"].features[crossed] == 0
        chosen.append(choice.candidates[choice.chosen].text)
    assert chosen == ["打开熔断", "熔断"]


def test_a_first_word_the_english_joins_by_its_conjunction_has_no_odds() -> None:
    """研究 often stands before terms, but in 研究与开发 for `R&D` the English's `&` joins it to 开发: it is the term's
    word."""
    document = parse_document("今年要多投些钱在研究与开发（R&D）上。\n", "case.txt", "plain")
    odds = edges.FEATURES.index("first_word_odds")
    shipped = edges.shipped_weights()
    with edges.using_weights(edges.Weights(shipped.linear, shipped.pairs, {"研究": -1.0, "在": -1.0})):
        [decision] = list(trace_decisions(document))
    [choice] = decision.edges
    by_text = {c.text: c for c in choice.candidates}
    assert by_text["研究与开发"].features[odds] == 0 and by_text["在研究与开发"].features[odds] == -1.0
    assert choice.candidates[choice.chosen].text == "研究与开发"


def test_a_swing_bounds_what_unknown_evidence_can_move() -> None:
    """Evidence left unlooked-up (repetition, frequency) must not be able to change a choice by more than the swing
    says, whatever the pairs' weights: checked on random weights and features."""
    rng = random.Random(40)
    width = len(edges.FEATURES)
    for _ in range(200):
        pairs = tuple(tuple(rng.uniform(-2, 2) if j >= i else 0.0 for j in range(width)) for i in range(width))
        weights = edges.Weights(tuple(rng.uniform(-2, 2) for _ in range(width)), pairs)
        unknown = {i: rng.random() for i in rng.sample(range(width), 3)}
        known = [0.0 if i in unknown else rng.choice((0.0, rng.uniform(-1, 1))) for i in range(width)]
        filled = [rng.uniform(0, unknown[i]) if i in unknown else f for i, f in enumerate(known)]
        moved = edges.score(_candidate(tuple(filled)), weights) - edges.score(_candidate(tuple(known)), weights)
        assert abs(moved) <= weights.swing(known, unknown) + 1e-9


def test_skipping_repetition_and_frequency_never_changes_a_choice() -> None:
    """Repetition is counted, and frequency looked up, only where it could change the choice; doing both always (as
    recording does) gives the same glosses."""
    from vocab import extract_glosses, read_document

    from .conftest import EXAMPLES

    gold_documents = sorted(Path(__file__).parent.glob("fresh6[678]/docs/*"))  # glosses of many shapes
    for path in [*sorted(EXAMPLES.iterdir()), *gold_documents]:
        document = read_document(path)
        quick = [(g.en, g.zh, g.line) for g in extract_glosses(document)]
        with edges.recording():
            counted = [(g.en, g.zh, g.line) for g in extract_glosses(document)]
        assert quick == counted, path.name
