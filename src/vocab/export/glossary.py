"""Glossaries: one per document (the terms of one episode, in rank order) and one for the corpus.

Markdown is the reading format: a header with the episode's title, show, date and source link,
then a table — term, translation, pinyin, definition, count, the first time as a deep link, the
English sentence that holds the term and the Chinese one (each with the term in bold); where the
Chinese is a whole cue's translation, the whole aligned cue follows the table as a footnote. A
document with no English sentence (Chinese only) has no English column. CSV and JSON carry the
same fields for other tools. Output is deterministic (no dates of generation), so a rebuild of
unchanged input is identical.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..cache import DocumentCache
from ..extract.context import deep_link
from ..fileio import OUTPUT_MARKER, atomic_write, remove_stale_in, written_together
from ..identity import as_shown, other_chinese, zh_key
from ..models import Document, Gloss, GlossKind, OutputFormat, Term, TermOrder, first_with_english
from ..rank import SCORE_FORMULA
from ..text import format_time, link_target, plural, slugify, term_pinyin, to_pinyin
from ..workers import default_jobs, in_order
from .cards import highlight
from .digests import TermDigests
from .records import render_csv, render_json, render_json_by_line

GLOSSARY_FORMATS = (OutputFormat.MD, OutputFormat.CSV, OutputFormat.JSON)
CORPUS_NAME = "index"
STATE_FILE = OUTPUT_MARKER  # the previous build's terms, to tell which terms are new
# How a glossary's header says its rows are ordered (`vocab glossary --sort`)
ORDER_SAID = {
    TermOrder.SCORE: "in rank order across the corpus",
    TermOrder.COUNT: "the most counted first",
    TermOrder.RARITY: "the rarest first",
    TermOrder.ALPHA: "in alphabetical order of the English",
    TermOrder.PINYIN: "in pinyin order of the Chinese",
}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#~])")


_CODE_SPAN = re.compile(r"`([^`]+)`")  # inline code, as the document writes it: `orbisle reindex`


def escape_markdown(text: str) -> str:
    """Text that stays text in a Markdown table: specials escaped, line breaks as spaces; inline code stays code,
    its pipes escaped as a table's cell needs (a learner read `\\`metric\\`` where the document had `metric`).

    >>> escape_markdown("a|b *c* <u>"), escape_markdown("set `wal.fsync` to `a|b`")
    ('a\\\\|b \\\\*c\\\\* \\\\<u\\\\>', 'set `wal.fsync` to `a\\\\|b`')
    """
    return _escape_piece(" ".join(text.split()))


def glossary_filenames(documents: Sequence[Document], fmt: str) -> dict[str, str]:
    """A safe, unique file name per document: the slug of its date and title, and where other documents share
    that, of its file's name too (`transcript-ep-12.md`, not `transcript-12.md`: which is which shows). A name still
    taken gets a number."""
    stems = {document.path: _title_stem(document) for document in documents}
    shared = {stem for stem, n in Counter(stems.values()).items() if n > 1}
    names: dict[str, str] = {}
    taken: set[str] = {CORPUS_NAME}
    for document in sorted(documents, key=lambda d: d.path):
        stem = stems[document.path]
        if stem in shared and document.metadata.title:  # an untitled one is named after its file already
            stem = f"{stem}-{slugify(Path(document.path).stem)}"
        name, n = stem, 2
        while name in taken:
            name, n = f"{stem}-{n}", n + 1
        taken.add(name)
        names[document.path] = f"{name}.{fmt}"
    return names


def _title_stem(document: Document) -> str:
    """The slug of a document's date and title; without a title of its own, of its file's name, extension included
    (`agents-talk.srt` and `agents-talk.vtt` are two episodes)."""
    title = document.metadata.title or Path(document.path).name
    return slugify(" ".join(p for p in (document.metadata.date, title) if p))


# A glossary row's fields (``document_entries``), in order: a CSV glossary with no row still has its header.
ROW_FIELDS = (
    "rank", "en", "zh", "senses", "pinyin", "definition", "kind", "count", "line", "speaker", "start", "url",
    "mentioned_line", "mentioned_start", "mentioned_url", "sentence", "sentence_aligned", "sentence_en",
    "segment_aligned", "en_as_written", "zh_as_written", "alias_as_written",
)  # fmt: skip


def document_entries(
    document: Document, terms: Sequence[Term], index: dict[str, list[Listed]] | None = None
) -> list[dict[str, Any]]:
    """The glossary rows of one document: its terms in corpus rank order, with this document's context."""
    rows = []
    for term, here, at, zh in (index or index_by_document(terms)).get(document.path, []):
        first = first_with_english(here)  # as a card shows it (``Term.first``)
        mention = term.first_mention_at(at)
        if mention is None or mention.end_line >= first.line or any(g.line == mention.line for g in here):
            mention = None  # not said before it was glossed, or said where it is glossed too
        rows.append(
            {
                "rank": term.rank,
                "en": term.en,
                "zh": zh,
                "senses": other_chinese(term.zh_forms, zh),
                "pinyin": _reading_here(term, zh),
                "definition": next((g.definition for g in here if g.definition), term.definition),
                "kind": term.kind.value,
                "count": term.count_at(at),
                "line": first.line,
                "speaker": first.speaker,
                "start": first.start,
                "url": first.url,
                "mentioned_line": mention and mention.line,  # the first mention, when before the gloss
                "mentioned_start": mention and mention.start,
                "mentioned_url": mention and deep_link(document.metadata.source_url, mention.start),
                "sentence": first.sentence,
                "sentence_aligned": first.sentence_aligned,
                "sentence_en": first.sentence_en,
                "segment_aligned": first.segment_aligned,
                "en_as_written": first.en,
                "zh_as_written": first.zh,
                "alias_as_written": first.alias,  # `DPO` beside `Direct Preference Optimization`: bold too
            }
        )
    return rows


