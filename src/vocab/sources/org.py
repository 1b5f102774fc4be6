"""Emacs Org mode, as learners keep notes in it: each line rewritten as the Markdown it means, line for line, and read
as Markdown (``markdown.read_body``), as AsciiDoc (``asciidoc``) and reStructuredText (``rst``) are:

    #+TITLE: 机器学习笔记   #+AUTHOR: 林   #+DATE:   → (nothing)   the document's title, author and date
    ** TODO 梯度 Gradients   :math:            → ## 梯度 Gradients   a heading, its keyword, priority and tags no text
    :PROPERTIES: … :END:   SCHEDULED: <…>   CLOCK:  → (nothing)   drawers and planning lines
    #+BEGIN_SRC python … #+END_SRC            → (nothing)           code, examples, exports: no text
    #+BEGIN_QUOTE … #+END_QUOTE               → its lines           a quote's text
    *粗体*  /斜体/  =verbatim=  ~code~         → **粗体**  *斜体*  verbatim  `code`  (alone in a bracket, `verbatim`)
    [[https://…][链接文字]]  [fn:1]           → 链接文字  (nothing)
    - 学习率 (learning rate) :: 步长           → - 学习率 (learning rate)：步长   a described term, its definition
    [fn:1] 脚注正文（footnote）                 → - 脚注正文（footnote）   a footnote's text, where it is defined
    | 术语 | 解释 |   |---+---|                 → | 术语 | 解释 |   (nothing)
    # 注释                                      → (nothing)           a comment
"""

from __future__ import annotations

import re

from ..models import Metadata, Segment, SegmentKind
from . import markdown
from ._build import SegmentList, sentence_break

_KEYWORD = re.compile(r"^\s*#\+(?P<name>[A-Za-z_]+):\s*(?P<value>.*)$")
_BEGIN = re.compile(r"^\s*#\+begin_(?P<kind>\w+)", re.IGNORECASE)
_END = re.compile(r"^\s*#\+end_(?P<kind>\w+)", re.IGNORECASE)
_NO_TEXT_BLOCKS = frozenset("src example export latex html comment".split())
_HEADING = re.compile(
    r"^(?P<stars>\*+)\s+(?:(?:TODO|DONE|NEXT|WAITING|HOLD|CANCELL?ED|STARTED)\s+)?(?:\[#[A-Z0-9]\]\s+)?"
    r"(?P<text>.*?)(?:\s+:[\w@#%:]+:)?\s*$"
)
_COMMENTED = re.compile(r"^\*+\s+COMMENT(?:\s|$)")
_FIXED_WIDTH = re.compile(r"^\s*:(?:\s|$)")
_COOKIE = re.compile(r"\s*\[\d*(?:/\d*|%)\]")
_DRAWER = re.compile(r"^\s*:[A-Za-z_-]+:\s*$")  # `:PROPERTIES:`, `:LOGBOOK:`, … `:END:`
_PLANNING = re.compile(r"^\s*(?:(?:SCHEDULED|DEADLINE|CLOSED):|CLOCK:)")
_COMMENT = re.compile(r"^\s*#(?:\s|$)")
_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-+]|\d{1,3}[.)]|(?<=\s)\*)\s+(?:\[[ Xx-]\]\s+)?(?P<text>.*)$")
_DESCRIPTION = re.compile(r"^(?P<term>.*?)\s+::(?:\s+(?P<definition>.*))?$")
_FOOTNOTE_DEFINITION = re.compile(r"^\[fn:[\w-]+\]\s*(?P<text>.*)$")
_TABLE_RULE = re.compile(r"^\s*\|[-+|\s]*$")
_RULE = re.compile(r"^\s*-{5,}\s*$")
_LINK = re.compile(r"\[\[(?P<target>[^\]]*)\](?:\[(?P<text>[^\]]*)\])?\]")
_FOOTNOTE_REFERENCE = re.compile(r"\[fn:[\w-]*\]")
_INLINE_FOOTNOTE = re.compile(r"\[fn:[\w-]*:(?P<text>[^\]]*)\]")
# Emphasis as Org writes it: a marker after a space, a bracket or a line's start, and before one or punctuation
# (Chinese runs on without spaces, so a marker touching a Chinese character counts: `是/马尔可夫性质/（…）`)
_EMPHASIS = re.compile(
    r"(?<![A-Za-z0-9*/=~+_])(?P<mark>[*/=~+_])(?P<text>[^\s*/=~+_](?:[^\n]*?[^\s])?)(?P=mark)(?![A-Za-z0-9])"
)
_MARKDOWN_OF = {"*": "**", "/": "*", "=": "", "~": "`", "+": "", "_": ""}  # =verbatim= a word as written
_DATE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")


