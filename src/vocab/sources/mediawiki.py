"""MediaWiki wikitext (a wiki page's source, `.wiki`) and BBCode (a forum post as its edit box shows it): each line
rewritten as the Markdown it means, line for line, and read as Markdown (``markdown.read_body``), as AsciiDoc and Org
are.

Wikitext:

    == 神经网络 Neural Networks ==           → ## 神经网络 Neural Networks
    '''反向传播'''（backpropagation）          → **反向传播**（backpropagation）
    [[梯度下降|下降法]]  [https://x.org 文档]   → 下降法  文档             a link's text
    术语<ref>注释（note）</ref>。               → 术语。 注释（note）       a footnote's text after its line's sentences
    {{lang|en|dropout}}  {{cite web|…}}       → dropout  (nothing)       a language's text; other templates no text
    {{Infobox …  | 名称 = 值 … }}              → - 名称：值                a box's fields, each an item
    * 项  # 项  ; 术语 : 释义                   → - 项  - 术语：释义
    {| … |- … | 格 || 格 … |}                  → | 格 | 格 |              a table's rows
    [[Category:…]]  __TOC__  <references />   → (nothing)

BBCode: `[b]…[/b]` bold, `[i]` italic, `[url=…]文字[/url]` its text, `[img]`, `[color]`, `[size]` no text, `[quote]`
a quote, `[code]` code, `[*]` an item, and a line that is only a sized bold title (`[size=5][b]…[/b][/size]`) a
heading.
"""

from __future__ import annotations

import re

from ..models import Metadata, Segment, SegmentKind
from . import markdown
from ._build import SegmentList, sentence_break

_HEADING = re.compile(r"^(?P<marks>={1,6})\s*(?P<text>[^=\s].*?)\s*(?P=marks)\s*$")  # not AsciiDoc's `====` block
_BOLD = re.compile(r"'''(?P<text>.+?)'''")
_ITALIC = re.compile(r"''(?P<text>.+?)''")
_INTERNAL = re.compile(r"\[\[(?P<target>[^\[\]|]*)(?:\|(?P<text>[^\[\]]*))?\]\]")
_NO_TEXT_LINK = re.compile(r"^(?:category|file|image|分类|分類|文件|檔案|图像|圖像|media):", re.IGNORECASE)
_EXTERNAL = re.compile(r"\[(?:https?:)?//[^\s\]]+(?:\s+(?P<text>[^\]]*))?\]")
_REF = re.compile(r"<ref(?:\s[^>/]*)?>(?P<text>.*?)</ref>|<ref[^>]*/>", re.IGNORECASE)
_LANG_TEMPLATE = re.compile(
    r"\{\{\s*(?:lang|lang-\w+|nowrap|transl|en|le|link-en|tsl)\s*(?:\|[^{}|]*)*\|(?P<text>[^{}|]*)\}\}", re.IGNORECASE
)
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
_MAGIC = re.compile(r"__[A-Z]+__|<references\s*/?>|<references>.*?</references>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->")
_ITEM = re.compile(r"^[*#:]+\s*")
_DEFINITION = re.compile(r"^;\s*(?P<term>[^:]*?)\s*(?::\s*(?P<definition>.*))?$")
_FIELD = re.compile(r"^\s*\|\s*(?P<key>[^=|]+?)\s*=\s*(?P<value>.*)$")
_CELL_ATTRIBUTES = re.compile(r"^[^|\[\]{}]*=\s*\"[^\"]*\"[^|]*\|(?!\|)")  # `style="…" | 格`
_CODE = re.compile(r"^\s*<(?:syntaxhighlight|source|pre)\b", re.IGNORECASE)
_CODE_END = re.compile(r"</(?:syntaxhighlight|source|pre)>", re.IGNORECASE)


def detect(lines: list[str]) -> bool:
    """Wikitext: `== headings ==` beside links (`[[…]]`), bold (`'''…'''`) or templates (`{{…}}`)."""
    head = lines[:400]
    headings = sum(1 for line in head if _HEADING.match(line.strip()) and line.startswith("=="))
    marked = sum(1 for line in head if "[[" in line or "'''" in line or line.startswith(("{{", "{|")))
    return headings >= 1 and marked >= 2


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    """A page's source holds no title (the wiki keeps it apart), unless ``{{DISPLAYTITLE:…}}`` gives one."""
    segments = SegmentList()
    markdown.read_body(_wikitext_as_markdown([line.lstrip("\ufeff") for line in lines]), 1, segments)
    shown = next((m["title"] for line in lines[:50] if (m := _DISPLAY_TITLE.search(line))), None)
    return Metadata(title=_inline(shown) if shown else None), segments.build()


_DISPLAY_TITLE = re.compile(r"\{\{\s*DISPLAYTITLE\s*:\s*(?P<title>[^{}]+?)\s*\}\}", re.IGNORECASE)


