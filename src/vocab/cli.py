"""The `vocab` command: parse options, loop over documents, report errors. Nothing else.

Each command is a thin client of one library call; a VocabError for one document becomes
``Error: path:line: message`` on stderr, the other documents go on, and the exit code is 1
at the end if any document failed.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .errors import VocabError
from .models import Document, InputFormat

if TYPE_CHECKING:
    from .corpus import Corpus
    from .rank import Term


def _output_format(choices: list[str], default: str, help_text: str):  # type: ignore[no-untyped-def]
    """`--format`: always the output format (the input's is --input-format)."""
    return click.option(
        "--format", "output_format", type=click.Choice(choices), default=default, show_default=True, help=help_text
    )


_FILES = click.argument("files", nargs=-1, required=True, type=click.Path())
_INPUT_FORMAT = click.option(
    "--input-format",
    type=click.Choice([f.value for f in InputFormat]),
    default=None,
    help="Read the files in this format instead of detecting it.",
)


@dataclass
class _Run:
    """What one invocation shares between the group and its command."""

    data_dir: str | None = None
    errors: list[str] = field(default_factory=list)  # any of them makes the exit code 1


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vocab")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Where vocab keeps your known words (default: $VOCAB_HOME, else your user data folder).",
)
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None) -> None:
    """Learn the AI/tech vocabulary of your own bilingual podcasts, summaries and subtitles."""
    ctx.obj = _Run(data_dir=data_dir)


@cli.command()
@_FILES
@_INPUT_FORMAT
@_output_format(
    ["table", "jsonl", "json"],
    "table",
    "table: metadata and one row per segment; jsonl: one object per segment; json: the whole document.",
)
def inspect(files: tuple[str, ...], input_format: str | None, output_format: str) -> None:
    """Show how vocab reads FILES: detected format, metadata and segments."""
    from .export.jsonl import render_json_line, to_record

    console = None
    for document in _read_documents(files, input_format):
        if output_format == "json":
            click.echo(render_json_line(to_record(document)))
        elif output_format == "jsonl":
            for segment in document.segments:
                click.echo(render_json_line({"source": document.path, **to_record(segment)}))
        else:
            from .export.table import make_console, print_document

            console = console or make_console()
            print_document(document, console)
    _exit_if_failed()


@cli.command()
@_FILES
@_INPUT_FORMAT
@_output_format(
    ["table", "jsonl", "csv"], "table", "table: for reading; jsonl: one object per gloss; csv: one row per gloss."
)
@click.option("--trace", is_flag=True, help="Also list every bracket pair and the rule that accepted or rejected it.")
def extract(files: tuple[str, ...], input_format: str | None, output_format: str, trace: bool) -> None:
    """Print every bilingual gloss in FILES, in document order, with its context."""
    from .export.jsonl import render_json_line, to_record
    from .extract import extract_glosses, trace_decisions

    rows = []
    for document in _read_documents(files, input_format):
        glosses = list(extract_glosses(document))
        if output_format == "jsonl":
            for gloss in glosses:
                click.echo(render_json_line(to_record(gloss)))
        else:
            rows.extend(glosses)
        if trace:
            for decision in trace_decisions(document):
                verdict = decision.rule or "no rule"
                click.echo(f"trace: {document.path}:{decision.line}: {decision.bracket[:60]!r} -> {verdict}", err=True)
    if output_format == "csv":
        from .export.table import render_glosses_csv

        click.echo(render_glosses_csv(rows), nl=False)
    elif output_format == "table":
        from .export.table import make_console, print_glosses

        print_glosses(rows, make_console())
    _exit_if_failed()


def _read_documents(files: tuple[str, ...], input_format: str | None) -> Iterator[Document]:
    """Each readable document in turn; each unreadable one is reported and skipped."""
    from .corpus import read_documents

    return read_documents(files, input_format, on_error=lambda error: _report(str(error)))


def _report(message: str) -> None:
    click.get_current_context().find_root().obj.errors.append(message)
    click.echo(f"Error: {message}", err=True)


@contextlib.contextmanager
def library_errors() -> Iterator[None]:
    """A library error that stops the whole command (an output that cannot be written): one line, exit 1."""
    try:
        yield
    except VocabError as error:
        raise click.ClickException(str(error)) from None


def _exit_if_failed() -> None:
    if click.get_current_context().find_root().obj.errors:
        sys.exit(1)


_PATHS = click.argument("paths", nargs=-1, type=click.Path())
_KNOWN = click.option(
    "--known",
    "known_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A file of words you know, one per line, either language (repeatable).",
)
_INCLUDE_KNOWN = click.option("--include-known", is_flag=True, help="Keep known words in the output.")
_DEFAULT_OUT = "glossaries"


