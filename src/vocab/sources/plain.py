"""Anything else: plain text, one segment per non-blank line. Never fails on text."""

from __future__ import annotations

from ..models import Metadata, Segment
from ._build import SegmentList


def detect(lines: list[str]) -> bool:
    return True


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    segments = SegmentList()
    for i, line in enumerate(lines):
        if line.strip():
            segments.add(i + 1, line.strip())
    return Metadata(), segments.build()
