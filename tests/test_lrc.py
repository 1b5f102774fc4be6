"""LRC (``sources/lrc.py``): each `[mm:ss.xx]` line from its time to the next, a speaker's label no text, a short line
in both languages a section's heading, a sound no text; a line and its translation in one voice aligned."""

from __future__ import annotations

from vocab import parse_document
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind

LESSON = """[ti:咖啡英语 第1课]
[ar:王老师 & Sam]
[00:00.00]咖啡英语
[00:03.00]Coffee English
[00:06.00]（音乐）
[00:09.50]王：先学 espresso（意式浓缩）。
[00:14.00]Sam: Espresso is strong.
[00:18.00]拉花 Latte Art
[00:20.25]王：奶泡（milk foam）要细。
[01:02.00][02:04.00]Sam: Pour slowly.
"""


def test_an_lrc_lesson_reads_as_timed_lines_with_speakers_and_headings() -> None:
    document = parse_document(LESSON, "coffee.lrc")
    assert document.format is InputFormat.LRC
    assert (document.title, document.metadata.author) == ("咖啡英语 第1课", "王老师 & Sam")
    by_line = {s.line: s for s in document.segments}
    assert by_line[3].aligned == by_line[4].index  # a title and its translation, one voice
    assert by_line[6].aligned is None and by_line[7].aligned is None  # two speakers: a dialogue, no translation
    assert by_line[5].kind is SegmentKind.META and by_line[8].kind is SegmentKind.HEADING
    assert (by_line[6].speaker, by_line[6].text, by_line[6].start, by_line[6].end) == (
        "王",
        "先学 espresso（意式浓缩）。",
        9.5,
        14.0,
    )
    assert by_line[10].start == 62.0 and by_line[10].speaker == "Sam"  # a line sung twice: at its first time
    glosses = [(g.en, g.zh, g.line) for g in extract_glosses(document)]
    assert glosses == [("espresso", "意式浓缩", 6), ("Latte Art", "拉花", 8), ("milk foam", "奶泡", 9)]


def test_a_few_bracketed_times_in_notes_make_no_lrc() -> None:
    notes = "会议记录\n[10:30] 讨论缓存（cache）。\n大家同意了。\n后来又聊了很多。\n散会。\n"
    assert parse_document(notes, "notes.txt").format is not InputFormat.LRC
