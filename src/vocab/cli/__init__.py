"""The `vocab` command: a click group over the document commands and the study commands.

The CLI only parses options and prints: every command is a library call away from Python
(``vocab.__all__``), and library errors become one line on stderr in one place (``options``).
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from . import documents, study
from .options import Run


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
    ctx.obj = Run(data_dir=data_dir)


for _command in (*documents.COMMANDS, *study.COMMANDS):
    cli.add_command(_command)


def main() -> None:
    cli(args=data_dir_first(sys.argv[1:]), prog_name="vocab")


def data_dir_first(args: list[str]) -> list[str]:
    """`vocab build x --data-dir D` read as `vocab --data-dir D build x`: the option is the group's, and
    learners put it anywhere on the line."""
    for i, arg in enumerate(args[1:], start=1):
        if arg == "--":
            break
        if arg == "--data-dir" and i + 1 < len(args):
            return [arg, args[i + 1], *args[:i], *args[i + 2 :]]
        if arg.startswith("--data-dir="):
            return [arg, *args[:i], *args[i + 1 :]]
    return args
