"""Nothing lost, nothing injected (issue 15): a typo never empties a deck, an output that cannot be written is one
line, special and huge files are refused, stale temporary files go, pathological brackets make no term."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from vocab.cli import cli

from .conftest import EXAMPLES


def _vocab(home: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"VOCAB_HOME": str(home)})


def _outputs(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A learner's folder after one good build: examples/, glossaries/ and decks/ side by side."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    result = _build(tmp_path, "examples")
    assert result.exit_code == 0, result.output
    return tmp_path


def _build(root: Path, folder: str, *options: str) -> Result:
    out = ["--out", str(root / "glossaries"), "--deck-out", str(root / "decks" / "vocab.apkg")]
    return _vocab(root / "home", "build", str(root / folder), *out, *options)


def _written(root: Path) -> dict[str, bytes]:
    return {**_outputs(root / "glossaries"), **{f"decks/{k}": v for k, v in _outputs(root / "decks").items()}}


def test_a_mistyped_folder_writes_nothing(built: Path) -> None:
    before = _written(built)
    result = _build(built, "exmaples")
    assert result.exit_code == 1
    assert "exmaples: no such file" in result.output and "nothing written" in result.output
    assert _written(built) == before


def test_a_folder_without_documents_writes_nothing(built: Path) -> None:
    (built / "empty").mkdir()
    before = _written(built)
    for command in (["build"], ["glossary"], ["deck"]):
        out = {"build": [], "glossary": ["--out", str(built / "glossaries")], "deck": ["--out", str(built / "d.apkg")]}
        result = _vocab(built / "home", *command, str(built / "empty"), *out[command[0]])
        assert result.exit_code == 1, result.output
        assert "no document" in result.output and "nothing written" in result.output
    assert _written(built) == before and not (built / "d.apkg").exists()


def test_a_document_that_cannot_be_read_stops_the_writing_unless_partial(built: Path) -> None:
    (built / "examples" / "broken.md").write_bytes(b"\x00\x01binary\x00")
    before = _written(built)
    result = _build(built, "examples")
    assert result.exit_code == 1 and "broken.md" in result.output
    assert "1 of 8 documents could not be read: nothing written" in result.output
    assert _written(built) == before
    partial = _build(built, "examples", "--partial")
    assert partial.exit_code == 1, partial.output  # an error was met, though the others were written
    assert "missing from the output: " in partial.output and "broken.md" in partial.output.split("missing")[1]
    assert (built / "glossaries" / "index.md").is_file()


def test_a_document_in_which_no_bracket_is_a_gloss_is_named_by_the_build(built: Path) -> None:
    """Learner's trial 62: a word list in a shape vocab does not read gave no gloss, and the build said `errors 0`."""
    result = _build(built, "examples")
    assert "no gloss found" not in result.output, result.output  # every example glosses something
    (built / "examples" / "my-list.md").write_text("# Notes\n\nWe talked about 内卷 again (see page 2).\n")
    result = _build(built, "examples")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "no gloss found" in line]
    assert len(lines) == 1 and "in 1 document: " in lines[0] and lines[0].count("my-list.md") == 1, result.output


def test_an_empty_document_skipped_is_said_as_skipped(built: Path) -> None:
    """New-user report 15: the summary called a skipped empty file "parts of documents read around"."""
    (built / "examples" / "empty.txt").write_bytes(b"")
    result = _build(built, "examples", "--partial")
    assert "empty.txt: file is empty: skipped" in result.output, result.output
    assert "warnings 1 (above): parts of documents read around, or documents skipped" in result.output


def test_a_build_that_writes_nothing_new_says_it_kept_the_files(built: Path) -> None:
    """A build that must run (an unreadable document keeps it from being up to date) but finds every file as it would
    write it says so: the summary is how a learner knows whether to import the deck again."""
    (built / "examples" / "broken.md").write_bytes(b"\x00\x01binary\x00")
    _build(built, "examples", "--partial")
    again = _build(built, "examples", "--partial")
    assert again.exit_code == 1, again.output
    assert re.search(r"kept \d+ glossaries in .*glossaries/", again.output), again.output
    assert "kept the Anki deck" in again.output and "nothing new to import" in again.output
    assert "wrote" not in again.output
    (built / "examples" / "extra.md").write_text("最后说说课程学习（curriculum learning）。\n", encoding="utf-8")
    changed = _build(built, "examples", "--partial").output
    assert re.search(r"wrote \d+ of \d+ glossaries", changed) and "wrote the Anki deck" in changed, changed


