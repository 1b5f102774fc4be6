"""Where a term starts, chosen by evidence: every candidate left edge is scored, the best one wins.

The run before a bracket is often longer than the term (``先来看欧拉函数（Euler's totient）``), and
a term is often longer than its English suggests (``反向传播（backpropagation）``). No single rule
knows which: ``boundaries`` lists every candidate start (each word boundary up to the nearest hard
stop) with its evidence (``FEATURES``), and a score picks one: a weight per feature and one per pair of
features, since evidence often counts only beside other evidence (a candidate shorter than its English suggests is
worse when it is also more common than the English, an everyday word alone as 日志 for `changelog`, and better when
it is rarer). The weights are fitted on the project's gold and its invented cases (``eval/edges.py fit``; the honest
figure is its score by folds of documents) and shipped in ``edge_weights.json``. ``vocab extract --trace`` prints
each choice with its scores.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from operator import mul
from pathlib import Path

# The evidence about one candidate term (the text from a word boundary to the bracket).
FEATURES = (
    "heuristic",  # the rule-based choice: stop words, then about two characters per English word
    "over",  # characters beyond the most the English may need (two per word, a long word two words), per such character
    "under",  # characters short of it, per suggested character
    "crosses_stop",  # it starts before the last stop word: a function word or verb of saying is inside it
    "first_verb",  # it starts with a verb of two characters or more
    "first_function",  # it starts with a stop word, a stop character or a frequent function word
    "first_translated",  # the dictionary finds its first word in the English
    "first_untranslated",  # its first word is extra: not in the English, and the rest is long enough
    "coverage",  # the share of the English words the dictionary finds in it
    "repeats",  # it stands elsewhere in the document too (translators repeat a term without its gloss)
    "repeat_ratio",  # how often it stands where the candidate one word shorter stands: 1 when always
    "is_word",  # the whole candidate is one word of jieba's or CC-CEDICT's dictionary
    "single_first",  # it starts with a word of one character
    "acronym_initials",  # the English is an acronym whose letters the translations' initials spell
    "at_stop",  # it starts right after the last stop word: the longest candidate no stop word cuts
    "first_frequency",  # how common its first word is (log10 of jieba's count, / 5): everyday words precede terms
    "first_unknown",  # its first word is unknown or rare to jieba (under 50): domain words belong to terms
    "extension",  # words it adds before the rule-based choice (negative: words it leaves out)
    "first_noun",  # jieba tags its first word a noun, a nominal verb or a distinguishing word (n*, vn, b, j)
    "first_adverb",  # jieba tags its first word an adverb, numeral, measure word, pronoun or particle
    "holds_complement",  # it holds a verb and its result or aspect (剪成|切片, 定|好|触发值): the term is what follows
    "adds_nominal",  # every word it adds before the rule-based choice is a noun or unknown to jieba
    "adds_verb",  # a word it adds before the rule-based choice is a verb
    "drops_nominal",  # every word it leaves out of the rule-based choice is a noun or unknown to jieba
    "more_common",  # how much more common (wordfreq Zipf, / 8) it is than the English
    "less_common",  # how much less common (wordfreq Zipf, / 8) it is than the English
    "beyond_covered",  # it starts before the shortest candidate in which the dictionary finds every English word,
    # at a word the dictionary does not find in the English
    "lead_excess",  # its Chinese words before the first one the dictionary finds in the English, beyond the English
    # words before the first one it finds (both languages put modifiers first: 筛查 of 筛查潜伏结核感染)
    "in_translation",  # a word it holds before its last translates a word of the aligned translation outside the
    # English term (大 of 大热库 beside `a big reservoir`): the term's neighbour, said in both languages
    "first_word_odds",  # how often the gold's terms start with its first word rather than have it just before them
    # (用 and 做 stand before terms hundreds of times and start none): log-odds learned from the gold's own brackets
    "crossed_odds",  # the lowest ``first_word_odds`` (at most 0) of the words it takes in after its first: 及时打开熔断
    # takes in 打开, which stands before terms, as surely as 打开熔断 starts with it
)
WEIGHTS_FILE = Path(__file__).with_name("edge_weights.json")


@dataclass(frozen=True, slots=True)
class EdgeCandidate:
    """One possible term: where it starts in the run, its text, and its evidence (``FEATURES``)."""

    start: int
    text: str
    features: tuple[float, ...]
    shorter: str | None = None  # the candidate one word shorter (None for the last word alone)


@dataclass(frozen=True, slots=True)
class EdgeChoice:
    """One decision, as recorded for fitting and for ``--trace``."""

    run: str  # the run the term was cut from
    en: str  # the other side of the gloss
    line: int  # the raw line of the run's end
    candidates: tuple[EdgeCandidate, ...]
    chosen: int

    def explain(self, weights: Weights | None = None) -> str:
        """The candidates with their scores, the winner first, and the evidence that parted the first two:
        `反向传播 1.84 > 传播 1.20 > … (repeat_ratio +0.90, under +0.40, first_verb×coverage -0.62)`."""
        w = weights if weights is not None else current_weights()
        ranked = sorted(self.candidates, key=lambda c: -score(c, w))
        text = " > ".join(f"{c.text} {score(c, w):.2f}" for c in ranked)
        if len(ranked) < 2:
            return text
        first, second = w.terms(ranked[0].features), w.terms(ranked[1].features)
        parts = [(first.get(name, 0.0) - second.get(name, 0.0), name) for name in first.keys() | second.keys()]
        why = sorted((p for p in parts if abs(p[0]) >= 0.005), key=lambda p: (-abs(p[0]), p[1]))[:3]
        return text + " (" + ", ".join(f"{name} {value:+.2f}" for value, name in why) + ")"


@dataclass(frozen=True, slots=True)
class Weights:
    """A weight per feature, and one per pair of features: ``pairs[i][j]`` weighs ``f_i * f_j`` for ``i <= j`` (zero for
    ``j < i``, so that a row multiplies the features whole)."""

    linear: tuple[float, ...]
    pairs: tuple[tuple[float, ...], ...] = ()
    words: Mapping[str, float] = field(default_factory=dict)  # ``first_word_odds`` by word, from the fit
    # each pair's weight in both rows: what a feature's step moves the score by, beside the others, is one row's product
    beside: tuple[tuple[float, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        mirrored = tuple(
            tuple(row[j] if j >= i else self.pairs[j][i] for j, _ in enumerate(row)) for i, row in enumerate(self.pairs)
        )
        object.__setattr__(self, "beside", mirrored)

    @classmethod
    def named(
        cls,
        linear: Mapping[str, float],
        pairs: Mapping[str, float] | None = None,
        words: Mapping[str, float] | None = None,
    ) -> Weights:
        """From names (`coverage`, `coverage×first_verb`), as ``edge_weights.json`` keeps them; a name that is no
        feature is refused (a renamed feature must not silently weigh nothing)."""
        unknown = [name for name in linear if name not in FEATURES]
        table = [[0.0] * len(FEATURES) for _ in FEATURES]
        for name, weight in (pairs or {}).items():
            first, _, second = name.partition(PAIR)
            if first not in FEATURES or second not in FEATURES:
                unknown.append(name)
                continue
            i, j = sorted((FEATURES.index(first), FEATURES.index(second)))
            table[i][j] = float(weight)
        if unknown:
            raise ValueError(f"edge weights name no feature: {', '.join(unknown)}")
        flat = tuple(float(linear.get(name, 0.0)) for name in FEATURES)
        return cls(flat, tuple(map(tuple, table)) if pairs else (), dict(words or {}))

    def terms(self, features: Sequence[float]) -> dict[str, float]:
        """What each weighed feature and pair adds to a candidate's score, by name (for ``--trace``)."""
        parts = {name: w * f for name, w, f in zip(FEATURES, self.linear, features, strict=True) if w * f}
        present = [i for i, f in enumerate(features) if f] if self.pairs else []
        for a, i in enumerate(present):
            for j in present[a:]:
                if value := self.pairs[i][j] * features[i] * features[j]:
                    name = FEATURES[i] if i == j else pair_name(i, j)
                    parts[name] = parts.get(name, 0.0) + value
        return parts

    def swing(self, features: Sequence[float], *unknown: Mapping[int, float]) -> float:
        """The most a score can move when each feature ``i`` of ``unknown``, zero for now, takes a value in
        ``[0, unknown[i]]`` (given several such sets, the features of only one of them: the larger swing): evidence
        costly to look up is skipped where it could not change a choice. Each unknown feature moves the score along
        its own weight plus its pairs' with the known features, and the pairs among the unknown ones add at most
        their weights."""
        pairs, beside, linear = self.pairs, self.beside, self.linear
        largest = 0.0
        for each in unknown:
            moved = 0.0
            for i, most in each.items():
                # the unknown features are zero in ``features``: only the known ones count in a slope
                moved += abs(linear[i] + sum(map(mul, beside[i], features)) if pairs else linear[i]) * most
                if pairs:
                    moved += sum(abs(pairs[i][j]) * most * reach for j, reach in each.items() if j >= i)
            largest = max(largest, moved)
        return largest


