"""Words the learner already knows: left out of lists, glossaries and decks.

A known-words file has one term per line, English or Chinese, `#` starting a comment. The
persistent list lives in the data directory: ``--data-dir``, else ``$VOCAB_HOME``, else the
platform's user data folder (platformdirs).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError
from .fileio import atomic_write, read_text
from .rank import Term, en_key, zh_key
from .text import HAN_RE

KNOWN_FILE = "known.txt"


@dataclass(frozen=True, slots=True)
class KnownWords:
    en: frozenset[str] = frozenset()
    zh: frozenset[str] = frozenset()

    def knows(self, term: Term) -> bool:
        """True when the term's English, or any of its Chinese forms, is known."""
        return term.key in self.en or any(zh_key(form) in self.zh for form in term.zh_forms)

    def __or__(self, other: KnownWords) -> KnownWords:
        return KnownWords(self.en | other.en, self.zh | other.zh)


def parse_known(lines: list[str]) -> KnownWords:
    """Known words from the lines of a file: English by identity key, Chinese by form."""
    en: set[str] = set()
    zh: set[str] = set()
    for line in lines:
        word = line.split("#", 1)[0].strip()
        if word:
            (zh if HAN_RE.search(word) else en).add(_key(word))
    return KnownWords(frozenset(en), frozenset(zh))


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


class KnownStore:
    """The persistent known-words list: a text file a learner can also edit by hand."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / KNOWN_FILE

    def words(self) -> list[str]:
        if not self.path.exists():
            return []
        try:
            text, _ = read_text(self.path)
        except SourceError as error:
            if error.message == "file is empty":
                return []
            raise
        return [line.strip() for line in text.split("\n") if line.strip() and not line.lstrip().startswith("#")]

    def known(self) -> KnownWords:
        return parse_known(self.words())

    def add(self, words: list[str]) -> list[str]:
        """Add ``words``; return those that were new."""
        current = self.words()
        keys = {_key(w) for w in current}
        new = [w for w in dict.fromkeys(w.strip() for w in words) if w and _key(w) not in keys]
        self._save(current + new)
        return new

    def remove(self, words: list[str]) -> list[str]:
        """Remove ``words`` (any variant of them); return those that were there."""
        current = self.words()
        drop = {_key(w) for w in words}
        kept = [w for w in current if _key(w) not in drop]
        self._save(kept)
        return [w for w in current if _key(w) in drop]

    def _save(self, words: list[str]) -> None:
        atomic_write(self.path, "".join(f"{w}\n" for w in words))


def _key(word: str) -> str:
    return zh_key(word) if HAN_RE.search(word) else en_key(word)
