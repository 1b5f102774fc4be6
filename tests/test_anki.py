"""Anki decks, verified in a real collection with the official `anki` package: notes, cards, tags,
decks, new-card order, escaping, the update-in-place round trip that keeps review history, and the
tags of terms marked known or ignored."""

from __future__ import annotations

import contextlib
import html
import json
import re
import shutil
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from vocab.cli import cli
from vocab.export import anki
from vocab.export.anki import MODEL_ID, MODEL_VERSION, deck_id, schema_fingerprint

from .conftest import EXAMPLES

anki_collection = pytest.importorskip("anki.collection")
import_export = pytest.importorskip("anki.import_export_pb2")

# The note type's schema for MODEL_VERSION 2: its field and template names, which Anki matches it by. If this
# test fails you renamed, added or removed one, and learners' collections would fork the note type and stop
# updating their notes, with or without a new MODEL_ID: plan that migration (a new MODEL_VERSION, and a README
# note to tick "Merge note types" on import, as test_a_version_1_collection_moves_to_version_2 does for 1 → 2),
# then update this value. Templates' text and CSS may change freely: test_changed_layout_reaches_a_collection_in_place.
SCHEMA_V2 = "0835558fde8cdcc5"
# A deck vocab wrote with version 1 of the note type (MODEL_ID 1607392319): `vocab deck
# examples/gradient-hour-ep12.txt --top 6`, at the commit before version 2.
DECK_V1 = Path(__file__).resolve().parent / "fixtures" / "deck-v1.apkg"


def _export(docs: Path, out: Path, home: Path, *options: str) -> None:
    result = CliRunner().invoke(cli, ["deck", str(docs), "--out", str(out), *options], env={"VOCAB_HOME": str(home)})
    assert result.exit_code == 0, result.output


def _vocab(home: Path, *args: str) -> None:
    result = CliRunner().invoke(cli, list(args), env={"VOCAB_HOME": str(home)})
    assert result.exit_code == 0, result.output


def _import(collection, package: Path, with_scheduling: bool = False, merge: bool = False):  # type: ignore[no-untyped-def]
    """Import as Anki's dialog does by default (update notes when newer, no learning progress; ``merge``: with
    "Merge note types" ticked)."""
    condition = import_export.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER
    options = anki_collection.ImportAnkiPackageOptions(
        update_notes=condition, update_notetypes=condition, with_scheduling=with_scheduling, merge_notetypes=merge
    )
    request = anki_collection.ImportAnkiPackageRequest(package_path=str(package), options=options)
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


def _notes_of(workspace: Path, files: dict[str, str], *options: str) -> dict[str, dict[str, str]]:
    """The fields of each note, by its English, of the deck made of ``files`` (name → text) with ``options``,
    imported into a fresh collection."""
    docs, package = workspace / "docs", workspace / "vocab.apkg"
    docs.mkdir()
    for name, text in files.items():
        (docs / name).write_text(text, encoding="utf-8")
    _export(docs, package, workspace, *options)
    with _imported(workspace, package) as collection:
        notes = (collection.get_note(note_id) for note_id in collection.find_notes(""))
        return {html.unescape(note["English"]): dict(note.items()) for note in notes}


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
        note = collection.get_note(collection.find_notes('"English:world model*"')[0])
        assert note["Chinese"] == "世界模型" and note["Pinyin"] == "shì jiè mó xíng"
        assert "<b>world models(世界模型)</b>" in note["Context"]
        assert "<b>world models</b>" in note["ContextEn"] and "世界模型)" not in note["ContextEn"]
        # one English sentence with the term in bold; the whole cue folded under it
        assert note["Aligned"].startswith("We're going to talk about <b>world models</b>, post-training, and")
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
        for card_id in collection.find_cards('"English:world model*"'):
            card = collection.get_card(card_id)
            question = card.question().split("</style>")[-1]
            name = card.template()["name"]
            if name == "English → 中文":
                assert "world models" in question and "世界模型" not in question
            elif name == "中文 → English":
                assert "世界模型" in question and "world models" not in question.casefold()
            else:
                assert "world models" not in question.casefold() and "[…]</span>(世界模型)" in question
            assert "世界模型" in card.answer() and "world models" in card.answer()
        for note_id in collection.find_notes(""):  # every note: the front contexts hide the other side
            note = collection.get_note(note_id)
            if note["Definition"] and not note["Chinese"]:  # the definition is the answer
                assert note["Definition"] not in note["ContextEn"], note["ContextEn"]
            if note["Chinese"]:
                assert note["Chinese"] not in note["ContextEn"], note["ContextEn"]
                assert note["Chinese"] not in note["Aligned"], note["Aligned"]  # shown on the English front too
                english = rf"(?<![a-z0-9]){re.escape(html.unescape(note['English']).casefold())}(?![a-z0-9])"
                assert not re.search(english, html.unescape(note["ContextZh"]).casefold()), note["ContextZh"]


def test_cloze_blanks_the_term_and_says_which_side(workspace: Path) -> None:
    docs, package = workspace / "docs", workspace / "vocab.apkg"
    _export(docs, package, workspace)
    with _imported(workspace, package) as collection:
        fronts = {}
        for card_id in collection.find_cards("card:Cloze"):
            card = collection.get_card(card_id)
            note, question = card.note(), card.question().split("</style>")[-1]
            fronts[html.unescape(note["English"])] = question
            english = "en_zh" in note.tags  # the sentence writes the English as its term
            assert re.findall(r'<div class="hint">(.*?)</div>', question) == [
                "Fill in the English" if english else "填中文"
            ]  # what to fill in, and no kind label
            assert question.count('<span class="gap">[…]</span>') == 1
            text = html.unescape(re.sub(r"<[^>]+>", "", question)).casefold()
            if english:
                assert not re.search(
                    rf"(?<![a-z0-9]){re.escape(html.unescape(note['English']).casefold())}(?![a-z0-9])", text
                )
            else:
                assert note["Chinese"] not in text
            assert note["English"] in card.answer() and note["Chinese"] in card.answer()
        # the earliest episode's sentence (the dated ones first, the undated talk after them)
        assert '比如 <span class="gap">[…]</span>(智能体)推了一下杯子' in fronts["agent"]
        assert '<span class="gap">[…]</span>(资源有限但执行力很强)的团队' in fronts["scrappy"]  # an explanation
        assert '“<span class="gap">[…]</span>（Reward Hacking）”（中文: […]: 指模型' in fronts["reward hacking"]


