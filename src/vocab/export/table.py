"""Terminal tables with rich: colour on a terminal, plain text when piped or NO_COLOR is set."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Document, Gloss
from ..text import unwrap

if TYPE_CHECKING:
    from rich.console import Console


def make_console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def format_time(seconds: float | None) -> str:
    """``mm:ss``, or ``h:mm:ss`` past the hour; empty for no time.

    >>> format_time(3723.0), format_time(28), format_time(None)
    ('1:02:03', '00:28', '')
    """
    if seconds is None:
        return ""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def print_document(document: Document, console: Console) -> None:
    """The detected format, the metadata, then one row per segment."""
    from rich.table import Table

    meta = document.metadata
    console.print(
        f"[bold]{_escape(document.path)}[/bold]  format: {document.format.value}  encoding: {document.encoding}",
        soft_wrap=True,
    )
    for name, value in (
        ("title", meta.title),
        ("date", meta.date),
        ("show", meta.show),
        ("source", meta.source_url),
        ("author", meta.author),
        ("speakers", ", ".join(meta.speakers)),
        ("people", ", ".join(meta.people)),
        ("tags", ", ".join(meta.tags)),
    ):
        if value:
            console.print(f"  {name}: {value}", markup=False, soft_wrap=True)
    aligned = sum(1 for s in document.segments if s.aligned is not None) // 2
    console.print(f"  segments: {len(document.segments)}, aligned pairs: {aligned}")
    table = Table(show_edge=False, pad_edge=False, expand=True)
    for column in ("#", "line", "lang", "kind", "speaker", "time", "pair"):
        table.add_column(column, no_wrap=True, min_width=len(column), max_width=16, overflow="ellipsis")
    table.add_column("text", no_wrap=True, overflow="ellipsis", ratio=1)
    for s in document.segments:
        lines = str(s.line) if s.end_line == s.line else f"{s.line}-{s.end_line}"
        time = f"{format_time(s.start)}-{format_time(s.end)}" if s.start is not None else ""
        table.add_row(
            str(s.index),
            lines,
            s.lang.value,
            s.field or s.kind.value,
            s.speaker or "",
            time,
            "" if s.aligned is None else str(s.aligned),
            _escape(unwrap(s.text)),
        )
    console.print(table)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def print_glosses(glosses: list[Gloss], console: Console) -> None:
    """Per document, one row per gloss: line, the two sides, who said it when, and the sentence."""
    from itertools import groupby

    from rich.table import Table
    from rich.text import Text

    for source, group in groupby(glosses, key=lambda g: g.source):
        rows = list(group)
        console.print(Text(f"{source} — {rows[0].title}", style="bold"), soft_wrap=True)
        table = Table(show_edge=False, pad_edge=False, expand=True, show_lines=False)
        table.add_column("line", justify="right", no_wrap=True)
        table.add_column("English", style="bold cyan", min_width=10, ratio=2, overflow="fold")
        table.add_column("中文", style="bold", min_width=8, ratio=2, overflow="fold")
        table.add_column("who · when", no_wrap=True)
        table.add_column("sentence", min_width=20, ratio=5, overflow="fold")
        for gloss in rows:
            zh = gloss.zh or "—"
            if gloss.definition:
                zh = f"{zh}: {gloss.definition}"
            if gloss.kind.value == "explanation":
                zh += " (explains)"
            who = " · ".join(p for p in (gloss.speaker or "", format_time(gloss.start)) if p)
            table.add_row(str(gloss.line), Text(gloss.en), Text(zh), Text(who), Text(gloss.sentence))
        console.print(table)
    console.print(f"{len(glosses)} glosses", style="dim")


def render_glosses_csv(glosses: list[Gloss]) -> str:
    """CSV with the JSONL field names as the header row."""
    import csv
    import dataclasses
    import io

    from .jsonl import to_record

    out = io.StringIO()
    names = [f.name for f in dataclasses.fields(Gloss)]
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for gloss in glosses:
        writer.writerow(to_record(gloss))
    return out.getvalue()
