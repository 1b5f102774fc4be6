"""The learner's curation: words known or ignored, and corrected terms, applied to every output.

Marks and corrections live in the review store (``learner.store``) in the data directory:
``--data-dir``, else ``$VOCAB_HOME``, else the platform's user data folder (platformdirs). A
known-words file (``--known FILE``, ``learner.words``) adds words for one run.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..identity import en_key
from ..models import ChineseCorrection, Gloss, Mark, MarkStatus, Term, TermEdit
from ..rank import recut_by, recut_glosses
from .store import ReviewStore
from .words import KnownWords, words_to_set


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

    def adding_known(self, words: KnownWords) -> Curation:
        """This curation with ``words`` known too (a --known file, for one run)."""
        return Curation(self.known | words, self.ignored, self.edits)

    def excludes(self, term: Term) -> bool:
        """Known or ignored: not a term to study."""
        return self.known.knows(term) or self.ignored.knows(term)

    def status(self, term: Term) -> MarkStatus | None:
        """How the learner marked the term: ignored wins over known (it is never shown, even with known words)."""
        if self.ignored.knows(term):
            return MarkStatus.IGNORED
        return MarkStatus.KNOWN if self.known.knows(term) else None

    def apply(self, terms: Sequence[Term], include_known: bool = False) -> list[Term]:
        """Terms corrected, without ignored ones, and without known ones unless ``include_known``."""
        return [term for term, status in self._with_marks(terms, include_known) if status is None]

    def retired(self, terms: Sequence[Term], include_known: bool = False) -> list[tuple[Term, MarkStatus]]:
        """The terms ``apply`` leaves out, corrected, each with its mark: a deck still tags the notes
        a learner may already study (see ``export.anki.write_deck``)."""
        return [(term, status) for term, status in self._with_marks(terms, include_known) if status is not None]

    def _with_marks(self, terms: Sequence[Term], include_known: bool) -> list[tuple[Term, MarkStatus | None]]:
        """Every term corrected, with the mark that leaves it out (None: kept)."""
        marked = []
        for term, edit in with_edits(terms, self.edits):
            term = edited(term, edit)
            status = self.status(term)
            marked.append((term, None if include_known and status is MarkStatus.KNOWN else status))
        return marked


def with_edits(terms: Iterable[Term], edits: dict[str, TermEdit]) -> list[tuple[Term, TermEdit | None]]:
    """Each term with its stored correction. A term with none whose English is what a correction made of a term gone
    from the corpus takes that term's identity and correction: the learner corrected a typo with `vocab edit --en`,
    then fixed it in the document too, and the Anki note and the review progress stay the term's (new-user report 9,
    item 6: a second note appeared)."""
    terms = list(terms)
    present = {term.key for term in terms}
    gone = {en_key(edit.en): key for key, edit in sorted(edits.items()) if edit.en and key not in present}
    paired = []
    for term in terms:
        edit = edits.get(term.key)
        if edit is None and (old := gone.pop(term.key, None)) is not None:
            term, edit = dataclasses.replace(term, key=old), edits[old]
        paired.append((term, edit))
    return paired


def edited(term: Term, edit: TermEdit | None) -> Term:
    """The term with the learner's corrections; its identity (and so its Anki note) stays the same."""
    if edit is None:
        return term
    changes: dict[str, object] = {}
    glosses = term.glosses
    if edit.en:
        changes["en"] = edit.en
        # A correction of where the English starts or ends (`isotope ratios` of `mentioned isotope ratios`): the
        # occurrence is it, highlighted and hidden whole, as a Chinese one is.
        glosses = tuple(_english_recut(g, edit.en) for g in glosses)
    if edit.zh:
        recut = recut_by(edit.zh)
        changes["zh"] = edit.zh
        changes["zh_forms"] = (edit.zh, *(form for form in term.zh_forms if form != edit.zh and not recut(form)))
        # Where the corrected form stands in the sentence, the occurrence is it: highlighted and hidden whole (a
        # corpus ranked with the correction, ``corrected_chinese``, has it so already, and counted it).
        glosses = recut_glosses(glosses, edit.zh)
    if edit.definition is not None:  # in every occurrence too: per-episode glossaries show their own
        changes["definition"] = edit.definition or None
        glosses = tuple(dataclasses.replace(g, definition=edit.definition or None) for g in glosses)
    if glosses is not term.glosses:
        changes["glosses"] = glosses
    if edit.pinyin and edit.pinyin_of == changes.get("zh", term.zh):  # a reading of other Chinese would mislead
        changes["pinyin"] = edit.pinyin
    return dataclasses.replace(term, **changes)  # type: ignore[arg-type]


def _english_recut(gloss: Gloss, corrected: str) -> Gloss:
    """``gloss`` with its English cut to ``corrected`` where one is a whole-word part of the other and the corrected
    English stands in the sentence, as written there (`mentioned isotope ratios` → `isotope ratios`, `stream` →
    `jet stream`)."""

    def part(short: str, long: str) -> bool:
        return re.search(rf"(?<![\w'-]){re.escape(short)}(?![\w'-])", long, re.IGNORECASE) is not None

    if gloss.en.casefold() == corrected.casefold() or not (part(corrected, gloss.en) or part(gloss.en, corrected)):
        return gloss
    found = re.search(rf"(?<![\w'-]){re.escape(corrected)}(?![\w'-])", gloss.sentence, re.IGNORECASE)
    return gloss if found is None else dataclasses.replace(gloss, en=found.group())


def corrected_chinese(edits: dict[str, TermEdit]) -> dict[str, ChineseCorrection]:
    """The Chinese the learner gave each corrected term (by key), the forms they took from it, and the terms they
    merged into it: what ranking counts in their place."""
    merged: dict[str, list[str]] = {}
    for key in sorted(edits):
        if (into := merge_target(key, edits)) is not None:
            merged.setdefault(into, []).append(key)
    corrected = {}
    for key in sorted(edits.keys() | merged.keys()):
        edit = edits.get(key, TermEdit(key))
        if edit.zh or edit.dropped_zh or key in merged:
            corrected[key] = ChineseCorrection(edit.zh, edit.dropped_zh, tuple(merged.get(key, ())))
    return corrected


def merge_target(key: str, edits: dict[str, TermEdit]) -> str | None:
    """The term the term ``key`` is part of, following merges of merged terms (`a` into `b`, then `b` into `c`: `c`);
    None when it stands alone, or when the merges go round (none is kept: each term stands alone again)."""
    seen = {key}
    into = edits[key].merged_into if key in edits else None
    while into is not None and into in edits and edits[into].merged_into is not None:
        if into in seen:
            return None
        seen.add(into)
        into = edits[into].merged_into
    return None if into in seen else into


def load_curation(directory: Path) -> Curation:
    """The curation stored in ``directory``; nothing when there is no store yet (none is created)."""
    store = ReviewStore.in_directory(directory, create=False)
    if store is None:
        return Curation()
    with store:
        return Curation.from_store(store.marks(), store.edits())


def edited_terms(terms: Iterable[Term], edits: dict[str, TermEdit]) -> list[Term]:
    """Every term with its stored correction (none left out): what `edit` looks names up in."""
    return [edited(term, edit) for term, edit in with_edits(terms, edits)]
