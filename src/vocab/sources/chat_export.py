"""Chats exported as JSON: each message's sentences its sender's, each on the line of the file where it starts.

Telegram Desktop's "Machine-readable JSON" (`result.json`): a formatted message's pieces (`{"type": "bold", "text":
"注意力"}`) stand on lines of their own, read as Markdown's (`**注意力**`, which bounds a term); service messages (a
member joined) are no text; the chat's name is the title. A Slack export's day of a channel (`general/2025-03-14.json`,
a list of messages): the `text` in Slack's own markup (`*bold*`, `_italic_`, `<https://…|label>`, `<@U123>`), its
copy in `blocks` left alone; a member joining is no text. The first message's day is the date.
"""

from __future__ import annotations

import bisect
import datetime
import html
import itertools
import json
import re
from collections.abc import Callable
from typing import Any

from ..errors import EmptyDocument, SourceError
from ..models import Metadata, Segment
from ._build import SegmentList, opens_json

_DECODER = json.JSONDecoder()
_MESSAGES = re.compile(r'"messages"\s*:\s*\[')
_TEXT = re.compile(r'"text"\s*:\s*')
_MARKS = {"bold": "**", "italic": "*", "code": "`", "pre": "`"}


def detect(lines: list[str]) -> bool:
    """JSON with a list of messages, each with a type and a text (Telegram's), a list of Slack messages, or a Discord
    channel."""
    return opens_json(lines) and _chat_of("\n".join(lines)) is not None


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    text = "\n".join(lines).lstrip("\ufeff")
    found = _chat_of(text)
    if found is None:
        raise SourceError(path, "no chat export: JSON with no `messages`", line=1)
    kind, chat = found
    if kind == "slack":
        profiled = [m for m in chat if isinstance(m, dict) and m.get("user")]
        names = {str(m["user"]): name for m in profiled if (name := _slack_name(m))}  # who a mention `<@U123>` names
        segments, day = _said(text, text.index("["), chat, "text", lambda m, at: _slack_said(m, at, names), path)
        return Metadata(title=_slack_channel(path), date=day), segments
    opened = _MESSAGES.search(text)
    array = opened.end() - 1 if opened else text.index("[")
    if kind == "discord":
        segments, day = _said(text, array, chat["messages"], "content", _discord_said, path)
        about = chat.get("channel")
        name = about.get("name") if isinstance(about, dict) else None
        return Metadata(title=f"#{name}" if isinstance(name, str) and name else None, date=day), segments
    segments, day = _said(text, array, chat["messages"], "text", lambda m, at: _telegram_said(m, text, at), path)
    name = chat.get("name") if isinstance(chat.get("name"), str) else None
    return Metadata(title=name, date=day), segments


# What a chat program gives of a message whose text stands at an offset: its sender, the text as Markdown pieces
# (offset, text), its day; None for no one's words.
_Said = tuple[str | None, list[tuple[int, str]], str | None] | None


def _said(
    text: str, array: int, messages: list[Any], key: str, said: Callable[[dict[str, Any], int], _Said], path: str
) -> tuple[tuple[Segment, ...], str | None]:
    """The messages of the JSON array opening at ``array`` (``messages``, parsed), each sentence its sender's on the
    line of the file it starts on (the string of the message's ``key``), and the first message's day; an export of no
    text (photos, members joining) is an empty document, nothing lost by leaving it out."""
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    segments = SegmentList()
    day = None
    for at, message in zip(_items(text, array), messages, strict=False):
        fields = _fields(text, at)
        given = said(message, fields[key]) if isinstance(message, dict) and key in fields else None
        if given is None:
            continue
        sender, pieces, when = given
        for line, written, breaks in _runs(pieces, starts):
            segments.add(line, written, speaker=sender, breaks=breaks)
            day = day or when
    if not len(segments):
        raise EmptyDocument(path, "a chat export with no text in its messages")
    return segments.build(), day


def _chat_of(text: str) -> tuple[str, Any] | None:
    """The chat a JSON text holds, parsed once: ("slack", its messages), ("discord", the channel) or ("telegram", the
    chat); None for other JSON."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except ValueError:
        return None
    for kind, shaped in (("slack", _slack_shaped), ("discord", _discord_shaped), ("telegram", _telegram_shaped)):
        if shaped(data):
            return kind, data
    return None


def _telegram_shaped(data: Any) -> bool:
    """Telegram's: a `messages` list, at least half of them typed with a text or an action (or none yet)."""
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        return False
    typed = [m for m in data["messages"] if isinstance(m, dict) and "type" in m and ("text" in m or "action" in m)]
    return len(typed) * 2 >= len(data["messages"])


