"""Timed Text (``sources/ttml.py``) and Jupyter notebooks (``sources/notebook.py``): each gloss on the line of the file
its text stands on."""

from __future__ import annotations

import json

import pytest

from vocab import parse_document
from vocab.errors import SourceError
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind

TTML = """<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:tickRate="10000000"
    ttp:frameRate="25">
  <body><div>
    <p begin="00:00:01.000" end="00:00:02:12">熔岩（lava）<br/>Lava</p>
    <p begin="30000000t" dur="2s">
      火山口（crater）
    </p>
    <p begin="5s" end="6500ms">R&amp;D 团队</p>
  </div></body>
</tt>
"""


def test_ttml_cues_take_every_kind_of_time_and_split_at_line_breaks() -> None:
    document = parse_document(TTML, "clip.ttml")
    assert document.format is InputFormat.TTML
    cues = [(s.line, s.text, s.start, s.end, s.aligned is not None) for s in document.segments]
    assert cues == [
        (5, "熔岩（lava）", 1.0, 2.48, True),  # 12 frames at 25 a second
        (5, "Lava", 1.0, 2.48, True),
        (7, "火山口（crater）", 3.0, 5.0, False),  # ticks at ten million a second, then a duration
        (9, "R&D 团队", 5.0, 6.5, False),
    ]
    assert [(g.line, g.en) for g in extract_glosses(document)] == [(5, "lava"), (7, "crater")]


def test_ttml_that_is_not_well_formed_is_refused_with_its_line() -> None:
    with pytest.raises(SourceError, match=r"clip.ttml:3: not well-formed XML"):
        parse_document(
            '<?xml version="1.0"?>\n<tt xmlns="http://www.w3.org/ns/ttml">\n<p begin="1s" end="2s">x</q>\n', "clip.ttml"
        )


def _notebook(cells: list[dict]) -> str:
    return json.dumps(
        {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, ensure_ascii=False, indent=1
    )


def test_a_notebooks_markdown_cells_are_read_on_their_lines_and_its_code_is_no_text() -> None:
    text = _notebook(
        [
            {
                "cell_type": "markdown",
                "id": "a",
                "metadata": {},
                "source": ["## 季节性 Seasonality\n", "\n", "差分（differencing）"],
            },
            {
                "cell_type": "code",
                "execution_count": 1,
                "id": "b",
                "metadata": {},
                "outputs": [{"name": "stdout", "output_type": "stream", "text": ["滞后（lag）\n"]}],
                "source": ["x = 1  # 自相关（autocorrelation）"],
            },
        ]
    )
    document = parse_document(text, "series.ipynb")
    assert document.format is InputFormat.NOTEBOOK and document.title == "季节性 Seasonality"
    lines = text.split("\n")
    glosses = [(g.en, lines[g.line - 1].strip()) for g in extract_glosses(document)]
    assert glosses == [("Seasonality", '"## 季节性 Seasonality\\n",'), ("differencing", '"差分（differencing）"')]
    assert [s.kind for s in document.segments] == [SegmentKind.HEADING, SegmentKind.BODY]


def test_a_notebook_cut_short_is_refused_with_the_line_its_json_breaks_at() -> None:
    text = _notebook([{"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# 标题\n", "正文"]}])
    with pytest.raises(SourceError, match=r"cut.ipynb:\d+: not a notebook: invalid JSON"):
        parse_document(text[:60], "cut.ipynb")


def test_a_ttml_cue_whose_times_cannot_be_read_is_skipped_with_its_times_named() -> None:
    text = '<?xml version="1.0"?>\n<tt xmlns="http://www.w3.org/ns/ttml"><body><div>\n'
    text += '<p begin="bad" end="2s">岩浆（magma）</p>\n<p begin="2s" end="3s">熔岩（lava）</p>\n</div></body></tt>\n'
    document = parse_document(text, "clip.ttml")
    assert document.warnings == ("clip.ttml:3: unreadable cue times (begin='bad' end='2s'): skipped",)
    assert [s.text for s in document.segments] == ["熔岩（lava）"]


def test_a_cell_whose_source_is_one_string_is_read_line_by_line_on_its_line_of_the_file() -> None:
    """A learner's report: a cell written as one string (valid nbformat, as some tools write it) was one line, its
    heading and paragraphs one title with `**` in it."""
    cell = {
        "cell_type": "markdown",
        "id": "a",
        "metadata": {},
        "source": "# 季节性 Seasonality\n\n差分（differencing）",
    }
    document = parse_document(_notebook([cell]), "one.ipynb")
    assert document.title == "季节性 Seasonality"
    assert [(s.kind, s.text) for s in document.segments] == [
        (SegmentKind.HEADING, "季节性 Seasonality"),
        (SegmentKind.BODY, "差分（differencing）"),
    ]
