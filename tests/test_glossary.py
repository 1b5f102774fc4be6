"""Glossaries: safe file names, Markdown that cannot break, whole-or-nothing writes, identical rebuilds."""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from vocab import parse_document
from vocab.cli import cli
from vocab.export.glossary import (
    _sources_from,
    escape_markdown,
    glossary_filenames,
    render_corpus_glossary,
    render_glossary,
)
from vocab.extract import extract_glosses
from vocab.fileio import atomic_path, atomic_write, written_together
from vocab.rank import rank_terms
from vocab.text import slugify

from .conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def pinyin_loaded() -> None:
    """Slugs read Chinese as pinyin: its phrase table is loaded (or built, in a new cache folder) once, before the
    examples are timed."""
    slugify("模型")


@given(st.text())
def test_slugs_are_safe(pinyin_loaded: None, title: str) -> None:
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slugify(title))


@given(st.text())
def test_escaped_markdown_has_no_raw_specials(text: str) -> None:
    """Outside inline code, every special is escaped; inside it (kept as code) only a pipe, which ends a cell."""
    escaped = escape_markdown(text)
    assert "\n" not in escaped
    outside = re.split(r"(?<!\\)`[^`]*(?<!\\)`", escaped.replace("\\\\", ""))
    assert not any(re.search(r"(?<!\\)[|<>*_`\[\]]", piece) for piece in outside)
    assert not re.search(r"(?<!\\)\|", escaped.replace("\\\\", ""))


def test_an_explanation_is_a_definition_with_no_chinese_nor_pinyin() -> None:
    """A learner's report: `fsync（把缓存里的数据强制写进磁盘）` showed a sentence's pinyin (and misread it), and
    stood in the 中文 column as if it were a word."""
    document = parse_document("要先 fsync（把缓存里的数据强制写进磁盘）再返回，这叫持久化（durability）。\n", "x.md")
    terms = rank_terms(list(extract_glosses(document)), [document])
    for page in (render_glossary(document, terms, "md"), render_corpus_glossary(terms, {"x.md": "x.md"}, {}, "md")):
        rows = {line.split(" | ")[1]: line.split(" | ") for line in page.splitlines() if line.startswith("| ")}
        assert rows["fsync"][2:5] == ["—", "", "把缓存里的数据强制写进磁盘"]  # 中文, pinyin, definition
        assert rows["durability"][2:5] == ["持久化", "chí jiǔ huà", ""]


def test_inline_code_stays_code_in_a_glossary() -> None:
    document = parse_document("把 `sync_mode` 设成 `batch|off`，减少写入放大（write amplification）。\n", "code.md")
    page = render_glossary(document, rank_terms(list(extract_glosses(document)), [document]), "md")
    row = next(line for line in page.splitlines() if "write amplification" in line)
    assert "把 `sync_mode` 设成 `batch\\|off`，减少**写入放大**" in row and "\\`" not in row


def test_glossary_markdown_has_header_and_bold_context() -> None:
    text = (
        "---\ntitle: 'A | tricky *title*'\ndate: 2026-01-02\nsource: https://youtu.be/abc\nseries: Show\n---\n\n"
        "我们使用梯度下降（gradient descent）。梯度下降很常见。\n"
    )
    document = parse_document(text, "ep.md")
    terms = rank_terms(list(extract_glosses(document)), [document])
    page = render_glossary(document, terms, "md")
    assert page.startswith("# A \\| tricky \\*title\\*\n")
    assert "- **Show:** Show" in page and "- **Date:** 2026-01-02" in page and "<https://youtu.be/abc>" in page
    row = next(line for line in page.splitlines() if line.startswith("| 1 |"))
    assert "| gradient descent | 梯度下降 | tī dù xià jiàng |" in row
    assert "| 2 | line 8 |" in row  # counted twice in this document; first at raw line 8
    assert "我们使用**梯度下降**（**gradient descent**）。" in row
    assert row.count(" | ") == 7  # eight cells: the row did not break


def test_a_row_shows_the_chinese_as_its_document_writes_it() -> None:
    traditional = parse_document("我們用查詢最佳化器（query optimizer）挑計畫。", "tw.txt")
    simple = parse_document("它叫查询最佳化器（query optimizer）。查询最佳化器（query optimizer）很难。", "cn.txt")
    terms = rank_terms([*extract_glosses(traditional), *extract_glosses(simple)], [traditional, simple])
    rows = {
        d.path: next(r for r in render_glossary(d, terms, "md").splitlines() if r.startswith("| 1 |"))
        for d in (traditional, simple)
    }
    assert "| query optimizer | 查詢最佳化器 | chá xún zuì jiā huà qì |" in rows["tw.txt"]
    assert "| query optimizer | 查询最佳化器 | chá xún zuì jiā huà qì |" in rows["cn.txt"]  # no other script listed


