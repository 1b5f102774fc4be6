"""`vocab list` and `vocab known`: formats, filters, sorting, known words from a file and from the store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vocab.cli import cli

from .conftest import EXAMPLES


def _run(*args: str, home: Path, **env: str):
    return CliRunner().invoke(cli, list(args), env={"VOCAB_HOME": str(home), **env})


def _jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_list_jsonl_is_ranked_with_pinyin_and_context(tmp_path: Path) -> None:
    rows = _jsonl(_run("list", str(EXAMPLES), "--format", "jsonl", home=tmp_path))
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert rows == sorted(rows, key=lambda r: -r["score"])
    world = next(r for r in rows if r["en"] == "world models")
    assert world["zh"] == "世界模型" and world["pinyin"] == "shì jiè mó xíng"
    assert world["count"] >= 5 and world["documents"] == 2
    assert "world models" in world["sentence"]


def test_top_sort_and_zipf_filters(tmp_path: Path) -> None:
    top = _jsonl(_run("list", str(EXAMPLES), "--format", "jsonl", "--top", "3", home=tmp_path))
    assert len(top) == 3
    by_count = _jsonl(_run("list", str(EXAMPLES), "--format", "jsonl", "--sort", "count", home=tmp_path))
    assert [r["count"] for r in by_count] == sorted((r["count"] for r in by_count), reverse=True)
    alpha = _jsonl(_run("list", str(EXAMPLES), "--format", "jsonl", "--sort", "alpha", home=tmp_path))
    assert [r["en"].casefold() for r in alpha] == sorted(r["en"].casefold() for r in alpha)
    rare = _jsonl(_run("list", str(EXAMPLES), "--format", "jsonl", "--max-zipf", "2", home=tmp_path))
    assert rare and all(r["zipf_en"] <= 2 for r in rare)


def test_document_filter_and_csv(tmp_path: Path) -> None:
    result = _run("list", str(EXAMPLES), "--format", "csv", "--document", "agents-talk.srt", home=tmp_path)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"harness", "scratchpad"} <= {r["en"] for r in rows}
    assert "world models" not in {r["en"] for r in rows}


def test_plain_table_when_piped_and_explain(tmp_path: Path) -> None:
    result = _run("list", str(EXAMPLES), "--top", "2", "--explain", home=tmp_path)
    assert result.exit_code == 0
    assert "┃" not in result.stdout and "\x1b[" not in result.stdout
    assert "freq" in result.stdout and "spread" in result.stdout and "rarity" in result.stdout
    assert "score = log2(1 + count)" in result.stdout
    # rarity is the 0-to-1 rarity, and the footer's product of the columns gives the score
    header, *rows = [line.split() for line in result.stdout.splitlines()[:3]]
    for row in rows:
        cell = dict(zip(header[-5:], row[-5:], strict=True))
        assert 0 <= float(cell["rarity"]) <= 1
        product = float(cell["freq"]) * float(cell["spread"]) * (0.05 + float(cell["rarity"]))
        assert abs(product - float(cell["score"])) <= 0.01 * float(cell["score"])  # the cells are rounded


def test_known_words_from_the_store_and_from_a_file(tmp_path: Path) -> None:
    before = {r["en"] for r in _jsonl(_run("list", str(EXAMPLES), "--format", "jsonl", home=tmp_path))}
    assert {"world models", "evals", "agent"} <= before
    added = _run("known", "add", "World Model", "评测", home=tmp_path)
    assert added.stdout == "marked known 2: World Model (世界模型), 评测 (evals)\n"
    assert _run("known", "list", home=tmp_path).stdout == "World Model\n评测\n"
    known_file = tmp_path / "mine.txt"
    known_file.write_text("# words I know\nagents\n", encoding="utf-8")
    after = {
        r["en"]
        for r in _jsonl(_run("list", str(EXAMPLES), "--format", "jsonl", "--known", str(known_file), home=tmp_path))
    }
    assert before - after == {"world models", "evals", "agent"}
    everything = _run("list", str(EXAMPLES), "--format", "jsonl", "--include-known", home=tmp_path)
    assert {r["en"] for r in _jsonl(everything)} == before
    assert _run("known", "remove", "world models", home=tmp_path).stdout == "removed 1: World Model\n"


def test_data_dir_option_overrides_vocab_home(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    _run("--data-dir", str(elsewhere), "known", "add", "tokens", home=tmp_path)
    assert (elsewhere / "vocab.sqlite3").is_file()
    assert _run("--data-dir", str(elsewhere), "known", "list", home=tmp_path).stdout == "tokens\n"
    assert _run("known", "list", home=tmp_path).stdout == ""


def test_known_txt_of_vocab_0_1_moves_into_the_store(tmp_path: Path) -> None:
    (tmp_path / "known.txt").write_text("agents\n# a comment\n评测\n", encoding="utf-8")
    listed = {r["en"] for r in _jsonl(_run("list", str(EXAMPLES), "--format", "jsonl", home=tmp_path))}
    assert not {"agent", "evals"} & listed
    assert _run("known", "list", home=tmp_path).stdout == "agents\n评测\n"
    assert not (tmp_path / "known.txt").exists() and (tmp_path / "known.txt.imported").is_file()


def test_ignored_words_stay_out_even_with_include_known(tmp_path: Path) -> None:
    assert _run("known", "ignore", "harness", home=tmp_path).stdout == "marked ignored 1: harness (运行框架)\n"
    everything = _jsonl(_run("list", str(EXAMPLES), "--format", "jsonl", "--include-known", home=tmp_path))
    assert "harness" not in {r["en"] for r in everything}
    assert _run("known", "list", "--ignored", home=tmp_path).stdout == "harness\n"
    assert _run("known", "remove", "harness", home=tmp_path).stdout == "removed 1: harness\n"
    again = _run("known", "remove", "harness", home=tmp_path)  # nothing done, as `known add` of a typo: exit 1
    assert again.exit_code == 1 and "not marked, so nothing removed: harness" in again.output
    assert "harness" in {r["en"] for r in _jsonl(_run("list", str(EXAMPLES), "--format", "jsonl", home=tmp_path))}


def test_marking_a_word_no_term_of_the_last_build_is_written_as_says_so_with_the_terms_spelled_like_it(
    tmp_path: Path, monkeypatch
) -> None:
    """A typo would mark nothing the learner sees: where the last build's glossaries are (the default folder,
    here), each word that names none of its terms is said on stderr. One spelled like a term is not marked, with the
    nearest spellings, and the exit says a word was left (--force marks it); one like none is marked for documents
    to come."""
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "home"
    assert "no term" not in _run("known", "ignore", "wrold models", home=home).stderr  # no build here yet
    assert _run("build", str(EXAMPLES), "--deck-out", "-", home=home).exit_code == 0
    typo = _run("known", "ignore", "harnes", "world models", "世界模型", "RL", "因果性", "zzyzx", home=home)
    assert typo.exit_code == 1  # RL: a form of `reinforcement learning (RL)`; 因果性: the second Chinese of causality
    assert typo.stdout == (
        "marked ignored 5: world models (世界模型), 世界模型 (world models), RL (强化学习), 因果性 (causality), zzyzx\n"
    )  # each with the other side of the term it names (learner's trial 62: which term did 加班 mark?)
    assert typo.stderr.splitlines() == [
        "harnes: no term of the last build in glossaries/ is written so; not marked: did you mean harness? (--force"
        " marks it)",
        "RL: the term reinforcement learning (RL) 强化学习 is ignored, all its forms",  # what a form marks: the term
        "因果性: the term causality 因果关系; 因果性 is ignored, all its forms",
        "zzyzx: no term of the last build in glossaries/ is written so; marked for the documents to come",
    ]
    held = _run("known", "ignore", "harnes", home=home)  # only a typo: nothing tried, no `nothing new` before why
    assert (held.exit_code, held.stdout) == (1, "")
    forced = _run("known", "ignore", "harnes", "--force", home=home)
    assert forced.exit_code == 0 and forced.stdout == "marked ignored 1: harnes\n"


def test_an_acronyms_plural_names_the_term(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Learner's trial 60: `known add GPUs`, as the text wrote it, named no term `GPU`: the plural's `us` (and an
    `APIs`' `is`) stayed in its identity, as `status` keeps it."""
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "home"
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ep1.md").write_text("推理要用图形处理器（GPU）。Our GPUs sit idle at night.\n", encoding="utf-8")
    assert _run("build", str(docs), "--deck-out", "-", home=home).exit_code == 0
    marked = _run("known", "add", "GPUs", home=home)
    assert (marked.exit_code, marked.stdout, marked.stderr) == (0, "marked known 1: GPUs (图形处理器)\n", "")
    assert _jsonl(_run("list", str(docs), "--format", "jsonl", home=home)) == []
    assert _run("known", "remove", "GPU", home=home).exit_code == 0
    typed = _run("known", "add", "gpus", home=home)  # in lower case, as the learner typed it
    assert (typed.exit_code, typed.stdout, typed.stderr) == (0, "marked known 1: GPUs (图形处理器)\n", "")


