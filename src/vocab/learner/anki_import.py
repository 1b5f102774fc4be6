"""Known words from Anki, offline and read-only.

Reads an export (``.apkg`` or ``.colpkg``: a zip holding ``collection.anki21b``, zstd-compressed
in Anki 2.1.50 and later, or the older ``collection.anki21`` / ``collection.anki2``) or a
``collection.anki2`` file itself, opened read-only. A note counts as learned when every card of
it that is being studied (new and suspended cards aside) has an interval of at least
``min_interval`` days. Notes made by vocab match by GUID (the hash of the term's identity);
other notes match when a field's text equals either side of a term.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LookupFailed, StoreError
from ..export.anki import MODEL_ID
from ..extract.brackets import HTML_TAG
from ..identity import en_key, note_guid, word_key, zh_key
from ..models import Term, TermEdit

SQLITE_MAGIC = b"SQLite format 3\x00"
ZIP_MAGIC = b"PK\x03\x04"
COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")  # newest first
MIN_INTERVAL = 21  # days: Anki calls a card with this interval or more "mature"
SUSPENDED = -1


@dataclass(frozen=True, slots=True)
class AnkiNote:
    guid: str
    notetype: str
    vocab: bool  # made by `vocab deck`
    fields: dict[str, str]  # field name → its text, HTML removed
    interval: int | None  # days: the smallest interval of its studied cards; None when none is studied


@dataclass
class AnkiMatch:
    """What an import found: notes, learned notes, and the terms they matched."""

    notes: int = 0
    learned: int = 0
    by_guid: dict[str, str] = field(default_factory=dict)  # term identity → English, vocab's own notes
    by_field: dict[str, str] = field(default_factory=dict)  # term identity → English, other notes


def read_anki_notes(path: str | os.PathLike[str]) -> list[AnkiNote]:
    """Every note of an Anki export or collection, with its fields and smallest studied interval."""
    with _collection_file(Path(path)) as (database, read_only):
        uri = f"{database.resolve().as_uri()}?mode=ro" if read_only else database.resolve().as_uri()
        try:
            connection = sqlite3.connect(uri, uri=True)
            try:
                return _notes(connection)
            finally:
                connection.close()
        except sqlite3.DatabaseError as error:
            raise StoreError(str(path), _explain(error)) from None


def match_notes(
    notes: Sequence[AnkiNote],
    terms: Sequence[Term],
    min_interval: int = MIN_INTERVAL,
    field_name: str | None = None,
    edits: dict[str, TermEdit] | None = None,
    identities: Iterable[str] = (),
) -> AnkiMatch:
    """Match learned notes to terms: vocab's notes by GUID (theirs, or that of one of ``identities``: the last
    build's terms, for an import without the documents), others by a field's text."""
    by_key = {term.key: term for term in terms}
    by_zh: dict[str, list[Term]] = {}
    for term in terms:
        for form in dict.fromkeys(zh_key(form) for form in term.zh_forms):
            by_zh.setdefault(form, []).append(term)
    edited_en = {en_key(edit.en): key for key, edit in (edits or {}).items() if edit.en}
    guids: dict[str, str] | None = None  # each term's note GUID → its identity, made on first need
    result = AnkiMatch(notes=len(notes))
    for note in notes:
        if note.interval is None or note.interval < min_interval:
            continue
        result.learned += 1
        if note.vocab:
            english = note.fields.get("English") or next(iter(note.fields.values()), "")
            key = edited_en.get(en_key(english), en_key(english))
            if note_guid(key) != note.guid:
                # The English a note shows is not always its identity: `airworthiness directive (AD)` is
                # airworthinessdirective; the terms' own GUIDs say which note is whose.
                if guids is None:
                    guids = {note_guid(key): key for key in (*identities, *(term.key for term in terms))}
                key = guids.get(note.guid, key)
            if note_guid(key) == note.guid:
                result.by_guid[key] = by_key[key].en if key in by_key else english
                continue
        texts = [note.fields.get(field_name, "")] if field_name else list(note.fields.values())
        for text in texts:
            lang, key = word_key(text) if text else ("", "")
            found = ([by_key[key]] if key in by_key else []) if lang == "en" else by_zh.get(key, [])
            for term in found:  # a Chinese form may be the translation of several terms: all are known
                result.by_field.setdefault(term.key, term.en)
            if found:
                break
    for key in result.by_guid:  # a term learned in both kinds of note counts once, as vocab's
        result.by_field.pop(key, None)
    return result


def field_names(notes: Sequence[AnkiNote]) -> set[str]:
    return {name for note in notes for name in note.fields}


def find_field(name: str, notes: Sequence[AnkiNote], file: str | os.PathLike[str]) -> str:
    """The field the learner means: exactly, else ignoring case; LookupFailed saying what there is."""
    names = field_names(notes)
    if name in names:
        return name
    folded = [n for n in names if n.casefold() == name.casefold()]
    if len(folded) == 1:
        return folded[0]
    import difflib

    close = difflib.get_close_matches(name, sorted(names), n=3, cutoff=0.5)
    hint = f"did you mean {' or '.join(close)}?" if close else f"its fields: {', '.join(sorted(names))}"
    raise LookupFailed(f"no note in {file} has a field {name!r}: {hint}", "field")


@contextlib.contextmanager
def _collection_file(path: Path) -> Iterator[tuple[Path, bool]]:
    """The SQLite file to read: the collection itself (read-only), or one unpacked to a temporary folder."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        raise StoreError(str(path), "no such file") from None  # as every other command says it
    except OSError as error:
        raise StoreError(str(path), error.strerror or str(error)) from None
    if head.startswith(SQLITE_MAGIC):
        yield path, True
        return
    if not zipfile.is_zipfile(path):
        if head.startswith(ZIP_MAGIC):
            raise StoreError(str(path), "the Anki export is damaged (a zip file cut short): export it again")
        raise StoreError(
            str(path),
            "not an Anki export (.apkg, .colpkg) or collection (collection.anki2);"
            " for a list of words use `vocab known add` or --known FILE",
        )
    with tempfile.TemporaryDirectory(prefix="vocab-anki-") as folder:
        target = Path(folder) / "collection.sqlite"
        try:
            with zipfile.ZipFile(path) as archive:
                name = next((n for n in COLLECTIONS if n in archive.namelist()), None)
                if name is None:
                    raise StoreError(str(path), "a zip file, but not an Anki export: it holds no collection")
                with archive.open(name) as source, target.open("wb") as out:
                    if name.endswith("b"):
                        _unzstd(source, out)
                    else:
                        shutil.copyfileobj(source, out)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise StoreError(str(path), f"the Anki export is damaged ({error})") from None
        yield target, False