def _as_written_here(term: Term, here: list[Gloss], glossed: set[str]) -> str | None:
    """The term's Chinese as this document writes it (a Traditional text beside Simplified ones; 悶蒸 where another
    episode's 闷蒸膨胀 is the term's most common form), unless the learner changed it (``vocab edit --zh``: a Chinese
    none of the term's glosses has, ``glossed`` being their Chinese by ``zh_key``)."""
    written = next((as_shown(g.zh) for g in here if g.zh), None)
    if not (written and term.zh):
        return term.zh
    return written if zh_key(written) == zh_key(term.zh) or zh_key(term.zh) in glossed else term.zh


def _reading_here(term: Term, zh: str | None) -> str:
    """The pinyin of the Chinese a row shows: the term's (the learner's reading, if any) where it shows the term's own
    Chinese, else that of the other form this document writes."""
    if zh is None or term.zh is None or zh_key(zh) == zh_key(term.zh):
        return term_pinyin(term)
    return term_pinyin(dataclasses.replace(term, zh=zh, pinyin=None))


# A term listed in one document's glossary: the term, its glosses there, the document's place in its documents, and
# the Chinese its row shows (``_as_written_here``).
Listed = tuple[Term, list[Gloss], int | None, str | None]


def index_by_document(terms: Sequence[Term]) -> dict[str, list[Listed]]:
    """For each document, its terms in rank order with their glosses there: built once per corpus, with each
    term's places found once (asked per row, a popular term's scan of 10,000 documents made glossaries quadratic).

    Whatever a row needs from the term's glosses in other documents is found here too: a glossary's worker that went
    through them touched every gloss of the corpus (a forked process copies each page it touches), 23 MiB more per
    worker at 1,000 episodes."""
    index: dict[str, list[Listed]] = {}
    for term in terms:
        by_source: dict[str, list[Gloss]] = {}
        for gloss in term.glosses:
            by_source.setdefault(gloss.source, []).append(gloss)
        places = term.places(of=by_source)
        glossed = {zh_key(g.zh) for g in term.glosses if g.zh}
        for source, here in by_source.items():
            index.setdefault(source, []).append((term, here, places.get(source), _as_written_here(term, here, glossed)))
    return index


def render_glossary(
    document: Document,
    terms: Sequence[Term],
    fmt: str,
    index: dict[str, list[Listed]] | None = None,
    cache: DocumentCache | None = None,
    digests: TermDigests | None = None,
) -> str:
    """One document's glossary as Markdown, CSV or JSON (``render_glossaries`` says what ``cache`` and ``digests``
    do)."""
    return next(render_glossaries([document], terms, fmt, index, cache, digests))