@pytest.mark.parametrize(
    ("cloze", "llms", "agent"),
    [
        ("english", ("Fill in the English", "不能脱离 […](大语言模型)"), ("Fill in the English", "的智能体（[…]）")),
        ("chinese", ("填中文", "不能脱离 LLMs([…])"), ("填中文", "做完的[…]（agent）")),
    ],
)
def test_a_cloze_can_blank_the_side_a_learner_learns(tmp_path: Path, cloze: str, llms: tuple, agent: tuple) -> None:
    """New-user report 12: an English speaker learning Chinese met clozes that blanked the English of
    `LLMs(大语言模型)`. `--cloze english|chinese` blanks that side wherever it stands, the other side the hint."""
    text = "不能脱离 LLMs(大语言模型)谈方向。\n真正能把任务做完的智能体（agent）还很少。\n"
    notes = _notes_of(tmp_path, {"talk.md": text}, "--cloze", cloze)
    for english, (ask, front) in (("LLMs", llms), ("agent", agent)):
        shown = html.unescape(notes[english]["ContextCloze"].replace('<span class="gap">[…]</span>', "[…]"))
        assert f'<div class="hint">{ask}</div>' in shown and front in shown


def test_a_cloze_that_asks_for_the_english_hides_it_in_the_brackets_hint(tmp_path: Path) -> None:
    """Learner's trial 63: `MFU（模型算力利用率，model FLOPs utilization）` blanked MFU and kept the bracket as the
    hint, the answer's expansion in it. Asked for the English, the hint keeps the Chinese alone; asked for the
    Chinese, the bracket's Chinese is the blank and its English stays."""
    text = "我们称之为利用率，也就是 MFU（模型算力利用率，model FLOPs utilization）。\n"
    for cloze, ask, shown, hidden in (
        ("english", "Fill in the English", "（模型算力利用率，[…]）", "model FLOPs"),
        ("chinese", "填中文", "MFU（[…]，model FLOPs utilization）", "模型算力利用率"),
    ):
        (tmp_path / cloze).mkdir()
        notes = _notes_of(tmp_path / cloze, {"talk.md": text}, "--cloze", cloze)
        front = html.unescape(notes["model FLOPs utilization (MFU)"]["ContextCloze"])
        front = front.replace('<span class="gap">[…]</span>', "[…]")
        assert ask in front and shown in front and hidden not in front, front


def test_a_word_list_line_without_brackets_is_no_sentence_on_a_front(tmp_path: Path) -> None:
    """Learner's trial 63: a hand-made list's `光罩 = photomask` made the English → 中文 front `photomask = photomask`
    and a cloze `[…]（photomask）= photomask`: the line says the term and its translation and nothing else, so the
    fronts show the term alone and there is no cloze; the back keeps the line."""
    note = _notes_of(tmp_path, {"list.txt": "My list\n\n光罩 = photomask\n良率 — yield\n"})["photomask"]
    assert note["ContextEn"] == "" and note["ContextCloze"] == "" and note["CardCloze"] == ""
    assert "光罩 = photomask" in html.unescape(note["Context"])


def test_a_word_lists_pinyin_and_example_give_no_answer_away(tmp_path: Path) -> None:
    """Learner's trial 60: a study note `- 背锅 (bēiguō, to take the blame): 例句` showed the pinyin on the fronts
    that ask for the Chinese, and its example sentence, which uses the word, was the card's definition too."""
    text = "- 背锅 (bēiguō, to take the blame): 项目延期了，最后还是我来背锅。\n"
    text += "- 摸鱼 (mō yú, to slack off): 别在工位上摸鱼了。\n"
    notes = _notes_of(tmp_path, {"words.md": text}, "--cloze", "chinese")
    for english, pinyin in (("to take the blame", ("bēiguō", "bēi guō")), ("to slack off", ("mō yú", "mōyú"))):
        note = notes[english]
        for front in ("ContextCloze", "ContextEn"):
            assert "[…]" in note[front] and not any(p in html.unescape(note[front]) for p in pinyin), note[front]
        assert note["Definition"] == ""  # the example is the sentence, not what the word means
    assert "bēiguō" in notes["to take the blame"]["Context"]  # the back shows the line as written


def test_a_deck_keeps_the_side_its_clozes_blank_and_says_when_it_changes(tmp_path: Path) -> None:
    """New-user report 16 and learner's trial 59: an export without `--cloze chinese` (or `english`) turned a learner's
    clozes back to the other side (a re-import updates the notes in place). The deck keeps the side it was given;
    another given says so."""
    docs, package = tmp_path / "docs", tmp_path / "vocab.apkg"
    docs.mkdir()
    (docs / "talk.md").write_text("不能脱离 LLMs(大语言模型)谈方向。\n", encoding="utf-8")

    def export(*options: str) -> str:
        result = CliRunner().invoke(
            cli, ["deck", str(docs), "--out", str(package), *options], env={"VOCAB_HOME": str(tmp_path)}
        )
        assert result.exit_code == 0, result.output
        return result.output

    def blanked() -> str:
        with zipfile.ZipFile(package) as archive, contextlib.closing(sqlite3.connect(":memory:")) as db:
            db.deserialize(archive.read("collection.anki2"))
            (fields,) = db.execute("SELECT flds FROM notes").fetchone()
        return "填中文" if "填中文" in fields else "Fill in the English"

    assert "cloze" not in export("--cloze", "chinese")
    assert "cloze" not in export("--cloze", "chinese")  # the same: nothing to say
    assert "cloze" not in export() and blanked() == "填中文"  # not given: the deck's own
    said = export("--cloze", "term")
    assert "cloze cards are --cloze term now: the last export of this deck had --cloze chinese" in said
    assert "cloze" not in export() and blanked() == "Fill in the English"  # `LLMs` is the term the sentence writes


