"""Org mode (``sources/org.py``): each line read as the Markdown it means — star headings without their keywords and
tags, keywords, drawers, planning lines, comments and code blocks no text, emphasis as Markdown's, a link as its text,
a footnote's text where it is defined."""

from __future__ import annotations

from vocab import parse_document
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind

NOTES = """#+TITLE: 咖啡笔记
#+AUTHOR: 阿青
#+DATE: <2025-03-01 Sat>
* DONE [#A] 烘焙 Roasting [2/3]  :coffee:lab:
:PROPERTIES:
:ID: 1f2e
:END:
CLOSED: [2025-03-02 Sun 10:00]
一爆（first crack）之后 *风味* 才出来[fn:2]。
# 私人备注（private note）
#+begin_src shell
echo 研磨（grind）
#+end_src
- 萃取率 (extraction yield) :: 溶出的比例
[fn:2] 二爆（second crack）更深。
"""


def test_org_notes_read_as_markdown_line_for_line() -> None:
    document = parse_document(NOTES, "coffee.org")
    assert document.format is InputFormat.ORG
    assert (document.title, document.metadata.author, document.metadata.date) == ("咖啡笔记", "阿青", "2025-03-01")
    by_line = {s.line: s for s in document.segments}
    assert (by_line[4].kind, by_line[4].text) == (SegmentKind.HEADING, "烘焙 Roasting")
    assert by_line[9].text == "一爆（first crack）之后 **风味** 才出来。"
    glosses = [(g.line, g.en, g.zh) for g in extract_glosses(document)]
    assert glosses == [
        (9, "first crack", "一爆"),
        (14, "extraction yield", "萃取率"),
        (15, "second crack", "二爆"),
    ]


def test_markdown_with_stars_and_a_plus_line_is_no_org() -> None:
    text = "# 标题\n\n* 列表项\n* 另一项：梯度（gradient）\n\nC++ 的 #+ 号不是关键字。\n"
    assert parse_document(text, "notes.md").format is InputFormat.MARKDOWN


EDGES = """#+TITLE: 笔记
关键假设是/马尔可夫性质/（Markov property）：只依赖现在。
行内脚注[fn:: 内联脚注里的术语（inline footnote term）]也算正文。
: 输出的一行（fixed-width line）
- 第二步
#+CAPTION: 图：缩放点积注意力（scaled dot-product attention）
* COMMENT 草稿（draft）
术语（comment term）
* 回来
正文（body text）。
"""


def test_org_emphasis_touching_chinese_inline_notes_captions_and_what_org_never_exports() -> None:
    """A learner's report: `/italic/` glued to Chinese lost its gloss, an inline footnote's text was dropped, a caption
    was glued to the list item above, a `COMMENT` subtree and a fixed-width example line were read as text."""
    glosses = [(g.line, g.en) for g in extract_glosses(parse_document(EDGES, "notes.org"))]
    assert glosses == [
        (2, "Markov property"),
        (3, "inline footnote term"),
        (6, "scaled dot-product attention"),
        (10, "body text"),
    ]


def test_zero_width_spaces_around_emphasis_beside_chinese_are_no_text() -> None:
    """Org writers put a zero-width space (U+200B) between emphasis marks and the Chinese they touch, so that Org sees
    the marks (fresh132): the emphasised word keeps its gloss, and no invisible character reaches a term or a card."""
    text = (
        "#+TITLE: 检索\n* 两路召回\n"
        "这种做法叫\u200b*混合检索*\u200b（hybrid search），另一种叫\u200b/稠密检索/\u200b（dense retrieval）。\n"
    )
    document = parse_document(text, "search.org")
    assert document.format is InputFormat.ORG
    assert "\u200b" not in document.segments[-1].text
    glosses = [(g.line, g.en, g.zh) for g in extract_glosses(document)]
    assert glosses == [(3, "hybrid search", "混合检索"), (3, "dense retrieval", "稠密检索")]


def test_a_verbatim_name_alone_in_a_bracket_is_code_and_before_one_a_term() -> None:
    """`=nlist=` alone in a bracket names a parameter as code does (fresh132), no gloss of the Chinese before it;
    a verbatim English word before a bracket is a term as written (`=theaflavins=（茶黄素）`)."""
    text = "#+TITLE: 索引\n* 参数\n簇的数量（=nlist=）要调。查 =theaflavins=（茶黄素）的资料。\n"
    glosses = [(g.en, g.zh) for g in extract_glosses(parse_document(text, "index.org"))]
    assert glosses == [("theaflavins", "茶黄素")]
