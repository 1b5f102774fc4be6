"""Subtitles kept as JSON: Bilibili's closed captions (``{"body": [{"from": 1.2, "to": 3.4, "content": "…"}]}``),
Whisper's transcripts (``{"segments": [{"start": …, "end": …, "text": …, "speaker": …}]}``), YouTube's ``json3``
(``{"events": [{"tStartMs": …, "dDurationMs": …, "segs": [{"utf8": …}]}]}``), or a bare list of such cues.

Each cue is read as an SRT cue is: its lines (``\\n`` inside the text) in each language a segment, the English and the
Chinese aligned. A cue's line is the line of the file its text stands on, so a pretty-printed file gives each cue
its own line and a one-line file gives them all line 1.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, NamedTuple

from ..errors import EmptyDocument, SourceError
from ..models import Metadata, Segment
from ..text import lang_outside_brackets
from ._build import SegmentList, file_head, json_refusal, opens_json
from .subtitles import add_cue


class _Shape(NamedTuple):
    cues: str | None  # the key of the list of cues (None: the file is the list)
    start: str
    end: str  # the end, or with ``duration`` the length
    text: str
    scale: float = 1.0  # to seconds
    duration: bool = False


_SHAPES = (
    _Shape("body", "from", "to", "content"),  # Bilibili
    _Shape("segments", "start", "end", "text"),  # Whisper, WhisperX
    _Shape("events", "tStartMs", "dDurationMs", "segs", 0.001, duration=True),  # YouTube json3
    _Shape(None, "from", "to", "content"),
    _Shape(None, "start", "end", "text"),
)


_CUE_KEYS = re.compile(r'"(?:content|segments|tStartMs|start|messages|ts)"\s*:')  # cues, or a chat's messages


def may_hold_cues(path: str | os.PathLike[str]) -> bool:
    """A walk's look at a ``.json`` file: its first bytes could open a file of cues (or a chat's messages). A podcast's
    feed, a video's ``.info.json``, a ``package.json`` beside the episodes are no documents."""
    head = file_head(path, _PEEK)
    if head is None:
        return True  # the reader says what is wrong with it
    head = head.lstrip("\ufeff \t\r\n")
    return head.startswith(("{", "[")) and _CUE_KEYS.search(head) is not None


_PEEK = 65536


def detect(lines: list[str]) -> bool:
    """A JSON document whose cues carry times and text."""
    return opens_json(lines) and _parsed("\n".join(lines)) is not None


def refusal(lines: list[str], path: str) -> SourceError:
    """Why the text is no JSON subtitles (nor a chat export), naming the line where its JSON breaks."""
    lacking = "subtitle cues (Bilibili's `body`, Whisper's `segments`, json3 `events`) nor a chat's `messages`"
    if "".join(lines).strip(" \t\r\ufeff") in ("[]", "{}"):  # a Slack day nobody spoke on, a transcript not made
        return EmptyDocument(path, "a JSON file with nothing in it")
    return json_refusal(lines, path, "no subtitles", lacking)


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    text = "\n".join(lines).lstrip("\ufeff")
    parsed = _parsed(text)
    if parsed is None:
        raise refusal(lines, path)
    shape, cues = parsed
    segments, at = SegmentList(), 0
    if shape.cues is not None:
        key = re.compile(rf'"{re.escape(shape.cues)}"\s*:\s*\[')
        at = match.end() if (match := key.search(text)) else 0
    text_key = re.compile(rf'"{re.escape(shape.text)}"\s*:')
    for cue in cues:
        found = text_key.search(text, at)
        if found:
            at = found.end()
        line = text.count("\n", 0, found.start()) + 1 if found else 1
        start = float(cue[shape.start]) * shape.scale
        end = float(cue[shape.end]) * shape.scale + (start if shape.duration else 0.0)
        pieces = _joined_by_language(_cue_text(cue[shape.text]).split("\n"))
        if pieces:
            speaker = cue.get("speaker") if isinstance(cue.get("speaker"), str) else None
            times = (round(start, 3), round(end, 3))
            add_cue(segments, [(line, piece) for piece in pieces], times, (speaker, frozenset()))
    return Metadata(), segments.build()


def _parsed(text: str) -> tuple[_Shape, list[dict[str, Any]]] | None:
    """The shape the JSON's cues take and the cues (each a mapping with its times and text), or None."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except ValueError:
        return None
    for shape in _SHAPES:
        listed = data.get(shape.cues) if shape.cues and isinstance(data, dict) else data if shape.cues is None else None
        if not isinstance(listed, list):
            continue
        cues = [cue for cue in listed if _is_cue(cue, shape)]
        if cues and len(cues) * 2 >= len(listed):  # json3 mixes in events that only place a window
            return shape, cues
    return None


def _is_cue(cue: object, shape: _Shape) -> bool:
    if not isinstance(cue, dict):
        return False
    times = [cue.get(shape.start), cue.get(shape.end)]
    timed = all(isinstance(time, int | float) and not isinstance(time, bool) for time in times)
    return timed and isinstance(cue.get(shape.text), str | list)


def _cue_text(value: str | list[Any]) -> str:
    """A cue's text; json3 gives it in pieces (``[{"utf8": "中文"}, {"utf8": "\\n"}]``)."""
    if isinstance(value, str):
        return value
    return "".join(piece.get("utf8", "") for piece in value if isinstance(piece, dict))


def _joined_by_language(lines: list[str]) -> list[str]:
    """The cue's lines, those in one language after another joined: one line of the file holds them all, so a
    segment's text must have no line break (a gloss's line is counted in them)."""
    joined: list[str] = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if joined and lang_outside_brackets(joined[-1]) is lang_outside_brackets(line):
            glue = " " if joined[-1][-1].isascii() and line[0].isascii() else ""  # Chinese runs on without a space
            joined[-1] += glue + line
        else:
            joined.append(line)
    return joined