def test_an_edit_that_changes_no_note_leaves_the_deck_as_it_was(built: Path) -> None:
    """An edited document changes its glosses' inputs, and the notes are made again; when they come out the same, the
    package is the one there, byte for byte (zipped a second later, only its times differed), and the summary says
    so."""
    import os
    import subprocess
    import sys
    import time

    deck = built / "decks" / "vocab.apkg"
    env = {**os.environ, "VOCAB_HOME": str(built / "home"), "VOCAB_CACHE": str(built / "cache")}
    args = [sys.executable, "-m", "vocab", "build", str(built / "examples"), "--out", str(built / "glossaries")]
    args += ["--deck-out", str(deck), "--jobs", "1"]  # each build a process of its own, as a learner runs them
    assert subprocess.run(args, env=env, capture_output=True).returncode == 0
    before = deck.read_bytes()
    article = built / "examples" / "interview-article.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n另外补充一句没有术语的话。\n", encoding="utf-8")
    time.sleep(1.1)  # a zip's times are to the second
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "kept the Anki deck" in result.stdout and deck.read_bytes() == before


def test_a_deck_that_loses_notes_says_how_many_and_why(built: Path) -> None:
    result = _build(built, "examples", "--top", "5")
    assert result.exit_code == 0, result.output
    leaving = re.search(r"(\d+) notes leave the deck .*\((\d+) before\)", result.output)
    assert leaving and int(leaving[2]) - int(leaving[1]) == 5, result.output
    one = _build(built, "examples", "--top", "4").output
    gone = re.search(r"\b1 note leaves the deck .*\(5 before\): ([^;]+); its term is no longer", one)
    assert gone, one
    listed = _vocab(built / "home", "list", str(built / "examples"), "--top", "5", "--format", "jsonl").output
    assert gone[1] == json.loads(listed.splitlines()[-1])["en"]  # named (learner's trial 60): the fifth term


def test_a_deck_with_no_notes_says_why_and_is_not_written(tmp_path: Path) -> None:
    deck = tmp_path / "d.apkg"
    assert _vocab(tmp_path, "deck", str(EXAMPLES), "--out", str(deck)).exit_code == 0
    written = deck.read_bytes()
    result = _vocab(tmp_path, "deck", str(EXAMPLES), "--min-score", "100", "--out", str(deck))
    assert result.exit_code == 1
    why = "none passes the options given (or all are known)"
    assert result.stderr == f"Error: no terms for the deck from 7 documents: {why}: nothing written\n"
    assert deck.read_bytes() == written  # the deck there is not replaced by an empty one
    # beside a term marked known whose note the deck does not hold, as beside none (new-user report 12: a deck of
    # ten notes was replaced by an empty one); build, too, writes nothing
    assert _vocab(tmp_path, "deck", str(EXAMPLES), "--top", "3", "--out", str(deck)).exit_code == 0
    written = deck.read_bytes()
    listed = _vocab(tmp_path, "list", str(EXAMPLES), "--format", "jsonl").stdout.splitlines()
    assert _vocab(tmp_path, "known", "add", json.loads(listed[5])["en"]).exit_code == 0  # not among the deck's three
    assert _vocab(tmp_path, "deck", str(EXAMPLES), "--min-score", "100", "--out", str(deck)).exit_code == 1
    assert deck.read_bytes() == written
    out = ["--out", str(tmp_path / "glossaries"), "--deck-out", str(deck)]
    built = _vocab(tmp_path, "build", str(EXAMPLES), "--min-score", "100", *out)
    assert built.exit_code == 1 and not (tmp_path / "glossaries").exists() and deck.read_bytes() == written
    assert built.stderr == f"Error: no terms for the glossaries and the deck from 7 documents: {why}: nothing written\n"
    # nor beside a term marked known whose note the deck holds, where the options selected nothing (a learner's
    # report: `--min-score 99` replaced a deck of 576 notes with the 6 marked ones)
    assert _vocab(tmp_path, "known", "add", json.loads(listed[0])["en"]).exit_code == 0  # among the deck's three
    assert _vocab(tmp_path, "deck", str(EXAMPLES), "--min-score", "100", "--out", str(deck)).exit_code == 1
    assert deck.read_bytes() == written


@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.ENAMETOOLONG])
def test_an_output_that_cannot_be_written_is_one_line_and_leaves_the_old_file(
    built: Path, monkeypatch: pytest.MonkeyPatch, failure: int
) -> None:
    before = _written(built)

    def refuse(*_: object, **__: object) -> None:
        raise OSError(failure, os.strerror(failure))

    monkeypatch.setattr(os, "replace", refuse)
    (built / "examples" / "agents-talk.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\n新（new）\n")
    result = _build(built, "examples")
    assert result.exit_code == 1
    error_lines = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert len(error_lines) == 1 and os.strerror(failure) in error_lines[0] and "Traceback" not in result.output
    assert _written(built) == before
    assert not [p for p in built.rglob("*.tmp")]


