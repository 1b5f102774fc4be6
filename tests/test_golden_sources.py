"""Golden files: every fixture under tests/fixtures/<format>/ read next to its expected segments.

Each ``<name>.expected.jsonl`` holds the document header (format and metadata) on its first line
and one segment per following line. Regenerate with ``VOCAB_REGEN=1 pytest tests/test_golden_sources.py``
and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from vocab import read_document
from vocab.export.records import to_record

from .conftest import FIXTURES

CASES = sorted(p for p in FIXTURES.glob("*/*") if ".expected." not in p.name and p.is_file())


def _records(path: Path) -> list[dict]:
    document = read_document(path)
    header = {"format": document.format.value, "metadata": to_record(document.metadata)}
    return [header] + [to_record(segment) for segment in document.segments]


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_fixture_reads_as_expected(path: Path) -> None:
    expected_path = path.with_name(path.stem + ".expected.jsonl")
    actual = _records(path)
    if os.environ.get("VOCAB_REGEN"):
        expected_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in actual), encoding="utf-8")
    expected = [json.loads(line) for line in expected_path.read_text(encoding="utf-8").splitlines()]
    assert actual[0] == expected[0]
    assert actual[1:] == expected[1:]


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_fixture_folder_names_its_format(path: Path) -> None:
    folder_format = {"article": "markdown"}.get(path.parent.name, path.parent.name)
    assert read_document(path).format.value == folder_format


def test_a_front_matter_date_that_is_no_day_is_kept_whole() -> None:
    from vocab import parse_document

    for written, kept in (("2026-03-04T10:30:00", "2026-03-04"), ("next tuesday", "next tuesday")):
        text = f"---\ntitle: Notes\ndate: '{written}'\n---\n\n我们用梯度下降（gradient descent）。\n"
        assert parse_document(text, "notes.md").metadata.date == kept


def test_a_front_matter_value_with_a_colon_in_it_is_read_whole_with_a_warning() -> None:
    """New-user report 13: `title: 变异检测笔记: GATK 流程` refused the whole note; its glosses, the summary's too, are
    read, the line numbers those of the file."""
    from vocab import extract_glosses, parse_document

    front = "---\ntitle: 变异检测笔记: GATK 流程\nsummary: 要点: 先做比对（alignment）\n---\n"
    text = front + "\n再做变异检测（variant calling）。\n"
    document = parse_document(text, "notes.md")
    assert document.metadata.title == "变异检测笔记: GATK 流程"
    assert [(g.line, g.en) for g in extract_glosses(document)] == [(3, "alignment"), (6, "variant calling")]
    said = "a front matter value with ': ' in it was read whole: quote it to say so"
    assert list(document.warnings) == [f"notes.md:2: {said}", f"notes.md:3: {said}"]
