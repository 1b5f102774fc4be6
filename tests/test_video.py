"""A video's transcript panel copied (``sources/video.py``): each caption under its time alone on a line, chapter
titles above the time they start at, the panel's own words and sounds no text."""

from __future__ import annotations

from vocab import parse_document
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind

PANEL = """文字记录
在视频中搜索
0:00
[掌声]
序章 Prelude
0:05
We start with the scale.
我们先从音阶（scale）开始。
0:12
Then arpeggios, one note at a time.
然后是琶音（arpeggio），一个音一个音地弹。
指法 Fingering
1:00:30
Keep the thumb under.
拇指要穿指（thumb under）。
1:00:41
Thanks for watching.
谢谢观看。
中文（简体）
"""


def test_captions_take_their_times_and_chapters_are_headings() -> None:
    document = parse_document(PANEL, "piano.txt")
    assert document.format is InputFormat.VIDEO
    by_line = {s.line: s for s in document.segments}
    assert by_line[1].kind is SegmentKind.META and by_line[4].kind is SegmentKind.META  # the panel's words, a sound
    assert by_line[5].kind is SegmentKind.HEADING  # a chapter after a sound-only caption
    assert by_line[12].kind is SegmentKind.HEADING and by_line[12].text == "指法 Fingering"
    assert (by_line[8].start, by_line[8].end) == (5.0, 12.0)
    assert (by_line[11].start, by_line[11].end) == (12.0, 3630.0)  # times pass the hour
    assert by_line[14].aligned == by_line[15].index and by_line[14].start == 3630.0
    assert by_line[19].kind is SegmentKind.META  # the panel's language, after the last caption
    glosses = [(g.en, g.zh, g.line) for g in extract_glosses(document)]
    assert ("scale", "音阶", 8) in glosses and ("arpeggio", "琶音", 11) in glosses
    assert ("Fingering", "指法", 12) in glosses
    assert ("Prelude", "序章", 5) in glosses  # a chapter of translated captions stands for a pair, as they do


def test_a_few_times_in_notes_make_no_transcript() -> None:
    notes = "会议记录\n10:30\n讨论了缓存（cache）。\n11:00\n散会。\n"
    assert parse_document(notes, "notes.txt").format is not InputFormat.VIDEO
