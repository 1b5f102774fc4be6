"""The learner's commands: review, stats, edit and known. Each opens the review store once.

Registered on the `vocab` group by ``cli.py``; like the rest of the CLI they only parse options,
call the library and turn a VocabError into one line on stderr.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click

from .cli import (
    _INPUT_FORMAT,
    _KNOWN,
    _PATHS,
    _curated,
    _data_dir,
    _exit_if_failed,
    _of_documents,
    _ranked_corpus,
    cli,
    library_errors,
)
from .text import plural

if TYPE_CHECKING:
    from .models import TermEdit
    from .rank import Term
    from .review.store import ReviewStore

_NOW = click.option(
    "--now", default=None, hidden=True, help="Pretend it is this moment (ISO 8601): for scripted sessions and tests."
)


@contextlib.contextmanager
def _store(read_only: bool = False) -> Iterator[ReviewStore]:
    """The review store of the data directory, created on first use; its errors end the command.
    ``read_only``: an existing store is only read, so commands that show things work on a read-only disk."""
    from .review.store import ReviewStore

    with library_errors():
        store = ReviewStore.in_directory(_data_dir(), create=not read_only) or ReviewStore.in_directory(_data_dir())
        assert store is not None
        with store:
            yield store


@cli.command()
@_PATHS
@_INPUT_FORMAT
@_KNOWN
@click.option(
    "--direction",
    type=click.Choice(["en-zh", "zh-en", "mixed"]),
    default="mixed",
    show_default=True,
    help="en-zh: recall the Chinese of an English term; zh-en: the other way; mixed: both, as two cards.",
)
@click.option(
    "--new", "new_per_day", type=click.IntRange(min=0), default=20, show_default=True, help="New cards a day."
)
@click.option(
    "--document", "document_filter", default=None, help="Only terms of documents whose path or title has this."
)
@click.option("--top", type=click.IntRange(min=1), default=None, help="Only the N best-ranked terms.")
@_NOW
def review(
    paths: tuple[str, ...],
    input_format: str | None,
    known_files: tuple[str, ...],
    direction: str,
    new_per_day: int,
    document_filter: str | None,
    top: int | None,
    now: str | None,
) -> None:
    """Study the ranked terms of PATHS in the terminal, scheduled by FSRS.

    Space or enter shows the answer; 1–4 grade it (again, hard, good, easy); k marks the term
    known, i ignores it, u undoes the last answer, q quits. Every answer is saved at once.
    """
    from .export.table import make_console
    from .models import CardSide
    from .review.session import ReviewSession
    from .review.terminal import key_reader, study

    corpus, terms = _ranked_corpus(paths, input_format)
    terms = _of_documents(corpus, _curated(terms, known_files), document_filter)[:top]
    if not terms:
        _exit_if_failed()  # the documents could not be read: their errors say why
        why = f"no document matches {document_filter!r}" if document_filter and corpus.documents else "no terms found"
        click.echo(f"Nothing to review: {why}.")
        return
    sides = [CardSide(direction)] if direction != "mixed" else list(CardSide)
    clock = _clock(now)
    with _store() as store:
        store.check_writable()  # a locked store is reported now, not at the first answer
        session = ReviewSession(store, terms, sides, new_per_day, clock=clock)
        with key_reader() as read_key:
            study(session, make_console(), read_key)
    _exit_if_failed()


@cli.command()
@_PATHS
@_INPUT_FORMAT
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_NOW
def stats(paths: tuple[str, ...], input_format: str | None, output_format: str, now: str | None) -> None:
    """How far you are: terms known, learning and new; reviews today; retention.

    With PATHS, also how many of their terms are new to you, and cards are counted for them only.
    """
    from .review.stats import review_stats

    terms = _ranked_corpus(paths, input_format)[1] if paths else None
    with _store(read_only=True) as store:
        figures = review_stats(store, _clock(now)(), terms)
    if output_format == "json":
        import json

        click.echo(json.dumps(figures, indent=2))
    else:
        from .export.table import make_console, print_stats

        print_stats(figures, make_console())
    _exit_if_failed()


@cli.command()
@click.argument("term")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--en", default=None, help="The English to show for the term.")
@click.option("--zh", default=None, help="The Chinese to show for the term.")
@click.option("--definition", default=None, help="The definition to show (empty to remove it).")
@click.option("--reset", is_flag=True, help="Drop your corrections of the term.")
@_INPUT_FORMAT
def edit(
    term: str,
    paths: tuple[str, ...],
    en: str | None,
    zh: str | None,
    definition: str | None,
    reset: bool,
    input_format: str | None,
) -> None:
    """Correct TERM of PATHS (default: the current folder), named by its English or a Chinese form.

    Lists, glossaries, decks and reviews use the correction from then on. The term keeps its
    identity, so its Anki note and review progress stay the same.
    """
    from .models import TermEdit

    if not reset and en is None and zh is None and definition is None:
        raise click.UsageError("give --en, --zh, --definition or --reset")
    with _store() as store:
        terms = _edited_terms(paths, input_format, store.edits())
        key = _term_named(term, terms, allow_absent=reset)
        if en is not None:
            _refuse_collision(en, key, terms)
        if reset:
            click.echo(f"{term}: corrections dropped" if store.clear_edit(key) else f"{term}: nothing to drop")
            return
        merged = store.set_edit(TermEdit(key, en, zh, definition), datetime.now(UTC))
    shown = ", ".join(f"{name} = {value!r}" for name, value in (("en", merged.en), ("zh", merged.zh),
                      ("definition", merged.definition)) if value is not None)  # fmt: skip
    click.echo(f"{term}: {shown}")


def _edited_terms(paths: tuple[str, ...], input_format: str | None, edits: dict[str, TermEdit]) -> list[Term]:
    from .known import edited

    return [edited(t, edits.get(t.key)) for t in _ranked_corpus(paths, input_format)[1]]


def _term_named(name: str, terms: list[Term], allow_absent: bool = False) -> str:
    """The identity of the term called ``name`` (any English form, shown English, or Chinese form)."""
    from .known import word_key
    from .rank import en_key, zh_key

    lang, key = word_key(name)
    if lang == "zh":
        matches = [t for t in terms if key in {zh_key(form) for form in t.zh_forms}]
    else:
        matches = [t for t in terms if key in {t.key, en_key(t.en), *(en_key(f) for f in t.en_forms)}]
    if len(matches) == 1:
        return matches[0].key
    if not matches and allow_absent and lang == "en":
        return key
    found = ", ".join(t.en for t in matches[:5])
    reason = f"names several terms ({found}): give the English" if matches else "is in no term of PATHS"
    raise click.BadParameter(f"{name} {reason}", param_hint="TERM")


def _refuse_collision(en: str, key: str, terms: list[Term]) -> None:
    """A new English that is another term's would show two terms with one name."""
    from .rank import en_key

    other = next((t for t in terms if t.key != key and en_key(en) in {t.key, en_key(t.en)}), None)
    if other is not None:
        raise click.BadParameter(
            f"{en!r} is already term #{other.rank} ({other.en} {other.zh or ''}): to keep one of them,"
            f" ignore the other (`vocab known ignore`)",
            param_hint="--en",
        )