def test_a_typo_suggests_each_term_once() -> None:
    """Learner's trial 59: `known add hallucinaton` asked `did you mean hallucination or hallucinations?`, two forms of
    one term."""
    from vocab.learner.words import spelled_like

    terms = [
        {"key": "hallucination", "en": "hallucination", "en_forms": ["hallucinations", "hallucination"]},
        {"key": "halluciation", "en": "halluciation", "en_forms": ["halluciation"]},
    ]
    assert spelled_like("hallucinaton", terms) == ["hallucination", "halluciation"]


def test_a_chinese_word_one_character_off_a_term_is_a_likely_typo() -> None:
    """New-user report 14: `known add 發卡航` (for 發卡行) was marked without a word, where an English typo is held."""
    from vocab.learner.words import spelled_like

    terms = [
        {"key": "issuer", "en": "issuer", "en_forms": ["issuer"], "zh_forms": ["發卡行"]},
        {"key": "largemodel", "en": "large model", "en_forms": ["large model"], "zh_forms": ["大模型"]},
    ]
    assert spelled_like("發卡航", terms) == ["發卡行"]
    assert spelled_like("发卡行", terms) is None  # the term itself, in either script
    assert spelled_like("模型", terms) == []  # two characters: another word, not a slip
    assert spelled_like("收單行", terms) == []
    cut_long = [{"key": "tsmc", "en": "TSMC", "en_forms": ["TSMC"], "zh_forms": ["交给台积电"]}]  # a wrong edge
    assert spelled_like("台积电", cut_long) == []  # report 16: "did you mean 交给台积电?" offered the wrong edge


