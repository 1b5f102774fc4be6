"""Anki decks, verified in a real collection with the official `anki` package: notes, cards, tags,
decks, new-card order, escaping, and the update-in-place round trip that keeps review history."""

from __future__ import annotations

import contextlib
import html
import re
import shutil
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from vocab.cli import cli
from vocab.export.anki import MODEL_ID, MODEL_VERSION, deck_id, model_fingerprint

from .conftest import EXAMPLES

anki_collection = pytest.importorskip("anki.collection")
import_export = pytest.importorskip("anki.import_export_pb2")

# The note type's schema for MODEL_VERSION 1. If this test fails you changed fields, templates or
# styling: bump MODEL_VERSION and MODEL_ID in export/anki.py on purpose, then update this value.
FINGERPRINT_V1 = "1778a97bde336984"


def _export(docs: Path, out: Path, home: Path, *options: str) -> None:
    result = CliRunner().invoke(cli, ["deck", str(docs), "--out", str(out), *options], env={"VOCAB_HOME": str(home)})
    assert result.exit_code == 0, result.output


def _import(collection, package: Path):  # type: ignore[no-untyped-def]
    condition = import_export.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER
    request = anki_collection.ImportAnkiPackageRequest(
        package_path=str(package),
        options=anki_collection.ImportAnkiPackageOptions(update_notes=condition, update_notetypes=condition),
    )
    return collection.import_anki_package(request).log


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("gradient-hour-ep12.txt", "scaling-and-data-summary.md", "agents-talk.srt"):
        shutil.copy(EXAMPLES / name, docs / name)
    return tmp_path


@contextlib.contextmanager
def _imported(workspace: Path, package: Path):  # type: ignore[no-untyped-def]
    """A fresh collection in ``workspace`` with ``package`` imported; closed afterwards."""
    collection = anki_collection.Collection(str(workspace / "collection.anki2"))
    try:
        _import(collection, package)
        yield collection
    finally:
        collection.close()


def _terms_jsonl(docs: Path, home: Path) -> list[dict]:
    import json

    result = CliRunner().invoke(cli, ["list", str(docs), "--format", "jsonl"], env={"VOCAB_HOME": str(home)})
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_imported_deck_has_one_note_per_term_with_its_fields_tags_and_order(workspace: Path) -> None:
    docs, package = workspace / "docs", workspace / "vocab.apkg"
    _export(docs, package, workspace)
    terms = _terms_jsonl(docs, workspace)
    with _imported(workspace, package) as collection:
        assert len(terms) == collection.note_count()
        note = collection.get_note(collection.find_notes('"English:world models"')[0])
        assert note["Chinese"] == "世界模型" and note["Pinyin"] == "shì jiè mó xíng"
        assert "<b>world models(世界模型)</b>" in note["Context"]
        assert "<b>world models</b>" in note["ContextEn"] and "世界模型)" not in note["ContextEn"]
        # one English sentence with the term in bold; the whole cue folded under it
        assert note["Aligned"].startswith("We&#x27;re going to talk about <b>world models</b>, post-training, and")
        assert '<details class="more"><summary>more</summary>Welcome back to Gradient Hour.' in note["Aligned"]
        assert note["Speaker"] == "Speaker 1" and note["Timestamp"] == "00:00"
        assert note["Link"] == "https://www.youtube.com/watch?v=gH7x2Lk9QwE&amp;t=0s"
        assert note["Source"].startswith("Gradient Hour · Ep 12: ")
        assert {"vocab", "en_zh", "translation", "show::gradient-hour"} <= set(note.tags)
        assert all(" " not in tag for tag in note.tags)
        assert collection.card_count() == sum(1 + bool(t["zh"]) + 1 for t in terms)  # en-zh, zh-en, cloze
        names = {d.name for d in collection.decks.all_names_and_ids()}
        assert "vocab" in names
        new_cards = sorted(
            (collection.get_card(c) for c in collection.find_cards("is:new")), key=lambda c: (c.due, c.ord)
        )
        order = list(dict.fromkeys(card.note()["English"] for card in new_cards))
        assert order == [t["en"] for t in terms]  # new cards come in rank order


