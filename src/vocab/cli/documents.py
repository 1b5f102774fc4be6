"""The document commands: inspect, extract, list, glossary, build and deck. Parsing and printing only:
each command is a library call (``corpus``, ``extract``, ``export``) plus printing."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shlex
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import VocabError
from ..models import DEFAULT_CARDS, CardType, ClozeSide, DeckSplit, MarkStatus, OutputFormat, Term, TermEdit, TermOrder
from .catalogue import short_help
from .options import (
    DISABLE_RULE,
    DOCUMENT,
    FILES,
    IMPLICIT_LIMIT,
    INPUT_FORMAT,
    JOBS,
    MEDIA,
    MIN_SCORE,
    NO_CACHE,
    PARTIAL,
    TOP,
    CorpusArgs,
    FiniteFloat,
    check_writable,
    corpus_options,
    data_dir,
    enum_option,
    exit_if_failed,
    extract_config,
    glossless_line,
    library_errors,
    missing_line,
    no_documents,
    output_format,
    remember_glossaries,
    report,
    say_first_run,
    store,
    warn,
    warnings_given,
)

if TYPE_CHECKING:
    from ..cache import DocumentCache
    from ..corpus import Corpus
    from ..export.audio import TermClip
    from ..extract import ExtractConfig
    from ..learner.curation import Curation
    from ..models import Document, Gloss, TermQuery

_TABLE, _JSONL, _JSON, _CSV, _MD = (OutputFormat.TABLE, OutputFormat.JSONL, OutputFormat.JSON, OutputFormat.CSV,
                                    OutputFormat.MD)  # fmt: skip
DEFAULT_OUT = "glossaries"
DEFAULT_DECK = "decks/vocab.apkg"
_GLOSSARY_FORMAT = output_format([_MD, _CSV, _JSON], _MD, "The glossaries' format.")


def _card_types(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[CardType, ...]:
    """`--cards en-zh,cloze`: the card types, each once, in the order given."""
    names = [c.value for c in CardType]
    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [c for c in chosen if c not in names]
    if unknown or not chosen:
        got = ", ".join(map(repr, unknown)) if unknown else "nothing"
        raise click.BadParameter(f"choose from {', '.join(names)}; got {got}", param_hint="--cards")
    return tuple(CardType(c) for c in chosen)


_CARDS = click.option(
    "--cards",
    default=",".join(c.value for c in DEFAULT_CARDS),
    show_default=True,
    callback=_card_types,
    help="Card types per note, comma-separated: en-zh, zh-en, cloze, listen (hear the term's moment, recall the "
    "term: for notes with a clip; add it to the list, e.g. en-zh,zh-en,cloze,listen).",
)


def _deck_name(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """A deck has a name: an empty one was written as `untitled.apkg` and shown in Anki as `blank`."""
    if not value.strip():
        raise click.BadParameter("a deck needs a name (default: vocab)")
    return value


_TERMS = click.option(
    "--terms", "terms_file", type=click.Path(dir_okay=False, exists=True), default=None,
    help="Only the terms this file names, one per line (English or Chinese, as --known reads), known to you or not.",
)  # fmt: skip
_DECK = click.option(
    "--deck", "deck_name", default="vocab", show_default=True, callback=_deck_name, help="The deck's name in Anki."
)
_SPLIT = enum_option(
    "--split",
    "split",
    list(DeckSplit),
    DeckSplit.NONE,
    "Subdecks: one per show (vocab::<show>) or per episode (vocab::<show>::<episode>).",
)

_CLOZE = click.option(
    "--cloze",
    "cloze",
    type=click.Choice([side.value for side in ClozeSide]),
    default=None,
    callback=lambda _ctx, _param, value: ClozeSide(value) if value else None,
    help="What a cloze card blanks: the term as its sentence writes it (its translation in brackets the hint), or "
    "always the English, or always the Chinese (the side you are learning).  [default: what the deck's last export "
    "blanked, else term]",
)


@click.command(short_help=short_help("inspect"))
@FILES
@INPUT_FORMAT
@output_format(
    [_TABLE, _JSONL, _JSON],
    _TABLE,
    "table: metadata and one row per segment; jsonl: one object per segment; json: the whole document.",
)
def inspect(files: tuple[str, ...], input_format: str | None, output_format: OutputFormat) -> None:
    """Show how vocab reads FILES: detected format, metadata and segments."""
    from ..corpus import read_documents
    from ..export.records import render_json_line, render_records, to_record

    console = None
    for document in read_documents(files, input_format, on_error=report, on_warning=warn):
        if output_format is _JSON:
            click.echo(render_json_line(to_record(document)))
        elif output_format is _TABLE:
            from ..export.table import make_console, print_document

            console = console or make_console()
            print_document(document, console)
        else:
            records = [{"source": document.path, **to_record(segment)} for segment in document.segments]
            click.echo(render_records(records, output_format), nl=False)
    exit_if_failed()


@click.command(short_help=short_help("extract"))
@FILES
@INPUT_FORMAT
@DISABLE_RULE
@output_format(
    [_TABLE, _JSONL, _CSV], _TABLE, "table: for reading; jsonl: one object per gloss; csv: one row per gloss."
)
@click.option("--trace", is_flag=True, help="Also list every bracket pair and the rule that accepted or rejected it.")
@JOBS
@NO_CACHE
def extract(
    files: tuple[str, ...], input_format: str | None, disabled_rules: tuple[str, ...], output_format: OutputFormat,
    trace: bool, jobs: int | None, no_cache: bool,
) -> None:  # fmt: skip
    """Print every bilingual gloss in FILES (a folder: its documents, as a build reads them), in document order, with
    its context."""
    from ..export.records import GLOSS_FIELDS, render_records, to_record
    from ..extract import trace_decisions

    config = extract_config(disabled_rules)
    rows, read = [], 0
    for document, glosses in _extracted(files, input_format, config, jobs, no_cache):
        read += 1
        if output_format is _JSONL:  # streamed: a long folder shows its first glosses at once
            click.echo(render_records(map(to_record, glosses), output_format), nl=False)
        else:
            rows.extend(glosses)
        for decision in trace_decisions(document, config) if trace else ():
            verdict = decision.rule or "no rule"
            if decision.rule and not decision.rule.startswith("reject") and not decision.glosses:
                verdict += ", which kept no gloss"  # new-user report 13: it read as accepted
            click.echo(f"trace: {document.path}:{decision.line}: {decision.bracket[:60]!r} -> {verdict}", err=True)
            for edge in decision.edges:  # every candidate term with its score, the winner first
                click.echo(f"trace:     {edge.en}: {edge.explain()}", err=True)
    if output_format is _TABLE:
        from ..export.table import make_console, print_glosses

        if read:  # no document read: the errors say so, not a table of `0 glosses`
            print_glosses(rows, make_console())
    elif output_format is not _JSONL:
        click.echo(render_records(map(to_record, rows), output_format, GLOSS_FIELDS), nl=False)
    exit_if_failed()


def _extracted(
    files: tuple[str, ...], input_format: str | None, config: ExtractConfig, jobs: int | None, no_cache: bool
) -> Iterator[tuple[Document, list[Gloss]]]:
    """Each readable document of ``files`` with its glosses, a batch at a time (so the first are shown at once): from
    the cache where a build or an earlier extract read the same bytes, the others by ``jobs`` processes (`vocab
    extract` of 300 episodes a build had read took 20 s, one core, every time). Errors and warnings are said as
    they are met; an empty document, which a build skips, is an error when asked about by name."""
    from ..cache import DocumentCache
    from ..corpus import document_paths, read_corpus

    say_first_run()
    named = {Path(name) for name in files}
    paths = document_paths(files) if any(path.is_dir() for path in named) else [Path(name) for name in files]
    with contextlib.nullcontext() if no_cache else contextlib.closing(DocumentCache()) as cache:
        for start in range(0, len(paths), _EXTRACT_BATCH):
            batch = paths[start : start + _EXTRACT_BATCH]
            corpus = read_corpus(batch, input_format, report, config=config, cache=cache, jobs=jobs)
            for empty in corpus.skipped:  # an error asked about by name; in a folder, skipped as a build skips it
                if Path(getattr(empty, "path", "")) in named:
                    report(empty)
                else:
                    warn(f"{empty}: skipped")
            glosses: dict[str, list[Gloss]] = {}
            for gloss in corpus.glosses:
                glosses.setdefault(gloss.source, []).append(gloss)
            for document in corpus.documents:
                for warning in document.warnings:
                    warn(warning)
                yield document, glosses.get(document.path, [])


_EXTRACT_BATCH = 32  # files read (together, on every core) before their glosses are printed


@click.command(name="list", short_help=short_help("list"))
@corpus_options()
@click.option("--top", type=click.IntRange(min=1), default=None, help="Show only the first N terms.")
@enum_option("--sort", "sort", list(TermOrder), TermOrder.SCORE, "Order of the terms.")
@DOCUMENT
@click.option(
    "--min-zipf", type=FiniteFloat(), default=None, help="Only terms at least this frequent in English (wordfreq Zipf)."
)
@click.option("--max-zipf", type=FiniteFloat(), default=None, help="Only terms at most this frequent in English.")
@MIN_SCORE
@click.option(
    "--search",
    default=None,
    metavar="TEXT",
    help="Only terms whose English, Chinese (either script), pinyin (tones optional) or definition has TEXT.",
)
@_TERMS
@output_format([_TABLE, _JSONL, _CSV], _TABLE, "table: for reading; jsonl and csv: one record per term.")
@click.option("--explain", is_flag=True, help="Show each part of each term's score.")
def list_terms(
    corpus_args: CorpusArgs,
    top: int | None,
    sort: TermOrder,
    document_filter: str | None,
    min_zipf: float | None,
    max_zipf: float | None,
    min_score: float | None,
    search: str | None,
    terms_file: str | None,
    output_format: OutputFormat,
    explain: bool,
) -> None:
    """Rank the terms of PATHS (files or folders; default: the current folder) and list them."""
    from ..corpus import document_matches, select_terms

    if min_zipf is not None and max_zipf is not None and min_zipf > max_zipf:
        problem = f"{min_zipf:g} is above --max-zipf {max_zipf:g}: no term could pass"
        raise click.BadParameter(problem, param_hint="--min-zipf")
    corpus = corpus_args.load(skip=_lists(terms_file))
    if not corpus.documents:
        exit_if_failed()  # nothing could be read: the errors say why, and no empty table follows them
        raise click.ClickException(no_documents(corpus, corpus_args.paths))
    query, include_known = _chosen(
        corpus_args,
        corpus,
        terms_file,
        document=document_filter,
        min_zipf=min_zipf,
        max_zipf=max_zipf,
        order=sort,
        top=top,
        min_score=min_score,
        search=search,
    )
    terms = select_terms(corpus, corpus_args.curation(), query, include_known)
    if document_filter and not any(document_matches(d, document_filter) for d in corpus.documents):
        click.echo(f"Warning: no document matches --document {document_filter!r}: no terms listed", err=True)
    elif search and not terms:
        click.echo(_not_found(search, corpus_args.curation().retired(corpus.terms)), err=True)
    elif not terms:
        click.echo(f"No terms to list from {_why_no_terms(corpus)}", err=True)
    for word in _words_given_as_paths(corpus_args.paths):
        click.echo(
            f"Hint: {word} is no file; to look a term up: vocab list PATHS --search {shlex.quote(word)}", err=True
        )
    if output_format is _TABLE:
        from ..export.table import make_console, print_terms

        if terms:  # no header over an empty table: the line above says why
            print_terms(terms, make_console(), explain)
    else:
        from ..export.records import render_records, term_record

        click.echo(render_records([term_record(t, explain) for t in terms], output_format), nl=False)
    exit_if_failed()


def _not_found(search: str, marked: list[tuple[Term, MarkStatus]]) -> str:
    """Why ``--search`` listed nothing: no term has it, or those that do are marked known or ignored."""
    from ..corpus import term_matches

    hidden = [f"{term.en} is {status.value}" for term, status in marked if term_matches(term, search)]
    if hidden:
        return f"No term listed has {search!r}: {'; '.join(hidden)} (`vocab known remove` lists it again)"
    return f"No term has {search!r} in its English, Chinese, pinyin or definition"


def _words_given_as_paths(paths: Sequence[str]) -> list[str]:
    """PATHS that name nothing and look like a word, not a file (no folder, no extension): a term looked up."""
    return [p for p in paths if not os.path.lexists(p) and not Path(p).suffix and os.sep not in p and "/" not in p]


@click.command(short_help=short_help("glossary"))
@corpus_options()
@click.option(
    "--out",
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder for the glossaries; `-` prints them to standard output instead.",
)
@_GLOSSARY_FORMAT
@TOP
@MIN_SCORE
@_TERMS
@enum_option(
    "--sort", "sort", list(TermOrder), TermOrder.SCORE,
    "Order of the rows: by score (rank), count, rarity, the English A to Z (alpha), or the Chinese's pinyin.",
)  # fmt: skip
@PARTIAL
def glossary(
    corpus_args: CorpusArgs,
    out: str,
    output_format: OutputFormat,
    top: int | None,
    min_score: float | None,
    terms_file: str | None,
    sort: TermOrder,
    partial: bool,
) -> None:
    """Write a glossary per document of PATHS, and one for them all; with --terms, of a list's terms only (a lesson's
    sheet); with --sort, in another order than the rank (an interpreter's alphabetical sheet: learner's trial 63)."""
    from ..corpus import ordered_terms, select_terms
    from ..export.digests import TermDigests
    from ..export.glossary import render_glossaries_together, write_glossaries
    from ..fileio import check_folder

    skip = (() if out == "-" else (Path(out),)) + _lists(terms_file)
    corpus = corpus_args.load(skip)
    check_writable(corpus, corpus_args.paths, partial)
    query, include_known = _chosen(corpus_args, corpus, terms_file, top=top, min_score=min_score)
    curation = corpus_args.curation()
    terms = ordered_terms(select_terms(corpus, curation, query, include_known), sort)  # the best N, then sorted
    if out == "-":
        click.echo(render_glossaries_together(corpus.documents, terms, output_format, sort), nl=False)
    else:
        with library_errors(), corpus_args.cache() as cache:
            check_folder(Path(out))
            digests = TermDigests.of_corpus(corpus)
            marked = [term for term, _ in curation.retired(corpus.terms, include_known)]
            written, _ = write_glossaries(
                corpus.documents, terms, Path(out), output_format, cache, digests, corpus_args.jobs, marked, sort
            )
        remember_glossaries(Path(out))
        for path in written:
            click.echo(str(path))
    if missing := missing_line(corpus):
        click.echo(missing)
    exit_if_failed()


@click.command(short_help=short_help("build"))
@corpus_options()
@click.option(
    "--out", default=DEFAULT_OUT, show_default=True, callback=lambda _ctx, _param, value: _folder(value),
    help="Folder for the glossaries.",
)  # fmt: skip
@_GLOSSARY_FORMAT
@click.option(
    "--deck-out",
    default=None,
    callback=lambda _ctx, _param, value: _apkg(value, none_allowed=True),
    help=f"The Anki deck to write as well; `-` for none. [default: {DEFAULT_DECK}, or OUT/vocab.apkg with --out]",
)
@_CARDS
@_CLOZE
@_DECK
@_SPLIT
@TOP
@MIN_SCORE
@PARTIAL
@MEDIA
def build(
    corpus_args: CorpusArgs,
    out: str,
    output_format: OutputFormat,
    deck_out: str | None,
    cards: tuple[CardType, ...],
    cloze: ClozeSide | None,
    deck_name: str,
    split: DeckSplit,
    top: int | None,
    min_score: float | None,
    partial: bool,
    media_dir: str | None,
) -> None:
    """The main job: read every document of PATHS, extract, rank, write every glossary and the deck (with a clip
    of each term's moment where the episode's audio is beside its document, or in --media)."""
    deck_out = deck_out or _deck_following(out)
    from ..corpus import document_paths, select_terms
    from ..export.anki import (
        DeckOptions,
        deck_beside,
        deck_state_path,
        exported_notes,
        exported_versions,
        notes_cached,
        under_exported_identities,
        write_deck,
    )
    from ..export.audio import media_state, term_clips
    from ..export.digests import TermDigests
    from ..export.glossary import STATE_FILE, documents_gone, write_glossaries
    from ..export.table import make_console, print_build_summary
    from ..extract.dictionary import keep_backward_index
    from ..fileio import check_folder, writable_target
    from ..lexicon import keep_phrase_readings
    from .manifest import build_fingerprint, remember_build, unchanged_build

    skip = (Path(out),) + (() if deck_out == "-" else (Path(deck_out).parent,))
    curation = corpus_args.curation()
    options: dict[str, object] = {
        "out": out, "format": output_format, "deck_out": deck_out, "cards": cards, "cloze": cloze, "deck": deck_name,
        "split": split, "top": top, "min_score": min_score, "names": corpus_args.include_names,
        "known": corpus_args.include_known, "max_size": corpus_args.max_size, "strict": corpus_args.strict,
        "media": media_dir,
    }  # fmt: skip
    with library_errors(), corpus_args.cache() as cache:
        fingerprint = None
        files = document_paths(list(corpus_args.paths) or ["."], skip=skip) if cache is not None else []
        if cache is not None and (corpus_args.paths or len(files) <= IMPLICIT_LIMIT):  # else load() stops it
            config = extract_config(corpus_args.disabled_rules)
            options["media_files"] = media_state(files, Path(media_dir) if media_dir else None)
            options["glossaries_of_gone"] = documents_gone(Path(out))
            cached = cache  # not None here

            def fingerprint_of(curation: Curation) -> str | None:
                return build_fingerprint(files, cached, corpus_args.input_format, config.disabled, curation, options)

            fingerprint = fingerprint_of(curation)
            if fingerprint and (record := unchanged_build(cache, fingerprint)):
                figures = (record.documents, record.glosses, record.terms, 0)
                deck = None if deck_out == "-" else (Path(deck_out), len(exported_notes(Path(deck_out))))
                glossaries = [Path(p) for p in record.written if deck is None or Path(p) != deck[0]]
                for warning in record.warnings:
                    warn(warning)
                print_build_summary(figures, [], glossaries, make_console(), up_to_date=True, deck=deck)
                _say_warned()
                return
    say_first_run()
    keep_phrase_readings()
    keep_backward_index()
    corpus = corpus_args.load(skip, progress=make_console(stderr=True))
    check_writable(corpus, corpus_args.paths, partial)
    narrower = _narrower_than_last(Path(out), corpus)
    respelled = _keep_respelled(Path(out), corpus, curation, None if deck_out == "-" else Path(deck_out))
    if respelled:
        curation = corpus_args.curation()  # with the corrections just recorded
        if fingerprint:  # what this build is made of: a learner's `--reset` of them is a change the next one sees
            fingerprint = fingerprint_of(curation)
    query = corpus_args.query(top=top, min_score=min_score)
    terms = select_terms(corpus, curation, query, corpus_args.include_known)
    if _nothing_to_write(terms, query, curation.retired(corpus.terms, corpus_args.include_known), deck_out):
        why = _why_no_terms(corpus)  # empty glossaries and an empty deck would replace those there for nothing
        raise click.ClickException(f"no terms for the glossaries and the deck from {why}: nothing written")
    leaving = listening = marked = clozing = changing = ""
    with library_errors(), corpus_args.cache() as cache, ExitStack() as beside:
        for folder in (Path(out), *(() if deck_out == "-" else (Path(deck_out).parent,))):
            check_folder(folder)  # a deck that cannot be written is known before any glossary is
        if deck_out != "-":
            writable_target(Path(deck_out))
        digests = TermDigests.of_corpus(corpus)
        retired = curation.retired(corpus.terms, corpus_args.include_known)
        stamps = _stamps([*Path(out).glob("*"), *(() if deck_out == "-" else (Path(deck_out),))])
        if deck_out != "-":
            before = exported_versions(Path(deck_out))
            side, clozing = _cloze_side(Path(deck_out), cloze)
            noted, kept_marked = under_exported_identities(terms, retired, Path(deck_out))
            media = Path(media_dir) if media_dir else None
            sounds = term_clips(noted, corpus.documents, media, Path(deck_out).parent / "media", warn)
            noted = _with_a_card(noted, sounds, cards)
            deck_options = DeckOptions(deck_name, cards, split, side)

            def write(into: DocumentCache | None, alone: bool) -> int:
                target, documents, jobs = Path(deck_out), corpus.documents, 1 if alone else corpus_args.jobs
                return write_deck(noted, documents, target, deck_options, kept_marked, sounds, into, digests, jobs)

            in_cache = notes_cached(Path(deck_out), cache) if cache is not None else set()
            worth = _deck_beside(in_cache, terms, corpus_args.jobs)
            deck_notes = beside.enter_context(deck_beside(write, cache, worth))
        written, new = write_glossaries(
            corpus.documents, terms, Path(out), output_format, cache, digests, corpus_args.jobs, [t for t, _ in retired]
        )
        remember_glossaries(Path(out))
        kept, glossaries, deck = [Path(out) / STATE_FILE], list(written), None

        def summary(deck: tuple[Path, int] | None) -> None:
            fresh = set(new)
            figures = (len(corpus.documents), len(corpus.glosses), len(terms), len(corpus.errors))
            as_they_were = {path for path, stamp in _stamps(written).items() if stamps.get(path) == stamp}
            new_terms = [t for t in terms if t.key in fresh]
            print_build_summary(figures, new_terms, glossaries, make_console(), deck=deck, as_they_were=as_they_were)

        if deck_out != "-":
            try:
                notes = deck_notes()
            except VocabError:
                summary(None)  # the glossaries and their new terms are written: said before the deck's error
                raise
            leaving, listening = _leaving(Path(deck_out), before), _listening(cards, len(sounds), len(terms))
            changing = _changing(Path(deck_out), before, {term.key for term, _ in kept_marked})
            marked = _retired(notes - len(terms))
            written.append(Path(deck_out))
            kept.append(deck_state_path(Path(deck_out)))
            deck = (Path(deck_out), notes)
        if cache is not None and fingerprint and not corpus.errors:
            named = [Path(d.path).parent / d.metadata.media for d in corpus.documents if d.metadata.media]
            counts = (len(corpus.documents), len(corpus.glosses), len(terms))
            remember_build(cache, fingerprint, counts, written, kept, named, warnings_given())
    summary(deck)
    lines = (*respelled, changing, leaving, narrower, marked, listening, clozing, glossless_line(corpus))
    for line in (*lines, missing_line(corpus)):
        if line:
            click.echo(f"  {line}")
    _say_warned()
    exit_if_failed()


def _say_warned() -> None:
    """The summary's last line: how many warnings the lines above gave."""
    if given := len(warnings_given()):
        said = "parts of documents read around, or documents skipped; --strict refuses them"
        click.echo(f"  warnings {given} (above): {said}")


