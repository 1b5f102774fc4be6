"""A corpus: every document under some paths, read, extracted and ranked, with the errors met on the way.

``read → extract → rank → select``: every command that works on terms starts with ``load_corpus``
and ``select_terms``, so a folder is walked the same way everywhere and one bad document never
stops the others.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import TypeVar

from . import sources
from .cache import DocumentCache
from .errors import EmptyDocument, SameText, SourceError, VocabError
from .extract import ExtractConfig, extract_glosses, load_word_lists
from .extract.align import translates_line_by_line
from .extract.context import SentenceIndex, deep_link
from .fileio import MAX_DOCUMENT_MB, OUTPUT_MARKER, document_bytes
from .identity import as_shown, simplified
from .learner.curation import Curation
from .memo import answers_while, flush, keep_answers
from .models import (
    ChineseCorrection,
    Corpus,
    Document,
    Gloss,
    GlossKind,
    InputFormat,
    Lang,
    Term,
    TermOrder,
    TermQuery,
    first_with_english,
    segments_digest,
)
from .rank import frequencies_ahead, rank_terms
from .sources import DOCUMENT_SUFFIXES, ttml
from .sources.json_subtitles import may_hold_cues
from .text import term_pinyin, without_tones
from .workers import default_jobs, in_background, in_order

T = TypeVar("T")
OnError = Callable[[VocabError], None]
OnProgress = Callable[[int, int], None]  # documents read so far, documents in all


def _pinyin_order(term: Term) -> tuple[object, ...]:
    """Where ``term`` stands in a Chinese dictionary: by its pinyin without tones, then tones, then its characters; an
    English term explained in Chinese, which has no word to read, after the others."""
    reading = term_pinyin(term).casefold()
    return (not reading, without_tones(reading).replace(" ", ""), reading, term.zh or "", term.rank)


_ORDERS: dict[TermOrder, Callable[[Term], tuple[object, ...]]] = {
    TermOrder.COUNT: lambda t: (-t.count, t.rank),
    TermOrder.RARITY: lambda t: (-t.rarity, t.rank),
    TermOrder.ALPHA: lambda t: (t.en.casefold(), t.rank),
    TermOrder.PINYIN: _pinyin_order,
}


def ordered_terms(terms: list[Term], order: TermOrder) -> list[Term]:
    """``terms`` in ``order`` (they come in rank order)."""
    return sorted(terms, key=_ORDERS[order]) if order in _ORDERS else terms


def load_corpus(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = (),
    input_format: str | None = None,
    config: ExtractConfig | None = None,
    *,
    skip: Iterable[Path] = (),
    on_error: OnError | None = None,
    on_progress: OnProgress | None = None,
    cache: DocumentCache | None = None,
    jobs: int | None = 1,
    max_mb: float = MAX_DOCUMENT_MB,
    strict: bool = False,
    corrected: Mapping[str, ChineseCorrection] = {},  # noqa: B006 (read only)
) -> Corpus:
    """Read, extract and rank every document of ``paths`` (files or folders; default: the current
    folder), leaving out the output folders in ``skip`` (``read_corpus`` says what ``cache``, ``jobs`` and
    ``max_mb`` do). With ``strict``, a document read with warnings (a cue skipped) is an error instead.
    ``corrected``: the learner's Chinese for terms cut at other edges or given wrong forms (``rank_terms``)."""
    given = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)  # one path given alone: `"episodes"`
    left_out: list[Path] = []
    files = document_paths(given or ["."], skip=skip, left_out=left_out)
    corpus = read_corpus(files, input_format, on_error, on_progress, config, cache=cache, jobs=jobs, max_mb=max_mb)
    if strict:
        corpus = _refuse_warned(corpus, on_error)
    corpus = _each_text_once(corpus)
    terms = rank_terms(corpus.glosses, corpus.documents, cache, jobs, corrected, corpus.document_keys)
    if cache is not None:
        cache.close()  # what this build put is written now, whole
    return dataclasses.replace(corpus, terms=terms, left_out=tuple(left_out))