def test_a_term_written_with_quotes_inside_gets_its_contexts(tmp_path: Path) -> None:
    """`即“冷通道”隔离规则（cold aisle containment rule）`: the term is 冷通道隔离规则, which the sentence writes with
    quote marks inside; its cards still show the sentence, the English front hides the Chinese and the cloze blanks
    the whole term before its bracket."""
    docs, package = tmp_path / "docs", tmp_path / "vocab.apkg"
    docs.mkdir()
    (docs / "rules.md").write_text("机房里有一条“冷通道”隔离规则（cold aisle containment rule），大家都守着。\n")
    _export(docs, package, tmp_path)
    with _imported(tmp_path, package) as collection:
        note = collection.get_note(collection.find_notes('"English:cold aisle containment rule"')[0])
        assert note["Chinese"] == "冷通道隔离规则"
        assert "<b>cold aisle containment rule</b>" in note["ContextEn"] and "隔离规则" not in note["ContextEn"]
        assert "<b>冷通道隔离规则</b>" in note["ContextZh"] and "cold aisle" not in note["ContextZh"]
        assert "<b>“冷通道”隔离规则（cold aisle containment rule）</b>" in note["Context"]  # its quotes go with it
        assert "“<b>" not in note["ContextEn"] + note["ContextZh"]
        assert '<span class="gap">[…]</span>（cold aisle containment rule）' in note["ContextCloze"]
        assert "隔离" not in note["ContextCloze"]


def test_a_term_with_an_apostrophe_is_found_by_a_field_search(tmp_path: Path) -> None:
    """A learner's report: `"English:gambler's fallacy"` found no note in Anki's browser, the field stored as
    `gambler&#x27;s fallacy`."""
    docs, package = tmp_path / "docs", tmp_path / "vocab.apkg"
    docs.mkdir()
    (docs / "bias.md").write_text("这叫赌徒谬误（gambler's fallacy）。\n", encoding="utf-8")
    _export(docs, package, tmp_path)
    with _imported(tmp_path, package) as collection:
        found = collection.find_notes('"English:gambler\'s fallacy"')
        assert len(found) == 1 and collection.get_note(found[0])["English"] == "gambler's fallacy"


def test_a_quoted_term_is_bold_with_both_its_quote_marks(tmp_path: Path) -> None:
    """New-user report 13: the back showed `别被 "<b>normalization"(标准化)</b>`, bold from inside the quotes."""
    text = '别被 "normalization"(标准化)这个词吓到，也别怕“数据飞轮”（data flywheel）。\n'
    notes = _notes_of(tmp_path, {"talk.md": text})
    quoted = (("normalization", '"normalization"(标准化)'), ("data flywheel", "“数据飞轮”（data flywheel）"))
    for english, bold in quoted:
        assert f"<b>{html.escape(bold, quote=True)}</b>" in notes[english]["Context"]


def test_the_english_front_shows_a_definition_beside_its_term_and_hides_one_that_is_the_answer(
    tmp_path: Path,
) -> None:
    """New-user report 18: `**摇蜜机**（Honey Extractor）：一种…` showed `[…]：[…]` on the English front, the definition
    hidden with the Chinese. Beside a Chinese term the definition is the context a front needs; a gloss with no
    Chinese term (`grit(咬牙坚持下去的韧劲)`) has its explanation for the answer, and it stays hidden."""
    text = (
        "- **分蜂热**（swarming fever）：蜂群准备分家时的躁动状态，蜂王停产。\n"
        "老蜂农说，养蜂靠的是 grit(咬牙坚持下去的韧劲)，咬牙坚持下去的韧劲谁都缺不了。\n"
    )
    notes = _notes_of(tmp_path, {"bees.md": text})
    front = notes["swarming fever"]["ContextEn"]
    assert "<b>swarming fever</b>：蜂群准备分家时的躁动状态" in front and "分蜂热" not in front
    assert "咬牙坚持" not in notes["grit"]["ContextEn"], notes["grit"]["ContextEn"]


def test_a_heading_term_has_its_three_cards_from_the_sentence_under_it(tmp_path: Path) -> None:
    """New-user report 19: a term glossed in a heading took the sentence under it that says it, but without a bracket
    there its fronts were bare (`mash` / `糖化 táng huà`) and it had no cloze. The term in that sentence is shown,
    hidden and blanked as a glossed one is, its other side standing as the cloze's hint."""
    notes = _notes_of(tmp_path, {"brew.md": "## 发酵（Fermentation）\n\n发酵要在恒温下进行。\n"})
    note = notes["fermentation"]
    assert note["ContextEn"] == "<b>Fermentation</b> 要在恒温下进行。"
    assert note["ContextZh"] == "<b>发酵</b>要在恒温下进行。"
    assert note["ContextCloze"].endswith('<span class="gap">[…]</span>（Fermentation）要在恒温下进行。</div>')


def test_a_note_whose_sentence_lacks_the_side_to_blank_asks_for_no_cloze(tmp_path: Path) -> None:
    """A heading's term whose sentence says only its English (`## … 黑话 (hēihuà, jargon)` over `the jargon gets
    thick`): the cloze would blank 黑话, which the sentence lacks. The note said CardCloze all the same, and Anki
    left the card out without a word (a learner counted one card short)."""
    text = "# Words\n\n## Meeting words, or 黑话 (hēihuà, jargon)\n\nMeetings are where the jargon gets thick.\n"
    note = _notes_of(tmp_path, {"words.md": text})["jargon"]
    assert note["ContextCloze"] == "" and note["CardCloze"] == ""
    assert note["CardEnZh"] == "y"


