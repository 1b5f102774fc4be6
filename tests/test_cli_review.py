"""`vocab review`, `vocab stats` and `vocab edit` driven with CliRunner: keys in, stored state out."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from vocab.cli import cli
from vocab.corpus import document_paths, read_corpus, terms_of_documents
from vocab.identity import en_key
from vocab.learner.store import STORE_FILE, ReviewStore
from vocab.models import CardSide
from vocab.rank import rank_terms, zipf

from .conftest import EXAMPLES

DAY1 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _run(home: Path, *args: str, keys: str = ""):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=keys, env={"VOCAB_HOME": str(home)})


def _review(home: Path, keys: str, at: datetime, *options: str):  # type: ignore[no-untyped-def]
    result = _run(home, "review", str(EXAMPLES), "--now", at.isoformat(), *options, keys=keys)
    assert result.exit_code == 0, result.output
    return result


def _ranked(home: Path, *options: str) -> list[dict]:
    result = _run(home, "list", str(EXAMPLES), "--format", "jsonl", *options)
    return [json.loads(line) for line in result.stdout.splitlines()]


def _cards(home: Path) -> dict:
    with ReviewStore(home / STORE_FILE) as store:
        return store.cards()


def _reviews(home: Path) -> list[tuple]:
    with sqlite3.connect(home / STORE_FILE) as db:
        return db.execute("SELECT term, side, rating FROM reviews ORDER BY id").fetchall()


def _fronts(output: str) -> list[str]:
    """The term asked on each front shown, in order: the line after the progress line of each front screen."""
    screens = [screen.splitlines() for screen in output.split("─" * 20) if "space/enter answer" in screen]
    return [lines[lines.index(next(line for line in lines if line.startswith("due "))) + 2] for lines in screens]


def test_a_session_answers_stores_and_comes_back_the_next_days(tmp_path: Path) -> None:
    top = _ranked(tmp_path)[:3]
    # Easy on the first, Good on the second, Again on the third; the learning steps bring the third
    # (due in a minute) and then the second (in ten) back, both answered Good; then quit.
    result = _review(tmp_path, " 4 3 1 3 3q", DAY1, "--direction", "en-zh", "--new", "3")
    assert _fronts(result.output)[:3] == [top[0]["en"], top[1]["en"], top[2]["en"]]
    assert _fronts(result.output)[3:] == [top[2]["en"], top[1]["en"], top[2]["en"]]  # the last one unanswered
    assert "Session over: 5 answered" in result.output and "1 again · 3 good · 1 easy" in result.output
    first, second, third = (en_key(t["en"]) for t in top)
    assert _reviews(tmp_path) == [
        (first, "en-zh", 4), (second, "en-zh", 3), (third, "en-zh", 1), (third, "en-zh", 3), (second, "en-zh", 3),
    ]  # fmt: skip
    cards = _cards(tmp_path)
    easy, good = (cards[(en_key(t["en"]), CardSide.EN_ZH)] for t in top[:2])
    assert easy.due - DAY1 == timedelta(days=8)  # FSRS's first Easy interval
    assert timedelta(days=1) <= good.due - DAY1 < timedelta(days=4)

    # The next day the third card (still in its learning steps) is due, and three more new ones.
    again = _review(tmp_path, "q", DAY1 + timedelta(days=1), "--direction", "en-zh", "--new", "3")
    assert _fronts(again.output) == [top[2]["en"]]
    assert "due 0 · learning 1 · new 3 · done 0" in again.output
    # When the Good card falls due it comes first; the Easy one is not due yet.
    later = _review(tmp_path, "q", good.due + timedelta(hours=1), "--direction", "en-zh", "--new", "3")
    assert _fronts(later.output)[0] in (top[1]["en"], top[2]["en"])
    assert "due 1 · learning 1 · new 3" in later.output


def test_undo_takes_an_answer_back(tmp_path: Path) -> None:
    top = _ranked(tmp_path)[0]["en"]
    result = _review(tmp_path, "u 3uq", DAY1, "--direction", "en-zh")
    assert result.output.count("Nothing to undo yet.") == 1  # the first u: nothing answered yet
    assert _fronts(result.output)[:3] == [top, _ranked(tmp_path)[1]["en"], top]  # undone: shown again
    assert f"Undone: {top} is back." in result.output
    assert _reviews(tmp_path) == [] and _cards(tmp_path) == {}


def test_marking_known_and_ignored_in_a_session_lasts(tmp_path: Path) -> None:
    first, second, third = (t["en"] for t in _ranked(tmp_path)[:3])
    result = _review(tmp_path, "k i q", DAY1)  # known, ignored (space on the third reveals; q quits unanswered)
    assert f"Marked {first} known" in result.output and f"Marked {second} ignored" in result.output
    remaining = [t["en"] for t in _ranked(tmp_path)]
    assert first not in remaining and second not in remaining and third in remaining
    assert first in [t["en"] for t in _ranked(tmp_path, "--include-known")]
    assert second not in [t["en"] for t in _ranked(tmp_path, "--include-known")]
    assert _run(tmp_path, "known", "list").stdout.splitlines() == [first]
    assert _run(tmp_path, "known", "list", "--ignored").stdout.splitlines() == [second]
    assert _reviews(tmp_path) == []


def test_zh_en_fronts_ask_the_chinese_and_never_show_the_english(tmp_path: Path) -> None:
    top = _ranked(tmp_path)[0]
    result = _review(tmp_path, "q", DAY1, "--direction", "zh-en")
    front = result.output.split("space/enter answer")[0]
    assert top["zh"] in front and top["en"].casefold() not in front.casefold()
    # the Chinese asked stands in its sentence too, as on the Anki card (learner's trial 57: a blank hid the word)
    assert "[…]" not in front and front.count(top["zh"]) >= 2


def test_top_and_document_limit_the_terms(tmp_path: Path) -> None:
    result = _review(tmp_path, "", DAY1, "--top", "2", "--document", "agents-talk", "--direction", "en-zh")
    assert "due 0 · learning 0 · new 2 · done 0" in result.output


def test_document_shows_its_own_sentence(tmp_path: Path) -> None:
    corpus = read_corpus(document_paths([EXAMPLES]), None, on_error=lambda error: pytest.fail(str(error)))
    terms = rank_terms(corpus.glosses, corpus.documents)
    chosen = terms_of_documents(corpus, terms, "ep13")
    glossed_there = [t for t in chosen if any("ep13" in g.source for g in t.glosses)]
    assert len(glossed_there) > 10 and all("ep13" in t.first.source for t in glossed_there)
    assert {t.key for t in chosen} == {t.key for t in terms if any("ep13" in path for path in t.documents)}
    result = _review(tmp_path, "q", DAY1, "--document", "ep13", "--direction", "en-zh", "--top", "1")
    assert _fronts(result.output) == [chosen[0].en]


def test_a_document_that_only_mentions_a_term_shows_its_sentence_on_the_front(tmp_path: Path) -> None:
    """New-user report 11: `--document ep04` showed a term glossed in another episode as its bare Chinese, with no
    sentence: the episode's own sentence only says the term, and the front looked for its gloss bracket."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ep01.md").write_text("一片晶圆（wafer）上有几百个裸片。\n", encoding="utf-8")
    (docs / "ep04.md").write_text("量测（metrology）决定良率。\n\n每片晶圆都要经过量测。\n", encoding="utf-8")
    result = _run(
        tmp_path, "review", str(docs), "--document", "ep04", "--direction", "zh-en", "--now", DAY1.isoformat(),
        keys="q",
    )  # fmt: skip
    assert result.exit_code == 0 and _fronts(result.output) == ["晶圆  jīng yuán"]  # its pinyin beside it
    assert "每片晶圆都要经过量测。" in result.output  # the Chinese asked, where the sentence says it


