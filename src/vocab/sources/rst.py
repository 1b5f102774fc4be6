r"""reStructuredText, as Sphinx documentation is written: each line rewritten as the Markdown it means, line for line,
and read as Markdown (``markdown.read_body``), as LaTeX notes are (``latex``):

    分块 Chunking                          → ## 分块 Chunking          a title over its underline (and overline)
    =============                          → (nothing)
    :term:`嵌入`（embedding）                → **嵌入**（embedding）      a role's text; a term bounded as bold is
    .. note::  /  .. admonition:: 繁體語料   → (nothing)  /  #### 繁體語料   a box's kind is no text, its title is
       正文…                               → 正文…                     its body read as any text
    .. code-block:: python, .. math::       → (nothing, nor its body)   code and maths, no text
    ``fixed``  over an indented definition  → - `fixed`  /  - 定义…     a term and its definition, apart
    :param str query: 查询（query）文本       → - 查询（query）文本        a field's body
    * - 单元格                              → - 单元格                   a list table's cell

Titles take their levels in the order their adornments first appear, as docutils gives them; the first is the
document's title.
"""

from __future__ import annotations

import re

from ..models import Metadata, Segment, SegmentKind
from ..text import HAN_RE
from . import markdown
from ._build import SegmentList

_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1{2,}\s*$")  # a line of one punctuation character, three or more
_DIRECTIVE = re.compile(r"^(?P<indent>\s*)\.\.\s+(?P<name>[\w:.-]+)::(?:\s+(?P<arg>.*))?$")
_COMMENT = re.compile(r"^(?P<indent>\s*)\.\.(?:\s|$)")  # `.. _label:`, `.. |sub| replace:: …`, a comment
_OPTION = re.compile(r"^\s+:[\w-]+:(?:\s.*)?$")  # a directive's option, right under it: `:header-rows: 1`
_FIELD = re.compile(r"^\s*:(?P<name>[^:`\s][^:`]*):(?:\s+(?P<body>.*))?$")  # `:param str query: …`, `:tocdepth: 2`
_BULLET = re.compile(r"^\s*(?:[-*+•]\s+)+")  # `* - cell`: a list table's row and its first cell
_ENUMERATED = re.compile(r"^\s*(?:#|\d{1,3}|[A-Za-z])[.)]\s+")
_TABLE_BORDER = re.compile(r"^\s*(?:\+[-=+]+\+|[=\s]*=[=\s]*)\s*$")  # a grid table's `+---+` or a simple one's `== ==`
# Directives whose body is no text: code, maths, and what only builds the site (a table of contents, an index)
_NO_TEXT = frozenset(
    "code code-block sourcecode literalinclude math raw highlight meta toctree contents include image graphviz "
    "mermaid plot csv-table index only ifconfig autosummary testcode testoutput doctest jupyter-execute".split()
)
_TITLED = frozenset("admonition topic sidebar rubric table list-table".split())  # their argument is a title
_ROLE = re.compile(r":(?:[\w-]+:)*(?P<name>[\w-]+):`(?P<text>[^`]+)`")
_LINK = re.compile(r"`(?P<text>[^`<]*?)\s*(?:<[^>]*>)?`__?")  # `text <url>`_, `name`_
_TARGETED = re.compile(r"^(?P<title>.*?)\s*<[^>]*>$")  # `标题 <target>` inside a role
_FOOTNOTE_REF = re.compile(r"\s?\[(?:#\w*|\*|\d+)\]_")
_SUBSTITUTION = re.compile(r"\|(?P<name>[^|\s][^|]*)\|")


def detect(lines: list[str]) -> bool:
    """reStructuredText: a title over its underline, and a directive (`.. note::`) or a role (`:term:`…``): a
    Markdown file's underlined headings have neither."""
    titled = any(_title_at(lines, i) for i in range(min(len(lines) - 1, 400)))
    marked = any(_DIRECTIVE.match(line) or _ROLE.search(line) for line in lines[:400])
    return titled and marked


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    segments = SegmentList()
    markdown.read_body(_as_markdown([line.lstrip("\ufeff") for line in lines]), 1, segments)
    heading = next((s for s in segments.build() if s.kind is SegmentKind.HEADING), None)
    return Metadata(title=heading.text if heading else None), segments.build()


