"""How vocab compresses what it keeps (cache entries, packed segments): zstd at its fastest level, with a checksum.

It packs as small as zlib's fastest level, three times faster, and unpacks three to four times faster: an edited
rebuild of a 1,000-episode library unpacks about 100 MB of entries, which took zlib a third of a second.
"""

from __future__ import annotations

import os
from typing import Any

_contexts: dict[int, tuple[Any, Any]] = {}  # by process: a zstd context must not be shared across a fork


def _context() -> tuple[Any, Any]:
    pid = os.getpid()
    if pid not in _contexts:
        import zstandard

        _contexts.clear()
        _contexts[pid] = (zstandard.ZstdCompressor(level=1, write_checksum=True), zstandard.ZstdDecompressor())
    return _contexts[pid]


def pack(data: bytes) -> bytes:
    return _context()[0].compress(data)  # type: ignore[no-any-return]


def unpack(data: bytes) -> bytes:
    """``data`` as ``pack`` was given it; ValueError where it is damaged (its checksum, or not zstd at all)."""
    import zstandard

    try:
        return _context()[1].decompress(data)  # type: ignore[no-any-return]
    except zstandard.ZstdError as error:
        raise ValueError(f"damaged packed data: {error}") from None