def test_an_english_lines_gloss_is_asked_in_the_chinese_line_beside_it(tmp_path: Path) -> None:
    """Learner's trial 57: the 中文 → English front of `mini programs (小程序)` was the English cue with 小程序
    in it."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "talk.srt").write_text(
        "1\n00:00:01,000 --> 00:00:04,000\nMany services run as mini programs (小程序) inside the app.\n"
        "很多服务以小程序的形式运行在应用里。\n",
        encoding="utf-8",
    )
    result = _run(tmp_path, "review", str(docs), "--direction", "zh-en", "--now", DAY1.isoformat(), keys="q")
    front = result.output.split("space/enter answer")[0]
    assert "很多服务以小程序的形式运行在应用里。" in front and "Many services" not in front


def test_a_sitting_says_what_earlier_new_cards_left_of_the_day(tmp_path: Path) -> None:
    """Learner's trial 58 #11: a 中文 → English sitting after an English → 中文 one opened with fewer new cards, and
    nothing said the day's limit is one for both directions."""
    _review(tmp_path, " 4 4", DAY1, "--new", "3", "--direction", "en-zh")
    later = _review(tmp_path, "q", DAY1 + timedelta(hours=1), "--new", "3", "--direction", "zh-en")
    said = " ".join(later.output.split())
    told = "2 of today's 3 new cards were studied earlier today (either direction): 1 left (--new N allows more)."
    assert told in said
    first = _review(tmp_path / "fresh", "q", DAY1, "--new", "3")
    assert "studied earlier today" not in first.output