def render_glossaries_together(
    documents: Sequence[Document], terms: Sequence[Term], fmt: str, order: TermOrder = TermOrder.SCORE
) -> str:
    """Every document's glossary as one text (``--out -``): Markdown one after another; JSON one document's object
    alone, or a list of them; CSV one table whose first column names each row's document."""
    if len(documents) == 1 or fmt == OutputFormat.MD:
        return "".join(render_glossaries(documents, terms, fmt, order=order))
    index = index_by_document(terms)
    if fmt == OutputFormat.JSON:
        return render_json(
            [{"document": d.path, **_header(d), "terms": document_entries(d, terms, index)} for d in documents]
        )
    rows = [{"document": d.path, **row} for d in documents for row in document_entries(d, terms, index)]
    return render_csv(rows, ("document", *ROW_FIELDS))


def render_glossaries(
    documents: Sequence[Document],
    terms: Sequence[Term],
    fmt: str,
    index: dict[str, list[Listed]] | None = None,
    cache: DocumentCache | None = None,
    digests: TermDigests | None = None,
    jobs: int | None = 1,
    order: TermOrder = TermOrder.SCORE,
) -> Iterator[str]:
    """Each document's glossary in turn, those not taken from ``cache`` made by ``jobs`` processes (None: one per
    core for ``POOL_MIN_DOCUMENTS`` or more); ``terms`` come in ``order``, which the Markdown's header names.

    Markdown is taken from ``cache`` when its header and its terms (``digests``, of the corpus they come from) are
    the ones it was rendered from, ranks aside: highlighting the terms of every sentence is most of a rebuild's
    writing, and a term added anywhere moves the ranks of half the corpus. So it is kept with a placeholder for
    each row's rank, and the ranks go in after. JSON and CSV highlight nothing: they are made each time."""
    index = index if index is not None else index_by_document(terms)
    digests = digests or TermDigests()
    kept = cache if fmt == OutputFormat.MD else None
    keys = [_template_key(document, index, digests, order) if kept else "" for document in documents]
    missing = [i for i, key in enumerate(keys) if not (kept and kept.has_value(key))]
    for i in missing:
        for term, *_ in index.get(documents[i].path, []):
            term_pinyin(term)  # read once here, so the workers find it and the memo keeps it

    def make(i: int) -> str:
        return _glossary(documents[i], terms, fmt, index, placed=kept is not None, order=order)

    fresh = set(missing)
    jobs = default_jobs(len(missing), POOL_MIN_DOCUMENTS) if jobs is None else jobs
    made = in_order(lambda k: make(missing[k]), len(missing), jobs, with_caller=True)
    for i, document in enumerate(documents):
        if kept is None:
            yield next(made)
            continue
        stored = None if i in fresh else kept.get_value(keys[i])
        text = stored if isinstance(stored, str) else next(made) if i in fresh else make(i)  # make: a damaged entry
        if text is not stored:
            kept.put_value(keys[i], text)
        yield _ranked(text, index.get(document.path, []))


def _ranked(template: str, here: list[Listed]) -> str:
    """A kept glossary with its rows' ranks in place of their placeholders."""
    return _PLACED_RANK.sub(lambda m: str(here[int(m[1])][0].rank), template)


def _header(document: Document) -> dict[str, Any]:
    meta = document.metadata
    return {"title": document.title, "show": meta.show, "date": meta.date, "source": meta.source_url}


def _template_key(document: Document, index: dict[str, list[Listed]], digests: TermDigests, order: TermOrder) -> str:
    """What a document's Markdown is made from, its ranks aside (``render_glossaries``)."""
    rows = [_row_inputs(term, at, digests.placed(glosses)) for term, glosses, at, _ in index.get(document.path, [])]
    made_of = [document.path, digests.document(document.path), _header(document), list(document.metadata.speakers)]
    made_of += [] if order is TermOrder.SCORE else [order.value]  # the keys kept before there was an order
    return "glossary:" + digests.digest([*made_of, rows])


def _glossary(
    document: Document,
    terms: Sequence[Term],
    fmt: str,
    index: dict[str, list[Listed]],
    placed: bool,
    order: TermOrder = TermOrder.SCORE,
) -> str:
    """One document's glossary; with ``placed``, Markdown with a placeholder for each row's rank."""
    entries = document_entries(document, terms, index)
    if fmt != OutputFormat.MD:
        return _render(fmt, {"document": document.path, **_header(document)}, entries, lambda: "", ROW_FIELDS)
    if placed:
        entries = [{**row, "rank": f"\0{i}\0"} for i, row in enumerate(entries)]
    return _document_markdown(document, entries, order)


