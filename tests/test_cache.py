"""The document cache and --jobs change how fast a build is, never what it writes."""

from __future__ import annotations

import contextlib
import dataclasses
import filecmp
import json
import marshal
import os
import pickle
import re
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from vocab import load_corpus, rank
from vocab.cache import CACHE_FILE
from vocab.cli import cli
from vocab.export.anki import DeckOptions, _note_inputs, model_fingerprint
from vocab.export.digests import TermDigests
from vocab.identity import en_key
from vocab.last_ranking import _DOCUMENTS
from vocab.models import PackedSegments, Term, segments_digest
from vocab.packing import pack, unpack

from .conftest import EXAMPLES, SEEDS


def _build(docs: Path, out: Path, cache: Path, *options: str) -> str:
    env = {"VOCAB_HOME": str(out / "home"), "VOCAB_CACHE": str(cache)}
    deck = [] if "--deck-out" in options else ["--deck-out", "-"]
    args = ["build", str(docs), "--out", str(out / "glossaries"), *deck, *options]
    result = CliRunner().invoke(cli, args, env=env)
    assert result.exit_code == 0, result.output
    return result.stderr


def _same(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in (a / "glossaries").iterdir())
    if names != sorted(p.name for p in (b / "glossaries").iterdir()):
        return False
    _, mismatch, errors = filecmp.cmpfiles(a / "glossaries", b / "glossaries", names, shallow=False)
    return not mismatch and not errors


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(EXAMPLES, docs)
    if SEEDS.is_dir():
        shutil.copytree(SEEDS, docs / "seeds")
    return docs


def test_cache_and_jobs_never_change_the_output(corpus: Path, tmp_path: Path) -> None:
    """With two jobs, documents are read, and glossaries and notes made, by two processes."""
    cache = tmp_path / "cache"
    runs = (("plain", ("--no-cache", "--jobs", "1")), ("cold", ("--jobs", "2")), ("warm", ("--jobs", "1")))
    for name, options in runs:
        _build(corpus, tmp_path / name, cache, "--deck-out", str(tmp_path / name / "deck.apkg"), *options)
        if name == "plain":
            assert not (cache / CACHE_FILE).exists()
    assert _same(tmp_path / "plain", tmp_path / "cold") and _same(tmp_path / "plain", tmp_path / "warm")
    notes = [_notes(tmp_path / name / "deck.apkg", tmp_path / f"{name}-notes") for name in ("plain", "cold", "warm")]
    assert notes[0] == notes[1] == notes[2] and len(notes[0]) > 50


def test_a_cache_folder_that_is_a_file_costs_only_time_and_cannot_be_cleared(tmp_path: Path) -> None:
    """VOCAB_CACHE naming a file: a build writes what one without the cache writes; `cache clear` says why not."""
    in_the_way = tmp_path / "cache-file"
    in_the_way.write_text("not a folder\n", encoding="utf-8")
    said = _build(EXAMPLES, tmp_path / "a", in_the_way)
    assert f"Warning: the cache folder {in_the_way}: cannot be written" not in said  # the folder, not the file
    assert f"Warning: the cache folder {in_the_way} cannot be written: every document is read again" in said
    _build(EXAMPLES, tmp_path / "b", tmp_path / "b" / "cache", "--no-cache")
    assert _same(tmp_path / "a", tmp_path / "b")
    for where in (in_the_way, in_the_way / "cache"):  # the folder, or one that would be made inside a file
        for command in ("clear", "info"):
            said = CliRunner().invoke(cli, ["cache", command], env={"VOCAB_CACHE": str(where)})
            assert said.exit_code == 1
            assert said.output == f"Error: {in_the_way}: is a file, not a folder: point VOCAB_CACHE at a folder\n"
    assert in_the_way.read_text(encoding="utf-8") == "not a folder\n"


