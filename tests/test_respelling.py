"""A typo fixed in a document keeps the term's note and cards (new-user report 11, item 7)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from vocab import parse_document
from vocab.cli import cli
from vocab.extract import extract_glosses
from vocab.learner.respelling import respelled
from vocab.learner.store import MIGRATIONS, SCHEMA_VERSION, STORE_FILE, ReviewStore
from vocab.rank import rank_terms

TRANSCRIPT = (
    "[00:00:01] Lena: We use scaterometry to measure the grating.\n"
    "[00:00:01] 莉娜：我们用散射测量（scaterometry）来量测光栅。\n"
    "[00:00:09] Wei: And overlay too.\n"
    "[00:00:09] 伟：还有套刻（overlay）。\n"
)


def _terms(text: str):  # type: ignore[no-untyped-def]
    document = parse_document(text, "ep4.txt")
    return rank_terms(list(extract_glosses(document)), [document])


def _item(key: str, en: str, zh: str) -> dict:
    return {"key": key, "en": en, "zh": zh, "en_forms": [en], "zh_forms": [zh]}


def test_a_term_one_typo_apart_with_the_same_chinese_is_the_same_term() -> None:
    terms = _terms(TRANSCRIPT.replace("scaterometry", "scatterometry"))
    before = [_item("scaterometry", "scaterometry", "散射测量"), _item("overlay", "overlay", "套刻")]
    pairs = respelled(before, terms, {"scaterometry", "overlay"}.__contains__)  # what the learner made, by identity
    assert [(old, term.key) for old, term in pairs] == [("scaterometry", "scatterometry")]
    assert respelled(before, terms, lambda key: key == "overlay") == []  # nothing made under the old one: no matter


def test_other_chinese_a_number_or_a_short_word_is_another_term() -> None:
    terms = _terms("我们用散射测量（scatterometry）。\n还有 GPT-4（第四代模型）。\n以及路由器（router）。")
    before = [
        _item("scatterometri", "scatterometri", "椭偏测量"),  # another Chinese
        _item("gpt3", "GPT-3", "第四代模型"),  # a version is another thing
        _item("rooter", "rooter", "路由器"),  # six letters or fewer: one letter is another word
    ]
    assert respelled(before, terms, {"scatterometri", "gpt3", "rooter"}.__contains__) == []


def test_another_form_of_the_english_with_the_same_chinese_is_the_same_term() -> None:
    """Learner's trial 60: `焯水（blanching）` fixed to `焯水（blanch）` left the cards under `blanching` and made a
    second note; ranking merges the two forms when both are glossed, so a respelling pairs them too (an inflection,
    an acronym spelled out), and only with the same Chinese."""
    terms = _terms("先把排骨焯水（blanch）去血沫。\n再用强化学习（reinforcement learning）调参。\n")
    before = [_item("blanching", "blanching", "焯水"), _item("rl", "RL", "强化学习"), _item("tune", "tune", "调参")]
    pairs = respelled(before, terms, {"blanching", "rl", "tune"}.__contains__)
    assert sorted((old, term.key) for old, term in pairs) == [
        ("blanching", "blanch"),
        ("rl", "reinforcementlearning"),
    ]
    assert respelled([_item("blanching", "blanching", "汆烫")], terms, {"blanching"}.__contains__) == []


def _vocab(home: Path, *args: str, keys: str | None = None):  # type: ignore[no-untyped-def]
    env = {"VOCAB_HOME": str(home), "VOCAB_CACHE": str(home / "cache")}
    result = CliRunner().invoke(cli, list(args), input=keys, env=env)
    assert result.exit_code == 0, result.output
    return result


def _notes(sidecar: Path) -> dict[str, str]:
    """The deck's notes by GUID, with their English, as its sidecar records them."""
    state = json.loads(sidecar.read_text(encoding="utf-8"))
    return {guid: entry["en"] for guid, entry in state.items() if "en" in entry}