def test_a_term_that_ends_an_earlier_term_is_shown_where_it_is_glossed(tmp_path: Path) -> None:
    """星团 is glossed after 普通的, but it also ends 疏散星团, glossed before it: its cards bold, hide and blank the
    星团 before its own bracket, and pair it with its own English."""
    docs, package = tmp_path / "docs", tmp_path / "vocab.apkg"
    docs.mkdir()
    (docs / "sky.md").write_text("我们看了疏散星团（open cluster）和一个普通的星团（star cluster）。\n")
    _export(docs, package, tmp_path)
    with _imported(tmp_path, package) as collection:
        note = collection.get_note(collection.find_notes('"English:star cluster"')[0])
        assert note["Chinese"] == "星团"
        assert "疏散星团（open cluster）和一个普通的<b>星团（star cluster）</b>" in note["Context"]
        assert "疏散星团（open cluster）和一个普通的<b>星团</b>。" in note["ContextZh"]
        assert '疏散[…]（open cluster）和一个普通的<span class="gap">[…]</span>（star cluster）' in note["ContextCloze"]
    home = {"VOCAB_HOME": str(tmp_path)}
    glossary = CliRunner().invoke(cli, ["glossary", str(docs / "sky.md"), "--out", "-"], env=home)
    row = next(line for line in glossary.stdout.splitlines() if "| star cluster |" in line)
    assert "疏散星团（open cluster）和一个普通的**星团**（**star cluster**）" in row


def test_the_chinese_on_a_card_is_written_as_its_sentence_writes_it(tmp_path: Path) -> None:
    """A term read in Traditional twice and in Simplified once is listed as 紅移, and its card takes a sentence that
    writes 紅移 (new-user report 14), not the Simplified one whose path comes first: no Traditional headword over a
    Simplified sentence."""
    files = {
        "a-simp.md": "哈勃发现了红移（redshift）。\n",
        "b-trad.md": "紅移（redshift）很重要。遠處星系的紅移（redshift）更大。\n",
    }
    note = _notes_of(tmp_path, files)["redshift"]
    assert note["Chinese"] == "紅移" and "紅移" in note["ContextZh"] and "哈勃" not in note["ContextZh"]


def test_a_term_with_two_chinese_words_shows_both(tmp_path: Path) -> None:
    """New-user report 13: 归一化 in the notes and 标准化 in the podcast, both `normalization`; the card showed one."""
    files = {
        "a-notes.md": "先做归一化（normalization）。\n",
        "b-talk.md": "标准化（normalization）之后，看标准化（normalization）。\n",
    }
    note = _notes_of(tmp_path, files)["normalization"]
    assert (note["Chinese"], note["Pinyin"]) == ("标准化; 归一化", "biāo zhǔn huà; guī yī huà")
    listed = CliRunner().invoke(cli, ["list", str(tmp_path / "docs")], env={"VOCAB_HOME": str(tmp_path)}).output
    assert "标准化; 归一化" in listed and "biāo zhǔn huà; guī yī huà" in listed
    as_jsonl = ["list", str(tmp_path / "docs"), "--format", "jsonl"]  # new-user report 16: a script saw one word only
    row = json.loads(CliRunner().invoke(cli, as_jsonl, env={"VOCAB_HOME": str(tmp_path)}).output)
    assert (row["zh"], row["other_zh"]) == ("标准化", ["归一化"])


def test_an_english_lines_gloss_asks_its_chinese_in_the_chinese_line_beside_it(tmp_path: Path) -> None:
    """Learner's trial 57: `Many services run as mini programs (小程序)…` made the 中文 → English front an English
    sentence with the Chinese put in; the cue's Chinese line says the term, and the front reads it there."""
    subtitles = (
        "1\n00:00:01,000 --> 00:00:04,000\nMany services run as mini programs (小程序) inside the app.\n"
        "很多服务以小程序的形式运行在应用里。\n"
    )
    note = _notes_of(tmp_path, {"talk.srt": subtitles})["mini programs"]
    assert "很多服务以<b>小程序</b>的形式运行在应用里。" in note["ContextZh"]
    assert "mini programs" not in note["ContextZh"] and "Many services" not in note["ContextZh"]


def test_one_chinese_glossed_as_a_compound_and_with_of_is_one_note(tmp_path: Path) -> None:
    """Learner's trial 57: 火候 glossed `heat control` and `control of heat` was two notes, and each front's "also:"
    gave the other's English away."""
    files = {"a.md": "火候（heat control）很重要。\n", "b.md": "火候（control of heat）要掌握好。\n"}
    notes = _notes_of(tmp_path, files)
    assert len(notes) == 1 and "also:" not in next(iter(notes.values()))["ContextZh"]


def test_card_types_and_split_into_subdecks(workspace: Path) -> None:
    docs, package = workspace / "docs", workspace / "vocab.apkg"
    _export(docs, package, workspace, "--cards", "en-zh", "--split", "document", "--deck", "AI")
    with _imported(workspace, package) as collection:
        assert collection.card_count() == collection.note_count()
        names = {d.name for d in collection.decks.all_names_and_ids()}
        assert "AI::Gradient Hour::Ep 12: Tomás Ruiz on World Models, Post-Training and the Price of Thinking" in names
        assert "AI::other::agents-talk" in names


def _answer_world_models(collection):  # type: ignore[no-untyped-def]
    """Answer the English → 中文 card of `world models` once (good): the card, and the card as answered."""
    card = collection.get_card(collection.find_cards('"English:world model*" card:1')[0])
    card.start_timer()
    collection.sched.answerCard(card, 3)
    return card, collection.get_card(card.id)


def test_reexport_updates_in_place_and_keeps_review_history(workspace: Path) -> None:
    docs, package = workspace / "docs", workspace / "vocab.apkg"
    _export(docs, package, workspace)
    with _imported(workspace, package) as collection:
        notes = collection.note_count()
        card, reviewed = _answer_world_models(collection)
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
        note = collection.get_note(collection.find_notes('"English:world model*"')[0])
        assert note["Definition"] == "能预测环境的模型"
        after = collection.get_card(card.id)
        assert (after.reps, after.type, after.ivl) == (reviewed.reps, reviewed.type, reviewed.ivl)
        assert len(collection.card_stats_data(card.id).revlog) == 1


