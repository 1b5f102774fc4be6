"""Answers that cost a library load to compute and never change for one input and one vocab: the pinyin of a
Chinese form, wordfreq's Zipf of a form. They are kept in the cache folder, so a rebuild of terms it has seen
loads neither pypinyin nor wordfreq.

Answers are looked up one by one, or a space of them read whole once a build asks for many; new answers are
written when the process ends. The space's name carries a hash of vocab's own code and data, so a new rule never
meets an old answer. An unreadable memo is an empty one: every answer can be computed again.

Tables a library takes long to build (CC-CEDICT parsed, jieba's dictionary) are kept here too, as marisa tries
(``kept_trie``, ``kept_table``).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .workers import in_fork, is_worker

if TYPE_CHECKING:
    import sqlite3

MEMO_FILE = "memo.sqlite"
T = TypeVar("T")

_answers: dict[str, dict[str, str]] = {}
_pending: list[tuple[str, str, str]] = []  # (space, key, answer) computed since the last flush


def cache_folder() -> Path:
    """``$VOCAB_CACHE``, else the platform's user cache folder for vocab."""
    import platformdirs

    return Path(os.environ.get("VOCAB_CACHE") or platformdirs.user_cache_dir("vocab", appauthor=False))


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of vocab's own code and data: a change to any rule, reader, weight or reading makes old answers old."""
    import hashlib

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".json") and p.is_file()):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


KEPT_SUFFIX = ".marisa"
_SEPARATOR = "\x1f"  # between the values of one key in a kept table


class KeptTable:
    """A table of str → tuple of str, read from a marisa trie (``kept_table``): a few MB where a dict of the
    same holds tens of MiB, read in milliseconds. ``get`` answers as ``dict.get`` would."""

    __slots__ = ("_trie",)

    def __init__(self, trie: Any) -> None:
        self._trie = trie

    def get(self, key: str, default: Any = ()) -> Any:
        found = self._trie.get(key)
        if not found:
            return default
        value = found[0].decode()
        return tuple(value.split(_SEPARATOR)) if value else ()

    def __contains__(self, key: object) -> bool:
        return key in self._trie

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.keys())

    def keys_with_prefix(self, prefix: str) -> list[str]:
        return self._trie.keys(prefix)  # type: ignore[no-any-return]

    def first_with_prefix(self, prefix: str) -> str | None:
        """A key that starts with ``prefix`` (``prefix`` itself when it is one), or None."""
        if prefix in self._trie:
            return prefix
        return next(self._trie.iterkeys(prefix), None)


def kept_table(
    name: str, package: str | tuple[str, ...], build: Callable[[], dict[str, tuple[str, ...]]], derived: bool = False
) -> KeptTable:
    """A table a library takes long to build (CC-CEDICT parsed), kept in the cache folder (``kept_trie``)."""
    import marisa_trie

    def built() -> Any:
        return marisa_trie.BytesTrie((key, _SEPARATOR.join(values).encode()) for key, values in build().items())

    return KeptTable(kept_trie(name, package, built, marisa_trie.BytesTrie, derived))


def kept_trie(
    name: str, package: str | tuple[str, ...], build: Callable[[], T], empty: Callable[[], T], derived: bool = False
) -> T:
    """A marisa trie ``build`` makes from a library's data (jieba's dictionary, CC-CEDICT), kept in the cache
    folder behind a CRC-32 of its bytes (``_CHECK``). The file is named after ``package``'s version, so an update of it
    builds the trie again; so does a damaged file (the check, and marisa's own). A cache folder that cannot
    be written costs the time twice: the forked build fails to keep the trie, and this process builds it again.
    Other versions' files are deleted when a new one is written. A
    ``derived`` table is made by vocab's own rules too, and is named after vocab's code as well."""
    path = kept_path(name, package, derived)
    trie = _read_kept(path, empty)
    # Built by a forked process where one can be: the library's data it is built from (pypinyin's phrases, 100 MiB
    # while read) never becomes this process's memory, which a first build in a new cache folder peaked with.
    if trie is None and in_fork(lambda: _write_kept(path, build(), strict=True)):
        trie = _read_kept(path, empty)
    if trie is None:  # no fork, or a folder that cannot be written: built here
        trie = build()
        _write_kept(path, trie)
    return trie


def _read_kept(path: Path, empty: Callable[[], T]) -> T | None:
    """The trie kept at ``path``, or None when it is not there or damaged (the check, and marisa's own)."""
    try:
        data = path.read_bytes()
        if _check(data[_CHECK:]) == data[:_CHECK]:
            return empty().frombytes(data[_CHECK:])  # type: ignore[attr-defined, no-any-return]
    except (OSError, RuntimeError):
        pass
    return None