def _keep_respelled(out: Path, corpus: Corpus, curation: Curation, deck: Path | None) -> list[str]:
    """Record as the learner's correction (``vocab edit --en``) each term respelled in its document since the last build
    into ``out`` whose old identity holds cards studied or a note of ``deck`` (``learner.respelling``), and say so: the
    note and the cards stay the term's."""
    from datetime import UTC, datetime

    from ..export.anki import exported_notes
    from ..export.glossary import last_build_terms
    from ..identity import note_guid
    from ..learner.curation import with_edits
    from ..learner.respelling import respelled
    from ..learner.store import ReviewStore

    before = last_build_terms(out, marked=True)
    terms = [term for term, _ in with_edits(corpus.terms, curation.edits)]
    said = _unspell_typos_gone(before, terms, curation)
    earlier, present = {item["key"] for item in before}, {term.key for term in terms}
    if not (earlier - present and present - earlier):  # no term came and went: nothing to look up
        return said
    studied: set[str] = set()
    parted: set[tuple[str, str]] = set()
    opened = ReviewStore.in_directory(data_dir(), create=False)
    if opened is not None:
        with opened:
            studied, parted = {key for key, _ in opened.cards()}, opened.parted()
    exported = exported_notes(deck) if deck is not None else set()
    pairs = respelled(before, terms, lambda key: key in studied or note_guid(key) in exported, parted)
    if not pairs:
        return said
    now = datetime.now(UTC)
    with store() as writable:
        for old, term in pairs:
            writable.set_edit(TermEdit(old, en=term.en), now)
    shown = {item["key"]: str(item.get("en") or item["key"]) for item in before}  # as the learner knows it
    return said + [
        f"{shown[old]} is spelled {term.en} now ({term.zh}): its note and cards stay the term's"
        f" (`vocab edit {shlex.quote(shown[old])} --reset` parts them)"
        for old, term in pairs
    ]


