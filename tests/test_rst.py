"""reStructuredText (``sources/rst.py``): read as the Markdown each line means, line for line: underlined titles are
headings, directives' kinds and code are no text, roles are their text, definitions and fields are items."""

from __future__ import annotations

from vocab import parse_document
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind

PAGE = """.. _sensors:

================
传感器 Sensors
================

:description: 一页讲清楚 :term:`采样率`（sampling rate）。

采样 Sampling
-------------

读数前先做 :term:`去抖`\\ （debouncing），再看 ``read()`` 的返回值。

.. warning::

   别把 :ref:`量程 <ranges>`\\ （full scale）设得太小。

.. math::

   f_s \\geq 2 f_{max}（奈奎斯特）

``oversampling``
   过采样（oversampling）：多采几次取平均。

校准 Calibration
----------------

.. py:function:: calibrate(offset)

   :param offset: 零点偏移（zero offset）的读数。

示例::

   calibrate(0.3)  # 漂移（drift）
"""


def test_rst_page_reads_as_headings_paragraphs_and_items() -> None:
    document = parse_document(PAGE, "sensors.rst")
    assert document.format is InputFormat.RST and document.title == "传感器 Sensors"
    by_line = {s.line: s for s in document.segments}
    assert by_line[4].kind is SegmentKind.HEADING and by_line[9].kind is SegmentKind.HEADING
    assert by_line[12].text == "读数前先做 **去抖**（debouncing），再看 `read()` 的返回值。"
    assert by_line[16].text == "别把 量程（full scale）设得太小。"  # the box's kind gone, the role's target too
    assert by_line[22].text == "`oversampling`" and by_line[23].text.startswith("过采样")  # term and definition apart
    assert not any("奈奎斯特" in s.text or "漂移" in s.text or "warning" in s.text for s in document.segments)
    glosses = [(g.en, g.zh, g.line) for g in extract_glosses(document)]
    assert glosses == [
        ("Sensors", "传感器", 4),
        ("sampling rate", "采样率", 7),
        ("Sampling", "采样", 9),
        ("debouncing", "去抖", 12),
        ("full scale", "量程", 16),
        ("oversampling", "过采样", 23),
        ("Calibration", "校准", 25),
        ("zero offset", "零点偏移", 30),
    ]


def test_underlined_markdown_headings_alone_are_no_rst() -> None:
    text = "深度学习 Deep Learning\n=====================\n\n我们先讲反向传播（backpropagation）。\n"
    assert parse_document(text, "notes.md").format is not InputFormat.RST