def _each_text_once(corpus: Corpus) -> Corpus:
    """The corpus with each text read once: of documents that say the same (``segments_digest``), the one with the
    shortest file name is kept (a copy's name adds to the original's: ` (1)`, `副本`), the others skipped and said."""
    digests = [segments_digest(d.segments) for d in corpus.documents]
    kept: dict[str, str] = {}  # digest → the path read
    for _, at, digest in sorted((len(Path(d.path).name), k, digests[k]) for k, d in enumerate(corpus.documents)):
        kept.setdefault(digest, corpus.documents[at].path)
    if len(kept) == len(digests):
        return corpus
    chosen = set(kept.values())
    copies: list[VocabError] = [
        SameText(d.path, f"the same text as {kept[digest]}: read once")
        for d, digest in zip(corpus.documents, digests, strict=True)
        if d.path not in chosen
    ]
    return dataclasses.replace(
        corpus,
        documents=[d for d in corpus.documents if d.path in chosen],
        glosses=[g for g in corpus.glosses if g.source in chosen],
        skipped=corpus.skipped + copies,
        document_keys={path: key for path, key in corpus.document_keys.items() if path in chosen},
    )


def _refuse_warned(corpus: Corpus, on_error: OnError | None) -> Corpus:
    """The corpus without the documents read with warnings, each an error now, as is each it skipped for having no
    text (``--strict``)."""
    warned = {d.path: d.warnings[0] for d in corpus.documents if d.warnings}
    if not warned and not corpus.skipped:
        return corpus
    errors: list[VocabError] = [_strict_error(path, warning) for path, warning in warned.items()] + corpus.skipped
    for error in errors:
        if on_error:
            on_error(error)
    return Corpus(
        documents=[d for d in corpus.documents if d.path not in warned],
        glosses=[g for g in corpus.glosses if g.source not in warned],
        errors=corpus.errors + errors,
        document_keys=corpus.document_keys,
    )


def _strict_error(path: str, warning: str) -> SourceError:
    """A reader's warning (`path:line: message`) as the error ``--strict`` makes of it: the document is refused, so
    what the reader would have done about it (`: cue skipped`) is not said."""
    where, _, message = warning.removeprefix(f"{path}:").partition(": ")
    if not where.isdigit():
        message = warning.removeprefix(f"{path}: ")
    message = _READ_AROUND.sub("", message)
    return SourceError(path, f"{message}: document refused (--strict)", line=int(where) if where.isdigit() else None)


_READ_AROUND = re.compile(r": (?:cue )?skipped$|: not used as the title$|: read as WebVTT for its cue timings$")


_EVERY_TERM = TermQuery()
_NO_CURATION = Curation()


def select_terms(
    corpus: Corpus, curation: Curation = _NO_CURATION, query: TermQuery = _EVERY_TERM, include_known: bool = False
) -> list[Term]:
    """The corpus's terms a learner asked for: corrected, without ignored (and, unless
    ``include_known``, known) ones, without people's names unless the query keeps them, filtered by
    ``query``, in its order."""
    if query.include_names:
        terms = curation.apply(corpus.terms, include_known)
    else:
        terms = curation.apply(_ranked_anew([t for t in corpus.terms if t.kind is not GlossKind.NAME]), include_known)
    terms = terms_of_documents(corpus, terms, query.document)
    if query.listed is not None:
        terms = [t for t in terms if query.listed(t)]
    if query.search:
        terms = [t for t in terms if term_matches(t, query.search)]
    if query.min_score is not None:
        terms = [t for t in terms if t.score >= query.min_score]
    if query.min_zipf is not None:
        terms = [t for t in terms if t.zipf_en >= query.min_zipf]
    if query.max_zipf is not None:
        terms = [t for t in terms if t.zipf_en <= query.max_zipf]
    terms = ordered_terms(terms, query.order)
    return terms[: query.top] if query.top else terms