def _row_inputs(term: Term, at: int | None, glosses: list[object]) -> tuple[object, ...]:
    """What ``document_entries`` makes a row of ``term`` from in the document at place ``at`` of its documents,
    its rank aside: the term's own fields, and its glosses there (``TermDigests.placed``), not those of others.
    Plain values where the term has records (its first mention, its kind): pickled with no memo, a record names its
    class each time."""
    first = term.first_mention_at(at)
    mention = (first.line, first.end_line, first.start) if first else None
    reading = (term.en, term.zh, term.zh_forms, term.pinyin, term.definition, term.kind.value)
    return (*reading, term.count_at(at), mention, glosses)


_PLACED_RANK = re.compile("\0([0-9]+)\0")


def _render(
    fmt: str,
    envelope: dict[str, Any],
    rows: list[dict[str, Any]],
    markdown: Callable[[], str],
    fields: Sequence[str] | None = None,
) -> str:
    """The one format dispatch of glossaries: JSON wraps the rows in ``envelope``, CSV is the rows alone (under
    ``fields``, its header even with no row)."""
    if fmt == OutputFormat.JSON:
        return render_json({**envelope, "terms": rows})
    if fmt == OutputFormat.CSV:
        return render_csv(rows, fields)
    return markdown()


def _document_markdown(document: Document, rows: list[dict[str, Any]], order: TermOrder = TermOrder.SCORE) -> str:
    meta = document.metadata
    lines = [f"# {escape_markdown(document.title)}", ""]
    facts = [("Show", meta.show), ("Date", meta.date), ("Speakers", ", ".join(meta.speakers))]
    lines += [f"- **{name}:** {escape_markdown(value)}" for name, value in facts if value]
    if meta.source_url:
        target = link_target(meta.source_url)
        lines.append(f"- **Source:** <{target}>" if target else f"- **Source:** {escape_markdown(meta.source_url)}")
    lines += [f"- **Terms:** {len(rows)}, {ORDER_SAID[order]}", ""]
    english = any(row["sentence_en"] for row in rows)
    lines += [
        "| # | Term | 中文 | Pinyin | Definition | Count here | First |" + " English |" * english + " Context |",
        "|---:|---|---|---|---|---:|---|" + "---|" * english + "---|",
    ]
    # The whole cue of a row whose sentence is part of one, as a footnote: one per cue, with the terms of every
    # row that shares it in bold (a minute-long cue holds several terms).
    cue_forms: dict[str, list[str | None]] = {}
    for row in rows:
        if row["segment_aligned"] not in (None, row["sentence_aligned"]):
            cue_forms.setdefault(row["segment_aligned"], []).extend(_forms(row))
    notes, labels = [], {}
    for row in rows:
        zh, definition = _chinese_and_definition(row)
        first = _first_link(row)
        forms = _forms(row)
        other = row["sentence_aligned"] if row["sentence"] == row["sentence_en"] else row["sentence"]
        cells = {"en": _bold(row["sentence_en"], forms), "zh": _bold(other, forms)}
        cue = row["segment_aligned"]
        if cue in cue_forms and cue != row["sentence_aligned"]:
            if cue not in labels:
                labels[cue] = f"[^{row['rank']}]"
                notes.append(f"{labels[cue]}: {_bold(cue, cue_forms[cue])}")
            cells["en" if row["sentence_aligned"] == row["sentence_en"] else "zh"] += labels[cue]
        lines.append(
            f"| {row['rank']} | {escape_markdown(row['en'])} | {zh} | {_readings(row)} | "
            f"{definition} | {row['count']} | {first} |" + f" {cells['en']} |" * english + f" {cells['zh']} |"
        )
    return "\n".join(lines + ([""] + notes if notes else [])) + "\n"


def _chinese_and_definition(row: dict[str, Any]) -> tuple[str, str]:
    """The 中文 and Definition cells: an explanation (`scrappy（资源有限但执行力很强）`) is no Chinese word but what
    the term means, so it stands as the definition, under no Chinese (a learner's report)."""
    chinese = [row["zh"] or "—", *row["senses"]]
    definition = [row["definition"]] if row["definition"] else []
    if row["kind"] == GlossKind.EXPLANATION.value and row["zh"]:
        chinese, definition = ["—"], [*chinese, *definition]
    return "; ".join(map(escape_markdown, chinese)), "; ".join(map(escape_markdown, definition))