def test_cache_info_says_where_the_cache_is_and_what_it_holds(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {"VOCAB_CACHE": str(cache)}
    empty = CliRunner().invoke(cli, ["cache", "info"], env=env)
    assert empty.exit_code == 0
    assert empty.output == f"{cache}  (not there yet: a build makes it)\n  0 documents read, 0.0 MiB in 0 files\n"
    assert not cache.exists()  # asking makes nothing
    _build(EXAMPLES, tmp_path / "a", cache)
    filled = CliRunner().invoke(cli, ["cache", "info"], env=env)
    documents = sum(1 for path in EXAMPLES.iterdir() if path.is_file() and not path.name.startswith("."))
    assert filled.exit_code == 0 and f"\n  {documents} documents read, " in filled.output
    assert CliRunner().invoke(cli, ["cache", "clear"], env=env).exit_code == 0
    assert (
        CliRunner().invoke(cli, ["cache", "info"], env=env).output
        == f"{cache}\n  0 documents read, 0.0 MiB in 0 files\n"
    )
    gone = {"VOCAB_CACHE": str(tmp_path / "never-made")}
    assert (
        CliRunner().invoke(cli, ["cache", "clear"], env=gone).output
        == f"nothing to clear: {tmp_path / 'never-made'} is not there\n"
    )


def test_a_cached_rebuild_sees_edited_added_renamed_and_deleted_files(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _build(corpus, tmp_path / "first", cache)
    summary = corpus / "scaling-and-data-summary.md"
    added = "\n我们还谈到了课程学习（curriculum learning）。\n"
    summary.write_text(summary.read_text(encoding="utf-8") + added, encoding="utf-8")
    (corpus / "new-notes.md").write_text("最后说说蒸馏（distillation）和剪枝（pruning）。\n", encoding="utf-8")
    (corpus / "agents-talk.srt").rename(corpus / "agents-talk-renamed.srt")
    (corpus / "agents-talk.vtt").unlink()
    _build(corpus, tmp_path / "cached", cache)
    _build(corpus, tmp_path / "fresh", tmp_path / "empty-cache")
    assert _same(tmp_path / "cached", tmp_path / "fresh")
    index = (tmp_path / "cached" / "glossaries" / "index.md").read_text(encoding="utf-8")
    assert "curriculum learning" in index and "agents-talk-renamed" in index and "agents-talk-vtt" not in index


def _notes(package: Path, into: Path) -> dict[str, list[str]]:
    """The fields of each note of an .apkg, by GUID."""
    with zipfile.ZipFile(package) as archive:
        archive.extract("collection.anki2", into)
    rows = sqlite3.connect(into / "collection.anki2").execute("select guid, flds from notes").fetchall()
    return {guid: fields.split("\x1f") for guid, fields in rows}


def test_a_cached_rebuild_makes_the_deck_a_build_from_nothing_makes(tmp_path: Path) -> None:
    """Notes are kept in the cache by what they are made from, rank aside: a new document that moves every rank
    and changes a few terms gives the notes of a build without the cache."""
    docs, cache = tmp_path / "docs", tmp_path / "cache"
    shutil.copytree(EXAMPLES, docs)
    _build(docs, tmp_path / "first", cache, "--deck-out", str(tmp_path / "first.apkg"))
    added = "智能体（agent）！" + "我们又谈到了格点退火（lattice annealing）。" * 6 + "\n"  # a new term, high
    (docs / "new-notes.md").write_text(added, encoding="utf-8")
    _build(docs, tmp_path / "cached", cache, "--deck-out", str(tmp_path / "cached.apkg"))
    _build(docs, tmp_path / "fresh", cache, "--no-cache", "--deck-out", str(tmp_path / "fresh.apkg"))
    before, cached = _notes(tmp_path / "first.apkg", tmp_path / "a"), _notes(tmp_path / "cached.apkg", tmp_path / "b")
    assert cached == _notes(tmp_path / "fresh.apkg", tmp_path / "c")
    moved = [guid for guid in before if before[guid][15] != cached[guid][15]]  # the Rank field
    assert len(moved) > len(before) // 2  # most ranks moved, and the cached notes carry the new ones


def test_a_rebuild_writes_its_deck_beside_the_glossaries_and_keeps_the_notes_it_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild whose cache keeps most of its deck's notes writes the deck in a forked process while the glossaries
    are written (``anki.deck_beside``): the notes a build without the cache makes, and the notes it made reach the
    cache (a later build into a new deck makes none); with the cache emptied, the deck is written after them."""
    from vocab.export import anki

    docs, cache, deck = tmp_path / "docs", tmp_path / "cache", str(tmp_path / "deck.apkg")
    shutil.copytree(EXAMPLES, docs)
    _build(docs, tmp_path / "first", cache, "--deck-out", deck, "--jobs", "2")
    beside: list[int] = []
    start = anki.in_background
    monkeypatch.setattr(anki, "in_background", lambda work: beside.append(1) or start(work))
    (docs / "new-notes.md").write_text("最后说到了格点退火（lattice annealing）。\n", encoding="utf-8")
    _build(docs, tmp_path / "cached", cache, "--deck-out", deck, "--jobs", "2")
    assert beside == [1]
    _build(docs, tmp_path / "fresh", tmp_path / "other-cache", "--deck-out", str(tmp_path / "fresh.apkg"))
    assert _same(tmp_path / "cached", tmp_path / "fresh")
    cached = _notes(Path(deck), tmp_path / "a")
    assert cached == _notes(tmp_path / "fresh.apkg", tmp_path / "b")
    assert any("lattice annealing" in fields for fields in cached.values())
    made: list[str] = []
    note_fields = anki.note_fields
    monkeypatch.setattr(anki, "note_fields", lambda term, *rest: made.append(term.en) or note_fields(term, *rest))
    _build(docs, tmp_path / "again", cache, "--deck-out", str(tmp_path / "again.apkg"), "--jobs", "1")
    assert made == [] and _notes(tmp_path / "again.apkg", tmp_path / "c") == cached
    beside.clear()  # the same deck and an empty cache (`vocab cache clear`): its notes are made with every core
    monkeypatch.setattr(anki, "POOL_MIN_NOTES", 2)  # as for a deck of a library's size
    _build(docs, tmp_path / "cleared", tmp_path / "cleared-cache", "--deck-out", deck, "--jobs", "2")
    assert beside == [] and _notes(Path(deck), tmp_path / "d") == cached


def test_a_sentence_edited_around_a_gloss_reaches_its_glossary_and_note(tmp_path: Path) -> None:
    """Glossaries and notes are kept by a digest of their terms that names each gloss by its document's content key
    and its place there (``export.digests``): an edit that changes a gloss's sentence but not the glosses' number or
    order must still make its glossary and note again, as a build without the cache does."""
    docs, cache = tmp_path / "docs", tmp_path / "cache"
    docs.mkdir()
    first = docs / "first.md"
    first.write_text("我们先聊了强化学习（reinforcement learning）。\n\n后来说到蒸馏（distillation）。\n", "utf-8")
    (docs / "second.md").write_text("这期主要讲强化学习（reinforcement learning）的历史。\n", encoding="utf-8")
    _build(docs, tmp_path / "before", cache, "--deck-out", str(tmp_path / "before.apkg"))
    first.write_text(first.read_text("utf-8").replace("我们先聊了", "那天我们首先很认真地聊了"), "utf-8")
    _build(docs, tmp_path / "cached", cache, "--deck-out", str(tmp_path / "cached.apkg"))
    _build(docs, tmp_path / "fresh", cache, "--no-cache", "--deck-out", str(tmp_path / "fresh.apkg"))
    assert _same(tmp_path / "cached", tmp_path / "fresh")
    cached, fresh = _notes(tmp_path / "cached.apkg", tmp_path / "a"), _notes(tmp_path / "fresh.apkg", tmp_path / "b")
    assert cached == fresh
    assert any("很认真地" in field for fields in cached.values() for field in fields)
    glossary = next((tmp_path / "cached" / "glossaries").glob("first*.md")).read_text(encoding="utf-8")
    assert "很认真地" in glossary


def test_only_a_glossary_whose_own_rows_changed_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit that adds a gloss of a term to one document changes that term, but the other documents' rows of it
    (their glosses, their counts) stay: only the edited document's glossary is made again."""
    from vocab.export import glossary

    docs, cache = tmp_path / "docs", tmp_path / "cache"
    docs.mkdir()
    for name, opening in (("a", "我们先聊了"), ("b", "这期主要讲"), ("c", "最后回到")):
        text = f"{opening}强化学习（reinforcement learning）。\n\n还有蒸馏（distillation）。\n"
        (docs / f"{name}.md").write_text(text, encoding="utf-8")
    _build(docs, tmp_path / "before", cache)
    made: list[str] = []
    render = glossary._document_markdown
    monkeypatch.setattr(glossary, "_document_markdown", lambda d, *rest: made.append(d.path) or render(d, *rest))
    with (docs / "a.md").open("a", encoding="utf-8") as edited:
        edited.write("\n又一次说到强化学习（reinforcement learning）和剪枝（pruning）。\n")
    _build(docs, tmp_path / "after", cache)
    assert made == [str(docs / "a.md")]
    _build(docs, tmp_path / "fresh", tmp_path / "other-cache")
    assert _same(tmp_path / "after", tmp_path / "fresh")


def test_a_terms_digest_is_the_same_from_the_cache_and_changes_with_any_gloss_of_it(tmp_path: Path) -> None:
    """Read twice through the cache (the second time from it), a term has one digest; a gloss of it changed (as a
    learner's correction of its definition makes a new one) changes it."""
    from vocab.cache import DocumentCache

    def read() -> tuple[TermDigests, list[Term]]:
        corpus = load_corpus([EXAMPLES], cache=DocumentCache(tmp_path))
        assert corpus.document_keys and set(corpus.document_keys) == {d.path for d in corpus.documents}
        return TermDigests.of_corpus(corpus), corpus.terms

    (digest, terms), (digest_again, terms_again) = read(), read()
    assert [digest(t) for t in terms] == [digest_again(t) for t in terms_again]
    assert len({digest(t) for t in terms}) == len(terms)
    term = next(t for t in terms if len(t.glosses) > 1)
    corrected = dataclasses.replace(term.glosses[1], definition="a definition of the learner's")
    assert digest(dataclasses.replace(term, glosses=(term.glosses[0], corrected, *term.glosses[2:]))) != digest(term)
    assert digest(dataclasses.replace(term, rank=term.rank + 7)) == digest(term)
    moved = dataclasses.replace(term.first_mentions[0], end_line=term.first_mentions[0].end_line + 1)
    changes = {"first_mentions": (moved, *term.first_mentions[1:]), "pinyin": "shì", "also": ("another",), "count": 99}
    assert all(digest(dataclasses.replace(term, **{name: value})) != digest(term) for name, value in changes.items())


def test_a_note_is_made_from_the_same_inputs_whether_its_strings_are_shared_or_not(tmp_path: Path) -> None:
    """A term read by workers and the same term taken from the cache are equal, but which of their equal strings
    are one object differs: a note's inputs digest must not see that (a pickle did, and a third of the notes of a
    1,000-episode library were made again by the first rebuild after a cold build)."""
    term = next(t for t in load_corpus([EXAMPLES], cache=None).terms if len(t.glosses) > 1)
    first, second = term.glosses[:2]
    shared = dataclasses.replace(term, glosses=(first, dataclasses.replace(second, sentence=first.sentence)))
    apart = dataclasses.replace(shared, glosses=(first, dataclasses.replace(second, sentence="".join(first.sentence))))
    assert shared == apart and shared.glosses[1].sentence is not apart.glosses[1].sentence

    def inputs(t: Term) -> dict[str, str]:
        return _note_inputs([(t, None)], DeckOptions(), {}, model_fingerprint(), {}, TermDigests())

    assert inputs(shared) == inputs(apart)


def test_packed_segments_give_back_the_segments_and_digest_what_they_say() -> None:
    """A corpus keeps its documents' segments packed: unpacked they are the segments read, and their digest (what
    counting's cache is keyed by) is the one of the segments, whether read, packed, pickled or cached."""
    document = load_corpus([EXAMPLES / "agents-talk.srt"], cache=None).documents[0]
    read = document.unpacked()
    assert isinstance(document.segments, PackedSegments) and isinstance(read.segments, tuple)
    assert read.segments == document.segments.unpack() and len(document.segments) == len(read.segments) > 10
    assert document == read.packed() and document.unpacked() == read
    assert segments_digest(read.segments) == segments_digest(document.segments) == document.segments.digest
    assert pickle.loads(pickle.dumps(document)) == document
    edited = dataclasses.replace(read.segments[3], text=read.segments[3].text + "!")
    changed = (*read.segments[:3], edited, *read.segments[4:])
    assert segments_digest(changed) != segments_digest(read.segments)


@pytest.mark.parametrize("damage", ["random bytes", "truncated", "wrong entries", "a byte of each entry changed"])
def test_a_damaged_cache_is_ignored_and_rewritten(corpus: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    _build(corpus, tmp_path / "first", cache)
    database = cache / CACHE_FILE
    if damage == "random bytes":
        database.write_bytes(bytes(range(256)) * 64)
    elif damage == "truncated":
        database.write_bytes(database.read_bytes()[: database.stat().st_size // 3])
    elif damage == "wrong entries":  # entries of another version of vocab, or garbage, under the right keys
        with sqlite3.connect(database) as db:
            db.execute("UPDATE documents SET data = ?", (b"not zlib at all",))
            db.execute("UPDATE values_ SET data = ?", (b"not zlib either",))
    else:  # past the middle of an entry: in a document's packed segments, which are unpacked later
        with sqlite3.connect(database) as db:
            for table in ("documents", "values_"):
                for key, data in db.execute(f"SELECT key, data FROM {table}").fetchall():
                    at = len(data) * 3 // 4
                    damaged = data[:at] + bytes([data[at] ^ 0x55]) + data[at + 1 :]
                    db.execute(f"UPDATE {table} SET data = ? WHERE key = ?", (damaged, key))
    _build(corpus, tmp_path / "again", cache)
    assert _same(tmp_path / "first", tmp_path / "again")
    _build(corpus, tmp_path / "third", cache)  # the rewritten cache serves the same
    assert _same(tmp_path / "first", tmp_path / "third")


def test_cache_clear_empties_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vocab.memo import kept_table

    cache = tmp_path / "cache"
    _build(EXAMPLES, tmp_path / "first", cache)
    monkeypatch.setenv("VOCAB_CACHE", str(cache))
    kept_table("words", "jieba", lambda: {"模型": ("n",)})  # a dictionary kept there, as a build keeps them
    assert list(cache.glob("words@*.marisa"))
    result = CliRunner().invoke(cli, ["cache", "clear"], env={"VOCAB_CACHE": str(cache)})
    assert result.exit_code == 0 and not (cache / CACHE_FILE).exists()
    assert sorted(p.name for p in cache.iterdir() if p.is_file() and not p.name.endswith(".lock")) == []


def _run(out: Path, cache: Path, *args: str) -> str:
    env = {"VOCAB_HOME": str(out / "home"), "VOCAB_CACHE": str(cache)}
    result = CliRunner().invoke(cli, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_build_with_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    """The second build of the same documents with the same options and marks says it is up to date and leaves
    every file as it was; a removed output, a mark or an edited document makes a full build again."""
    docs, out, cache = tmp_path / "docs", tmp_path / "out", tmp_path / "cache"
    shutil.copytree(EXAMPLES, docs)
    build = ["build", str(docs), "--out", str(out / "glossaries"), "--deck-out", str(out / "decks" / "vocab.apkg")]
    first = _run(out, cache, *build)
    files = sorted(p for p in out.rglob("*") if p.is_file() and "home" not in p.parts)
    stamps = {p: p.stat().st_mtime_ns for p in files}
    second = _run(out, cache, *build)
    assert "up to date" in second and "wrote" not in second
    figures = [re.sub(r"new terms \d+", "", output.splitlines()[1]) for output in (first, second)]
    assert figures[0] == figures[1]  # documents, glosses, terms, errors (the first build's terms were all new)
    assert {p: p.stat().st_mtime_ns for p in files} == stamps
    (out / "glossaries" / "index.md").unlink()
    assert "wrote 1 of 8 glossaries" in _run(out, cache, *build) and (out / "glossaries" / "index.md").is_file()
    _run(out, cache, "known", "ignore", "evals")
    marked = _run(out, cache, *build)
    assert "wrote" in marked and "wrote the Anki deck" in marked  # its note stays, tagged
    assert "up to date" in _run(out, cache, *build)
    talk = docs / "agents-talk.srt"
    talk.write_text(talk.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    rebuilt = _run(out, cache, *build)  # read again, and every file found as it would be written
    assert "up to date" not in rebuilt and "kept 8 glossaries" in rebuilt and "nothing new to import" in rebuilt


def test_a_build_that_warned_is_up_to_date_next_time_and_warns_again(tmp_path: Path) -> None:
    """An empty draft among the documents is skipped with a warning; the rebuild with nothing changed reads no
    document (it used to redo everything while any warning stood) and still says the warning and its count."""
    docs, out, cache = tmp_path / "docs", tmp_path / "out", tmp_path / "cache"
    shutil.copytree(EXAMPLES, docs)
    (docs / "draft.txt").write_text("", encoding="utf-8")
    build = ["build", str(docs), "--out", str(out / "glossaries"), "--deck-out", str(out / "decks" / "vocab.apkg")]
    first = _run(out, cache, *build)
    second = _run(out, cache, *build)
    assert "up to date" not in first and "up to date" in second and "kept" not in second
    for output in (first, second):
        assert "draft.txt: file is empty: skipped" in output and "warnings 1 (above)" in output
    (docs / "draft.txt").write_text("草稿（draft）还没写完。\n", encoding="utf-8")
    third = _run(out, cache, *build)
    assert "up to date" not in third and "draft.txt" not in third and "warnings" not in third


def test_a_new_term_is_counted_again_only_where_it_stands_and_counts_come_out_as_fresh(tmp_path: Path) -> None:
    """A rebuild that adds a term reuses the counts of documents that do not say it: the counts must be those
    of a build from nothing, also where the new, longer term takes mentions from a shorter one (b.md)."""
    docs, cache = tmp_path / "docs", tmp_path / "cache"
    docs.mkdir()
    (docs / "a.md").write_text("世界模型（world model）很重要。\n", encoding="utf-8")
    b_text = "我们的世界模型基准测了三次世界模型。\n\nThe world model benchmark is hard.\n"
    (docs / "b.md").write_text(b_text, encoding="utf-8")
    (docs / "c.md").write_text("强化学习（reinforcement learning）也离不开世界模型。\n", encoding="utf-8")
    _build(docs, tmp_path / "first", cache)
    with (docs / "a.md").open("a", encoding="utf-8") as handle:
        handle.write("\n还有世界模型基准（world model benchmark）。\n")
    _build(docs, tmp_path / "cached", cache)
    _build(docs, tmp_path / "fresh", tmp_path / "empty-cache")
    assert _same(tmp_path / "cached", tmp_path / "fresh")
    index = (tmp_path / "cached" / "glossaries" / "index.md").read_text(encoding="utf-8")
    assert "world model benchmark" in index


def test_a_rebuild_with_new_terms_folds_no_unchanged_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The text a rebuild looks for new forms in is kept when a document is heard: no rebuild that adds a term
    folds an unchanged document again, and its counts are those of a build from nothing."""
    docs, cache = tmp_path / "docs", tmp_path / "cache"
    docs.mkdir()
    (docs / "a.md").write_text("世界模型（world model）很重要。\n", encoding="utf-8")
    (docs / "b.md").write_text("我们的世界模型基准测了三次世界模型。\n\nThe world model benchmark.\n", encoding="utf-8")
    (docs / "c.md").write_text("强化学习（reinforcement learning）也离不开世界模型和奖励模型。\n", encoding="utf-8")
    (docs / "d.md").write_text("今天我们只聊世界模型。\n", encoding="utf-8")  # says neither new term
    _build(docs, tmp_path / "first", cache)
    folded: list[str] = []
    monkeypatch.setattr(rank, "_folded", lambda text, fold=rank._folded: folded.append(text) or fold(text))
    unchanged_folded = []
    for added in ("世界模型基准（world model benchmark）", "奖励模型（reward model）"):
        with (docs / "a.md").open("a", encoding="utf-8") as handle:
            handle.write(f"\n还有{added}。\n")
        folded.clear()
        _build(docs, tmp_path / "cached", cache)
        assert any("还有" in text for text in folded)  # the edited a.md is heard again
        unchanged_folded.append([text for text in folded if "今天" in text])
    assert unchanged_folded == [[], []]  # d.md's text, as the first build folded it, is kept
    _build(docs, tmp_path / "fresh", tmp_path / "empty-cache")
    assert _same(tmp_path / "cached", tmp_path / "fresh")
    assert "reward model" in (tmp_path / "cached" / "glossaries" / "index.md").read_text(encoding="utf-8")


def test_a_new_term_said_only_in_english_is_counted_again(tmp_path: Path) -> None:
    """An English-only document that says a new term (`world model benchmark`, identity `worldmodelbenchmark`)
    is counted again: its counts are those of a build from nothing."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("世界模型（world model）很重要。\n", encoding="utf-8")
    notes = "# Notes\n\nWe built a world model benchmark for agents.\n\nThe world model matters.\n"
    (docs / "d.md").write_text(notes, encoding="utf-8")

    def counts(cache: Path) -> dict[str, int]:
        env = {"VOCAB_HOME": str(tmp_path / "home"), "VOCAB_CACHE": str(cache)}
        result = CliRunner().invoke(cli, ["list", str(docs), "--format", "jsonl"], env=env)
        assert result.exit_code == 0, result.output
        return {record["en"]: record["count"] for record in map(json.loads, result.output.splitlines())}

    counts(tmp_path / "cache")
    with (docs / "a.md").open("a", encoding="utf-8") as handle:
        handle.write("\n还有世界模型基准（world model benchmark）。\n")
    assert counts(tmp_path / "cache") == counts(tmp_path / "fresh") == {"world model": 2, "world model benchmark": 2}


def test_a_document_that_did_not_change_is_counted_again_when_a_decision_about_its_terms_did(tmp_path: Path) -> None:
    """What a document's utterances come to is kept, and taken again only under the same decisions: a new document
    that makes 能力 mostly everyday Chinese in this corpus takes the mentions of the unchanged one away."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("模型的能力（capability）在提升。\n", encoding="utf-8")
    (docs / "b.md").write_text("这种能力很新。\n\n另一种能力也很新。\n", encoding="utf-8")

    def counts(cache: Path) -> dict[str, int]:
        env = {"VOCAB_HOME": str(tmp_path / "home"), "VOCAB_CACHE": str(cache)}
        result = CliRunner().invoke(cli, ["list", str(docs), "--format", "jsonl"], env=env)
        assert result.exit_code == 0, result.output
        return {record["en"]: record["count"] for record in map(json.loads, result.output.splitlines())}

    assert counts(tmp_path / "cache") == {"capability": 3}
    everyday = "他很有能力。她的能力也强。能力是练出来的。谁都有能力。\n"
    (docs / "c.md").write_text(everyday, encoding="utf-8")
    assert counts(tmp_path / "cache") == counts(tmp_path / "fresh") == {"capability": 1}


def test_by_default_a_few_new_documents_are_read_here_and_many_by_one_process_per_core(monkeypatch) -> None:
    from vocab import corpus

    used: list[int] = []
    real_map = corpus._map

    def spy(work, paths, jobs):  # type: ignore[no-untyped-def]
        used.append(jobs)
        return real_map(work, paths, 1)

    monkeypatch.setattr(corpus, "_map", spy)
    files = sorted(EXAMPLES.glob("*.md"))
    corpus.read_corpus(files, jobs=None)  # a few kilobytes: workers would spend longer loading jieba
    monkeypatch.setattr(corpus, "POOL_MIN_BYTES", 1)
    corpus.read_corpus(files, jobs=None)
    corpus.read_corpus(files, jobs=3)  # a number given is taken as it is
    assert used == [1, os.cpu_count() or 1, 3]


def test_entries_of_another_version_of_vocab_are_deleted(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A new version of vocab reads none of an old one's entries, so opening the cache deletes them: the cache
    holds one library's worth, not one per version."""
    from vocab import cache as cache_module
    from vocab import memo

    docs, cache = tmp_path / "docs", tmp_path / "cache"
    shutil.copytree(EXAMPLES, docs)
    _build(docs, tmp_path / "first", cache)
    database = cache / CACHE_FILE

    def counts() -> tuple[int, int]:
        with contextlib.closing(sqlite3.connect(database)) as db:
            return tuple(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "values_"))

    before = counts()
    assert min(before) > 0
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "f" * 64)  # the next version of vocab
    opened = cache_module.DocumentCache(cache)
    assert opened.get_value("anything") is None
    opened.close()
    assert counts() == (0, 0)

    monkeypatch.setenv("VOCAB_CACHE", str(cache))
    with contextlib.closing(memo._connect()) as db, db:  # the memo as an older vocab left it
        db.execute("INSERT INTO memo VALUES ('pinyin:0000000000000000', '旧', 'jiù')")
    memo._pending.append((memo._stored_space("pinyin"), "新", "xīn"))
    memo.flush()
    with contextlib.closing(sqlite3.connect(cache / memo.MEMO_FILE)) as db:
        spaces = {space for (space,) in db.execute("SELECT DISTINCT space FROM memo")}
    assert spaces and all(space.startswith(memo.code_fingerprint()[:16] + ":") for space in spaces)


@pytest.fixture
def filled_memo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A memo in its own cache folder whose space `test-space` holds 400 answers (`k0` → `stored 0`, …), as a large
    corpus leaves it, and none of them in memory yet."""
    from vocab import memo

    monkeypatch.setenv("VOCAB_CACHE", str(tmp_path))
    monkeypatch.setattr(memo, "_answers", {})
    monkeypatch.setattr(memo, "_asked", {})
    monkeypatch.setattr(memo, "_read_whole", set())
    space = memo._stored_space("test-space")
    with contextlib.closing(memo._connect()) as db, db:
        db.executemany("INSERT INTO memo VALUES (?, ?, ?)", [(space, f"k{i}", f"stored {i}") for i in range(400)])
    yield memo
    memo._close_reader()
    memo._pending.clear()


def test_the_memo_answers_a_few_questions_one_by_one_and_many_from_one_read(filled_memo) -> None:  # type: ignore[no-untyped-def]
    """A small build on a memo that a large corpus filled looks its few answers up one by one; past a twentieth
    of the space it reads the rest whole. Either way a stored answer is the answer, never computed again."""
    memo = filled_memo
    computed: list[str] = []

    def compute(key: str) -> str:
        computed.append(key)
        return f"computed {key}"

    assert [memo.remembered("test-space", f"k{i}", compute) for i in range(20)] == [f"stored {i}" for i in range(20)]
    assert "test-space" not in memo._read_whole  # 20 of 400: one by one
    assert memo.remembered("test-space", "new", compute) == "computed new"  # the 21st: the space is read whole
    assert "test-space" in memo._read_whole
    assert [memo.remembered("test-space", f"k{i}", compute) for i in range(400)] == [f"stored {i}" for i in range(400)]
    assert computed == ["new"] and memo.remembered("test-space", "new", compute) == "computed new"


def test_a_cheap_answer_is_computed_not_looked_up_until_its_space_is_read_whole(filled_memo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Counting's windows take less to compute than to look up one by one: a small build computes them (no query
    per window), and past a twentieth of the space it reads the stored answers whole like any other."""
    memo = filled_memo
    looked_up: list[str] = []
    load_one = memo._load_one
    monkeypatch.setattr(memo, "_load_one", lambda space, key: looked_up.append(key) or load_one(space, key))
    cheap = [memo.remembered("test-space", f"k{i}", lambda key: f"computed {key}", cheap=True) for i in range(20)]
    assert cheap == [f"computed k{i}" for i in range(20)] and looked_up == []
    assert memo.remembered("test-space", "k20", lambda key: f"computed {key}", cheap=True) == "stored 20"
    assert "test-space" in memo._read_whole and looked_up == []


def test_a_forked_worker_never_reads_a_memo_space_whole(filled_memo) -> None:  # type: ignore[no-untyped-def]
    """A worker lives for one round of a pool's items: past a twentieth of a space it computes what it does not
    hold rather than read the whole space (15–20 MiB per worker at 1,000 episodes); this process still reads it."""
    from vocab.workers import in_order

    memo = filled_memo

    def ask(_: int) -> tuple[list[str], int]:
        said = [memo.remembered("test-space", f"k{i}", lambda key: f"computed {key}") for i in range(30)]
        return said, len(memo._answers["test-space"])

    for said, held in in_order(ask, 2, jobs=2):
        assert said == [f"stored {i}" for i in range(20)] + [f"computed k{i}" for i in range(20, 30)]
        assert held == 30  # what it asked, nothing more
    assert ask(0) == ([f"stored {i}" for i in range(30)], 400)  # here: read whole past the twentieth


def test_a_first_build_keeps_the_pinyin_tables_before_it_reads_a_document(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A table's forked builder reads a library's data whole (pypinyin's phrases: 100 MiB; CC-CEDICT): built before
    the corpus is in memory, never on top of it (CC-CEDICT's readings by sense, once built when a glossary first
    asked for a reading, made the cold build's peak PSS at 1,000 episodes). The other kept tables are copied in, so
    that this build makes only the pinyin tables."""
    from vocab import lexicon, memo
    from vocab.cli.options import CorpusArgs

    made = (lexicon.phrase_readings, lexicon.dictionary_readings, lexicon._end_readings, lexicon.readings_by_sense)
    tables = (lexicon.PHRASES_KEPT, lexicon.READINGS_KEPT, lexicon.HEADS_KEPT, lexicon.TAILS_KEPT, lexicon.SENSES_KEPT)
    kept = {memo.kept_path(*table).name for table in tables}
    cache = tmp_path / "cache"
    cache.mkdir()
    for table in memo.cache_folder().glob(f"*{memo.KEPT_SUFFIX}"):
        if table.name not in kept:
            shutil.copy(table, cache / table.name)
    monkeypatch.setenv("VOCAB_CACHE", str(cache))
    monkeypatch.setenv("VOCAB_HOME", str(tmp_path / "home"))
    for function in made:
        function.cache_clear()
    kept_when_read = []
    load = CorpusArgs.load

    def loading(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kept_when_read.append(sorted(name for name in kept if (cache / name).is_file()))
        return load(self, *args, **kwargs)

    monkeypatch.setattr(CorpusArgs, "load", loading)
    try:
        document, out = EXAMPLES / "scaling-and-data-summary.md", tmp_path / "out"
        result = CliRunner().invoke(cli, ["build", str(document), "--out", str(out), "--deck-out", "-"])
    finally:
        for function in made:
            function.cache_clear()  # the tables of this test's cache folder
    assert result.exit_code == 0, result.output
    assert kept_when_read == [sorted(kept)]


def _ranked(docs: Path, cache: Path | None) -> list[Term]:
    from vocab.cache import DocumentCache

    return load_corpus([docs], cache=DocumentCache(cache) if cache else None).terms


def _made_anew(docs: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Term], set[str]]:
    made: set[str] = set()
    make = rank._term_of
    monkeypatch.setattr(rank, "_term_of", lambda key, *rest: made.add(key) or make(key, *rest))
    terms = _ranked(docs, cache)
    monkeypatch.setattr(rank, "_term_of", make)
    return terms, made


def test_a_rebuild_makes_again_only_the_terms_an_edit_touched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last ranking of the folder gives every term whose glosses and mentions are as they were: an edit makes
    again the terms of the edited document, a deletion those the deleted one mentioned, and nothing else."""
    docs, cache = tmp_path / "docs", tmp_path / "cache"
    docs.mkdir()
    texts = {
        "a.md": "我们聊了世界模型（world model）和奖励模型（reward model）。\n",
        "b.md": "蒸馏（distillation）让模型变小。\n\n剪枝（pruning）也是。蒸馏很常见。\n",
        "c.md": "量化（quantization）省显存，剪枝也省。\n",
        "d.md": "我们又聊到了世界模型。\n\n还有检索增强（retrieval augmentation）。\n",
    }
    for name, text in texts.items():
        (docs / name).write_text(text, encoding="utf-8")
    first, made = _made_anew(docs, cache, monkeypatch)
    assert made == {t.key for t in first} and len(first) == 6
    with (docs / "a.md").open("a", encoding="utf-8") as handle:
        handle.write("\n最后是课程学习（curriculum learning）。\n")
    terms, made = _made_anew(docs, cache, monkeypatch)
    assert made == set(map(en_key, ("world model", "reward model", "curriculum learning")))
    assert terms == _ranked(docs, None)
    (docs / "d.md").unlink()
    terms, made = _made_anew(docs, cache, monkeypatch)
    assert made == {en_key("world model")} and terms == _ranked(docs, None)  # retrieval augmentation is gone
    assert _made_anew(docs, cache, monkeypatch)[1] == set()  # nothing changed: every term as it was


def test_a_rebuild_ranks_as_from_nothing_after_files_are_edited_added_and_deleted(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every term, its counts, documents, first mentions and mention lines, is what a ranking from nothing gives,
    though most are taken from the last ranking."""
    cache = tmp_path / "cache"
    _ranked(corpus, cache)
    summary = corpus / "scaling-and-data-summary.md"
    summary.write_text(summary.read_text(encoding="utf-8") + "\n我们还谈到了课程学习（curriculum learning）。\n")
    (corpus / "new-notes.md").write_text("这一集也说到了扩展定律（scaling laws）。\n", encoding="utf-8")
    (corpus / "agents-talk.vtt").unlink()
    terms, made = _made_anew(corpus, cache, monkeypatch)
    assert terms == _ranked(corpus, None)
    assert en_key("curriculum learning") in made and len(made) < len(terms)


def test_a_last_ranking_of_the_right_shape_but_wrong_values_is_no_ranking(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    fresh = _ranked(corpus, cache)
    with sqlite3.connect(cache / CACHE_FILE) as db:
        rows = db.execute("SELECT key, data FROM values_ WHERE key LIKE '%ranking:%'").fetchall()
        assert len(rows) == 1
        paths, content, counting, stored = marshal.loads(unpack(rows[0][1]))
        for record in stored.values():
            record[_DOCUMENTS] = [len(paths) + 5] * len(record[_DOCUMENTS])  # documents past the end of the list
        damaged = pack(marshal.dumps([paths, content, counting, stored]))
        db.execute("UPDATE values_ SET data = ? WHERE key = ?", (damaged, rows[0][0]))
    terms, made = _made_anew(corpus, cache, monkeypatch)
    assert terms == fresh and made == {t.key for t in fresh}


def test_a_new_document_among_cached_ones_is_read_by_another_process_and_comes_out_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited rebuild reads its new document in a forked process while this one unpacks the cached ones, and asks
    wordfreq there what ranking will ask of its terms."""
    from vocab import corpus as corpus_module
    from vocab import memo
    from vocab.cache import DocumentCache

    memo._close_reader()  # a memo of its own: no earlier run has the new term's frequencies
    monkeypatch.setenv("VOCAB_CACHE", str(tmp_path / "memo"))
    for name, empty in (("_answers", {}), ("_asked", {}), ("_read_whole", set())):
        monkeypatch.setattr(memo, name, empty)

    docs = tmp_path / "docs"
    shutil.copytree(EXAMPLES, docs)
    cache = DocumentCache(tmp_path / "cache")
    corpus_module.read_corpus(corpus_module.document_paths([docs]), cache=cache)
    (docs / "new-notes.md").write_text("这一集说到了佐比克晶格退火器（zorbic lattice annealer）。\n", encoding="utf-8")
    readers = tmp_path / "readers"
    read = corpus_module._read_and_extract

    def recorded(path: Path, *rest: object) -> object:
        with readers.open("a") as handle:
            handle.write(f"{path.name} {os.getpid()}\n")
        return read(path, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus_module, "_read_and_extract", recorded)
    files = corpus_module.document_paths([docs])
    beside = corpus_module.read_corpus(files, cache=cache, jobs=None)
    assert readers.read_text().split() == ["new-notes.md", str(readers.read_text().split()[1])]
    assert readers.read_text().split()[1] != str(os.getpid())
    inline = corpus_module.read_corpus(files, cache=None, jobs=1)
    assert beside.documents == inline.documents and beside.glosses == inline.glosses
    assert any(g.en == "zorbic lattice annealer" for g in beside.glosses)
    # what ranking will ask wordfreq of the new term was asked by the reader and is in the memo: no import for it here
    monkeypatch.setattr(rank, "_zipf_of", lambda text, lang: pytest.fail(f"wordfreq asked of {text!r} again"))
    rank._zipf_cached.cache_clear()
    assert rank.zipf("zorbic lattice annealer", "en") == 0 and rank.zipf("佐比克晶格退火器", "zh") >= 0
    memo._close_reader()