def test_a_row_shows_the_gloss_in_the_episode_not_the_one_in_its_summary() -> None:
    """A front matter's summary glosses a term before the transcript does (fresh87's podcast): the row showed `line 8`
    and no English sentence. It shows the turn's gloss, its time, its speaker and its English, as the card does."""
    text = (
        "---\ntitle: Cellar Notes 8\nsummary: 本期聊了苹果酸-乳酸发酵（malolactic fermentation）。\n---\n\n"
        "**Ines Varga** (00:04:10)\n\nNext, malolactic fermentation.\n\n"
        "接下来是苹果酸-乳酸发酵（malolactic fermentation）。\n"
    )
    assert "| 04:10 Ines Varga | Next, **malolactic fermentation**." in _first_row(text, "cellar-8.md")


def test_first_shows_the_first_mention_and_the_later_gloss() -> None:
    transcript = (
        "Speaker 100:10 - 00:20\nWe keep talking about distillation.\n"
        "Speaker 100:10 - 00:20\n我们一直在谈蒸馏。\n"
        "Speaker 200:40 - 00:50\nDistillation copies a big model.\n"
        "Speaker 200:40 - 00:50\ndistillation（蒸馏）就是复制大模型。\n"
    )
    assert "| 00:10 (glossed 00:40 Speaker 2) |" in _first_row(transcript, "ep.txt")


def test_first_is_no_headings_where_the_text_says_the_term() -> None:
    """Learner's trial 60: a section heading that names the term was its "First" (`line 5 (glossed line 7)`), a line
    number where a transcript's body has the moment. The heading counts as a mention still (the 2)."""
    notes = "---\ntitle: 笔记\n---\n\n# 向量数据库入门\n\n核心组件是**向量数据库**（vector database）。\n"
    assert "| 2 | line 7 |" in _first_row(notes, "notes.md")


def test_the_alias_is_bold_in_the_sentence_too() -> None:
    """Learner's trial 56, item 8: `Is DPO replacing RLHF?` showed no bold for the term `direct preference
    optimization (DPO)`: a sentence that says the term by its acronym shows the acronym in bold."""
    transcript = (
        "Speaker 100:10 - 00:20\nIs DPO replacing RLHF?\n"
        "Speaker 100:10 - 00:20\n直接偏好优化（Direct Preference Optimization，DPO）会取代 RLHF 吗？\n"
    )
    row = _first_row(transcript, "ep.txt")
    assert "Is **DPO** replacing RLHF?" in row and "**直接偏好优化**" in row


def _first_row(text: str, name: str) -> str:
    """The Markdown glossary row of the document's first-ranked term."""
    document = parse_document(text, name)
    page = render_glossary(document, rank_terms(list(extract_glosses(document)), [document]), "md")
    return next(line for line in page.splitlines() if line.startswith("| 1 |"))


