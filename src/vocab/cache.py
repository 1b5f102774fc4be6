"""The document cache: what reading and extracting a file gave, so a rebuild redoes only what changed.

An entry is keyed by the file's bytes (SHA-256), how it was read (the input format, the rules switched
off) and the extractor itself (a hash of vocab's own code and data), so an edited file, another
``--input-format`` or a new version of vocab never meets an old entry. A renamed file keeps its entry:
the path is not in the key, and the document and its glosses take the path they are read from.

Entries are plain tuples (``marshal``, compressed: ``packing``) in one SQLite file in the user cache folder
(``$VOCAB_CACHE`` overrides it). A corrupt, truncated or unreadable entry, or a whole unreadable file, is ignored and
rewritten: the cache is never trusted, only used.

Every key is stored under the generation of vocab's code that wrote it, and opening the cache deletes the entries
of other generations: nothing reads them again, and without that each new version of vocab left a whole
library's worth of entries behind.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import hashlib
import json
import marshal
import sqlite3
import zlib
from enum import StrEnum
from pathlib import Path
from typing import Any

from .memo import NO_SYNC, cache_folder, code_fingerprint, delete_outside
from .models import Direction, Document, Gloss, GlossKind, InputFormat, Metadata, PackedSegments
from .packing import pack, unpack

CACHE_FILE = "documents.sqlite"


class DocumentCache:
    """Read and extracted documents by content; ``None`` when an entry is missing or unusable."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or cache_folder()) / CACHE_FILE
        self._db: sqlite3.Connection | None = None

    def key(self, raw: bytes, input_format: str | None, disabled_rules: frozenset[str]) -> str:
        how = json.dumps([input_format, sorted(disabled_rules), code_fingerprint()])
        return hashlib.sha256(hashlib.sha256(raw).digest() + how.encode()).hexdigest()

    def get(self, key: str, path: str) -> tuple[Document, list[Gloss]] | None:
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT data FROM documents WHERE key = ?", (_tagged(key),)).fetchone()
            return None if row is None else _decode(row[0], path)
        except (sqlite3.Error, ValueError, TypeError, KeyError, IndexError, AttributeError, EOFError):
            return None  # a damaged entry is read again from the file, and rewritten

    def has(self, key: str) -> bool:
        """A document is stored under ``key`` (not read: it may still be damaged)."""
        return self._holds("documents", key)

    def put(self, key: str, document: Document, glosses: list[Gloss]) -> None:
        db = self._connect()
        if db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            row = (_tagged(key), _encode(document, glosses))
            db.execute("INSERT OR REPLACE INTO documents (key, data) VALUES (?, ?)", row)

    def get_value(self, key: str) -> Any:
        """A plain value (``marshal``: numbers, strings, lists, tuples, dicts) stored under ``key`` (what counting
        found in a document), or None."""
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT data FROM values_ WHERE key = ?", (_tagged(key),)).fetchone()
            return None if row is None else marshal.loads(unpack(row[0]))
        except (sqlite3.Error, ValueError, TypeError, EOFError):
            return None

    def has_value(self, key: str) -> bool:
        """A value is stored under ``key`` (not read: it may still be damaged)."""
        return self._holds("values_", key)

    def _holds(self, table: str, key: str) -> bool:
        db = self._connect()
        try:
            return (
                db is not None
                and db.execute(f"SELECT 1 FROM {table} WHERE key = ?", (_tagged(key),)).fetchone() is not None
            )
        except sqlite3.Error:
            return False

    def put_value(self, key: str, value: Any) -> None:
        db = self._connect()
        if db is None:
            return
        try:
            data = pack(marshal.dumps(value))
        except ValueError:  # not a plain value: nothing is stored
            return
        with contextlib.suppress(sqlite3.Error):
            db.execute("INSERT OR REPLACE INTO values_ (key, data) VALUES (?, ?)", (_tagged(key), data))

    def detached(self) -> RecordingCache:
        """The same cache for a forked process: read through its own connection, written to a list that this
        process stores afterwards (``store``). SQLite connections must not cross a fork, and this one's open
        transaction would keep the other's writes waiting."""
        return RecordingCache(self.path.parent)

    def store(self, values: list[tuple[str, Any]]) -> None:
        """Put what a detached copy recorded."""
        for key, value in values:
            self.put_value(key, value)

    def clear(self) -> None:
        """Remove the cache file (and SQLite's side files)."""
        self.close()
        for path in self.files():
            with contextlib.suppress(FileNotFoundError, NotADirectoryError):  # none there, or no folder to hold one
                path.unlink()

    def writable(self) -> bool:
        """The cache can be opened for writing (its folder made where missing)."""
        return self._connect() is not None

    def files(self) -> list[Path]:
        """The cache file and SQLite's side files (those that may be there)."""
        return [Path(str(self.path) + suffix) for suffix in ("", "-journal", "-wal", "-shm")]

    def document_count(self) -> int:
        """How many read documents it holds (0 when it cannot be read)."""
        db = self._connect()
        try:
            return 0 if db is None else int(db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        except sqlite3.Error:
            return 0

    def close(self) -> None:
        """Write what was put (one transaction for a whole build: a commit per entry costs a disk sync each)."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.commit()
            self._db.close()
            self._db = None

    def _connect(self) -> sqlite3.Connection | None:
        """The open database; a file SQLite cannot read is replaced by an empty one. None when the folder
        cannot be written at all (a read-only home only costs time)."""
        if self._db is not None:
            return self._db
        for attempt in range(2):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path)
                db.execute(NO_SYNC)
                db.execute("CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
                db.execute("CREATE TABLE IF NOT EXISTS values_ (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
                db.execute("SELECT 1 FROM documents LIMIT 1").fetchone()
                generation = _tagged("")  # `{fingerprint}:`; keys of this version sort from it to `{fingerprint};`
                for table in ("documents", "values_"):  # entries no version of vocab but another one reads
                    delete_outside(db, table, "key", generation)
                self._db = db
                atexit.register(self.close)
                return db
            except (sqlite3.Error, OSError):
                if attempt == 0:
                    self.clear()
        return None


def _tagged(key: str) -> str:
    """``key`` as stored: under the generation of vocab's code (the first 12 hex digits of its fingerprint)."""
    return f"{code_fingerprint()[:12]}:{key}"


_METADATA = tuple(f.name for f in dataclasses.fields(Metadata))
_GLOSS = tuple(f.name for f in dataclasses.fields(Gloss))[1:-1]  # source and title come from where it is read
if (dataclasses.fields(Gloss)[0].name, _GLOSS[4:6], dataclasses.fields(Gloss)[-1].name) != (
    "source", ("direction", "kind"), "title"
):  # fmt: skip
    raise ImportError("models.Gloss's fields moved: update cache._decode, which builds glosses positionally")


def _row(item: object, names: tuple[str, ...]) -> tuple[Any, ...]:
    """The fields of a record as plain values (an enum as its string), for ``marshal``."""
    return tuple(str(v) if isinstance(v, StrEnum) else v for v in (getattr(item, n) for n in names))


def _encode(document: Document, glosses: list[Gloss]) -> bytes:
    """Plain tuples through ``marshal``: ten times faster than ``dataclasses.asdict`` and JSON, and, unlike
    pickle, a damaged or planted entry can only fail to load, never run code. The segments are stored as packed
    (``models.PackedSegments``), and come back packed: a rebuild unpacks only those it counts again."""
    segments = document.packed_segments()
    head = (
        str(document.format),
        _row(document.metadata, _METADATA),
        document.encoding,
        document.line_count,
        [_row(g, _GLOSS) for g in glosses],
        document.warnings,
    )
    blob, count = segments.blob, len(segments)
    return marshal.dumps((pack(marshal.dumps(head)), blob, zlib.crc32(blob), count, segments.digest))


def _decode(data: bytes, path: str) -> tuple[Document, list[Gloss]]:
    """The cached document (its segments packed) and glosses, placed at ``path`` (where the file is read from now)."""
    head, blob, crc, count, digest = marshal.loads(data)
    fmt, metadata, encoding, line_count, glosses, warnings = marshal.loads(unpack(head))
    # The segments are unpacked later, if at all: checked now, so that a damaged entry is read again from the file.
    if not (isinstance(blob, bytes) and zlib.crc32(blob) == crc and isinstance(digest, str)):
        raise ValueError("not a stored document")
    document = Document(
        path=path,
        format=InputFormat(fmt),
        metadata=Metadata(*metadata),
        segments=PackedSegments(blob, int(count), digest),
        encoding=encoding,
        line_count=line_count,
        warnings=tuple(warnings),
    )
    title = document.title
    directions, kinds = {v.value: v for v in Direction}, {v.value: v for v in GlossKind}
    decoded = []
    for row in glosses:  # positional, as segments are: by keyword was most of reading a library from the cache
        if len(row) != len(_GLOSS):
            raise ValueError("not a stored gloss")
        decoded.append(Gloss(*(path, *row[:4], directions[row[4]], kinds[row[5]], *row[6:], title)))
    return document, decoded


class RecordingCache(DocumentCache):
    """A ``DocumentCache`` that reads the file read-only and keeps what is put in ``recorded`` (``detached``)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.recorded: list[tuple[str, Any]] = []

    def put(self, key: str, document: Document, glosses: list[Gloss]) -> None:
        return None  # documents are read and stored by the process that reads the corpus

    def put_value(self, key: str, value: Any) -> None:
        self.recorded.append((key, value))

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None:
            try:
                self._db = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True)
            except sqlite3.Error:
                return None
        return self._db
