"""Answers that cost a library load to compute and never change for one input and one vocab: the pinyin of a
Chinese form, wordfreq's Zipf of a form. They are kept in the cache folder, so a rebuild of terms it has seen
loads neither pypinyin nor wordfreq.

A space of answers is read whole on its first use and new answers are written when the process ends. The
space's name carries a hash of vocab's own code and data, so a new rule never meets an old answer. An
unreadable memo is an empty one: every answer can be computed again.
"""

from __future__ import annotations

import atexit
import contextlib
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

MEMO_FILE = "memo.sqlite"

_answers: dict[str, dict[str, str]] = {}
_pending: list[tuple[str, str, str]] = []


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


def kept_table(name: str, package: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """A table a library takes long to build (CC-CEDICT parsed, jieba's word tags), kept as ``marshal`` in the
    cache folder and read back in a fraction of the time. The file is named after ``package``'s version and
    Python's (marshal's format is Python's), so an update of either builds it again; so does a damaged file, and
    a cache folder that cannot be written only costs the time."""
    import marshal

    from .errors import VocabError
    from .fileio import atomic_write

    path = kept_path(name, package)
    try:
        table = marshal.loads(path.read_bytes())
        if isinstance(table, dict) and table:
            return table
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not there yet, or damaged: built again
    table = build()
    with contextlib.suppress(OSError, VocabError):
        atomic_write(path, marshal.dumps(table))
    return table


def kept_path(name: str, package: str) -> Path:
    """Where ``kept_table`` keeps the table ``name`` built with ``package``."""
    import importlib.metadata  # 20 ms: only when a table is first needed
    import sys

    try:
        version = importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    return cache_folder() / f"{name}-{version}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"


def remembered(space: str, key: str, compute: Callable[[str], str]) -> str:
    """``compute(key)``, or its answer from an earlier run."""
    answers = _answers.get(space)
    if answers is None:
        answers = _answers[space] = _load(space)
    answer = answers.get(key)
    if answer is None:
        answer = answers[key] = compute(key)
        _pending.append((_stored_space(space), key, answer))
    return answer


def flush() -> None:
    """Write the answers computed since the last flush (at exit; a write that fails only costs time), and forget
    those of other versions of vocab's code: no space of theirs is read again."""
    if not _pending:
        return
    import sqlite3

    rows, _pending[:] = list(_pending), []
    with contextlib.suppress(sqlite3.Error, OSError), contextlib.closing(_connect()) as db, db:
        db.executemany("INSERT OR REPLACE INTO memo (space, key, answer) VALUES (?, ?, ?)", rows)
        db.execute("DELETE FROM memo WHERE substr(space, -17) != ?", (":" + code_fingerprint()[:16],))


atexit.register(flush)


def clear() -> None:
    """Forget every answer, here and on disk."""
    _answers.clear()
    _pending.clear()
    with contextlib.suppress(FileNotFoundError):
        (cache_folder() / MEMO_FILE).unlink()


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
    return db


def _stored_space(space: str) -> str:
    return f"{space}:{code_fingerprint()[:16]}"
