"""What a term's note and glossary rows are made of, as one digest, so a rebuild makes again only what changed.

A term holds every gloss of it, each with its sentences (70,000 glosses in a 1,000-episode library), and pickling
them all was most of an edited rebuild's writing. A gloss read from a document whose content key the corpus knows
(``Corpus.document_keys``: its bytes, how it was read, vocab's code) is fixed by that key, its document's path and
its place among that document's glosses, so it goes into the digest as those three. Any other gloss (one a
learner's correction made, or any gloss of a build without the cache) goes in whole.

vocab's code and the versions of the libraries a term's readings come from go into every digest too: a note or a
row made under others is made again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
from collections import Counter
from collections.abc import Iterable, Mapping

from ..memo import code_fingerprint, package_versions
from ..models import Corpus, Gloss, Term

READINGS = ("pypinyin", "pypinyin-dict", "jieba")  # pinyin of a term: the characters', the phrases', jieba's words


class TermDigests:
    """A digest per term of everything about it but its rank (ranks move with every new term anywhere)."""

    def __init__(self, glosses: Iterable[Gloss] = (), document_keys: Mapping[str, str] = {}) -> None:  # noqa: B006 (read only)
        self._glosses = list(glosses)  # kept alive: their places are looked up by identity
        self._document_keys = document_keys
        self._places: dict[int, tuple[str, str, int]] = {}
        placed: Counter[str] = Counter()
        for gloss in self._glosses:
            key = document_keys.get(gloss.source)
            if key is not None:
                self._places[id(gloss)] = (key, gloss.source, placed[gloss.source])
            placed[gloss.source] += 1
        self._made: dict[int, tuple[Term, str]] = {}
        self._made_by = ""  # vocab's code and the readings' libraries, found on first need

    @classmethod
    def of_corpus(cls, corpus: Corpus) -> TermDigests:
        return cls(corpus.glosses, corpus.document_keys)

    def __call__(self, term: Term) -> str:
        made = self._made.get(id(term))
        if made is None or made[0] is not term:
            made = self._made[id(term)] = (term, self.digest((_unranked(term), self.named(term.glosses))))
        return made[1]

    def named(self, glosses: Iterable[Gloss]) -> list[object]:
        """Each gloss as its document's key, path and place there where the corpus knows them, else whole."""
        return [self._places.get(id(gloss)) or gloss for gloss in glosses]

    def placed(self, glosses: Iterable[Gloss]) -> list[object]:
        """Glosses of one document, each as its place there where the corpus knows its document, else whole: what
        names them with the document's key and path said once (``document``)."""
        return [place[2] if (place := self._places.get(id(gloss))) else gloss for gloss in glosses]

    def document(self, path: str) -> str | None:
        """The content key of the document at ``path`` (``Corpus.document_keys``), where the corpus knows it."""
        return self._document_keys.get(path)

    def digest(self, value: object) -> str:
        """A digest of ``value`` (records, ``named`` glosses) and of what vocab makes of it with."""
        self._made_by = self._made_by or f"{code_fingerprint()}|{package_versions(READINGS)}"
        return hashlib.sha256(value_bytes((value, self._made_by))).hexdigest()


_UNRANKED = tuple(f.name for f in dataclasses.fields(Term) if f.name not in ("rank", "glosses"))


def _unranked(term: Term) -> tuple[object, ...]:
    """Every field of ``term`` but its rank and glosses, as plain values: pickled with no memo, each of a term's
    records (its first mention in each document) named its class again, and that was most of a deck's digests."""
    first = [(m.line, m.end_line, m.start) for m in term.first_mentions]
    return tuple(first if name == "first_mentions" else getattr(term, name) for name in _UNRANKED)


def value_bytes(value: object) -> bytes:
    """``value`` pickled with no memo, so that equal values give equal bytes: a plain pickle writes a string
    met twice as a reference to the first, and a term read by workers shares other strings than one taken
    from the cache."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo (the records hold no cycles)
    pickler.dump(value)
    return buffer.getvalue()