def _unspell_typos_gone(before: list[dict[str, Any]], terms: list[Term], curation: Curation) -> list[str]:
    """Drop the respelling of each term whose documents spell it as its own again (``learner.respelled_back``: a typo
    that came and went, new-user report 13), and say so; the learner's other corrections of it stay."""
    from datetime import UTC, datetime

    from ..learner.respelling import respelled_back

    back = respelled_back(before, terms, curation.edits)
    if not back:
        return []
    now = datetime.now(UTC)
    with store() as writable:
        for term, _ in back:
            edit = curation.edits[term.key]
            writable.clear_edit(term.key)
            if dataclasses.replace(edit, en=None) != TermEdit(term.key):
                writable.set_edit(dataclasses.replace(edit, en=None), now)
    return [
        f"{term.en} is spelled so again ({term.zh}), not {typo}: shown as its documents write it" for term, typo in back
    ]


def _narrower_than_last(out: Path, corpus: Corpus) -> str:
    """What a build of fewer documents than the last one into ``out`` leaves out, said: `vocab build ep04.txt` beside a
    library's build made the corpus glossary and the deck of that one episode (new-user report 11). Its glossaries
    stay; the documents are still there, for a build of them all."""
    from ..export.glossary import last_build_documents
    from ..text import plural

    read = {os.path.realpath(d.path) for d in corpus.documents}
    others = [path for path in last_build_documents(out) if os.path.realpath(path) not in read]
    if not others or not corpus.documents:
        return ""
    return (
        f"the last build into {out}/ also read {plural(len(others), 'other document')}, still there: the corpus"
        f" glossary and the deck now hold only the terms of this build's {plural(len(corpus.documents), 'document')}"
        " (a build of them all brings the others back)"
    )