def _telegram_said(message: dict[str, Any], text: str, at: int) -> _Said:
    if message.get("type") != "message":
        return None  # a member joined, a call: service messages
    sender = message.get("from") if isinstance(message.get("from"), str) else None
    return sender, _pieces(text, at), str(message.get("date", ""))[:10] or None


def _slack_shaped(data: Any) -> bool:
    """A Slack day: a list of objects with a `ts` and a `type` of message, at least half of them."""
    if not isinstance(data, list) or not data:
        return False
    said = [m for m in data if isinstance(m, dict) and m.get("type") == "message" and "ts" in m]
    return len(said) * 2 >= len(data)


def _slack_said(message: dict[str, Any], at: int, names: dict[str, str]) -> _Said:
    if message.get("subtype") in _SLACK_NOT_SAID:
        return None
    sender = _slack_name(message) or names.get(str(message.get("user"))) or message.get("username")
    said = _slack_markdown(str(message.get("text") or ""), names)
    return (sender if isinstance(sender, str) else None), [(at, said)], _slack_day(message.get("ts"))


def _slack_channel(path: str) -> str | None:
    """`#general 2025-03-14` for `…/general/2025-03-14.json`: an export keeps each channel's days in its folder."""
    folder, _, name = path.replace("\\", "/").rpartition("/")
    channel = folder.rpartition("/")[2]
    day = name.rsplit(".", 1)[0]
    return f"#{channel} {day}" if channel and channel not in (".", "..") and _DAY.fullmatch(day) else None


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


_SLACK_NOT_SAID = frozenset(  # members coming and going, the channel renamed, a deleted message's tombstone
    ("channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name", "tombstone")
)


def _slack_name(message: dict[str, Any]) -> str | None:
    profile = message.get("user_profile")
    if not isinstance(profile, dict):
        return None
    name = profile.get("real_name") or profile.get("display_name") or profile.get("name")
    return name.strip() or None if isinstance(name, str) else None


def _slack_day(ts: Any) -> str | None:
    try:
        return datetime.datetime.fromtimestamp(float(ts), datetime.UTC).date().isoformat()
    except (TypeError, ValueError, OverflowError):
        return None


def _slack_markdown(text: str, names: dict[str, str]) -> str:
    """Slack's markup as Markdown: `*bold*` as `**bold**`, `_italic_` as `*italic*`, a link its label, a mention the
    member's name, its entities decoded; struck text and code blocks no text."""

    def link(found: re.Match[str]) -> str:
        target, label = found["target"], found["label"]
        if target.startswith("@"):
            return "@" + (label or names.get(target[1:], target[1:]))
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            return "@" + (label or target[1:].split("^")[0]).lstrip("@")
        return label or target

    text = _CODE_BLOCK.sub("\n", text)  # a code block is no text (its comments are the code's)
    text = _SLACK_LINK.sub(link, text)
    text = _SLACK_BOLD.sub(r"**\g<text>**", text)
    text = _ITALIC.sub(r"*\g<text>*", text)
    text = _SLACK_STRIKE.sub("", text).replace("  ", " ")  # struck out: taken back (`~前馈层~ 更正：…`), as deleted
    return html.unescape(text)


_CODE_BLOCK = re.compile(r"```.*?```", re.DOTALL)
_SLACK_LINK = re.compile(r"<(?P<target>[^<>|\s]+)(?:\|(?P<label>[^<>]*))?>")
_SLACK_BOLD = re.compile(r"(?<![A-Za-z0-9*])\*(?P<text>[^*\s](?:[^*\n]*[^*\s])?)\*(?![A-Za-z0-9*])")
_ITALIC = re.compile(r"(?<![A-Za-z0-9_])_(?P<text>[^_\s](?:[^_\n]*[^_\s])?)_(?![A-Za-z0-9_])")  # Slack's, Discord's
_SLACK_STRIKE = re.compile(r"(?<![A-Za-z0-9~])~(?P<text>[^~\s](?:[^~\n]*[^~\s])?)~(?![A-Za-z0-9~])")


def _discord_shaped(data: Any) -> bool:
    """DiscordChatExporter's JSON: a `channel` and its `messages`, at least half with `content` and an `author`."""
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list) or "channel" not in data:
        return False
    said = [m for m in data["messages"] if isinstance(m, dict) and "content" in m and "author" in m]
    return len(said) * 2 >= len(data["messages"])