def test_nothing_to_review_says_why(tmp_path: Path) -> None:
    nothing = _review(tmp_path, "", DAY1, "--document", "no-such-episode")
    assert nothing.output == "Nothing to review: no document matches 'no-such-episode'.\n"
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "talk.srt").write_text((EXAMPLES / "agents-talk.srt").read_text(encoding="utf-8"), encoding="utf-8")
    (docs / "broken.txt").write_bytes(b"\x00\x01binary")
    beside = _run(tmp_path, "review", str(docs), "--document", "no-such-episode")  # the reason, then the error's code
    assert beside.exit_code == 1 and "Nothing to review: no document matches 'no-such-episode'." in beside.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    no_documents = _run(tmp_path, "review", str(empty))  # an error, as `list` and `deck` make it
    assert (no_documents.exit_code, no_documents.output) == (1, f"Error: no document found in {empty}\n")
    _review(tmp_path, " 4 4", DAY1, "--new", "2", "--direction", "en-zh")
    done = _review(tmp_path, "", DAY1 + timedelta(hours=1), "--new", "2", "--direction", "en-zh")
    said = " ".join(done.output.split())
    assert said.startswith("Nothing to review now. The next card is due 2026-12-03")
    assert "Today's new cards are done (--new N allows more)." in said
    off = _review(tmp_path / "fresh", "", DAY1, "--new", "0")
    assert " ".join(off.output.split()) == "Nothing to review now. New cards are off (--new 0)."


def test_stats_after_a_session(tmp_path: Path) -> None:
    _review(tmp_path, " 4 3k", DAY1, "--direction", "en-zh", "--new", "5")
    result = _run(tmp_path, "stats", str(EXAMPLES), "--format", "json", "--now", DAY1.isoformat())
    stats = json.loads(result.stdout)
    assert (stats["known"], stats["learning"], stats["cards"], stats["cards_learning"]) == (1, 2, 2, 1)
    assert (stats["reviews_today"], stats["new_today"], stats["due_today"]) == (2, 2, 1)
    assert stats["new"] == stats["terms"] - 3 and stats["retention"] is None
    other = tmp_path / "other.md"
    other.write_text("我们谈到了 quantum annealing(量子退火)。\n", encoding="utf-8")
    elsewhere = json.loads(_run(tmp_path, "stats", str(other), "--format", "json", "--now", DAY1.isoformat()).stdout)
    assert (elsewhere["terms"], elsewhere["new"], elsewhere["reviews_today"], elsewhere["cards"]) == (1, 1, 0, 0)
    table = _run(tmp_path, "stats", "--now", DAY1.isoformat()).stdout
    assert "known      1 word " in table and "2 reviews, 2 new cards" in table


def test_stats_without_documents_leaves_out_the_cards_of_terms_marked_known(tmp_path: Path) -> None:
    """`vocab stats` with no PATHS counted a known term's cards as due, which review never shows (new-user report
    10, item 2)."""
    _review(tmp_path, " 1q", DAY1, "--direction", "en-zh", "--new", "1")  # Again: due again within minutes
    ((key, _),) = _cards(tmp_path)
    before = json.loads(_run(tmp_path, "stats", "--format", "json", "--now", DAY1.isoformat()).stdout)
    assert (before["cards"], before["due_today"]) == (1, 1)
    term = next(t for t in _ranked(tmp_path, "--include-known") if en_key(t["en"]) == key)
    assert _run(tmp_path, "known", "add", term["en"], "--force").exit_code == 0
    after = json.loads(_run(tmp_path, "stats", "--format", "json", "--now", DAY1.isoformat()).stdout)
    assert (after["known"], after["cards"], after["due_today"], after["learning"]) == (1, 0, 0, 0)


def test_edit_corrects_a_term_in_lists_and_keeps_its_progress(tmp_path: Path) -> None:
    top = _ranked(tmp_path)[0]
    _review(tmp_path, " 4q", DAY1, "--direction", "en-zh")
    result = _run(tmp_path, "edit", top["zh"], str(EXAMPLES), "--zh", "修正译法", "--definition", "my note")
    assert result.exit_code == 0, result.output
    edited = _ranked(tmp_path)[0]
    assert (edited["en"], edited["zh"], edited["definition"]) == (top["en"], "修正译法", "my note")
    out = tmp_path / "glossaries"
    assert _run(tmp_path, "glossary", str(EXAMPLES), "--out", str(out), "--format", "json").exit_code == 0
    entries = [
        entry
        for path in out.glob("*.json")
        if path.name not in ("index.json", ".vocab-terms.json")
        for entry in json.loads(path.read_text(encoding="utf-8"))["terms"]
        if entry["en"] == top["en"]
    ]
    assert len(entries) >= 2 and {(e["zh"], e["definition"]) for e in entries} == {("修正译法", "my note")}
    assert _run(tmp_path, "edit", top["en"], str(EXAMPLES), "--en", "Fixed English").exit_code == 0
    assert _ranked(tmp_path)[0]["en"] == "Fixed English"
    assert len(_cards(tmp_path)) == 1  # same identity: the progress is the term's still
    reset = _run(tmp_path, "edit", "Fixed English", str(EXAMPLES), "--reset")  # the term by its new name
    assert reset.stdout == "Fixed English: corrections dropped\n"
    assert _ranked(tmp_path)[0]["zh"] == top["zh"]