def _readings(row: dict[str, Any]) -> str:
    """The pinyin cell: the term's reading, then each other Chinese form's, as the 中文 cell lists them."""
    return "; ".join([row["pinyin"], *map(to_pinyin, row["senses"])]) if row["pinyin"] else ""


def render_corpus_glossary(
    terms: Sequence[Term],
    files: dict[str, str],
    titles: dict[str, str],
    fmt: str,
    order: TermOrder = TermOrder.SCORE,
) -> str:
    """Every term of the corpus in ``order``, with the glossaries of the documents it occurs in."""
    rows: list[dict[str, Any]] = [
        {
            "rank": t.rank,
            "en": t.en,
            "zh": t.zh,
            "senses": other_chinese(t.zh_forms, t.zh),
            "pinyin": term_pinyin(t),
            "definition": t.definition,
            "kind": t.kind.value,
            "count": t.count,
            "documents": [files[p] for p in t.documents if p in files],
            "zipf_en": t.zipf_en,
            "zipf_zh": t.zipf_zh,
            "score": t.score,
        }
        for t in terms
    ]
    glossed = [{files[g.source] for g in t.glosses if g.source in files} for t in terms]
    return _render(fmt, {"score": SCORE_FORMULA}, rows, lambda: _corpus_markdown(rows, files, titles, glossed, order))


def _corpus_markdown(
    rows: list[dict[str, Any]],
    files: dict[str, str],
    titles: dict[str, str],
    glossed: list[set[str]],
    order: TermOrder = TermOrder.SCORE,
) -> str:
    """The corpus glossary in Markdown: each term's documents in file-name order (dates first), a link to those
    whose glossary has a row for it (where it is glossed), the others, where it is only said, by title alone."""
    lines = [
        "# Vocabulary of the corpus",
        "",
        f"{plural(len(rows), 'term')} from {plural(len(files), 'document')}, ranked by `{SCORE_FORMULA}`"
        + ("" if order is TermOrder.SCORE else f", listed {ORDER_SAID[order]}")
        + ". A document's title links to its glossary where the term is glossed there, and stands alone where the term"
        " is only said.",
        "",
        "| # | Term | 中文 | Pinyin | Definition | Count | Documents | Score |",
        "|---:|---|---|---|---|---:|---|---:|",
    ]
    title_of_file = {file: escape_markdown(titles.get(path, file)) for path, file in files.items()}
    for row, linked in zip(rows, glossed, strict=True):
        docs = ", ".join(
            f"[{title_of_file[name]}]({name})" if name in linked else title_of_file[name]
            for name in sorted(row["documents"])
        )
        zh, definition = _chinese_and_definition(row)
        lines.append(
            f"| {row['rank']} | {escape_markdown(row['en'])} | {zh} | {_readings(row)} | "
            f"{definition} | {row['count']} | {docs} | {row['score']:.3f} |"
        )
    return "\n".join(lines) + "\n"


def write_glossaries(
    documents: Sequence[Document],
    terms: Sequence[Term],
    out: Path,
    fmt: str,
    cache: DocumentCache | None = None,
    digests: TermDigests | None = None,
    jobs: int | None = None,
    marked: Sequence[Term] = (),
    order: TermOrder = TermOrder.SCORE,
) -> tuple[list[Path], list[str]]:
    """Write every document's glossary and the corpus glossary into ``out``; each file whole or not at all
    (``render_glossaries`` says what ``cache``, ``digests`` and ``jobs`` do). ``marked``: the corpus's terms the
    learner marked known or ignored, which the state file lists apart (``known remove`` takes a mark back by any of
    their forms); ``order``: the order ``terms`` come in.

    Returns the files written and the keys of terms the previous build in ``out`` did not have.
    """
    files = glossary_filenames(documents, fmt)
    index = index_by_document(terms)
    digests = digests or TermDigests()
    written = []
    remove_stale_in(out)  # a folder not made yet has none; the first write makes it
    texts = render_glossaries(documents, terms, fmt, index, cache, digests, jobs, order)
    titles = {d.path: d.title for d in documents}
    corpus = out / f"{CORPUS_NAME}.{fmt}"
    with written_together() as write:
        for document, text in zip(documents, texts, strict=True):
            target = out / files[document.path]
            write(target, text)
            written.append(target)
        write(corpus, render_corpus_glossary(terms, files, titles, fmt, order))
        written.append(corpus)
    last = _last_build(out)  # read once: a library's state file is a few hundred kB of JSON
    new = new_terms(last, terms)
    earlier = sorted(_keys_seen(last) - {t.key for t in (*terms, *marked)})
    state = {
        "terms": _listed(terms),
        **({"marked": _listed(marked)} if marked else {}),
        **({"earlier": earlier} if earlier else {}),
        **_files_now(out, last, documents, fmt, {path.name for path in written}),
    }
    atomic_write(out / STATE_FILE, render_json_by_line(state))
    return written, new


