r"""LaTeX notes (``sources/latex.py``): read as the Markdown each line means, line for line: sections are headings,
`\textbf{…}` bounds a term as bold does, items are list items, maths and the preamble are no text."""

from __future__ import annotations

from vocab import parse_document
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind

NOTES = r"""% 图论 第 2 讲 笔记（助教整理）
\documentclass{ctexart}
\usepackage{amsmath}
\title{Graph Theory 图论\\ \large 第 2 讲}
\begin{document}
\maketitle

\section{最短路径 Shortest Paths}
\label{sec:sp}
我们先回顾\textbf{松弛操作}（relaxation）：若 $d(v) > d(u) + w(u,v)$ 就更新 $d(v)$。
% 这一段（comment）课上没讲
\begin{itemize}
  \item \emph{迪杰斯特拉算法}（Dijkstra's algorithm）要求边权非负 \cite{dijkstra1959}；
  \item 贝尔曼–福特算法（Bellman–Ford algorithm）允许负权边；负环（negative
  cycle）也能检测出来。
\end{itemize}
\[
  d(v) = \min_{u} \big( d(u) + w(u, v) \big)
\]
\begin{tabular}{cc}
  堆（heap） & 二叉堆 \\
\end{tabular}
\end{document}
"""


def test_latex_notes_read_as_headings_paragraphs_and_items() -> None:
    document = parse_document(NOTES, "graphs.tex")
    assert document.format is InputFormat.LATEX and document.title == "Graph Theory 图论 第 2 讲"  # the whole \title
    by_line = {s.line: s for s in document.segments}
    assert by_line[8].kind is SegmentKind.HEADING and by_line[8].text == "最短路径 Shortest Paths"
    assert by_line[10].text.startswith("我们先回顾**松弛操作**（relaxation）：若 $d(v) > d(u) + w(u,v)$")
    assert by_line[14].end_line == 15  # a gloss wrapped across two lines is one item's text
    assert by_line[18].kind is SegmentKind.CODE  # display maths
    assert not any("comment" in s.text or "documentclass" in s.text for s in document.segments)
    assert by_line[13].text.endswith("要求边权非负；")  # the citation gone with the space before it
    glosses = [(g.en, g.zh, g.line) for g in extract_glosses(document)]
    assert glosses == [
        ("Graph Theory", "图论", 4),
        ("Shortest Paths", "最短路径", 8),
        ("relaxation", "松弛操作", 10),
        ("Dijkstra's algorithm", "迪杰斯特拉算法", 13),
        ("Bellman–Ford algorithm", "贝尔曼–福特算法", 14),
        ("negative cycle", "负环", 14),
        ("heap", "堆", 21),
    ]


def test_a_footnote_is_read_as_the_sentences_after_the_one_it_marks() -> None:
    """A learner saw `绝不能重复重复使用 nonce 时…。。`: a footnote's text ran into the sentence it marks; and `\\emph`
    left a stray `*` beside a term in the sentence shown."""
    notes = (
        "\\begin{document}\n同一密钥下绝不能重复\\footnote{重复使用 nonce 时，两段密文\n异或就泄露明文，"
        "叫两次一密（two-time pad）。}。\nCPA 安全等价于\\emph{语义安全}（semantic security）。\n\\end{document}\n"
    )
    sentences = {g.en: g.sentence for g in extract_glosses(parse_document(notes, "n.tex"))}
    assert sentences == {
        "two-time pad": "重复使用 nonce 时，两段密文异或就泄露明文，叫两次一密（two-time pad）。",
        "semantic security": "CPA 安全等价于语义安全（semantic security）。",
    }


def test_escaped_characters_index_entries_and_spaced_breaks_read_as_printed() -> None:
    """fresh128: `\\&` stayed in the English (`Deep` for `Wide \\& Deep`), an index entry's word ran into the term
    (`冷启动冷启动`), and a title's `\\\\[4pt]` left `[4pt]` in it."""
    notes = (
        "\\title{推荐系统\\\\[4pt]第 5 讲}\n\\begin{document}\n\\textbf{Wide \\& Deep}（宽深模型）兼顾记忆与泛化。\n"
        "新商品属于物品冷启动\\index{冷启动}（item cold start），收益率 5\\% 左右。\n\\end{document}\n"
    )
    document = parse_document(notes, "recsys.tex")
    assert document.title == "推荐系统 第 5 讲"
    assert [(g.en, g.zh) for g in extract_glosses(document)] == [
        ("Wide & Deep", "宽深模型"),
        ("item cold start", "物品冷启动"),
    ]
    assert document.segments[-1].text.endswith("收益率 5% 左右。")