def test_an_edit_to_a_chinese_no_sentence_writes_says_so(tmp_path: Path) -> None:
    """New-user report 16: `--zh 自动化仓库` for a term its text writes 仓储 made the note show both, the cut form on
    the cloze, and nothing said the correction stands in no sentence."""
    notes = tmp_path / "plant.md"
    notes.write_text("晶圆在仓储（stocker）里排队。\n", encoding="utf-8")
    result = _run(tmp_path, "edit", "stocker", str(notes), "--zh", "自动化仓库")
    assert result.exit_code == 0 and result.stdout.startswith("stocker: zh = '自动化仓库'\n")
    assert "the term's other Chinese stays beside it: 仓储 (--drop-zh FORM takes a wrong one away)" in result.stdout
    assert "Note: 自动化仓库 stands in none of the term's sentences" in result.stderr
    listed = _run(tmp_path, "list", str(notes), "--document", "plant", "--format", "jsonl")
    assert json.loads(listed.stdout)["zh"] == "自动化仓库"  # a document's own Chinese does not undo the correction


def test_an_edit_to_one_of_a_terms_chinese_forms_says_the_others_stay(tmp_path: Path) -> None:
    """A learner's report: `vocab edit knot --zh 節` for `knot` (節; 繩結) said only `zh = '節'`, and the list
    still showed 繩結 beside it."""
    notes = tmp_path / "sailing.md"
    notes.write_text("風速的單位是節（knot）。\n\n我們學打繩結（knot）。\n", encoding="utf-8")
    result = _run(tmp_path, "edit", "knot", str(notes), "--zh", "節")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "knot: zh = '節'\nNote: 節 is shown first; the term's other Chinese stays beside it: 繩結"
        " (--drop-zh FORM takes a wrong one away)\n"
    )


def test_a_chinese_form_dropped_is_no_longer_shown_counted_or_on_the_card(tmp_path: Path) -> None:
    """Learner's trial 58: 上下文 cut for `grounded in context` was the term's Chinese, counted in an episode about
    long context that never speaks of grounding; `--zh 有依据` left it beside the correction on the card, and
    nothing took it away. `--drop-zh` does, and `--reset` brings it back."""
    import zipfile

    episodes = tmp_path / "episodes"
    episodes.mkdir()
    (episodes / "a-rag.md").write_text(
        "忠实度是说答案要基于检索到的上下文（grounded in context），不能编造。\n", encoding="utf-8"
    )
    (episodes / "b-serving.md").write_text(
        "长上下文会占很多显存。\n\n上下文越长，首字延迟越高。\n\n显存（GPU memory）不够就只能换卡。\n",
        encoding="utf-8",
    )

    def term() -> dict:
        return next(t for t in _listed(tmp_path, episodes) if t["en"] == "grounded in context")

    cut = term()
    assert (cut["zh"], cut["count"], cut["documents"]) == ("上下文", 3, 2)  # the weakness corrected here
    refused = _run(tmp_path, "edit", "grounded in context", str(episodes), "--drop-zh", "上下文")
    assert refused.exit_code == 2 and "would leave grounded in context no Chinese: give the right one" in refused.stderr
    unknown = _run(tmp_path, "edit", "grounded in context", str(episodes), "--drop-zh", "显存")
    assert unknown.exit_code == 2 and "显存 is no Chinese form of grounded in context (its forms: 上下文)" in (
        " ".join(unknown.stderr.split())
    )
    edited = _run(tmp_path, "edit", "grounded in context", str(episodes), "--zh", "有依据", "--drop-zh", "上下文")
    assert edited.exit_code == 0, edited.output
    assert edited.stdout == "grounded in context: zh = '有依据', not its Chinese: 上下文\n"
    fixed = term()
    assert (fixed["zh"], fixed["count"], fixed["documents"]) == ("有依据", 1, 1)
    assert fixed["sentence"].startswith("忠实度是说答案要基于检索到的上下文")  # the sentence stays the term's
    package = tmp_path / "deck.apkg"
    assert _run(tmp_path, "deck", str(episodes), "--out", str(package)).exit_code == 0
    with zipfile.ZipFile(package) as archive:
        archive.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        chinese = {flds.split("\x1f")[0]: flds.split("\x1f")[1] for (flds,) in db.execute("SELECT flds FROM notes")}
    assert chinese["grounded in context"] == "有依据"
    assert _run(tmp_path, "edit", "grounded in context", str(episodes), "--reset").exit_code == 0
    assert (term()["zh"], term()["count"]) == ("上下文", 3)
    # one of two forms a bracket offers with a slash: the other stays the gloss's
    (episodes / "c-agents.md").write_text("模型外面要包一层脚手架/框架（scaffold）。\n", encoding="utf-8")
    assert _run(tmp_path, "edit", "scaffold", str(episodes), "--drop-zh", "框架").exit_code == 0
    scaffold = next(t for t in _listed(tmp_path, episodes) if t["en"] == "scaffold")
    assert (scaffold["zh"], scaffold["other_zh"]) == ("脚手架", [])


