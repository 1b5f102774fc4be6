"""A small builder the readers share, so every reader numbers and aligns segments the same way."""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Iterator
from contextvars import ContextVar

from ..errors import SourceError
from ..models import Lang, Segment, SegmentKind
from ..text import classify_lang

# URLs and Markdown link targets say nothing about a line's language.
_NOT_LANGUAGE = re.compile(r"\]\([^()\s]*\)|https?://\S+|www\.\S+")


_warnings: ContextVar[list[str] | None] = ContextVar("reader_warnings", default=None)


def warn(error: SourceError) -> None:
    """A part of the document a reader had to skip or guess at (one bad cue): said, and the rest read."""
    collected = _warnings.get()
    if collected is None:
        raise error  # no one collects warnings here: the document fails, as it used to
    collected.append(str(error))


@contextlib.contextmanager
def collecting_warnings() -> Iterator[list[str]]:
    """The warnings readers give inside the block."""
    collected: list[str] = []
    token = _warnings.set(collected)
    try:
        yield collected
    finally:
        _warnings.reset(token)


def lang_of(text: str) -> Lang:
    """The language of ``text`` once URLs and link targets are set aside."""
    return classify_lang(_NOT_LANGUAGE.sub(" ", text))


class SegmentList:
    """Collects segments in file order and links translations both ways."""

    def __init__(self) -> None:
        self._items: list[Segment] = []

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: int) -> Segment:
        return self._items[index]

    def add(
        self,
        line: int,
        text: str,
        *,
        kind: SegmentKind = SegmentKind.BODY,
        speaker: str | None = None,
        start: float | None = None,
        end: float | None = None,
        field: str | None = None,
        lang: Lang | None = None,
    ) -> int:
        """Append a segment starting at raw ``line``; return its index."""
        index = len(self._items)
        self._items.append(
            Segment(
                index=index,
                line=line,
                end_line=line + text.count("\n"),
                text=text,
                lang=lang_of(text) if lang is None else lang,
                kind=kind,
                speaker=speaker,
                start=start,
                end=end,
                field=field,
            )
        )
        return index

    def align(self, a: int, b: int) -> None:
        """Mark segments ``a`` and ``b`` as translations of each other."""
        self._items[a] = dataclasses.replace(self._items[a], aligned=b)
        self._items[b] = dataclasses.replace(self._items[b], aligned=a)

    def build(self) -> tuple[Segment, ...]:
        return tuple(self._items)