def test_a_build_into_another_folder_still_checks_a_mark_for_typos(tmp_path: Path, monkeypatch) -> None:
    """New-user report 13: after `vocab build --out out/glossaries`, `known add pipline` was stored without a word."""
    monkeypatch.chdir(tmp_path)
    home, out = tmp_path / "home", tmp_path / "out" / "glossaries"
    assert _run("build", str(EXAMPLES), "--out", str(out), "--deck-out", "-", home=home).exit_code == 0
    typo = _run("known", "add", "harnes", home=home)
    assert typo.exit_code == 1
    assert typo.stderr.startswith(f"harnes: no term of the last build in {out}/ is written so; not marked: did you")


def test_a_mark_on_any_english_form_of_a_term_applies_to_it(tmp_path: Path) -> None:
    """`reinforcement learning (RL)` is one term: marking the acronym the screen shows marks it."""
    listed = {r["en"] for r in _jsonl(_run("list", str(EXAMPLES), "--format", "jsonl", home=tmp_path))}
    assert "reinforcement learning (RL)" in listed
    assert _run("known", "add", "RL", home=tmp_path).stdout == "marked known 1: RL (强化学习)\n"
    listed = {r["en"] for r in _jsonl(_run("list", str(EXAMPLES), "--format", "jsonl", home=tmp_path))}
    assert not any(en.startswith("reinforcement learning") for en in listed)


def test_a_mark_on_the_acronym_a_bracket_gives_or_on_the_shown_english_applies_to_the_term(tmp_path: Path) -> None:
    """`监督微调（supervised fine-tuning，SFT）`: SFT is only the bracket's acronym, and the learner sees
    `supervised fine-tuning (SFT)`; either marks the term, and neither is a word no term is written as."""

    def listed() -> set[str]:
        return {r["en"] for r in _jsonl(_run("list", str(EXAMPLES), "--format", "jsonl", home=tmp_path))}

    assert "supervised fine-tuning (SFT)" in listed()
    for shown in ("SFT", "supervised fine-tuning (SFT)"):
        assert _run("known", "add", shown, home=tmp_path).stdout == f"marked known 1: {shown} (监督微调)\n"
        assert "supervised fine-tuning (SFT)" not in listed()
        assert _run("known", "remove", shown, home=tmp_path).exit_code == 0
        assert "supervised fine-tuning (SFT)" in listed()