def _ranked_anew(terms: list[Term]) -> list[Term]:
    """``terms`` numbered 1, 2, … in their rank order: the people's names left out leave no gap in the ranks a learner
    reads (#2 first, 1 and 4 hidden, looked like rows missing). Known and ignored words keep their places: a mark
    would renumber every note below it in Anki. A document's or a score's filter keeps the ranks of the library."""
    ordered = sorted(terms, key=lambda t: t.rank)
    return [t if t.rank == i else dataclasses.replace(t, rank=i) for i, t in enumerate(ordered, start=1)]


_NOT_DOCUMENTS = frozenset(("node_modules", "__pycache__", "site-packages"))


def document_paths(
    paths: Iterable[str | os.PathLike[str]], skip: Iterable[Path] = (), left_out: list[Path] | None = None
) -> list[Path]:
    """Files given, plus the documents inside folders given (recursively, through linked folders too; hidden files and
    folders, virtualenvs, node_modules, vocab's own data and cache folders, the output folders and the learner's word
    lists in ``skip`` left out, and README files: a folder's notes on its episodes are not an episode), each once,
    files in the order given, folders sorted. ``left_out`` gets the files of the folders that are of no type vocab
    reads (``other_file``)."""
    skipped = [p.resolve() for p in skip] + _own_folders()
    # word lists a walk leaves out, asked of each file only where given (os.path.isfile: an output path too long
    # for the system is no list, and says so where it is written, not here)
    lists = {p for p in skipped if os.path.isfile(p)}
    found: list[Path] = []

    def unlisted(error: OSError) -> None:
        found.append(Path(error.filename))  # a folder that cannot be listed: the reader says why, the others are read

    for given in map(Path, paths):
        if given.is_dir():
            seen = {_same_file(given)}  # a linked folder is walked too, each folder once: a link loop ends the walk
            for root, dirs, files in os.walk(given, onerror=unlisted, followlinks=True):
                walked = [(d, _same_file(Path(root, d))) for d in sorted(dirs) if _walked(Path(root, d))]
                dirs[:] = [d for d, real in walked if real not in skipped and real not in seen]
                seen.update(real for _, real in walked)
                walked_files = [Path(root, f) for f in sorted(files) if _walked_file(Path(f))]
                found += [p for p in walked_files if not _no_cues(p) and not (lists and _same_file(p) in lists)]
                if left_out is not None:
                    left_out += [Path(root, f) for f in sorted(files) if other_file(Path(f)) or _no_cues(Path(root, f))]
        else:
            found.append(given)  # a missing or odd file is reported by the reader
    by_file: dict[Path, Path] = {}
    for path in found:  # each file under its first name in the order found, unless a later one goes through no link
        real = _same_file(path)
        if real not in by_file or (_through_link(by_file[real], real) and not _through_link(path, real)):
            by_file[real] = path
    return list(by_file.values())


def _own_folders() -> list[Path]:
    """vocab's data and cache folders: walked, a folder holding them (`VOCAB_HOME=./vocab-data`) gave the data folder's
    `last-glossaries.txt` as its one document, and `vocab review` there found no terms."""
    from .learner.curation import data_dir
    from .memo import cache_folder

    return [_same_file(data_dir()), _same_file(cache_folder())]


def _through_link(path: Path, real: Path) -> bool:
    """``path`` names the file ``real`` through a link (a linked folder, a linked file)."""
    return Path(os.path.abspath(path)) != real


