"""Terminal tables with rich: colour on a terminal, plain text when piped or NO_COLOR is set.

Printers only: what they print comes ready from the library (records, score parts, stats).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..extract import HEADING_RULE
from ..models import Document, Gloss, ReviewStats, Term
from ..rank import RARITY_FLOOR, SCORE_FORMULA, explain_score
from ..text import format_time, plural, unwrap
from .cards import chinese_and_pinyin

if TYPE_CHECKING:
    from collections.abc import Sequence, Set
    from pathlib import Path

    from rich.console import Console


def make_console(stderr: bool = False, width: int | None = None) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)


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
    """Per document, one row per gloss: line, the two sides, who said it when, and the sentence. On a terminal the
    table fits its width; piped, each gloss is one line however long, as `vocab list` does (an 80-column table
    folded `（c` / `olony）` into a file: new-user report 18), in columns padded here (rich took 8 s to lay out the
    21,000 glosses of 300 episodes)."""
    from itertools import groupby

    from rich import box
    from rich.table import Table
    from rich.text import Text

    plain = not console.is_terminal or bool(os.environ.get("NO_COLOR"))
    for source, group in groupby(glosses, key=lambda g: g.source):
        rows = list(group)
        cells = [_gloss_cells(gloss) for gloss in rows]
        if plain:
            console.file.write(f"{source} — {rows[0].title}\n" + _columns(_GLOSS_HEADERS, cells))
            continue
        console.print(Text(f"{source} — {rows[0].title}", style="bold"), soft_wrap=True)
        table = Table(show_edge=False, pad_edge=False, expand=True, box=box.HEAVY_HEAD)
        table.add_column("line", justify="right", no_wrap=True)
        # A ratio of the room, and at least a width (which rich takes for the least of a column given a ratio): the
        # English as wide as its longest word, up to a point (an 80-column terminal cut `reinforcement` in two).
        english = min(max((len(word) for gloss in rows for word in gloss.en.split()), default=10), _LONGEST_WORD)
        table.add_column("English", style="bold cyan", width=max(english, 10), ratio=2, overflow="fold")
        table.add_column("中文", style="bold", width=8, ratio=2, overflow="fold")
        table.add_column("who · when", no_wrap=True)
        table.add_column("sentence", width=20, ratio=5, overflow="fold")
        for row in cells:
            table.add_row(*map(Text, row))
        console.print(table)
    if plain:
        console.file.write(f"{len(glosses)} glosses\n")
    else:
        console.print(f"{len(glosses)} glosses", style="dim")


_GLOSS_HEADERS = ("line", "English", "中文", "who · when", "sentence")


def _gloss_cells(gloss: Gloss) -> tuple[str, str, str, str, str]:
    zh = gloss.zh or "—"
    if gloss.definition:
        zh = f"{zh}: {gloss.definition}"
    if gloss.kind.value == "explanation":
        zh += " (explains)"
    if gloss.rule == HEADING_RULE:  # a title and its translation: context, not a term (`vocab list` leaves it out)
        zh += " (heading)"
    who = " · ".join(p for p in (gloss.speaker or "", format_time(gloss.start)) if p)
    return str(gloss.line), gloss.en, zh, who, " ".join(unwrap(gloss.sentence).split())


def _columns(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """``rows`` under ``headers`` in columns two spaces apart, each as wide as its widest cell on a terminal (Chinese
    takes two columns), the first right-aligned: plain text for a file or a pipe."""
    from rich.cells import cell_len

    widths = [max(cell_len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = [" " * (widths[0] - cell_len(cells[0])) + cells[0]]
        padded += [cell + " " * (width - cell_len(cell)) for cell, width in zip(cells[1:-1], widths[1:-1], strict=True)]
        return "  ".join([*padded, cells[-1]]).rstrip() + "\n"

    return "".join(line(cells) for cells in (headers, *rows))


_LONGEST_WORD = 24  # columns an English word may ask of a table before it is cut


def print_terms(terms: list[Term], console: Console, explain: bool = False) -> None:
    """The ranked terms: a boxed, coloured table on a terminal, plain columns otherwise."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    plain = not console.is_terminal or bool(os.environ.get("NO_COLOR"))
    if plain:  # one line per term, however wide: for files, pipes and grep
        console = make_console(stderr=console.stderr, width=10_000)
    headers = ["#", "term", "中文", "pinyin", "count", "docs", "Zipf"]
    headers += ["glossed", "unglossed", "freq", "spread", "rarity"] if explain else []
    headers.append("score")
    rows = [_term_row(term, explain) for term in terms]
    # Every column but the context is as wide as its widest cell: numbers and terms are never cut.
    widths = [
        max([console.measure(Text(header)).maximum] + [console.measure(Text(r[k])).maximum for r in rows])
        for k, header in enumerate(headers)
    ]
    shown = _columns_that_fit(headers, widths, console.width - (0 if explain else 16))
    table = Table(box=None if plain else box.SIMPLE_HEAD, pad_edge=False)
    for k in shown:
        header = headers[k]
        numeric = header in ("#", "count", "docs", "Zipf", "freq", "spread", "rarity", "score")
        style = {"term": "bold cyan", "中文": "bold"}.get(header, "")
        table.add_column(header, justify="right" if numeric else "left", no_wrap=True, min_width=widths[k], style=style)
    if not explain:  # the context takes what is left of the line, and is cut with an ellipsis
        used = sum(widths[k] + 3 for k in shown)
        table.add_column(
            "first context", no_wrap=True, overflow="ellipsis", max_width=max(console.width - used - 6, 12)
        )
    for term, row in zip(terms, rows, strict=True):
        cells = [Text(row[k]) for k in shown] + ([] if explain else [Text(term.first.sentence)])
        table.add_row(*cells)
    console.print(table)
    if explain:
        console.print(f"score = {SCORE_FORMULA} = freq × spread × ({RARITY_FLOOR:g} + rarity)", style="dim")