def _wikitext_as_markdown(lines: list[str]) -> list[str]:
    """Each line as the Markdown it means (a blank line where it means no text), so line numbers stay the file's."""
    out: list[str] = []
    depth = 0  # inside a template over several lines (an infobox): how many are open
    table = code = False
    for raw in lines:
        line = raw.rstrip()
        if code:
            code = not _CODE_END.search(line)
            out.append("")
        elif depth:
            depth = max(0, depth + line.count("{{") - line.count("}}"))
            field = _FIELD.match(line)
            out.append("- " + _inline(f"{field['key']}：{field['value']}") if field and field["value"].strip() else "")
        elif line.lstrip().startswith("{{") and line.count("{{") > line.count("}}"):
            depth = line.count("{{") - line.count("}}")
            out.append("")
        elif _CODE.match(line):
            code = not _CODE_END.search(line)
            out.append("")
        elif line.startswith("{|"):
            table = True
            out.append("")
        elif table and line.startswith("|}"):
            table = False
            out.append("")
        elif table:
            out.append(_table_row(line))
        elif heading := _HEADING.match(line):
            out.append("#" * len(heading["marks"]) + " " + _inline(heading["text"]))
        elif defined := _DEFINITION.match(line) if line.startswith(";") else None:
            text = _inline(defined["term"] + ("：" + defined["definition"] if defined["definition"] else ""))
            out.append("- " + text if text else "")
        elif _ITEM.match(line) and line[:1] in "*#:":
            item = _inline(_ITEM.sub("", line, count=1))
            out.append("- " + item if item else "")
        else:
            out.append(_inline(line))
    return out


def _table_row(line: str) -> str:
    """A table's line: a row's start no text, its cells a Markdown row (`| 格 || 格`, `! 头 !! 头`)."""
    if line.startswith("|-") or not line.strip():
        return ""
    if line.startswith("|+"):
        return "- " + _inline(line[2:])  # the caption
    cells = re.split(r"\|\||!!", line[1:]) if line[:1] in "|!" else [line]
    cells = [_CELL_ATTRIBUTES.sub("", cell) for cell in cells]
    return "| " + " | ".join(_inline(cell) for cell in cells) + " |"


def _inline(text: str) -> str:
    """Running text without wikitext's markup; a footnote's text after the line's sentences."""
    text = _COMMENT.sub("", text)
    notes = [(found["text"] or "").strip() for found in _REF.finditer(text)]
    text = _REF.sub("", text)
    text = _MAGIC.sub("", text)
    text = _LANG_TEMPLATE.sub(lambda found: found["text"], text)
    text = _TEMPLATE.sub("", text)
    text = _INTERNAL.sub(_link_text, text)
    text = _EXTERNAL.sub(lambda found: found["text"] or "", text)
    text = _BOLD.sub(r"**\g<text>**", text)
    text = _ITALIC.sub(r"*\g<text>*", text)
    for note in filter(None, notes):
        text = text.rstrip() + sentence_break(text) + _inline(note)
    return text.strip()


def _link_text(found: re.Match[str]) -> str:
    target = found["target"].strip()
    if _NO_TEXT_LINK.match(target):
        return ""  # a category, a picture
    return (found["text"] if found["text"] is not None else target).strip()


_BB_HEADING = re.compile(
    r"^\s*(?:\[(?:size=[^\]]*|b|u|color=[^\]]*|font=[^\]]*|align=[^\]]*)\]\s*)+(?P<text>[^\[\]]+?)"
    r"(?:\s*\[/(?:size|b|u|color|font|align)\])+\s*$",
    re.IGNORECASE,
)
_BB_BOLD = re.compile(r"\[b\](?P<text>.*?)\[/b\]", re.IGNORECASE)
_BB_ITALIC = re.compile(r"\[i\](?P<text>.*?)\[/i\]", re.IGNORECASE)
_BB_URL = re.compile(r"\[url=[^\]]*\](?P<text>.*?)\[/url\]|\[url\].*?\[/url\]|\[img[^\]]*\].*?\[/img\]", re.IGNORECASE)
_BB_TAG = re.compile(
    r"\[/?(?:u|s|i|b|color|size|font|align|backcolor|quote|list|indent|center|left|right|sup|sub|hide|spoiler|email|"
    r"attach|media|flash|table|tr|td|p)(?:=[^\]]*)?\]|\[hr\]",
    re.IGNORECASE,
)
_BB_ITEM = re.compile(r"^\s*\[\*\]\s*")
_BB_CODE = re.compile(r"\[code[^\]]*\]", re.IGNORECASE)
_BB_CODE_END = re.compile(r"\[/code\]", re.IGNORECASE)
_BB_MARK = re.compile(r"\[(?:b|i|u|url|img|quote|size|color|code|list|\*)[=\]\s]", re.IGNORECASE)


def detect_bbcode(lines: list[str]) -> bool:
    """A forum post's BBCode: three or more lines with its tags (`[b]`, `[url=…]`, `[quote]`, `[size=…]`, `[*]`)."""
    return sum(1 for line in lines[:400] if _BB_MARK.search(line)) >= 3


def read_bbcode(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    segments = SegmentList()
    markdown.read_body(_bbcode_as_markdown([line.lstrip("\ufeff") for line in lines]), 1, segments)
    heading = next((s for s in segments.build() if s.kind is SegmentKind.HEADING), None)
    return Metadata(title=heading.text if heading else None), segments.build()


def _bbcode_as_markdown(lines: list[str]) -> list[str]:
    out: list[str] = []
    code = False
    for raw in lines:
        line = raw.rstrip()
        if code:
            code = not _BB_CODE_END.search(line)
            out.append("")
            continue
        if opened := _BB_CODE.search(line):
            code = not _BB_CODE_END.search(line, opened.end())
            line = line[: opened.start()]  # what stands before the code on its line
        if heading := _BB_HEADING.match(line):
            out.append("## " + heading["text"].strip())
            continue
        text = _BB_ITEM.sub("", line)
        text = _BB_URL.sub(lambda found: found["text"] or "", text)
        text = _BB_BOLD.sub(r"**\g<text>**", text)
        text = _BB_ITALIC.sub(r"*\g<text>*", text)
        text = _BB_TAG.sub("", text).strip()
        # a forum's line break is the writer's, not a wrap: each line a paragraph of its own, as an item is
        out.append("- " + text if text else "")
    return out