def _same_file(path: Path) -> Path:
    """What ``path`` is on disk: a link to a document read already is that document (it would count twice)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop: the reader says so
        return path


def _walked_file(name: Path) -> bool:
    """A document a walk reads: not hidden (an editor's lock link `.#ep7.vtt`, a learner's `.known-words.txt`, the
    owner file `~$lecture.docx` Word keeps beside a document it has open)."""
    hidden = name.name.startswith((".", "~$"))
    return name.suffix.lower() in DOCUMENT_SUFFIXES and name.stem.casefold() != "readme" and not hidden


def _no_cues(path: Path) -> bool:
    """A ``.json`` file in a folder that holds no subtitles (a feed, a video's ``.info.json``): left out, as a file of
    no type vocab reads is; named, it is read and refused with the reason. So is an ``.xml`` file that is no YouTube
    timed text or TTML."""
    suffix, hidden = path.suffix.lower(), path.name.startswith(".")
    if suffix == ".xml":
        return not hidden and not ttml.may_hold_cues(path)
    return suffix in (".json", ".json3") and not hidden and not may_hold_cues(path)


# What sits beside episodes by design: their audio and video (clips for the cards), pictures, vocab's decks
_COMPANIONS = frozenset(
    ".mp3 .m4a .wav .ogg .opus .flac .aac .mp4 .m4v .mov .mkv .webm .png .jpg .jpeg .gif .webp .svg .apkg".split()
)


def other_file(name: Path) -> bool:
    """A file a walk leaves out that a learner may have meant as a document (`notes.pages`, `sheet.xlsx`): not hidden,
    not of a type vocab reads, not what sits beside episodes (``_COMPANIONS``)."""
    suffix, readme = name.suffix.lower(), name.stem.casefold() == "readme"  # a README is left out for its name
    return not name.name.startswith(".") and not readme and suffix not in DOCUMENT_SUFFIXES | _COMPANIONS


def _walked(folder: Path) -> bool:
    """A folder a walk goes into: not hidden, not a package folder, not a Python virtualenv, not glossaries vocab
    wrote (``fileio.OUTPUT_MARKER``)."""
    if folder.name.startswith(".") or folder.name in _NOT_DOCUMENTS:
        return False
    try:
        return not ((folder / "pyvenv.cfg").exists() or (folder / OUTPUT_MARKER).exists())
    except OSError:  # a folder that may not be read: walked into, so that the walk reports it
        return True


def read_corpus(
    paths: Iterable[Path],
    input_format: str | None = None,
    on_error: OnError | None = None,
    on_progress: OnProgress | None = None,
    config: ExtractConfig | None = None,
    *,
    cache: DocumentCache | None = None,
    jobs: int | None = 1,
    max_mb: float = MAX_DOCUMENT_MB,
) -> Corpus:
    """Read and extract every path (not ranked yet); an unreadable one (or one over ``max_mb``, or no regular
    file) is recorded (and passed to ``on_error``).

    With a ``cache``, a file read before (same bytes, same way of reading) is taken from it and only the
    others are read; with ``jobs`` > 1 those are read by that many processes, and with None by one per core
    when they hold ``POOL_MIN_BYTES`` or more. Documents, glosses and errors come in the order of ``paths``
    whatever the order the work finishes in.
    """
    corpus = Corpus()
    paths = list(paths)
    config = config or ExtractConfig()
    outcomes: list[_Outcome | None] = [None] * len(paths)
    keys: list[str | None] = [None] * len(paths)
    if cache is not None:
        for i, path in enumerate(paths):
            raw = _bytes_of(path, max_mb)
            if raw is not None:  # an unreadable file is read below, for its error
                keys[i] = cache.key(raw, input_format, config.disabled)
    stored = [i for i, key in enumerate(keys) if key is not None and cache is not None and cache.has(key)]
    read = partial(_read_one, input_format=input_format, config=config, max_mb=max_mb)
    # A few new documents among cached ones (an edited episode) are read by a forked process while this one unpacks
    # the others from the cache: each took a fifth of an edited rebuild of a library.
    ahead = sorted(set(range(len(paths))) - set(stored))
    new_bytes = _size_of([paths[i] for i in ahead])
    beside = jobs != 1 and bool(stored and ahead) and default_jobs(new_bytes, POOL_MIN_BYTES) == 1
    work = partial(_read_all, read, [paths[i] for i in ahead])
    with in_background(work) if beside else contextlib.nullcontext(lambda: None) as read_ahead:
        for i in stored:
            outcomes[i] = cache.get(str(keys[i]), str(paths[i])) if cache is not None else None
        if (sent := read_ahead()) is not None:
            outcomes_ahead, answers = sent
            keep_answers(answers)
            flush()  # written now, for ranking to find (``frequencies_ahead``)
            for i, outcome in zip(ahead, outcomes_ahead, strict=True):
                outcomes[i] = outcome
                if cache is not None and keys[i] is not None and not isinstance(outcome, VocabError):
                    cache.put(str(keys[i]), *outcome)
    done = len(paths) - outcomes.count(None)
    missing = [i for i, outcome in enumerate(outcomes) if outcome is None]
    todo = [paths[i] for i in missing]
    workers = jobs if jobs is not None else default_jobs(_size_of(todo), POOL_MIN_BYTES)
    for i, outcome in zip(missing, _map(read, todo, workers), strict=True):
        outcomes[i] = outcome
        if cache is not None and keys[i] is not None and not isinstance(outcome, VocabError):
            cache.put(str(keys[i]), *outcome)
        done += 1
        if on_progress:
            on_progress(done, len(paths))
    for finished, read_as in zip(outcomes, keys, strict=True):
        if isinstance(finished, EmptyDocument):
            corpus.skipped.append(finished)  # nothing to read, nothing lost: said as a warning (``Corpus.skipped``)
        elif isinstance(finished, VocabError):
            corpus.errors.append(finished)
            if on_error:
                on_error(finished)
        elif finished is not None:
            corpus.documents.append(finished[0])
            corpus.glosses.extend(finished[1])
            if read_as is not None:
                corpus.document_keys[finished[0].path] = read_as
    if on_progress and not missing:
        on_progress(len(paths), len(paths))
    return corpus


_Outcome = tuple[Document, list[Gloss]] | VocabError


def _read_all(read: Callable[[Path], _Outcome], paths: list[Path]) -> tuple[list[_Outcome], list[tuple[str, str, str]]]:
    """``read`` of each of ``paths``, and the frequencies ranking will ask of their glosses (``frequencies_ahead``),
    with the memo answers found on the way (a forked process sends both back)."""

    def read_all() -> list[_Outcome]:
        outcomes = [read(path) for path in paths]
        frequencies_ahead(g for outcome in outcomes if not isinstance(outcome, VocabError) for g in outcome[1])
        return outcomes

    return answers_while(read_all)


def _read_one(path: Path, input_format: str | None, config: ExtractConfig, max_mb: float) -> _Outcome:
    """One document read and extracted, or why it could not be (a worker process returns either)."""
    errors: list[VocabError] = []
    read = guarded(path, partial(_read_and_extract, path, input_format, config, max_mb), errors.append)
    return read if read is not None else errors[0]


def _map(work: Callable[[Path], _Outcome], paths: list[Path], jobs: int) -> Iterator[_Outcome]:
    """``work`` over ``paths`` in order: inline for one job (or one path), else in ``jobs`` processes."""
    if jobs > 1 and len(paths) > 1:
        load_word_lists()  # opened (or built, in a new cache folder) once, here, and shared by the forked workers
    return in_order(lambda i: work(paths[i]), len(paths), jobs)


# Workers fork with the word lists open, so starting them is cheap; sending the documents back is not. New documents
# to a warm cache, --jobs 2 against 1: 0.44 MB even (2.0-2.5 s either way), 1.7 MB 10 % faster (4.4-4.8 s, 5.0-5.2 s).
POOL_MIN_BYTES = 1_000_000


def _size_of(paths: list[Path]) -> int:
    """The bytes of ``paths`` on disk (a file that cannot be looked at counts nothing: its reader says why)."""
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total


def _bytes_of(path: Path, max_mb: float) -> bytes | None:
    try:
        return document_bytes(path, max_mb)
    except SourceError:
        return None  # the reader reports why


def read_documents(
    paths: Iterable[str | os.PathLike[str]],
    input_format: str | None,
    on_error: OnError,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[Document]:
    """Each readable document in turn, read when it is asked for; each unreadable one goes to ``on_error``, and
    what a reader read around (``Document.warnings``) to ``on_warning``."""
    for path in paths:
        document = guarded(path, partial(read_document, path, input_format), on_error)
        if document is not None:
            for warning in document.warnings if on_warning else ():
                on_warning(warning)  # type: ignore[misc]
            yield document


def guarded(path: str | os.PathLike[str], work: Callable[[], T], on_error: OnError) -> T | None:
    """``work()``, or None after reporting why: a VocabError as it is, a bug in vocab as one line
    naming the document (``VOCAB_DEBUG=1`` lets it through with its traceback)."""
    try:
        return work()
    except VocabError as error:
        on_error(error)
    except Exception as error:  # a bug in vocab must not lose the other documents
        if os.environ.get("VOCAB_DEBUG"):
            raise
        message = f"internal error ({type(error).__name__}: {error}); set VOCAB_DEBUG=1 for a traceback"
        on_error(SourceError(str(path), message))
    return None


def read_document(
    path: str | os.PathLike[str], input_format: str | None = None, max_mb: float = MAX_DOCUMENT_MB
) -> Document:
    """``sources.read_document``, and a text its lines' languages made a parallel one read as plain text again when
    its pairs of lines do not translate each other (``align.translates_line_by_line``: notes in two languages)."""
    document = sources.read_document(path, input_format, max_mb)
    guessed_parallel = input_format is None and document.format is InputFormat.PARALLEL
    if guessed_parallel and not translates_line_by_line(document.segments):
        document = sources.read_document(path, InputFormat.PLAIN, max_mb)
    return document


def _read_and_extract(
    path: Path, input_format: str | None, config: ExtractConfig | None, max_mb: float = MAX_DOCUMENT_MB
) -> tuple[Document, list[Gloss]]:
    document = read_document(path, input_format, max_mb)
    glosses = list(extract_glosses(document, config))
    return document.packed(), glosses  # only counting reads the segments again: packed, they cost a tenth


def document_matches(document: Document, text: str) -> bool:
    """``--document TEXT``: the document's path, title or show has it, in any case and whatever joins its words
    (`borescopes` finds a title's `Borescopes`, `space weather` the file `space-weather-talk.srt`)."""
    wanted = _looked_up(text)
    parts = (document.path, document.title, document.metadata.show or "")
    return any(wanted in _looked_up(part) for part in parts)


def term_matches(term: Term, text: str) -> bool:
    """``--search TEXT``: the term's English, any of its Chinese forms (磁層 finds 磁层), its pinyin with or without
    tones, spaces and ü (`ci ceng`, `ci2 ceng2`, `ciceng`), or its definition has it, in any case; or TEXT is a form
    of the term's English (`agents` finds `agent`, `LLMs` the `large language model (LLM)`, `finetune` `fine-tuning`),
    or the pinyin of any of its Chinese forms (`tui li` finds `inference 推論; 推理`), whole syllables (`huan` is no
    part of zhuǎn: learner's trial 60)."""
    from .identity import en_key, variants
    from .text import term_pinyin, to_pinyin

    wanted = _looked_up(text)
    fields = (*term.en_forms, term.en, *term.zh_forms, term.zh or "", term.definition or "")
    if any(wanted in _looked_up(field) for field in fields):
        return True
    key = en_key(text)
    if key and any(key == en_key(form) or variants(text, form) for form in term.en_forms):
        return True
    syllables = _syllables(text)
    readings = (term_pinyin(term), *(to_pinyin(form) for form in term.zh_forms))
    return bool(syllables) and any(_says_syllables(syllables, reading) for reading in readings)


def _says_syllables(typed: str, reading: str) -> bool:
    """``typed`` (as ``_syllables`` writes it) is a run of whole syllables of ``reading``: `tuili` of tuī lǐ, `li`
    too, not `huan` of zhuǎn zū."""
    parts = [_syllables(part) for part in reading.split()]
    for start in range(len(parts)):
        said = ""
        for part in parts[start:]:
            said += part
            if not typed.startswith(said):
                break
            if said == typed:
                return True
    return False


def _syllables(pinyin: str) -> str:
    """Pinyin as a lookup compares it: no tones (marks or numbers), no spaces, ü written v (`lǜ`, `lv4`, `lu:`)."""
    decomposed = unicodedata.normalize("NFD", pinyin).replace("u\u0308", "v").replace("U\u0308", "v")  # ǜ is ü + `
    bare = without_tones(decomposed).casefold().replace("u:", "v")
    return re.sub(r"[\s'’1-5]+", "", bare)


def _looked_up(text: str) -> str:
    """``text`` as a lookup compares it: Simplified, case folded, its words joined by one space (`-`, `_` alike)."""
    return " ".join(re.split(r"[\s_-]+", simplified(text).casefold())).strip()


def terms_of_documents(corpus: Corpus, terms: list[Term], text: str | None) -> list[Term]:
    """Only terms of documents whose path or title contains ``text`` (all when it is None), each shown in one of
    those documents (``Term.shown``), so its context comes from the documents asked for, and in the Chinese that
    document glosses it with (排放系數 of a Hong Kong text, where the library writes 排放因子 more; new-user report
    15)."""
    if not text:
        return terms
    wanted = {d.path: d for d in corpus.documents if document_matches(d, text)}
    here = [t for t in terms if not wanted.keys().isdisjoint(t.documents)]
    shown = [(t, _shown_here(t, wanted)) for t in here]
    return [
        dataclasses.replace(t, shown=gloss, zh=as_shown(gloss.zh) if gloss.zh else t.zh)
        if any(g is gloss for g in t.glosses) and _written(t)
        else dataclasses.replace(t, shown=gloss)
        for t, gloss in shown
    ]


def _written(term: Term) -> bool:
    """The Chinese the term is shown in is one its glosses write: not a learner's correction the text lacks (which a
    document's own Chinese does not replace)."""
    return any(g.zh and as_shown(g.zh) == as_shown(term.zh or "") for g in term.glosses)


def _shown_here(term: Term, wanted: dict[str, Document]) -> Gloss:
    """The occurrence ``Term.first`` gives among the ``wanted`` documents: the first of their glosses with its English
    sentence beside it, else their first; where none glosses the term, its first gloss moved to the sentence where
    the first of them mentions it. A list or a review of one episode shows the episode's own words, not another's
    (new-user report 7, item 14)."""
    here = [g for g in term.glosses if g.source in wanted]
    if here:
        return first_with_english(here)
    places = term.places(wanted)
    for path in sorted(places, key=places.__getitem__):
        mention = term.first_mention_at(places[path])
        found = mention and _said_at(wanted[path], mention.line, (*term.en_forms, *term.zh_forms))
        if mention and found:
            sentence, english = found
            return dataclasses.replace(
                term.glosses[0],
                source=path,
                line=mention.line,
                start=mention.start,
                end=None,
                url=deep_link(wanted[path].metadata.source_url, mention.start),
                sentence=sentence,
                sentence_aligned=None,
                sentence_en=sentence if english else None,
                segment_aligned=None,
                title=wanted[path].title,
            )
    return term.first


def _said_at(document: Document, line: int, forms: Iterable[str]) -> tuple[str, bool] | None:
    """The sentence of the utterance that starts at ``line`` (a segment and the one aligned with it) that says one of
    ``forms`` (English ones in any case), and whether it is English."""
    segment = next((s for s in document.unpacked().segments if s.line == line), None)
    partner = segment and document.aligned_segment(segment)
    for said in (segment, partner):
        if said is None:
            continue
        english = said.lang is Lang.EN
        text = said.text.casefold() if english else said.text
        for form in forms:
            at = text.find(form.casefold() if english else form) if form else -1
            if at != -1:
                return SentenceIndex(said.text, english).sentence_around(at, at + len(form)), english
    return None
