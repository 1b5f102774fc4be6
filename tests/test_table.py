"""Tables saved as CSV or TSV (``sources/table.py``): each line of each cell a segment on its own line, in its own
language, so an English example sentence is English prose (fresh128: `Real estate has poor liquidity (变现能力)` was
one English run inside a Chinese line, and the whole clause became the term)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from vocab import parse_document
from vocab.cli import cli
from vocab.errors import SourceError
from vocab.extract import extract_glosses
from vocab.models import InputFormat, Lang

SHEET = (
    "编号,术语,解释,例句\n"
    '001,流动性（liquidity）,"资产变成现金的难易程度，越快越好","房子的变现能力差。\n'
    'Real estate has poor liquidity (变现能力) compared with cash, they say."\n'
    '002,年费,"有的卡刷满次数免年费","Pay the full statement balance (账单金额) and you pay no ""interest""."\n'
)


def test_each_cell_line_is_a_segment_on_its_line_in_its_language() -> None:
    document = parse_document(SHEET, "finance.csv")
    assert document.format is InputFormat.TABLE
    cells = [(s.line, s.lang, s.text) for s in document.segments]
    assert cells[:4] == [(1, Lang.ZH, "编号"), (1, Lang.ZH, "术语"), (1, Lang.ZH, "解释"), (1, Lang.ZH, "例句")]
    assert (2, Lang.ZH, "资产变成现金的难易程度，越快越好") in cells  # a quoted comma is the cell's
    assert (3, Lang.EN, "Real estate has poor liquidity (变现能力) compared with cash, they say.") in cells
    assert cells[-1] == (4, Lang.EN, 'Pay the full statement balance (账单金额) and you pay no "interest".')
    chinese, english = (s for s in document.segments if s.line in (2, 3) and s.text.startswith(("房子", "Real")))
    assert chinese.aligned == english.index  # a cell's two lines in two languages: a sentence and its translation
    glosses = [(g.line, g.en, g.zh) for g in extract_glosses(document)]
    assert glosses == [
        (2, "liquidity", "流动性"),
        (3, "liquidity", "变现能力"),  # the English clause is no term: its last words are
        (4, "statement balance", "账单金额"),
    ]


def test_a_tab_separated_export_with_anki_header_lines() -> None:
    export = "#separator:tab\n#html:false\n过拟合（overfitting）\tthe model memorises noise\n"
    document = parse_document(export, "deck.tsv")
    cells = [(s.line, s.text) for s in document.segments]
    assert cells == [(3, "过拟合（overfitting）"), (3, "the model memorises noise")]
    semicolons = parse_document("术语;English\n蒸馏（distillation）;a smaller model\n", "terms.csv")
    assert [s.text for s in semicolons.segments] == ["术语", "English", "蒸馏（distillation）", "a smaller model"]


def test_a_folder_walk_leaves_tables_out_and_a_named_one_is_read(tmp_path: Path) -> None:
    """A folder's .csv is as often vocab's own `list --format csv` or a --terms list as a document."""
    from vocab import load_corpus

    (tmp_path / "ep1.txt").write_text("我们讲蒸馏（distillation）。\n", encoding="utf-8")
    (tmp_path / "terms.csv").write_text("rank,en,zh\n1,distillation,蒸馏（distillation）\n", encoding="utf-8")
    assert [Path(d.path).name for d in load_corpus([tmp_path]).documents] == ["ep1.txt"]
    assert [d.format for d in load_corpus([tmp_path / "terms.csv"]).documents] == [InputFormat.TABLE]
    listed = CliRunner().invoke(cli, ["list", str(tmp_path)], env={"VOCAB_HOME": str(tmp_path / "home")})
    assert "1 table left out: terms.csv; name one to read it as a table" in listed.output


def test_an_empty_table_says_so_and_a_long_cell_is_read() -> None:
    with pytest.raises(SourceError, match="no text found when read as table"):
        parse_document(",,,\n,,\n", "empty.csv")
    long_cell = "长" * 200_000  # past the csv module's default field limit (131,072)
    document = parse_document(f'术语,"{long_cell}"\n蒸馏（distillation）,x\n', "long.csv")
    assert [s.line for s in document.segments] == [1, 1, 2, 2]