def test_a_mark_is_taken_back_by_any_form_of_its_term(tmp_path: Path, monkeypatch) -> None:
    """Where the last build's glossaries are, `known remove` takes a form of the term as the mark's own word."""
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "home"
    assert _run("build", str(EXAMPLES), "--deck-out", "-", home=home).exit_code == 0
    for marked, removed in (("SFT", "监督微调"), ("supervised fine-tuning", "supervised fine-tuning (SFT)")):
        assert _run("known", "ignore", marked, home=home).exit_code == 0
        taken_back = _run("known", "remove", removed, home=home)
        assert (taken_back.stdout, taken_back.stderr) == (f"removed 1: {marked}\n", "")
    assert _run("known", "list", "--ignored", home=home).stdout == ""


def test_a_mark_is_taken_back_by_any_form_after_a_build_left_its_term_out(tmp_path: Path, monkeypatch) -> None:
    """A build leaves a marked term out of its glossaries, yet `known remove` still knows its forms; and a term marked
    by two of its forms is unmarked by a third."""
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "home"
    assert _run("known", "add", "SFT", "supervised fine-tuning", home=home).exit_code == 0
    assert _run("build", str(EXAMPLES), "--deck-out", "-", home=home).exit_code == 0
    taken_back = _run("known", "remove", "监督微调", home=home)
    assert (taken_back.stdout, taken_back.stderr) == ("removed 2: SFT, supervised fine-tuning\n", "")
    assert _run("known", "list", home=home).stdout == ""
    again = _run("build", str(EXAMPLES), "--deck-out", "-", home=home)
    assert "new terms 0" in again.stdout  # back from being known, not new


def test_missing_known_file_is_a_usage_error(tmp_path: Path) -> None:
    result = _run("list", str(EXAMPLES), "--known", str(tmp_path / "nope.txt"), home=tmp_path)
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_a_narrow_terminal_drops_columns_instead_of_cutting_terms() -> None:
    from rich.console import Console

    from vocab.corpus import document_paths, read_corpus
    from vocab.export.table import print_terms
    from vocab.rank import rank_terms

    corpus = read_corpus(document_paths([EXAMPLES]), None, on_error=print)
    terms = rank_terms(corpus.glosses, corpus.documents)[:5]
    for width, has_pinyin, has_zipf in ((160, True, True), (100, True, False), (60, False, False)):
        console = Console(width=width, force_terminal=True, color_system=None, record=True)
        print_terms(terms, console)
        lines = console.export_text().splitlines()
        assert ("pinyin" in lines[1]) is has_pinyin and ("Zipf" in lines[1]) is has_zipf  # the reading goes last
        for term, line in zip(terms, lines[3:], strict=False):
            assert line.split()[:1] == [str(term.rank)] and term.en in line and str(term.zh) in line


def test_list_says_why_it_lists_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = _run("list", str(empty), home=tmp_path)
    assert nothing.exit_code == 1 and f"Error: no document found in {empty}" in nothing.output
    plain = tmp_path / "plain.md"
    plain.write_text("一段没有任何注释的话。\n", encoding="utf-8")
    unglossed = _run("list", str(plain), home=tmp_path)
    assert unglossed.exit_code == 0 and unglossed.output == "No terms to list from 1 document: no gloss found\n"
    filtered = _run("list", str(EXAMPLES / "agents-talk.srt"), "--min-zipf", "9", home=tmp_path)
    assert filtered.exit_code == 0 and "none passes the options given" in filtered.output


def test_known_remove_names_the_words_that_were_not_marked(tmp_path: Path) -> None:
    assert _run("known", "add", "harness", "contrast", home=tmp_path).exit_code == 0
    result = _run("known", "remove", "harness", "Contrast", "nonexist", home=tmp_path)
    assert result.exit_code == 0
    assert result.output == "removed 2: harness, contrast\nnot marked, so not removed: nonexist\n"