def test_a_new_episode_that_moves_ranks_leaves_the_learners_own_tags_and_edits(workspace: Path) -> None:
    """New-user report 11: a note whose rank moved was newer to Anki, which replaced it whole on import, the
    learner's tag and edited field with it; 55 notes of 139 after one episode with one new term."""
    docs, package = workspace / "docs", workspace / "vocab.apkg"
    _export(docs, package, workspace)
    with _imported(workspace, package) as collection:
        nid = collection.find_notes('"English:world model*"')[0]
        note = collection.get_note(nid)
        rank_before = note["Rank"]
        note.tags.append("mine")
        note["Definition"] = "my own words"
        collection.update_note(note)

        (docs / "ep99-kernels.md").write_text(
            "# Kernels\n\n"
            + "融合内核（fused kernel）很快。融合内核省带宽。融合内核少读写。\n\n" * 6
            + "算子融合（operator fusion）也一样。算子融合靠编译器。\n\n" * 6,
            encoding="utf-8",
        )
        time.sleep(1.05)  # modification times have a one-second grain
        _export(docs, package, workspace)
        ranks = {t["en"]: t["rank"] for t in _terms_jsonl(docs, workspace)}
        assert str(ranks["world model"]) != rank_before  # the new terms rank above it
        log = _import(collection, package)
        assert len(log.new) == 2
        assert len(log.updated) == 0  # ranks moved, nothing a note teaches did
        kept = collection.get_note(nid)
        assert "mine" in kept.tags and kept["Definition"] == "my own words"


def test_a_renamed_file_leaves_its_notes_and_the_learners_tags_as_they_were(tmp_path: Path) -> None:
    """Learner's trial 60: renaming `hongshao.srt` (no title inside) to `hongshaorou.srt` changed the Source and the
    episode tag of its notes, so the export called them changed and the import took the learner's tag from them."""
    docs, package = tmp_path / "docs", tmp_path / "vocab.apkg"
    docs.mkdir()
    cues = "1\n00:00:01,000 --> 00:00:04,000\n先把五花肉焯水（blanch），去掉血沫。\n\n"
    cues += "2\n00:00:05,000 --> 00:00:08,000\n再加生抽（light soy sauce）调味。\n"
    (docs / "hongshao.srt").write_text(cues, encoding="utf-8")
    _export(docs, package, tmp_path)
    with _imported(tmp_path, package) as collection:
        nid = collection.find_notes('"English:blanch"')[0]
        note = collection.get_note(nid)
        assert note["Source"] == "hongshao" and "episode::hongshao" in note.tags
        note.tags.append("mine")
        collection.update_note(note)
        (docs / "hongshao.srt").rename(docs / "hongshaorou.srt")
        time.sleep(1.05)  # modification times have a one-second grain
        result = CliRunner().invoke(cli, ["deck", str(docs), "--out", str(package)], env={"VOCAB_HOME": str(tmp_path)})
        assert result.exit_code == 0 and "changed" not in result.output
        log = _import(collection, package)
        assert (len(log.new), len(log.updated)) == (0, 0)
        assert "mine" in collection.get_note(nid).tags
        (docs / "hongshaorou.srt").write_text(cues.replace("去掉血沫", "去掉浮沫"), encoding="utf-8")
        time.sleep(1.05)
        _export(docs, package, tmp_path)  # a sentence changed: the note is newer, with the file's name now
        assert len(_import(collection, package).updated) == 1
        assert collection.get_note(nid)["Source"] == "hongshaorou"


@pytest.mark.parametrize("sentences", [4, 1], ids=["contexts-full", "room-for-more"])
def test_a_new_episode_that_glosses_a_term_again_leaves_its_note_and_the_learners_tags(
    tmp_path: Path, sentences: int
) -> None:
    """Learner's trial 61: each week's episode glossed last week's terms again; only the count and a new episode tag
    differed, yet the notes were newer, so the import replaced them whole, a student's tag and note with them.
    Learner's trial 62: a note with room for more contexts got the new sentence among them, and was newer too. The
    card's own sentence is what it teaches; a further one comes with the note's next real change."""
    docs, package = tmp_path / "docs", tmp_path / "vocab.apkg"
    docs.mkdir()
    said = [("", "決定排序"), ("好的", "很短"), ("這個", "很慢"), ("那個", "很穩")][:sentences]
    week1 = "".join(f"{before}演算法（algorithm）{after}。\n\n" for before, after in said)
    (docs / "week1.md").write_text("# 第一週\n\n" + week1, encoding="utf-8")  # the card's sentence (and three more)
    _export(docs, package, tmp_path)
    with _imported(tmp_path, package) as collection:
        nid = collection.find_notes('"English:algorithm"')[0]
        note = collection.get_note(nid)
        note.tags.append("my_mnemonic")
        note["Definition"] = "a recipe"
        collection.update_note(note)
        (docs / "week2.md").write_text("# 第二週\n\n今天複習演算法（algorithm）。\n", encoding="utf-8")
        time.sleep(1.05)  # modification times have a one-second grain
        result = CliRunner().invoke(cli, ["deck", str(docs), "--out", str(package)], env={"VOCAB_HOME": str(tmp_path)})
        assert result.exit_code == 0 and "changed" not in result.output
        assert (len(_import(collection, package).updated), collection.note_count()) == (0, 1)
        kept = collection.get_note(nid)
        assert "my_mnemonic" in kept.tags and kept["Definition"] == "a recipe"


