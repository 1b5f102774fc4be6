"""Timestamped bilingual transcripts: a cue header, the English line, the same header, the Chinese.

The layout, as podcast-transcript sites export it::

    Speaker 100:00 - 00:28          speaker 1 from 00:00 to 00:28 (the number is glued to the time)
    Oriol Vinyals is the co lead…
    Speaker 100:00 - 00:28
    Oriol Vinyals 与 … deep learning(深度学习)…

A page header above the first cue carries the show, the date and the episode title; the source
link comes last (``原文 ↗https://…``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Hashable, Sequence

from ..errors import SourceError
from ..models import Lang, Metadata, Segment, SegmentKind
from ..text import HAN_RE, dominant_lang
from ._build import SegmentList, warn

# A line that is meant to be a cue header: a short label, digits, a dash, a time. It is parsed
# strictly afterwards, so a typo in a time is an error rather than a line of text.
_HEADER_LIKE = re.compile(
    r"""^(?P<head>[^\W\d_][^\d\n]{0,30}?\s*\d[\d ]*?)   # label and glued speaker digits
        (?P<start>[\d:.]*)\s*[-–—~]\s*                 # start time, dash
        (?P<end>\d[\d:.]*)\s*$                         # end time
    """,
    re.VERBOSE,
)
_MAX_HEADER = 80  # characters; a longer line is text, and the header pattern never scans it


def _header_match(line: str) -> re.Match[str] | None:
    return _HEADER_LIKE.match(line) if len(line) <= _MAX_HEADER else None


_HEAD = re.compile(r"^(?P<label>.*?)\s*(?P<num>\d+)?\s*$", re.DOTALL)
_TIME = re.compile(r"^(?:(\d{1,2}):)?(\d{1,3}):(\d{2})(?:[.,](\d{1,3}))?$")

# `🎙 播客Unsupervised Learning· 2026 年 5 月 22 日· 11,291 词`
_SHOW_LINE = re.compile(r"(?:播客|Podcast:?)\s*(?P<show>[^·•|\n]+?)\s*[·•|]")
_ZH_DATE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_ISO_DATE = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_EPISODE_TITLE = re.compile(r"^(?:Ep(?:isode)?\.?\s*\d+|#\d+|第\s*\d+\s*[期集])", re.IGNORECASE)
_URL = re.compile(r"https?://\S+")


def detect(lines: list[str]) -> bool:
    """Cue headers make up a fifth or more of the lines (each cue has a line or two of text)."""
    text_lines = [line.strip() for line in lines if line.strip()]
    headers = sum(1 for line in text_lines if _header_match(line))
    return headers >= 2 and headers >= 0.2 * len(text_lines)


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    """Read cue headers and their text; pair each English cue with the Chinese cue under the same header."""
    segments = SegmentList()
    first_cue = next((i for i, line in enumerate(lines) if _header_match(line.strip())), None)
    if first_cue is None:
        raise SourceError(path, "no cue header like `Speaker 100:00 - 00:28` found", line=1)
    label = _HEAD.match(_header_match(lines[first_cue].strip())["head"])["label"]  # type: ignore[index]
    # A header with a typo before the first good one (`Speaker 1-00:05 - 00:10`) opens the cues already: its
    # cue is skipped with a warning, not read as the page header.
    first_cue = next((i for i in range(first_cue) if label and _is_header(lines[i].strip(), label)), first_cue)
    cues: list[tuple[tuple[str | None, float, float], int]] = []  # (header key, segment index)
    header: tuple[str | None, float, float] | None = None
    body: list[tuple[int, str]] = []

    def flush() -> None:
        if header is not None and body:
            text = "\n".join(t for _, t in body)
            index = segments.add(body[0][0], text, speaker=header[0], start=header[1], end=header[2])
            cues.append((header, index))
        body.clear()

    last = _last_cue_text_line(lines, first_cue)
    _add_meta_lines(segments, lines, 0, first_cue)
    for i in range(first_cue, last + 1):
        number, line = i + 1, lines[i].strip()
        if _is_header(line, label):
            flush()
            try:
                header = _parse_header(line, path, number)
            except SourceError as error:  # one bad header loses its cue, not the document
                warn(SourceError(error.path, f"{error.message}: cue skipped", error.line))
                header = None
        elif line:
            body.append((number, line))
    flush()
    _add_meta_lines(segments, lines, last + 1, len(lines))
    pair_cues(segments, cues)
    metadata = dataclasses.replace(page_metadata(lines[:first_cue], lines[last + 1 :]), body_line=first_cue + 1)
    return metadata, segments.build()


def _add_meta_lines(segments: SegmentList, lines: list[str], start: int, stop: int) -> None:
    """The page header and footer: show, title and source link lines, kept as META segments."""
    for i in range(start, stop):
        if lines[i].strip():
            segments.add(i + 1, lines[i].strip(), kind=SegmentKind.META)


def _is_header(line: str, label: str) -> bool:
    """A cue header, or a line shaped like one (label, digits, a dash, one more token) with a typo."""
    meant = (
        bool(label)
        and len(line) <= _MAX_HEADER
        and re.match(rf"{re.escape(label)}\s*\d\S*(\s+\S+)?\s*[-–—~]\s*\S+$", line)
    )
    return bool(_header_match(line) or meant)


def _last_cue_text_line(lines: list[str], first_cue: int) -> int:
    """The last line of the last cue: the footer starts at the first link after the last header.

    004 ends with ``原文 ↗https://…`` and a site footer line, glued to the last cue's text.
    """
    last_header = max(i for i, line in enumerate(lines) if _header_match(line.strip()))
    link = next((i for i in range(last_header + 1, len(lines)) if _URL.search(lines[i])), len(lines))
    return link - 1


def _parse_header(line: str, path: str, number: int) -> tuple[str | None, float, float]:
    """``Speaker 257:09 - 57:37`` → ("Speaker 2", 3429.0, 3457.0).

    The speaker number is glued to the start time, so the digits are split where the start
    time takes the same shape as the end time and does not come after it.
    """
    match = _header_match(line)
    if not match:
        raise SourceError(path, f"malformed cue header {line!r}", line=number)
    head = _HEAD.match(match["head"])
    assert head is not None
    label, digits = head["label"].strip(), (head["num"] or "") + match["start"]
    end_text = match["end"]
    end = _seconds(end_text, path, number)
    # `Speaker 1 1:02:03` spells the split out with a space; otherwise try every cut.
    spaced = match["head"][-1].isspace() and head["num"]
    cuts = [len(head["num"])] if spaced else range(len(digits))
    candidates = []
    for cut in cuts:
        speaker, start_text = digits[:cut], digits[cut:]
        if not _TIME.match(start_text):
            continue
        start = _seconds(start_text, path, number)
        same_shape = _shape(start_text) == _shape(end_text)
        candidates.append(((start > end, not same_shape, cut == 0, cut), speaker, start))
    if not candidates:
        raise SourceError(path, f"malformed cue header {line!r}: no start time", line=number)
    rank, speaker, start = min(candidates)
    if rank[0]:
        raise SourceError(path, f"cue ends before it starts in {line!r}", line=number)
    name = " ".join(part for part in (label, speaker) if part) or None
    return name, start, end


def _shape(time: str) -> tuple[int, ...]:
    """The width of each field: ``00:28`` → (2, 2), ``1:02:03`` → (1, 2, 2)."""
    return tuple(len(part) for part in re.split(r"[:.,]", time))


def _seconds(time: str, path: str, number: int) -> float:
    """``1:02:03`` → 3723.0; seconds and, past the hour, minutes must be below 60."""
    match = _TIME.match(time)
    if not match:
        raise SourceError(path, f"malformed time {time!r} in cue header", line=number)
    hours, minutes, seconds, fraction = match.groups()
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        raise SourceError(path, f"impossible time {time!r} in cue header (minutes and seconds stop at 59)", line=number)
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (int(fraction) / 10 ** len(fraction) if fraction else 0.0)


def pair_cues(segments: SegmentList, cues: Sequence[tuple[Hashable, int]]) -> None:
    """Align neighbouring cues under the same header (``cues``: header, segment) when one is English and the
    other Chinese."""
    i = 0
    while i + 1 < len(cues):
        (key_a, a), (key_b, b) = cues[i], cues[i + 1]
        if key_a == key_b and _one_of_each(segments[a].text, segments[b].text):
            segments.align(a, b)
            i += 2
        else:
            i += 1


def _one_of_each(a: str, b: str) -> bool:
    """One text is English and the other Chinese: by their main language, or, where a short Chinese turn keeps a
    long English term (`那逆温层（temperature inversion）呢？`), by which of them has Chinese at all."""
    if {dominant_lang(a), dominant_lang(b)} == {Lang.EN, Lang.ZH}:
        return True
    return (HAN_RE.search(a) is None) != (HAN_RE.search(b) is None)


def page_metadata(header: list[str], footer: list[str]) -> Metadata:
    """Show, date and episode title from the page header; the source link from the footer."""
    lines = [line.strip() for line in header if line.strip()]
    show = date = None
    for line in lines:
        if show is None and (match := _SHOW_LINE.search(line)):
            show = match["show"].strip()
        if date is None and (match := _ZH_DATE.search(line) or _ISO_DATE.search(line)):
            date = f"{int(match['y']):04d}-{int(match['m']):02d}-{int(match['d']):02d}"
    titled = [line for line in lines if _EPISODE_TITLE.match(line)]
    others = [line for line in lines if not _SHOW_LINE.search(line) and not _URL.search(line)]
    title = titled[0] if titled else max(others, key=len, default=None)
    urls = [m.group(0) for line in footer + header for m in _URL.finditer(line)]
    return Metadata(title=title, date=date, source_url=urls[0] if urls else None, show=show)