@cli.group()
def known() -> None:
    """Words you already know: left out of lists, glossaries, decks and reviews."""


@known.command(name="add")
@click.argument("words", nargs=-1, required=True)
def known_add(words: tuple[str, ...]) -> None:
    """Mark WORDS (English or Chinese) known."""
    _mark_words(words, "known")


@known.command(name="ignore")
@click.argument("words", nargs=-1, required=True)
def known_ignore(words: tuple[str, ...]) -> None:
    """Ignore WORDS for good: not terms worth learning."""
    _mark_words(words, "ignored")


def _mark_words(words: tuple[str, ...], status: str) -> None:
    from .known import make_mark
    from .models import MarkStatus

    now = datetime.now(UTC)
    marks = list(
        {
            (m.lang, m.key): m for m in (make_mark(w, MarkStatus(status), "cli", now) for w in words if w.strip())
        }.values()
    )
    with _store() as store:
        replaced = store.set_marks(marks)
    added = [m.word for m, old in zip(marks, replaced, strict=True) if old is None or old.status != m.status]
    click.echo(f"marked {status} {len(added)}: {', '.join(added)}" if added else "nothing new")


@known.command(name="remove")
@click.argument("words", nargs=-1, required=True)
def known_remove(words: tuple[str, ...]) -> None:
    """Take back the known (or ignored) mark on WORDS."""
    from .known import word_key

    with _store() as store:
        removed = store.remove_marks(word_key(w) for w in words if w.strip())
    click.echo(
        f"removed {len(removed)}: {', '.join(m.word for m in removed)}" if removed else "none of them was marked"
    )