PAIR = "×"  # joins the two features of a pair's name in ``edge_weights.json``


def pair_name(i: int, j: int) -> str:
    """The name ``edge_weights.json`` gives the pair of features ``i`` and ``j`` (`coverage×extension`)."""
    return FEATURES[i] + PAIR + FEATURES[j]


_weights: ContextVar[Weights | None] = ContextVar("edge_weights", default=None)
_record: ContextVar[list[EdgeChoice] | None] = ContextVar("edge_record", default=None)
_line: ContextVar[int] = ContextVar("edge_line", default=0)


def score(candidate: EdgeCandidate, weights: Weights) -> float:
    features = candidate.features
    total = sum(map(mul, weights.linear, features))
    if weights.pairs:
        total += sum(f * sum(map(mul, row, features)) for row, f in zip(weights.pairs, features, strict=True) if f)
    return total


def choose(run: str, en: str, candidates: Sequence[EdgeCandidate]) -> EdgeCandidate:
    """The best-scored candidate; among equal scores the longest (the evidence did not part them)."""
    weights = current_weights()
    best = max(range(len(candidates)), key=lambda k: (round(score(candidates[k], weights), 9), -k))
    recorder = _record.get()
    if recorder is not None:
        recorder.append(EdgeChoice(run, en, _line.get(), tuple(candidates), best))
    return candidates[best]