def test_names_top_and_min_score_select_what_glossary_and_deck_export(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ep.md").write_text(
        "正如肖恩·麦奎尔（Sean McGuire）所说，梯度下降（gradient descent）很重要。\n"
        "梯度下降要配合学习率（learning rate）。梯度下降再说一次。\n",
        encoding="utf-8",
    )

    def glossary_terms(*options: str) -> list[str]:
        out = tmp_path / "out"
        shutil.rmtree(out, ignore_errors=True)
        result = CliRunner().invoke(
            cli, ["glossary", str(docs), "--out", str(out), "--format", "json", *options],
            env={"VOCAB_HOME": str(tmp_path)},
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        return [t["en"] for t in json.loads((out / "index.json").read_text(encoding="utf-8"))["terms"]]

    assert glossary_terms() == ["gradient descent", "learning rate"]  # a person's name is no vocabulary
    assert "Sean McGuire" in glossary_terms("--include-names")
    assert glossary_terms("--top", "1") == ["gradient descent"]
    assert glossary_terms("--min-score", "100") == []
    result = CliRunner().invoke(
        cli, ["deck", str(docs), "--out", str(tmp_path / "d.apkg"), "--top", "1"], env={"VOCAB_HOME": str(tmp_path)}
    )
    assert result.exit_code == 0 and "1 note from 1 document" in result.output


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "g.md"
    atomic_write(target, "old\n")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("crash in the middle")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["g.md"]


def _build(*args: str, home: Path):
    """`vocab build`, its deck in ``home`` unless the test says where (never in the repository's decks/)."""
    deck = [] if "--deck-out" in args else ["--deck-out", str(home / "decks" / "vocab.apkg")]
    return CliRunner().invoke(cli, ["build", *args, *deck], env={"VOCAB_HOME": str(home)})


def test_rebuilding_the_examples_gives_the_committed_glossaries_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")  # beside its glossaries, as in the repository: the
    monkeypatch.chdir(tmp_path)  # state file names each glossary's document from there
    out = tmp_path / "glossaries"
    result = _build("examples", "--out", str(out), home=tmp_path)
    assert result.exit_code == 0, result.output
    committed = sorted(p.name for p in (ROOT / "glossaries").iterdir() if p.name != ".gitkeep")
    assert sorted(p.name for p in out.iterdir()) == committed
    match, mismatch, errors = filecmp.cmpfiles(ROOT / "glossaries", out, committed, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_a_rows_chinese_is_the_form_its_own_document_writes_with_its_reading(tmp_path: Path) -> None:
    """A Traditional page's row showed another episode's Simplified 闷蒸膨胀 first, though its own sentence says 悶蒸
    (new-user report 9, item 10); the reading follows the form shown."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "brew-log.md").write_text(
        "先**闷蒸膨胀**（bloom）三十秒。\n\n闷蒸膨胀（bloom）不够，味道就发酸。\n", encoding="utf-8"
    )
    (docs / "tw-notes.md").write_text("# 手沖筆記\n\n注水後先悶蒸（bloom），等粉層鼓起來。\n", encoding="utf-8")
    out = tmp_path / "glossaries"
    assert _build(str(docs), "--out", str(out), home=tmp_path).exit_code == 0
    rows = {
        path.name: next(line for line in path.read_text(encoding="utf-8").splitlines() if "| bloom |" in line)
        for path in out.glob("*.md")
        if path.name != "index.md"
    }
    # and the other forms in the script of the page's own (learner's trial 61: `平行運算; 并行计算` on a Taiwanese page)
    assert "| bloom | 悶蒸; 悶蒸膨脹 | mèn zhēng; mèn zhēng péng zhàng |" in rows["shou-chong-bi-ji.md"]
    assert "| bloom | 闷蒸膨胀; 闷蒸 |" in rows["brew-log-md.md"]
    # the corpus glossary counts in words a learner reads: `1 term`, not `1 terms` (new-user report 10)
    assert "\n1 term from 2 documents, ranked by" in (out / "index.md").read_text(encoding="utf-8")


def test_a_rebuild_removes_the_glossaries_of_documents_gone_and_nothing_else(tmp_path: Path) -> None:
    """A document deleted (or renamed) since: its glossaries go, in every format a build wrote them in, as the index
    drops it; a file of the learner's in the folder and the other documents' glossaries in another format stay."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("agents-talk.srt", "agents-talk.vtt"):
        shutil.copyfile(EXAMPLES / name, docs / name)
    out = tmp_path / "out"
    for fmt in ("json", "md"):
        assert _build(str(docs), "--out", str(out), "--format", fmt, home=tmp_path).exit_code == 0
    (out / "my-notes.md").write_text("mine\n", encoding="utf-8")
    (docs / "agents-talk.vtt").unlink()
    assert _build(str(docs), "--out", str(out), home=tmp_path).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        ".vocab-terms.json", "agents-talk-srt.json", "agents-talk-srt.md", "index.json", "index.md", "my-notes.md",
    ]  # fmt: skip
    state = json.loads((out / ".vocab-terms.json").read_text(encoding="utf-8"))
    assert state["files"] == {"json": ["agents-talk-srt.json", "index.json"], "md": ["agents-talk-srt.md", "index.md"]}


def test_a_build_of_one_document_leaves_the_glossaries_of_the_others(tmp_path: Path) -> None:
    """The others' documents are still there: only this build left them out, so their glossaries stay, and go once
    the documents are deleted."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("我们依靠云台（gimbal）拍出稳定的画面。\n", encoding="utf-8")
    (docs / "b.txt").write_text("无人机靠光流（optical flow）悬停。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert _build(str(docs), "--out", str(out), home=tmp_path).exit_code == 0
    assert _build(str(docs / "b.txt"), "--out", str(out), home=tmp_path).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [".vocab-terms.json", "a-txt.md", "b-txt.md", "index.md"]
    (docs / "a.txt").unlink()
    assert _build(str(docs), "--out", str(out), home=tmp_path).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [".vocab-terms.json", "b-txt.md", "index.md"]


def test_the_state_file_names_each_document_by_its_real_path_from_the_folder(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Through a linked folder, a linked file, `..` and a name with no folder: the real file, as `Path.resolve` finds
    it (each folder is resolved once, so a file that is itself a link is resolved on its own)."""
    (tmp_path / "real").mkdir()
    (tmp_path / "out").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "real" / name).write_text("x\n", encoding="utf-8")
    (tmp_path / "linked").symlink_to("real")
    (tmp_path / "real" / "c.txt").symlink_to("b.txt")
    paths = [str(tmp_path / "linked" / "a.txt"), str(tmp_path / "linked" / "c.txt"),
             str(tmp_path / "out" / ".." / "real" / "b.txt"), "a.txt"]  # fmt: skip
    monkeypatch.chdir(tmp_path / "real")
    found = _sources_from(tmp_path / "out", paths)
    out = (tmp_path / "out").resolve()
    assert found == {p: Path(os.path.relpath(Path(p).resolve(), out)).as_posix() for p in paths}
    assert found[paths[1]] == found[paths[2]] == "../real/b.txt" and found["a.txt"] == "../real/a.txt"