def _apkg(value: str | None, none_allowed: bool) -> str | None:
    """A new deck's file name ends in .apkg: Anki imports nothing else (`x.txt` was written and could not be
    opened). A folder or a file there already is said of later, with what it is. `-` is no deck (``none_allowed``:
    `build --deck-out -`), never a file of that name."""
    if value == "-" and not none_allowed:
        raise click.BadParameter("'-': a deck cannot be written to the terminal: name an .apkg file")
    if value not in (None, "-") and not value.lower().endswith(".apkg") and not os.path.lexists(value):
        raise click.BadParameter(f"{value!r}: an Anki deck is an .apkg file (try {Path(value).stem}.apkg)")
    return value


def _deck_following(out: str) -> str:
    """A build told where its glossaries go keeps its deck with them: `build OTHER --out X` once replaced the
    learner's `decks/vocab.apkg` with a deck of the other documents, dropping 35 of its 39 notes."""
    named = click.get_current_context().get_parameter_source("out") != click.core.ParameterSource.DEFAULT
    if not named or Path(out).resolve() == Path(DEFAULT_OUT).resolve():
        return DEFAULT_DECK
    return str(Path(out) / Path(DEFAULT_DECK).name)


def _folder(value: str) -> str:
    """`-` is no folder for `build`'s glossaries: it means the terminal, where `vocab glossary --out -` prints them."""
    if value == "-":
        raise click.BadParameter("'-': build writes glossaries to a folder; `vocab glossary --out -` prints them")
    return value


