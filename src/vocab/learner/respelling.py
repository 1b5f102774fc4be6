"""A term respelled in its document: a typo the learner fixed in the source (`scaterometry` → `scatterometry`), or
another form of its English with the same Chinese (`blanching` → `blanch`, as ranking merges them), is the same term,
so the note and the cards made under the old spelling stay its own.

A term's identity is its English (``identity.en_key``): corrected in the document, the term got a new one, and the
learner's Anki note and review history were left behind under the old (new-user report 11, item 7). ``vocab edit --en``
keeps an identity; a build that sees a respelling records that correction itself.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Container, Sequence
from typing import Any

from ..identity import en_key, variants, zh_key
from ..models import Term, TermEdit

SAME_SPELLING = 0.9  # difflib's ratio of two identities one typo apart: scaterometry/scatterometry 0.96, gpt3/gpt4 0.75
SHORTEST = 6  # letters: an identity this short is another word one letter away (router, routes), not a typo


def respelled(
    before: Sequence[dict[str, Any]],
    terms: Sequence[Term],
    held: Callable[[str], bool],
    parted: Container[tuple[str, str]] = (),
) -> list[tuple[str, Term]]:
    """(old identity, term) for each term of ``terms`` that a build's terms ``before`` (``last_build_terms``) did not
    have, where one of those gone now had its Chinese and an identity spelled nearly the same, and only one: the
    document's English was corrected. Only identities that hold something the learner made (``held``: cards studied,
    a note exported) are kept, and none the learner ``parted`` (old identity, new one: ``vocab edit --reset``); two
    respellings that could pair either way pair none."""
    present = {term.key for term in terms}
    earlier = {item["key"] for item in before}
    gone = [item for item in before if item["key"] not in present and held(item["key"])]
    new = [term for term in terms if term.key not in earlier and not held(term.key)]
    pairs = {
        (item["key"], term.key): term
        for item in gone
        for term in new
        if (item["key"], term.key) not in parted and _same_term(item, term)
    }
    olds = [old for old, _ in pairs]
    news = [key for _, key in pairs]
    return [(old, term) for (old, key), term in pairs.items() if olds.count(old) == 1 and news.count(key) == 1]


def respelled_back(
    before: Sequence[dict[str, Any]], terms: Sequence[Term], edits: dict[str, TermEdit]
) -> list[tuple[Term, str]]:
    """(term, the spelling it was shown in) for each term of ``terms`` whose correction respells it as its documents
    spelled it at the last build (``before``), one typo from its own, where they spell it as its own again: the typo
    came and went, and the respelling a build recorded for it (``respelled``) goes with it. A learner's own
    respelling of a term the documents still spell as before is kept (`vocab edit scaterometry --en scatterometry`)."""
    earlier = {item["key"]: item for item in before}
    back = []
    for term in terms:
        edit, item = edits.get(term.key), earlier.get(term.key)
        if edit is None or not edit.en or item is None or en_key(edit.en) == term.key:
            continue
        spelled_then = {en_key(form) for form in item["en_forms"]}
        spelled_now = {en_key(form) for form in term.en_forms}
        typo = en_key(edit.en)
        respelled = _one_typo(term.key, typo) or variants(term.en, edit.en)
        if typo in spelled_then - spelled_now and term.key in spelled_now and respelled:
            back.append((term, edit.en))
    return back


def _same_term(item: dict[str, Any], term: Term) -> bool:
    """A term of an earlier build (its state file's ``item``) and ``term`` share a Chinese form, and their identities
    are one typo apart or their English forms of one concept (``identity.variants``: an inflection, an acronym, a
    head word; learner's trial 60: `焯水（blanching）` fixed to `焯水（blanch）` lost its cards)."""
    chinese = {zh_key(form) for form in (item.get("zh"), *item.get("zh_forms", ())) if isinstance(form, str)}
    if not chinese & {zh_key(form) for form in (term.zh, *term.zh_forms) if form}:
        return False
    return _one_typo(item["key"], term.key) or variants(item["en"], term.en)


def _one_typo(old: str, key: str) -> bool:
    """Two identities one typo apart: long enough, no number in them, nearly the same letters."""
    if min(len(old), len(key)) <= SHORTEST or any(c.isdigit() for c in old + key):
        return False
    return difflib.SequenceMatcher(None, old, key).ratio() >= SAME_SPELLING
