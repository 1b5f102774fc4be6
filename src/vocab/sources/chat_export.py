"""A Telegram chat exported as JSON (Telegram Desktop's "Machine-readable JSON", `result.json`): each message's
sentences its sender's, each on the line of the file where it starts — a formatted message's pieces (`{"type": "bold",
"text": "注意力"}`) stand on lines of their own, read as Markdown's (`**注意力**`, which bounds a term). Service
messages (a member joined) are no text; the chat's name is the title, its first message's day the date.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
from typing import Any

from ..errors import EmptyDocument, SourceError
from ..models import Metadata, Segment
from ._build import SegmentList, opens_json

_DECODER = json.JSONDecoder()
_MESSAGES = re.compile(r'"messages"\s*:\s*\[')
_TEXT = re.compile(r'"text"\s*:\s*')
_MARKS = {"bold": "**", "italic": "*", "code": "`", "pre": "`"}


def detect(lines: list[str]) -> bool:
    """JSON with a list of messages, each with a type and a text."""
    return opens_json(lines, "{") and _messages("\n".join(lines)) is not None


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
    if not len(segments):  # photos and members joining only: nothing to read, nothing lost by leaving it out
        raise EmptyDocument(path, "a chat export with no text in its messages")
    name = chat.get("name") if isinstance(chat.get("name"), str) else None
    return Metadata(title=name, date=day), segments.build()


def _messages(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        return None
    if not data["messages"]:
        return data  # a chat with no messages yet: a chat all the same
    typed = [m for m in data["messages"] if isinstance(m, dict) and "type" in m and ("text" in m or "action" in m)]
    return data if len(typed) * 2 >= len(data["messages"]) else None


def _runs(pieces: list[tuple[int, str]], starts: list[int]) -> list[tuple[int, str]]:
    """A message's sentences, each on the line of the file where it starts, a formatted message's pieces standing on
    lines of their own: a sentence runs across them (a bold term and the bracket after it are one gloss), but a piece
    that holds a whole gloss (`**exit pupil（出瞳直径）**`) starts its own text, on its own line. Line breaks, escaped
    on one line of the file, end sentences."""
    text, lines, cuts = "", [], set()  # the message's text, each character's line in the file, where texts start
    for at, piece in pieces:
        if _WHOLE_GLOSS.search(piece):
            cuts.add(len(text))
        text += piece
        lines += [bisect.bisect_right(starts, at)] * len(piece)  # the 1-based line the piece is on
    cuts.update(m.end() for m in _SENTENCE_END.finditer(text))
    runs = []
    for begin, end in itertools.pairwise(sorted({0, *cuts, len(text)})):
        sentence = text[begin:end]
        if sentence.strip():
            lead = len(sentence) - len(sentence.lstrip())
            runs.append((lines[begin + lead], " ".join(sentence.split("\n")).strip()))
    return runs


_WHOLE_GLOSS = re.compile(r"[\u3400-\u9fffA-Za-z][（(][^（）()]*[\u3400-\u9fffA-Za-z][^（）()]*[）)]")
_SENTENCE_END = re.compile(r"[。！？!?]+[”」』）)]*|\n+")


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
