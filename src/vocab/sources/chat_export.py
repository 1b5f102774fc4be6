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
from typing import Any

from ..errors import EmptyDocument, SourceError
from ..models import Metadata, Segment
from ._build import SegmentList, opens_json

_DECODER = json.JSONDecoder()
_MESSAGES = re.compile(r'"messages"\s*:\s*\[')
_TEXT = re.compile(r'"text"\s*:\s*')
_MARKS = {"bold": "**", "italic": "*", "code": "`", "pre": "`"}


def detect(lines: list[str]) -> bool:
    """JSON with a list of messages, each with a type and a text (Telegram's), or a list of Slack messages."""
    if not opens_json(lines):
        return False
    text = "\n".join(lines)
    return any(found(text) is not None for found in (_messages, _slack_messages, _discord_channel))


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    text = "\n".join(lines).lstrip("\ufeff")
    if (slack := _slack_messages(text)) is not None:
        return _read_slack(text, slack, path)
    if (discord := _discord_channel(text)) is not None:
        return _read_discord(text, discord, path)
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


def _read_slack(text: str, messages: list[Any], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    profiled = [m for m in messages if isinstance(m, dict) and m.get("user")]
    names = {str(m["user"]): name for m in profiled if (name := _slack_name(m))}  # who a mention `<@U123>` names
    segments = SegmentList()
    day = None
    for at in _items(text, text.index("[")):
        fields = _fields(text, at)
        message, _ = _DECODER.raw_decode(text, at)
        if "text" not in fields or not isinstance(message, dict) or message.get("subtype") in _SLACK_NOT_SAID:
            continue
        sender = _slack_name(message) or names.get(str(message.get("user"))) or message.get("username")
        said = _slack_markdown(str(message.get("text") or ""), names)
        for line, written in _runs([(fields["text"], said)], starts):
            segments.add(line, written, speaker=sender if isinstance(sender, str) else None)
            day = day or _slack_day(message.get("ts"))
    if not len(segments):
        raise EmptyDocument(path, "a chat export with no text in its messages")
    return Metadata(title=_slack_channel(path), date=day), segments.build()


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


def _slack_messages(text: str) -> list[Any] | None:
    """A Slack day: a list of objects with a `ts` and a `type` of message, at least half of them."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except ValueError:
        return None
    if not isinstance(data, list) or not data:
        return None
    said = [m for m in data if isinstance(m, dict) and m.get("type") == "message" and "ts" in m]
    return data if len(said) * 2 >= len(data) else None


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

    text = _SLACK_CODE.sub("\n", text)  # a code block is no text (its comments are the code's)
    text = _SLACK_LINK.sub(link, text)
    text = _SLACK_BOLD.sub(r"**\g<text>**", text)
    text = _SLACK_ITALIC.sub(r"*\g<text>*", text)
    text = _SLACK_STRIKE.sub("", text).replace("  ", " ")  # struck out: taken back (`~前馈层~ 更正：…`), as deleted
    return html.unescape(text)


_SLACK_CODE = re.compile(r"```.*?```", re.DOTALL)
_SLACK_LINK = re.compile(r"<(?P<target>[^<>|\s]+)(?:\|(?P<label>[^<>]*))?>")
_SLACK_BOLD = re.compile(r"(?<![A-Za-z0-9*])\*(?P<text>[^*\s](?:[^*\n]*[^*\s])?)\*(?![A-Za-z0-9*])")
_SLACK_ITALIC = re.compile(r"(?<![A-Za-z0-9_])_(?P<text>[^_\s](?:[^_\n]*[^_\s])?)_(?![A-Za-z0-9_])")
_SLACK_STRIKE = re.compile(r"(?<![A-Za-z0-9~])~(?P<text>[^~\s](?:[^~\n]*[^~\s])?)~(?![A-Za-z0-9~])")


def _read_discord(text: str, channel: dict[str, Any], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    """A channel as DiscordChatExporter writes it: each message's `content` its author's (nickname, else name), in
    Discord's Markdown; an embed (a link's preview) or a member joining is no one's words."""
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    found = _MESSAGES.search(text)
    segments = SegmentList()
    day = None
    for at in _items(text, found.end() - 1) if found else []:
        fields = _fields(text, at)
        message, _ = _DECODER.raw_decode(text, at)
        if "content" not in fields or not isinstance(message, dict) or message.get("type") not in _DISCORD_SAID:
            continue
        author = message.get("author")
        sender = (author.get("nickname") or author.get("name")) if isinstance(author, dict) else None
        names = {
            str(m.get("id")): m.get("nickname") or m.get("name")
            for m in message.get("mentions") or []
            if isinstance(m, dict)
        }
        said = _discord_markdown(str(message.get("content") or ""), names)
        for line, written in _runs([(fields["content"], said)], starts):
            segments.add(line, written, speaker=sender if isinstance(sender, str) else None)
            day = day or str(message.get("timestamp") or "")[:10] or None
    if not len(segments):
        raise EmptyDocument(path, "a chat export with no text in its messages")
    about = channel.get("channel")
    name = about.get("name") if isinstance(about, dict) else None
    return Metadata(title=f"#{name}" if isinstance(name, str) and name else None, date=day), segments.build()


_DISCORD_SAID = frozenset(("Default", "Reply", "ThreadStarterMessage"))


def _discord_channel(text: str) -> dict[str, Any] | None:
    """DiscordChatExporter's JSON: a `channel` and its `messages`, each with `content` and an `author`."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list) or "channel" not in data:
        return None
    said = [m for m in data["messages"] if isinstance(m, dict) and "content" in m and "author" in m]
    return data if len(said) * 2 >= len(data["messages"]) else None


def _discord_markdown(text: str, names: dict[str, Any]) -> str:
    """Discord's Markdown as Markdown: a mention its member's name, a custom emoji or a timestamp nothing, underline
    and a spoiler's bars plain, a quote's mark gone; struck text and code blocks no text (as Slack's)."""
    text = _SLACK_CODE.sub("\n", text)
    text = re.sub(r"<@!?(\d+)>", lambda m: "@" + str(names.get(m[1]) or "someone"), text)
    text = re.sub(r"<a?:\w+:\d+>|<t:\d+(?::\w)?>|<#\d+>|<@&\d+>", "", text)
    text = re.sub(r"~~.+?~~", "", text).replace("  ", " ")
    text = re.sub(r"__(.+?)__", r"\1", text)
    text = re.sub(r"\|\|(.+?)\|\|", r"\1", text)
    text = re.sub(r"(?m)^>>?>? ", "", text)
    return re.sub(r"(?<![A-Za-z0-9_])_(?P<text>[^_\s](?:[^_\n]*[^_\s])?)_(?![A-Za-z0-9_])", r"*\g<text>*", text)


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
