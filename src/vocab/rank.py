"""From gloss occurrences to ranked terms: merge variants, count mentions, weigh rarity, score.

Identity. A term is its English side, normalised: case-folded, full-width folded (NFKC), hyphens
and spaces dropped, the last word made singular — so `World Models`, `world model`,
`pre-training`, `pretraining` and `pre training` fall together. Every surface form is kept, and
the most frequent one is shown. Glosses with the same English but different Chinese stay one term
whose Chinese forms are its senses (`scaffolding` → 脚手架式设计, 脚手架式系统封装/编排); the same
Chinese with English that is not a variant stays separate terms (`RL` and `reinforcement learning`
both → 强化学习), because a learner studies each English form. Chinese is compared after NFKC and
Traditional → Simplified conversion (OpenCC), so 深度學習 and 深度学习 are one form.

Frequency. ``count`` is every occurrence in the corpus: glossed ones and unglossed mentions of
the English term in English text and of the Chinese term in Chinese text (segmented by a jieba
tokenizer that knows the harvested terms, so 规模 is not found inside 大规模). An aligned
pair of segments — a cue and its translation — is one utterance and counts once.

Rarity. wordfreq's Zipf frequency of each side; 0 means unknown (wordfreq's data stops in
2021, so new AI terms are unknown) and counts as rarest. A multi-word term is rarer than its
rarest word: one Zipf point less per extra word.

Score (documented in SCORE_FORMULA, shown by ``vocab list --explain``)::

    score  = log2(1 + count) × (1 + 0.5 × log2(documents)) × (0.05 + rarity)
    rarity = mean over both sides of clamp((4.5 - zipf) / (4.5 - 2.0), 0, 1)

so a word at Zipf 4.5 or more (everyday vocabulary: `research`, `data`) ranks below any term
of the field however often it occurs, and among field terms frequency and spread decide.

Ties break on count, then documents, then the English term alphabetically, then the Chinese.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from .models import Document, Gloss, GlossKind, Lang, Segment, SegmentKind

COMMON_ZIPF = 4.5  # at least this frequent (30 per million words): everyday vocabulary, rarity 0
RARE_ZIPF = 2.0  # at most this frequent (or unknown to wordfreq): as rare as it gets, rarity 1
RARITY_FLOOR = 0.05  # an everyday word keeps a little score, so that ties among them follow count
SPREAD_WEIGHT = 0.5  # each doubling of the documents a term occurs in adds half again
PHRASE_PENALTY = 1.0  # Zipf points per extra word of a multi-word term
SCORE_FORMULA = "log2(1 + count) × (1 + 0.5 × log2(documents)) × (0.05 + rarity)"

T = TypeVar("T")
_WINDOW = 6  # characters of context either side of a Chinese match, enough for jieba to place its edges
_EN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.+#&/-]*")


@dataclass(frozen=True, slots=True)
class Term:
    """A term to learn: its forms, every occurrence, and the parts of its score."""

    key: str  # identity: the normalised English
    en: str  # the most frequent English form
    zh: str | None  # the most frequent Chinese form (Simplified)
    en_forms: tuple[str, ...]  # every English form, in order of first appearance
    zh_forms: tuple[str, ...]  # every Chinese form: the senses when they differ
    definition: str | None  # the first definition a gloss carries
    kind: GlossKind
    glosses: tuple[Gloss, ...]  # every glossed occurrence, in corpus order
    count: int  # glossed occurrences plus unglossed mentions
    documents: tuple[str, ...]  # paths of the documents it occurs in
    document_counts: tuple[int, ...]  # its count in each of those documents
    zipf_en: float
    zipf_zh: float | None
    rarity: float
    score: float
    rank: int = 0

    @property
    def glossed(self) -> int:
        return len(self.glosses)

    @property
    def first(self) -> Gloss:
        return self.glosses[0]

    def count_in(self, path: str) -> int:
        """Occurrences in one document."""
        return dict(zip(self.documents, self.document_counts, strict=True)).get(path, 0)


@lru_cache(maxsize=262_144)
def en_key(text: str) -> str:
    """The identity of an English term.

    >>> en_key("World Models") == en_key("world model"), en_key("pre-training") == en_key("Pretraining")
    (True, True)
    >>> en_key("LLMs"), en_key("policies"), en_key("physics"), en_key("The Bitter Lesson")
    ('llm', 'policy', 'physics', 'bitterlesson')
    """
    words = [w for w in re.split(r"[^0-9a-z']+", _fold(text).replace("’", "'")) if w and w != "'"]
    if len(words) > 1 and words[0] in ("the", "a", "an"):  # `The Bitter Lesson` is `bitter lesson`
        words = words[1:]
    if not words:
        return _fold(text)
    words[-1] = singular(words[-1].removesuffix("'s"))
    return "".join(words)


def zh_key(text: str) -> str:
    """The identity of a Chinese form: NFKC, Simplified, without spaces.

    >>> zh_key("深度學習"), zh_key("KV 缓存")
    ('深度学习', 'kv缓存')
    """
    return re.sub(r"\s+", "", _simplified(_fold(text)))


def singular(word: str) -> str:
    """English singular for identity keys only (the display keeps what the text wrote).

    Conservative suffix rules rather than a full inflection library: inflect costs two seconds
    to import, and a key only has to make `models` and `model` equal, never to be a word.

    >>> [singular(w) for w in ("models", "policies", "batches", "analysis", "physics", "llms", "data")]
    ['model', 'policy', 'batch', 'analysis', 'physics', 'llm', 'data']
    """
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is", "ics", "ous")):
        return word if not (word.endswith("s") and word[:-1].isupper()) else word[:-1]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    return word[:-1]


def rank_terms(glosses: Iterable[Gloss], documents: Sequence[Document]) -> list[Term]:
    """Merge ``glosses`` into terms, count their mentions in ``documents``, and rank them."""
    groups: dict[str, list[Gloss]] = defaultdict(list)
    for gloss in glosses:
        groups[en_key(gloss.en)].append(gloss)
    if not groups:
        return []
    zh_surface = {key: _chinese_surfaces(group) for key, group in groups.items()}
    counts = _count_mentions(groups, zh_surface, documents)
    terms = []
    for key, group in groups.items():
        en = _most_common(g.en for g in group)
        zh = _most_common(zh_surface[key]) if zh_surface[key] else None
        zipf_en, zipf_zh = zipf(en, "en"), (zipf(zh, "zh") if zh else None)
        rarity = _rarity(zipf_en, zipf_zh)
        glossed_in = Counter(g.source for g in group)
        per_document = {path: max(counts[key][path], glossed_in[path]) for path in (*glossed_in, *counts[key])}
        docs = tuple(per_document)
        count = sum(per_document.values())
        terms.append(
            Term(
                key=key,
                en=en,
                zh=zh,
                en_forms=tuple(dict.fromkeys(g.en for g in group)),
                zh_forms=tuple(dict.fromkeys(zh_surface[key])),
                definition=next((g.definition for g in group if g.definition), None),
                kind=_most_common(g.kind for g in group),
                glosses=tuple(group),
                count=count,
                documents=docs,
                document_counts=tuple(per_document[path] for path in docs),
                zipf_en=zipf_en,
                zipf_zh=zipf_zh,
                rarity=rarity,
                score=round(score_of(count, len(docs), rarity), 3),
            )
        )
    terms.sort(key=lambda t: (-t.score, -t.count, -len(t.documents), t.en.casefold(), t.zh or ""))
    return [_with_rank(term, i + 1) for i, term in enumerate(terms)]


def score_of(count: int, documents: int, rarity: float) -> float:
    """The ranking score: frequent in your material, spread over episodes, rare in the language."""
    return math.log2(1 + count) * (1 + SPREAD_WEIGHT * math.log2(max(documents, 1))) * (RARITY_FLOOR + rarity)


def zipf(text: str, lang: str) -> float:
    """wordfreq's Zipf frequency, one point lower per extra word; 0 for unknown.

    >>> zipf("the", "en") > 7, zipf("world models", "en") < zipf("models", "en") - 1
    (True, True)
    """
    return _zipf_cached(text, lang)


@lru_cache(maxsize=65536)
def _zipf_cached(text: str, lang: str) -> float:
    wordfreq = _wordfreq()
    words = wordfreq.tokenize(text, lang)
    if not words:
        return 0.0
    value = wordfreq.zipf_frequency(text, lang) - PHRASE_PENALTY * (len(words) - 1)
    return round(max(value, 0.0), 2)


def _rarity(zipf_en: float, zipf_zh: float | None) -> float:
    sides = [zipf_en] + ([zipf_zh] if zipf_zh is not None else [])
    span = COMMON_ZIPF - RARE_ZIPF
    return round(sum(min(max((COMMON_ZIPF - z) / span, 0.0), 1.0) for z in sides) / len(sides), 3)


def _count_mentions(
    groups: dict[str, list[Gloss]], zh_surface: dict[str, list[str]], documents: Sequence[Document]
) -> dict[str, Counter[str]]:
    """Occurrences of each term in each document (by path), an aligned pair counting once."""
    en_index = {key: key for key in groups}
    max_words = max(len(_EN_WORD.findall(g.en)) for group in groups.values() for g in group)
    zh_index = {zh_key(form): key for key, forms in zh_surface.items() for form in forms}
    tokenizer = _term_tokenizer(tuple(sorted(zh_index))) if zh_index else None
    alternatives = sorted(zh_index, key=len, reverse=True)
    pattern = re.compile("|".join(r"\s*".join(map(re.escape, form)) for form in alternatives)) if zh_index else None
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for document in documents:
        for unit in _units(document):
            best: Counter[str] = Counter()
            for segment in unit:
                hits = _english_hits(segment.text, en_index, max_words)
                if pattern is not None and segment.lang is not Lang.EN:
                    hits = hits | _chinese_hits(segment.text, pattern, zh_index, tokenizer)
                best = best | hits
            for key, n in best.items():
                counts[key][document.path] += n
    return counts


def _units(document: Document) -> list[list[Segment]]:
    """Segments grouped into utterances: an aligned pair together, every other segment alone."""
    units = []
    for segment in document.segments:
        if segment.kind in (SegmentKind.CODE, SegmentKind.COMMENT) or (
            segment.aligned is not None and segment.aligned < segment.index
        ):
            continue
        partner = document.aligned_segment(segment)
        units.append([segment] if partner is None else [segment, partner])
    return units


def _english_hits(text: str, index: dict[str, str], max_words: int) -> Counter[str]:
    """Leftmost-longest matches of English terms (any variant) in ``text``."""
    words = [m.group(0) for m in _EN_WORD.finditer(text)]
    hits: Counter[str] = Counter()
    i = 0
    while i < len(words):
        for n in range(min(max_words, len(words) - i), 0, -1):
            key = en_key(" ".join(words[i : i + n]))
            if key in index:
                hits[index[key]] += 1
                i += n
                break
        else:
            i += 1
    return hits


def _chinese_hits(text: str, pattern: re.Pattern[str], index: dict[str, str], tokenizer: object) -> Counter[str]:
    """Matches of Chinese terms that stand as whole words (jieba's, around the match).

    Candidates come from one longest-first regular expression; each is kept only when a jieba
    tokenizer that knows every term puts word boundaries at both its ends, judged on a small
    window, so 规模 is not counted inside 大规模 and no segment is tokenized whole.
    """
    folded = _simplified(_fold(text))
    hits: Counter[str] = Counter()
    for match in pattern.finditer(folded):
        start, end = match.span()
        left = max(0, start - _WINDOW)
        window = folded[left : end + _WINDOW]
        bounds, offset = {0}, 0
        for token in tokenizer.lcut(window):  # type: ignore[attr-defined]
            offset += len(token)
            bounds.add(offset)
        if start - left in bounds and end - left in bounds:
            hits[index[re.sub(r"\s+", "", match.group(0))]] += 1
    return hits


@lru_cache(maxsize=4)
def _term_tokenizer(terms: tuple[str, ...]) -> object:
    """A jieba tokenizer of its own (the default one stays as extraction knows it) that keeps
    every harvested Chinese term whole."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()
    tokenizer = jieba.Tokenizer()
    # A copy of the loaded dictionary costs milliseconds; loading it again costs most of a second.
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(jieba.dt.FREQ), jieba.dt.total, True
    for term in terms:
        if re.search(r"[\u4e00-\u9fff]", term):
            tokenizer.add_word(term, freq=100_000)
    return tokenizer


def _chinese_surfaces(group: list[Gloss]) -> list[str]:
    """The Chinese forms of a term's glosses, Simplified, in order (one per gloss that has one)."""
    return [_simplified(unicodedata.normalize("NFKC", g.zh)) for g in group if g.zh]


def _most_common(values: Iterable[T]) -> T:
    """The most frequent value; the first seen among equals (Counter keeps insertion order)."""
    return Counter(values).most_common(1)[0][0]


def _with_rank(term: Term, rank: int) -> Term:
    return dataclasses.replace(term, rank=rank)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


@lru_cache(maxsize=65536)
def _simplified(text: str) -> str:
    if not re.search(r"[\u4e00-\u9fff]", text):
        return text
    return _converter().convert(text)


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _wordfreq():  # type: ignore[no-untyped-def]
    """wordfreq, imported on first use; its Chinese tokenizer is jieba, kept quiet."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    import wordfreq

    return wordfreq