def test_an_edit_where_no_document_is_says_so_not_that_the_term_is_missing(tmp_path: Path) -> None:
    empty = tmp_path / "no-documents"
    empty.mkdir()
    result = _run(tmp_path, "edit", "caliper", str(empty), "--zh", "卡钳")
    assert result.exit_code == 1 and f"no document found in {empty}" in result.output


def test_an_edit_that_moves_a_terms_edge_replaces_the_cut_form_where_it_stands(tmp_path: Path) -> None:
    """`诗` cut from `一节诗（stanza）`, corrected: the glossary shows and bolds the whole form and keeps no `诗` as
    another sense, and the term is counted and weighed as 一节诗: the poem of the last line is no stanza."""
    notes = tmp_path / "poems.md"
    text = "诗人把这一节诗（stanza）写得很短。\n\n下一节诗（stanza）押韵。\n\n这首诗很长。\n"
    notes.write_text(text, encoding="utf-8")
    cut = next(t for t in _listed(tmp_path, notes) if t["en"] == "stanza")
    assert (cut["zh"], cut["count"]) == ("诗", 3)  # what the extractor makes of it: the weakness corrected here
    moved = _run(tmp_path, "edit", "stanza", str(notes), "--zh", "一节诗")
    assert moved.exit_code == 0 and "Note:" not in moved.stderr
    corrected = next(t for t in _listed(tmp_path, notes) if t["en"] == "stanza")
    assert (corrected["zh"], corrected["count"]) == ("一节诗", 2)
    assert corrected["zipf_zh"] < cut["zipf_zh"]  # 诗 is an everyday word, 一节诗 is not
    out = tmp_path / "glossaries"
    assert _run(tmp_path, "glossary", str(notes), "--out", str(out)).exit_code == 0
    row = next(line for line in (out / "poems-md.md").read_text(encoding="utf-8").splitlines() if "stanza" in line)
    assert "| 一节诗 |" in row and "诗;" not in row and "; 诗" not in row
    assert "这**一节诗**（**stanza**）" in row
    # Chinese the text never writes is still the term's: it weighs by its own rarity
    assert _run(tmp_path, "edit", "stanza", str(notes), "--zh", "诗节").exit_code == 0
    unwritten = next(t for t in _listed(tmp_path, notes) if t["en"] == "stanza")
    assert (unwritten["zh"], unwritten["zipf_zh"]) == ("诗节", round(zipf("诗节", "zh"), 2))


def test_an_edit_of_a_mistyped_term_says_what_it_may_mean(tmp_path: Path) -> None:
    result = _run(tmp_path, "edit", "wrld models", str(EXAMPLES), "--zh", "世界模型")
    assert result.exit_code == 2
    assert "wrld models is in no term of PATHS (did you mean " in result.output and "world model" in result.output


def test_a_simplified_edit_moves_the_edge_in_traditional_text_too(tmp_path: Path) -> None:
    """`vocab edit pour-over --zh 手冲` where the text is Traditional (`練習手沖（pour-over）`): the cut moves where the
    term stands, in the text's own characters, as it does in Simplified text (new-user report 9, item 10)."""
    notes = tmp_path / "coffee.md"
    notes.write_text("最近開始在家練習手沖（pour-over），每天早上一杯。\n", encoding="utf-8")
    assert _run(tmp_path, "edit", "pour-over", str(notes), "--zh", "手冲").exit_code == 0
    out = tmp_path / "glossaries"
    assert _run(tmp_path, "glossary", str(notes), "--out", str(out)).exit_code == 0
    row = next(line for line in (out / "coffee-md.md").read_text(encoding="utf-8").splitlines() if "pour-over" in line)
    assert "| 手沖 |" in row and "練習**手沖**（**pour-over**）" in row


