"""A build with nothing changed writes nothing: what the last build read and wrote, remembered in the cache.

`vocab build` over a thousand episodes that did not change would read every cached document, count every
mention and render every glossary and note again, to write the files that are already there. Instead its
inputs are fingerprinted — vocab's code, the options, the learner's curation, and every document's bytes
(hashed, not read as text) — and when the last build with that fingerprint wrote files that are still there,
byte for byte, the build only says so. Anything else (an edited, added, renamed or removed document, another
option, a mark, an edit, a touched output) makes a full build.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cache import DocumentCache
from ..errors import SourceError
from ..fileio import document_bytes
from ..learner.curation import Curation

_SPACE = "build:"


@dataclass(frozen=True, slots=True)
class BuildRecord:
    """What a build found and wrote: its summary's figures and its files with their digests."""

    documents: int
    glosses: int
    terms: int
    written: tuple[str, ...]  # in the order the summary lists them
    digests: dict[str, str]  # every file the build wrote or keeps beside them (the deck's sidecar, the term list)
    watched: dict[str, str]  # files it read besides the documents (media a front matter names): size and time
    warnings: tuple[str, ...]  # what it read around (an empty file skipped): said again by a rebuild that reads nothing


def build_fingerprint(
    files: Sequence[Path], cache: DocumentCache, input_format: str | None, disabled: frozenset[str],
    curation: Curation, options: dict[str, Any],
) -> str | None:  # fmt: skip
    """The digest of everything a build's output depends on; None when a document cannot be read (its error
    is reported by the full build)."""
    digest = hashlib.sha256(json.dumps(options, sort_keys=True, default=str).encode())
    digest.update(_curation_digest(curation).encode())
    for path in files:
        try:
            raw = document_bytes(path)
        except SourceError:
            return None
        digest.update(f"\0{path}\0{cache.key(raw, input_format, disabled)}".encode())
    return digest.hexdigest()


def unchanged_build(cache: DocumentCache, fingerprint: str) -> BuildRecord | None:
    """The record of the last build with ``fingerprint`` when every file it wrote is still as it wrote it."""
    stored = cache.get_value(_SPACE + fingerprint)
    try:
        documents, glosses, terms, written, digests, watched, warnings = stored
        record = BuildRecord(
            documents, glosses, terms, tuple(written), dict(digests), dict(watched), tuple(map(str, warnings))
        )
    except (TypeError, ValueError, IndexError):
        return None
    if not record.digests or any(_digest(Path(path)) != digest for path, digest in record.digests.items()):
        return None
    if any(_state(Path(path)) != state for path, state in record.watched.items()):
        return None
    return record


def remember_build(
    cache: DocumentCache, fingerprint: str, counts: tuple[int, int, int], written: Sequence[Path],
    kept: Sequence[Path], watched: Sequence[Path] = (), warnings: Sequence[str] = (),
) -> None:  # fmt: skip
    """Store what this build wrote (``written``, and the files ``kept`` beside them that a rebuild also reads),
    the state of the files it read besides its documents (``watched``: a named media file may appear later) and
    the ``warnings`` it gave."""
    digests = {str(path): _digest(path) for path in (*written, *kept)}
    states = {str(path): _state(path) for path in watched}
    if None not in digests.values():
        cache.put_value(_SPACE + fingerprint, [*counts, [str(p) for p in written], digests, states, list(warnings)])


def _state(path: Path) -> str:
    try:
        status = path.stat()
    except OSError:
        return "missing"
    return f"{status.st_size}:{status.st_mtime_ns}"


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _curation_digest(curation: Curation) -> str:
    """The learner's marks and edits, in an order that does not depend on set iteration."""
    plain = [
        sorted(curation.known.en), sorted(curation.known.zh), sorted(curation.ignored.en), sorted(curation.ignored.zh),
        sorted((key, repr(edit)) for key, edit in curation.edits.items()),
    ]  # fmt: skip
    return hashlib.sha256(json.dumps(plain, ensure_ascii=False).encode()).hexdigest()
