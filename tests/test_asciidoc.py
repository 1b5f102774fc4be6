"""AsciiDoc (``sources/asciidoc.py``): read as the Markdown each line means, line for line: titles are headings, block
kinds, delimiters, attributes and listings are no text, a footnote's text follows the sentence it marks."""

from __future__ import annotations

from vocab import parse_document
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind

HANDBOOK = """= 帆板入门 Windsurfing Basics
:author: 陈航
:revdate: 2025-06-01
// 草稿

== 装备 Equipment

[TIP]
====
先认识桅杆底座（mast base）footnote:[也叫万向节（universal joint）。]，再装帆。
====

.装帆步骤
----
mast -> boom（不是术语）
----

* 帆杆（boom）要卡紧，见 <<safety,安全一节>>。
"""


def test_an_asciidoc_handbook_reads_as_headings_paragraphs_and_items() -> None:
    document = parse_document(HANDBOOK, "windsurf.adoc")
    assert document.format is InputFormat.ASCIIDOC
    assert (document.title, document.metadata.author, document.metadata.date) == (
        "帆板入门 Windsurfing Basics",
        "陈航",
        "2025-06-01",
    )
    by_line = {s.line: s for s in document.segments}
    assert by_line[6].kind is SegmentKind.HEADING and by_line[13].kind is SegmentKind.HEADING  # a block's title
    assert by_line[10].text == "先认识桅杆底座（mast base），再装帆。 也叫万向节（universal joint）。"
    assert not any("不是术语" in s.text or "TIP" in s.text or "author" in s.text for s in document.segments)
    glosses = [(g.en, g.zh, g.line) for g in extract_glosses(document)]
    assert glosses == [
        ("Windsurfing Basics", "帆板入门", 1),
        ("Equipment", "装备", 6),
        ("mast base", "桅杆底座", 10),
        ("universal joint", "万向节", 10),
        ("boom", "帆杆", 18),
    ]


def test_markdown_with_a_title_line_is_no_asciidoc() -> None:
    text = "# 深度学习 Deep Learning\n\n我们先讲反向传播（backpropagation）。\n"
    assert parse_document(text, "notes.md").format is not InputFormat.ASCIIDOC
