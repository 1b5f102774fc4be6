"""The review store: every answer, card state, mark and correction, in one SQLite file.

It lives in the data directory (``--data-dir``, else ``$VOCAB_HOME``, else the user data folder)
as ``vocab.sqlite3``. Terms are keyed by their identity (``Term.key``), the same value the
Anki note GUIDs are made from, so rebuilding after new episodes keeps all progress.

Safety. The database runs in WAL mode with full sync, and every change is one transaction
committed before the call returns: a process killed at any moment loses no answered card, and
the file is never left half-written. The schema has a version (``PRAGMA user_version``) and a
list of migrations, each applied in its own transaction. A file that is not a database, is
damaged, or is locked by another process becomes a one-line ``StoreError`` saying what to do.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..errors import StoreError
from ..identity import en_key
from ..models import Answer, CardSide, Mark, MarkStatus, ReviewCard, TermEdit
from .words import make_mark, read_word_list

STORE_FILE = "vocab.sqlite3"
LEGACY_KNOWN_FILE = "known.txt"  # vocab 0.1 kept known words in a text file; the first open imports it

# Each migration brings the schema from version i to i + 1; never edit one that has shipped.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE cards (
            term TEXT NOT NULL,             -- Term.key
            side TEXT NOT NULL CHECK (side IN ('en-zh', 'zh-en')),
            state INTEGER NOT NULL,         -- fsrs.State
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due TEXT NOT NULL,              -- ISO 8601, UTC, seconds
            last_review TEXT,
            PRIMARY KEY (term, side)
        ) WITHOUT ROWID""",
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            term TEXT NOT NULL,
            side TEXT NOT NULL,
            rating INTEGER NOT NULL,        -- fsrs.Rating: 1 again, 2 hard, 3 good, 4 easy
            reviewed_at TEXT NOT NULL,
            duration_ms INTEGER,
            state_before INTEGER NOT NULL,  -- 0 for a new card
            card_before TEXT                -- the card as it was (JSON), so an answer can be undone
        )""",
        "CREATE INDEX reviews_by_time ON reviews (reviewed_at)",
        """CREATE TABLE marks (
            lang TEXT NOT NULL CHECK (lang IN ('en', 'zh')),
            key TEXT NOT NULL,
            word TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('known', 'ignored')),
            source TEXT NOT NULL,
            marked_at TEXT NOT NULL,
            PRIMARY KEY (lang, key)
        ) WITHOUT ROWID""",
        """CREATE TABLE edits (
            term TEXT PRIMARY KEY,
            en TEXT,
            zh TEXT,
            definition TEXT,
            edited_at TEXT NOT NULL
        )""",
    ),
    (  # the learner's pinyin, and the Chinese it reads (shown only while the term shows that Chinese)
        "ALTER TABLE edits ADD COLUMN pinyin TEXT",
        "ALTER TABLE edits ADD COLUMN pinyin_of TEXT",
    ),
    (  # respellings the learner parted (`vocab edit --reset`): a build pairs the two identities no more
        """CREATE TABLE parted (
            term TEXT NOT NULL,             -- the identity the note and cards were made under
            spelled TEXT NOT NULL,          -- the identity of the spelling a build had given it
            parted_at TEXT NOT NULL,
            PRIMARY KEY (term, spelled)
        ) WITHOUT ROWID""",
    ),
    (  # Chinese forms the learner took from a term (`vocab edit --drop-zh`), a JSON list
        "ALTER TABLE edits ADD COLUMN dropped_zh TEXT",
    ),
    (  # the term a term is part of (`vocab edit --merge-into`): its glosses and mentions are that term's
        "ALTER TABLE edits ADD COLUMN merged_into TEXT",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
_EDIT_COLUMNS = "term, en, zh, definition, pinyin, pinyin_of, dropped_zh, merged_into"  # TermEdit's fields, in order


def to_iso(moment: datetime) -> str:
    """A UTC timestamp to the second: text that sorts in time order.

    >>> to_iso(datetime(2026, 11, 25, 21, 49, 24, 497307, tzinfo=UTC))
    '2026-11-25T21:49:24+00:00'
    """
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


class ReviewStore:
    """One open review store. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | os.PathLike[str], timeout: float = 5.0, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        with self._guard():
            if read_only:
                self._db = self._connect_read_only(timeout)
            else:
                self._make_folder()
                self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        try:
            with self._guard():
                if not read_only:
                    self._db.execute("PRAGMA journal_mode = WAL")
                    self._db.execute("PRAGMA synchronous = FULL")
                self._migrate()
            if not read_only:
                self._import_known_txt()
        except BaseException:
            self._db.close()
            raise

    @classmethod
    def in_directory(cls, directory: str | os.PathLike[str], create: bool = True) -> ReviewStore | None:
        """The store of a data directory. With ``create`` false, only read: None when there is none yet,
        and opened read-only (so a read-only data folder still works) unless vocab 0.1's known words
        are waiting to be moved in, or an older vocab's store is to be upgraded where it may be written."""
        path = Path(directory) / STORE_FILE
        _check_place(Path(directory), path)
        legacy = (Path(directory) / LEGACY_KNOWN_FILE).exists()
        empty = path.is_file() and path.stat().st_size == 0  # a store never written to: a new one
        if not create and (not path.exists() or empty) and not legacy:
            return None
        return cls(path, read_only=not create and not legacy and not _to_upgrade(path))

    def _connect_read_only(self, timeout: float) -> sqlite3.Connection:
        """Read-only; on a read-only file system SQLite cannot make WAL's shared-memory file, so the
        file is then read as immutable (it was checkpointed when its last writer closed it)."""
        uri = self.path.resolve().as_uri()
        db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout, isolation_level=None)
        try:
            db.execute("PRAGMA user_version").fetchone()
            return db
        except sqlite3.OperationalError:
            db.close()
            return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=timeout, isolation_level=None)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_writable(self) -> None:
        """Raise StoreError now if answers could not be stored (locked by another program, read-only)."""
        with self._transaction():
            pass

    # -- cards and answers ---------------------------------------------------------------------

    def cards(self, terms: Iterable[str] | None = None) -> dict[tuple[str, CardSide], ReviewCard]:
        """Every card, or the cards of ``terms``, by (term, side)."""
        rows = self._query("SELECT term, side, state, step, stability, difficulty, due, last_review FROM cards")
        wanted = None if terms is None else set(terms)
        cards = (_card(row) for row in rows if wanted is None or row[0] in wanted)
        return {(card.term, card.side): card for card in cards}

    def record_answer(
        self,
        before: ReviewCard | None,
        after: ReviewCard,
        rating: int,
        reviewed_at: datetime,
        duration_ms: int | None = None,
    ) -> int:
        """Store an answer and the card's new state, committed at once; return the answer's id."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO reviews (term, side, rating, reviewed_at, duration_ms, state_before, card_before)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    after.term,
                    after.side.value,
                    rating,
                    to_iso(reviewed_at),
                    duration_ms,
                    before.state if before else 0,
                    json.dumps(_card_row(before)) if before else None,
                ),
            )
            db.execute("INSERT OR REPLACE INTO cards VALUES (?, ?, ?, ?, ?, ?, ?, ?)", _card_row(after))
        return int(cursor.lastrowid or 0)

    def undo_answer(self, review_id: int) -> ReviewCard | None:
        """Take an answer back: delete it and restore the card as it was; return that card (None if new)."""
        with self._transaction() as db:
            row = db.execute("SELECT term, side, card_before FROM reviews WHERE id = ?", (review_id,)).fetchone()
            if row is None:
                return None
            db.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            term, side, card_before = row
            if card_before is None:
                db.execute("DELETE FROM cards WHERE term = ? AND side = ?", (term, side))
                return None
            restored = json.loads(card_before)
            db.execute("INSERT OR REPLACE INTO cards VALUES (?, ?, ?, ?, ?, ?, ?, ?)", restored)
        return _card(tuple(restored))

    def reviews_since(self, since: datetime, until: datetime | None = None) -> list[Answer]:
        """Answers from ``since`` until before ``until``, oldest first."""
        rows = self._query(
            "SELECT term, side, rating, state_before, reviewed_at FROM reviews"
            " WHERE reviewed_at >= ? AND reviewed_at < ? ORDER BY id",
            (to_iso(since), to_iso(until) if until else "9999"),  # "9999…" sorts after every timestamp
        )
        return [Answer(term, CardSide(side), rating, before, from_iso(at)) for term, side, rating, before, at in rows]

    # -- marks -------------------------------------------------------------------------------------

    def marks(self) -> list[Mark]:
        rows = self._query("SELECT lang, key, word, status, source, marked_at FROM marks ORDER BY marked_at, word")
        return [_mark(row) for row in rows]

    def set_marks(self, marks: Iterable[Mark]) -> list[Mark | None]:
        """Store ``marks`` (replacing any on the same word); return what each replaced, for undo."""
        previous: list[Mark | None] = []
        with self._transaction() as db:
            for mark in marks:
                row = db.execute(
                    "SELECT lang, key, word, status, source, marked_at FROM marks WHERE lang = ? AND key = ?",
                    (mark.lang, mark.key),
                ).fetchone()
                previous.append(_mark(row) if row else None)
                db.execute("INSERT OR REPLACE INTO marks VALUES (?, ?, ?, ?, ?, ?)", _mark_row(mark))
        return previous

    def remove_marks(self, keys: Iterable[tuple[str, str]]) -> list[Mark]:
        """Remove the marks on (lang, key) pairs; return those that were there."""
        removed = []
        with self._transaction() as db:
            for lang, key in keys:
                row = db.execute(
                    "SELECT lang, key, word, status, source, marked_at FROM marks WHERE lang = ? AND key = ?",
                    (lang, key),
                ).fetchone()
                if row:
                    removed.append(_mark(row))
                    db.execute("DELETE FROM marks WHERE lang = ? AND key = ?", (lang, key))
        return removed

    # -- corrections -------------------------------------------------------------------------------

    def edits(self) -> dict[str, TermEdit]:
        rows = self._query(f"SELECT {_EDIT_COLUMNS} FROM edits ORDER BY term")
        return {row[0]: _edit(row) for row in rows}

    def set_edit(self, edit: TermEdit, when: datetime) -> TermEdit:
        """Merge ``edit`` into the term's stored correction (fields left None keep theirs; a pinyin comes with
        the Chinese it reads; dropped forms add to those dropped before, and a form shown again is dropped no
        more); return the result."""
        with self._transaction() as db:
            row = db.execute(f"SELECT {_EDIT_COLUMNS} FROM edits WHERE term = ?", (edit.term,)).fetchone()
            old = _edit(row) if row else TermEdit(edit.term)
            reading = (edit.pinyin, edit.pinyin_of) if edit.pinyin is not None else (old.pinyin, old.pinyin_of)
            zh = edit.zh if edit.zh is not None else old.zh
            dropped = tuple(form for form in dict.fromkeys((*old.dropped_zh, *edit.dropped_zh)) if form != zh)
            merged = TermEdit(
                edit.term,
                edit.en if edit.en is not None else old.en,
                zh,
                edit.definition if edit.definition is not None else old.definition,
                *reading,
                dropped,
                edit.merged_into if edit.merged_into is not None else old.merged_into,
            )
            db.execute(
                f"INSERT OR REPLACE INTO edits ({_EDIT_COLUMNS}, edited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*dataclasses.astuple(merged)[:-2], json.dumps(dropped, ensure_ascii=False) if dropped else None,
                 merged.merged_into, to_iso(when)),
            )  # fmt: skip
        return merged

    def clear_edit(self, term: str) -> bool:
        """Drop the term's correction. One that respelled it (``edit.en`` of another identity, which a build records
        for a typo fixed in the document: ``learner.respelling``) is remembered as parted, so that no build pairs the
        two again."""
        with self._transaction() as db:
            row = db.execute("SELECT en FROM edits WHERE term = ?", (term,)).fetchone()
            if row and row[0] and en_key(row[0]) != term:
                parted = (term, en_key(row[0]), to_iso(datetime.now(UTC)))
                db.execute("INSERT OR REPLACE INTO parted VALUES (?, ?, ?)", parted)
            return db.execute("DELETE FROM edits WHERE term = ?", (term,)).rowcount > 0

    def parted(self) -> set[tuple[str, str]]:
        """(identity, identity of its respelling) for each respelling the learner parted (``clear_edit``)."""
        return {(term, spelled) for term, spelled in self._query("SELECT term, spelled FROM parted")}

    # -- plumbing ----------------------------------------------------------------------------------

    def _query(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple]:  # type: ignore[type-arg]
        with self._guard():
            return self._db.execute(sql, parameters).fetchall()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT: all of it is stored, or (on any error) none of it."""
        with self._guard():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _make_folder(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            why = error.strerror or str(error)
            raise StoreError(
                str(self.path.parent),
                f"cannot make the data folder ({why}): point VOCAB_HOME (or --data-dir) elsewhere",
            ) from None

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """SQLite's errors as one line that names the file and says what to do."""
        try:
            yield
        except sqlite3.DatabaseError as error:
            raise StoreError(str(self.path), _explain(error)) from None
        except OSError as error:
            raise StoreError(str(self.path), error.strerror or str(error)) from None

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        tables = [row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        if version == 0 and tables:
            raise StoreError(
                str(self.path),
                f"an SQLite database, but not a vocab review store (it has tables {', '.join(sorted(tables)[:5])}):"
                " move it aside, or choose another --data-dir",
            )
        if version > SCHEMA_VERSION:
            raise StoreError(
                str(self.path),
                f"made by a newer vocab (schema {version}, this one knows {SCHEMA_VERSION}): upgrade vocab",
            )
        if self.read_only and version < SCHEMA_VERSION:
            raise StoreError(str(self.path), "made by an older vocab: run `vocab stats` once to upgrade it")
        for number in range(version, SCHEMA_VERSION):
            with self._transaction() as db:
                for statement in MIGRATIONS[number]:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number + 1}")

    def _import_known_txt(self) -> None:
        """Move the known words of vocab 0.1's ``known.txt`` into the store; keep the file as ``.imported``."""
        legacy = self.path.parent / LEGACY_KNOWN_FILE
        if not legacy.exists():
            return
        now = datetime.now(UTC)
        existing = {(m.lang, m.key) for m in self.marks()}
        marks = [make_mark(w, MarkStatus.KNOWN, "known.txt", now) for w in read_word_list(legacy)]
        self.set_marks(m for m in marks if (m.lang, m.key) not in existing)
        with self._guard():
            legacy.replace(legacy.with_name(LEGACY_KNOWN_FILE + ".imported"))


def open_store(directory: str | os.PathLike[str], read_only: bool = False) -> ReviewStore:
    """The store of a data directory, created on first use. ``read_only``: an existing store is only
    read, so commands that only show things work on a read-only disk."""
    store = ReviewStore.in_directory(directory, create=not read_only) or ReviewStore.in_directory(directory)
    assert store is not None  # in_directory creates one unless told not to
    return store


def _to_upgrade(path: Path) -> bool:
    """The store at ``path`` has an older schema, and vocab may write it: a command that only reads upgrades it, rather
    than ask the learner to (a build after an upgrade of vocab)."""
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            return 0 < db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION
    except sqlite3.Error:
        return False  # said by the read-only open that follows


def _check_place(directory: Path, path: Path) -> None:
    """The data folder is a folder and the store, if there, a file: else say which is wrong and what to do."""
    if directory.exists() and not directory.is_dir():
        raise StoreError(str(directory), "is a file, not a folder: point VOCAB_HOME (or --data-dir) at a folder")
    if path.exists() and not path.is_file():
        raise StoreError(str(path), "is a folder, not the review store: move it aside, and vocab starts a new one")


def _explain(error: sqlite3.DatabaseError) -> str:
    text = str(error)
    if "not a database" in text:
        return "not a vocab review store (file is not a database): move it aside and vocab starts a new one"
    if "malformed" in text or "corrupt" in text:
        return f"the review store is damaged ({text}): restore a backup, or move it aside to start afresh"
    if "locked" in text or "busy" in text:
        return "the review store is locked by another program (another vocab?): close it and try again"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return f"cannot use the review store ({text}): check that its folder exists and is writable"
    return f"review store error: {text}"


def _card_row(card: ReviewCard) -> list[object]:
    return [
        card.term,
        card.side.value,
        card.state,
        card.step,
        card.stability,
        card.difficulty,
        to_iso(card.due),
        to_iso(card.last_review) if card.last_review else None,
    ]


def _card(row: tuple) -> ReviewCard:  # type: ignore[type-arg]
    term, side, state, step, stability, difficulty, due, last = row
    return ReviewCard(
        term, CardSide(side), state, step, stability, difficulty, from_iso(due), from_iso(last) if last else None
    )


def _mark(row: tuple) -> Mark:  # type: ignore[type-arg]
    lang, key, word, status, source, marked_at = row
    return Mark(lang, key, word, MarkStatus(status), source, from_iso(marked_at))


def _mark_row(mark: Mark) -> tuple[object, ...]:
    return (mark.lang, mark.key, mark.word, mark.status.value, mark.source, to_iso(mark.marked_at))


def _edit(row: tuple) -> TermEdit:  # type: ignore[type-arg]
    term, en, zh, definition, pinyin, pinyin_of, dropped, merged_into = row
    return TermEdit(term, en, zh, definition, pinyin, pinyin_of, _dropped(dropped), merged_into)


def _dropped(stored: object) -> tuple[str, ...]:
    """The forms a correction took from its term, as ``set_edit`` stores them (a JSON list); a value damaged outside
    vocab takes none, and the correction's other fields stay."""
    try:
        forms = json.loads(stored) if isinstance(stored, str) else []
    except ValueError:
        return ()
    return tuple(form for form in forms if isinstance(form, str)) if isinstance(forms, list) else ()