def detect(lines: list[str]) -> bool:
    """Org: its keywords (`#+TITLE:`, `#+BEGIN_SRC`) or drawers (`:PROPERTIES:`) beside its star headings, or two or
    more keywords — what no Markdown writes."""
    head = [line.rstrip() for line in lines[:400]]
    keywords = sum(1 for line in head if _KEYWORD.match(line) or _BEGIN.match(line) or line.strip() == ":PROPERTIES:")
    starred = any(re.match(r"^\*+\s+\S", line) for line in head)
    return keywords >= 2 or (keywords >= 1 and starred)


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    lines = [line.lstrip("\ufeff") for line in lines]
    segments = SegmentList()
    markdown.read_body(_as_markdown(lines), 1, segments)
    keywords = {m["name"].casefold(): m["value"].strip() for line in lines if (m := _KEYWORD.match(line))}
    heading = next((s for s in segments.build() if s.kind is SegmentKind.HEADING), None)
    found = _DATE.search(keywords.get("date", ""))
    return (
        Metadata(
            title=_inline(keywords.get("title", "")) or (heading.text if heading else None),
            author=keywords.get("author") or None,
            date=found.group() if found else None,
        ),
        segments.build(),
    )


def _as_markdown(lines: list[str]) -> list[str]:
    """Each line as the Markdown it means (a blank line where it means no text), so line numbers stay the file's."""
    out: list[str] = []
    closing: str | None = None  # inside a block of no text: the kind whose end closes it
    drawer = False
    commented: int | None = None  # inside a `* COMMENT` subtree: its level, which a heading as high ends
    for raw in lines:
        line = raw.rstrip()
        stars = len(line) - len(line.lstrip("*")) if line.startswith("*") and line.lstrip("*")[:1] == " " else 0
        if commented is not None and (not stars or stars > commented):
            out.append("")
            continue
        commented = stars if stars and _COMMENTED.match(line) else None
        if commented is not None or _FIXED_WIDTH.match(line):
            out.append("")  # a subtree Org never exports; an example line (`: 输出`)
        elif closing is not None:
            ended = _END.match(line)
            closing = None if ended and ended["kind"].casefold() == closing else closing
            out.append("")
        elif begun := _BEGIN.match(line):
            kind = begun["kind"].casefold()
            closing = kind if kind in _NO_TEXT_BLOCKS else None
            out.append("")  # a quote's, a verse's or a centred block's lines are text
        elif drawer or _DRAWER.match(line):
            drawer = line.strip().casefold() != ":end:"
            out.append("")
        elif _END.match(line) or _KEYWORD.match(line) or _PLANNING.match(line) or _COMMENT.match(line):
            caption = _KEYWORD.match(line)
            if caption and caption["name"].casefold() == "caption":
                out.append("- " + _inline(caption["value"]))  # a caption: a paragraph of its own
            else:
                out.append("")
        elif _TABLE_RULE.match(line) or _RULE.match(line):
            out.append("")
        elif heading := _HEADING.match(line):
            text = _COOKIE.sub("", heading["text"])  # `复习清单 [1/3]`: a count of done items, no text
            out.append("#" * min(len(heading["stars"]), 6) + " " + _inline(text))
        elif note := _FOOTNOTE_DEFINITION.match(line):
            out.append("- " + _inline(note["text"]))  # a paragraph of its own, as an item is
        elif item := _ITEM.match(line):
            text = item["text"]
            described = _DESCRIPTION.match(text)
            if described:
                text = described["term"] + ("：" + described["definition"] if described["definition"] else "")
            out.append("- " + _inline(text))
        else:
            out.append(_inline(line))
    return out


def _inline(text: str) -> str:
    """Running text without Org's markup: a link's text, no footnote's reference, emphasis as Markdown's; an inline
    footnote's text after the line's sentences (`行内脚注[fn:: 术语（term）]也算正文` does not cut the sentence)."""
    notes = [found["text"].strip() for found in _INLINE_FOOTNOTE.finditer(text)]
    text = _INLINE_FOOTNOTE.sub("", text)
    for note in filter(None, notes):
        text = text.rstrip() + sentence_break(text) + note
    text = _FOOTNOTE_REFERENCE.sub("", text)
    text = _LINK.sub(lambda found: found["text"] or found["target"], text)
    return _EMPHASIS.sub(_as_emphasis, text).strip()


def _as_emphasis(found: re.Match[str]) -> str:
    mark = _MARKDOWN_OF[found["mark"]]
    text, start, end = found.string, found.start(), found.end()
    if found["mark"] == "=" and start > 0 and end < len(text) and text[start - 1] in "（(" and text[end] in "）)":
        mark = "`"  # alone in a bracket, a name as code writes it (`簇的数量（=nlist=）`), as Markdown's code span is
    return f"{mark}{found['text']}{mark}"
