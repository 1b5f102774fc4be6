"""Subtitles kept as JSON (``sources/json_subtitles.py``): Bilibili's ``body``, Whisper's ``segments`` and YouTube's
json3 ``events`` read as SRT cues are, each cue on the line its text stands on."""

from __future__ import annotations

import json

import pytest

from vocab import parse_document
from vocab.errors import SourceError
from vocab.extract import extract_glosses
from vocab.models import InputFormat

WHISPER = {
    "text": " 整段文字（whole text）",
    "segments": [
        {"id": 0, "start": 0.0, "end": 2.5, "text": " 今天讲注意力（attention）", "speaker": "SPEAKER_00"},
        {"id": 1, "start": 2.5, "end": 5.0, "text": " 还有残差连接（residual connection）", "speaker": "SPEAKER_01"},
    ],
    "language": "zh",
}


def test_whisper_segments_are_cues_with_times_speakers_and_their_own_lines() -> None:
    document = parse_document(json.dumps(WHISPER, ensure_ascii=False, indent=2), "talk.json")
    assert document.format is InputFormat.JSON
    cues = [(s.line, s.text, s.start, s.end, s.speaker) for s in document.segments]
    assert cues == [
        (8, "今天讲注意力（attention）", 0.0, 2.5, "SPEAKER_00"),
        (15, "还有残差连接（residual connection）", 2.5, 5.0, "SPEAKER_01"),
    ]
    assert [(g.line, g.en) for g in extract_glosses(document)] == [(8, "attention"), (15, "residual connection")]


def test_a_bilibili_cue_of_two_languages_is_a_pair_and_one_language_wrapped_is_one_line() -> None:
    body = [
        {"from": 1, "to": 2, "content": "损失函数（loss function）\nThe loss function"},
        {"from": 2, "to": 4.5, "content": "要先\n归一化（normalize）"},
    ]
    document = parse_document(json.dumps({"body": body}, ensure_ascii=False), "video.json")
    first, second, third = document.segments
    assert (first.aligned, second.aligned) == (second.index, first.index)
    assert (third.text, third.line, third.start, third.end) == ("要先归一化（normalize）", 1, 2.0, 4.5)


def test_youtube_json3_events_give_times_in_milliseconds_and_text_in_pieces() -> None:
    events = [
        {"tStartMs": 0, "dDurationMs": 0, "id": 1, "wpWinPosId": 1},
        {"tStartMs": 1500, "dDurationMs": 2000, "segs": [{"utf8": "嵌入"}, {"utf8": "（embedding）"}]},
    ]
    document = parse_document(json.dumps({"events": events}, ensure_ascii=False, indent=1), "clip.json")
    (cue,) = document.segments
    assert (cue.text, cue.start, cue.end) == ("嵌入（embedding）", 1.5, 3.5)


def test_a_json_file_without_cues_read_as_json_is_refused() -> None:
    with pytest.raises(SourceError, match="no subtitle cues"):
        parse_document('{"name": "podcast", "episodes": 12}\n', "feed.json", input_format="json")


def test_a_numbered_cue_in_both_languages_is_a_chapters_heading() -> None:
    """A video's chapter card, `02 定中心 Centering`, stands as a cue of its own: a heading, not a line spoken."""
    body = [
        {"from": 0, "to": 2, "content": "02 上釉 Glazing"},
        {"from": 2, "to": 5, "content": "先把釉料（glaze）搅匀\nStir the glaze first"},
    ]
    document = parse_document(json.dumps({"body": body}, ensure_ascii=False, indent=1), "pots.json")
    assert [s.kind.value for s in document.segments] == ["heading", "body", "body"]
    pairs = [(g.en, g.zh) for g in extract_glosses(document)]
    assert ("Glazing", "上釉") in pairs and ("glaze", "釉料") in pairs


def test_a_json_file_that_is_no_subtitles_is_refused_and_never_read_as_text() -> None:
    """A learner's report: a package.json, a yt-dlp .info.json and a Bilibili file cut short were read as plain text;
    each is refused with its reason, the line where broken JSON breaks."""
    with pytest.raises(SourceError, match=r"feed.json:1: no subtitles: JSON with no subtitle cues"):
        parse_document('{"title": "第 3 期（ep. 3）", "duration": 3120}\n', "feed.json")
    cut = '{\n "body": [\n  {"from": 1, "to": 2, "content": "嵌入（embedding）"},\n  {"from": 2, "to'
    with pytest.raises(SourceError, match=r"cut.json:4: no subtitles: invalid JSON"):
        parse_document(cut, "cut.json")