def test_a_glossary_folder_that_cannot_be_written_leaves_the_deck_as_it_was(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A one-episode build into a read-only --out replaced the library's deck with that episode's notes before the
    glossaries failed (new-user report 9, item 7): a folder that cannot be written is known before anything is."""
    before = _written(built)
    closed = built / "closed"
    closed.mkdir()
    allowed = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: Path(path) != closed and allowed(path, mode, **kw))
    out = ["--out", str(closed / "glossaries"), "--deck-out", str(built / "decks" / "vocab.apkg")]
    result = _vocab(built / "home", "build", str(built / "examples" / "agents-talk.srt"), *out)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {closed / 'glossaries'}: cannot be written (Permission denied): "
        + "permission denied: choose another place to write, or make the folder writable"
    ]
    assert _written(built) == before and not (closed / "glossaries").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_special_files_are_skipped_with_one_line(built: Path) -> None:
    os.mkfifo(built / "examples" / "bad.md")
    (built / "examples" / "zero.md").symlink_to("/dev/zero")
    outcome: list[Result] = []
    worker = threading.Thread(target=lambda: outcome.append(_build(built, "examples", "--partial")), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert outcome, "the build hung on a special file"
    result = outcome[0]
    assert "bad.md: not a regular file" in result.output and "zero.md: not a regular file" in result.output
    assert "documents 7" in result.output


def test_a_document_over_the_size_cap_is_refused(built: Path) -> None:
    big = built / "examples" / "huge.md"
    big.write_text("大" * 700_000, encoding="utf-8")  # 2.1 MB
    result = _build(built, "examples", "--max-size", "1", "--partial")
    assert "huge.md: 2.0 MB, over the 1 MB limit of --max-size" in result.output
    assert "documents 7" in result.output


def test_stale_temporary_files_of_a_killed_export_are_removed(built: Path) -> None:
    stale = built / "decks" / ".vocab.apkg.k1ll3d.tmp"
    stale.write_bytes(b"")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = built / "decks" / ".vocab.apkg.wr1t1ng.tmp"  # another writer's, a moment ago: left alone
    fresh.write_bytes(b"")
    (built / "examples" / "agents-talk.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\n新（new）\n")
    assert _build(built, "examples").exit_code == 0
    assert not stale.exists() and fresh.exists()


def test_a_rebuild_leaves_unchanged_glossaries_alone_and_sweeps_their_folder(built: Path) -> None:
    glossaries = built / "glossaries"
    stale = glossaries / ".old-episode.md.k1ll3d9x.tmp"  # a killed write's, an hour old, of a file now gone
    stale.write_bytes(b"")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    times = {p.name: p.stat().st_mtime_ns for p in glossaries.glob("*.md")}
    srt = built / "examples" / "agents-talk.srt"  # a cue with no gloss: the build runs, no glossary changes
    srt.write_text(srt.read_text(encoding="utf-8") + "\n99\n01:00:00,000 --> 01:00:02,000\n谢谢收听。\n")
    result = _build(built, "examples")
    assert result.exit_code == 0 and "up to date" not in result.output
    assert {p.name: p.stat().st_mtime_ns for p in glossaries.glob("*.md")} == times
    assert not stale.exists()


def test_pathological_brackets_make_no_term(tmp_path: Path) -> None:
    doc = tmp_path / "nested.md"
    doc.write_text("模型" + "（a" * 20_000 + "）" * 20_000 + "\n\n" + "深度学习（deep learning）。\n", encoding="utf-8")
    result = _vocab(tmp_path / "home", "extract", str(doc), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    glosses = [line for line in result.output.splitlines() if line.strip()]
    assert any('"deep learning"' in line for line in glosses)
    assert all(len(line) < 2_000 for line in glosses)


@pytest.mark.parametrize(
    "source",
    [
        'https://a.example/)<img/src=x/onerror=alert(1)>',
        "javascript:alert(1)//",
        'https://a.example/"><script>alert(1)</script>',
    ],
)
def test_a_source_url_injects_nothing(tmp_path: Path, source: str) -> None:
    """Only http(s) addresses become links, percent-encoded; anything else is text, escaped."""
    docs = tmp_path / "docs"
    docs.mkdir()
    summary = (EXAMPLES / "scaling-and-data-summary.md").read_text(encoding="utf-8")
    (docs / "summary.md").write_text(re.sub(r"(?m)^source: .*$", f"source: '{source}'", summary), encoding="utf-8")
    transcript = (EXAMPLES / "gradient-hour-ep12.txt").read_text(encoding="utf-8")
    (docs / "talk.txt").write_text(re.sub(r"原文 ↗\S+", f"原文 ↗{source}", transcript), encoding="utf-8")
    result = _vocab(tmp_path / "home", "build", str(docs), "--out", str(tmp_path / "g"),
                    "--deck-out", str(tmp_path / "d.apkg"))  # fmt: skip
    assert result.exit_code == 0, result.output
    written = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "g").glob("*.md"))
    with zipfile.ZipFile(tmp_path / "d.apkg") as package, tempfile.TemporaryDirectory() as tmp:
        package.extract("collection.anki2", tmp)
        with sqlite3.connect(Path(tmp) / "collection.anki2") as db:
            fields = "\n".join(row[0] for row in db.execute("SELECT flds FROM notes"))
    for text in (written, fields):
        assert "<img" not in text and "<script" not in text  # as text, escaped, or encoded in a link
        assert 'href="javascript' not in text and "](javascript" not in text and "<javascript" not in text


def test_terminal_escapes_in_a_document_never_reach_the_output(tmp_path: Path) -> None:
    doc = tmp_path / "escapes.md"
    doc.write_text("\x1b[2J\x1b[31m我们用深度学习（deep \x1b[0mlearning）\x9b1m训练\x07模型。\n", encoding="utf-8")
    for command in (["list"], ["extract", "--format", "jsonl"], ["inspect"]):
        result = _vocab(tmp_path / "home", command[0], str(doc), *command[1:])
        assert result.exit_code == 0, result.output
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.output), (command, result.output)
    listed = _vocab(tmp_path / "home", "list", str(doc), "--format", "jsonl").output
    assert '"en": "deep learning"' in listed


def test_a_stray_byte_that_opens_a_terminal_title_takes_nothing_after_it(tmp_path: Path) -> None:
    """A C1 byte U+009D opens an OSC sequence (a terminal's title), which a BEL or ST ends. Stray in a document, with no
    end, it took the rest of the file with it: one line in, every later gloss was gone without a word. An escape is
    one line's, and ended; a real one (`ESC ] 0;title BEL`) still goes whole."""
    doc = tmp_path / "stray.md"
    text = "第一段\x9d坏了。\n\n我们用深度学习（deep learning）。\x1b]0;窗口标题\x07\n\n还有泛化（generalization）。\n"
    doc.write_text(text, encoding="utf-8")
    listed = _vocab(tmp_path / "home", "extract", str(doc), "--format", "jsonl").output
    assert '"en": "deep learning"' in listed and '"en": "generalization"' in listed
    read = _vocab(tmp_path / "home", "inspect", str(doc)).output
    assert "第一段坏了" in read and "窗口标题" not in read, read


BAD_CUE_SRT = (
    "1\n00:00:01,000 --> 00:00:03,000\nWe use deep learning.\n我们用深度学习（deep learning）。\n\n"
    "2\n00:00:09,100 -> 00:00:10,000\nA typo in the arrow.\n箭头打错了（typo）。\n\n"
    "3\n00:00:11,000 --> 00:00:13,000\nThen reinforcement learning.\n然后是强化学习（reinforcement learning）。\n"
)


def test_one_bad_cue_is_a_warning_counted_in_the_summary_and_strict_refuses_it(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "talk.srt").write_text(BAD_CUE_SRT, encoding="utf-8")
    build = ["build", str(docs), "--out", str(tmp_path / "g"), "--deck-out", "-"]
    result = _vocab(tmp_path / "home", *build)
    assert result.exit_code == 0, result.output
    assert f"Warning: {docs / 'talk.srt'}:7: malformed cue timing" in result.stderr
    assert "glosses 2" in result.stdout and "warnings 1" in result.stdout
    strict = _vocab(tmp_path / "home", *build, "--strict")
    assert strict.exit_code == 1 and "nothing written" in strict.stderr
    assert f"{docs / 'talk.srt'}:7: malformed cue timing" in strict.stderr  # the whole document refused, not a cue
    assert "': document refused (--strict)" in strict.stderr and "skipped" not in strict.stderr


def test_a_webvtt_file_without_its_header_is_read_as_webvtt_with_a_warning(tmp_path: Path) -> None:
    doc = tmp_path / "talk.vtt"
    cue = "00:01.000 --> 00:03.000\nWe use deep learning.\n我们用深度学习（deep learning）。\n"
    doc.write_text(cue, encoding="utf-8")
    result = _vocab(tmp_path / "home", "extract", str(doc), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert "no WEBVTT header" in result.stderr
    assert '"start": 1.0' in result.stdout


def test_webvtt_character_references_are_decoded_and_a_ruby_reading_is_dropped(tmp_path: Path) -> None:
    """`&amp;` is `&` in WebVTT (its `;` ended the Chinese sentence); a `<rt>` reading glued itself to its word. SRT
    has no character references: its `&amp;` is text as written."""
    cue = "00:01.000 --> 00:04.000\nUse a <ruby>narrowband<rt>narrow</rt></ruby> filter &amp; &lt;stack&gt;.\n"
    (tmp_path / "sky.vtt").write_text(f"WEBVTT\n\n{cue}用窄带滤镜（narrowband filter）&amp; 叠加。\n", encoding="utf-8")
    srt = "1\n00:00:01,000 --> 00:00:02,000\nR&D &amp; more\n研发（R&D）\n"
    (tmp_path / "lab.srt").write_text(srt, encoding="utf-8")
    documents = [str(tmp_path / name) for name in ("sky.vtt", "lab.srt")]
    result = _vocab(tmp_path / "home", "extract", *documents, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    sky, lab = (json.loads(line) for line in result.stdout.splitlines())
    assert sky["en"] == "narrowband filter" and sky["sentence"] == "用窄带滤镜（narrowband filter）& 叠加。"
    assert sky["segment_aligned"].startswith("Use a narrowband filter & ") and "&lt;" not in sky["segment_aligned"]
    assert lab["en"] == "R&D" and lab["segment_aligned"] == "R&D &amp; more"


def test_an_empty_store_file_is_a_new_store(tmp_path: Path) -> None:
    from vocab.learner.store import STORE_FILE

    home = tmp_path / "home"
    home.mkdir()
    (home / STORE_FILE).write_bytes(b"")
    for command in (["stats"], ["known", "list"], ["known", "add", "transformer"], ["known", "list"]):
        result = _vocab(home, *command)
        assert result.exit_code == 0, (command, result.output)
    assert "transformer" in result.output


@pytest.mark.parametrize("damage", ["folder in place of the store", "VOCAB_HOME is a file"])
def test_a_data_folder_in_the_wrong_shape_says_what_to_do(tmp_path: Path, damage: str) -> None:
    from vocab.learner.store import STORE_FILE

    home = tmp_path / "home"
    if damage == "VOCAB_HOME is a file":
        home.write_text("not a folder")
        expected = f"Error: {home}: is a file, not a folder: point VOCAB_HOME (or --data-dir) at a folder"
    else:
        (home / STORE_FILE).mkdir(parents=True)
        expected = f"Error: {home / STORE_FILE}: is a folder, not the review store: move it aside"
    for command in (["stats"], ["known", "add", "x"]):
        result = _vocab(home, *command)
        assert result.exit_code == 1 and result.output.startswith(expected), result.output
        assert "Traceback" not in result.output and len(result.output.splitlines()) == 1


def test_data_dir_works_after_the_command_too(tmp_path: Path) -> None:
    import subprocess
    import sys

    home = tmp_path / "home"
    run = [sys.executable, "-m", "vocab"]
    added = subprocess.run(
        [*run, "known", "add", "transformer", "--data-dir", str(home)], capture_output=True, text=True
    )
    assert added.returncode == 0, added.stderr
    listed = subprocess.run([*run, "--data-dir", str(home), "known", "list"], capture_output=True, text=True)
    assert listed.stdout.split() == ["transformer"]


def test_known_list_says_what_it_leaves_out(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert _vocab(home, "known", "add", "transformer").exit_code == 0
    assert _vocab(home, "known", "ignore", "podcast", "episode").exit_code == 0
    result = _vocab(home, "known", "list")
    assert result.stdout.split() == ["transformer"]
    assert "(2 ignored words not shown: vocab known list --ignored)" in result.stderr


def test_an_empty_zipf_range_is_refused(tmp_path: Path) -> None:
    result = _vocab(tmp_path / "home", "list", str(EXAMPLES), "--min-zipf", "5", "--max-zipf", "1")
    assert result.exit_code == 2 and "5 is above --max-zipf 1: no term could pass" in result.output


def test_a_walk_skips_package_folders_and_stops_past_its_limit_without_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vocab.cli import options

    for folder in ("node_modules/pkg", ".venv-x", "venv-y", "notes"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "ep.md").write_text("深度学习（deep learning）。\n", encoding="utf-8")
    readme = "关于本文件夹：机器学习（machine learning）笔记。\n"
    (tmp_path / "notes" / "README.md").write_text(readme, encoding="utf-8")
    (tmp_path / "venv-y" / "pyvenv.cfg").write_text("home = /usr\n")
    monkeypatch.chdir(tmp_path)
    listed = _vocab(tmp_path / "home", "list", "--format", "jsonl")
    assert listed.exit_code == 0, listed.output
    records = [json.loads(line) for line in listed.output.splitlines()]
    assert [(r["count"], r["source"]) for r in records] == [(1, "notes/ep.md")]  # node_modules, venvs, README skipped
    named = _vocab(tmp_path / "home", "list", "--format", "jsonl", "notes/README.md")  # read when named
    assert named.exit_code == 0 and json.loads(named.output.splitlines()[0])["source"] == "notes/README.md"
    monkeypatch.setattr(options, "IMPLICIT_LIMIT", 0)
    refused = _vocab(tmp_path / "home", "list")
    assert refused.exit_code == 1 and "no PATHS given, and the current folder holds 1 documents" in refused.output


def test_the_glossaries_a_build_wrote_are_no_documents_for_the_next_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`vocab build .` writes glossaries/ into the folder; `vocab list`, `deck`, `stats`, `glossary` walking it
    later must not read them back as documents (they hold every term's sentence again)."""
    shutil.copytree(EXAMPLES, tmp_path / "docs")
    monkeypatch.chdir(tmp_path / "docs")
    before = _vocab(tmp_path / "home", "list", "--format", "jsonl")
    assert _vocab(tmp_path / "home", "build").exit_code == 0
    assert (tmp_path / "docs" / "glossaries" / "index.md").is_file()
    after = _vocab(tmp_path / "home", "list", "--format", "jsonl")
    assert after.exit_code == 0 and after.output == before.output
    listed = _vocab(tmp_path / "home", "list", "glossaries", "--format", "jsonl")  # named, it is read
    assert listed.exit_code == 0 and "glossaries/" in listed.output


def _answer_many(path: str, who: int, count: int) -> int:
    """One review session's worth of answers, as fast as it can give them (run in its own process)."""
    from datetime import UTC, datetime, timedelta

    from vocab.learner.store import ReviewStore
    from vocab.models import CardSide, ReviewCard

    start = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    with ReviewStore(path) as store:
        for i in range(count):
            at = start + timedelta(seconds=i)
            card = ReviewCard(f"term-{who}-{i}", CardSide.EN_ZH, 2, None, 3.0, 5.0, at + timedelta(days=3), at)
            store.record_answer(None, card, 3, at)
    return count


def test_two_review_sessions_at_once_lose_no_answer(tmp_path: Path) -> None:
    """Two writers on one store, answering as fast as they can: every answer stored, no 'database is locked'."""
    from concurrent.futures import ProcessPoolExecutor

    from vocab.learner.store import STORE_FILE, ReviewStore

    path = str(tmp_path / STORE_FILE)
    ReviewStore(path).close()
    with ProcessPoolExecutor(max_workers=2) as pool:
        done = list(pool.map(_answer_many, [path, path], [1, 2], [150, 150]))
    assert done == [150, 150]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 300
        assert db.execute("SELECT count(*) FROM cards").fetchone()[0] == 300


def test_two_builds_at_once_share_the_cache_without_an_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    docs = tmp_path / "docs"
    shutil.copytree(EXAMPLES, docs)
    env = {**os.environ, "VOCAB_HOME": str(tmp_path / "home"), "VOCAB_CACHE": str(tmp_path / "cache")}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "vocab", "build", str(docs), "--out", str(tmp_path / f"g{i}"), "--deck-out", "-"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        for i in range(2)
    ]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0 and "Traceback" not in err and "locked" not in err, err
    assert _outputs(tmp_path / "g0") == _outputs(tmp_path / "g1")


def test_a_transcript_cue_with_a_negative_time_is_a_warning_not_the_page_header(tmp_path: Path) -> None:
    doc = tmp_path / "talk.txt"
    doc.write_text(
        "Podcast\n\nSpeaker 1-00:05 - 00:10\nWe use deep learning.\n"
        "Speaker 1-00:05 - 00:10\n我们用深度学习（deep learning）。\n"
        "Speaker 100:10 - 00:20\nThen RL.\nSpeaker 100:10 - 00:20\n然后是强化学习（reinforcement learning）。\n",
        encoding="utf-8",
    )
    result = _vocab(tmp_path / "home", "inspect", str(doc), "--format", "jsonl")
    assert result.exit_code == 0
    assert f"Warning: {doc}:3: malformed cue header 'Speaker 1-00:05 - 00:10': cue skipped" in result.stderr
    segments = [json.loads(line) for line in result.stdout.splitlines()]
    assert [s["text"] for s in segments if s["kind"] == "meta"] == ["Podcast"]


def test_a_build_killed_mid_way_leaves_a_cache_the_next_build_can_use(tmp_path: Path) -> None:
    """SIGKILL during a cold build (documents half put into the cache, its transaction open): the next build
    gives what a build without the cache gives."""
    import signal
    import subprocess
    import sys

    docs = tmp_path / "docs"
    for folder in sorted((Path(__file__).parent).glob("fresh*/docs")):
        shutil.copytree(folder, docs / folder.parent.name)
    env = {**os.environ, "VOCAB_HOME": str(tmp_path / "home"), "VOCAB_CACHE": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "vocab", "build", str(docs), "--deck-out", "-", "--jobs", "1"]
    run = subprocess.Popen([*command, "--out", str(tmp_path / "killed")], env=env, stderr=subprocess.DEVNULL)
    time.sleep(3)
    run.send_signal(signal.SIGKILL)
    run.wait()
    again = subprocess.run([*command, "--out", str(tmp_path / "again")], env=env, capture_output=True, text=True)
    fresh = subprocess.run(
        [*command, "--out", str(tmp_path / "fresh"), "--no-cache"], env=env, capture_output=True, text=True
    )
    assert again.returncode == 0 and fresh.returncode == 0, again.stderr + fresh.stderr
    assert _outputs(tmp_path / "again") == _outputs(tmp_path / "fresh")


@pytest.mark.parametrize("command", ["list", "stats"])
def test_a_command_given_only_a_missing_file_prints_the_error_and_nothing_else(tmp_path: Path, command: str) -> None:
    result = _vocab(tmp_path / "home", command, str(tmp_path / "nofile.txt"))
    assert result.exit_code == 1
    assert result.stdout == "" and result.stderr.strip() == f"Error: {tmp_path / 'nofile.txt'}: no such file"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("command", [["extract", "--format", "jsonl"], ["list"], ["--help"]])
def test_output_to_a_full_disk_is_one_line_and_a_failure(tmp_path: Path, command: list[str]) -> None:
    """`vocab list > out.txt` on a full disk: one line that says so, exit 1, no traceback (small output fails only
    when it is flushed at exit, large output while it is written)."""
    import subprocess
    import sys

    doc = tmp_path / "a.txt"
    doc.write_text("我们用强化学习（reinforcement learning）训练。\n" * 400, encoding="utf-8")
    args = [*command, str(doc)] if command != ["--help"] else command
    env = {**os.environ, "VOCAB_HOME": str(tmp_path / "home"), "VOCAB_CACHE": str(tmp_path / "cache")}
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "vocab", *args], stdout=full, stderr=subprocess.PIPE, text=True, env=env, check=False
        )
    assert done.returncode == 1
    assert done.stderr == "Error: the output cannot be written (No space left on device)\n"


@pytest.mark.parametrize("option", ["--min-score", "--min-zipf", "--max-zipf", "--max-size"])
@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_a_number_option_refuses_what_is_not_a_finite_number(tmp_path: Path, option: str, value: str) -> None:
    """`nan` passes every comparison and `inf` every minimum: each read as no limit at all (`-inf` under a minimum
    is out of its range first)."""
    result = _vocab(tmp_path / "home", "list", str(EXAMPLES), f"{option}={value}")
    assert result.exit_code == 2 and re.search(f"Invalid value for '{option}': '?{value}'? is not", result.stderr)


def test_an_unbounded_number_option_shows_no_range_in_the_help(tmp_path: Path) -> None:
    """`--min-zipf FLOAT`, not `FLOAT RANGE … [x<=None]`; a bounded one keeps its range (`--min-score … [x>=0]`)."""
    shown = " ".join(_vocab(tmp_path / "home", "list", "--help").stdout.split())
    assert "None" not in shown and "--min-zipf FLOAT Only" in shown and "[x>=0]" in shown


@pytest.mark.parametrize("command", ["deck", "build"])
def test_an_empty_deck_name_is_refused(tmp_path: Path, command: str) -> None:
    """`--deck ""` was written as untitled.apkg and shown in Anki as `blank`."""
    result = _vocab(tmp_path / "home", command, str(EXAMPLES), "--deck", " ", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "Invalid value for '--deck': a deck needs a name" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_deck_that_fails_after_the_glossaries_still_says_what_was_written(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The glossaries (and the record of which terms were new) are written before the deck: when the deck then fails,
    the summary with its new terms is said before the error, or the next build's `new terms 0` hides them for good."""
    from vocab.errors import VocabError
    from vocab.export import anki

    def full(*_args: object, **_kwargs: object) -> int:
        raise VocabError("decks/vocab.apkg: cannot be written (No space left on device)")

    monkeypatch.setattr(anki, "write_deck", full)
    result = _vocab(tmp_path / "home", "build", str(EXAMPLES), "--out", str(tmp_path / "g"), "--deck-out",
                    str(tmp_path / "d" / "vocab.apkg"))  # fmt: skip
    assert result.exit_code == 1 and "cannot be written (No space left on device)" in result.stderr
    assert "wrote 8 glossaries" in result.stdout and "top new terms:" in result.stdout


def test_a_mistyped_command_gets_the_command_it_may_mean(tmp_path: Path) -> None:
    """New-user report 11: `vocab buidl` said only "No such command", where a mistyped option gets a suggestion."""
    result = _vocab(tmp_path, "buidl", "docs")
    assert result.exit_code == 2
    assert "Error: No such command 'buidl'. Did you mean 'build'?" in result.output
    assert "Did you mean" not in _vocab(tmp_path, "zzz").output  # nothing like it: nothing suggested


@pytest.mark.parametrize(("args", "code"), [(["--version"], 0), (["buidl"], 2), (["list", "/no/such/file.txt"], 1)])
def test_vocab_exits_at_once_as_python_would(tmp_path: Path, args: list[str], code: int) -> None:
    """``cli._exit_at_once`` skips Python's teardown, not its exit: every ``atexit`` function runs (one registered
    before vocab's runs last, after the memo's write) and prints, output is flushed, the exit code is the command's."""
    import subprocess
    import sys

    probe = (
        "import atexit\n"
        "class Kept:\n    def __del__(self): print('freed')\n"  # freed by Python's teardown, which is skipped
        "kept = Kept(); atexit.register(print, 'atexit ran')\n"
        "from vocab.cli import main; main()"
    )
    env = {**os.environ, "VOCAB_HOME": str(tmp_path / "home"), "VOCAB_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env)
    assert done.returncode == code, done.stderr
    assert done.stdout.endswith("atexit ran\n") and (code == 0) == done.stdout.startswith("vocab, version")
    assert "freed" not in done.stdout


def test_a_build_run_as_a_command_writes_its_memo_at_exit(tmp_path: Path) -> None:
    """The memo's answers are written by an ``atexit`` function: a build's process ends only once they are."""
    import subprocess
    import sys

    env = {**os.environ, "VOCAB_HOME": str(tmp_path / "home"), "VOCAB_CACHE": str(tmp_path / "cache")}
    document = EXAMPLES / "scaling-and-data-summary.md"
    command = [sys.executable, "-m", "vocab", "build", str(document), "--out", str(tmp_path / "out"), "--deck-out", "-"]
    assert subprocess.run(command, env=env, capture_output=True).returncode == 0
    db = sqlite3.connect(tmp_path / "cache" / "memo.sqlite")
    spaces = {space.split(":", 1)[1] for (space,) in db.execute("SELECT DISTINCT space FROM memo")}
    db.close()
    assert {"pinyin", "zipf-en", "zipf-zh"} <= spaces


def test_a_first_run_on_a_terminal_says_it_prepares_the_dictionaries(tmp_path, monkeypatch) -> None:
    """New-user report 19: a first build or extract in a new cache folder took ten seconds with no sign of life. On a
    terminal it says why once, while the tables are missing; never in a pipe."""
    import io
    import sys

    from vocab.cli.options import say_first_run

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("VOCAB_CACHE", str(tmp_path / "new-cache"))
    for stream, said in ((Terminal(), "preparing the dictionaries"), (io.StringIO(), "")):
        monkeypatch.setattr(sys, "stderr", stream)
        say_first_run()
        assert said in stream.getvalue() and (said or stream.getvalue() == "")
    from vocab.lexicon import JIEBA_KEPT
    from vocab.memo import kept_path

    kept_path(*JIEBA_KEPT).parent.mkdir(parents=True)
    kept_path(*JIEBA_KEPT).write_bytes(b"")
    monkeypatch.setattr(sys, "stderr", Terminal())
    say_first_run()
    assert sys.stderr.getvalue() == ""


def test_a_build_of_a_path_that_does_not_exist_says_so_once(tmp_path, monkeypatch) -> None:
    """New-user report 19: `vocab build nosuch` said `nosuch: no such file`, then `no document found in nosuch`."""
    from click.testing import CliRunner

    from vocab.cli import cli

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "nosuch"], env={"VOCAB_HOME": str(tmp_path / "home")})
    assert (result.exit_code, result.stderr) == (1, "Error: nosuch: no such file\nError: nothing written\n")
    assert not (tmp_path / "glossaries").exists() and not (tmp_path / "decks").exists()


def test_files_of_no_type_vocab_reads_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A learner's report: `vocab build mix` read the folder's .txt and said nothing of the .pages and .html beside it;
    an episode's audio and pictures sit beside it by design, and the current folder read without PATHS says nothing.
    A .json file is read only if it may hold subtitles (a video's `.info.json` beside it holds none)."""
    mix = tmp_path / "mix"
    mix.mkdir()
    (mix / "ep1.txt").write_text("我们用梯度下降（gradient descent）。\n", encoding="utf-8")
    for name in ("notes.pages", "ep1.mp3", "cover.png", ".hidden.rtf", "~$ep1.docx"):  # Word's owner file: hidden
        (mix / name).write_bytes(b"x")
    (mix / "ep1.info.json").write_text('{"title": "Episode 1", "duration": 3120}', encoding="utf-8")  # no subtitles
    result = _vocab(tmp_path, "list", str(mix))
    assert result.exit_code == 0 and "gradient descent" in result.stdout
    note = "1 file of no type vocab reads left out: .pages; name one to read it as text; 1 .json file with no subtitle"
    note += " cues"
    assert f"Note: {note} left out: ep1.info.json" in result.stderr
    monkeypatch.chdir(mix)
    assert "Note:" not in _vocab(tmp_path, "list").stderr
    (mix / "ep1.txt").unlink()  # with no document, the error says what was left out
    empty = _vocab(tmp_path, "list", str(mix))
    assert empty.exit_code == 1 and empty.stderr == (
        f"Error: no document found in {mix} ({note} left out: ep1.info.json)\n"
    )


def test_a_working_folder_that_is_gone_is_one_clear_error(tmp_path: Path) -> None:
    """A command run from a folder deleted under it said `internal error (FileNotFoundError)` for each document (the
    reading workers ask for the working folder): it says what is wrong, once, and does nothing."""
    import subprocess
    import sys

    gone = tmp_path / "gone"
    gone.mkdir()
    document = tmp_path / "a.md"
    document.write_text("先把评测（evals）做好。\n", encoding="utf-8")
    script = "import os, sys; from vocab.cli import main; d = sys.argv.pop(1); os.chdir(d); os.rmdir(d); main()"
    env = {**os.environ, "VOCAB_HOME": str(tmp_path / "home"), "VOCAB_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", script, str(gone), "extract", str(document)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == "Error: the current folder no longer exists (deleted or moved): cd to another\n"