def _stamps(paths: Sequence[Path]) -> dict[Path, object]:
    """What tells each file's writing: its inode and time of change (a glossary is written, through a temporary file
    and a rename, only where its text changed), or for a deck, which is packed again whenever any note may have
    changed, the digest its sidecar records. The summary says which files a build left as they were."""
    from ..export.anki import package_digest

    stamps: dict[Path, object] = {}
    for path in paths:
        with contextlib.suppress(OSError):
            if path.suffix == ".apkg":
                stamps[path] = package_digest(path)
            else:
                status = path.stat()
                stamps[path] = (status.st_ino, status.st_mtime_ns)
    return stamps


@click.command(short_help=short_help("deck"))
@corpus_options()
@click.option(
    "--out", default=None, callback=lambda _ctx, _param, value: _apkg(value, none_allowed=False),
    help="The .apkg to write (default: decks/<deck>.apkg).",
)  # fmt: skip
@TOP
@MIN_SCORE
@DOCUMENT
@_TERMS
@_CARDS
@_CLOZE
@_DECK
@_SPLIT
@PARTIAL
@MEDIA
def deck(
    corpus_args: CorpusArgs,
    out: str | None,
    top: int | None,
    min_score: float | None,
    document_filter: str | None,
    terms_file: str | None,
    cards: tuple[CardType, ...],
    cloze: ClozeSide | None,
    deck_name: str,
    split: DeckSplit,
    partial: bool,
    media_dir: str | None,
) -> None:
    """Export the ranked terms of PATHS as an Anki deck: one note per term, updated in place on re-export;
    a term marked known or ignored after it was exported keeps its note, tagged vocab::known or vocab::ignored.
    With --terms, the deck holds the terms a list names (a lesson's, chosen by a teacher), whether you marked them
    known or not; ignored ones stay out."""
    from ..corpus import select_terms
    from ..export.anki import DeckOptions, deck_file_name, exported_versions, under_exported_identities, write_deck
    from ..export.audio import term_clips
    from ..export.digests import TermDigests
    from ..fileio import check_folder, writable_target
    from ..text import plural

    target = Path(out) if out else Path("decks") / deck_file_name(deck_name)
    corpus = corpus_args.load(skip=(target.parent, *_lists(terms_file)))
    check_writable(corpus, corpus_args.paths, partial)
    curation = corpus_args.curation()
    chosen = {"top": top, "min_score": min_score, "document": document_filter}
    query, include_known = _chosen(corpus_args, corpus, terms_file, **chosen)
    terms = select_terms(corpus, curation, query, include_known)
    retired = curation.retired(corpus.terms, include_known)  # tagged where already exported
    if _nothing_to_write(terms, query, retired, str(target)):  # a deck of no notes would replace the one there
        raise click.ClickException(f"no terms for the deck from {_why_no_terms(corpus)}: nothing written")
    with library_errors(), corpus_args.cache() as cache:
        check_folder(target.parent)
        writable_target(target)
        before = exported_versions(target)
        side, clozing = _cloze_side(target, cloze)
        noted, kept_marked = under_exported_identities(terms, retired, target)
        media = Path(media_dir) if media_dir else None
        sounds = term_clips(noted, corpus.documents, media, target.parent / "media", warn)
        if set(cards) == {CardType.LISTEN} and not sounds:  # notes with no card: Anki would show no deck at all
            raise click.ClickException(f"{_listening(cards, 0, len(noted))}: nothing written")
        noted = _with_a_card(noted, sounds, cards)
        if left_out := [c.value for c in DEFAULT_CARDS if c not in cards]:
            warn(
                f"no {', '.join(left_out)} cards: imported into a collection that has them, this deck leaves them"
                " with blank fronts (the notes are the same in every deck)"
            )
        options = DeckOptions(deck_name, cards, split, side)
        digests = TermDigests.of_corpus(corpus)
        jobs = corpus_args.jobs
        notes = write_deck(noted, corpus.documents, target, options, kept_marked, sounds, cache, digests, jobs)
    if not terms:
        click.echo(f"Warning: no terms for the deck from {_why_no_terms(corpus)}", err=True)
    click.echo(f"{target}: {plural(notes, 'note')} from {plural(len(corpus.documents), 'document')}")
    said = (
        _changing(target, before, {term.key for term, _ in kept_marked}),
        _leaving(target, before),
        _retired(notes - len(terms)),
        _listening(cards, len(sounds), len(terms)),
        clozing,
    )
    for line in (*said, missing_line(corpus)):
        if line:
            click.echo(line)
    exit_if_failed()