def test_a_deck_from_before_episode_tags_left_the_digest_takes_the_new_form_on_its_next_export(tmp_path: Path) -> None:
    """A sidecar whose digests still hold the episode tags (written before they left them) is made anew on the next
    export, while each note's tags are those it was made from: a later episode that glosses a term again then leaves
    its note as it was, as in a deck written since."""
    docs, package = tmp_path / "docs", tmp_path / "vocab.apkg"
    docs.mkdir()
    said = [("", "決定排序"), ("好的", "很短"), ("這個", "很慢"), ("那個", "很穩")]
    week1 = "".join(f"{before}演算法（algorithm）{after}。\n\n" for before, after in said)
    (docs / "week1.md").write_text("# 第一週\n\n" + week1, encoding="utf-8")
    _export(docs, package, tmp_path)
    sidecar = anki.deck_state_path(package)
    state = json.loads(sidecar.read_text(encoding="utf-8"))
    with zipfile.ZipFile(package) as archive, tempfile.TemporaryDirectory() as folder:
        collection = Path(archive.extract("collection.anki2", folder))
        with contextlib.closing(sqlite3.connect(collection)) as db:
            for guid, fields, tags in db.execute("SELECT guid, flds, tags FROM notes"):
                older = anki._content_digest(fields.split("\x1f"), tags.split(), anki.model_fingerprint(), form=1)
                state[guid] = {key: value for key, value in state[guid].items() if key != "form"} | {"hash": older}
    sidecar.write_text(json.dumps(state), encoding="utf-8")
    _export(docs, package, tmp_path)  # nothing new: the digests take the new form
    mods = {
        guid: entry["mod"] for guid, entry in json.loads(sidecar.read_text(encoding="utf-8")).items() if "mod" in entry
    }
    (docs / "week2.md").write_text("# 第二週\n\n今天複習演算法（algorithm）。\n", encoding="utf-8")
    time.sleep(1.05)  # modification times have a one-second grain
    result = CliRunner().invoke(cli, ["deck", str(docs), "--out", str(package)], env={"VOCAB_HOME": str(tmp_path)})
    assert result.exit_code == 0 and "changed" not in result.output
    after = json.loads(sidecar.read_text(encoding="utf-8"))
    assert {guid: after[guid]["mod"] for guid in mods} == mods


def test_an_acronym_spelled_out_in_a_later_episode_keeps_its_note_and_history(tmp_path: Path) -> None:
    """`EDR(…)` glossed first, its expansion in a later episode: the merged term is the note the learner studies."""
    docs, package = tmp_path / "docs", tmp_path / "vocab.apkg"
    docs.mkdir()
    (docs / "ep1.txt").write_text("我们的 EDR(终端检测与响应)报警了。\n", encoding="utf-8")
    _export(docs, package, tmp_path)
    with _imported(tmp_path, package) as collection:
        card = collection.get_card(collection.find_cards('"English:EDR" card:1')[0])
        card.start_timer()
        collection.sched.answerCard(card, 3)
        spelled_out = "我们部署了终端检测与响应（endpoint detection and response，EDR）。\n"
        (docs / "ep2.txt").write_text(spelled_out, encoding="utf-8")
        time.sleep(1.05)  # modification times have a one-second grain
        _export(docs, package, tmp_path)
        log = _import(collection, package)
        assert (len(log.new), len(log.updated), collection.note_count()) == (0, 1, 1)
        note = collection.get_note(collection.get_card(card.id).nid)
        assert note["English"] == "endpoint detection and response (EDR)"
        assert collection.get_card(card.id).reps == 1


@pytest.mark.parametrize("merge", [True, False], ids=["merge note types", "default import"])
def test_a_version_1_collection_moves_to_version_2(workspace: Path, merge: bool) -> None:
    """With "Merge note types" ticked, one import moves a version 1 collection's notes to version 2, cards and
    history kept; without it Anki updates none of them (it reports them as conflicting) and loses nothing."""
    docs = workspace / "v1"
    docs.mkdir()
    shutil.copy(EXAMPLES / "gradient-hour-ep12.txt", docs)
    package = workspace / "vocab.apkg"
    with _imported(workspace, DECK_V1) as collection:
        (old_type,) = {collection.get_note(n).note_type()["id"] for n in collection.find_notes("")}
        assert old_type == 1_607_392_319
        card, reviewed = _answer_world_models(collection)
        old_ids = collection.find_notes("")
        cards = collection.card_count()

        _export(docs, package, workspace)  # every term of the episode: the version 1 deck's six among them
        log = _import(collection, package, merge=merge)
        assert len(old_ids) == 6 and collection.note_count() == 6 + len(log.new)  # no old note twice
        notes = [collection.get_note(n) for n in old_ids]
        after = collection.get_card(card.id)
        history = (after.reps, after.ivl, len(collection.card_stats_data(card.id).revlog))
        assert history == (reviewed.reps, reviewed.ivl, 1)
        if merge:
            assert len(log.updated) == 6 and not log.conflicting
            assert {n.note_type()["id"] for n in notes} == {MODEL_ID}
            names = {m.name for m in collection.models.all_names_and_ids()}
            assert "vocab term (v2)" in names and "vocab term (v1)" not in names  # merged, not left beside it
            kept = collection.find_cards("nid:" + ",".join(map(str, old_ids)))
            assert len(kept) == cards and "Sound" in notes[0]
        else:
            assert len(log.conflicting) == 6 and not log.updated
            assert {n.note_type()["id"] for n in notes} == {old_type}


