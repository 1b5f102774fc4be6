"""Records as JSON, JSON lines and CSV: dataclasses become flat dicts with their field names unchanged.

``RECORD_WRITERS`` is the registry of the formats that write one record per line or row: every
command that prints records (``extract``, ``list``, ``inspect``) offers exactly these besides its
table, so a new such format is one entry here.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from typing import Any

from ..identity import other_chinese
from ..models import Gloss, OutputFormat, ReviewStats, Term
from ..rank import explain_score
from ..text import term_pinyin

Record = dict[str, Any]


def to_record(obj: Any) -> Any:
    """A JSON-ready copy of a dataclass (recursively), with enums as their values; a field that says so is left out
    while empty (a segment's ``breaks``, which only readers of RTF and chat exports give)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            f.name: to_record(getattr(obj, f.name))
            for f in dataclasses.fields(obj)
            if getattr(obj, f.name) or not f.metadata.get("omit_empty")
        }
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, (list, tuple)):
        return [to_record(item) for item in obj]
    if isinstance(obj, dict):
        return {key: to_record(value) for key, value in obj.items()}
    return obj


def render_json_line(record: Record) -> str:
    """One compact JSON object, non-ASCII kept readable."""
    return json.dumps(record, ensure_ascii=False, separators=(", ", ": "))


def render_json(value: Any) -> str:
    """One indented JSON document, non-ASCII kept readable."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def render_json_by_line(value: dict[str, Any], sort_keys: bool = False) -> str:
    """A JSON object with each of its values, and each item of a list, on a line of its own: as readable in a diff
    as ``render_json``, and encoded by json's C encoder (indenting runs in Python: 0.1 s for a library's state)."""

    line = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), sort_keys=sort_keys).encode  # made once
    if sort_keys:
        value = dict(sorted(value.items()))
    parts = [
        f"  {line(name)}: [\n    " + ",\n    ".join(map(line, item)) + "\n  ]" if isinstance(item, list) and item else
        f"  {line(name)}: {line(item)}"
        for name, item in value.items()
    ]  # fmt: skip
    return "{\n" + ",\n".join(parts) + "\n}\n"


def render_jsonl(records: Iterable[Record], fields: Sequence[str] | None = None) -> str:
    return "".join(render_json_line(record) + "\n" for record in records)


def render_csv(records: Iterable[Record], fields: Sequence[str] | None = None) -> str:
    """CSV with a header row: ``fields``, else the first record's keys (nothing at all for no records
    and no fields). A list becomes its items joined by ``; ``, a mapping its JSON (a script reads it back)."""
    records = list(records)
    names = list(fields) if fields else list(records[0]) if records else []
    out = io.StringIO()
    if names:
        writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({k: _cell(v) for k, v in record.items()})
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value


RECORD_WRITERS: dict[OutputFormat, Callable[[Iterable[Record], Sequence[str] | None], str]] = {
    OutputFormat.JSONL: render_jsonl,
    OutputFormat.CSV: render_csv,
}
GLOSS_FIELDS = tuple(f.name for f in dataclasses.fields(Gloss))


def render_records(records: Iterable[Record], fmt: OutputFormat, fields: Sequence[str] | None = None) -> str:
    """``records`` in one of the RECORD_WRITERS formats."""
    return RECORD_WRITERS[fmt](records, fields)


def term_record(term: Term, explain: bool = False) -> Record:
    """One term as a flat record for `vocab list --format jsonl|csv`."""
    first = term.first
    record: Record = {
        "rank": term.rank,
        "en": term.en,
        "zh": term.zh,
        "pinyin": term_pinyin(term),
        "other_zh": other_chinese(term.zh_forms, term.zh),  # its other words, as the table and the cards show them
        "definition": term.definition,
        "count": term.count,
        "documents": len(term.documents),
        "zipf_en": term.zipf_en,
        "zipf_zh": term.zipf_zh,
        "score": term.score,
        "source": first.source,
        "line": first.line,
        "url": first.url,
        "sentence": first.sentence,
        "sentence_en": first.sentence_en,
    }
    if explain:
        record |= {"glossed": term.glossed, "unglossed": term.unglossed} | dataclasses.asdict(explain_score(term))
        # where counting found it: the first line of each utterance, once per mention (a gloss a heading or title
        # holds is counted by the gloss, not here)
        where = zip(term.documents, term.mention_lines, strict=True)
        record["mentions"] = {path: list(lines) for path, lines in where if lines}
    return record


def stats_record(stats: ReviewStats) -> Record:
    """The figures as one flat record (`vocab stats --format json`): the corpus's only with PATHS."""
    record: Record = {
        name: getattr(stats, name) for name in ReviewStats.__dataclass_fields__ if name != "corpus"
    }
    if stats.corpus is not None:
        record |= {"terms": stats.corpus.terms, "terms_known": stats.corpus.terms_known, "new": stats.corpus.new}
    return record