def _lists(terms_file: str | None) -> tuple[Path, ...]:
    """The `--terms` list, which a walk of PATHS leaves out: a lesson's list beside the episodes is no episode
    (learner's trial 63: `vocab list` in the working folder read an interpreter's term list and counted its terms)."""
    return (Path(terms_file),) if terms_file else ()


def _chosen(corpus_args: CorpusArgs, corpus: Corpus, terms_file: str | None, **fields: Any) -> tuple[TermQuery, bool]:
    """The query of ``fields`` and, with ``--terms``, only the terms its list names; and whether known words are kept:
    a list names what it wants, known or not (a teacher's own known words stay in her class's deck and sheet)."""
    listed = _listed_terms(terms_file, corpus.terms) if terms_file else None
    return corpus_args.query(listed=listed, **fields), corpus_args.include_known or listed is not None


def _listed_terms(path: str, terms: Sequence[Term]) -> Callable[[Term], bool]:
    """Whether a term is one the word list at ``path`` names (as a known-words file names them); each word that names
    none of the corpus's terms is said: a typo would leave a lesson's term out without a word."""
    from ..identity import word_key
    from ..learner.words import read_word_list, words_to_set

    try:
        words = read_word_list(path)
    except VocabError as error:
        raise click.BadParameter(str(error), param_hint="--terms") from None
    for word in words:
        if not any(map(words_to_set([word_key(word)]).knows, terms)):
            warn(f"{path}: {word!r} names no term of these documents: left out")
    return words_to_set(map(word_key, words)).knows


