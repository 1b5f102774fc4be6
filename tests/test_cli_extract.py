"""`vocab extract` through the CLI: JSONL fields, CSV, the table, --trace, and bad input."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from vocab import read_document
from vocab.cli import cli
from vocab.extract import extract_glosses
from vocab.text import unwrap

from .conftest import EXAMPLES, FIXTURES

TRANSCRIPT = str(FIXTURES / "transcript" / "basic.txt")
FIELDS = [
    "source",
    "line",
    "en",
    "zh",
    "definition",
    "direction",
    "kind",
    "rule",
    "speaker",
    "start",
    "end",
    "url",
    "sentence",
    "sentence_aligned",
    "sentence_en",
    "segment_aligned",
    "alias",
    "reading",
    "title",
]


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), env={"COLUMNS": "160"})


def test_jsonl_has_every_field_with_context_and_deep_link() -> None:
    result = _run("extract", "--format", "jsonl", TRANSCRIPT)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0
    assert list(rows[0]) == FIELDS
    assert [(r["line"], r["en"], r["zh"]) for r in rows] == [
        (10, "evals", "评测"),
        (14, "training runs", "训练任务"),
        (18, "post-training", "后训练"),
        (18, "reinforcement learning", "强化学习"),
    ]
    second = rows[1]
    assert second["speaker"] == "Speaker 2" and (second["start"], second["end"]) == (10.0, 21.0)
    assert second["url"] == "https://www.youtube.com/watch?v=Tb2nW5cYx0M&t=10s"
    assert second["sentence"] == "我觉得大多数团队在评测上投入太少,在 training runs(训练任务)上投入太多。"
    # the one English sentence of the cue that translates it; the whole cue is kept as "more"
    assert second["sentence_aligned"] == "I think most teams underinvest in evals and overinvest in training runs."
    assert second["sentence_en"] == second["sentence_aligned"]
    assert second["segment_aligned"].startswith("Thanks. I think most teams underinvest in evals")
    assert second["title"] == "Ep 1: A Tiny Pilot Episode"
    assert second["direction"] == "en_zh" and second["kind"] == "translation" and second["rule"] == "en_term_zh_gloss"


def test_csv_has_a_header_and_one_row_per_gloss() -> None:
    result = _run("extract", "--format", "csv", TRANSCRIPT)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.exit_code == 0
    assert len(rows) == 4 and rows[0]["en"] == "evals" and rows[0]["speaker"] == "Speaker 1"


def test_table_shows_terms_speaker_time_and_sentence() -> None:
    result = _run("extract", str(EXAMPLES / "gradient-hour-ep12.txt"))
    assert result.exit_code == 0
    assert "world models" in result.stdout and "世界模型" in result.stdout
    assert "Speaker 2 · 01:06" in result.stdout
    assert "glosses" in result.stdout.splitlines()[-1]


def test_the_table_cuts_no_english_word_in_an_80_column_terminal() -> None:
    """The English column is as wide as its longest word: at 80 columns `reinforcement` stood as `reinforceme` and
    `nt` on two lines (new-user report 17)."""
    from rich.console import Console

    from vocab.export.table import print_glosses

    console = Console(width=80, force_terminal=True, color_system=None, record=True)
    print_glosses(list(extract_glosses(read_document(TRANSCRIPT))), console)
    shown = {word for line in console.export_text().splitlines() for word in line.split()}
    assert {"reinforcement", "post-training"} <= shown


def test_a_piped_table_keeps_each_gloss_on_one_line() -> None:
    """Piped into a file, the table was 80 columns wide and folded its cells (`（c` / `olony）`: new-user report
    18); as `vocab list` does, a pipe gets one line per gloss, its sentence whole."""
    glosses = list(extract_glosses(read_document(TRANSCRIPT)))
    result = CliRunner().invoke(cli, ["extract", TRANSCRIPT], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(glosses) + 3  # the document, the header, a line per gloss, the count
    for gloss, line in zip(glosses, lines[2:], strict=False):
        assert line.split()[0] == str(gloss.line) and unwrap(gloss.sentence) in line, line


def test_extract_takes_a_document_read_before_from_the_cache(tmp_path, monkeypatch) -> None:
    """`vocab extract` of 300 episodes a build had read took 20 s every time: a document read before (the same bytes)
    comes from the cache, as in a build, and prints as it did when read; `--no-cache` reads it again."""
    import vocab.corpus

    monkeypatch.setenv("VOCAB_CACHE", str(tmp_path / "cache"))
    files = [str(EXAMPLES / name) for name in ("agents-talk.srt", "gradient-hour-ep12.txt")]
    first = CliRunner().invoke(cli, ["extract", "--format", "jsonl", *files])
    assert first.exit_code == 0 and first.stdout.count("\n") > 10

    def unread(*_: object) -> None:
        raise AssertionError("read again")

    monkeypatch.setattr(vocab.corpus, "_read_and_extract", unread)
    again = CliRunner().invoke(cli, ["extract", "--format", "jsonl", *files])
    assert again.exit_code == 0 and again.stdout == first.stdout
    anew = CliRunner().invoke(cli, ["extract", "--format", "jsonl", "--no-cache", *files])
    assert anew.exit_code == 1 and "internal error (AssertionError: read again)" in anew.stderr


def test_the_table_says_which_gloss_is_a_bilingual_heading(tmp_path) -> None:
    """New-user report 19: a parallel text's title and its translation printed as one more gloss, with nothing to tell
    it from a term's (`vocab list` leaves it out: context, not a term)."""
    doc = tmp_path / "essay.txt"
    doc.write_text("No escape 没有逃脱\n\nWe talk about overfitting.\n我们谈过拟合(overfitting)。\n", encoding="utf-8")
    lines = _run("extract", "--input-format", "parallel", str(doc)).stdout.splitlines()
    assert [line.split()[:3] for line in lines[2:4]] == [["1", "No", "escape"], ["4", "overfitting", "过拟合"]]
    assert "没有逃脱 (heading)" in lines[2] and "(heading)" not in lines[3]