def test_an_edit_finds_a_term_by_an_english_that_writes_chinese_too(tmp_path: Path) -> None:
    """Learner's trial 63: `list` showed the English `KGD 测试`, and `vocab edit "KGD 测试"` said it named no term:
    a name with Chinese in it was looked for among the Chinese forms only."""
    notes = tmp_path / "talk.md"
    notes.write_text("借助 KGD 测试（known-good-die testing，已知良品裸片测试），先筛掉。\n", encoding="utf-8")
    shown = next(t for t in _listed(tmp_path, notes))["en"]
    assert shown == "KGD 测试"  # the weakness a learner corrects here
    assert _run(tmp_path, "edit", shown, str(notes), "--en", "known-good-die testing").exit_code == 0
    assert next(t for t in _listed(tmp_path, notes))["en"] == "known-good-die testing"


def test_an_edit_moves_the_edge_where_the_text_writes_it_without_its_spaces(tmp_path: Path) -> None:
    """Learner's trial 63: `每 token 成本` corrected from `token 成本`, then the client's next slides wrote
    `每token成本`: the old cut came back as the slides' form. A correction stands where the text writes it with or
    without the spaces that set Latin apart from Chinese."""
    notes = tmp_path / "slides.md"
    notes.write_text("关键指标：每 token 成本（cost per token）要降。\n", encoding="utf-8")
    assert _run(tmp_path, "edit", "cost per token", str(notes), "--zh", "每 token 成本").exit_code == 0
    notes.write_text("关键指标：每token成本（cost per token）要降。\n", encoding="utf-8")  # the next version
    out = tmp_path / "glossaries"
    assert _run(tmp_path, "glossary", str(notes), "--out", str(out)).exit_code == 0
    glossary = (out / "slides-md.md").read_text(encoding="utf-8")
    row = next(line for line in glossary.splitlines() if "cost per token" in line)
    assert "| 每token成本 |" in row and "token成本;" not in row, row


def test_a_corrected_english_edge_is_what_the_glossary_bolds(tmp_path: Path) -> None:
    """`stream` cut from `jet stream(急流)`, corrected: the row bolds the whole English, as a Chinese recut does."""
    notes = tmp_path / "winds.txt"
    notes.write_text("The jet stream(急流) moved north this week.\n", encoding="utf-8")
    assert next(t for t in _listed(tmp_path, notes))["en"] == "stream"  # the weakness corrected here
    assert _run(tmp_path, "edit", "stream", str(notes), "--en", "jet stream").exit_code == 0
    out = tmp_path / "glossaries"
    assert _run(tmp_path, "glossary", str(notes), "--out", str(out)).exit_code == 0
    row = next(line for line in (out / "winds-txt.md").read_text(encoding="utf-8").splitlines() if "急流" in line)
    assert "| jet stream |" in row and "The **jet stream**(**急流**)" in row


def _listed(home: Path, *paths: Path) -> list[dict]:
    result = _run(home, "list", *map(str, paths), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_edits_and_marks_reach_the_anki_deck_with_the_same_note(tmp_path: Path) -> None:
    import zipfile

    from vocab.identity import note_guid as guid_for_key

    top, second = _ranked(tmp_path)[:2]
    assert _run(tmp_path, "edit", top["en"], str(EXAMPLES), "--zh", "修正译法").exit_code == 0
    assert _run(tmp_path, "known", "add", second["en"]).exit_code == 0
    package = tmp_path / "deck.apkg"
    assert _run(tmp_path, "deck", str(EXAMPLES), "--out", str(package)).exit_code == 0
    with zipfile.ZipFile(package) as archive:
        archive.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        notes = {guid: flds.split("\x1f") for guid, flds in db.execute("SELECT guid, flds FROM notes")}
    # same GUID: Anki updates the note; the documents' own word stays beside the correction, as in glossaries
    assert notes[guid_for_key(en_key(top["en"]))][1] == f"修正译法; {top['zh']}"
    assert guid_for_key(en_key(second["en"])) not in notes


def test_a_term_merged_into_another_is_one_term_one_note_until_reset(tmp_path: Path) -> None:
    """Learner's trial 63: one concept glossed with two Englishes (and two Chinese) stayed two terms, two notes, and
    every correction was made twice. `--merge-into` joins them under the other's identity; `--reset` parts them."""
    import zipfile

    from vocab.identity import note_guid

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ep1.md").write_text(
        "我们聊上下文窗口（context window），也就是模型一次能看的文字。上下文窗口越大越贵。\n"
        "另外，蒸馏（distillation）让小模型学大模型。\n",
        encoding="utf-8",
    )
    ep2 = "有人叫它上下文长度（context length）。上下文长度决定能读多长的文档。\n"
    (docs / "ep2.md").write_text(ep2, encoding="utf-8")
    before = {t["en"]: t for t in _listed(tmp_path, docs)}
    assert before["context window"]["count"] == 2 and before["context length"]["count"] == 2
    merged = _run(tmp_path, "edit", "context length", str(docs), "--merge-into", "上下文窗口")
    assert merged.exit_code == 0 and merged.stdout == "context length: merged into context window 上下文窗口\n"
    after = {t["en"]: t for t in _listed(tmp_path, docs)}
    assert set(after) == {"context window", "distillation"}
    joined = after["context window"]
    assert joined["count"] == 4 and {joined["zh"], *joined["other_zh"]} == {"上下文窗口", "上下文长度"}
    package = tmp_path / "deck.apkg"
    assert _run(tmp_path, "deck", str(docs), "--out", str(package)).exit_code == 0
    with zipfile.ZipFile(package) as archive:
        archive.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        guids = {guid for (guid,) in db.execute("SELECT guid FROM notes")}
    assert guids == {note_guid(en_key("context window")), note_guid(en_key("distillation"))}
    # a merge into a merged term passes on to the term it is part of; one that would go round is refused
    assert _run(tmp_path, "edit", "distillation", str(docs), "--merge-into", "context length").exit_code == 0
    assert [t["en"] for t in _listed(tmp_path, docs)] == ["context window"]
    again = _run(tmp_path, "edit", "context window", str(docs), "--merge-into", "distillation")
    assert again.exit_code == 2 and "context window and distillation are one term already" in again.stderr
    both = _run(tmp_path, "edit", "distillation", str(docs), "--merge-into", "context window", "--zh", "蒸馏")
    assert both.exit_code == 2 and "--merge-into goes alone" in both.stderr
    for name in ("distillation", "context length"):
        assert _run(tmp_path, "edit", name, str(docs), "--reset").stdout == f"{name}: corrections dropped\n"
    assert {t["en"]: t["count"] for t in _listed(tmp_path, docs)} == {t["en"]: t["count"] for t in before.values()}