def _corpus_options(command):  # type: ignore[no-untyped-def]
    """PATHS, --input-format, --known and --include-known: what every corpus command takes."""
    for option in (_INCLUDE_KNOWN, _KNOWN, _INPUT_FORMAT, _PATHS):
        command = option(command)
    return command


_CARDS = click.option(
    "--cards",
    default=",".join(("en-zh", "zh-en", "cloze")),
    show_default=True,
    help="Card types per note, comma-separated: en-zh, zh-en, cloze.",
)
_DECK = click.option("--deck", "deck_name", default="vocab", show_default=True, help="The deck's name in Anki.")
_SPLIT = click.option(
    "--split",
    type=click.Choice(["none", "show", "document"]),
    default="none",
    show_default=True,
    help="Subdecks: one per show (vocab::<show>) or per episode (vocab::<show>::<episode>).",
)


@cli.command(name="list")
@_corpus_options
@click.option("--top", type=click.IntRange(min=1), default=None, help="Show only the first N terms.")
@click.option(
    "--sort",
    type=click.Choice(["score", "count", "rarity", "alpha"]),
    default="score",
    show_default=True,
    help="Order of the terms.",
)
@click.option(
    "--document", "document_filter", default=None, help="Only terms of documents whose path or title has this."
)
@click.option(
    "--min-zipf", type=float, default=None, help="Only terms at least this frequent in English (wordfreq Zipf)."
)
@click.option("--max-zipf", type=float, default=None, help="Only terms at most this frequent in English.")
@_output_format(["table", "jsonl", "csv"], "table", "table: for reading; jsonl and csv: one record per term.")
@click.option("--explain", is_flag=True, help="Show each part of each term's score.")
def list_terms(
    paths: tuple[str, ...],
    input_format: str | None,
    known_files: tuple[str, ...],
    include_known: bool,
    top: int | None,
    sort: str,
    document_filter: str | None,
    min_zipf: float | None,
    max_zipf: float | None,
    output_format: str,
    explain: bool,
) -> None:
    """Rank the terms of PATHS (files or folders; default: the current folder) and list them."""
    corpus, terms = _ranked_corpus(paths, input_format)
    terms = _curated(terms, known_files, include_known)
    terms = _of_documents(corpus, terms, document_filter)
    if min_zipf is not None:
        terms = [t for t in terms if t.zipf_en >= min_zipf]
    if max_zipf is not None:
        terms = [t for t in terms if t.zipf_en <= max_zipf]
    orders = {
        "count": lambda t: (-t.count, t.rank),
        "rarity": lambda t: (-t.rarity, t.rank),
        "alpha": lambda t: (t.en.casefold(), t.rank),
    }
    if sort in orders:
        terms = sorted(terms, key=orders[sort])
    terms = terms[:top] if top else terms
    from .export.table import make_console, print_terms, term_record

    records = [term_record(t, explain) for t in terms]
    if output_format == "jsonl":
        from .export.jsonl import render_jsonl

        click.echo(render_jsonl(records), nl=False)
    elif output_format == "csv":
        from .export.table import render_records_csv

        click.echo(render_records_csv(records), nl=False)
    else:
        print_terms(terms, make_console(), explain)
    _exit_if_failed()


@cli.command()
@_corpus_options
@click.option(
    "--out",
    default=_DEFAULT_OUT,
    show_default=True,
    help="Folder for the glossaries; `-` prints them to standard output instead.",
)
@_output_format(["md", "csv", "json"], "md", "The glossaries' format.")
def glossary(
    paths: tuple[str, ...],
    input_format: str | None,
    known_files: tuple[str, ...],
    include_known: bool,
    out: str,
    output_format: str,
) -> None:
    """Write a glossary per document of PATHS, and one for them all."""
    from .export.glossary import render_glossary, write_glossaries

    skip = () if out == "-" else (Path(out),)
    corpus, terms = _ranked_corpus(paths, input_format, skip=skip)
    terms = _curated(terms, known_files, include_known)
    if out == "-":
        for document in corpus.documents:
            click.echo(render_glossary(document, terms, output_format), nl=False)
    else:
        with library_errors():
            written, _ = write_glossaries(corpus.documents, terms, Path(out), output_format)
        for path in written:
            click.echo(str(path))
    _exit_if_failed()