def is_recording() -> bool:
    """Choices are being recorded (for fitting or ``--trace``): every piece of evidence must be computed."""
    return _record.get() is not None


def current_weights() -> Weights:
    return _weights.get() or shipped_weights()


@lru_cache(maxsize=1)
def shipped_weights() -> Weights:
    """The fitted weights in ``edge_weights.json``; the rule-based choice alone when there are none."""
    try:
        fitted = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
        return Weights.named(fitted["weights"], fitted.get("pairs"), fitted.get("first_words"))
    except (OSError, ValueError, KeyError):
        return Weights.named({"heuristic": 1.0})


@contextlib.contextmanager
def using_weights(weights: Weights) -> Iterator[None]:
    """Choose edges with ``weights`` inside the block (to score weights fitted without a document)."""
    token = _weights.set(weights)
    try:
        yield
    finally:
        _weights.reset(token)


@contextlib.contextmanager
def recording() -> Iterator[list[EdgeChoice]]:
    """Every choice made inside the block, in order (an enclosing recording gets them too)."""
    choices: list[EdgeChoice] = []
    outer = _record.get()
    token = _record.set(choices)
    try:
        yield choices
    finally:
        _record.reset(token)
        if outer is not None:
            outer.extend(choices)


@contextlib.contextmanager
def at_line(line: int) -> Iterator[None]:
    """Choices made inside the block stand on raw ``line`` (set by the extractor per bracket pair)."""
    token = _line.set(line)
    try:
        yield
    finally:
        _line.reset(token)
