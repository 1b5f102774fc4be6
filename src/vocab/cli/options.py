"""What every command shares: its options, the state of one invocation, and the one error reporter.

Library code raises VocabError subclasses and never prints. Here they become one line on stderr:
``Error: path:line: message`` for a document (the others go on; the exit code is 1 at the end),
``Error: message`` for an error that stops the command (exit 1), and a name that names nothing
(``LookupFailed``) as a bad value of the option that gave it (exit 2).
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

import click

from ..errors import LookupFailed, VocabError
from ..models import ChineseCorrection, InputFormat, OutputFormat, TermQuery

if TYPE_CHECKING:
    from ..cache import DocumentCache
    from ..corpus import Corpus
    from ..extract import ExtractConfig
    from ..learner.curation import Curation
    from ..learner.store import ReviewStore

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

# The option that gave each kind of name, for LookupFailed.subject.
_OPTION_OF = {"term": "TERM", "english": "--en", "pinyin": "--pinyin", "field": "--field", "rule": "--disable-rule"}


@dataclass
class Run:
    """What one invocation shares between the group and its command."""

    data_dir: str | None = None
    errors: list[str] = field(default_factory=list)  # any of them makes the exit code 1
    warnings: list[str] = field(default_factory=list)  # parts of documents read around; no change to the exit code


class FiniteFloat(click.FloatRange):
    """A number in range that is a number: `nan` passes every comparison and `inf` every minimum, so each slipped
    through as no limit (`--min-score nan` listed nothing and said nothing)."""

    def __init__(self, min: float | None = None, max: float | None = None, min_open: bool = False) -> None:
        super().__init__(min, max, min_open=min_open)
        if min is None and max is None:
            self.name = "float"  # no range to show: `FLOAT`, not `FLOAT RANGE … [x<=None]`

    def _describe_range(self) -> str:
        return super()._describe_range() if self.min is not None or self.max is not None else ""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import math

        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return number


def enum_option(flag: str, name: str, choices: Sequence[StrEnum], default: StrEnum, help_text: str) -> Decorator:
    """An option whose value is one of ``choices`` (members of one StrEnum), handed over as that member."""
    kind = type(default)
    return click.option(
        flag,
        name,
        type=click.Choice([c.value for c in choices]),
        default=default.value,
        show_default=True,
        callback=lambda _ctx, _param, value: kind(value),
        help=help_text,
    )


def output_format(choices: list[OutputFormat], default: OutputFormat, help_text: str) -> Decorator:
    """`--format`: always the output format (the input's is --input-format), as an OutputFormat."""
    return enum_option("--format", "output_format", choices, default, help_text)


FILES = click.argument("files", nargs=-1, required=True, type=click.Path(readable=False))
PATHS = click.argument("paths", nargs=-1, type=click.Path(readable=False))
INPUT_FORMAT = click.option(
    "--input-format",
    type=click.Choice([f.value for f in InputFormat]),
    default=None,
    help="Read the files in this format instead of detecting it.",
)
DISABLE_RULE = click.option(
    "--disable-rule",
    "disabled_rules",
    multiple=True,
    metavar="NAME",
    help="Switch an extraction rule off (repeatable), to see what it adds; `vocab extract --trace` names them.",
)
KNOWN = click.option(
    "--known",
    "known_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A file of words you know, one per line, either language (repeatable).",
)
INCLUDE_KNOWN = click.option("--include-known", is_flag=True, help="Keep known words in the output.")
INCLUDE_NAMES = click.option(
    "--include-names",
    is_flag=True,
    help="Keep names (of people, works and bodies: `Sean McGuire 肖恩·麦奎尔`, `《深度学习》`), left out by default.",
)
JOBS = click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that read and count new and changed documents (and, where the command writes them, make the "
    "glossaries and notes not made before; default: one per core where there is enough to do, else this one; 1 does "
    "all in this one).",
)
NO_CACHE = click.option(
    "--no-cache", is_flag=True, help="Read every document again instead of taking unchanged ones from the cache."
)
MAX_SIZE = click.option(
    "--max-size",
    type=FiniteFloat(min=0, min_open=True),
    default=50,
    show_default=True,
    metavar="MB",
    help="Refuse a document larger than this (a runaway file, not a transcript).",
)
STRICT = click.option(
    "--strict", is_flag=True, help="A document read with warnings (a bad cue skipped) is an error, left out."
)
MEDIA = click.option(
    "--media",
    "media_dir",
    type=click.Path(file_okay=False, exists=True),
    default=None,
    help="A folder of the episodes' audio or video, matched to documents by file stem (default: beside them).",
)
PARTIAL = click.option(
    "--partial",
    is_flag=True,
    help="Write the outputs even when some documents could not be read (they are missing from them).",
)
TOP = click.option("--top", type=click.IntRange(min=1), default=None, help="Only the N best-ranked terms.")
MIN_SCORE = click.option(
    "--min-score",
    type=FiniteFloat(min=0),
    default=None,
    help="Only terms scoring at least this (`vocab list --explain` shows the scores).",
)
DOCUMENT = click.option(
    "--document", "document_filter", default=None, help="Only terms of documents whose path, title or show has this."
)
NOW = click.option(
    "--now", default=None, hidden=True, help="Pretend it is this moment (ISO 8601): for scripted sessions and tests."
)


@dataclass(frozen=True, slots=True)
class CorpusArgs:
    """PATHS and the options that say how to read them and which terms the learner wants."""

    paths: tuple[str, ...]
    input_format: str | None
    disabled_rules: tuple[str, ...]
    known_files: tuple[str, ...]
    include_names: bool = False
    jobs: int | None = None
    no_cache: bool = False
    max_size: float = 50
    strict: bool = False
    include_known: bool = False

    def load(self, skip: tuple[Path, ...] = (), progress: object = None) -> Corpus:
        """The corpus of PATHS, ranked with the learner's corrections of where terms start and end; ``skip``: folders
        and files a walk of PATHS leaves out (outputs, a `--terms` list), with the `--known` lists."""
        from ..learner.curation import corrected_chinese

        skip += tuple(map(Path, self.known_files))  # a word list beside the episodes is no episode
        return load(
            self.paths, self.input_format, self.disabled_rules, skip, progress, self.jobs, not self.no_cache,
            self.max_size, self.strict, corrected_chinese(self.curation().edits),
        )  # fmt: skip

    def curation(self) -> Curation:
        return curation(self.known_files)

    def cache(self) -> contextlib.AbstractContextManager[DocumentCache | None]:
        """The cache of read documents and rendered glossaries (None with --no-cache), written and closed
        when the block ends."""
        from ..cache import DocumentCache

        return contextlib.nullcontext() if self.no_cache else contextlib.closing(DocumentCache())

    def query(self, **fields: Any) -> TermQuery:
        """The terms the learner asked for: ``fields`` of a ``TermQuery``, names kept only on request."""
        return TermQuery(include_names=self.include_names, **fields)


def corpus_options(include_known: bool = True) -> Decorator:
    """PATHS, --input-format, --disable-rule, --known, --include-names, --jobs, --no-cache, --max-size (and
    --include-known): what every corpus command takes, handed to the command as one ``corpus_args: CorpusArgs``."""
    names: tuple[str, ...] = ("paths", "input_format", "disabled_rules", "known_files", "include_names", "jobs")
    names += ("no_cache", "max_size", "strict") + (("include_known",) if include_known else ())
    options = (INCLUDE_KNOWN,) * include_known + (STRICT, MAX_SIZE, NO_CACHE, JOBS, INCLUDE_NAMES, KNOWN)
    options += (DISABLE_RULE, INPUT_FORMAT, PATHS)

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def with_corpus_args(**kwargs: Any) -> Any:
            return command(CorpusArgs(*(kwargs.pop(name) for name in names)), **kwargs)

        for option in options:
            with_corpus_args = option(with_corpus_args)
        return with_corpus_args

    return decorate


def warnings_given() -> list[str]:
    return _run().warnings


def report(error: VocabError | str) -> None:
    """One document could not be used: say so now, go on, and exit 1 at the end."""
    _run().errors.append(str(error))
    click.echo(f"Error: {error}", err=True)


def check_writable(corpus: Corpus, paths: tuple[str, ...], partial: bool) -> None:
    """Stop before any output is written when no document was found, or (without ``--partial``) when one could
    not be read: a typo in PATHS must never replace a deck or a glossary with an empty one."""
    found = [e for e in corpus.errors if getattr(e, "message", "") != "no such file"]  # a typo finds nothing
    if not corpus.documents and found:
        which = "the document could not" if len(found) == 1 else f"none of the {len(found)} documents could"
        raise click.ClickException(f"{which} be read: nothing written")
    if not corpus.documents and corpus.errors:  # every path a typo, each said on its own line already
        raise click.ClickException("nothing written")
    if not corpus.documents:
        what = "with any text" if corpus.skipped else "found"
        where = f"{', '.join(paths) or '.'}{_left_out(corpus)}"
        raise click.ClickException(f"no document {what} in {where}: nothing written")
    if corpus.errors and not partial:
        total = len(corpus.errors) + len(corpus.documents)
        raise click.ClickException(
            f"{len(corpus.errors)} of {total} documents could not be read: nothing written"
            " (--partial writes the others)"
        )


def missing_line(corpus: Corpus) -> str | None:
    """What a --partial output lacks: the documents that could not be read."""
    missing = [getattr(error, "path", str(error)) for error in corpus.errors]
    return f"missing from the output: {', '.join(missing)}" if missing else None


def glossless_line(corpus: Corpus) -> str | None:
    """The documents read in which no bracket was a gloss: a word list in a shape vocab does not read, or a
    newsletter whose every bracket was refused, gave nothing and said nothing (learner's trial 62, #1 and #4)."""
    from ..text import plural

    glossed = {gloss.source for gloss in corpus.glosses}
    bare = [document.path for document in corpus.documents if document.path not in glossed]
    if not bare:
        return None
    names = ", ".join(bare[:3]) + (", …" if len(bare) > 3 else "")
    return f"no gloss found in {plural(len(bare), 'document')}: {names} (`vocab extract --trace FILE` says why)"


def exit_if_failed() -> None:
    if _run().errors:
        sys.exit(1)


@contextlib.contextmanager
def library_errors() -> Iterator[None]:
    """A library error that stops the whole command (an output that cannot be written): one line, exit 1.
    A name that names nothing is a bad value of its option (exit 2)."""
    try:
        yield
    except LookupFailed as error:
        raise click.BadParameter(error.message, param_hint=_OPTION_OF.get(error.subject)) from None
    except VocabError as error:
        raise click.ClickException(str(error)) from None


def data_dir() -> Path:
    from ..learner.curation import data_dir as resolve

    return resolve(_run().data_dir)


LAST_GLOSSARIES = "last-glossaries.txt"  # in the data folder: where the last build wrote its glossaries


def remember_glossaries(out: Path) -> None:
    """Keep where this build wrote its glossaries, for `vocab known` run from another folder (new-user report 13: a
    build with `--out` left `known add` no terms to check a typo against). A data folder that cannot be written
    loses only that."""
    from ..fileio import atomic_path

    with contextlib.suppress(VocabError, OSError), atomic_path(data_dir() / LAST_GLOSSARIES) as tmp:
        tmp.write_text(str(out.resolve()), encoding="utf-8")


def last_glossaries(here: Path) -> Path:
    """The glossary folder of the last build: ``here`` where a build wrote there, else the one the last build
    remembered (``remember_glossaries``), else ``here``."""
    from ..fileio import OUTPUT_MARKER

    if (here / OUTPUT_MARKER).is_file():
        return here
    try:
        remembered = Path((data_dir() / LAST_GLOSSARIES).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return here
    return remembered if (remembered / OUTPUT_MARKER).is_file() else here


def extract_config(disabled_rules: tuple[str, ...]) -> ExtractConfig:
    from ..extract import ExtractConfig

    with library_errors():
        return ExtractConfig(frozenset(disabled_rules))


def load(
    paths: tuple[str, ...],
    input_format: str | None,
    disabled_rules: tuple[str, ...] = (),
    skip: tuple[Path, ...] = (),
    progress: object = None,
    jobs: int | None = None,
    use_cache: bool = True,
    max_mb: float = 50,
    strict: bool = False,
    corrected: Mapping[str, ChineseCorrection] | None = None,
) -> Corpus:
    """The corpus of PATHS (default: the current folder), each bad document reported; a progress bar on
    ``progress`` when it is a terminal. Unchanged documents come from the cache unless ``use_cache`` is
    off; the others are read by ``jobs`` processes (default: ``corpus.read_corpus`` decides); ``corrected``: see
    ``load_corpus``."""
    from ..cache import DocumentCache
    from ..corpus import load_corpus

    config = extract_config(disabled_rules)
    named = bool(paths)  # folders the learner named: what a walk of them leaves out is said (not of the current one)
    if not paths and not _check_implicit_walk(skip):
        paths = _last_build_paths()
    cache = DocumentCache() if use_cache else None
    if cache is not None and not cache.writable():
        warn(
            f"the cache folder {cache.path.parent} cannot be written: every document is read again each time"
            " (point VOCAB_CACHE at a folder you can write)"
        )
        cache = None
    load = functools.partial(
        load_corpus, skip=skip, on_error=report, cache=cache, jobs=jobs, max_mb=max_mb,
        strict=strict, corrected=corrected or {},
    )  # fmt: skip
    if progress is None or not getattr(progress, "is_terminal", False):
        return _warned(load(paths, input_format, config), named)
    from rich.progress import Progress

    with Progress(console=progress, transient=True) as bar:  # type: ignore[arg-type]
        task = bar.add_task("reading", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description="ranking" if done == total else "reading")

        loaded = load(paths, input_format, config, on_progress=advance)
    return _warned(loaded, named)  # once the bar is gone: a warning on its line was hard to read (learner's trial 56)


def say_first_run() -> None:
    """On a terminal, a first run in a cache folder says why it takes a while: it builds the dictionaries' tables there
    once (new-user report 19: ten seconds with no sign of life). Not in a pipe, whose reader wants results only."""
    import sys

    from ..lexicon import JIEBA_KEPT
    from ..memo import kept_path

    if sys.stderr.isatty() and not kept_path(*JIEBA_KEPT).exists():
        click.echo("preparing the dictionaries in the cache folder: once, a few seconds", err=True)


IMPLICIT_LIMIT = 2_000  # documents a command reads from the current folder when it was given no PATHS


def _check_implicit_walk(skip: tuple[Path, ...]) -> int:
    """Without PATHS a command reads the current folder; run in a home folder that is everything: past
    ``IMPLICIT_LIMIT`` documents it stops and asks for PATHS. How many documents the folder holds."""
    from ..corpus import document_paths

    found = len(document_paths(["."], skip=skip))
    if found > IMPLICIT_LIMIT:
        raise click.ClickException(
            f"no PATHS given, and the current folder holds {found} documents: give the folders to read"
            " (`vocab build .` to read them all)"
        )
    return found


def _last_build_paths() -> tuple[str, ...]:
    """Without PATHS, where the current folder holds no document but a build wrote its glossaries here: the documents
    that build read (`vocab review` beside the last build's `glossaries/` said "no document found in ."). Said on
    stderr, as the paths are not the ones a learner typed."""
    from ..export.glossary import last_build_documents

    found = last_build_documents(Path("glossaries"))
    if found:
        from ..text import plural

        click.echo(f"no PATHS given: reading the {plural(len(found), 'document')} the last build into glossaries/ read",
                   err=True)  # fmt: skip
    return tuple(found)


def _warned(corpus: Corpus, named: bool = True) -> Corpus:
    """Say what the readers read around, document by document (cached documents say it again), which documents
    were left out for having no text, and (in folders ``named``) which files for being of no type vocab reads."""
    for skipped in corpus.skipped:
        warn(f"{skipped}: skipped")
    if corpus.left_out and named and corpus.documents:  # with none, the error says it (``no_documents``)
        click.echo(f"Note: {_left_out(corpus).strip(' ()')}", err=True)
    for document in corpus.documents:
        for warning in document.warnings:
            warn(warning)
    return corpus


def no_documents(corpus: Corpus, paths: tuple[str, ...]) -> str:
    """The error of a command that found no document in PATHS, with the files a walk of them left out."""
    return f"no document found in {', '.join(paths) or '.'}{_left_out(corpus)}"


def _left_out(corpus: Corpus) -> str:
    """` (2 files of no type vocab reads left out: .docx, .html; name one to read it as text)`, or nothing: what a walk
    of the folders named left out (a learner's report: `vocab build mix` said nothing of the .docx beside its .txt)."""
    if not corpus.left_out:
        return ""
    from ..sources.table import SUFFIXES as TABLES
    from ..text import plural

    cueless = [path for path in corpus.left_out if path.suffix.lower() in (".json", ".json3")]
    tables = [path for path in corpus.left_out if path.suffix.lower() in TABLES]
    others = [path for path in corpus.left_out if path not in cueless and path not in tables]
    said = []
    if others:
        suffixes = list(dict.fromkeys(path.suffix.lower() or path.name for path in others))
        files = plural(len(others), "file")
        said.append(f"{files} of no type vocab reads left out: {', '.join(suffixes)}; name one to read it as text")
        said += [_KIND_HINTS[suffix] for suffix in suffixes if suffix in _KIND_HINTS]
    if tables:  # read when named: in a folder a .csv is as often a list vocab wrote (`list --format csv`)
        said.append(f"{plural(len(tables), 'table')} left out: {_first_names(tables)}; name one to read it as a table")
    if cueless:  # a feed, a video's .info.json: JSON that holds no subtitles
        said.append(f"{plural(len(cueless), '.json file')} with no subtitle cues left out: {_first_names(cueless)}")
    return f" ({'; '.join(said)})"


def _first_names(paths: Sequence[PurePath]) -> str:
    """The names of the first three of ``paths``, and `…` for more."""
    return ", ".join(path.name for path in paths[:3]) + (", …" if len(paths) > 3 else "")


# What to do with a file a walk leaves out, where a learner has a way to read it: an export still zipped, slides
# or a document in a format a save-as turns into one vocab reads (a learner's report: `.odp` lectures went unread).
_KIND_HINTS = {
    ".zip": "unzip a .zip first (a Notion or Obsidian export is a folder of .md files)",
    ".odp": "save .odp slides as .pptx (Impress: File › Save As)",
    ".key": "export .key slides as .pptx",
    ".doc": "save a .doc as .docx",
    ".pdf": "export a .pdf's text as .txt",
}


def warn(warning: str | VocabError) -> None:
    """Something read around — a part of a document skipped or guessed at, a media file that cannot be cut —
    in one line on stderr, counted for the summary; the command goes on."""
    _run().warnings.append(str(warning))
    click.echo(f"Warning: {warning}", err=True)


def curation(known_files: tuple[str, ...] = ()) -> Curation:
    """The learner's stored curation, with the words of the --known files as known too."""
    from ..learner.curation import load_curation
    from ..learner.words import KnownWords, load_known

    extra = KnownWords()
    for path in known_files:
        try:
            extra = extra | load_known(path)
        except VocabError as error:
            raise click.BadParameter(str(error), param_hint="--known") from None
    with library_errors():
        return load_curation(data_dir()).adding_known(extra)


@contextlib.contextmanager
def store(read_only: bool = False) -> Iterator[ReviewStore]:
    """The review store of the data directory, created on first use; its errors end the command."""
    from ..learner.store import open_store

    with library_errors(), open_store(data_dir(), read_only) as opened:
        yield opened


def _run() -> Run:
    obj = click.get_current_context().find_root().obj
    assert isinstance(obj, Run)
    return obj