@known.command(name="list")
@click.option("--ignored", is_flag=True, help="List the ignored words instead.")
def known_list(ignored: bool) -> None:
    """Print your known (or ignored) words, one per line."""
    with _store(read_only=True) as store:
        marks = store.marks()
    for mark in marks:
        if (mark.status.value == "ignored") == ignored:
            click.echo(mark.word)


@known.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--min-interval",
    type=click.IntRange(min=0),
    default=21,
    show_default=True,
    help="Days a card's interval must reach.",
)
@click.option("--field", "field_name", default=None, help="Match other notes on this field only (default: any field).")
@_INPUT_FORMAT
def known_import(
    file: str, paths: tuple[str, ...], min_interval: int, field_name: str | None, input_format: str | None
) -> None:
    """Mark known the terms you learned in Anki: FILE is an .apkg, .colpkg or collection.anki2 (read only).

    Notes made by `vocab deck` match by their GUID; other notes match the terms of PATHS
    (default: the current folder) when a field's text is a term's English or Chinese.
    """
    from .known import term_mark
    from .models import Mark, MarkStatus
    from .review.anki_import import field_names, match_notes, read_anki_notes

    with library_errors():
        notes = read_anki_notes(file)
    if field_name:
        field_name = _field_of(field_name, field_names(notes), file)
    terms = _ranked_corpus(paths, input_format)[1]
    by_key = {t.key: t for t in terms}
    now = datetime.now(UTC)
    with _store() as store:
        result = match_notes(notes, terms, min_interval, field_name, store.edits())
        matched = {**result.by_field, **result.by_guid}
        marks = [
            term_mark(by_key[key], MarkStatus.KNOWN, "anki", now)
            if key in by_key
            else Mark("en", key, english, MarkStatus.KNOWN, "anki", now)
            for key, english in matched.items()
        ]
        replaced = store.set_marks(marks)
    newly = sum(old is None or old.status is not MarkStatus.KNOWN for old in replaced)
    click.echo(
        f"{file}: {plural(result.notes, 'note')}, {result.learned} learned (interval ≥ {min_interval} days); "
        f"matched {plural(len(matched), 'term')} ({len(result.by_guid)} by GUID, {len(result.by_field)} by field"
        f" text), {newly} newly marked known"
    )
    if notes and all(note.interval is None for note in notes):
        click.echo("No card in it has been studied: was it exported without scheduling information?")
    _exit_if_failed()


def _field_of(name: str, names: set[str], file: str) -> str:
    """The field the learner means: exactly, else ignoring case; a clear error otherwise."""
    if name in names:
        return name
    folded = [n for n in names if n.casefold() == name.casefold()]
    if len(folded) == 1:
        return folded[0]
    import difflib

    close = difflib.get_close_matches(name, sorted(names), n=3, cutoff=0.5)
    hint = f"did you mean {' or '.join(close)}?" if close else f"its fields: {', '.join(sorted(names))}"
    raise click.BadParameter(f"no note in {file} has a field {name!r}: {hint}", param_hint="--field")


def _clock(now: str | None):  # type: ignore[no-untyped-def]
    from .review.terminal import now_from_option

    try:
        return now_from_option(now)
    except ValueError:
        raise click.BadParameter(f"not an ISO 8601 time: {now!r}", param_hint="--now") from None
