"""Jupyter notebooks (``.ipynb``) as Jupyter saves them: JSON whose markdown cells are read as Markdown
(``markdown.read_body``), each line of a cell's source on the line of the file its string stands on (Jupyter writes
one string per line), so a gloss's line is the file's. Code cells, their outputs and raw cells are no text, as a
Markdown file's code blocks are; the first heading names the notebook.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from ..errors import SourceError
from ..models import Metadata, Segment, SegmentKind
from . import markdown
from ._build import SegmentList, json_refusal, opens_json

_SOURCE = re.compile(r'"source"\s*:\s*')
_DECODER = json.JSONDecoder()


def detect(lines: list[str]) -> bool:
    """JSON with a list of cells and a notebook format number."""
    return opens_json(lines, "{") and _notebook("\n".join(lines)) is not None


def refusal(lines: list[str], path: str) -> SourceError:
    """Why the text is no notebook, naming the line where its JSON breaks (a file cut short)."""
    return json_refusal(lines, path, "not a notebook", "`cells` and `nbformat`")


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    text = "\n".join(lines).lstrip("\ufeff")
    cells = _notebook(text)
    if cells is None:
        raise refusal(lines, path)
    starts = [0, *(m.end() for m in re.finditer("\n", text))]  # where each line of the file starts
    segments = SegmentList()
    at = 0
    for cell in cells:
        found = _SOURCE.search(text, at)
        if found is None:
            break
        pieces, at = _strings(text, found.end())
        if cell.get("cell_type") != "markdown" or not pieces:
            continue
        # each cell read alone (a paragraph never runs into the next cell), its lines on the file's
        first = bisect.bisect_right(starts, pieces[0][0])
        placed = [""] * (bisect.bisect_right(starts, pieces[-1][0]) - first + 1)
        for position, piece in pieces:
            offset = bisect.bisect_right(starts, position) - first
            if placed[offset]:  # a source written as one string: all its lines on one line of the file
                markdown.read_body([placed[offset]], first + offset, segments)
            placed[offset] = piece.rstrip("\n")
        markdown.read_body(placed, first, segments)
    heading = next((s for s in segments.build() if s.kind is SegmentKind.HEADING), None)
    return Metadata(title=heading.text if heading else None), segments.build()


def _notebook(text: str) -> list[dict[str, Any]] | None:
    """The notebook's cells, or None for JSON that is no notebook."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except ValueError:
        return None
    if not isinstance(data, dict) or "nbformat" not in data or not isinstance(data.get("cells"), list):
        return None
    return [cell for cell in data["cells"] if isinstance(cell, dict)]


def _strings(text: str, at: int) -> tuple[list[tuple[int, str]], int]:
    """The strings of the source at ``at`` — a list of strings, or one string — each with the offset it starts at in
    the file, and the offset after the source."""
    while text[at].isspace():
        at += 1
    if text[at] == '"':
        value, end = _DECODER.raw_decode(text, at)
        return [(at, line) for line in str(value).split("\n")], end
    pieces: list[tuple[int, str]] = []
    at += 1  # past `[`
    while True:
        while text[at] in " \t\r\n,":
            at += 1
        if text[at] == "]":
            return pieces, at + 1
        value, end = _DECODER.raw_decode(text, at)
        pieces.append((at, str(value)))
        at = end
