"""Tables saved as CSV or TSV — a study spreadsheet, a word list kept in a sheet, a flashcard app's export — each line
of each cell one segment, on its line, in its own language: an English example sentence beside a Chinese term
(`分期付款（installment plan）,"Pay the full statement balance (账单金额) …"`) is English prose, whose clause is no
term, not an English run inside a Chinese line.

The delimiter is the file's: a tab in a `.tsv`, else whichever of comma, semicolon and tab the first line splits on
(outside quotes). Quoted cells may hold delimiters, quotes (doubled) and line breaks. Anki's export header lines
(`#separator:tab`, `#html:true`) are no text. A file is read as a table only when named so (`.csv`, `.tsv`) or with
``--input-format table``: its text alone looks like prose with commas.
"""

from __future__ import annotations

import csv
import io
import re

from ..models import Lang, Metadata, Segment
from ._build import SegmentList

SUFFIXES = (".csv", ".tsv")
_CARRIAGE_RETURN = "\ue000"  # a stray one stands for this while the csv module reads (it would end a row)
_DELIMITERS = ",;\t"
_ANKI_HEADER = re.compile(r"^#[a-z ]+:")  # `#separator:tab`, `#html:true`, `#notetype column:1`


def detect(lines: list[str]) -> bool:
    """Never from the text alone (prose has commas too): a table is known by its name or ``--input-format``."""
    return False


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    header = 0
    while header < len(lines) and _ANKI_HEADER.match(lines[header]):
        header += 1
    body = [line.replace("\r", _CARRIAGE_RETURN) for line in lines[header:]]  # a stray one ends no row
    csv.field_size_limit(max(csv.field_size_limit(), sum(map(len, body))))  # a long cell is the document's: no error
    reader = csv.reader(io.StringIO("\n".join(body), newline=""), delimiter=_delimiter(body, path))
    segments = SegmentList()
    consumed = 0  # lines the reader has taken so far (it is lenient: a stray quote is text, never an error)
    for row in reader:
        line = header + consumed + 1
        for cell in row:
            added = [
                segments.add(line + k, piece.strip())
                for k, text in enumerate(cell.split("\n"))  # a break inside a cell is the author's: a line of its own
                for piece in text.split(_CARRIAGE_RETURN)  # and a stray carriage return's: a piece of its own
                if piece.strip()
            ]
            if len(added) == 2 and {segments[i].lang for i in added} == {Lang.EN, Lang.ZH}:
                segments.align(*added)  # `我的卡一年刷满 6 次就免年费。⏎My card waives the annual fee…`: a pair
            line += cell.count("\n")
        consumed = reader.line_num
    return Metadata(), segments.build()


def _delimiter(lines: list[str], path: str) -> str:
    """A tab for a `.tsv`; else the delimiter the first non-blank line has most of, outside quotes (a comma if none)."""
    if path.lower().endswith(".tsv"):
        return "\t"
    first = next((line for line in lines if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {mark: unquoted.count(mark) for mark in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda mark: counts[mark])
    return best if counts[best] else ","
