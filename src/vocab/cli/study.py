"""The learner's commands: review, stats, edit and known. Parsing and printing only: each is a
library call (``corpus``, ``learner``, ``review``) on the review store, opened once."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from ..models import Document, MarkStatus, OutputFormat, ReviewDirection, Term, TermEdit
from .catalogue import short_help
from .options import (
    DOCUMENT,
    INPUT_FORMAT,
    NOW,
    PATHS,
    TOP,
    CorpusArgs,
    corpus_options,
    curation,
    enum_option,
    exit_if_failed,
    last_glossaries,
    library_errors,
    load,
    no_documents,
    output_format,
    store,
)


@click.command(short_help=short_help("review"))
@corpus_options(include_known=False)
@enum_option(
    "--direction",
    "direction",
    list(ReviewDirection),
    ReviewDirection.MIXED,
    "en-zh: recall the Chinese of an English term; zh-en: the other way; mixed: both, as two cards.",
)
@click.option(
    "--new", "new_per_day", type=click.IntRange(min=0), default=20, show_default=True, help="New cards a day."
)
@DOCUMENT
@TOP
@NOW
def review(
    corpus_args: CorpusArgs,
    direction: ReviewDirection,
    new_per_day: int,
    document_filter: str | None,
    top: int | None,
    now: str | None,
) -> None:
    """Study the ranked terms of PATHS in the terminal, scheduled by FSRS.

    Space or enter shows the answer; 1–4 grade it (again, hard, good, easy); k marks the term
    known, i ignores it, u undoes the last answer, q quits. Every answer is saved at once.
    """
    from ..corpus import select_terms
    from ..export.table import make_console
    from ..review.session import ReviewSession, under_studied_identities
    from ..review.terminal import key_reader, study

    corpus = corpus_args.load()
    terms = select_terms(corpus, corpus_args.curation(), corpus_args.query(document=document_filter, top=top))
    if not terms:
        if not corpus.documents:  # as `list` and `deck` say it, unless none could be read: their errors say why
            exit_if_failed()
            raise click.ClickException(no_documents(corpus, corpus_args.paths))
        why = f"no document matches {document_filter!r}" if document_filter else "no terms found"
        click.echo(f"Nothing to review: {why}.")  # said also where another document could not be read
        exit_if_failed()
        return
    clock = _clock(now)
    with store() as opened:
        opened.check_writable()  # a locked store is reported now, not at the first answer
        terms = under_studied_identities(opened, terms)
        session = ReviewSession(opened, terms, direction.sides, new_per_day, clock=clock)
        with key_reader() as read_key:
            study(session, make_console(), read_key, _player(corpus.documents))
    exit_if_failed()


def _player(documents: list[Document]) -> Callable[[Term], str] | None:
    """`p` in a review: the term's clip (cut into decks/media now if the episode's audio is there and it is
    not), played by the first player found; None when no document has audio (the review then offers no `p`)."""
    from ..export.audio import find_media, play, term_clips

    listings: dict[Path, frozenset[str] | None] = {}
    if not any(find_media(d.path, None, d.metadata.media, listings) for d in documents):
        return None

    def play_term(term: Term) -> str:
        problems: list[str] = []
        clips = term_clips([term], documents, None, Path("decks") / "media", lambda error: problems.append(str(error)))
        if problems:
            return problems[0]
        clip = next(iter(clips.values()), None)
        if clip is None:
            return "No clip for this term: its episode's audio is not beside its transcript."
        return play(clip.path)

    return play_term


@click.command(short_help=short_help("stats"))
@PATHS
@INPUT_FORMAT
@output_format([OutputFormat.TABLE, OutputFormat.JSON], OutputFormat.TABLE, "table: for reading; json: every figure.")
@NOW
def stats(paths: tuple[str, ...], input_format: str | None, output_format: OutputFormat, now: str | None) -> None:
    """How far you are: terms known, learning and new; reviews today; retention.

    With PATHS, also how many of their terms are new to you, and cards are counted for them only.
    """
    from ..learner.curation import edited_terms
    from ..review.session import under_studied_identities
    from ..review.stats import review_stats

    corpus = load(paths, input_format) if paths else None
    if corpus is not None and not corpus.documents:
        exit_if_failed()  # none of PATHS could be read: the errors say why, and no figures follow them
        raise click.ClickException(no_documents(corpus, paths))  # as the other commands say
    # each term under the identity the learner's corrections keep (a typo fixed: its cards are the term's still)
    terms = edited_terms(corpus.terms, curation().edits) if corpus is not None else None
    with store(read_only=True) as opened:
        figures = review_stats(opened, _clock(now)(), terms and under_studied_identities(opened, terms))
    if output_format is OutputFormat.JSON:
        from ..export.records import render_json, stats_record

        click.echo(render_json(stats_record(figures)), nl=False)
    else:
        from ..export.table import make_console, print_stats

        print_stats(figures, make_console())
    exit_if_failed()


@click.command(short_help=short_help("edit"))
@click.argument("term")
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option("--en", default=None, help="The English to show for the term.")
@click.option("--zh", default=None, help="The Chinese to show for the term.")
@click.option(
    "--drop-zh",
    "drop_zh",
    multiple=True,
    metavar="FORM",
    help="A Chinese form that is no form of the term (a wrong cut): no longer shown or counted (repeatable).",
)
@click.option("--definition", default=None, help="The definition to show (empty to remove it).")
@click.option(
    "--pinyin",
    default=None,
    help="The pinyin to show for its Chinese, one syllable per character: tone marks or numbers"
    " ('chang2 shang4 xia4 wen2'); empty to read it from the Chinese again.",
)
@click.option(
    "--merge-into",
    "merge_into",
    default=None,
    metavar="TERM",
    help="Make the term part of another (one concept written two ways): its sentences, forms and counts join that"
    " term's, which keeps its Anki note and progress. --reset undoes it.",
)
@click.option("--reset", is_flag=True, help="Drop your corrections of the term.")
@INPUT_FORMAT
def edit(
    term: str,
    paths: tuple[str, ...],
    en: str | None,
    zh: str | None,
    drop_zh: tuple[str, ...],
    definition: str | None,
    pinyin: str | None,
    merge_into: str | None,
    reset: bool,
    input_format: str | None,
) -> None:
    """Correct TERM of PATHS (default: the current folder), named by its English or a Chinese form.

    Lists, glossaries, decks and reviews use the correction from then on. The term keeps its
    identity, so its Anki note and review progress stay the same.
    """
    from ..errors import LookupFailed
    from ..learner.actions import edit_term, merge_term, reset_term

    corrections = (en, zh, drop_zh or None, definition, pinyin)
    if not reset and merge_into is None and all(given is None for given in corrections):
        raise click.UsageError("give --en, --zh, --drop-zh, --definition, --pinyin, --merge-into or --reset")
    if merge_into is not None and (reset or any(given is not None for given in corrections)):
        raise click.UsageError("--merge-into goes alone: correct the term it joins after the merge")
    for name, given in (("--en", en), ("--zh", zh)):
        if given is not None and not given.strip():
            raise click.BadParameter("a term is never empty (--reset drops your corrections)", param_hint=name)
    with store() as opened:
        corpus = load(paths, input_format)
        if not corpus.documents:  # not "TERM is in no term of PATHS": nothing was read to hold it
            exit_if_failed()
            raise click.ClickException(no_documents(corpus, paths))
        terms = corpus.terms
        try:
            if reset:
                dropped = reset_term(opened, terms, term)
                click.echo(f"{term}: corrections dropped" if dropped else f"{term}: nothing to drop")
                return
            if merge_into is not None:
                _, target = merge_term(opened, terms, term, merge_into)
                joined = next(t for t in terms if t.key == target)
                click.echo(f"{term}: merged into {joined.en} {joined.zh or ''}".rstrip())
                return
            change = TermEdit("", en, zh, definition, pinyin, dropped_zh=tuple(f.strip() for f in drop_zh if f.strip()))
            merged = edit_term(opened, terms, term, change)
        except LookupFailed as error:
            if error.subject == "term":  # a path that could not be read said so: no second error about a term it
                exit_if_failed()  # may hold; a value refused (a pinyin, another term's English) is refused whatever
            raise
    shown = [f"{name} = {value!r}" for name, value in (("en", merged.en), ("zh", merged.zh),
             ("definition", merged.definition), ("pinyin", merged.pinyin or None)) if value is not None]  # fmt: skip
    if pinyin == "":  # `--pinyin ""`: the learner's reading dropped
        shown.append("pinyin read from the Chinese again")
    if merged.dropped_zh:
        shown.append(f"not its Chinese: {'; '.join(merged.dropped_zh)}")
    click.echo(f"{term}: {', '.join(shown)}")
    if zh is not None and (others := _other_forms(zh, [t for t in terms if t.key == merged.term], merged.dropped_zh)):
        # a learner's report: `--zh 節` for `knot` (節; 繩結) said it was done, and the list still showed 繩結
        click.echo(
            f"Note: {zh.strip()} is shown first; the term's other Chinese stays beside it: {'; '.join(others)}"
            " (--drop-zh FORM takes a wrong one away)"
        )
    if zh is not None and not _written_in_its_sentences(zh, [t for t in terms if t.key == merged.term]):
        click.echo(
            f"Note: {zh.strip()} stands in none of the term's sentences: it is shown as the term's Chinese, and the"
            " sentences keep the form they write",  # new-user report 16
            err=True,
        )


def _other_forms(zh: str, terms: list[Term], dropped: tuple[str, ...]) -> list[str]:
    """The term's Chinese forms other than ``zh``, those it is part of or holds (a correction recuts those) and those
    ``dropped``."""
    from ..text import simplified

    wanted = simplified(zh.strip())
    forms = [form for term in terms for form in term.zh_forms]
    kept = [f for f in dict.fromkeys(forms) if f not in dropped]
    return [f for f in kept if wanted not in simplified(f) and simplified(f) not in wanted]


def _written_in_its_sentences(zh: str, terms: list[Term]) -> bool:
    """``zh`` stands in a sentence of the term (any script): a correction the cards can bold and blank there."""
    from ..text import simplified

    wanted = simplified(zh.strip())
    return any(wanted in simplified(gloss.sentence) for term in terms for gloss in term.glosses)


@click.group(short_help=short_help("known"))
def known() -> None:
    """Words you already know: left out of lists, glossaries, decks and reviews."""


_FORCE = click.option(
    "--force", is_flag=True, help="Mark a word even where it looks like a typo of a term of the last build."
)


@known.command(name="add")
@click.argument("words", nargs=-1, required=True)
@_FORCE
def known_add(words: tuple[str, ...], force: bool) -> None:
    """Mark WORDS (English or Chinese) known."""
    _mark_words(words, MarkStatus.KNOWN, force)


@known.command(name="ignore")
@click.argument("words", nargs=-1, required=True)
@_FORCE
def known_ignore(words: tuple[str, ...], force: bool) -> None:
    """Ignore WORDS for good: not terms worth learning."""
    _mark_words(words, MarkStatus.IGNORED, force)


def _mark_words(words: tuple[str, ...], status: MarkStatus, force: bool = False) -> None:
    """Mark ``words``; and where the last build's glossaries are here, say which word names none of its terms. One
    spelled like a term (a typo: `photometery`) is not marked unless ``force``, and the exit says so; one like none
    is marked for the documents to come."""
    from ..export.glossary import last_build_terms
    from ..learner.actions import mark_words
    from ..learner.words import as_terms_write, spelled_like, terms_named
    from .documents import DEFAULT_OUT

    folder = last_glossaries(Path(DEFAULT_OUT))
    terms = last_build_terms(folder, marked=True)
    words = tuple(as_terms_write(word.strip(), terms) for word in words)
    held: list[str] = []
    hints = []
    for word in [w.strip() for w in words if w.strip()] if terms else []:
        near = spelled_like(word, terms)
        if near is None:  # it names a term, which the mark takes whole: say which where it is written otherwise
            hints += [f"{word}: {_whole(term, status)}" for term in terms_named(word, terms) if not _shown(term, word)]
            continue
        if near and not force:
            held.append(word)
        hint = (
            f"not marked: did you mean {' or '.join(near)}? (--force marks it)"
            if near and not force
            else ("marked for the documents to come")
        )
        hints.append(f"{word}: no term of the last build in {folder}/ is written so; {hint}")
    with store() as opened:
        added = mark_words(opened, tuple(w for w in words if w.strip() not in held), status)
    if added:
        named = [_with_other_side(word, terms_named(word, terms) if terms else []) for word in added]
        click.echo(f"marked {status.value} {len(added)}: {', '.join(named)}")
    elif len(held) < len(words):  # every word held back for a typo says so below, and nothing was tried
        click.echo("nothing new")
    for hint in hints:
        click.echo(hint, err=True)
    if held:
        raise SystemExit(1)


def _with_other_side(word: str, named: list[Mapping[str, Any]]) -> str:
    """``word`` and the other side of each term of the last build it names, so a learner sees what was marked
    (`加班 (overtime)`, `boss (老板)`, `内卷 (involution; rat race)`; learner's trial 62)."""
    from ..text import HAN_RE

    sides = [term["en"] if HAN_RE.search(word) else next(iter(term["zh_forms"]), "") for term in named]
    others = [side for side in dict.fromkeys(sides) if side]
    return f"{word} ({'; '.join(others)})" if others else word


def _whole(term: Mapping[str, Any], status: MarkStatus) -> str:
    """What marking a form of ``term`` did (`known add OG` hid `original gravity (OG)`, and said nothing of it)."""
    return f"the term {' '.join([term['en'], '; '.join(term['zh_forms'])]).strip()} is {status.value}, all its forms"


def _shown(term: Mapping[str, Any], word: str) -> bool:
    """``word`` is the term as a list shows it (its English, or its first Chinese), or its English without the
    acronym shown with it."""
    from ..learner.words import word_key

    shown = [term["en"], *term["zh_forms"][:1]]
    return word_key(word) in (*map(word_key, shown), ("en", term["key"]))


@known.command(name="remove")
@click.argument("words", nargs=-1, required=True)
def known_remove(words: tuple[str, ...]) -> None:
    """Take back the known (or ignored) mark on WORDS."""
    from ..export.glossary import last_build_terms
    from ..learner.actions import unmark_words
    from ..learner.words import named_forms
    from .documents import DEFAULT_OUT

    terms = last_build_terms(last_glossaries(Path(DEFAULT_OUT)), marked=True)  # a mark on any form of a term it read
    with store() as opened:
        removed = unmark_words(opened, words, terms)
    if not removed:  # as `known add` of a likely typo: what was asked is not done
        raise click.ClickException(f"not marked, so nothing removed: {', '.join(w.strip() for w in words)}")
    click.echo(f"removed {len(removed)}: {', '.join(m.word for m in removed)}")
    taken = {(m.lang, m.key) for m in removed}
    unmarked = [w.strip() for w in words if w.strip() and not named_forms(w, terms) & taken]
    if unmarked:
        click.echo(f"not marked, so not removed: {', '.join(unmarked)}", err=True)


@known.command(name="list")
@click.option("--ignored", is_flag=True, help="List the ignored words instead.")
def known_list(ignored: bool) -> None:
    """Print your known (or ignored) words, one per line."""
    from ..text import plural  # text compiles its patterns on import: `vocab --help` does without

    with store(read_only=True) as opened:
        marks = opened.marks()
    for mark in marks:
        if (mark.status is MarkStatus.IGNORED) == ignored:
            click.echo(mark.word)
    others = sum((mark.status is MarkStatus.IGNORED) != ignored for mark in marks)
    if others:  # on stderr, so a piped list stays a list of words
        hidden, flag = ("known", "") if ignored else ("ignored", " --ignored")
        click.echo(f"({plural(others, f'{hidden} word')} not shown: vocab known list{flag})", err=True)


@known.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option(
    "--min-interval",
    type=click.IntRange(min=0),
    default=21,
    show_default=True,
    help="Days a card's interval must reach.",
)
@click.option("--field", "field_name", default=None, help="Match other notes on this field only (default: any field).")
@INPUT_FORMAT
def known_import(
    file: str, paths: tuple[str, ...], min_interval: int, field_name: str | None, input_format: str | None
) -> None:
    """Mark known the terms you learned in Anki: FILE is an .apkg, .colpkg or collection.anki2 (read only).

    Notes made by `vocab deck` match by their GUID; other notes match the terms of PATHS
    (default: the current folder) when a field's text is a term's English or Chinese.
    """
    from ..learner.actions import import_known
    from ..learner.anki_import import find_field, read_anki_notes
    from ..text import plural

    with library_errors():
        notes = read_anki_notes(file)
        field_name = find_field(field_name, notes, file) if field_name else None
    from ..export.glossary import last_build_terms
    from .documents import DEFAULT_OUT

    terms = load(paths, input_format).terms
    built = [term["key"] for term in last_build_terms(last_glossaries(Path(DEFAULT_OUT)), marked=True)]  # by GUID
    with store() as opened:
        done = import_known(opened, notes, terms, min_interval, field_name, identities=built)
    match = done.match
    click.echo(
        f"{file}: {plural(match.notes, 'note')}, {match.learned} learned (interval ≥ {plural(min_interval, 'day')}); "
        f"matched {plural(len(done.matched), 'term')} ({len(match.by_guid)} by GUID, {len(match.by_field)} by field"
        f" text), {done.newly_known} newly marked known"
    )
    if not done.studied:
        click.echo("No card in it has been studied: was it exported without scheduling information?")
    exit_if_failed()


def _clock(now: str | None) -> Callable[[], datetime]:
    from ..review.terminal import now_from_option

    try:
        return now_from_option(now)
    except ValueError:
        raise click.BadParameter(f"not an ISO 8601 time: {now!r}", param_hint="--now") from None