def _listed(terms: Sequence[Term]) -> list[dict[str, Any]]:
    return [
        {"key": t.key, "en": t.en, "zh": t.zh, "en_forms": t.en_forms, "zh_forms": t.zh_forms}
        for t in sorted(terms, key=lambda t: t.key)
    ]


def _files_now(
    out: Path, last: dict[str, Any], documents: Sequence[Document], fmt: str, written: set[str]
) -> dict[str, dict[str, Any]]:
    """The state's ``files`` (the glossaries in ``out`` by format) and ``sources`` (each one's document), once the
    glossaries builds wrote for documents gone are removed: those of a document deleted or renamed since, and those a
    document of this build had under another name (its title changed). A document this build did not read but
    which is still there keeps its glossaries: building one episode into the folder leaves the others'. Only files
    vocab wrote go, by the names its state file lists; of an older state file that names no documents, every one
    this build would not write. ``last``: the state file the last build wrote."""
    before = _sources(last)
    source = _sources_from(out, [document.path for document in documents])
    built = set(source.values())
    files: dict[str, list[str]] = {fmt: sorted(written)}
    sources = {name: source[path] for path, name in glossary_filenames(documents, fmt).items()}
    for other, names in _last_files(last).items():
        now = glossary_filenames(documents, other)
        wanted = written if other == fmt else {*now.values(), f"{CORPUS_NAME}.{other}"}
        sources.update({name: source[path] for path, name in now.items() if name in names})
        for name in set(names) - wanted:
            kept = before.get(name)
            if kept is not None and kept not in built and (out / kept).exists():
                files.setdefault(other, []).append(name)  # its document is there, this build only left it out
                sources[name] = kept
                continue
            with contextlib.suppress(FileNotFoundError):
                (out / name).unlink()
        if other != fmt:
            files[other] = [*files.get(other, []), *(set(names) & wanted)]
    listed = {name for names in files.values() for name in names}
    return {
        "files": {other: sorted(names) for other, names in sorted(files.items())},
        "sources": {name: sources[name] for name in sorted(listed) if name in sources},
    }


def documents_gone(out: Path) -> list[str]:
    """The documents the state file names a glossary of that are no longer there: a build otherwise up to date is
    not, once one is gone (its glossaries must go)."""
    return sorted(source for source in set(_sources(_last_build(out)).values()) if not (out / source).exists())


def _sources(last: dict[str, Any]) -> dict[str, str]:
    """Each glossary's document, as the state file ``last`` names it (none from a state file of older builds)."""
    listed = last.get("sources")
    return {k: v for k, v in listed.items() if isinstance(v, str)} if isinstance(listed, dict) else {}


def _sources_from(out: Path, paths: Sequence[str]) -> dict[str, str]:
    """Each document's path as the state file keeps it: from ``out``, so that it holds wherever the folders are. Each
    folder is resolved once (a library's thousand documents sit in a few), a file that is a link on its own."""
    start, folders, found = os.path.realpath(out), {}, {}
    for path in paths:
        folder, name = os.path.split(path)
        if folder not in folders:
            folders[folder] = os.path.realpath(folder)
        real = os.path.realpath(path) if os.path.islink(path) else os.path.join(folders[folder], name)
        found[path] = Path(os.path.relpath(real, start)).as_posix()
    return found


def _last_files(last: dict[str, Any]) -> dict[str, list[str]]:
    """The glossaries the state file ``last`` lists, by format (their names' suffix: the file may list them by format
    or in one list); names with a folder in them are no glossary of vocab's."""
    listed = last.get("files")
    if isinstance(listed, dict):
        listed = [name for names in listed.values() if isinstance(names, list) for name in names]
    found: dict[str, list[str]] = {}
    for name in listed if isinstance(listed, list) else []:
        suffix = Path(name).suffix[1:] if isinstance(name, str) and name == Path(name).name else ""
        if suffix in GLOSSARY_FORMATS:
            found.setdefault(suffix, []).append(name)
    return found


