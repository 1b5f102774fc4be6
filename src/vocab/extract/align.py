"""Sentence to sentence inside an aligned pair: the one sentence of the translation that goes with a gloss.

A transcript pairs a whole English cue with a whole Chinese cue — a minute of speech, 500
characters — and a learner needs the one sentence that holds the term. Both segments are split into
sentences (``SentenceIndex``). The sentence of the aligned segment that contains the gloss's side in
that language wins: its English in an English cue, case and inflection aside (`LLM` for `LLMs`,
`autonomously` for `autonomous`), its Chinese in a Chinese one. When several do, or none does
(translations paraphrase: "careful mixing" for `data mixing`), the ones sharing most of the term's
words stay, and position and dictionary evidence decide between them: where the gloss's sentence
stands in its segment, mapped onto the other, and how many words of each candidate the gloss's
sentence translates (CC-CEDICT, or the same English word written in the Chinese).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache

from ..models import Segment
from ..text import ACCENTED, HAN_RE, spans_of
from .context import MAX_SENTENCE, SentenceIndex, plain_text
from .english import EN_STOP_WORDS

# Words of English; hyphens, dots and slashes part them (`pre-training`, `GPT-4.5`), an apostrophe does not (`RL's`).
# Greek letters too (the ε of `ε-greedy`), and accented ones (`rosé`, `véraison`: a word, not `ros` and a mark)
_WORD = re.compile(rf"[A-Za-z0-9{ACCENTED}\u0391-\u03c9]+(?:['’][A-Za-z{ACCENTED}]+)?")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ated", "ates", "ate", "edly", "ed", "ly", "ies", "es", "s", "e")
POSITION_WEIGHT = 1.0  # a sentence at the other end of its segment costs as much as all the dictionary evidence


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """``word`` without its inflection, to see `planning` in `plan`: for matching only, never shown.

    Crude on purpose (no stemmer library to load); ``_forms`` keeps the word itself too, so a stem
    that cuts too much (`embed` → `emb`) still meets `embedding` → `embed`.

    >>> [stem(w) for w in ("LLMs", "planning", "autonomously", "contamination", "contaminated", "policies")]
    ['llm', 'plan', 'autonomous', 'contamin', 'contamin', 'policy']
    >>> [stem(w) for w in ("note", "games", "batches", "distilling", "distill", "physics")]
    ['note', 'game', 'batch', 'distil', 'distil', 'physic']
    """
    word = word.casefold().replace("’", "'").removesuffix("'s")
    for suffix in _SUFFIXES:
        if not word.endswith(suffix):
            continue
        rest = word[: -len(suffix)]
        if len(rest) < (4 if suffix == "e" else 3):
            continue
        if suffix == "ies":
            rest += "y"
        elif suffix == "es" and not rest.endswith(("s", "x", "z", "ch", "sh")):
            continue  # `games` is `game` + s
        elif suffix == "s" and rest.endswith(("s", "u", "i")):
            continue  # `class`, `autonomous`, `analysis`
        word = rest
        break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # `plann(ing)` is `plan`, `distill` meets `distil(ling)`
    return word


@lru_cache(maxsize=65_536)
def _forms(word: str) -> frozenset[str]:
    folded = word.casefold()
    return frozenset((folded, stem(folded)))


def _joined_forms(words: list[str]) -> frozenset[str]:
    """The words written together, the last one in its forms: a stem of the whole would end mid-term (`word error
    rate` is not `word error`)."""
    head = "".join(words[:-1])
    return frozenset(head + form for form in _forms(words[-1]))


_ARTICLE = re.compile(r"\s*(?:the|an?)\s", re.IGNORECASE)


def term_spans(text: str, term: str | None) -> list[tuple[int, int]]:
    """Every place ``term`` stands in ``text``: English whatever its case and inflection, and written
    with or without hyphens and spaces; Chinese as written.

    >>> text = "But the LLMs move fast; pretraining data, state of the art, humans in the loop."
    >>> terms = ("LLM", "pre-training", "state-of-the-art", "human-in-the-loop")
    >>> [text[s:e] for t in terms for s, e in term_spans(text, t)]
    ['LLMs', 'pretraining', 'state of the art', 'humans in the loop']
    >>> term_spans("我们用强化学习。", "强化学习"), term_spans("a world model", "the world models")
    ([(3, 7)], [(2, 13)])
    >>> text = "WER (word error rate) from A/B tests"
    >>> [text[s:e] for t in ("word error rate", "A/B tests") for s, e in term_spans(text, t)]
    ['word error rate', 'A/B tests']
    >>> [(s, e) for s, e in term_spans("做成桃红葡萄酒（rosé）", "rosé")]
    [(8, 12)]
    >>> text = "Our agent Lakeview Freight Co., Ltd. checks it."  # a term that ends with its abbreviation's dot
    >>> [text[s:e] for s, e in term_spans(text, "Lakeview Freight Co., Ltd.")]
    ['Lakeview Freight Co., Ltd.']
    """
    if not term:
        return []
    if HAN_RE.search(term):  # plain find: a pattern per term overflowed re's cache of 512 and compiled every time
        return spans_of(text, term)
    wanted = [w.group() for w in _WORD.finditer(term)]
    if len(wanted) > 1 and _ARTICLE.match(term):  # `The Bitter Lesson` is `bitter lesson`; not the A of `A/B tests`
        wanted = wanted[1:]
    if not wanted:
        return []
    target = "".join(wanted).casefold()
    joined = _joined_forms([w.casefold() for w in wanted])
    words, by_head = _words(text)
    spans = []
    # Any match starts with the same letters (a stem keeps three), so only words that do are tried.
    starts = {i for n in (1, 2, 3) for i in by_head.get(target[:n], ())}
    for i in sorted(starts):
        start = words[i][0]
        for size in range(1, min(len(wanted) + 2, len(words) - i) + 1):
            window = words[i : i + size]
            if size == len(wanted):
                found = all(_forms(w[2]) & _forms(t) for w, t in zip(window, wanted, strict=True))
            else:  # `pretraining` for `pre-training`, `pre training` for `pretraining`
                found = bool(_joined_forms([w[2] for w in window]) & joined)
            if found:
                end = window[-1][1]
                spans.append((start, end + (term.endswith(".") and text[end : end + 1] == ".")))
                break
    return spans


@lru_cache(maxsize=1024)
def _words(text: str) -> tuple[tuple[tuple[int, int, str], ...], dict[str, tuple[int, ...]]]:
    """The English words of ``text`` (start, end, case-folded), and which of them start with each first
    three letters (a shorter word under itself): found once per cue, however many terms are looked for."""
    words = tuple((m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text))
    by_head: dict[str, list[int]] = {}
    for i, (_, _, word) in enumerate(words):
        by_head.setdefault(word[:3], []).append(i)
    return words, {head: tuple(found) for head, found in by_head.items()}


def term_span(text: str, term: str | None) -> tuple[int, int] | None:
    """Where ``term`` first stands in ``text`` (``term_spans``), for highlighting it."""
    spans = term_spans(text, term)
    return spans[0] if spans else None


def aligned_sentence(
    own: SentenceIndex, span: tuple[int, int], other: SentenceIndex, term: str | None, alias: str | None = None
) -> str:
    """The sentence of ``other`` that translates the sentence of ``own`` holding ``span``, cut to
    MAX_SENTENCE around ``term`` (the gloss's side in the other language) where it stands there, or else its
    ``alias`` (`ASICs` for `application-specific integrated circuit，ASIC`)."""
    sentences = other.spans
    if not sentences:
        return plain_text(other.text)
    if len(sentences) == 1 and sentences[0][1] - sentences[0][0] <= MAX_SENTENCE:
        return other.sentence_around(*sentences[0])  # a subtitle's line: nothing to choose, nothing to cut
    found = term_spans(other.text, term) or (term_spans(other.text, alias) if alias else [])
    hits = [[h for h in found if a <= h[0] < b] for a, b in sentences]
    if any(hits):
        chosen = [j for j, here in enumerate(hits) if here]
    else:
        shared = [_shared_words(other.text[a:b], term) for a, b in sentences]
        chosen = [j for j, n in enumerate(shared) if n == max(shared)]
    left, right = own.bounds(*span)
    where = (left + right) / 2 / max(len(own.text), 1)
    if len(chosen) > 1:
        j = _best(own.text[left:right], where, other, [sentences[j] for j in chosen])
        chosen = [chosen[j]]
    a, b = sentences[chosen[0]]
    if hits[chosen[0]]:
        return other.sentence_around(*hits[chosen[0]][0])
    point = min(max(round(where * len(other.text)), a), b - 1)
    return other.sentence_around(point, point)


def _shared_words(sentence: str, term: str | None) -> int:
    """How many of the English term's words (not its function words) ``sentence`` has, in any inflection
    or derivation (`serve` for `service`: a shared start of four letters, as the dictionary's matching).

    >>> _shared_words("We train a large teacher, then distill it.", "teacher model")
    1
    >>> _shared_words("used to serve", "service")
    1
    """
    if not term or HAN_RE.search(term):
        return 0
    present = [word.casefold() for word in _WORD.findall(sentence)]
    wanted = [w.casefold() for w in _WORD.findall(term) if w.casefold() not in EN_STOP_WORDS]
    return sum(any(_alike(w, word) for word in present) for w in wanted)


def _alike(a: str, b: str) -> bool:
    if _forms(a) & _forms(b):
        return True
    shared = len(os.path.commonprefix((a, b)))
    return shared >= 4 and shared >= min(len(a), len(b)) - 3


def _best(own: str, where: float, other: SentenceIndex, spans: list[tuple[int, int]]) -> int:
    """The index in ``spans`` of the likeliest translation of ``own``, whose middle stands at ``where``
    (0 to 1) of its segment: dictionary evidence, as a share of the best candidate's, less the distance."""
    evidence = [_evidence(own, other.text[a:b]) for a, b in spans]
    most = max(evidence) or 1
    size = max(len(other.text), 1)
    scores = [
        n / most - POSITION_WEIGHT * abs((a + b) / 2 / size - where) for n, (a, b) in zip(evidence, spans, strict=True)
    ]
    return scores.index(max(scores))


def _evidence(first: str, second: str) -> int:
    """How many words of the English one of two sentences the Chinese one translates (by CC-CEDICT)
    or writes as they are (a Chinese cue keeps the English of its terms)."""
    zh, en = (first, second) if len(HAN_RE.findall(first)) >= len(HAN_RE.findall(second)) else (second, first)
    words = {w.casefold() for w in _WORD.findall(en) if len(w) > 2 and w.casefold() not in EN_STOP_WORDS}
    return sum(says(zh, w) for w in words)


def says(zh: str, word: str) -> bool:
    """The Chinese ``zh`` says the English ``word``: a word of it translates ``word`` (by CC-CEDICT, as it is, inflected
    or derived: `serve`, `service`), or it writes ``word`` itself.

    >>> says("我们一起合作写论文", "collaborations"), says("这话至少有几分道理", "kernel")
    (True, False)
    """
    exact, by_start = _translated(zh)
    word = word.casefold()
    return bool(_forms(word) & exact) or any(_alike(word, t) for t in by_start.get(word[:4], ()))


TRANSLATED_SHARE = 0.7  # of a parallel text's line pairs that show the dictionary's evidence (all real ones: 0.93–1)
PAIRS_WEIGHED = 24  # pairs weighed, spread over the text: enough to tell, without segmenting every line of a long one


def translates_line_by_line(segments: Sequence[Segment]) -> bool:
    """Most pairs of lines the parallel reader aligned translate each other, by the dictionary's evidence
    (``_evidence``): a translation does, line for line; notes that only alternate between the two languages do not
    (a third of their pairs, or less), and pairing their lines would show a learner an unrelated line as the
    translation."""
    pairs = [(s.text, segments[j].text) for k, s in enumerate(segments) if (j := s.aligned) is not None and j > k]
    weighed = pairs[:: max(1, len(pairs) // PAIRS_WEIGHED)]
    return not pairs or sum(_evidence(a, b) > 0 for a, b in weighed) >= TRANSLATED_SHARE * len(weighed)


@lru_cache(maxsize=1024)
def _translated(zh: str) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """What a Chinese sentence says in English — its words' CC-CEDICT translations and the English it
    writes — as a set, and indexed by first four letters for matching a derived word (`serve`, `service`).
    Built once per sentence, however many candidates it is weighed against."""
    from .chinese import word_tokens_of
    from .dictionary import translations

    said = {w.casefold() for w in _WORD.findall(zh)}
    for word in word_tokens_of(zh):
        if HAN_RE.match(word):
            said |= translations(word)
    said |= {stem(w) for w in said}
    by_start: dict[str, list[str]] = {}
    for word in sorted(said):
        by_start.setdefault(word[:4], []).append(word)
    return frozenset(said), {start: tuple(words) for start, words in by_start.items()}
