"""`vocab known import`: learned cards of a real Anki collection (the official `anki` package) become known
terms — from a deck `vocab deck` made (by GUID) and from notes made by hand (by field text) — read from a
new-format .apkg (zstd), a .colpkg, a legacy .apkg and a collection.anki2 file."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from vocab.cli import cli

from .test_anki import _export, _import, workspace  # noqa: F401  (a fixture)

anki_collection = pytest.importorskip("anki.collection")

LEARNED, YOUNG = 30, 5  # days


def _run(home: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), env={"VOCAB_HOME": str(home)})


def _listed(home: Path, docs: Path) -> list[str]:
    result = _run(home, "list", str(docs), "--format", "jsonl")
    return [json.loads(line)["en"] for line in result.stdout.splitlines()]


def _set_interval(collection, query: str, days: int) -> None:  # type: ignore[no-untyped-def]
    """Make every card the query finds a review card with this interval, as if studied for weeks."""
    for card_id in collection.find_cards(query):
        card = collection.get_card(card_id)
        card.type = card.queue = 2  # review
        card.ivl = days
        card.due = collection.sched.today + days
        collection.update_card(card)


@pytest.fixture
def studied(workspace: Path) -> Path:  # noqa: F811
    """A collection: vocab's deck with two terms learned and one young, plus hand-made notes."""
    docs, package = workspace / "docs", workspace / "vocab.apkg"
    _export(docs, package, workspace / "deck-home")
    collection = anki_collection.Collection(str(workspace / "collection.anki2"))
    try:
        _import(collection, package)
        _set_interval(collection, '"English:world model*"', LEARNED)
        _set_interval(collection, '"English:evals"', LEARNED)
        _set_interval(collection, '"English:deduplication"', YOUNG)
        basic = collection.models.by_name("Basic")
        for front, back, days in (
            ("harness", "测试框架", LEARNED),
            ("智能体", "agent", LEARNED),
            ("scratchpad", "草稿", YOUNG),
        ):
            note = collection.new_note(basic)
            note["Front"], note["Back"] = front, back
            collection.add_note(note, collection.decks.id("mine"))
            _set_interval(collection, f'"Front:{front}"', days)
        collection.export_anki_package(
            out_path=str(workspace / "new.apkg"),
            options=anki_collection.ExportAnkiPackageOptions(with_scheduling=True, legacy=False),
            limit=None,
        )
        collection.export_anki_package(
            out_path=str(workspace / "legacy.apkg"),
            options=anki_collection.ExportAnkiPackageOptions(with_scheduling=True, legacy=True),
            limit=None,
        )
        collection.export_collection_package(str(workspace / "all.colpkg"), include_media=False, legacy=False)
    finally:
        collection.close()
    return workspace


@pytest.mark.parametrize("export", ["new.apkg", "legacy.apkg", "all.colpkg", "collection.anki2"])
def test_learned_notes_become_known_terms(studied: Path, export: str) -> None:
    docs, home = studied / "docs", studied / f"home-{export}"
    inside = {"new.apkg": "collection.anki21b", "legacy.apkg": "collection.anki21", "all.colpkg": "collection.anki21b"}
    if export in inside:  # the zstd-compressed format and the older one are both read
        assert inside[export] in zipfile.ZipFile(studied / export).namelist()
    before = _listed(home, docs)
    assert {"world model", "evals", "deduplication", "harness", "agent", "scratchpad"} <= set(before)
    result = _run(home, "known", "import", str(studied / export), str(docs))
    assert result.exit_code == 0, result.output
    assert "4 learned (interval ≥ 21 days); matched 4 terms (2 by GUID, 2 by field text), 4 newly marked known" in (
        result.stdout
    )
    assert set(before) - set(_listed(home, docs)) == {"world model", "evals", "harness", "agent"}