def _deck_beside(cached: set[str], terms: list[Term], jobs: int | None) -> bool:
    """The deck is worth writing beside the glossaries: there is a second core, and the deck would make its notes on
    one core anyway (fewer than ``POOL_MIN_NOTES`` to make: five seeds' 201 took about 25 ms less so) or the cache
    keeps nine in ten of them (``cached``: a rebuild; a first build's large deck makes its notes with every core,
    ``write_deck``, and so does a rebuild after `vocab cache clear`: beside, one process made 3,867 notes alone while
    two wrote glossaries, on two cores, and the build's peak PSS was 457 MiB, against 305 after them)."""
    from ..export.anki import POOL_MIN_NOTES
    from ..identity import note_guid

    cores = jobs if jobs is not None else (os.cpu_count() or 1)
    new = sum(note_guid(t.key) not in cached for t in terms)
    return cores > 1 and len(terms) > 0 and (new < POOL_MIN_NOTES or new <= 0.1 * len(terms))


def _with_a_card(terms: list[Term], sounds: dict[str, TermClip], cards: tuple[CardType, ...]) -> list[Term]:
    """``terms``, but in a deck of listening cards only, those with a clip: a note without one has no card, and
    Anki keeps it where the learner never meets it (new-user report 10: 55 notes, 22 cards). Said when any go."""
    from ..identity import note_guid
    from ..text import plural

    if set(cards) != {CardType.LISTEN}:
        return terms
    heard = [term for term in terms if note_guid(term.key) in sounds]
    if len(heard) < len(terms):
        left = len(terms) - len(heard)
        episodes = "its episode has" if left == 1 else "their episodes have"
        warn(f"{plural(left, 'term')} left out: {episodes} no audio, and listening is the only card")
    return heard


def _listening(cards: tuple[CardType, ...], clips: int, notes: int) -> str:
    """What the episodes' audio gave the deck: without `--cards …,listen`, how many notes play their moment on the
    back (the clips were cut in silence; new-user report 11); with it, how many listening cards there are (one for
    each note with a clip), and where the audio goes when there are none."""
    if not notes:
        return ""
    if CardType.LISTEN not in cards:
        said = f"{clips} of {notes} notes play their moment from the episode's audio (--cards …,listen adds listening"
        return f"{said} cards)" if clips else ""
    if not clips:
        return "no listening cards: no episode's audio was found (put ep.mp3 beside ep.txt, or use --media DIR)"
    if clips >= notes:
        return f"listening cards for all {notes} notes"
    return f"listening cards for {clips} of {notes} notes: the others' episodes have no audio beside them"


def _retired(kept: int) -> str:
    """Why the deck holds more notes than there are terms: those of terms marked known or ignored since an export."""
    if kept <= 0:
        return ""
    return (
        f"{kept} of the deck's notes {'is a term' if kept == 1 else 'are terms'} you marked known or ignored, kept so"
        " that a re-import tags them (vocab::known, vocab::ignored)"
    )


def _nothing_to_write(terms: list[Term], query: TermQuery, retired: list[tuple[Term, MarkStatus]], deck: str) -> bool:
    """No term is selected, so nothing is written: not even a deck of the notes of terms marked known or ignored
    since (``_marked_in_deck``) where the learner's options selected nothing (a learner's report: `--min-score 99`
    replaced a deck of 576 notes with the 6 marked ones); after marks alone, that deck is written, to tag them."""
    options = (query.top, query.min_score, query.document, query.search, query.min_zipf, query.max_zipf)
    narrowed = any(value is not None for value in options)
    return not terms and (narrowed or not _marked_in_deck(retired, deck))


def _marked_in_deck(retired: list[tuple[Term, MarkStatus]], deck: str) -> bool:
    """A term marked known or ignored has a note in the deck at ``deck`` (`-`: none), which an export tags: a deck of
    those notes alone is still worth writing (new-user report 12: a --min-score that selected nothing, beside a mark,
    replaced a deck of ten notes with an empty one)."""
    from ..export.anki import exported_notes
    from ..identity import note_guid

    held = exported_notes(Path(deck)) if deck != "-" else set()
    return any(note_guid(term.key) in held for term, _ in retired)