def test_marking_another_form_of_a_marked_word_changes_nothing(tmp_path: Path) -> None:
    """New-user report 18: `known add colony`, then `known add colonies` said "nothing new" and yet `known list`
    printed `colonies`. A word marked as it already is keeps its mark as it was; one marked otherwise is changed."""
    assert _run("known", "add", "colony", home=tmp_path).stdout == "marked known 1: colony\n"
    assert _run("known", "add", "colonies", home=tmp_path).stdout == "nothing new\n"
    assert _run("known", "list", home=tmp_path).stdout == "colony\n"
    assert _run("known", "ignore", "colonies", home=tmp_path).stdout == "marked ignored 1: colonies\n"
    assert _run("known", "list", "--ignored", home=tmp_path).stdout == "colonies\n"


def test_a_build_says_which_notes_stay_for_terms_marked_since_the_last_export(tmp_path: Path) -> None:
    out, deck = str(tmp_path / "glossaries"), str(tmp_path / "deck.apkg")
    first = _run("build", str(EXAMPLES), "--out", out, "--deck-out", deck, home=tmp_path)
    assert first.exit_code == 0 and "marked known or ignored" not in first.output
    assert _run("known", "add", "evals", home=tmp_path).exit_code == 0
    again = _run("build", str(EXAMPLES), "--out", out, "--deck-out", deck, home=tmp_path)
    assert again.exit_code == 0
    assert "1 of the deck's notes is a term you marked known or ignored, kept so that a re-import tags them" in (
        again.output
    )


def test_document_filter_matches_a_show_too(tmp_path: Path) -> None:
    (tmp_path / "ep1.md").write_text(
        "---\ntitle: Episode one\nshow: Packet Trace\n---\n\n我们聊了钓鱼邮件（phishing email）。\n", encoding="utf-8"
    )
    (tmp_path / "notes.txt").write_text("还有零信任（zero trust）。\n", encoding="utf-8")
    result = _run("list", str(tmp_path), "--document", "Packet Trace", "--format", "jsonl", home=tmp_path)
    assert [row["en"] for row in _jsonl(result)] == ["phishing email"] and result.stderr == ""


def test_an_empty_known_file_lists_no_words(tmp_path: Path) -> None:
    (tmp_path / "lists").mkdir()
    empty = tmp_path / "lists" / "mine.txt"  # not the data folder's known.txt, which is imported into the store
    empty.write_bytes(b"")
    result = _run("list", str(EXAMPLES), "--known", str(empty), "--top", "1", "--format", "jsonl", home=tmp_path)
    assert result.exit_code == 0 and len(_jsonl(result)) == 1


def test_hidden_names_leave_no_gap_in_the_ranks_and_known_words_keep_theirs(tmp_path: Path) -> None:
    """People's names are hidden by default: the ranks a learner reads run 1, 2, 3 without them, and with
    --include-names the names take their places again. A known word keeps its place (a mark does not renumber every
    note below it in Anki)."""
    doc = tmp_path / "talk.md"
    doc.write_text(
        "卡尔·萨根（Carl Sagan）说过。卡尔·萨根（Carl Sagan）又说。\n"
        "引力透镜（gravitational lensing）和暗物质（dark matter）。\n"
        "暗物质（dark matter）很多。维拉·鲁宾（Vera Rubin）测过自转曲线（rotation curve）。\n",
        encoding="utf-8",
    )
    home = tmp_path / "home"
    shown = _jsonl(_run("list", str(doc), "--format", "jsonl", home=home))
    assert [r["rank"] for r in shown] == [1, 2, 3] and "Carl Sagan" not in {r["en"] for r in shown}
    every = _jsonl(_run("list", str(doc), "--format", "jsonl", "--include-names", home=home))
    assert [r["rank"] for r in every] == [1, 2, 3, 4, 5] and {"Carl Sagan", "Vera Rubin"} <= {r["en"] for r in every}
    assert _run("known", "add", shown[0]["en"], home=home).exit_code == 0
    after = _jsonl(_run("list", str(doc), "--format", "jsonl", home=home))
    assert [r["rank"] for r in after] == [2, 3]


