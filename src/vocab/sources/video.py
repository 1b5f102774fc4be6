"""A video's transcript as its player shows it and a learner copies it (YouTube's "Show transcript" panel): each
caption under its time, alone on a line; chapter titles between them, above the time they start at.

    转写文稿                                  the panel's own words: no text
    在视频中搜索
    开场 Intro                                a chapter's title, right above a time: a heading
    0:04
    Hey everyone, welcome back.               the caption, from 0:04 to the next time;
    大家好，欢迎回来。                          its translation, aligned with it
    0:14
    [音乐]                                     a sound, no one's words: no text
    1:02:52                                   times pass the hour as they run

A caption holds as many lines as most of the file's do (one, or a line and its translation; a sound one); a line
beyond them that stands right above the next time, short and not ending like a sentence, is the next chapter's title,
and after the last caption it is the panel's (its language, `中文（简体）`).
"""

from __future__ import annotations

import re
from collections import Counter

from ..models import Metadata, Segment, SegmentKind
from ..text import CLAUSE_ENDS
from ._build import SegmentList, clock_seconds, pair_lines

_TIME_LINE = re.compile(r"^\s*(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s*$")
_SOUND = re.compile(r"^\s*[\[［(（][^\]］)）]{1,20}[\]］)）]\s*$")  # `[音乐]`, `[Music]`, `(掌声)`
_MIN_TIMES = 5
_TIME_SHARE = 0.25  # of the non-blank lines: a time alone on every caption's first line
_MAX_TITLE = 60  # characters of a chapter's title


def detect(lines: list[str]) -> bool:
    """Times alone on their lines, one over each caption: a quarter of the lines or more, and text after most."""
    stripped = [line.strip() for line in lines if line.strip()]
    times = [k for k, line in enumerate(stripped) if _TIME_LINE.match(line)]
    followed = sum(1 for k in times if k + 1 < len(stripped) and not _TIME_LINE.match(stripped[k + 1]))
    return len(times) >= _MIN_TIMES and len(times) >= _TIME_SHARE * len(stripped) and 2 * followed > len(times)


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    times = [i for i, line in enumerate(lines) if _TIME_LINE.match(line)]
    segments = SegmentList()
    if not times:  # read as a video's transcript on request, with no time to go by: its lines are the text
        added = [segments.add(number + 1, text) for number, text in _lines_between(lines, 0, len(lines))]
        pair_lines(segments, added, [segments[i].text for i in added])
        return Metadata(), segments.build()
    captions = [_lines_between(lines, at + 1, end) for at, end in zip(times, [*times[1:], len(lines)], strict=True)]
    usual = Counter(len([t for _, t in caption if not _SOUND.match(t)]) for caption in captions).most_common(1)
    size = usual[0][0] if usual else 1
    before = _lines_between(lines, 0, times[0])
    for k, (number, text) in enumerate(before):  # the panel's words, and the first chapter's title right above
        titled = k == len(before) - 1 and number == times[0] - 1 and _title_like(text)
        segments.add(number + 1, text, kind=SegmentKind.HEADING if titled else SegmentKind.META)
    for k, (at, caption) in enumerate(zip(times, captions, strict=True)):
        start = _seconds(lines[at])
        following = times[k + 1] if k + 1 < len(times) else None
        held = 1 if caption and _SOUND.match(caption[0][1]) else size  # a sound has no translation
        extra = caption[held:]
        titled = following is not None and bool(extra) and extra[-1][0] == following - 1 and _title_like(extra[-1][1])
        added = []
        for number, text in caption:
            if titled and number == extra[-1][0]:
                segments.add(number + 1, text, kind=SegmentKind.HEADING)  # the next chapter's title
            elif _SOUND.match(text) or (following is None and (number, text) in extra):
                segments.add(number + 1, text, kind=SegmentKind.META)  # a sound; the panel's words after the last
            else:
                end = _seconds(lines[following]) if following is not None else None
                added.append(segments.add(number + 1, text, start=start, end=end))
        pair_lines(segments, added, [segments[i].text for i in added])
    return Metadata(), segments.build()


def _seconds(line: str) -> float:
    return clock_seconds(line.strip())


def _lines_between(lines: list[str], begin: int, end: int) -> list[tuple[int, str]]:
    """The non-blank lines from ``begin`` up to ``end``, stripped, with their 0-based numbers."""
    return [(n, lines[n].strip()) for n in range(begin, end) if lines[n].strip()]


def _title_like(text: str) -> bool:
    return len(text) <= _MAX_TITLE and text[-1] not in CLAUSE_ENDS