def _why_no_terms(corpus: Corpus) -> str:
    """``N documents: why`` none of their terms was selected."""
    from ..text import plural

    why = "no gloss found" if not corpus.glosses else "none passes the options given (or all are known)"
    return f"{plural(len(corpus.documents), 'document')}: {why}"


def _cloze_side(target: Path, cloze: ClozeSide | None) -> tuple[ClozeSide, str]:
    """The side cloze cards blank: as asked, else as the deck's last export blanked it, else the term as its sentence
    writes it (a learner of English passes `--cloze english` once: learner's trial 59, where a build without it turned
    103 cards back to 填中文; new-user report 16, the same with `--cloze chinese`); and what to say where that is
    another side than the deck's last export blanked."""
    from ..export.anki import exported_cloze

    before = exported_cloze(target)
    side = cloze or next((side for side in ClozeSide if side.value == before), ClozeSide.TERM)
    if before is None or before == side.value:
        return side, ""
    return side, f"cloze cards are --cloze {side.value} now: the last export of this deck had --cloze {before}"


def _changing(target: Path, before: dict[str, tuple[str, str]], marked: Collection[str] = ()) -> str:
    """The notes the deck held that this export changed, named: a sentence, a Chinese or a definition that moved with
    another episode changes a card a learner studies, and Anki's import replaces the note whole, a tag they added to
    it too (learner's trial 59: an earlier episode added later changed three studied terms without a word). Not the
    notes of terms ``marked`` known or ignored (identities), whose tag changed: ``_retired`` says why they are kept
    (learner's trial 60: a mark was called a change of sentence, Chinese or definition)."""
    from ..export.anki import exported_versions
    from ..identity import note_guid
    from ..text import plural

    after, tagged = exported_versions(target), {note_guid(key) for key in marked}
    changed = [
        after[guid][1]
        for guid, (version, _) in before.items()
        if guid in after and after[guid][0] != version and guid not in tagged
    ]
    if not changed:
        return ""
    return (
        f"{plural(len(changed), 'note')} of the deck changed (a sentence, the Chinese or a definition):"
        f" {_named(changed)}; importing replaces each whole in Anki, its review history kept, tags you added to it not"
    )


_NAMED = 5  # notes a line names before it counts the rest


def _named(notes: list[str]) -> str:
    """The first ``_NAMED`` of ``notes`` (their English), and how many more."""
    return ", ".join(notes[:_NAMED]) + (f" and {len(notes) - _NAMED} more" if len(notes) > _NAMED else "")


def _leaving(target: Path, before: dict[str, tuple[str, str]]) -> str:
    """What a deck lost to this export, said and named (``before``: the notes it held, ``exported_versions``): a
    smaller deck is never written without a word, nor without the notes it left behind in the learner's collection."""
    from ..export.anki import exported_notes

    kept = exported_notes(target)
    gone = [english for guid, (_, english) in before.items() if guid not in kept]
    if not gone:
        return ""
    from ..text import plural

    leave, terms = ("leaves", "its term is") if len(gone) == 1 else ("leave", "their terms are")
    return (
        f"{plural(len(gone), 'note')} {leave} the deck {target} ({len(before)} before): {_named(gone)}; {terms} no"
        " longer in the documents or no longer selected (--top, --min-score, --include-names)"
    )


@click.group(name="cache", short_help=short_help("cache"))
def cache_group() -> None:
    """The cache of read documents, which lets a rebuild read only new and changed files."""


@cache_group.command(name="clear")
def cache_clear() -> None:
    """Empty the cache: the next build reads every document again and computes every reading again."""
    from .. import memo

    cache = _cache_folder()
    if not cache.path.parent.is_dir():
        click.echo(f"nothing to clear: {cache.path.parent} is not there")
        return
    cache.clear()
    memo.clear()
    click.echo(f"cleared {cache.path.parent}")


@cache_group.command(name="info")
def cache_info() -> None:
    """Where the cache is (VOCAB_CACHE moves it), how many documents it holds and the room it takes."""
    from .. import memo
    from ..text import plural

    cache = _cache_folder()
    folder = cache.path.parent
    files = [path for path in (*cache.files(), *memo.files_in(folder)) if path.is_file()]
    size = sum(path.stat().st_size for path in files)
    documents = cache.document_count() if cache.path.is_file() else 0
    if not folder.is_dir():
        state = "  (not there yet: a build makes it)"
    elif not (cache.writable() if cache.path.is_file() else os.access(folder, os.W_OK | os.X_OK)):  # makes nothing
        state = "  (cannot be written: builds read every document again)"
    else:
        state = ""
    cache.close()
    room = f"{size / 2**20:.1f} MiB in {plural(len(files), 'file')}"
    click.echo(f"{folder}{state}\n  {plural(documents, 'document')} read, {room}")


def _cache_folder() -> DocumentCache:
    """The cache, whose folder must be one: nothing of vocab's is in a file, which is said rather than a traceback."""
    from ..cache import DocumentCache

    cache = DocumentCache()
    existing = next((p for p in (cache.path.parent, *cache.path.parent.parents) if os.path.lexists(p)), None)
    if existing is not None and existing.is_file():  # the folder, or one it would be made in (`notes.txt/cache`)
        raise click.ClickException(f"{existing}: is a file, not a folder: point VOCAB_CACHE at a folder")
    return cache