def _unzstd(source, out) -> None:  # type: ignore[no-untyped-def]
    import zstandard

    try:
        zstandard.ZstdDecompressor().copy_stream(source, out)
    except zstandard.ZstdError as error:
        raise OSError(f"bad zstd data: {error}") from None


def _notes(connection: sqlite3.Connection) -> list[AnkiNote]:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"notes", "cards"} <= tables:
        raise sqlite3.DatabaseError("an SQLite database, but not an Anki collection")
    notetypes = _notetypes(connection, tables)
    intervals: dict[int, int] = {}
    for note_id, interval, card_type, queue in connection.execute("SELECT nid, ivl, type, queue FROM cards"):
        if card_type == 0 or queue == SUSPENDED:  # new or suspended: not being studied
            continue
        days = max(interval, 0)  # negative intervals are seconds, in the learning steps
        intervals[note_id] = min(days, intervals.get(note_id, days))
    notes = []
    for note_id, guid, notetype_id, fields in connection.execute("SELECT id, guid, mid, flds FROM notes ORDER BY id"):
        name, names = notetypes.get(notetype_id, ("", []))
        values = [_plain(value) for value in fields.split("\x1f")]
        names = names if len(names) == len(values) else [f"Field {i + 1}" for i in range(len(values))]
        vocab = name.startswith("vocab term") or notetype_id == MODEL_ID
        notes.append(AnkiNote(guid, name, vocab, dict(zip(names, values, strict=True)), intervals.get(note_id)))
    return notes


def _notetypes(connection: sqlite3.Connection, tables: set[str]) -> dict[int, tuple[str, list[str]]]:
    """Note type id → (name, field names): from the `notetypes`/`fields` tables (schema 15+) or `col.models`."""
    if {"notetypes", "fields"} <= tables:
        names = dict(connection.execute("SELECT id, name FROM notetypes"))
        fields: dict[int, list[str]] = {}
        for notetype_id, name in connection.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
            fields.setdefault(notetype_id, []).append(name)
        return {i: (names[i], fields.get(i, [])) for i in names}
    row = connection.execute("SELECT models FROM col").fetchone() if "col" in tables else None
    models = json.loads(row[0]) if row and row[0] else {}
    return {
        int(i): (m.get("name", ""), [f["name"] for f in sorted(m.get("flds", []), key=lambda f: f.get("ord", 0))])
        for i, m in models.items()
    }


def _plain(value: str) -> str:
    """A field's text without HTML, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(HTML_TAG.sub(" ", value)).split())


def _explain(error: sqlite3.DatabaseError) -> str:
    text = str(error)
    if "locked" in text or "busy" in text:
        return "the collection is open in Anki (locked): close Anki, or export the deck and import the .apkg"
    if "not a database" in text or "malformed" in text:
        return f"not a readable Anki collection ({text})"
    return text