def _write_kept(path: Path, trie: Any, strict: bool = False) -> None:
    """``trie`` kept at ``path`` behind a CRC-32 of its bytes, other versions' files deleted; a folder that
    cannot be written is passed over, unless ``strict``."""
    from .errors import VocabError
    from .fileio import atomic_write

    data = trie.tobytes()
    try:
        atomic_write(path, _check(data) + data)
    except (OSError, VocabError):
        if strict:
            raise
        return
    for old in [*path.parent.glob(f"{path.name.split('@')[0]}@*{KEPT_SUFFIX}"), *_former_files(path.parent)]:
        if old != path:
            old.unlink(missing_ok=True)  # another version's, or files vocab kept before


def _check(data: bytes) -> bytes:
    """A kept table's check: a CRC-32 finds the damage a cache meets (changed bytes, a cut file) at four times
    SHA-256's speed (the tables a build reads, 17 MB: 4 against 17 ms). A file kept behind a SHA-256, as before,
    fails it and is built again."""
    return zlib.crc32(data).to_bytes(_CHECK, "big")


_CHECK = 4  # bytes of the check before a kept table


def _former_files(folder: Path) -> list[Path]:
    """What earlier versions of vocab kept in the cache folder and this one never reads: tables as ``marshal``,
    and jieba's own cache of its dictionary."""
    return [*folder.glob("*.marshal"), *folder.glob("jieba.cache")]


def package_versions(packages: Iterable[str]) -> str:
    """The installed versions of ``packages``, joined by ``+`` (``unknown`` for one that is not installed)."""
    return "+".join(map(_version_of, packages))


@cache
def _version_of(package: str) -> str:
    """Asked once per package: each asking searches the installed packages' metadata (a build names a table's
    package a dozen times)."""
    import importlib.metadata  # 20 ms: only when a table is first needed

    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def kept_path(name: str, package: str | tuple[str, ...], derived: bool = False) -> Path:
    """Where ``kept_trie`` keeps the table ``name`` built with ``package`` (or several: each one's version counts)
    and vocab's code, if ``derived``."""
    version = package_versions((package,) if isinstance(package, str) else package)
    if derived:
        version += "-" + code_fingerprint()[:16]
    return cache_folder() / f"{name}@{version}{KEPT_SUFFIX}"


def remembered(space: str, key: str, compute: Callable[[str], str], cheap: bool = False) -> str:
    """``compute(key)``, or its answer from an earlier run.

    Answers are looked up one by one until a build has asked for a twentieth of what the space holds (a lookup
    costs about what reading twenty answers in one query does); then the rest is read whole. A small build
    reads little of a memo a large corpus filled (160,000 windows), and a large one reads it in one query.
    A forked worker reads no space whole: it lives for a round of a pool's items (``workers.ROUNDS``), and the
    answers an earlier round wrote (100,000 windows at 1,000 episodes) cost each worker 15–20 MiB for what it
    computes again (cold build: peak PSS 308–318 → 298–305 MiB; time within the machine's ±6 s noise, about 3 %
    slower on average); past the twentieth it computes what it does not hold. A ``cheap`` answer, which takes less
    to compute than to look up alone, is computed until its space is read whole (counting's windows: five new
    documents to a library's memo looked up 1,354 one by one, all in vain)."""
    answers = _answers.setdefault(space, {})
    answer = answers.get(key)
    if answer is None and space not in _read_whole:
        if space not in _asked:
            _asked[space] = -_stored_count(space) // ONE_BY_ONE_SHARE
        _asked[space] += 1
        if _asked[space] > 0:
            if not is_worker():
                answers.update({**_load(space), **answers})
            _read_whole.add(space)
            answer = answers.get(key)
        elif not cheap:
            answer = _load_one(space, key)
            if answer is not None:
                answers[key] = answer
    if answer is None:
        answer = answers[key] = compute(key)
        _pending.append((space, key, answer))
    return answer


def answers_while(compute: Callable[[], T]) -> tuple[T, list[tuple[str, str, str]]]:
    """``compute()``, and the answers it added, taken out of this process's memo: what a forked worker sends back
    for the process that started it to write (``keep_answers``), as a worker ends without writing. Counting asks
    for each window's answer once per build (it keeps its own verdicts), so holding them here too only cost memory
    (hundreds of MiB per worker for 10,000 episodes)."""
    start = len(_pending)
    result = compute()
    added = _pending[start:]
    del _pending[start:]
    for space, key, _ in added:
        _answers.get(space, {}).pop(key, None)
    return result, added


def keep_answers(answers: list[tuple[str, str, str]]) -> None:
    """Answers another process computed (``answers_while``), written with this process's: every ``WRITE_EVERY``,
    so that a library's millions do not wait in memory. Asked for again, one is read from the memo once written, or
    computed again."""
    _pending.extend(answers)
    if len(_pending) >= WRITE_EVERY:
        flush()


# Held until written, 100,000 answers were 15 MiB of a cold build's largest moment (its last round of counting, 1,000
# episodes: peak PSS 305 MiB, against 288 and 291 with 20,000); five writes instead of one: no time difference that
# this machine's noise lets show.
WRITE_EVERY = 20_000