def test_a_documents_list_shows_its_own_sentence_for_a_term_glossed_elsewhere(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "stargazing-podcast.txt").write_text(
        "Speaker 100:00 - 00:05\nFor long exposures you want a sturdy equatorial mount.\n"
        "Speaker 100:00 - 00:05\n长时间曝光需要一台结实的赤道仪（equatorial mount）。\n",
        encoding="utf-8",
    )
    (docs / "telescope-notes.md").write_text(
        "# 望远镜笔记\n\n我把赤道仪放在阳台上，先做极轴校准。\n\n之后再装主镜。\n", encoding="utf-8"
    )
    rows = _jsonl(_run("list", str(docs), "--format", "jsonl", "--document", "TELESCOPE", home=tmp_path))  # any case
    mount = next(r for r in rows if r["en"] == "equatorial mount")
    assert mount["sentence"] == "我把赤道仪放在阳台上，先做极轴校准。"
    assert Path(mount["source"]).name == "telescope-notes.md" and mount["line"] == 3
    everywhere = _jsonl(_run("list", str(docs), "--format", "jsonl", home=tmp_path))
    assert next(r for r in everywhere if r["en"] == "equatorial mount")["sentence"].startswith("长时间曝光")


def test_a_data_folder_that_cannot_be_made_is_one_line_naming_it(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = _run("known", "add", "harness", home=blocker / "data")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {blocker / 'data'}: cannot make the data folder (Not a directory): point VOCAB_HOME (or --data-dir)"
        " elsewhere"
    ]


def test_a_term_shown_with_chinese_in_its_english_is_marked_as_shown(tmp_path: Path) -> None:
    """`vocab known ignore "WDT 针"`: a word with Chinese in it is stored as a Chinese mark; the term whose English
    is written so is the one marked (new-user report 9: it stayed listed)."""
    doc = tmp_path / "espresso.md"
    doc.write_text("或者拿 WDT 针（Weiss Distribution Technique，一种拨散粉块的办法）把粉拨匀。\n", encoding="utf-8")
    shown = {r["en"] for r in _jsonl(_run("list", str(doc), "--format", "jsonl", home=tmp_path))}
    mixed = next(en for en in shown if "针" in en)
    assert _run("known", "ignore", mixed, home=tmp_path).exit_code == 0
    left = {r["en"] for r in _jsonl(_run("list", str(doc), "--format", "jsonl", home=tmp_path))}
    assert left == shown - {mixed}


def _episode_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A folder holding one episode, and another to work in, made the current folder."""
    docs, work = tmp_path / "docs", tmp_path / "work"
    docs.mkdir()
    work.mkdir()
    (docs / "ep1.md").write_text("我们用梯度下降（gradient descent）训练。\n", encoding="utf-8")
    monkeypatch.chdir(work)
    return docs, work


def test_without_paths_beside_a_builds_glossaries_the_documents_it_read_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`vocab review` or `vocab list` in the folder a build wrote its glossaries to, the documents elsewhere: "no
    document found in ." (new-user report 10); the last build's documents are read, and that is said."""
    docs, work = _episode_elsewhere(tmp_path, monkeypatch)
    assert _run("build", str(docs), home=tmp_path).exit_code == 0
    listed = _run("list", "--format", "jsonl", home=tmp_path)
    assert listed.exit_code == 0, listed.output
    assert [r["en"] for r in _jsonl(listed)] == ["gradient descent"]
    assert "no PATHS given: reading the 1 document the last build into glossaries/ read" in listed.stderr
    (work / "own.md").write_text("这里有自己的文档：过拟合（overfitting）。\n", encoding="utf-8")
    assert [r["en"] for r in _jsonl(_run("list", "--format", "jsonl", home=tmp_path))] == ["overfitting"]