def test_min_interval_and_field_choose_what_counts(studied: Path) -> None:
    docs, home = studied / "docs", studied / "home"
    result = _run(
        home, "known", "import", str(studied / "new.apkg"), str(docs), "--min-interval", "5", "--field", "Back"
    )
    assert "matched 4 terms (3 by GUID, 1 by field text)" in result.stdout  # only 智能体's Back, `agent`, is a term
    assert "deduplication" not in _listed(home, docs) and "harness" in _listed(home, docs)
    again = _run(home, "known", "import", str(studied / "new.apkg"), str(docs), "--min-interval", "5")
    assert again.stdout.rstrip().endswith("2 newly marked known")  # harness and scratchpad by any field
    one = _run(home, "known", "import", str(studied / "new.apkg"), str(docs), "--min-interval", "1")
    assert "(interval ≥ 1 day)" in one.stdout
    unstudied = _run(home, "known", "import", str(studied / "new.apkg"), str(docs), "--min-interval", "0")
    assert "6 learned (interval ≥ 0 days)" in unstudied.stdout  # cards never studied are not learned


def test_vocab_notes_match_by_guid_without_the_documents(studied: Path) -> None:
    home = studied / "home"
    result = _run(home, "known", "import", str(studied / "new.apkg"), str(studied / "empty-folder-that-is-absent"))
    assert "matched 2 terms (2 by GUID, 0 by field text)" in result.stdout
    assert sorted(_run(home, "known", "list").stdout.splitlines()) == ["evals", "world model"]


def test_an_unknown_field_is_a_usage_error(studied: Path) -> None:
    result = _run(studied / "home", "known", "import", str(studied / "new.apkg"), "--field", "Nope")
    assert result.exit_code == 2 and "no note in" in result.stderr and "'Nope'" in result.stderr


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        (
            "notes.txt",
            lambda p: p.write_text("hello", encoding="utf-8"),
            "not an Anki export (.apkg, .colpkg) or collection",
        ),
        ("photos.zip", lambda p: zipfile.ZipFile(p, "w").writestr("a.jpg", b"x"), "a zip file, but not an Anki export"),
        ("cut.apkg", None, "the Anki export is damaged"),
        ("missing.apkg", lambda p: None, "no such file"),
        (
            "empty.anki2",
            lambda p: __import__("sqlite3").connect(p).execute("CREATE TABLE t (x)"),
            "not an Anki collection",
        ),
    ],
)
def test_files_that_are_not_anki_exports_are_clear_errors(studied: Path, name: str, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = studied / name
    if make is None:
        data = (studied / "new.apkg").read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:
        make(path)
    result = _run(studied / "home", "known", "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (studied / "home").exists() or _run(studied / "home", "known", "list").stdout == ""


def test_the_collection_file_is_only_read(studied: Path) -> None:
    collection = studied / "collection.anki2"
    copy = studied / "copy.anki2"
    shutil.copy(collection, copy)
    before = copy.read_bytes()
    _run(studied / "home", "known", "import", str(copy), str(studied / "docs"))
    assert copy.read_bytes() == before


def test_an_acronym_terms_note_matches_by_guid_without_the_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note shows `airworthiness directive (AD)`, whose identity is airworthinessdirective: matched by the GUID of
    a term of the last build, not by the English it shows (new-user report 10, item 3)."""
    monkeypatch.chdir(tmp_path)  # the last build's glossaries/ and decks/ are the current folder's
    docs, home = tmp_path / "docs", tmp_path / "home"
    docs.mkdir()
    (docs / "hangar.md").write_text("每架飞机都要遵守适航指令（airworthiness directive，AD）。\n", encoding="utf-8")
    built = _run(home, "build", str(docs))
    assert built.exit_code == 0, built.output
    collection = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    try:
        _import(collection, tmp_path / "decks" / "vocab.apkg")
        _set_interval(collection, "", LEARNED)
    finally:
        collection.close()
    result = _run(home, "known", "import", str(tmp_path / "collection.anki2"), str(tmp_path / "absent"))
    assert "matched 1 term (1 by GUID, 0 by field text)" in result.stdout, result.output
    listed = _run(home, "list", str(docs), "--format", "jsonl", "--include-known")
    assert [json.loads(line)["en"] for line in listed.stdout.splitlines()] == ["airworthiness directive (AD)"]
    assert _run(home, "list", str(docs), "--format", "jsonl").stdout == ""  # known: left out