def test_a_typo_corrected_and_then_fixed_in_the_document_keeps_its_note_and_progress(tmp_path: Path) -> None:
    """`vocab edit "Mallard reaction" --en "Maillard reaction"`, then the typo fixed in the document: the term the
    fixed document gives is the corrected one, so it keeps the note and the review progress (a second note came)."""
    import zipfile

    from vocab.identity import note_guid

    doc = tmp_path / "roasting.md"
    doc.write_text("烘焙时的美拉德反应（Mallard reaction）让豆子变成褐色。\n", encoding="utf-8")
    assert _run(tmp_path, "edit", "Mallard reaction", str(doc), "--en", "Maillard reaction").exit_code == 0
    reviewed = _run(tmp_path, "review", str(doc), "--now", DAY1.isoformat(), "--direction", "en-zh", keys=" 4q")
    assert reviewed.exit_code == 0, reviewed.output
    doc.write_text("烘焙时的美拉德反应（Maillard reaction）让豆子变成褐色。\n", encoding="utf-8")
    package = tmp_path / "deck.apkg"
    assert _run(tmp_path, "deck", str(doc), "--out", str(package)).exit_code == 0
    with zipfile.ZipFile(package) as archive:
        archive.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        notes = {guid: flds.split("\x1f")[0] for guid, flds in db.execute("SELECT guid, flds FROM notes")}
    assert notes == {note_guid(en_key("Mallard reaction")): "Maillard reaction"}
    assert set(_cards(tmp_path)) == {(en_key("Mallard reaction"), CardSide.EN_ZH)}  # the progress is the note's


def test_an_edited_chinese_the_sentence_says_elsewhere_is_hidden_on_the_fronts(tmp_path: Path) -> None:
    """`"机智号"直升机（Ingenuity）`: the extractor takes 直升机, the learner corrects it to 机智号, which the sentence
    says before it; the English front and the cloze hide 机智号 too (it was the answer, printed on the front)."""
    import zipfile

    doc = tmp_path / "mars.md"
    doc.write_text("“机智号”直升机（Ingenuity）证明了火星上也能飞。\n", encoding="utf-8")
    assert _run(tmp_path, "edit", "ingenuity", str(doc), "--zh", "机智号").exit_code == 0
    package = tmp_path / "deck.apkg"
    assert _run(tmp_path, "deck", str(doc), "--out", str(package)).exit_code == 0
    with zipfile.ZipFile(package) as archive:
        archive.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        (fields,) = [flds.split("\x1f") for (flds,) in db.execute("SELECT flds FROM notes")]
    assert fields[1] == "机智号"
    english_front, cloze = fields[6], fields[8]
    assert "<b>Ingenuity</b>" in english_front and "机智号" not in english_front and "直升机" not in english_front
    assert "机智号" not in cloze and "直升机" not in cloze


