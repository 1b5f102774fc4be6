"""Term edges chosen by evidence: the shipped weights match the features, the choice is the best score,
``--trace`` explains it, and the fitter learns what the gold teaches."""

from __future__ import annotations

import json
from pathlib import Path

from vocab import parse_document
from vocab.extract import edges, trace_decisions


def test_shipped_weights_name_every_feature() -> None:
    shipped = json.loads(edges.WEIGHTS_FILE.read_text(encoding="utf-8"))["weights"]
    assert list(shipped) == list(edges.FEATURES)
    assert edges.shipped_weights() == tuple(shipped[name] for name in edges.FEATURES)


def _candidates() -> list[edges.EdgeCandidate]:
    def features(**named: float) -> tuple[float, ...]:
        return tuple(named.get(name, 0.0) for name in edges.FEATURES)

    return [
        edges.EdgeCandidate(0, "反向传播", features(coverage=1.0)),
        edges.EdgeCandidate(2, "传播", features(heuristic=1.0)),
    ]


def test_the_best_score_wins_and_weights_are_restored() -> None:
    only_rule = tuple(1.0 if name == "heuristic" else 0.0 for name in edges.FEATURES)
    coverage = tuple(2.0 if name == "coverage" else w for name, w in zip(edges.FEATURES, only_rule, strict=True))
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
    examples = [((first, covered), 1)] * 5  # the gold always takes the covered candidate over the rule's
    weights = fit(examples)
    assert weights[index] > START[index]
    assert sum(w * f for w, f in zip(weights, covered, strict=True)) > sum(
        w * f for w, f in zip(weights, first, strict=True)
    )


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
