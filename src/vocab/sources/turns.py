"""Transcripts typed as speaker turns with times, as interview and podcast transcripts are written by hand:

    [00:00:05] 主持人：欢迎来到……          a time, a speaker and a colon, the turn's text
    00:54  男: 嗯，这个比喻……
    阿哲 [00:00:03]                        a speaker and a time alone on a line, the text below it
    哈囉大家好……
    [01:10] 一、从波形到特征               a time before a section, its text below it
    2024/03/18 21:07 阿哲: 结果出来了       a chat's dated message: its sender, at no time of a recording

or, with no times, as speaker labels that recur (not in Markdown, whose reader knows its own labels)::

    Q: 先请您简单介绍一下……                a label and a colon, used again and again (three times or more)
    A: 我们做单细胞转录组学……

Each line stays a segment of its own (as plain text reads it), with the speaker and the time of the turn it is
in; a turn ends where the next begins. Lines above the first turn are the page header, its first line the
title. An English turn and a Chinese turn at the same time are translations of each other, as are an English line and
the Chinese line beside it in one turn.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable

from ..models import Metadata, Segment, SegmentKind
from ..text import HAN_RE, HEADING_DECORATION, separated_heading
from . import markdown
from ._build import CLOCK, MAX_SPEAKERS, TRANSLATION_LABEL, SegmentList, clock_seconds, pair_lines
from .transcript import page_metadata, pair_cues

_OPEN, _CLOSE = r"[\[(（【]", r"[\])）】]"
# A chat's export dates each message (`2024/03/18 21:07 阿哲: text`, WhatsApp's `02/03/2024, 20:43 - Karen: text` and
# `[02/03/2024, 20:43:05] Karen: text`): a speaker's turn, at no time of a recording.
_DATE = r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4},?)"
_AM_PM = r"\s?[AaPp]\.?[Mm]\.?"  # `9:03 PM`, `9:03pm`, `9:03 a.m.`
# A speaker's name or role: short, no sentence punctuation (`主持人`, `嘉宾（王工）`, `Dr. Lee`, `来宾 陈志明`).
_SPEAKER = r"[^\W\d_][^:：，。！？,!?\[\]【】]{0,19}?"
# `[00:00:05] 主持人：text`, `00:54  男: text`, `(12:03) Host: text`, `[01:10] 一、从波形到特征`, a chat's messages
_TIMED_LINE = re.compile(
    rf"^{_OPEN}?(?:(?P<date>{_DATE})\s+)?(?P<time>{CLOCK})(?:{_AM_PM})?{_CLOSE}?\s+(?:[-–]\s+)?"
    rf"(?:(?P<speaker>{_SPEAKER})\s*[:：]\s*)?(?P<text>\S.*)$"
)
# `阿哲 [00:00:03]`, `主持人 Amy (00:03:15)`, `Host 00:03:15`, `Nadia Brooks (00:00:03):`, `[00:00:04] Lena Fischer:`,
# a chat export's `周建国  2025-03-14 08:55` above the message (dated: no time of a recording),
# and the turn's text after the colon: `NELL [00:00:04]: Welcome back…`; both inside one bracket: `【主持人 00:03:12】`
_TURN_HEADER = re.compile(
    rf"^(?:(?P<speaker>{_SPEAKER})\s*(?:(?P<dated>{_DATE})\s+)?{_OPEN}?(?P<time>{CLOCK}){_CLOSE}?\s*(?:[:：]\s*(?P<text>\S.*)?)?"
    rf"|{_OPEN}?(?P<time_first>{CLOCK}){_CLOSE}?\s+(?P<speaker_after>{_SPEAKER})\s*[:：]"
    rf"|{_OPEN}(?P<speaker_inside>{_SPEAKER})\s+(?P<time_inside>{CLOCK}){_CLOSE}\s*[:：]?)$"
)
# `Q: text`, `主持人：text`, `Host: text`: a speaker label with no time
_LABELLED = re.compile(rf"^(?P<speaker>{_SPEAKER})\s*[:：]\s*(?P<text>\S.*)$")
_MIN_SHARE = 0.2  # of the non-blank lines that open a turn, as in a transcript (one or two lines per turn)
_LABELLED_SHARE = 0.3  # of the non-blank lines that open a turn by a recurring label alone

Opening = tuple[int, str | None, float | None, str | None]  # a turn's line, speaker, start, text on that line


# A chat program's header over a message, at a time of day (no time of a recording): Discord's `kaiwen — Today at
# 9:03 PM` or `— 03/01/2024 9:06 PM`, Slack's `kaiwen  9:03 PM`, Telegram's `Lin Wei, [01.03.24 21:03]`, and an
# exporter's `[01-Mar-24 09:03 PM] kaiwen`.
_DAYTIME = rf"{CLOCK}(?:{_AM_PM})?"
_CHAT_HEADER = re.compile(
    rf"^(?P<speaker>{_SPEAKER})\s+[—–-]\s+(?:(?:Today|Yesterday|今天|昨天)(?:\s+at)?\s+|{_DATE}\s+)?{_DAYTIME}$"
    rf"|^(?P<speaker_slack>{_SPEAKER})\s+\[?{CLOCK}{_AM_PM}\]?$"
    rf"|^(?P<speaker_telegram>{_SPEAKER}),\s*\[{_DATE}\s+{_DAYTIME}\]$"
    rf"|^\[(?:{_DATE}|\d{{1,2}}-[A-Za-z]{{3}}-\d{{2,4}})\s+{_DAYTIME}\]\s+(?P<speaker_exported>{_SPEAKER})$"
)


# What a chat program shows around a message: a Discord exporter's blocks and their reactions (`{Reactions}`,
# `👍 3`), an edit's mark, Telegram's media and reply notes (`[ Photo ]`, `[In reply to Chen Yu]`), Slack's reactions
# (`:thinking_face: 2`) and thread notes, a deleted or omitted message, an attachment's address.
_CHAT_BLOCK = re.compile(r"^\{(?:Embed|Attachments|Stickers|Reactions)\}$")  # what follows, to the turn's end, too
_CHAT_NOISE = re.compile(
    r"^(?:\{(?:Reactions|Attachments|Embed|Stickers|Mentions)\}|\((?:edited|已编辑|已編輯)\)"
    r"|\[\s*(?:Photo|Video|Sticker|File|GIF|Album|Audio|Voice message|Video message|Document|Poll|Location|Contact)"
    r"\b[^\]]*\]|\[In reply to [^\]]*\]|<Media omitted>|This message was deleted\.?|\d+ repl(?:y|ies)"
    r"|(?:(?::[\w+-]+:|[^\w\s]{1,3})\s*\(?\d+\)?\s*)+|https?://\S+)$",
    re.IGNORECASE,
)


def _turn(line: str) -> re.Match[str] | None:
    return _CHAT_HEADER.match(line) or _TURN_HEADER.match(line) or _TIMED_LINE.match(line)


def detect(lines: list[str]) -> bool:
    """A fifth or more of the non-blank lines open a turn with a time, and at least three do; or, outside
    Markdown (not one line of it), three tenths open one by a speaker label used three times or more."""
    return bool(_openings([line.strip() for line in lines], lambda: markdown.marked_lines(lines) > 0))


def timed(lines: list[str]) -> bool:
    """Speaker turns with times, whatever else their lines look like: most non-blank lines open a turn (a turn and its
    translation at the same time read as parallel lines too), or a fifth of them do and the English and Chinese lines
    between are the turns' (`Maya Okafor [00:00:04]` over a line and its translation: each turn keeps its speaker
    and time only when read as turns)."""
    stripped = [line.strip() for line in lines if line.strip()]
    opened = sum(1 for line in stripped if _turn(line))
    return 2 * opened > len(stripped) or (opened >= 3 and opened >= _MIN_SHARE * len(stripped))


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    """Each line a segment, with the speaker and the times of its turn; the lines above the first turn too."""
    stripped = [line.strip() for line in lines]
    opened = _openings(stripped, lambda: False, least=1)  # as detected, or as asked (`--input-format`)
    first = opened[0][0] if opened else len(lines)
    segments = SegmentList()
    for i in range(first):
        if stripped[i]:  # the page header: its title is no mention; a section heading is a heading
            segments.add(i + 1, stripped[i], kind=SegmentKind.HEADING if _section(stripped[i]) else SegmentKind.META)
    turns: list[tuple[float, int]] = []  # a timed turn of one line: its start, its segment
    since: float | None = None  # the last time given: a turn given none is said after it
    for k, (i, speaker, given, text) in enumerate(opened):
        stop = opened[k + 1][0] if k + 1 < len(opened) else len(lines)
        since = start = given if given is not None else since
        # its pair's turn opens at the same time: the turn lasts until the next time after it
        end = next((o[2] for o in opened[k + 1 :] if o[2] is not None and (start is None or o[2] > start)), None)
        lines_under = [j for j in range(i + 1, stop) if stripped[j]]
        if speaker is None and _system_message(stripped[i]):
            segments.add(i + 1, stripped[i], kind=SegmentKind.META)  # `… - Karen Yip created group "…"`: no one's words
            continue
        if not text and all(_section(stripped[j]) for j in lines_under):
            segments.add(i + 1, stripped[i])  # `视频时长 38:52`: shaped like a turn's header, with no turn under it
        texts = [(i + 1, text)] if text else []
        block = False  # under a Discord export's `{Embed}` or `{Attachments}`: a link's preview, a file, no one's words
        for j in lines_under:
            block = block or _CHAT_BLOCK.match(stripped[j]) is not None
            if block or _section(stripped[j]) or _CHAT_NOISE.match(stripped[j]):
                # `## Part 2 · Joins 第二部分 · 连接` between turns, or what a chat program shows around a message
                # (`{Reactions}`, `(edited)`, `[ Photo ]`): no one's words, nor a translation of the line beside it
                _add_turn(segments, texts, (speaker, start, end), turns if given is not None else [])
                kind = SegmentKind.HEADING if _section(stripped[j]) else SegmentKind.META
                kind = SegmentKind.COMMENT if block else kind  # never glossed: the preview's words are the page's
                segments.add(j + 1, stripped[j], kind=kind)
                texts = []
            else:
                texts.append((j + 1, stripped[j]))
        _add_turn(segments, texts, (speaker, start, end), turns if given is not None else [])
    pair_cues(segments, turns)  # the same time: `[00:05] Host: …` then `[00:05] 主持人：…`
    header = [line for line in stripped[:first] if re.search(r"[^\W_]", line)]  # not a rule (`=====`)
    metadata = page_metadata(header, [])  # show, date and link; the title is the first line, as typed
    named = next((m["name"].strip() for line in header if (m := _CHAT_NAME.match(line))), None)
    made = (m["name"] for line in stripped if _system_message(line) and (m := _GROUP_CREATED.search(line)))
    named = named or next(made, None)
    return dataclasses.replace(metadata, title=named or (header[0] if header else None)), segments.build()


def _system_message(line: str) -> bool:
    """A dated line of a chat export that no one sent: who joined, who created the group, that it is encrypted."""
    match = _TIMED_LINE.match(line)
    return match is not None and bool(match["date"]) and match["speaker"] is None


# A chat export with no header names its chat where it was made: `Karen Yip created group "租客小冊子 WG"`.
_GROUP_CREATED = re.compile(r"""\bcreated (?:the )?group [“"'](?P<name>[^”"']+)[”"']""")


# A chat export's line naming the chat, below the exporter's banner (`微信聊天记录导出`, the same in every export):
# `群聊：白鹭湾机务 · 夜班 B 组`, `Group: Platform on-call`, a Discord exporter's `Channel: paper-reading`.
_CHAT_NAME = re.compile(
    r"^(?:群聊|群名|群名称|群組|群组|聊天对象|聊天對象|会话|會話|频道|頻道|group|chat|conversation|channel)\s*[:：]\s*"
    r"(?P<name>\S.*)$",
    re.IGNORECASE,
)


def _section(line: str) -> bool:
    """A section heading between a transcript's turns: Markdown's (`## …`, not the page's `# title`), or a plain
    text's rule around an English and a Chinese side (`=== PART 2 · Tiers | 第二部分 · 分层 ===`)."""
    if line.startswith("##") and markdown.is_heading(line):
        return True
    return line[:1] in HEADING_DECORATION.strip() and separated_heading(line)


def _add_turn(
    segments: SegmentList,
    texts: list[tuple[int, str]],
    said: tuple[str | None, float | None, float | None],
    turns: list[tuple[float, int]],
) -> None:
    """A turn's lines as segments, each English line aligned with its translation (``said``: by whom, from when to
    when); a timed turn of one line is noted in ``turns``, to pair with its translation's turn at the same time (one
    given no time of its own is not: its time is the last turn's)."""
    if not texts:
        return
    speaker, start, end = said
    rows: list[tuple[int, str]] = []
    for n, line in texts:
        # a translation's line under an English one, after the speaker's label (`主持人：欢迎…` under `[00:04] Host:
        # Welcome…`): the label names the turn's speaker, and is no words of the line (learner's trial 59: contexts
        # began `主持人：`)
        label = TRANSLATION_LABEL.match(line) if rows and not HAN_RE.search(rows[0][1]) else None
        if rows and start is not None and _wrapped(rows[-1], n, line):  # (a chat's unstopped lines are messages)
            rows[-1] = (rows[-1][0], rows[-1][1] + "\n" + line)  # `叫迭代级` / `调度（iteration-level scheduling）`
        else:
            rows.append((n, label["text"] if label else line))
    added = [segments.add(n, line, speaker=speaker, start=start, end=end) for n, line in rows]
    pair_lines(segments, added, [line for _, line in rows])
    if len(added) == 1 and start is not None:
        turns.append((start, added[0]))


def _wrapped(row: tuple[int, str], number: int, line: str) -> bool:
    """``line`` goes on with the sentence of the row right above it: a hard wrap between two Chinese characters, with no
    stop or comma to end the line above (a typed transcript's lines are its paragraphs, and a wrap may cut a term)."""
    above, text = row
    return number == above + text.count("\n") + 1 and bool(HAN_RE.match(text[-1:])) and bool(HAN_RE.match(line[:1]))


def _openings(stripped: list[str], markdown_like: Callable[[], bool], least: int = 3) -> list[Opening]:
    """Where the turns open: by times when enough lines have one, else by recurring speaker labels (not in
    Markdown: ``markdown_like`` is asked only then); empty when neither makes a transcript of ``least`` turns or
    more."""
    text_lines = sum(1 for line in stripped if line)
    timed = [(i, match) for i, line in enumerate(stripped) if (match := _turn(line))]
    labelled = [(i, match) for i, line in enumerate(stripped) if not _turn(line) and (match := _LABELLED.match(line))]
    uses = Counter(_speaker(m) for _, m in labelled)
    if len(timed) >= least and len(timed) >= _MIN_SHARE * text_lines:
        # a turn the transcriber gave no time (`鄭語彤：…` after `[00:01:12] 主持人：…`) opens by its speaker's label,
        # one a timed turn names or one used three times or more, as a paragraph of its own: a labelled line right under
        # a timed one is its translation (`NELL [00:00:04]: Welcome…` over `内尔：欢迎…`), in the same turn
        named = {_speaker(m) for _, m in timed} | {label for label, n in uses.items() if n >= 3}
        named = named if len(named - {None}) <= MAX_SPEAKERS else {_speaker(m) for _, m in timed}
        untimed = [
            (i, _speaker(m), None, m["text"])
            for i, m in labelled
            if _speaker(m) in named - {None} and (i == 0 or not stripped[i - 1])
        ]
        return sorted([*((i, _speaker(m), _start(m), m.groupdict().get("text")) for i, m in timed), *untimed])
    if markdown_like():
        return []
    speakers = {label for label, n in uses.items() if n >= 3}
    # a speaker who speaks twice inside the conversation the others' turns span is one too (`李博士：` among
    # `主持人：` and `王工：`)
    spoken = [i for i, m in labelled if _speaker(m) in speakers]
    twice = [label for label, n in uses.items() if n == 2]
    speakers |= {label for label in twice if spoken and all(spoken[0] < i < spoken[-1] for i in _at(labelled, label))}
    opened: list[Opening] = [(i, _speaker(m), None, m["text"]) for i, m in labelled if _speaker(m) in speakers]
    if len(speakers) > MAX_SPEAKERS or len(opened) < max(least, 3) or len(opened) < _LABELLED_SHARE * text_lines:
        return []
    return opened


def _at(labelled: list[tuple[int, re.Match[str]]], label: str | None) -> list[int]:
    return [i for i, m in labelled if _speaker(m) == label]


def _start(match: re.Match[str]) -> float | None:
    """When a turn starts in the recording; none for a dated message, whose time is the hour it was sent."""
    if match.re is _CHAT_HEADER or match.groupdict().get("date") or match.groupdict().get("dated"):
        return None
    return clock_seconds(match["time"] or match["time_first"] or match["time_inside"])


def _speaker(match: re.Match[str]) -> str | None:
    """The speaker a turn's opening names, before its time, after it or beside it in one bracket (``_TURN_HEADER``'s
    three ways), or None."""
    groups = match.groupdict()
    found = next((groups[name] for name in groups if name.startswith("speaker") and groups[name]), None)
    return found.strip() if found else None
