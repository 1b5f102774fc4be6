"""The five seed documents (other people's text in ../shared) read with the facts a learner sees."""

from __future__ import annotations

from vocab import InputFormat, Lang, SegmentKind, read_document

from .conftest import seed_path


def test_transcript_seed_reads_as_147_aligned_pairs() -> None:
    document = read_document(seed_path("004"))
    assert document.format is InputFormat.TRANSCRIPT
    cues = [s for s in document.segments if s.kind is SegmentKind.BODY]
    pairs = [(s, document.aligned_segment(s)) for s in cues if s.lang is Lang.EN]
    assert len(cues) == 294
    assert len(pairs) == 147
    assert all(zh is not None and zh.lang is Lang.ZH and zh.start == en.start for en, zh in pairs)
    first_en, first_zh = pairs[0]
    assert (first_en.speaker, first_en.start, first_en.end) == ("Speaker 1", 0.0, 28.0)
    assert (first_en.line, first_zh.line) == (9, 11)
    last_en, _ = pairs[-1]
    assert (last_en.start, last_en.end) == (59 * 60 + 23, 59 * 60 + 40)
    assert {s.speaker for s in cues} == {"Speaker 1", "Speaker 2"}


def test_transcript_seed_metadata() -> None:
    meta = read_document(seed_path("004")).metadata
    assert meta.title is not None and meta.title.startswith("Ep 87: ")
    assert meta.date == "2026-05-22"
    assert meta.show == "Unsupervised Learning"
    assert meta.source_url == "https://www.youtube.com/watch?v=NQczevdpxq0"


def test_front_matter_seeds_give_metadata_and_keep_raw_lines() -> None:
    path = seed_path("000")
    document = read_document(path)
    assert document.format is InputFormat.FRONTMATTER
    meta = document.metadata
    assert meta.title is not None and meta.title.startswith("How They Became Leading AI Researchers")
    assert meta.date == "2024-03-29"
    assert meta.source_url == "https://www.youtube.com/watch?v=cPu3SecmgUU"
    assert meta.speakers == ("Dwarkesh Patel",)
    summary = next(s for s in document.segments if s.field == "summary")
    raw_lines = path.read_text(encoding="utf-8").split("\n")
    assert raw_lines[summary.line - 1].startswith("summary: ")
    assert summary.line == 31
    assert "主动性（agency）" in summary.text
    # Body lines keep their raw numbers too, past the 40 lines of front matter.
    agency = next(s for s in document.segments if "“**主动性（Agency）**”" in s.text)
    assert "主动性（Agency）" in raw_lines[agency.line - 1]


def test_folded_summary_keeps_each_raw_line() -> None:
    path = seed_path("001")
    document = read_document(path)
    meta = document.metadata
    assert (meta.date, meta.source_url, meta.speakers) == (
        "2024-03-30",
        "https://www.youtube.com/watch?v=UeI29-AdhQI",
        ("Dwarkesh Patel",),
    )
    summary = next(s for s in document.segments if s.field == "summary")
    raw_lines = path.read_text(encoding="utf-8").split("\n")
    for offset, piece in enumerate(summary.text.split("\n")):
        assert piece in raw_lines[summary.line - 1 + offset]
    assert summary.end_line == summary.line + 2


def test_parallel_seed_pairs_english_and_chinese_lines() -> None:
    document = read_document(seed_path("002"))
    assert document.format is InputFormat.PARALLEL
    pairs = [s for s in document.segments if s.lang is Lang.EN and s.aligned is not None]
    assert len(pairs) == 45
    for en in pairs:
        zh = document.aligned_segment(en)
        assert zh is not None and zh.lang is Lang.ZH and zh.line == en.line + 1
    headings = [s.line for s in document.segments if s.kind is SegmentKind.HEADING]
    assert headings == [15, 32, 49, 54, 63, 72, 87]


def test_article_seed_gives_its_speakers_and_header_fields() -> None:
    document = read_document(seed_path("003"))
    assert document.format is InputFormat.MARKDOWN
    assert document.metadata.speakers == ("主持人Sonya", "Dan Roberts", "主持人Pat")
    assert document.metadata.date == "2024-10-26"
    assert document.metadata.author is not None
    wrapped = next(s for s in document.segments if "（The Bitter\nLesson）" in s.text)
    assert wrapped.speaker == "Dan Roberts"
    assert wrapped.line_of(wrapped.text.index("（The Bitter")) == 135