def test_marked_term_keeps_its_note_tagged_and_its_review_history(workspace: Path) -> None:
    docs, package = workspace / "docs", workspace / "vocab.apkg"
    _export(docs, package, workspace)
    with _imported(workspace, package) as collection:
        notes = collection.note_count()
        card, reviewed = _answer_world_models(collection)
        history = (reviewed.reps, reviewed.type, reviewed.ivl, reviewed.due)
        tags = set(collection.get_note(card.nid).tags)

        _vocab(workspace, "known", "ignore", "world models")
        time.sleep(1.05)  # modification times have a one-second grain
        _export(docs, package, workspace)
        log = _import(collection, package)
        assert (len(log.new), len(log.updated)) == (0, 1)  # only the marked note is newer
        assert set(collection.get_note(card.nid).tags) == tags | {"vocab::ignored"}
        assert collection.note_count() == notes
        after = collection.get_card(card.id)
        # Anki's importer keeps existing cards as they are: not suspended, not rescheduled
        assert (after.reps, after.type, after.ivl, after.due, after.queue) == (*history, reviewed.queue)
        # so the README's search suspends them
        marked = collection.find_cards("tag:vocab::known OR tag:vocab::ignored")
        assert set(marked) == set(collection.get_note(card.nid).card_ids())
        collection.sched.suspend_cards(marked)

        _vocab(workspace, "known", "remove", "world models")
        time.sleep(1.05)
        _vocab(workspace, "build", str(docs), "--out", str(workspace / "glossaries"), "--deck-out", str(package))
        log = _import(collection, package)
        assert (len(log.new), len(log.updated)) == (0, 1)
        assert set(collection.get_note(card.nid).tags) == tags
        after = collection.get_card(card.id)
        assert (after.reps, after.type, after.ivl, after.due) == history
        assert len(collection.card_stats_data(card.id).revlog) == 1
        # cards stay suspended through a re-import too; the README's search finds them to unsuspend
        unmarked = collection.find_cards("tag:vocab is:suspended -tag:vocab::known -tag:vocab::ignored")
        assert set(unmarked) == set(marked)


def test_marked_terms_never_exported_stay_out_and_new_notes_come_suspended(workspace: Path) -> None:
    from anki.consts import QUEUE_TYPE_NEW, QUEUE_TYPE_SUSPENDED

    docs, package = workspace / "docs", workspace / "vocab.apkg"
    _vocab(workspace / "home", "known", "add", "world models")
    _export(docs, workspace / "first.apkg", workspace / "home")  # known before it was ever exported
    with _imported(workspace, workspace / "first.apkg") as collection:
        assert not collection.find_notes('"English:world model*"')
        assert len(_terms_jsonl(docs, workspace / "home")) == collection.note_count()

    _export(docs, package, workspace)
    _vocab(workspace, "known", "add", "world models")
    _export(docs, package, workspace)  # exported before, so kept, tagged, its cards suspended
    for with_scheduling, queue in ((False, QUEUE_TYPE_NEW), (True, QUEUE_TYPE_SUSPENDED)):
        collection = anki_collection.Collection(str(workspace / f"fresh-{with_scheduling}.anki2"))
        try:
            _import(collection, package, with_scheduling)
            note = collection.get_note(collection.find_notes('"English:world model*"')[0])
            assert "vocab::known" in note.tags
            assert {card.queue for card in note.cards()} == {queue}  # suspended only when scheduling is imported
            others = collection.find_cards('-"English:world model*"')
            assert {collection.get_card(c).queue for c in others} == {QUEUE_TYPE_NEW}
        finally:
            collection.close()


def test_a_term_marked_after_an_export_of_other_documents_still_gets_its_tag(workspace: Path) -> None:
    """An export of one episode into the same file leaves the other notes out of the deck, not out of the learner's
    collection: marked known later, such a note comes back tagged when an export has its term again."""
    docs, package = workspace / "docs", workspace / "vocab.apkg"
    _export(docs, package, workspace)
    _export(docs / "agents-talk.srt", package, workspace)  # world models is not said there
    _vocab(workspace, "known", "add", "world models")
    _export(docs, package, workspace)
    with _imported(workspace, package) as collection:
        note = collection.get_note(collection.find_notes('"English:world model*"')[0])
        assert "vocab::known" in note.tags


def test_a_notes_own_tag_goes_with_its_update_and_a_cards_flag_stays(workspace: Path) -> None:
    """What the README tells a learner who marks notes in Anki (learner's trial 58 #4): an import that updates a note,
    here because vocab tagged it known, gives it the deck's tags; a card's flag, which no import touches, stays."""
    docs, package = workspace / "docs", workspace / "vocab.apkg"
    _export(docs, package, workspace)
    with _imported(workspace, package) as collection:
        note = collection.get_note(collection.find_notes('"English:world model*"')[0])
        note.tags.append("mine")
        collection.update_note(note)
        card = note.cards()[0]
        collection.set_user_flag_for_cards(3, [card.id])
        time.sleep(1.05)
        _vocab(workspace, "known", "add", "world models")
        _export(docs, package, workspace)
        _import(collection, package)
        note = collection.get_note(note.id)
        assert "vocab::known" in note.tags and "mine" not in note.tags
        assert collection.get_card(card.id).user_flag() == 3


def test_the_chinese_asked_for_an_english_does_not_write_the_answer(tmp_path: Path) -> None:
    """Learner's trial 58 #12: the 中文 → English front read `键值缓存; KV 缓存` for `KV cache`, the answer's `KV` in
    it. The form that writes a word of the answer is left off the card; the list shows every form."""
    files = {"a.md": "我们用键值缓存（KV cache）省算力。\n", "b.md": "KV 缓存（KV cache）会吃显存。\n"}
    notes = _notes_of(tmp_path, files)
    assert notes["KV cache"]["Chinese"] == "键值缓存"
    listed = {row["en"]: row for row in _terms_jsonl(tmp_path / "docs", tmp_path / "home")}
    assert (listed["KV cache"]["zh"], listed["KV cache"]["other_zh"]) == ("键值缓存", ["KV 缓存"])