def test_trace_names_the_rule_for_each_bracket(tmp_path) -> None:
    doc = tmp_path / "t.txt"
    doc.write_text("我们用梯度下降（gradient descent）训练，成本（约 3 倍）很高。\n", encoding="utf-8")
    result = _run("extract", "--format", "jsonl", "--trace", str(doc))
    assert result.exit_code == 0
    assert f"trace: {doc}:1: '（gradient descent）' -> zh_term_en_gloss" in result.stderr
    assert f"trace: {doc}:1: '（约 3 倍）' -> reject_numbers" in result.stderr


def test_trace_says_when_a_rule_kept_no_gloss(tmp_path) -> None:
    """New-user report 13: an aside in an English line read as accepted, though no gloss came of it."""
    doc = tmp_path / "t.txt"
    doc.write_text("Drop the sparse columns (about 5% of fields) first.\n先去掉稀疏的列。\n", encoding="utf-8")
    result = _run("extract", "--format", "jsonl", "--input-format", "parallel", "--trace", str(doc))
    assert result.exit_code == 0 and result.stdout == ""
    assert f"trace: {doc}:1: '(about 5% of fields)' -> zh_term_en_gloss, which kept no gloss" in result.stderr


def test_a_bad_file_is_reported_and_the_others_extracted(tmp_path) -> None:
    missing = str(tmp_path / "missing.txt")
    result = _run("extract", "--format", "jsonl", missing, TRANSCRIPT)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {missing}: no such file\n"
    assert len(result.stdout.splitlines()) == 4


def test_no_document_read_prints_no_table_of_none() -> None:
    """The error says why on stderr; stdout does not add a table of `0 glosses`."""
    result = _run("extract", "no-such-episode.txt")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == "Error: no-such-episode.txt: no such file\n"


def test_a_folder_is_extracted_as_a_build_reads_it(tmp_path) -> None:
    """Learner's trial 57: `vocab extract library` said `is a directory`, where build, list and review take a folder.
    Its documents are read in the build's order; an empty one there is skipped with a warning, as a build skips it,
    and one named alone is still an error."""
    (tmp_path / "b-sub").mkdir()
    (tmp_path / "a.md").write_text("先把评测（evals）做好。\n", encoding="utf-8")
    (tmp_path / "b-sub" / "c.md").write_text("再谈量化（quantization）。\n", encoding="utf-8")
    (tmp_path / "draft.txt").write_text("", encoding="utf-8")
    result = _run("extract", "--format", "jsonl", str(tmp_path))
    assert result.exit_code == 0 and "draft.txt: file is empty: skipped" in result.stderr
    assert [json.loads(line)["en"] for line in result.stdout.splitlines()] == ["evals", "quantization"]
    alone = _run("extract", str(tmp_path / "draft.txt"))
    assert alone.exit_code == 1 and "Error:" in alone.stderr