def test_a_walk_leaves_out_vocabs_own_data_and_cache_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With its data folder inside the folder it was run in (`VOCAB_HOME=./vocab-data`), the walk took the data
    folder's `last-glossaries.txt` for the one document there, and `vocab review` found no terms; vocab's own folders
    are no documents."""
    docs, work = _episode_elsewhere(tmp_path, monkeypatch)
    cache = {"VOCAB_CACHE": str(work / "vocab-cache")}
    assert _run("build", str(docs), home=work / "vocab-data", **cache).exit_code == 0
    assert (work / "vocab-data" / "last-glossaries.txt").exists()
    listed = _run("list", "--format", "jsonl", home=work / "vocab-data", **cache)
    assert [r["en"] for r in _jsonl(listed)] == ["gradient descent"], listed.output


def test_a_walk_reads_mdx_pages_and_leaves_out_other_files(tmp_path: Path) -> None:
    """A learner's report: a folder build read 7 of 8 documents, silently leaving out a course's `.mdx` page (Markdown
    with components) that `vocab extract` read alone."""
    from vocab.corpus import document_paths

    (tmp_path / "quiz.mdx").write_text("# 第二章\n\n分词器（tokenizer）把文本切成词元。\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# 笔记\n\n过拟合（overfitting）很常见。\n", encoding="utf-8")
    (tmp_path / "figure.png").write_bytes(b"\x89PNG")
    assert [p.name for p in document_paths([tmp_path])] == ["notes.md", "quiz.mdx"]
    listed = _run("list", str(tmp_path), "--format", "jsonl", home=tmp_path / "home")
    assert {r["en"] for r in _jsonl(listed)} == {"tokenizer", "overfitting"}


def test_marking_one_form_of_a_term_says_the_whole_term_is_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New-user report 19: `known add OG` hid `original gravity (OG)` and said nothing of it. A word that names a term
    by a form other than the one shown says which term it marked whole; the shown English or Chinese says nothing
    more."""
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "brew.md"
    doc.write_text("麦汁的原始比重（original gravity，OG）决定酒精度。\n", encoding="utf-8")
    home = tmp_path / "home"
    assert _run("build", str(doc), "--deck-out", "-", home=home).exit_code == 0
    acronym = _run("known", "add", "OG", home=home)
    assert acronym.stdout == "marked known 1: OG (原始比重)\n"
    assert acronym.stderr == "OG: the term original gravity (OG) 原始比重 is known, all its forms\n"
    for shown in ("original gravity", "原始比重"):
        said = _run("known", "ignore", shown, home=home)
        other = "原始比重" if shown == "original gravity" else "original gravity (OG)"
        assert said.stdout == f"marked ignored 1: {shown} ({other})\n" and said.stderr == "", said.output


def test_search_finds_a_term_by_either_script_by_toneless_pinyin_and_across_joins(tmp_path: Path) -> None:
    def found(text: str) -> list[str]:
        rows = _jsonl(_run("list", str(EXAMPLES), "--format", "jsonl", "--search", text, home=tmp_path))
        return [r["en"] for r in rows]

    assert found("评测") == found("評測") == found("ping ce") == found("píng cè")
    assert found("评测") == found("ping2 ce4") == found("pingce")  # tone numbers, no spaces
    assert found("评测")[0] == "evals"
    assert found("Long-Horizon") == found("long horizon") == ["long-horizon agents", "long-horizon tasks"]
    assert "pre-training" in found("预训练") and "post-training" not in found("预训练")
    # learner's trial 58 #8: a form of the English a learner types (a plural, a singular, a join)
    assert "agent" in found("agents") and "pre-training" in found("pretraining") and "fine-tuning" in found("finetune")
    result = _run("list", str(EXAMPLES), "--search", "zzzq", home=tmp_path)
    assert result.exit_code == 0 and result.stdout == ""
    assert "No term has 'zzzq'" in result.stderr


def test_search_finds_a_term_by_the_pinyin_of_any_of_its_chinese_forms(tmp_path: Path) -> None:
    """Learner's trial 58 #8: `tui li` found nothing for `inference 推論; 推理`, whose pinyin is its first form's."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("在显卡上推論（inference）很快。\n", encoding="utf-8")
    (docs / "b.md").write_text("推理（inference）成本很高。\n", encoding="utf-8")
    for query in ("tui lun", "tui li"):
        rows = _jsonl(_run("list", str(docs), "--format", "jsonl", "--search", query, home=tmp_path))
        assert [r["en"] for r in rows] == ["inference"], query


def test_search_by_pinyin_matches_whole_syllables(tmp_path: Path) -> None:
    """Learner's trial 60: `--search huan` found 转租 (zhuǎn zū), a syllable's letters inside another's; and `lv4`
    found no 律师 (lǜ: its mark and its dots are one character)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("他在找转租（sublet）的房子，还约了律师（lawyer）。\n", encoding="utf-8")
    for query, found in (("huan", []), ("zhuan", ["sublet"]), ("zhuanzu", ["sublet"]), ("lv4", ["lawyer"])):
        rows = _jsonl(_run("list", str(docs), "--format", "jsonl", "--search", query, home=tmp_path))
        assert [r["en"] for r in rows] == found, query


