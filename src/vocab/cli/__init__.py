"""The `vocab` command: a click group over the document commands and the study commands.

The CLI only parses options and prints: every command is a library call away from Python
(``vocab.__all__``), and library errors become one line on stderr in one place (``options``).
"""

from __future__ import annotations

import contextlib
import errno
import gc
import importlib
import os
import sys

import click

from .. import __version__
from .catalogue import COMMANDS


class _Commands(click.Group):
    """The commands, each imported when it runs or asks for its own help (``catalogue``): `vocab --help` lists
    them from the catalogue without importing them, so it starts as fast as click itself."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute, _ = COMMANDS[name]
        command: click.Command = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """As click's, and a mistyped command gets its suggestion as a mistyped option does (`vocab buidl`: did you
        mean build?): click looks for one among the commands it holds, and this group holds none until one runs."""
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as error:
            raise click.exceptions.NoSuchCommand(error.command_name, possibilities=list(COMMANDS), ctx=ctx) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, summary) for name, (_, _, summary) in COMMANDS.items()])


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
    from .options import Run

    try:
        os.getcwd()
    except FileNotFoundError:  # a worker process or a relative path would fail on it as an `internal error`
        raise click.ClickException("the current folder no longer exists (deleted or moved): cd to another") from None
    ctx.obj = Run(data_dir=data_dir)


def main() -> None:
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        try:
            cli(args=data_dir_first(sys.argv[1:]), prog_name="vocab")
        except OSError as error:
            if error.errno not in _FULL or error.filename is not None:
                raise
            _output_lost(error)
        finally:
            try:  # what stayed in the buffer is written at exit, where a full disk would print a traceback
                sys.stdout.flush()
            except OSError as error:
                _output_lost(error)
    except SystemExit as done:
        _exit_at_once(done)
        raise


def _exit_at_once(done: SystemExit) -> None:
    """End the process as Python's own exit does (the ``atexit`` functions: the memo's answers and the cache written;
    the output flushed), but without freeing every object one by one: a build's teardown took 70-90 ms of the five
    seeds' 1.05 s. Only where nothing else runs (no other thread) and the exit code is a number; else Python exits."""
    import atexit
    import os
    import threading

    code = done.code
    if not (code is None or isinstance(code, int)) or threading.active_count() > 1:
        return
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe, a closed stream: nothing more to say
            stream.flush()
    os._exit(code or 0)


# A disk that takes no more: what printed output (`vocab list > out.txt`) meets. vocab's own files say so with their
# names where they are written (``fileio``); an error with no file name was met writing to standard output. click
# itself quiets a closed pipe (`| head`).
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def _output_lost(error: OSError) -> None:
    """One line for output that could not be written, not a traceback; standard output goes to the null device so
    that the exit does not try again."""
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    click.echo(f"Error: the output cannot be written ({error.strerror or error})", err=True)
    sys.exit(1)


# A build keeps millions of objects for its whole run (a library's glosses, documents, counts) and makes few cycles.
# At Python's default thresholds (700, 10, 10) the collector ran so often over them that it took a fifth of an
# edited rebuild of 10,000 episodes (57 s, 44 s with these; the same memory): it collects, but after 100,000 new
# objects rather than 700. A library caller of ``vocab`` keeps its own settings.
GC_THRESHOLDS = (100_000, 50, 50)


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
