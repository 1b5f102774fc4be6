"""LRC, the timed lyrics players show line by line, as lessons and songs are subtitled for learners:

    [ti:厨房英语 第12课]                      the title (`[ar:…]` the author; other tags no text)
    [00:22.90]林：先说一个词：recipe（菜谱）。     a line from its time to the next one's, its speaker's label no text
    [00:27.40]Dan: Recipe.
    [00:35.70]刀工 Knife Skills                 a short line in both languages, no one speaking: a section's heading
    [00:05.40]（片头音乐）                        a sound: no text
    [01:02.10][02:30.00]Chorus line            a line sung twice: at its first time

An English line and the Chinese line right after it (or before it) in the same voice are aligned, as in a parallel text;
two speakers' lines in two languages are a dialogue, not a translation.
"""

from __future__ import annotations

import re
from collections import Counter

from ..models import Lang, Metadata, Segment, SegmentKind
from ..text import CLAUSE_ENDS, classify_lang, outside_english_brackets
from ._build import SegmentList

# `[01:02.50]`: minutes, seconds and hundredths (not a transcript's `[00:01:02]`, hours, minutes and seconds)
_TIMES = re.compile(r"^(?:\[(?P<m>\d{1,3}):(?P<s>\d{2})(?:\.(?P<f>\d{1,3}))?\])+")
_ONE_TIME = re.compile(r"\[(?P<m>\d{1,3}):(?P<s>\d{2})(?:\.(?P<f>\d{1,3}))?\]")
_HUNDREDTHS = re.compile(r"^\[\d{1,3}:\d{2}\.\d{1,3}\]")
_TAG = re.compile(r"^\[(?P<name>[A-Za-z]+):(?P<value>[^\]]*)\]\s*$")
_SOUND = re.compile(r"^[\[［(（][^\]］)）]{1,20}[\]］)）]$")
_LABEL = re.compile(r"^(?P<name>[^\s:：，,。.!?！？]{1,12})\s*[:：]\s*")
_MIN_TIMED = 5
_MAX_HEADING = 40  # characters of a section's title


def detect(lines: list[str]) -> bool:
    """Most non-blank lines open with one or more `[mm:ss.xx]` times (or are tags), five or more of them."""
    filled = [line.strip() for line in lines if line.strip()]
    timed = sum(1 for line in filled if _HUNDREDTHS.match(line))  # a bare `[01:02]` opens chat and transcript turns too
    tags = sum(1 for line in filled if _TAG.match(line))
    return timed >= _MIN_TIMED and 2 * (timed + tags) > len(filled)


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    segments = SegmentList()
    tags: dict[str, str] = {}
    timed: list[tuple[float, int, str]] = []  # (time, 0-based line, text)
    for number, raw in enumerate(lines):
        line = raw.strip().lstrip("\ufeff")
        if not line:
            continue
        if tag := _TAG.match(line):
            tags.setdefault(tag["name"].casefold(), tag["value"].strip())
            segments.add(number + 1, line, kind=SegmentKind.META)
        elif times := _TIMES.match(line):
            first = _ONE_TIME.match(line)
            assert first is not None
            timed.append((_seconds(first), number, line[times.end() :].strip()))
        else:
            segments.add(number + 1, line)  # a line without a time: text all the same
    starts = sorted({time for time, _, _ in timed})
    ends: dict[float, float | None] = dict(zip(starts, [*starts[1:], None], strict=False))
    labels = Counter(found["name"] for _, _, text in timed if (found := _LABEL.match(text)))
    speaker: str | None = None
    added: list[int] = []
    for time, number, text in timed:
        if not text:
            continue  # a time alone: the end of the line before
        if _SOUND.match(text):
            segments.add(number + 1, text, kind=SegmentKind.META)
            continue
        label = _LABEL.match(text)
        label = label if label and labels[label["name"]] > 1 else None  # `本期文本整理：小橘` once: a credit, no one
        if label and not _heading(text):
            speaker, text = label["name"], text[label.end() :]
        kind = SegmentKind.HEADING if label is None and _heading(text) else SegmentKind.BODY
        index = segments.add(number + 1, text, kind=kind, speaker=None if kind is SegmentKind.HEADING else speaker,
                             start=time, end=ends[time])  # fmt: skip
        if kind is SegmentKind.BODY:
            added.append(index)
    for a, b in zip(added, added[1:], strict=False):  # a line and its translation: the same voice, both languages
        one, other = segments[a], segments[b]
        unpaired = one.aligned is None and other.aligned is None
        if unpaired and one.speaker == other.speaker and {one.lang, other.lang} == {Lang.EN, Lang.ZH}:
            segments.align(a, b)
    title = tags.get("ti") or None
    return Metadata(title=title, author=tags.get("ar") or None), segments.build()


def _seconds(found: re.Match[str]) -> float:
    fraction = found["f"] or "0"
    return int(found["m"]) * 60 + int(found["s"]) + int(fraction) / 10 ** len(fraction)


def _heading(text: str) -> bool:
    """A short line in both languages that ends as no sentence does and has no bracket: a section's title."""
    if len(text) > _MAX_HEADING or text[-1] in CLAUSE_ENDS or re.search(r"[()（）:：]", text):
        return False
    return classify_lang(outside_english_brackets(text)) is Lang.MIXED