def test_document_filter_reads_a_space_as_the_file_names_hyphen(tmp_path: Path) -> None:
    hyphen = _jsonl(_run("list", str(EXAMPLES), "--format", "jsonl", "--document", "agents-talk", home=tmp_path))
    spaced = _jsonl(_run("list", str(EXAMPLES), "--format", "jsonl", "--document", "Agents Talk", home=tmp_path))
    assert hyphen and spaced == hyphen


def test_a_word_given_as_a_path_is_an_error_with_a_hint_to_search(tmp_path: Path) -> None:
    result = _run("list", str(EXAMPLES), "评测", "--top", "1", home=tmp_path)
    assert result.exit_code == 1 and "评测: no such file" in result.stderr
    assert "vocab list PATHS --search '评测'" in result.stderr
    missing = _run("list", str(EXAMPLES), "episodes/ep9.txt", "--top", "1", home=tmp_path)
    assert missing.exit_code == 1 and "Hint" not in missing.stderr  # a file's path mistyped is no word


def test_search_says_when_the_term_it_finds_is_marked_known(tmp_path: Path) -> None:
    _run("known", "add", "evals", home=tmp_path)
    result = _run("list", str(EXAMPLES), "--search", "Evals", home=tmp_path)
    assert result.exit_code == 0 and result.stdout == ""
    assert "No term listed has 'Evals': evals is known" in result.stderr


def test_a_list_of_terms_chooses_what_list_and_glossary_show(tmp_path: Path) -> None:
    """A teacher's lesson (learner's trial 61): `--terms` lists and writes only the terms her file names, a term she
    marked known among them, and says the word that names none."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "w1.md").write_text("# 第一週\n\n演算法（algorithm）重要。學習率（learning rate）大。\n", encoding="utf-8")
    (docs / "w2.md").write_text("# 第二週\n\n降維（dimensionality reduction）有用。\n", encoding="utf-8")
    (tmp_path / "lesson.txt").write_text("學習率\ndimensionality reduction\nlerning rate\n", encoding="utf-8")
    assert _run("known", "add", "learning rate", home=tmp_path).exit_code == 0
    listed = _run("list", str(docs), "--terms", str(tmp_path / "lesson.txt"), "--format", "jsonl", home=tmp_path)
    assert [t["en"] for t in _jsonl(listed)] == ["dimensionality reduction", "learning rate"]
    assert "'lerning rate' names no term" in listed.stderr
    out = tmp_path / "sheet"
    sheet = _run("glossary", str(docs), "--terms", str(tmp_path / "lesson.txt"), "--out", str(out), home=tmp_path)
    assert sheet.exit_code == 0, sheet.output
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "| learning rate |" in index and "| dimensionality reduction |" in index and "algorithm" not in index


def test_a_word_list_beside_the_episodes_is_no_episode(tmp_path: Path) -> None:
    """Learner's trial 63: an interpreter's `--terms` list in the folder she read was read as a document too, and its
    words counted as mentions; so was a `--known` list. A walk leaves both out; named as PATHS, a file is read."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ep.md").write_text("# 简报\n\n芯粒（chiplet）正在改变封装。\n", encoding="utf-8")
    (docs / "booth-terms.txt").write_text("chiplet\n芯粒\n", encoding="utf-8")
    (docs / "known.txt").write_text("封装\n", encoding="utf-8")
    options = ("--terms", str(docs / "booth-terms.txt"), "--known", str(docs / "known.txt"), "--format", "jsonl")
    (chiplet,) = _jsonl(_run("list", str(docs), *options, home=tmp_path))
    assert (chiplet["count"], chiplet["documents"]) == (1, 1)
    named = _run("list", str(docs), str(docs / "booth-terms.txt"), "--format", "jsonl", home=tmp_path)
    assert _jsonl(named)[0]["documents"] == 2  # named, the list is read as the learner asked
