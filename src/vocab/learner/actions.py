"""What the learner does to terms: find one by any of its names, correct it, mark words known or
ignored, take marks back, and mark known what they learned in Anki. Each change is one store call,
so it is stored whole or not at all."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..errors import LookupFailed
from ..identity import en_key, word_key, zh_key
from ..models import Mark, MarkStatus, Term, TermEdit
from ..text import parse_pinyin
from .anki_import import AnkiMatch, AnkiNote, match_notes
from .curation import edited_terms, merge_target
from .store import ReviewStore
from .words import make_mark, named_forms, spelled_like, term_mark


@dataclass(frozen=True, slots=True)
class KnownImport:
    """What `known import` did: the notes matched, and how many terms it newly marked known."""

    match: AnkiMatch
    newly_known: int
    studied: bool  # any card of the collection was studied (else it was exported without scheduling)

    @property
    def matched(self) -> dict[str, str]:
        """Every matched term's identity → its English, vocab's own notes and others together."""
        return {**self.match.by_field, **self.match.by_guid}


def find_term(name: str, terms: Sequence[Term], allow_absent: bool = False) -> str:
    """The identity of the term called ``name`` (any English form, shown English, or Chinese form); of several, the one
    whose identity it is.

    ``allow_absent``: an English name no term has is its own identity (a correction to drop).
    """
    lang, key = word_key(name)
    if lang == "zh":
        matches = [t for t in terms if key in {zh_key(form) for form in t.zh_forms}]
        if not matches:  # an English that writes Chinese too, as `list` shows it (`KGD 测试`: learner's trial 63)
            matches = [t for t in terms if key in {zh_key(form) for form in (t.en, *t.en_forms)}]
    else:
        matches = [t for t in terms if key in {t.key, en_key(t.en), *(en_key(f) for f in t.en_forms)}]
    if len(matches) > 1 and lang == "en":  # `GDPR`, a term's own English, and the alias of another's expansion
        matches = [t for t in matches if t.key == key] or matches
    if len(matches) == 1:
        return matches[0].key
    if not matches and allow_absent and lang == "en":
        return key
    found = ", ".join(t.en for t in matches[:5])
    reason = f"names several terms ({found}): give the English" if matches else "is in no term of PATHS"
    if not matches:  # a likely typo: say what it may have meant, as `known add` does
        listed = [{"key": t.key, "en": t.en, "en_forms": t.en_forms, "zh_forms": t.zh_forms} for t in terms]
        near = spelled_like(name, listed)
        reason += f" (did you mean {' or '.join(near)}?)" if near else ""
    raise LookupFailed(f"{name} {reason}", "term")


def edit_term(
    store: ReviewStore, terms: Sequence[Term], name: str, change: TermEdit, when: datetime | None = None
) -> TermEdit:
    """Store the learner's correction of the term called ``name`` (``change.term`` is ignored); return
    the whole correction now stored. A new English that is another term's is refused: two terms would
    show one name. A pinyin is checked against the Chinese it reads (``change.zh``, else the term's) and
    kept with it; an empty one drops the learner's reading."""
    terms = edited_terms(terms, store.edits())
    key = find_term(name, terms)
    pinyin, pinyin_of = change.pinyin, None
    if change.pinyin:
        pinyin_of = change.zh or next(t.zh for t in terms if t.key == key)
        if not pinyin_of:
            raise LookupFailed(f"{name} has no Chinese to read: give --zh too", "pinyin")
        try:
            pinyin = parse_pinyin(change.pinyin, pinyin_of)
        except ValueError as error:
            raise LookupFailed(str(error) + _another_form(name, pinyin_of, change.zh), "pinyin") from None
    if change.en is not None:
        other = next((t for t in terms if t.key != key and en_key(change.en) in {t.key, en_key(t.en)}), None)
        if other is not None:
            raise LookupFailed(
                f"{change.en!r} is already term #{other.rank} ({other.en} {other.zh or ''}): to make them one term,"
                f" `vocab edit {name} --merge-into {other.en}`",
                "english",
            )
    dropped = _dropped_forms(name, next(t for t in terms if t.key == key), change)
    edit = TermEdit(key, change.en, change.zh, change.definition, pinyin, pinyin_of, dropped)
    return store.set_edit(edit, when or datetime.now(UTC))


def _dropped_forms(name: str, term: Term, change: TermEdit) -> tuple[str, ...]:
    """The Chinese forms ``change`` takes from ``term``, as the term writes them: each must be one of its forms, and
    one must stay (or ``change.zh`` be given): a term with no Chinese has no card to show it (learner's trial 58:
    `上下文` cut for `grounded in context` stayed beside the learner's `有依据`, on the card and in the counts)."""
    if not change.dropped_zh:
        return ()
    forms = {zh_key(form): form for form in term.zh_forms}
    dropped = []
    for given in change.dropped_zh:
        if zh_key(given) not in forms:
            listed = "; ".join(term.zh_forms) or "none"
            raise LookupFailed(f"{given} is no Chinese form of {name} (its forms: {listed})", "chinese")
        dropped.append(forms[zh_key(given)])
    if change.zh is None and not set(forms) - {zh_key(form) for form in dropped}:
        raise LookupFailed(f"--drop-zh would leave {name} no Chinese: give the right one with --zh", "chinese")
    return tuple(dropped)


def _another_form(name: str, read: str, zh: str | None) -> str:
    """What to say when the learner named the term by another of its Chinese forms than the one a pinyin reads: the
    reading is of the term's Chinese; `--zh` makes the named form that (learner's trial 56: 注意力 of 注意力机制)."""
    lang, key = word_key(name)
    if zh or lang != "zh" or key == zh_key(read):
        return ""
    return f" ({name} is another form of the term; a pinyin reads its Chinese, {read}: --zh {name} makes {name} that)"


def merge_term(
    store: ReviewStore, terms: Sequence[Term], name: str, into: str, when: datetime | None = None
) -> tuple[str, str]:
    """Make the term called ``name`` part of the term called ``into`` (its glosses, forms and mentions join that
    term's, whose identity, Anki note and review progress stay); return the two identities. A term merged into another
    before passes this one on to that other; merging a term into itself, or into one merged into it, is refused."""
    edits = store.edits()
    terms = edited_terms(terms, edits)
    key, target = find_term(name, terms), find_term(into, terms)
    target = merge_target(target, edits) or target
    if key == target or merge_target(key, edits) == target:
        raise LookupFailed(f"{name} and {into} are one term already", "term")
    store.set_edit(TermEdit(key, merged_into=target), when or datetime.now(UTC))
    return key, target


def reset_term(store: ReviewStore, terms: Sequence[Term], name: str) -> bool:
    """Drop the learner's corrections of the term called ``name``; False when it had none. A term merged into
    another (`--merge-into`) is named by its own English, which the other term now holds: it stands alone again."""
    lang, key = word_key(name)
    stored = store.edits()
    if lang == "en" and key in stored and stored[key].merged_into is not None:
        return store.clear_edit(key)
    return store.clear_edit(find_term(name, edited_terms(terms, stored), allow_absent=True))


def mark_words(store: ReviewStore, words: Iterable[str], status: MarkStatus, when: datetime | None = None) -> list[str]:
    """Mark ``words`` (English or Chinese) known or ignored; return those whose mark changed. A word already so
    marked keeps its mark as it was (`known add colonies` said "nothing new" and yet listed `colonies` for the
    `colony` marked before)."""
    now = when or datetime.now(UTC)
    marks = {(m.lang, m.key): m for m in (make_mark(w, status, "cli", now) for w in words if w.strip())}
    already = {(m.lang, m.key) for m in store.marks() if m.status is status}
    changed = [mark for key, mark in marks.items() if key not in already]
    store.set_marks(changed)
    return [m.word for m in changed]


def unmark_words(store: ReviewStore, words: Iterable[str], terms: Sequence[Mapping[str, Any]] = ()) -> list[Mark]:
    """Take back the marks on ``words`` and on every form of the ``terms`` (as the last build wrote them) they name;
    return the marks there were."""
    keys = dict.fromkeys(form for w in words if w.strip() for form in sorted(named_forms(w, terms)))
    return store.remove_marks(keys)


def import_known(
    store: ReviewStore,
    notes: Sequence[AnkiNote],
    terms: Sequence[Term],
    min_interval: int,
    field_name: str | None = None,
    when: datetime | None = None,
    identities: Iterable[str] = (),
) -> KnownImport:
    """Mark known every term of ``terms`` the learner learned in Anki (see ``match_notes``; ``identities``: those of
    the last build's terms too, whose notes match by GUID)."""
    now = when or datetime.now(UTC)
    by_key = {t.key: t for t in terms}
    result = match_notes(notes, terms, min_interval, field_name, store.edits(), identities)
    matched = {**result.by_field, **result.by_guid}
    marks = [
        term_mark(by_key[key], MarkStatus.KNOWN, "anki", now)
        if key in by_key
        else Mark("en", key, english, MarkStatus.KNOWN, "anki", now)
        for key, english in matched.items()
    ]
    replaced = store.set_marks(marks)
    newly = sum(old is None or old.status is not MarkStatus.KNOWN for old in replaced)
    return KnownImport(result, newly, studied=not notes or any(note.interval is not None for note in notes))