def test_fixing_a_typo_in_the_document_keeps_the_note_and_the_cards(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ep4.txt").write_text(TRANSCRIPT, encoding="utf-8")
    _vocab(tmp_path, "build", "docs")
    _vocab(tmp_path, "review", "docs", "--new", "1", "--direction", "zh-en", keys=" 3q")
    sidecar = tmp_path / "decks" / ".vocab.apkg.notes.json"
    notes = _notes(sidecar)

    (docs / "ep4.txt").write_text(TRANSCRIPT.replace("scaterometry", "scatterometry"), encoding="utf-8")
    rebuilt = _vocab(tmp_path, "build", "docs")
    assert "scaterometry is spelled scatterometry now (散射测量): its note and cards stay the term's" in rebuilt.stdout
    assert "new terms 0" in rebuilt.stdout
    after = _notes(sidecar)
    assert set(after) == set(notes) and sorted(after.values()) == ["overlay", "scatterometry"]  # the same notes
    listed = _vocab(tmp_path, "list", "docs", "--format", "jsonl").stdout.splitlines()
    assert {json.loads(line)["en"] for line in listed} == {"overlay", "scatterometry"}
    stats = json.loads(_vocab(tmp_path, "stats", "docs", "--format", "json").stdout)
    assert stats["learning"] == 1  # the card studied under the old spelling is the term's still


def test_a_typo_that_came_and_went_leaves_no_correction(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """New-user report 13: the build recorded `reproducibilty` as the term's spelling, and after the document was
    fixed the deck and the glossary kept the typo. The learner's own corrections of the term stay."""
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    right, typo = TRANSCRIPT.replace("scaterometry", "scatterometry"), TRANSCRIPT
    (docs / "ep4.txt").write_text(right, encoding="utf-8")
    _vocab(tmp_path, "build", "docs")
    _vocab(tmp_path, "edit", "scatterometry", "docs", "--definition", "用散射光测量")
    (docs / "ep4.txt").write_text(typo, encoding="utf-8")
    assert "scatterometry is spelled scaterometry now" in _vocab(tmp_path, "build", "docs").stdout
    (docs / "ep4.txt").write_text(right, encoding="utf-8")
    rebuilt = _vocab(tmp_path, "build", "docs").stdout
    assert "scatterometry is spelled so again (散射测量), not scaterometry" in rebuilt
    listed = [json.loads(line) for line in _vocab(tmp_path, "list", "docs", "--format", "jsonl").stdout.splitlines()]
    assert {(r["en"], r["definition"]) for r in listed} == {("scatterometry", "用散射光测量"), ("overlay", None)}
    assert sorted(_notes(tmp_path / "decks" / ".vocab.apkg.notes.json").values()) == ["overlay", "scatterometry"]
    assert "spelled" not in _vocab(tmp_path, "build", "docs").stdout  # said once


def test_a_respelling_the_learner_parted_stays_parted(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """New-user report 15: after `vocab edit KEY --reset` the next build said "nothing changed" (it had been
    remembered under the corrections from before the build recorded the respelling), and a later build recorded the
    respelling again. Parted, the misspelled term is a note of its own, build after build."""
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    right = TRANSCRIPT.replace("scaterometry", "optical scatterometry")
    (docs / "ep4.txt").write_text(right, encoding="utf-8")
    _vocab(tmp_path, "build", "docs")
    (docs / "ep4.txt").write_text(right.replace("scatterometry", "scaterometry"), encoding="utf-8")
    said = _vocab(tmp_path, "build", "docs").stdout
    assert "optical scatterometry is spelled optical scaterometry now (散射测量)" in said
    assert "(`vocab edit 'optical scatterometry' --reset` parts them)" in said
    _vocab(tmp_path, "edit", "optical scatterometry", "docs", "--reset")
    sidecar = tmp_path / "decks" / ".vocab.apkg.notes.json"
    for _ in range(2):
        rebuilt = _vocab(tmp_path, "build", "docs").stdout
        assert "up to date" not in rebuilt and "spelled" not in rebuilt
        assert sorted(_notes(sidecar).values()) == ["optical scaterometry", "overlay"]  # the old note left the deck
        (docs / "ep4.txt").write_text(right.replace("scatterometry", "scaterometry") + "\n", encoding="utf-8")


def test_a_store_an_older_vocab_made_is_upgraded_by_a_command_that_only_reads_it(tmp_path: Path) -> None:
    """The parted respellings came with a new schema: a build, which only reads the store, upgrades it rather than
    stop and ask the learner to run `vocab stats`."""
    with sqlite3.connect(tmp_path / STORE_FILE) as db:  # the store as the vocab before it left it: schema 2
        for migration in MIGRATIONS[:2]:
            for statement in migration:
                db.execute(statement)
        db.execute("INSERT INTO edits VALUES ('gpu', 'GPUs', NULL, NULL, '2026-01-01T00:00:00+00:00', NULL, NULL)")
        db.execute("PRAGMA user_version = 2")
    opened = ReviewStore.in_directory(tmp_path, create=False)
    assert opened is not None
    with opened:
        assert opened.parted() == set() and opened.edits()["gpu"].en == "GPUs"
    with sqlite3.connect(tmp_path / STORE_FILE) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
