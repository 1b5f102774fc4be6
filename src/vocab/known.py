"""The learner's curation: words known or ignored, and corrected terms, applied to every output.

Marks and corrections live in the review store (``review.store``) in the data directory:
``--data-dir``, else ``$VOCAB_HOME``, else the platform's user data folder (platformdirs). They
are keyed by a term's identity (its normalised English) or, for Chinese, by the normalised form,
so they survive rebuilds and apply to new episodes. A known-words file (``--known FILE``) adds
words for one run: one term per line, English or Chinese, ``#`` starting a comment.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .fileio import read_text
from .models import Mark, MarkStatus, TermEdit
from .rank import Term, en_key, zh_key
from .text import HAN_RE


@dataclass(frozen=True, slots=True)
class KnownWords:
    en: frozenset[str] = frozenset()
    zh: frozenset[str] = frozenset()

    def knows(self, term: Term) -> bool:
        """True when the term's English, or any of its Chinese forms, is in the set."""
        return term.key in self.en or any(zh_key(form) in self.zh for form in term.zh_forms)

    def __or__(self, other: KnownWords) -> KnownWords:
        return KnownWords(self.en | other.en, self.zh | other.zh)


def word_key(word: str) -> tuple[str, str]:
    """(language, key) of a word as marks store it: a Chinese form, or an English identity.

    >>> word_key("World Models"), word_key("深度學習")
    (('en', 'worldmodel'), ('zh', '深度学习'))
    """
    word = word.strip()
    return ("zh", zh_key(word)) if HAN_RE.search(word) else ("en", en_key(word))


def make_mark(word: str, status: MarkStatus, source: str, when: datetime) -> Mark:
    lang, key = word_key(word)
    return Mark(lang, key, word.strip(), status, source, when)


def term_mark(term: Term, status: MarkStatus, source: str, when: datetime) -> Mark:
    """A mark on a term itself: its identity, whatever its English is written like."""
    return Mark("en", term.key, term.en, status, source, when)


def words_to_set(words: Iterable[tuple[str, str]]) -> KnownWords:
    words = list(words)
    en = frozenset(key for lang, key in words if lang == "en")
    zh = frozenset(key for lang, key in words if lang == "zh")
    return KnownWords(en, zh)


def parse_known(lines: list[str]) -> KnownWords:
    """Known words from the lines of a file: English by identity key, Chinese by form."""
    words = (line.split("#", 1)[0].strip() for line in lines)
    return words_to_set(word_key(word) for word in words if word)


def load_known(path: str | os.PathLike[str]) -> KnownWords:
    text, _ = read_text(path)
    return parse_known(text.split("\n"))


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Where vocab keeps what it learns about you: ``override``, ``$VOCAB_HOME`` or the user data folder."""
    if override:
        return Path(override)
    if os.environ.get("VOCAB_HOME"):
        return Path(os.environ["VOCAB_HOME"])
    import platformdirs

    return Path(platformdirs.user_data_dir("vocab", appauthor=False))


@dataclass(frozen=True, slots=True)
class Curation:
    """What the learner decided about terms: known, ignored, corrected."""

    known: KnownWords = KnownWords()
    ignored: KnownWords = KnownWords()
    edits: dict[str, TermEdit] = field(default_factory=dict)

    @classmethod
    def from_store(cls, marks: Sequence[Mark], edits: dict[str, TermEdit]) -> Curation:
        known = words_to_set((m.lang, m.key) for m in marks if m.status is MarkStatus.KNOWN)
        ignored = words_to_set((m.lang, m.key) for m in marks if m.status is MarkStatus.IGNORED)
        return cls(known, ignored, edits)

    def apply(
        self, terms: Sequence[Term], include_known: bool = False, also_known: KnownWords = KnownWords()
    ) -> list[Term]:
        """Terms corrected, without ignored ones, and without known ones unless ``include_known``."""
        known = self.known | also_known
        kept = []
        for term in terms:
            term = edited(term, self.edits.get(term.key))
            if self.ignored.knows(term) or (not include_known and known.knows(term)):
                continue
            kept.append(term)
        return kept


def edited(term: Term, edit: TermEdit | None) -> Term:
    """The term with the learner's corrections; its identity (and so its Anki note) stays the same."""
    if edit is None:
        return term
    changes: dict[str, object] = {}
    if edit.en:
        changes["en"] = edit.en
    if edit.zh:
        changes["zh"] = edit.zh
        changes["zh_forms"] = (edit.zh, *(form for form in term.zh_forms if form != edit.zh))
    if edit.definition is not None:  # in every occurrence too: per-episode glossaries show their own
        changes["definition"] = edit.definition or None
        changes["glosses"] = tuple(dataclasses.replace(g, definition=edit.definition or None) for g in term.glosses)
    return dataclasses.replace(term, **changes)  # type: ignore[arg-type]


def load_curation(directory: Path) -> Curation:
    """The curation stored in ``directory``; nothing when there is no store yet (none is created)."""
    from .review.store import ReviewStore

    store = ReviewStore.in_directory(directory, create=False)
    if store is None:
        return Curation()
    with store:
        return Curation.from_store(store.marks(), store.edits())
