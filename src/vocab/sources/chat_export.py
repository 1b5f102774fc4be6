"""A Telegram chat exported as JSON (Telegram Desktop's "Machine-readable JSON", `result.json`): each message its
sender's, on the lines of the file its text stands on — a formatted message's pieces (`{"type": "bold", "text":
"注意力"}`) each on its own, read as Markdown's (`**注意力**`, which bounds a term). Service messages (a member joined)
are no text; the chat's name is the title, its first message's day the date.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from ..errors import SourceError
from ..models import Metadata, Segment
from ._build import SegmentList

_DECODER = json.JSONDecoder()
_MESSAGES = re.compile(r'"messages"\s*:\s*\[')
_TEXT = re.compile(r'"text"\s*:\s*')
_MARKS = {"bold": "**", "italic": "*", "code": "`", "pre": "`"}


def detect(lines: list[str]) -> bool:
    """JSON with a list of messages, each with a type and a text."""
    head = next((line.lstrip("\ufeff").lstrip() for line in lines if line.strip()), "")
    return head.startswith("{") and _messages("\n".join(lines)) is not None


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    text = "\n".join(lines).lstrip("\ufeff")
    chat = _messages(text)
    if chat is None:
        raise SourceError(path, "no chat export: JSON with no `messages`", line=1)
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    segments = SegmentList()
    found = _MESSAGES.search(text)
    at = found.end() if found else 0
    day = None
    for _ in chat["messages"]:
        while at < len(text) and text[at] in " \t\r\n,":
            at += 1
        if at >= len(text) or text[at] != "{":
            break
        message, end = _DECODER.raw_decode(text, at)
        said = _TEXT.search(text, at, end)
        if isinstance(message, dict) and message.get("type") == "message" and said:
            sender = message.get("from") if isinstance(message.get("from"), str) else None
            for line, written in _runs(_pieces(text, said.end()), starts):
                segments.add(line, written, speaker=sender)
                day = day or str(message.get("date", ""))[:10] or None
        at = end
    name = chat.get("name") if isinstance(chat.get("name"), str) else None
    return Metadata(title=name, date=day), segments.build()


def _messages(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list) or not data["messages"]:
        return None
    typed = [m for m in data["messages"] if isinstance(m, dict) and "type" in m and ("text" in m or "action" in m)]
    return data if len(typed) * 2 >= len(data["messages"]) else None


def _runs(pieces: list[tuple[int, str]], starts: list[int]) -> list[tuple[int, str]]:
    """A message's pieces as texts on the lines of the file they stand on (its line breaks, escaped on one line of the
    file, as spaces); a piece that opens with a bracket goes on the one before (`**残差连接**` then `（residual
    connection）`: one gloss)."""
    runs: list[tuple[int, str]] = []
    for at, piece in pieces:
        piece = " ".join(piece.split("\n"))
        if runs and piece.lstrip()[:1] in ("（", "("):
            runs[-1] = (runs[-1][0], runs[-1][1] + piece)
        elif piece.strip():
            runs.append((bisect.bisect_right(starts, at), piece))  # the 1-based line the piece is on
    return [(line, written.strip()) for line, written in runs if written.strip()]


def _pieces(text: str, at: int) -> list[tuple[int, str]]:
    """A message's text at ``at`` — a string, or a list of strings and formatted pieces — as (offset, Markdown)."""
    value, end = _DECODER.raw_decode(text, at)
    if isinstance(value, str):
        return [(at, value)]
    pieces: list[tuple[int, str]] = []
    at += 1  # past `[`
    while at < end:
        while text[at] in " \t\r\n,":
            at += 1
        if text[at] == "]":
            break
        item, after = _DECODER.raw_decode(text, at)
        if isinstance(item, str):
            pieces.append((at, item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            inner = _TEXT.search(text, at, after)
            mark = _MARKS.get(str(item.get("type")), "")
            pieces.append((inner.end() if inner else at, f"{mark}{item['text']}{mark}"))
        at = after
    return pieces or [(at, "")]