def _term_row(term: Term, explain: bool) -> list[str]:
    zipf = f"{term.zipf_en:.1f}" + (f"/{term.zipf_zh:.1f}" if term.zipf_zh is not None else "")
    chinese, pinyin = chinese_and_pinyin(term, term.zh)  # 归一化 beside 标准化
    row = [str(term.rank), term.en, chinese or "—", pinyin, str(term.count)]
    row += [str(len(term.documents)), zipf]
    if explain:
        parts = explain_score(term)
        row += [
            str(term.glossed),
            str(term.unglossed),
            f"{parts.frequency:.2f}",
            f"{parts.spread:.2f}",
            f"{parts.rarity:.2f}",  # 0 to 1: what the footer adds the floor to
        ]
    return row + [f"{term.score:.3f}"]


def _columns_that_fit(headers: list[str], widths: list[int], room: int) -> list[int]:
    """The columns to show: on a narrow terminal the least needed go (Zipf, then docs, then pinyin: the reading is
    part of the term, what a learner of Chinese reads first)."""
    shown = list(range(len(headers)))
    for droppable in ("Zipf", "docs", "pinyin"):
        if sum(widths[k] + 3 for k in shown) <= room:
            break
        shown.remove(headers.index(droppable))
    return shown


def print_build_summary(
    figures: tuple[int, int, int, int],
    new: Sequence[Term],
    written: Sequence[Path],
    console: Console,
    up_to_date: bool = False,
    deck: tuple[Path, int] | None = None,
    as_they_were: Set[Path] = frozenset(),
) -> None:
    """One screen after `vocab build`: what was read, found and written (``figures``: documents, glosses,
    terms, errors; ``written``: the glossaries; ``deck``: the deck and its notes; ``up_to_date``: nothing was, the
    files are as the last build wrote them; ``as_they_were``: the files this build found already as it would write
    them, and left), and the top ``new`` terms. Piped, each line stays one line, however long (for logs and grep)."""
    from rich.text import Text

    if not console.is_terminal:
        console = make_console(stderr=console.stderr, width=10_000)
    documents, glosses, terms, errors = figures
    console.print(Text("vocab build", style="bold"))
    console.print(
        f"  documents {documents}   glosses {glosses}   terms {terms}   new terms {len(new)}   errors {errors}"
    )
    verb = "up to date:" if up_to_date else "wrote"
    if written:
        changed = sum(path not in as_they_were for path in written)
        count = f"{changed} of {len(written)}" if 0 < changed < len(written) else str(len(written))
        said = "kept" if not changed and not up_to_date else verb
        into = "to" if said == "wrote" else "in"
        console.print(f"  {said} {count} glossaries {into} {written[-1].parent}/ (corpus: {written[-1].name})")
    if deck and deck[0] in as_they_were and not up_to_date:
        console.print(f"  kept the Anki deck {deck[0]} ({deck[1]} notes) as it was: nothing new to import")
    elif deck:
        console.print(f"  {verb} the Anki deck {deck[0]} ({deck[1]} notes)")
    if up_to_date:
        console.print("  nothing changed since the last build: no document read, no file written")
    if new:
        console.print("  top new terms: " + ", ".join(f"{t.en} {t.zh or ''}".strip() for t in new[:10]))


def print_stats(stats: ReviewStats, console: Console) -> None:
    """`vocab stats` as a short table: terms, cards, today, retention."""
    from rich.table import Table

    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    known = plural(stats.known, "word")
    if stats.corpus is not None:
        known += f" ({stats.corpus.terms_known} of these terms)"
    steps = f"{stats.cards_learning} in learning steps, {stats.cards_mature} mature"
    cards = f"{plural(stats.cards, 'card')} ({steps})"
    corpus = stats.corpus
    rows = [
        ("known", known),
        ("ignored", plural(stats.ignored, "word")),
        ("learning", f"{plural(stats.learning, 'term')}, {cards}"),
        *([("new", f"{corpus.new} of {plural(corpus.terms, 'term')} not studied yet")] if corpus else []),
        ("due", f"{plural(stats.due_today, 'card')} today, {stats.due_tomorrow} tomorrow"),
        ("today", f"{plural(stats.reviews_today, 'review')}, {plural(stats.new_today, 'new card')}"),
        (
            "retention",
            f"{stats.retention:.0%} of {plural(stats.retention_reviews, 'review')} in 30 days"
            if stats.retention is not None
            else "no reviews of cards past their learning steps yet",
        ),
    ]
    for label, value in rows:
        table.add_row(label, value)
    console.print(table)
