"""Extraction cases kept as data in tests/cases/*.json (positives, boundaries, negatives, known weaknesses).

Each case: ``label``, ``text``, optional ``path`` (its extension picks the reader; default ``case.txt``
read as plain text), ``expected`` (the glosses, in order, with the fields worth checking), and
``expect``: ``pass`` (default) or ``fail`` for a known weakness, run as ``xfail(strict=True)`` so
that a fix forces the case to move.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vocab import parse_document
from vocab.export.records import to_record
from vocab.extract import extract_glosses

CASES_DIR = Path(__file__).parent / "cases"


def _load() -> list:
    params = []
    for path in sorted(CASES_DIR.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            marks = [pytest.mark.xfail(strict=True, reason=case.get("why", ""))] if case.get("expect") == "fail" else []
            params.append(pytest.param(case, id=f"{path.stem}: {case['label']}", marks=marks))
    return params


@pytest.mark.parametrize("case", _load())
def test_case(case: dict) -> None:
    path = case.get("path", "case.txt")
    document = parse_document(case["text"], path, case.get("input_format"))
    found = [to_record(g) for g in extract_glosses(document)]
    expected = case["expected"]
    assert [(g["en"], g["zh"]) for g in found] == [(e["en"], e["zh"]) for e in expected]
    for got, want in zip(found, expected, strict=True):
        for key, value in want.items():
            assert got[key] == value, (key, got)
