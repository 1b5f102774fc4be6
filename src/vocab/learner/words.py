"""Words the learner marked: keyed as the store keeps them, read from known-words files.

English is keyed by its identity (``identity.en_key``), Chinese by its normalised form, so a
mark survives rebuilds and applies to new episodes. A known-words file has one term per line,
English or Chinese, ``#`` starting a comment.
"""

from __future__ import annotations

import contextlib
import difflib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..fileio import read_text
from ..identity import en_key, word_key, zh_key
from ..models import Mark, MarkStatus, Term
from ..text import HAN_RE


@dataclass(frozen=True, slots=True)
class KnownWords:
    en: frozenset[str] = frozenset()
    zh: frozenset[str] = frozenset()

    def knows(self, term: Term) -> bool:
        """True when the term's identity, the English it is shown with (`sky quality meter (SQM)`), any of its English
        forms (`LLMs` of `large language models (LLMs)`, an acronym the bracket gives: the learner marks what the
        screen shows) or any of its Chinese forms is in the set. An English form with Chinese in it (`WDT 针`) is marked
        as Chinese (``identity.word_key``), so it is looked for there too."""
        if not (self.en or self.zh):
            return False  # asked of every term, twice a build: most learners mark nothing
        return (
            term.key in self.en
            or en_key(term.en) in self.en
            or any(en_key(form) in self.en for form in term.en_forms)
            or any(zh_key(form) in self.zh for form in term.zh_forms)
            or any(zh_key(form) in self.zh for form in (term.en, *term.en_forms) if HAN_RE.search(form))
        )

    def __or__(self, other: KnownWords) -> KnownWords:
        return KnownWords(self.en | other.en, self.zh | other.zh)


def make_mark(word: str, status: MarkStatus, source: str, when: datetime) -> Mark:
    lang, key = word_key(word)
    return Mark(lang, key, word.strip(), status, source, when)


def term_mark(term: Term, status: MarkStatus, source: str, when: datetime) -> Mark:
    """A mark on a term itself: its identity, whatever its English is written like."""
    return Mark("en", term.key, term.en, status, source, when)


def spelled_like(word: str, terms: Sequence[Mapping[str, Any]]) -> list[str] | None:
    """None when ``word`` names one of ``terms`` (as ``KnownWords.knows`` would: by an English form or a Chinese
    one); else the forms of the terms written most like it, best first, at most three: what a learner who
    mistyped it meant. ``terms`` as ``export.glossary.last_build_terms`` reads them."""
    lang, key = word_key(word)
    if lang == "en":
        forms = [form for term in terms for form in (term["en"], *term["en_forms"])]
        named = any(term["key"] == key for term in terms) or any(en_key(form) == key for form in forms)
    else:
        forms = [form for term in terms for form in term["zh_forms"]]
        named = any(zh_key(form) == key for form in forms)
    if named:
        return None
    if lang != "en":  # one character of three or more slipped (發卡航 for 發卡行): two of three is ratio 0.67
        # one character changed, added or left out: 台积电 is no slip of 交给台积电
        by_key = {zh_key(form): form for form in forms}
        near = [k for k in by_key if len(k) >= 3 and abs(len(k) - len(key)) <= 1]
        close = difflib.get_close_matches(key, near, n=3, cutoff=0.66) if len(key) >= 3 else []
        return [by_key[m] for m in close]
    # each term once, by its form written most like the word (`hallucinaton`: hallucination, not its plural too), as
    # the term is shown where the forms differ only in case
    owners = {form.casefold(): (form, term["key"]) for term in terms for form in (*term["en_forms"], term["en"])}
    close = difflib.get_close_matches(word.strip().casefold(), list(owners), n=10, cutoff=0.75)
    best = {owners[match][1]: owners[match][0] for match in reversed(close)}  # the closest form of each term wins
    return list(dict.fromkeys(best[owners[match][1]] for match in close))[:3]


def as_terms_write(word: str, terms: Sequence[Mapping[str, Any]]) -> str:
    """``word`` as ``terms`` (``spelled_like``'s) write it where it is an acronym's plural typed in lower case (`gpus`
    of the term `GPU`: learner's trial 60), which no identity can tell from a word that ends so (`status`); else as
    given."""
    stem = word[:-1]
    if not (word.islower() and word.endswith("s") and len(stem) >= 2):
        return word
    forms = {form for term in terms for form in (term["en"], *term["en_forms"])}
    return stem.upper() + "s" if stem.upper() in forms else word


def named_forms(word: str, terms: Sequence[Mapping[str, Any]]) -> set[tuple[str, str]]:
    """``word``'s own (lang, key) and those of every form of the terms it names (``spelled_like``'s ``terms``): a
    mark made on one form of a term is taken back by any other (`AOD` marked, 气溶胶光学厚度 unmarks it)."""
    found = {word_key(word)}
    for term in terms_named(word, terms):
        found |= _forms_of(term)
    return found


def terms_named(word: str, terms: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The terms of ``terms`` (``spelled_like``'s) that ``word`` names by one of their forms: a mark on it is a mark on
    each of them whole."""
    return [term for term in terms if word_key(word) in _forms_of(term)]


def _forms_of(term: Mapping[str, Any]) -> set[tuple[str, str]]:
    english = {term["key"], en_key(term["en"]), *(en_key(form) for form in term["en_forms"])}
    return {("en", k) for k in english} | {("zh", zh_key(form)) for form in term["zh_forms"]}


def words_to_set(words: Iterable[tuple[str, str]]) -> KnownWords:
    words = list(words)
    en = frozenset(key for lang, key in words if lang == "en")
    zh = frozenset(key for lang, key in words if lang == "zh")
    return KnownWords(en, zh)


def parse_word_list(lines: Iterable[str]) -> list[str]:
    """The words of a known-words file: one per line, comments (``#``) and blank lines left out.

    >>> parse_word_list(["world model  # seen it", "", "# a comment", "  深度学习"])
    ['world model', '深度学习']
    """
    words = (line.split("#", 1)[0].strip() for line in lines)
    return [word for word in words if word]


def read_word_list(path: str | os.PathLike[str]) -> list[str]:
    """The words of the known-words file at ``path`` (any encoding ``fileio`` reads); an empty file lists none (a
    learner's list not started yet), where an empty document is an error."""
    with contextlib.suppress(OSError):
        if Path(path).is_file() and Path(path).stat().st_size == 0:
            return []
    text, _ = read_text(path)
    return parse_word_list(text.split("\n"))


def load_known(path: str | os.PathLike[str]) -> KnownWords:
    """A known-words file as a set: English by identity key, Chinese by form."""
    return words_to_set(word_key(word) for word in read_word_list(path))