def test_changed_layout_reaches_a_collection_in_place(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs, package = workspace / "docs", workspace / "vocab.apkg"
    templates = anki.TEMPLATES
    old = tuple({**t, "qfmt": "old layout " + t["qfmt"]} for t in templates)  # same names: the same schema
    monkeypatch.setattr(anki, "TEMPLATES", old)
    _export(docs, package, workspace)
    with _imported(workspace, package) as collection:
        card = collection.get_card(collection.find_cards('"English:world model*" card:1')[0])
        card.start_timer()
        collection.sched.answerCard(card, 3)
        assert "old layout" in card.question()

        monkeypatch.setattr(anki, "TEMPLATES", templates)
        time.sleep(1.05)
        _export(docs, package, workspace)  # the same fields, a new layout
        log = _import(collection, package)
        assert (len(log.new), len(log.conflicting), len(log.updated)) == (0, 0, collection.note_count())
        assert "old layout" not in collection.get_card(card.id).question()
        assert [m.id for m in collection.models.all_names_and_ids() if m.name.startswith("vocab")] == [MODEL_ID]
        assert collection.get_card(card.id).reps == 1 and len(collection.card_stats_data(card.id).revlog) == 1


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
    assert MODEL_VERSION == 2 and MODEL_ID == 1_764_490_202
    assert schema_fingerprint() == SCHEMA_V2
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


def test_an_unchanged_deck_is_not_written_again(workspace: Path) -> None:
    """A re-export whose notes would all come out as the file holds them leaves the file alone; a mark or a
    missing file makes a new one."""
    docs, package = workspace / "docs", workspace / "vocab.apkg"
    _export(docs, package, workspace)
    before = (package.stat().st_mtime_ns, package.read_bytes())
    time.sleep(0.01)
    _export(docs, package, workspace)
    assert (package.stat().st_mtime_ns, package.read_bytes()) == before
    _vocab(workspace, "known", "ignore", "world models")
    _export(docs, package, workspace)
    assert package.stat().st_mtime_ns != before[0]
    package.unlink()  # gone: not what the sidecar recorded
    _export(docs, package, workspace)
    assert zipfile.is_zipfile(package)


def test_an_export_leaves_nothing_in_the_temporary_folder(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """genanki writes the collection to a file of the system's temporary folder and never removes it: a deck-sized
    file left behind by every export."""
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    _export(workspace / "docs", workspace / "vocab.apkg", workspace)
    assert zipfile.is_zipfile(workspace / "vocab.apkg")
    assert list(temporary.iterdir()) == []


def test_the_chinese_front_hides_the_englishs_acronym_too() -> None:
    """`检索增强生成（retrieval-augmented generation，RAG）`: the 中文 → English front must not show `RAG` either where
    the sentence says it again."""
    from vocab import parse_document
    from vocab.export.anki import _contexts
    from vocab.extract import extract_glosses

    text = "检索增强生成（retrieval-augmented generation，RAG）让模型先查资料，也就是常说的 RAG。"
    (gloss,) = extract_glosses(parse_document(text, "rag.txt"))
    assert gloss.alias == "RAG"
    front = _contexts(gloss)["zh"]
    assert "RAG" not in front and "retrieval-augmented" not in front and "检索增强生成" in front


def test_an_export_names_the_notes_it_changed(tmp_path: Path) -> None:
    """Learner's trial 59: an earlier episode added later gave studied terms another sentence, silently; Anki's import
    then replaced those notes whole (a tag the learner had added with them)."""
    docs, package = tmp_path / "docs", tmp_path / "vocab.apkg"
    docs.mkdir()
    later = "---\ntitle: Ep 2\ndate: 2025-03-01\n---\n\n智能体（agent）会调用工具，重排序模型（reranker）会排序。\n"
    (docs / "ep2.md").write_text(later, encoding="utf-8")

    def export() -> str:
        result = CliRunner().invoke(cli, ["deck", str(docs), "--out", str(package)], env={"VOCAB_HOME": str(tmp_path)})
        assert result.exit_code == 0, result.output
        return result.output

    assert "changed" not in export()
    assert "changed" not in export()
    earlier = "---\ntitle: Ep 1\ndate: 2025-01-01\n---\n\n一个智能体（agent）能自己做完任务。\n"
    (docs / "ep1.md").write_text(earlier, encoding="utf-8")
    said = export()
    assert "1 note of the deck changed (a sentence, the Chinese or a definition): agent;" in said
    marked = CliRunner().invoke(cli, ["known", "add", "reranker"], env={"VOCAB_HOME": str(tmp_path)})
    assert marked.exit_code == 0, marked.output
    said = export()  # learner's trial 60: its new tag was called a change of sentence, Chinese or definition
    assert "changed" not in said and "1 of the deck's notes is a term you marked known or ignored" in said


WEEKS = {
    "w1.md": "---\ntitle: 第一週\ndate: 2025-09-01\n---\n\n"
    "演算法（algorithm）很重要。模型會有幻覺（hallucination）。\n",
    "w2.md": "---\ntitle: 第二週\ndate: 2025-09-08\n---\n\n"
    "學習率（learning rate）太大。降維（dimensionality reduction）有用。\n",
}


def test_a_teachers_list_chooses_the_decks_terms_known_to_her_or_not(tmp_path: Path) -> None:
    """Learner's trial 61: a teacher could choose a lesson's terms only by rank, and her own known words left her
    students' deck. `--terms` takes the terms a list names, in English or Chinese, known or not; a word that names
    none is said."""
    _vocab(tmp_path, "known", "add", "hallucination")
    (tmp_path / "lesson.txt").write_text("learning rate\n降維\n幻覺  # she knows it, they do not\nalgoritm\n")
    workspace = tmp_path / "w"
    workspace.mkdir()
    docs = workspace / "docs"
    docs.mkdir()
    for name, text in WEEKS.items():
        (docs / name).write_text(text, encoding="utf-8")
    package = workspace / "lesson.apkg"
    result = CliRunner().invoke(
        cli,
        ["deck", str(docs), "--terms", str(tmp_path / "lesson.txt"), "--out", str(package)],
        env={"VOCAB_HOME": str(tmp_path)},
    )
    assert result.exit_code == 0, result.output
    assert "'algoritm' names no term" in result.stderr
    with _imported(workspace, package) as collection:
        notes = [collection.get_note(n) for n in collection.find_notes("")]
        assert sorted(n["English"] for n in notes) == ["dimensionality reduction", "hallucination", "learning rate"]
        assert not any("vocab::known" in n.tags for n in notes)


def test_a_deck_of_one_documents_terms(tmp_path: Path) -> None:
    notes = _notes_of(tmp_path, WEEKS, "--document", "第二週")
    assert sorted(notes) == ["dimensionality reduction", "learning rate"]