def _title_at(lines: list[str], i: int) -> bool:
    """Line ``i`` is a section title: text at the margin over an adornment at least as long (in characters; a wide
    character may take two columns, which writers of Chinese titles count or not)."""
    text, under = lines[i].rstrip(), lines[i + 1].rstrip() if i + 1 < len(lines) else ""
    if not text.strip() or text[0].isspace() or _ADORNMENT.match(text) or not _ADORNMENT.match(under):
        return False
    return len(under) >= len(text) and not text.startswith(".. ")


def _as_markdown(lines: list[str]) -> list[str]:
    """Each line as the Markdown it means (a blank line where it means no text), so line numbers stay the file's."""
    out = [""] * len(lines)
    styles: list[tuple[str, bool]] = []  # adornment styles, in the order they first appear: the titles' levels
    skip_over: int | None = None  # inside a block of no text: the indent it ends at
    options = False  # right under a directive: its option lines
    term_body: int | None = None  # the indent of a definition under a term line
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        indent = len(line) - len(line.lstrip())
        if skip_over is not None and (not line.strip() or indent > skip_over):
            i += 1
            continue
        skip_over = None
        if options and _OPTION.match(line):
            i += 1
            continue
        options = False
        if not line.strip():
            i += 1
            continue
        if _title_at(lines, i):
            overlined = i > 0 and _ADORNMENT.match(lines[i - 1].rstrip()) is not None
            style = (lines[i + 1].strip()[0], overlined)
            if style not in styles:
                styles.append(style)
            out[i] = "#" * min(styles.index(style) + 1, 6) + " " + _inline(line.strip())
            i += 2
            continue
        if _ADORNMENT.match(line) or _TABLE_BORDER.match(line):  # an overline, a transition, a table's border
            i += 1
            continue
        if directive := _DIRECTIVE.match(line):
            name, arg = directive["name"].casefold(), (directive["arg"] or "").strip()
            if name in _NO_TEXT or name.startswith("auto"):  # `automodule`: the docs are in the code
                skip_over = indent
            else:
                options = True
                out[i] = f"#### {_inline(arg)}" if name in _TITLED and arg else ""  # `py:method`'s signature: none
            i += 1
            continue
        if _COMMENT.match(line):
            skip_over = indent
            i += 1
            continue
        out[i], literal = _line(line)
        if literal:  # `示例::` introduces an indented literal block
            skip_over = indent
        following = lines[i + 1] if i + 1 < len(lines) else ""
        deeper = following.strip() and len(following) - len(following.lstrip()) > indent
        if term_body is not None and indent == term_body:  # a definition's first line: a paragraph of its own
            out[i] = "- " + out[i] if out[i] and not out[i].startswith(("- ", "1. ", "#")) else out[i]
            term_body = None
        if deeper and not literal and not _FIELD.match(line) and not _BULLET.match(line):
            out[i] = "- " + out[i] if out[i] and not out[i].startswith(("- ", "1. ")) else out[i]
            term_body = len(following) - len(following.lstrip())  # a term over its indented definition
        i += 1
    return out


def _line(line: str) -> tuple[str, bool]:
    """One line of text as Markdown, and whether it ends in `::` (a literal block follows)."""
    text = line.strip()
    literal = text.endswith("::")
    if literal:
        text = text[:-2].rstrip() + (":" if text[:-2].strip() else "")
    if field := _FIELD.match(text):
        body = (field["body"] or "").strip()
        worded = len(body.split()) > 1 or HAN_RE.search(body) is not None  # not `:tocdepth: 2`, `:orphan:`
        return ("- " + _inline(body) if worded else ""), literal
    if bullet := _BULLET.match(text):
        return "- " + _inline(text[bullet.end() :]), literal
    if number := _ENUMERATED.match(text):
        return "1. " + _inline(text[number.end() :]), literal
    return _inline(text), literal


def _inline(text: str) -> str:
    """Running text without reStructuredText's inline markup: a glossary term bold (it bounds a term as `**…**`
    does), any other role's text as written (its target gone), links as their text, ``literals`` as code."""
    text = text.replace("\\ ", "")  # `使用\ **同一个**\ 模型`: an escaped space joins markup to a word
    text = _FOOTNOTE_REF.sub("", text)
    text = _ROLE.sub(_role_text, text)
    text = _LINK.sub(lambda m: m["text"], text)
    text = text.replace("``", "`")
    return _SUBSTITUTION.sub(lambda m: m["name"], text).strip()


def _role_text(match: re.Match[str]) -> str:
    text = match["text"]
    titled = _TARGETED.match(text)
    shown = titled["title"] if titled and titled["title"] else text.lstrip("~!/")
    return f"**{shown}**" if match["name"] == "term" else shown