def test_edit_needs_a_change_and_a_known_chinese_form(tmp_path: Path) -> None:
    assert _run(tmp_path, "edit", "agents").exit_code == 2
    for option in ("--en", "--zh"):
        empty = _run(tmp_path, "edit", "agents", str(EXAMPLES), option, " ")
        assert empty.exit_code == 2 and f"Invalid value for {option}: a term is never empty" in empty.stderr
    for name in ("不存在的词", "no such thing"):
        missing = _run(tmp_path, "edit", name, str(EXAMPLES), "--en", "x")
        assert missing.exit_code == 2 and f"{name} is in no term of PATHS" in missing.stderr
    first, second = _ranked(tmp_path)[:2]
    clash = _run(tmp_path, "edit", first["en"], str(EXAMPLES), "--en", second["en"].upper())
    assert clash.exit_code == 2 and f"is already term #2 ({second['en']}" in " ".join(clash.stderr.split())
    assert _ranked(tmp_path)[0]["en"] == first["en"]  # nothing stored


def test_a_corrupt_store_stops_review_with_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / STORE_FILE).write_bytes(b"\x00garbage" * 64)
    result = _run(tmp_path, "review", str(EXAMPLES))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {tmp_path / STORE_FILE}: not a vocab review store (file is not a database): "
        "move it aside and vocab starts a new one"
    ]
    listed = _run(tmp_path, "list", str(EXAMPLES))
    assert listed.exit_code == 1 and "not a vocab review store" in listed.stderr


def test_progress_survives_a_rebuild_with_new_episodes(tmp_path: Path) -> None:
    one_episode = EXAMPLES / "agents-talk.srt"
    first = _run(tmp_path, "review", str(one_episode), "--now", DAY1.isoformat(), "--direction", "en-zh", keys=" 4q")
    studied = _fronts(first.output)[0]
    assert len(_cards(tmp_path)) == 1
    # All the episodes now: the same term is the same card (its identity, not its episode, is the key).
    later = _review(tmp_path, "q", DAY1 + timedelta(days=30), "--direction", "en-zh", "--new", "0")
    assert _fronts(later.output) == [studied] and "due 1 · learning 0 · new 0" in later.output


def test_an_acronym_spelled_out_in_a_later_episode_keeps_its_review_progress(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ep1.txt").write_text("我们的 EDR(终端检测与响应)报警了。\n", encoding="utf-8")
    at = DAY1.isoformat()
    first = _run(tmp_path, "review", str(docs), "--now", at, "--direction", "en-zh", keys=" 3q")
    assert first.exit_code == 0, first.output
    assert {key for key, _ in _cards(tmp_path)} == {"edr"}
    spelled_out = "我们部署了终端检测与响应（endpoint detection and response，EDR）。\n"
    (docs / "ep2.txt").write_text(spelled_out, encoding="utf-8")
    stats = _run(tmp_path, "stats", str(docs), "--now", at, "--format", "json")
    assert json.loads(stats.stdout)["new"] == 0  # the merged term is the one studied, not a new one


def test_stats_of_a_folder_without_documents_fails_as_the_other_commands_do(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = _run(tmp_path, "stats", str(empty))
    assert result.exit_code == 1 and result.stderr == f"Error: no document found in {empty}\n"


def test_stats_counts_the_terms_a_learner_meets(tmp_path: Path) -> None:
    """No person's name and nothing ignored: `new 72 of 78` counted what `list` (74) never shows."""
    doc = tmp_path / "talk.md"
    doc.write_text(
        "卡尔·萨根（Carl Sagan）说过。\n引力透镜（gravitational lensing）和暗物质（dark matter）。\n"
        "维拉·鲁宾（Vera Rubin）测过自转曲线（rotation curve）。\n",
        encoding="utf-8",
    )
    assert _run(tmp_path, "known", "ignore", "dark matter").exit_code == 0
    listed = _run(tmp_path, "list", str(doc), "--format", "jsonl").stdout.splitlines()
    figures = json.loads(_run(tmp_path, "stats", str(doc), "--format", "json").stdout)
    assert len(listed) == figures["terms"] == figures["new"] == 2 and figures["ignored"] == 1


def test_an_edit_refused_for_its_value_says_why_though_another_document_could_not_be_read(tmp_path: Path) -> None:
    """A folder with a locked document: a pinyin of the wrong length is refused as such (a learner was told only of
    the locked file and blamed it); a term the readable documents lack still defers to the unread one."""
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "week1.md").write_text("# 第一周\n\n哈希索引（hash index）查得快。\n", encoding="utf-8")
    (folder / "locked.docx").write_bytes(b"\xd0\xcf\x11\xe0 a document with a password")
    refused = _run(tmp_path, "edit", "hash index", str(folder), "--pinyin", "ha1")
    assert refused.exit_code == 2 and "--pinyin" in refused.output and "locked.docx" in refused.output
    missing = _run(tmp_path, "edit", "b-tree", str(folder), "--zh", "B 树")
    assert missing.exit_code == 1 and "locked.docx" in missing.output and "no term of PATHS" not in missing.output