def test_terms_a_smaller_build_left_out_are_not_new_again(tmp_path: Path) -> None:
    """A `--top 2` build between two full ones: the second full build's terms were all written before, so none is
    new (it said 44 new terms after a --top 5 build)."""
    out = tmp_path / "out"
    first = _build(str(EXAMPLES), "--out", str(out), "--deck-out", "-", home=tmp_path)
    assert first.exit_code == 0 and "new terms 0" not in first.stdout
    top = _build(str(EXAMPLES), "--out", str(out), "--top", "2", "--deck-out", "-", home=tmp_path)
    assert "new terms 0" in top.stdout
    again = _build(str(EXAMPLES), "--out", str(out), "--deck-out", "-", home=tmp_path)
    assert again.exit_code == 0 and "new terms 0" in again.stdout, again.stdout


def test_the_state_an_older_build_wrote_a_list_of_terms_is_still_read(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("我们使用梯度下降（gradient descent）。\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    older = [{"key": "gradientdescent", "en": "gradient descent", "zh": "梯度下降"}]
    (out / ".vocab-terms.json").write_text(json.dumps(older), encoding="utf-8")
    assert "new terms 0" in _build(str(doc), "--out", str(out), home=tmp_path).stdout


def test_build_reports_a_bad_document_and_builds_the_rest_when_partial(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text("我们使用梯度下降（gradient descent）。\n", encoding="utf-8")
    (docs / "bad.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    (docs / "binary.srt").write_bytes(b"\x00\x01\x02 not text")
    (docs / "draft.txt").write_bytes(b"")  # an episode not pasted yet: skipped with a warning, it stops nothing
    out = tmp_path / "out"
    refused = _build(str(docs), "--out", str(out), home=tmp_path)
    assert refused.exit_code == 1 and not out.exists()  # without --partial, a missing document stops the writing
    assert "2 of 3 documents could not be read: nothing written (--partial writes the others)" in refused.stderr
    result = _build(str(docs), "--out", str(out), "--partial", home=tmp_path)
    assert result.exit_code == 1
    assert f"Error: {docs / 'bad.md'}:2: invalid YAML front matter" in result.stderr
    assert f"Error: {docs / 'binary.srt'}: looks like a binary file (it has NUL bytes), not a text document" in (
        result.stderr
    )
    assert f"Warning: {docs / 'draft.txt'}: file is empty: skipped" in result.stderr
    assert "documents 1   glosses 1   terms 1   new terms 1   errors 2" in result.stdout
    assert f"missing from the output: {docs / 'bad.md'}, {docs / 'binary.srt'}" in result.stdout
    state = json.loads((out / ".vocab-terms.json").read_text(encoding="utf-8"))
    assert state["terms"] == [
        {
            "key": "gradientdescent",
            "en": "gradient descent",
            "zh": "梯度下降",
            "en_forms": ["gradient descent"],
            "zh_forms": ["梯度下降"],
        }
    ]
    assert state["files"] == {"md": ["good-txt.md", "index.md"]}
    again = _build(str(docs / "good.txt"), "--out", str(out), home=tmp_path)
    assert "new terms 0" in again.stdout


def test_glossary_to_stdout_in_json(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("我们使用梯度下降（gradient descent）。\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["glossary", str(doc), "--out", "-", "--format", "json"], env={"VOCAB_HOME": str(tmp_path)}
    )
    page = json.loads(result.stdout)
    assert page["title"] == "a" and page["terms"][0]["en"] == "gradient descent"
    assert not (tmp_path / "glossaries").exists()


def test_glossaries_of_several_documents_to_stdout_are_one_json_list_or_one_csv_table(tmp_path: Path) -> None:
    import csv

    (tmp_path / "a.txt").write_text("我们使用梯度下降（gradient descent）。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("还有注意力机制（attention mechanism）。\n", encoding="utf-8")
    env = {"VOCAB_HOME": str(tmp_path)}
    paths = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    listed = json.loads(CliRunner().invoke(cli, ["glossary", *paths, "--out", "-", "--format", "json"], env=env).stdout)
    assert [(page["title"], page["terms"][0]["en"]) for page in listed] == [
        ("a", "gradient descent"), ("b", "attention mechanism"),
    ]  # fmt: skip
    table = CliRunner().invoke(cli, ["glossary", *paths, "--out", "-", "--format", "csv"], env=env).stdout
    rows = list(csv.DictReader(table.splitlines()))
    expected = [(paths[0], "gradient descent"), (paths[1], "attention mechanism")]
    assert [(row["document"], row["en"]) for row in rows] == expected


def test_outputs_that_cannot_be_written_are_one_clear_error(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(EXAMPLES / "agents-talk.srt", docs)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    env = {"VOCAB_HOME": str(tmp_path / "home")}
    cases = [
        (["glossary", str(docs), "--out", str(a_file)], f"{a_file}: is a file, not a folder"),
        (["deck", str(docs), "--out", str(tmp_path)], f"{tmp_path}: is a folder: give a file name"),
        (["deck", str(docs), "--out", str(a_file)], f"{a_file}: exists and is not an Anki package: not overwritten"),
    ]
    for args, message in cases:
        result = CliRunner().invoke(cli, args, env=env)
        assert result.exit_code == 1 and result.stderr.startswith(f"Error: {message}"), result.output
        assert "Traceback" not in result.output
    assert a_file.read_text(encoding="utf-8") == "mine"


def test_a_glossary_sorted_for_an_interpreter_says_its_order_and_the_next_one_is_ranked_again(tmp_path: Path) -> None:
    """Learner's trial 63: an interpreter's booth sheet is alphabetical (by the English for 英→中, by pinyin for 中→英),
    and glossaries came only in rank order. `--sort` orders every glossary's rows and says so in its header; the
    rows kept in the cache are not those of another order."""
    docs = tmp_path / "docs"
    docs.mkdir()
    text = "先看良率（yield）。\n再看能效比（performance per watt）和存储墙（memory wall）。\n"
    text += "存储墙（memory wall）最难。\n"
    (docs / "brief.md").write_text(text, encoding="utf-8")
    env = {"VOCAB_HOME": str(tmp_path / "home"), "VOCAB_CACHE": str(tmp_path / "cache")}
    out = tmp_path / "glossaries"

    def rows(*options: str) -> tuple[list[str], str]:
        result = CliRunner().invoke(cli, ["glossary", str(docs), "--out", str(out), *options], env=env)
        assert result.exit_code == 0, result.output
        sheet = (out / "brief-md.md").read_text(encoding="utf-8")
        table = [line for line in sheet.splitlines() if line.startswith("| ") and "|---" not in line]
        return [line.split(" | ")[1] for line in table[1:]], sheet

    ranked, sheet = rows()
    assert "in rank order across the corpus" in sheet
    alphabetical, sheet = rows("--sort", "alpha")
    assert alphabetical == ["memory wall", "performance per watt", "yield"] != ranked
    assert "in alphabetical order of the English" in sheet
    by_pinyin, sheet = rows("--sort", "pinyin")
    assert by_pinyin == ["memory wall", "yield", "performance per watt"]  # cún, liáng, néng
    assert "in pinyin order of the Chinese" in sheet and "listed in pinyin order" in (out / "index.md").read_text()
    again, sheet = rows()
    assert again == ranked and "in rank order across the corpus" in sheet


def test_an_output_path_that_is_a_pipe_or_a_link_is_never_replaced(tmp_path: Path) -> None:
    """A rename would put an ordinary file where a pipe or a device stands (`--out /dev/null` as root replaced
    /dev/null); through a symbolic link, the file it points at is written and the link stays."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(EXAMPLES / "agents-talk.srt", docs)
    env = {"VOCAB_HOME": str(tmp_path / "home")}
    pipe = tmp_path / "pipe.apkg"
    os.mkfifo(pipe)
    for args in (["deck", str(docs), "--out", str(pipe)], ["build", str(docs), "--out", str(tmp_path / "g"),
                                                           "--deck-out", str(pipe)]):  # fmt: skip
        result = CliRunner().invoke(cli, args, env=env)
        message = f"Error: {pipe}: is not a regular file (a device, a pipe or a socket): not overwritten"
        assert result.exit_code == 1 and result.stderr.startswith(message), result.output
        assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert not (tmp_path / "g").exists()  # known before any glossary is written
    real, link = tmp_path / "decks" / "real.apkg", tmp_path / "link.apkg"
    real.parent.mkdir()
    link.symlink_to(real)
    result = CliRunner().invoke(cli, ["deck", str(docs), "--out", str(link)], env=env)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and zipfile.is_zipfile(real)


def test_piped_build_summary_keeps_each_line_whole(tmp_path: Path) -> None:
    result = _build(str(EXAMPLES), "--out", str(tmp_path / "out"), "--deck-out", "-", home=tmp_path)
    assert result.exit_code == 0, result.output
    top = next(line for line in result.stdout.splitlines() if line.startswith("  top new terms: "))
    assert top.count(", ") == 9  # ten terms on one line, however wide


def test_build_summary_names_the_glossaries_and_the_deck_as_written(tmp_path: Path) -> None:
    """A deck named other than vocab.apkg was taken for a glossary (`wrote 9 glossaries to decks/ (corpus: mine)`),
    and the notes a marked term keeps in the deck (tagged) were left out of its count. A new deck named without
    `.apkg`, which Anki would not import, is refused."""
    refused = _build(str(EXAMPLES), "--out", str(tmp_path / "out"), "--deck-out", str(tmp_path / "mine"), home=tmp_path)
    assert refused.exit_code == 2 and "an Anki deck is an .apkg file (try mine.apkg)" in refused.output
    assert not (tmp_path / "mine").exists() and not (tmp_path / "out").exists()
    deck = tmp_path / "decks" / "mine.apkg"
    out = tmp_path / "out"
    first = _build(str(EXAMPLES), "--out", str(out), "--deck-out", str(deck), home=tmp_path)
    assert first.exit_code == 0, first.output
    assert f"  wrote 8 glossaries to {out}/ (corpus: index.md)" in first.stdout.splitlines()
    notes = len(json.loads((deck.parent / ".mine.apkg.notes.json").read_text(encoding="utf-8"))) - 1
    assert f"  wrote the Anki deck {deck} ({notes} notes)" in first.stdout.splitlines()
    CliRunner().invoke(cli, ["known", "ignore", "scrappy"], env={"VOCAB_HOME": str(tmp_path)})
    second = _build(str(EXAMPLES), "--out", str(out), "--deck-out", str(deck), home=tmp_path)
    assert f"terms {notes - 1} " in second.stdout  # scrappy is no term of the list, but its note stays, tagged
    assert f"  wrote the Anki deck {deck} ({notes} notes)" in second.stdout.splitlines()
    again = _build(str(EXAMPLES), "--out", str(out), "--deck-out", str(deck), home=tmp_path)
    assert f"  up to date: the Anki deck {deck} ({notes} notes)" in again.stdout.splitlines()


def test_a_build_with_its_own_out_folder_keeps_its_deck_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`build OTHER --out X` replaced the learner's decks/vocab.apkg with a deck of the other documents (new-user
    report 18: 35 of 39 notes gone). Told where its glossaries go, a build keeps its deck with them; without --out,
    or with --out naming the default folder, the deck is decks/vocab.apkg as before."""
    monkeypatch.chdir(tmp_path)
    env = {"VOCAB_HOME": str(tmp_path / "home")}
    main = CliRunner().invoke(cli, ["build", str(EXAMPLES)], env=env)
    assert main.exit_code == 0, main.output
    deck = tmp_path / "decks" / "vocab.apkg"
    before = deck.read_bytes()
    other = CliRunner().invoke(cli, ["build", str(EXAMPLES / "agents-talk.srt"), "--out", "scratch"], env=env)
    assert other.exit_code == 0, other.output
    assert "  wrote the Anki deck scratch/vocab.apkg (" in other.stdout
    assert deck.read_bytes() == before and (tmp_path / "scratch" / "vocab.apkg").is_file()
    named = CliRunner().invoke(cli, ["build", str(EXAMPLES), "--out", "glossaries"], env=env)
    assert "  up to date: the Anki deck decks/vocab.apkg (" in named.stdout, named.output
    assert not (tmp_path / "glossaries" / "vocab.apkg").exists()


def test_a_cue_shared_by_several_terms_is_one_footnote_with_all_of_them_in_bold() -> None:
    """A minute-long cue holding several terms was repeated once per term (Ep 87 of the seeds: 173 footnotes
    for 78 cues); it is one footnote, referenced by each of its terms' rows, each term bold in it."""
    shared = 0
    for glossary in sorted((ROOT / "glossaries").glob("*.md")):
        text = glossary.read_text(encoding="utf-8")
        notes = dict(re.findall(r"^(\[\^\d+\]): (.*)$", text, flags=re.MULTILINE))
        plain = [note.replace("**", "") for note in notes.values()]
        assert len(plain) == len(set(plain)), glossary.name
        for row in (line for line in text.splitlines() if line.startswith("| ") and "[^" in line):
            (cell,) = (cell for cell in row.split(" | ") if "[^" in cell)  # the sentence the cue holds
            (label,) = re.findall(r"\[\^\d+\]", cell)
            for bold in re.findall(r"\*\*(.+?)\*\*", cell):  # the term, as that sentence writes it
                assert f"**{bold}**" in notes[label], (glossary.name, label, bold)
        shared += sum(row.count("[^") for row in text.splitlines() if row.startswith("| ")) - len(notes)
    assert shared > 0  # the examples do have cues that hold more than one term


def test_the_corpus_glossary_links_a_document_only_where_its_glossary_lists_the_term() -> None:
    """A learner who follows a link from index.md finds the term's row there: a document where the term is only
    said (its glossary has no row for it) is named, not linked."""
    index = (ROOT / "glossaries" / "index.md").read_text(encoding="utf-8")
    rows = [line.split(" | ") for line in index.splitlines() if re.match(r"\| \d+ \| ", line)]
    linked = unlinked = 0
    for row in rows:
        term = row[1]
        for name in re.findall(r"\]\(([^)]+\.md)\)", row[6]):
            page = (ROOT / "glossaries" / name).read_text(encoding="utf-8")
            assert f"| {term} |" in page, (term, name)
            linked += 1
        unlinked += len([d for d in row[6].split(", ") if d and not d.startswith("[")])
    assert linked > 0 and unlinked > 0  # both kinds occur in the examples


def test_the_pinyin_cell_reads_every_chinese_form_the_row_lists() -> None:
    text = "我们讲 data curation(数据筛选)。\n也叫 data curation(数据筛选与整理)。\n"
    document = parse_document(text, "ep.txt")
    terms = rank_terms(list(extract_glosses(document)), [document])
    row = next(line for line in render_glossary(document, terms, "md").splitlines() if "data curation" in line)
    assert "| 数据筛选; 数据筛选与整理 | shù jù shāi xuǎn; shù jù shāi xuǎn yǔ zhěng lǐ |" in row


def test_building_one_episode_beside_a_librarys_build_says_what_it_leaves_out(tmp_path: Path) -> None:
    """New-user report 11: `vocab build ep04.txt` where the library's build lives made the corpus glossary and the deck
    of that one episode, with no word on why."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ep1.txt").write_text("我们用梯度下降（gradient descent）。\n", encoding="utf-8")
    (docs / "ep2.txt").write_text("再谈学习率（learning rate）。\n", encoding="utf-8")
    (docs / "ep3.txt").write_text("还有动量（momentum）。\n", encoding="utf-8")
    out = tmp_path / "glossaries"
    assert _build(str(docs), "--out", str(out), home=tmp_path).exit_code == 0
    one = _build(str(docs / "ep3.txt"), "--out", str(out), home=tmp_path)
    assert one.exit_code == 0
    assert f"the last build into {out}/ also read 2 other documents, still there" in one.stdout
    assert "also read" not in _build(str(docs), "--out", str(out), home=tmp_path).stdout  # all of them again
    (docs / "ep1.txt").unlink()
    assert "also read" not in _build(str(docs), "--out", str(out), home=tmp_path).stdout  # one deleted: not left out


def test_a_csv_glossary_with_no_row_still_has_its_header(tmp_path: Path) -> None:
    """New-user report 11: `--format csv --top N` wrote empty files for documents with none of the top terms."""
    from vocab import load_corpus
    from vocab.export.glossary import ROW_FIELDS, document_entries

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("梯度下降（gradient descent）。梯度下降（gradient descent）。\n", encoding="utf-8")
    (docs / "b.txt").write_text("学习率（learning rate）。\n", encoding="utf-8")
    out = tmp_path / "g"
    assert _build(str(docs), "--out", str(out), "--format", "csv", "--top", "1", home=tmp_path).exit_code == 0
    assert (out / "b-txt.csv").read_text(encoding="utf-8") == ",".join(ROW_FIELDS) + "\n"
    corpus = load_corpus([docs / "a.txt"])
    assert tuple(document_entries(corpus.documents[0], corpus.terms)[0]) == ROW_FIELDS  # the rows' own order


class _Unwalked(tuple):  # type: ignore[type-arg]
    """A term's glosses that fail the test when gone through."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        raise AssertionError("a row went through the term's glosses in every document")


def test_a_documents_rows_read_no_gloss_of_other_documents(tmp_path: Path) -> None:
    """The glossaries are written by forked workers, and a worker copies each page of the corpus it touches: a row
    that went through its term's glosses everywhere (to tell the term's Chinese from the learner's own) made each
    worker touch every gloss of a 1,000-episode library. What a row needs from them is found with the index."""
    import dataclasses

    from vocab import load_corpus
    from vocab.export.glossary import document_entries, index_by_document

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "brew-log.md").write_text("先**闷蒸膨胀**（bloom）三十秒。\n", encoding="utf-8")
    (docs / "tw-notes.md").write_text("注水後先悶蒸（bloom），等粉層鼓起來。\n", encoding="utf-8")
    corpus = load_corpus([docs])
    index = index_by_document(corpus.terms)
    unwalked = {
        path: [(dataclasses.replace(term, glosses=_Unwalked(term.glosses)), *rest) for term, *rest in listed]
        for path, listed in index.items()
    }
    rows = {Path(d.path).name: document_entries(d, corpus.terms, unwalked)[0]["zh"] for d in corpus.documents}
    assert rows == {"brew-log.md": "闷蒸膨胀", "tw-notes.md": "悶蒸"}


def test_the_state_file_is_json_with_one_term_a_line() -> None:
    """Written by json's C encoder (indenting runs in Python), and still read a term at a time in a diff."""
    from vocab.export.records import render_json_by_line

    state = {"terms": [{"key": "kv", "en": "KV cache", "zh": "KV 缓存"}, {"key": "x", "zh": None}], "marked": []}
    text = render_json_by_line({**state, "files": {"md": ["a.md"]}})
    assert json.loads(text) == {**state, "files": {"md": ["a.md"]}}
    assert '    {"key": "kv", "en": "KV cache", "zh": "KV 缓存"},\n' in text and len(text.splitlines()) == 8


def test_documents_that_share_a_title_are_told_apart_by_their_files() -> None:
    """Forty transcripts titled `Weekly Sync` were `weekly-sync.md`, `weekly-sync-2.md` … `-40.md`, no name saying
    which episode it was (new-user report 17): each is named after its file too. A title of its own stays as it
    was; untitled documents are named after their files already, and two of one name in two folders get numbers."""

    def titled(title: str, path: str):  # type: ignore[no-untyped-def]
        return parse_document(f"---\ntitle: {title}\n---\n\n我们用强化学习（reinforcement learning）。\n", path)

    documents = [
        titled("Weekly Sync", "talks/ep-02.md"),
        titled("Weekly Sync", "talks/ep-01.md"),
        titled("Launch Notes", "talks/launch.md"),
        parse_document("我们用强化学习（reinforcement learning）。", "a/notes.txt"),
        parse_document("我们用强化学习（reinforcement learning）。", "b/notes.txt"),
    ]
    assert glossary_filenames(documents, "md") == {
        "talks/ep-01.md": "weekly-sync-ep-01.md",
        "talks/ep-02.md": "weekly-sync-ep-02.md",
        "talks/launch.md": "launch-notes.md",
        "a/notes.txt": "notes-txt.md",
        "b/notes.txt": "notes-txt-2.md",
    }


def test_files_written_together_are_all_new_or_all_as_they_were(tmp_path: Path) -> None:
    """A build stopped while it makes its glossaries (Ctrl-C) left the folder half new, half old: written together,
    none is replaced until every one is written, and a stop on the way leaves them all as they were, with no
    temporary file. A file that holds its content already is not written again."""
    first, second, same = tmp_path / "a.md", tmp_path / "b.md", tmp_path / "c.md"
    for path in (first, second, same):
        path.write_text("old", encoding="utf-8")
    os.utime(same, (0, 0))
    with pytest.raises(KeyboardInterrupt), written_together() as write:
        write(first, "new")
        assert first.read_text(encoding="utf-8") == "old"  # not yet
        raise KeyboardInterrupt
    assert [p.read_text(encoding="utf-8") for p in (first, second)] == ["old", "old"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md", "c.md"]
    with written_together() as write:
        for path in (first, second):
            write(path, "new")
        write(same, "old")
    assert [p.read_text(encoding="utf-8") for p in (first, second, same)] == ["new", "new", "old"]
    assert same.stat().st_mtime == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md", "c.md"]
