"""AsciiDoc, as handbooks and docs sites are written: each line rewritten as the Markdown it means, line for line, and
read as Markdown (``markdown.read_body``), as LaTeX (``latex``) and reStructuredText (``rst``) are:

    = 单车保养手册 Bicycle Maintenance Handbook  → # …         the document's title
    :author: 周以衡   :revdate: 2024-04-18        → (nothing)   its header: the author and the date
    == 传动系统 Drivetrain                        → ## …        a section's title
    [NOTE]  ====  ====  [[anchor]]  // comment   → (nothing)   a block's kind, its delimiters, an anchor
    .链条怎么选                                   → #### …      a block's title
    ----  …  ----   ....  …  ....               → (nothing)   a listing or literal block: no text
    |类型 |品牌 |注意事项                           → | … |       a table's row
    . 先看挂耳（derailleur hanger）               → 1. …        a list's item
    <<torque,扭矩参考表>>  footnote:[…]           → 扭矩参考表    a reference's text; a footnote's, after its sentence
"""

from __future__ import annotations

import re

from ..models import Metadata, Segment, SegmentKind
from . import markdown
from ._build import SegmentList, sentence_break

_TITLE = re.compile(r"^(?P<marks>={1,6})\s+(?P<text>\S.*)$")
_ATTRIBUTE = re.compile(r"^:(?P<name>!?[\w-]+!?):(?:\s+(?P<value>.*))?$")
_BLOCK_ATTRIBUTES = re.compile(r"^\[(?:\[[^\]]*\]|[^\]]*)\]\s*$")  # `[NOTE]`, `[source,python]`, `[[tools]]`
_BLOCK_TITLE = re.compile(r"^\.(?P<text>[^.\s].*)$")
_NO_TEXT = {"----": "----", "....": "....", "++++": "++++", "////": "////"}  # listing, literal, passthrough, comment
_DELIMITER = re.compile(r"^(?:={4,}|\*{4,}|_{4,}|-{2}|\|={3,}|,={3,}|:={3,})\s*$")  # a block that holds text
_ADMONITION = re.compile(r"^(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION):\s+")
_ITEM = re.compile(r"^(?P<marks>\*{1,5}|-|\.{1,5}|\d{1,3}\.)\s+(?P<text>.*)$")
_CROSS_REFERENCE = re.compile(r"<<(?P<target>[^,>]*)(?:,\s*(?P<text>[^>]*))?>>")
_MACRO = re.compile(
    r"\b(?:link|mailto|xref|kbd|btn|menu|image|icon|pass|footnote)?:{1,2}[^\s\[\]]*\[(?P<text>[^\]]*)\]"
)
_URL_TEXT = re.compile(r"\bhttps?://[^\s\[\]]+\[(?P<text>[^\]]*)\]")
_FOOTNOTE = re.compile(r"footnote:\[(?P<text>[^\]]*)\]")
_MARKUP_LINES = (_DELIMITER, _BLOCK_ATTRIBUTES, _ATTRIBUTE)
_DATE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")


def detect(lines: list[str]) -> bool:
    """AsciiDoc: a document title (`= …`) or section titles (`== …`, not wikitext's `== … ==`) beside what only
    AsciiDoc writes: header attributes (`:author:`), block kinds (`[NOTE]`), delimited blocks (`----`, `|===`)."""
    head = [line.rstrip() for line in lines[:400]]
    titled = any(_TITLE.match(line) and not line.startswith("# ") and not line.endswith("=") for line in head)
    marked = sum(1 for line in head if _ATTRIBUTE.match(line) or _BLOCK_ATTRIBUTES.match(line) or line == "|===")
    return titled and marked >= 2


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    lines = [line.lstrip("\ufeff") for line in lines]
    segments = SegmentList()
    fields = markdown.read_body(_as_markdown(lines), 1, segments)
    heading = next((s for s in segments.build() if s.kind is SegmentKind.HEADING), None)
    attributes = _header(lines)
    found = _DATE.search(attributes.get("revdate", ""))
    return (
        Metadata(
            title=fields.get("title") or (heading.text if heading else None),
            author=attributes.get("author"),
            date=found.group() if found else None,
        ),
        segments.build(),
    )


def _header(lines: list[str]) -> dict[str, str]:
    """The document's attributes (`:author: 周以衡`), as its header gives them."""
    return {m["name"]: (m["value"] or "").strip() for line in lines if (m := _ATTRIBUTE.match(line.rstrip()))}


def _as_markdown(lines: list[str]) -> list[str]:
    """Each line as the Markdown it means (a blank line where it means no text), so line numbers stay the file's."""
    out: list[str] = []
    closing: str | None = None  # the delimiter that ends the block of no text the line is in
    for raw in lines:
        line = raw.rstrip()
        if closing is not None:
            closing = None if line == closing else closing
            out.append("")
        elif line in _NO_TEXT:
            closing = _NO_TEXT[line]
            out.append("")
        elif (
            line.startswith("//")
            or line == "+"
            or any(p.match(line) for p in (_DELIMITER, _BLOCK_ATTRIBUTES, _ATTRIBUTE))
        ):
            out.append("")  # a comment, a continuation, a block's kind or delimiter, an attribute
        elif title := _TITLE.match(line):
            out.append("#" * len(title["marks"]) + " " + _inline(title["text"]))
        elif block := _BLOCK_TITLE.match(line):
            out.append("#### " + _inline(block["text"]))
        elif item := _ITEM.match(line):
            marks = "1. " if item["marks"].startswith(".") or item["marks"][0].isdigit() else "- "
            out.append(marks + _inline(item["text"]))
        elif line.startswith("|"):
            cells = [_inline(cell) for cell in line[1:].split("|")]
            out.append("| " + " | ".join(cells) + " |")
        else:
            out.append(_inline(_ADMONITION.sub("", line)))
    return out


def _inline(text: str) -> str:
    """Running text without AsciiDoc's macros: a reference's text, a link's; a footnote's text as the sentences after
    the line's (`变大footnote:[…]，链条…`: the note does not cut the sentence it marks)."""
    notes = [found["text"].strip() for found in _FOOTNOTE.finditer(text)]
    text = _FOOTNOTE.sub("", text)
    text = _CROSS_REFERENCE.sub(lambda found: (found["text"] or "").strip(), text)
    text = _URL_TEXT.sub(lambda found: found["text"], text)
    text = _MACRO.sub(lambda found: "" if found.group().startswith(("image:", "icon:")) else found["text"], text)
    for note in filter(None, notes):
        text = text.rstrip() + sentence_break(text) + note
    return text.strip()
