"""Where a term starts, chosen by evidence: every candidate left edge is scored, the best one wins.

The run before a bracket is often longer than the term (``先来看欧拉函数（Euler's totient）``), and
a term is often longer than its English suggests (``反向传播（backpropagation）``). No single rule
knows which: ``boundaries`` lists every candidate start (each word boundary up to the nearest hard
stop) with its evidence (``FEATURES``), and a linear score picks one. The weights are fitted on the
project's gold (``eval/edges.py fit``; the honest figure is its leave-one-document-out score) and
shipped in ``edge_weights.json``. ``vocab extract --trace`` prints each choice with its scores.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
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

    def explain(self, weights: Sequence[float] | None = None) -> str:
        """The candidates with their scores, the winner first, and the evidence that parted the first two:
        `反向传播 1.84 > 传播 1.20 > … (repeat_ratio +0.90, under +0.40, first_verb -0.62)`."""
        w = weights if weights is not None else current_weights()
        ranked = sorted(self.candidates, key=lambda c: -score(c, w))
        text = " > ".join(f"{c.text} {score(c, w):.2f}" for c in ranked)
        if len(ranked) < 2:
            return text
        first, second = ranked[0].features, ranked[1].features
        parts = [(wi * (a - b), name) for wi, a, b, name in zip(w, first, second, FEATURES, strict=True)]
        why = sorted((p for p in parts if abs(p[0]) >= 0.005), key=lambda p: -abs(p[0]))[:3]
        return text + " (" + ", ".join(f"{name} {value:+.2f}" for value, name in why) + ")"


_weights: ContextVar[tuple[float, ...] | None] = ContextVar("edge_weights", default=None)
_record: ContextVar[list[EdgeChoice] | None] = ContextVar("edge_record", default=None)
_line: ContextVar[int] = ContextVar("edge_line", default=0)


def score(candidate: EdgeCandidate, weights: Sequence[float]) -> float:
    return sum(w * f for w, f in zip(weights, candidate.features, strict=True))


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


def current_weights() -> tuple[float, ...]:
    return _weights.get() or shipped_weights()


@lru_cache(maxsize=1)
def shipped_weights() -> tuple[float, ...]:
    """The fitted weights in ``edge_weights.json``; the rule-based choice alone when there are none."""
    try:
        fitted = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))["weights"]
    except (OSError, ValueError, KeyError):
        fitted = {"heuristic": 1.0}
    return tuple(float(fitted.get(name, 0.0)) for name in FEATURES)


@contextlib.contextmanager
def using_weights(weights: Sequence[float]) -> Iterator[None]:
    """Choose edges with ``weights`` inside the block (to score weights fitted without a document)."""
    token = _weights.set(tuple(weights))
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