ONE_BY_ONE_SHARE = 20
_asked: dict[str, int] = {}  # per space, lookups one by one still to go before it is read whole (counting up)
_read_whole: set[str] = set()
_reader: list[tuple[tuple[int, str | None], sqlite3.Connection]] = []  # this process's, for the memo file it reads


def _stored_count(space: str) -> int:
    import sqlite3

    try:
        return int(_read_connection().execute("SELECT count(*) FROM memo WHERE space = ?", (_stored_space(space),))
                   .fetchall()[0][0])  # fmt: skip
    except (sqlite3.Error, OSError):
        return 0


def _close_reader() -> None:
    if _reader:
        _reader.pop()[1].close()


def _load_one(space: str, key: str) -> str | None:
    import sqlite3

    try:  # fetchall: a statement left open would keep a read lock, and the write at exit would wait on it
        rows = _read_connection().execute(
            "SELECT answer FROM memo WHERE space = ? AND key = ?", (_stored_space(space), key)
        ).fetchall()
    except (sqlite3.Error, OSError):
        return None
    return str(rows[0][0]) if rows else None


def _read_connection() -> sqlite3.Connection:
    """A connection kept open for lookups one by one: opened again in a forked process (SQLite's connections
    must not cross a fork) or for another cache folder (``$VOCAB_CACHE`` changed: the folder's path is not made
    for each of a build's thousands of lookups)."""
    owner = (os.getpid(), os.environ.get("VOCAB_CACHE"))
    if not _reader or _reader[0][0] != owner:
        _reader[:] = [(owner, _connect())]
    return _reader[0][1]


def flush() -> None:
    """Write the answers computed since the last flush (at exit; a write that fails only costs time), and forget
    those of other versions of vocab's code: no space of theirs is read again."""
    if not _pending:
        return
    import sqlite3

    rows, _pending[:] = [(_stored_space(space), key, answer) for space, key, answer in _pending], []
    _close_reader()  # its read lock would keep the write waiting
    with contextlib.suppress(sqlite3.Error, OSError), contextlib.closing(_connect()) as db, db:
        db.executemany("INSERT OR REPLACE INTO memo (space, key, answer) VALUES (?, ?, ?)", rows)
        delete_outside(db, "memo", "space", _stored_space(""))


atexit.register(flush)


def clear() -> None:
    """Forget every answer and every kept table, here and on disk (the tables are made again when needed)."""
    _answers.clear()
    _pending.clear()
    _asked.clear()
    _read_whole.clear()
    _close_reader()
    for path in files_in(cache_folder()):
        path.unlink(missing_ok=True)


def files_in(folder: Path) -> list[Path]:
    """The files of the memo's in ``folder``: its answers, its kept tables, and what earlier versions kept there."""
    return [folder / MEMO_FILE, *folder.glob(f"*{KEPT_SUFFIX}"), *_former_files(folder)]


def _load(space: str) -> dict[str, str]:
    import sqlite3

    try:
        with contextlib.closing(_connect()) as db:
            rows = db.execute("SELECT key, answer FROM memo WHERE space = ?", (_stored_space(space),)).fetchall()
        return {str(key): str(answer) for key, answer in rows}
    except (sqlite3.Error, OSError):
        return {}


def _connect() -> sqlite3.Connection:
    import sqlite3

    path = cache_folder() / MEMO_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    try:
        db.execute("CREATE TABLE IF NOT EXISTS memo (space TEXT, key TEXT, answer TEXT, PRIMARY KEY (space, key))")
    except sqlite3.DatabaseError:  # not a database: start again
        db.close()
        path.unlink()
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE IF NOT EXISTS memo (space TEXT, key TEXT, answer TEXT, PRIMARY KEY (space, key))")
    db.execute(NO_SYNC)
    return db


# A cache is written without waiting for the disk (a build's answers into a library's memo: 37 → 15 ms). A process
# stopped mid-write is still undone by SQLite's journal; only the machine failing mid-write can damage the file, and
# a damaged cache is read as none and written again, as ever.
NO_SYNC = "PRAGMA synchronous = OFF"


def _stored_space(space: str) -> str:
    """``space`` as stored: under the generation of vocab's code, first, so that one range holds a generation."""
    return f"{code_fingerprint()[:16]}:{space}"


def delete_outside(db: Any, table: str, column: str, prefix: str) -> None:
    """Delete the rows of ``table`` whose ``column`` does not start with ``prefix`` (which ends in `:`): two range
    deletes by the primary key, which cost nothing when there are none (a scan of 200,000 keys took 0.2 s)."""
    db.execute(f"DELETE FROM {table} WHERE {column} < ?", (prefix,))
    db.execute(f"DELETE FROM {table} WHERE {column} >= ?", (prefix[:-1] + ";",))