POOL_MIN_DOCUMENTS = 100  # glossaries to make before more processes pay


def new_terms(last: dict[str, Any], terms: Sequence[Term]) -> list[str]:
    """Keys of ``terms`` no build into the folder wrote before (the state file ``last``; all of them on a first
    build); a term it left out as known or ignored is not new when the learner takes the mark back."""
    previous = _keys_seen(last)
    return [t.key for t in terms if t.key not in previous]


def _keys_seen(last: dict[str, Any]) -> set[str]:
    """The keys of every term a build into the folder wrote, as the state file ``last`` has them: those of the last
    build, those it marked, and those earlier builds wrote that it left out (`--top 5` wrote five: the next full
    build's other terms are not new)."""
    return {item["key"] for item in _terms_in(last, marked=True)} | set(_strings(last.get("earlier")))


def last_build_terms(out: Path, marked: bool = False) -> list[dict[str, Any]]:
    """The terms the last build into ``out`` wrote (``key``, ``en``, ``zh``, and ``en_forms`` and ``zh_forms``:
    lists, empty where an older build wrote none), and with ``marked`` those of its documents it left out as known or
    ignored: none where it wrote none or its state file cannot be read."""
    return _terms_in(_last_build(out), marked)


def _terms_in(state: dict[str, Any], marked: bool) -> list[dict[str, Any]]:
    items = [*_list(state.get("terms")), *(_list(state.get("marked")) if marked else [])]
    terms = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("key"), str) and isinstance(item.get("en"), str):
            terms.append({**item, **{name: _strings(item.get(name)) for name in ("en_forms", "zh_forms")}})
    return terms


def last_build_documents(out: Path) -> list[str]:
    """The documents the last build into ``out`` read, those still there, as paths from the current folder (the state
    file names them from ``out``); none where it names none."""
    found = {os.path.normpath(os.path.join(out, source)) for source in _sources(_last_build(out)).values()}
    return sorted(path for path in found if os.path.isfile(path))


def _last_build(out: Path) -> dict[str, Any]:
    """The state file the last build into ``out`` wrote: ``terms`` and ``files``; a list of terms alone from builds
    before vocab kept the files; empty where there is none or it cannot be read."""
    try:
        state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {"terms": state} if isinstance(state, list) else state if isinstance(state, dict) else {}


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _strings(value: object) -> list[str]:
    """The strings of a list read from JSON (none from anything else)."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _first_link(row: dict[str, Any]) -> str:
    """Where the document first says the term, and where it first glosses it when that comes later; who glosses it,
    in a transcript (`01:46 林澈`)."""
    glossed = _place(row["start"], row["url"], row["line"])
    if row["speaker"]:
        glossed = f"{glossed} {escape_markdown(row['speaker'])}"
    if row["mentioned_line"] is None:
        return glossed
    return f"{_place(row['mentioned_start'], row['mentioned_url'], row['mentioned_line'])} (glossed {glossed})"


def _place(start: float | None, url: str | None, line: int) -> str:
    if start is not None:
        label = format_time(start)
        target = link_target(url)
        return f"[{label}]({target})" if target else label
    return f"line {line}"


def _forms(row: dict[str, Any]) -> tuple[str | None, ...]:
    """What a row's sentences show in bold: its English, Chinese and alias as the gloss writes them."""
    return row["en_as_written"], row["zh_as_written"], row["alias_as_written"]


def _bold(sentence: str | None, forms: Iterable[str | None]) -> str:
    """The escaped sentence with the terms' English (in any inflection) and Chinese in bold."""
    return highlight(sentence or "", forms, _escape_piece, ("**", "**"))


def _escape_piece(text: str) -> str:
    """``escape_markdown`` for a piece of a sentence: the spaces at its edges stay."""
    text, pieces, done = re.sub(r"\s+", " ", text), [], 0
    for code in _CODE_SPAN.finditer(text):
        pieces += [_MD_SPECIAL.sub(r"\\\1", text[done : code.start()]), "`" + code[1].replace("|", r"\|") + "`"]
        done = code.end()
    return "".join([*pieces, _MD_SPECIAL.sub(r"\\\1", text[done:])])