def _discord_said(message: dict[str, Any], at: int) -> _Said:
    """A message's `content`, its author's (nickname, else name), in Discord's Markdown; an embed (a link's preview)
    or a member joining is no one's words."""
    if message.get("type") not in _DISCORD_SAID:
        return None
    author = message.get("author")
    sender = (author.get("nickname") or author.get("name")) if isinstance(author, dict) else None
    mentioned = [m for m in message.get("mentions") or [] if isinstance(m, dict)]
    names = {str(m.get("id")): m.get("nickname") or m.get("name") for m in mentioned}
    said = _discord_markdown(str(message.get("content") or ""), names)
    day = str(message.get("timestamp") or "")[:10] or None
    return (sender if isinstance(sender, str) else None), [(at, said)], day


_DISCORD_SAID = frozenset(("Default", "Reply", "ThreadStarterMessage"))


def _discord_markdown(text: str, names: dict[str, Any]) -> str:
    """Discord's Markdown as Markdown: a mention its member's name, a custom emoji or a timestamp nothing, underline
    and a spoiler's bars plain, a quote's mark gone; struck text and code blocks no text (as Slack's)."""
    text = _CODE_BLOCK.sub("\n", text)
    text = re.sub(r"<@!?(\d+)>", lambda m: "@" + str(names.get(m[1]) or "someone"), text)
    text = re.sub(r"<a?:\w+:\d+>|<t:\d+(?::\w)?>|<#\d+>|<@&\d+>", "", text)
    text = re.sub(r"~~.+?~~", "", text).replace("  ", " ")
    text = re.sub(r"__(.+?)__", r"\1", text)
    text = re.sub(r"\|\|(.+?)\|\|", r"\1", text)
    text = re.sub(r"(?m)^>>?>? ", "", text)
    return _ITALIC.sub(r"*\g<text>*", text)


def _items(text: str, at: int) -> list[int]:
    """Where each item of the JSON array opening at ``at`` starts."""
    starts: list[int] = []
    following = _next_value(text, at + 1, "]")
    while following is not None:
        starts.append(following)
        _, after = _DECODER.raw_decode(text, following)
        following = _next_value(text, after, "]")
    return starts


def _fields(text: str, at: int) -> dict[str, int]:
    """Where the value of each key of the JSON object opening at ``at`` starts (its own keys, not those nested)."""
    if text[at] != "{":
        return {}
    where: dict[str, int] = {}
    following = _next_value(text, at + 1, "}")
    while following is not None:
        key, at = _DECODER.raw_decode(text, following)
        while text[at] in " \t\r\n:":
            at += 1
        where.setdefault(str(key), at)
        _, after = _DECODER.raw_decode(text, at)
        following = _next_value(text, after, "}")
    return where


def _next_value(text: str, at: int, closing: str) -> int | None:
    """Where the next item of a JSON array or object starts, past spaces and a comma; None at its ``closing``."""
    while at < len(text) and text[at] in " \t\r\n,":
        at += 1
    return None if at >= len(text) or text[at] == closing else at


def _runs(pieces: list[tuple[int, str]], starts: list[int]) -> list[tuple[int, str, tuple[int, ...]]]:
    """A message's sentences, each on the line of the file where it starts, a formatted message's pieces standing on
    lines of their own: a sentence runs across them (a bold term and the bracket after it are one gloss), and says
    where its later lines start (``Segment.breaks``: a gloss stands on its bold term's line, not the sentence's), but a
    piece that holds a whole gloss (`**exit pupil（出瞳直径）**`) starts its own text, on its own line. Line breaks,
    escaped on one line of the file, end sentences."""
    text, lines, cuts = "", [], set()  # the message's text, each character's line in the file, where texts start
    for at, piece in pieces:
        if _WHOLE_GLOSS.search(piece) and piece.lstrip()[:1] not in "（(":  # one that opens with a bracket glosses
            cuts.add(len(text))  # the piece before it (`**鲁邦种**`, `（levain）：… 喂养（feeding）…`)
        text += piece
        lines += [bisect.bisect_right(starts, at)] * len(piece)  # the 1-based line the piece is on
    cuts.update(m.end() for m in _SENTENCE_END.finditer(text))
    runs = []
    for begin, end in itertools.pairwise(sorted({0, *cuts, len(text)})):
        sentence = text[begin:end]
        if sentence.strip():
            lead = len(sentence) - len(sentence.lstrip())
            written = " ".join(sentence.split("\n")).strip()  # as long as the sentence, less its spaces at the ends
            placed = lines[begin + lead : begin + lead + len(written)]  # each character's line
            breaks = tuple(i for i in range(1, len(placed)) for _ in range(placed[i] - placed[i - 1]))
            runs.append((placed[0], written, breaks))
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
