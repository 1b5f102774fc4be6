"""The `vocab` command: parse options, loop over documents, report errors. Nothing else.

Each command is a thin client of one library call; a VocabError for one document becomes
``Error: path:line: message`` on stderr, the other documents go on, and the exit code is 1
at the end if any document failed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import click

from . import __version__
from .errors import VocabError
from .models import Document, InputFormat

_INPUT_FORMAT = click.option(
    "--input-format",
    type=click.Choice([f.value for f in InputFormat]),
    default=None,
    help="Read the files in this format instead of detecting it.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vocab")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Learn the AI/tech vocabulary of your own bilingual podcasts, summaries and subtitles."""
    ctx.obj = []  # the errors reported during this run: any of them makes the exit code 1


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@_INPUT_FORMAT
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "jsonl", "json"]),
    default="table",
    show_default=True,
    help="table: metadata and one row per segment; jsonl: one object per segment; json: the whole document.",
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
@click.argument("files", nargs=-1, required=True, type=click.Path())
@_INPUT_FORMAT
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "jsonl", "csv"]),
    default="table",
    show_default=True,
    help="table: for reading; jsonl: one object per gloss; csv: one row per gloss.",
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
    from .sources import read_document

    for path in files:
        try:
            document = read_document(path, input_format)
        except VocabError as exc:
            _report(str(exc))
            continue
        except Exception as exc:  # a bug in vocab: say so in one line, keep going
            if os.environ.get("VOCAB_DEBUG"):
                raise
            _report(f"{path}: internal error ({type(exc).__name__}: {exc}); set VOCAB_DEBUG=1 for a traceback")
            continue
        yield document


def _report(message: str) -> None:
    click.get_current_context().find_root().obj.append(message)
    click.echo(f"Error: {message}", err=True)


def _exit_if_failed() -> None:
    if click.get_current_context().find_root().obj:
        sys.exit(1)


def main() -> None:
    cli(prog_name="vocab")