@cli.command()
@_corpus_options
@click.option("--out", default=_DEFAULT_OUT, show_default=True, help="Folder for the glossaries.")
@_output_format(["md", "csv", "json"], "md", "The glossaries' format.")
@click.option(
    "--deck-out",
    default="decks/vocab.apkg",
    show_default=True,
    help="The Anki deck to write as well; `-` for none.",
)
@_CARDS
@_DECK
@_SPLIT
def build(
    paths: tuple[str, ...],
    input_format: str | None,
    known_files: tuple[str, ...],
    include_known: bool,
    out: str,
    output_format: str,
    deck_out: str,
    cards: str,
    deck_name: str,
    split: str,
) -> None:
    """The main job: read every document of PATHS, extract, rank, write every glossary and the deck."""
    from .export.glossary import write_glossaries
    from .export.table import make_console, print_build_summary

    options = _deck_options(deck_name, cards, split)
    console = make_console(stderr=True)
    skip = (Path(out),) + (() if deck_out == "-" else (Path(deck_out).parent,))
    corpus, terms = _ranked_corpus(paths, input_format, skip=skip, progress=console)
    terms = _curated(terms, known_files, include_known)
    with library_errors():
        written, new = write_glossaries(corpus.documents, terms, Path(out), output_format)
        if deck_out != "-":
            from .export.anki import write_deck

            write_deck(terms, corpus.documents, Path(deck_out), options)
            written.append(Path(deck_out))
    print_build_summary(corpus, terms, new, written, make_console())
    _exit_if_failed()


@cli.command()
@_corpus_options
@click.option("--out", default=None, help="The .apkg to write (default: decks/<deck>.apkg).")
@click.option("--top", type=click.IntRange(min=1), default=None, help="Only the N best-ranked terms.")
@_CARDS
@_DECK
@_SPLIT
def deck(
    paths: tuple[str, ...],
    input_format: str | None,
    known_files: tuple[str, ...],
    include_known: bool,
    out: str | None,
    top: int | None,
    cards: str,
    deck_name: str,
    split: str,
) -> None:
    """Export the ranked terms of PATHS as an Anki deck: one note per term, updated in place on re-export."""
    from .export.anki import write_deck

    options = _deck_options(deck_name, cards, split)
    target = Path(out) if out else Path("decks") / f"{_deck_file(deck_name)}.apkg"
    corpus, terms = _ranked_corpus(paths, input_format, skip=(target.parent,))
    terms = _curated(terms, known_files, include_known)[:top]
    with library_errors():
        notes = write_deck(terms, corpus.documents, target, options)
    click.echo(f"{target}: {notes} notes from {len(corpus.documents)} documents")
    _exit_if_failed()


def _deck_options(name: str, cards: str, split: str):  # type: ignore[no-untyped-def]
    from .export.anki import DeckOptions

    return DeckOptions(name=name, cards=_card_types(cards), split=split)


def _card_types(value: str) -> tuple[str, ...]:
    from .export.anki import CARD_TYPES

    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [c for c in chosen if c not in CARD_TYPES]
    if unknown or not chosen:
        got = ", ".join(map(repr, unknown)) if unknown else "nothing"
        raise click.BadParameter(f"choose from {', '.join(CARD_TYPES)}; got {got}", param_hint="--cards")
    return chosen


def _deck_file(name: str) -> str:
    from .text import slugify

    return slugify(name.replace("::", " "))


def _data_dir() -> Path:
    from .known import data_dir

    return data_dir(click.get_current_context().find_root().obj.data_dir)


def _ranked_corpus(
    paths: tuple[str, ...], input_format: str | None, skip: tuple[Path, ...] = (), progress: object = None
) -> tuple[Corpus, list[Term]]:
    """Read, extract and rank PATHS (default: the current folder), reporting each bad document."""
    from .corpus import document_paths, read_corpus
    from .rank import rank_terms

    files = document_paths(paths or (".",), skip=skip)
    on_error = lambda error: _report(str(error))  # noqa: E731
    if progress is not None and getattr(progress, "is_terminal", False):
        from rich.progress import Progress

        with Progress(console=progress, transient=True) as bar:  # type: ignore[arg-type]
            task = bar.add_task("reading", total=len(files))
            corpus = read_corpus(files, input_format, on_error, on_document=lambda _: bar.advance(task))
            bar.update(task, description="ranking")
            terms = rank_terms(corpus.glosses, corpus.documents)
    else:
        corpus = read_corpus(files, input_format, on_error)
        terms = rank_terms(corpus.glosses, corpus.documents)
    return corpus, terms


def _of_documents(corpus: Corpus, terms: list[Term], text: str | None) -> list[Term]:
    from .corpus import terms_of_documents

    return terms_of_documents(corpus, terms, text)


def _curated(terms: list[Term], known_files: tuple[str, ...] = (), include_known: bool = False) -> list[Term]:
    """Terms with your corrections, without ignored terms, and without known ones (stored and --known files)."""
    from .known import KnownWords, load_curation, load_known

    extra = KnownWords()
    for path in known_files:
        try:
            extra = extra | load_known(path)
        except VocabError as error:
            raise click.BadParameter(str(error), param_hint="--known") from None
    with library_errors():
        curation = load_curation(_data_dir())
    return curation.apply(terms, include_known, extra)


from . import cli_study  # noqa: E402, F401  (registers review, stats, edit and known)


def main() -> None:
    cli(prog_name="vocab")