def test_fronts_never_show_their_answer(workspace: Path) -> None:
    docs, package = workspace / "docs", workspace / "vocab.apkg"
    _export(docs, package, workspace)
    with _imported(workspace, package) as collection:
        for card_id in collection.find_cards('"English:world models"'):
            card = collection.get_card(card_id)
            question = card.question().split("</style>")[-1]
            name = card.template()["name"]
            if name == "English → 中文":
                assert "world models" in question and "世界模型" not in question
            elif name == "中文 → English":
                assert "世界模型" in question and "world models" not in question.casefold()
            else:
                assert "世界模型" not in question and "world models" not in question.casefold() and "[…]" in question
            assert "世界模型" in card.answer() and "world models" in card.answer()
        for note_id in collection.find_notes(""):  # every note: the front contexts hide the other side
            note = collection.get_note(note_id)
            if note["Definition"]:
                assert note["Definition"] not in note["ContextEn"], note["ContextEn"]
            if note["Chinese"]:
                assert note["Chinese"] not in note["ContextEn"], note["ContextEn"]
                assert note["Chinese"] not in note["Aligned"], note["Aligned"]  # shown on the English front too
                english = rf"(?<![a-z0-9]){re.escape(html.unescape(note['English']).casefold())}(?![a-z0-9])"
                assert not re.search(english, html.unescape(note["ContextZh"]).casefold()), note["ContextZh"]


def test_card_types_and_split_into_subdecks(workspace: Path) -> None:
    docs, package = workspace / "docs", workspace / "vocab.apkg"
    _export(docs, package, workspace, "--cards", "en-zh", "--split", "document", "--deck", "AI")
    with _imported(workspace, package) as collection:
        assert collection.card_count() == collection.note_count()
        names = {d.name for d in collection.decks.all_names_and_ids()}
        assert "AI::Gradient Hour::Ep 12: Tomás Ruiz on World Models, Post-Training and the Price of Thinking" in names
        assert "AI::other::agents-talk" in names


def test_reexport_updates_in_place_and_keeps_review_history(workspace: Path) -> None:
    docs, package = workspace / "docs", workspace / "vocab.apkg"
    _export(docs, package, workspace)
    with _imported(workspace, package) as collection:
        notes = collection.note_count()
        card = collection.get_card(collection.find_cards('"English:world models" card:1')[0])
        card.start_timer()
        collection.sched.answerCard(card, 3)
        reviewed = collection.get_card(card.id)
        assert reviewed.reps == 1

        time.sleep(1.05)  # modification times have a one-second grain
        _export(docs, package, workspace)
        unchanged = _import(collection, package)
        assert (len(unchanged.new), len(unchanged.updated)) == (0, 0)  # nothing bumped

        transcript = docs / "gradient-hour-ep12.txt"
        text = transcript.read_text(encoding="utf-8")
        transcript.write_text(
            text.replace("world models(世界模型)", "world models(世界模型: 能预测环境的模型)", 1), "utf-8"
        )
        time.sleep(1.05)
        _export(docs, package, workspace)
        changed = _import(collection, package)
        assert len(changed.new) == 0 and len(changed.updated) >= 1
        assert collection.note_count() == notes  # no duplicate
        note = collection.get_note(collection.find_notes('"English:world models"')[0])
        assert note["Definition"] == "能预测环境的模型"
        after = collection.get_card(card.id)
        assert (after.reps, after.type, after.ivl) == (reviewed.reps, reviewed.type, reviewed.ivl)
        assert len(collection.card_stats_data(card.id).revlog) == 1


def test_fields_are_escaped_and_cannot_break_templates(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "x.txt").write_text(
        "他说 <script>alert(1)</script> 当 a<b && c>d 时 {{c1::坏}} [sound:x.mp3] 的 world models(世界模型) 很重要。\n",
        encoding="utf-8",
    )
    package = tmp_path / "x.apkg"
    _export(docs, package, tmp_path)
    with zipfile.ZipFile(package) as archive:
        archive.extract("collection.anki2", tmp_path)
    rows = sqlite3.connect(tmp_path / "collection.anki2").execute("select flds, guid from notes").fetchall()
    fields = rows[0][0].split("\x1f")
    joined = "\x1f".join(fields)
    assert "<script" not in joined and "a&lt;b &amp;&amp; c&gt;d" in fields[5]
    assert "{{" not in joined and "[sound:" not in joined and "c1::" not in joined


def test_ids_are_stable_across_builds_and_machines(workspace: Path) -> None:
    assert MODEL_VERSION == 1 and MODEL_ID == 1_607_392_319
    assert model_fingerprint() == FINGERPRINT_V1
    assert deck_id("vocab") == deck_id("vocab") == 176733664386342392  # a hash of the name, not a counter
    docs = workspace / "docs"
    guids = []
    for name in ("a.apkg", "b.apkg"):
        _export(docs, workspace / name, workspace / name)  # separate homes and sidecars: independent builds
        with zipfile.ZipFile(workspace / name) as archive:
            archive.extract("collection.anki2", workspace / name.replace(".apkg", ""))
        db = sqlite3.connect(workspace / name.replace(".apkg", "") / "collection.anki2")
        guids.append(db.execute("select guid from notes order by id").fetchall())
    assert guids[0] == guids[1]
    assert ("xhl-0WgXyv",) in guids[0]  # genanki.guid_for("vocab", "worldmodel"): the term's identity only
