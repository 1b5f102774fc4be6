"""Speakers in subtitles (``sources/subtitles.py``): a voice tag names its cue's speaker, a speaker's label marks a
change of speaker that lasts until the next label; a line's one lead-in is no speaker."""

from __future__ import annotations

from vocab import parse_document
from vocab.extract import extract_glosses

LECTURE = """1
00:00:01,000 --> 00:00:04,000
DR. OKONJO: Good morning, let's begin.
奥孔乔博士：早上好，我们开始吧。

2
00:00:04,500 --> 00:00:08,000
Today: how a heat pump moves heat uphill.
今天讲热泵（heat pump）怎么把热量往高处搬。

3
00:00:08,500 --> 00:00:11,000
STUDENT: Is that like a fridge?
学生：那和冰箱一样吗？

4
00:00:11,500 --> 00:00:15,000
DR. OKONJO: Exactly, the same refrigeration cycle.
奥孔乔博士：对，同样是制冷循环（refrigeration cycle）。

5
00:00:15,500 --> 00:00:18,000
Homework: read chapter two.
作业：读第二章。
"""


def test_a_speakers_label_names_the_speaker_until_the_next_label_and_is_no_text() -> None:
    document = parse_document(LECTURE, "lecture.srt")
    by_line = {s.line: s for s in document.segments}
    assert [(by_line[n].speaker, by_line[n].text[:6]) for n in (3, 4, 8, 13, 14, 18, 23)] == [
        ("DR. OKONJO", "Good m"), ("DR. OKONJO", "早上好，我们"), ("DR. OKONJO", "Today:"), ("STUDENT", "Is tha"),
        ("STUDENT", "那和冰箱一样"), ("DR. OKONJO", "Exactl"), ("DR. OKONJO", "Homewo"),
    ]  # fmt: skip
    assert {g.en: g.speaker for g in extract_glosses(document)} == {
        "heat pump": "DR. OKONJO",
        "refrigeration cycle": "DR. OKONJO",
    }


def test_a_label_used_twice_names_a_speaker_and_a_voice_tag_names_its_own_cue_only() -> None:
    talk = (
        "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Lina>We trace every request.\n<v Lina>我们追踪每个请求。\n\n"
        "00:03.500 --> 00:05.000\nThen we sample.\n然后再采样（sampling）。\n\n"
        "00:05.500 --> 00:07.000\nTomas: Any questions?\nTomas：有问题吗？\n\n"
        "00:07.500 --> 00:09.000\nTomas: Yes, at the back.\nTomas：好，后排。\n"
    )
    document = parse_document(talk, "talk.vtt")
    by_line = {s.line: s for s in document.segments}
    assert [(by_line[n].speaker, by_line[n].text) for n in (4, 8, 9, 12, 13)] == [
        ("Lina", "We trace every request."), (None, "Then we sample."), (None, "然后再采样（sampling）。"),
        ("Tomas", "Any questions?"), ("Tomas", "有问题吗？"),
    ]  # fmt: skip


def test_a_webvtt_header_line_gives_the_title() -> None:
    """A learner's report: subtitles were titled by their file's name though the file says what it is."""
    header = "WEBVTT - Heat pumps, lecture 2\n\n00:01.000 --> 00:03.000\nHello.\n你好。\n"
    assert parse_document(header, "lecture2.vtt").title == "Heat pumps, lecture 2"
    assert parse_document(header.replace(" - Heat pumps, lecture 2", ""), "lecture2.vtt").title == "lecture2"
