"""Markdown articles: headings, paragraphs hard-wrapped across lines, bold speaker labels.

An interview write-up looks like::

    # 红杉专访｜…                          title
    文章作者: 瓜哥AI新知                    header lines: author, time, original link
    发布时间: 2024-10-26 08:00
    原文链接: http://mp.weixin.qq.com/s?…
    **主持人Sonya：** 加入我们本期节目的嘉宾是Dan     a speaker label; the speaker holds until the
    Roberts，他曾是…                                  next label or heading; lines wrap mid-sentence

A paragraph becomes one segment whose text keeps its line breaks, so a gloss wrapped across
two lines (``肖恩·麦奎尔（Sean\\nMcGuire）``) is still one piece of text.
"""

from __future__ import annotations

import re
from collections import Counter

from ..models import Metadata, Segment, SegmentKind
from ._build import SegmentList

_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_QUOTE = re.compile(r"^\s*>\s?")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
# `**主持人Sonya：**`, `**Dan Roberts:**` and `**Dan Roberts**：` open a speaker's turn.
_LABEL = re.compile(
    r"""^\*\*\s*(?P<a>[^*\n]{1,40}?)\s*[：:]\s*\*\*\s*    # colon inside the bold
      | ^\*\*(?P<b>[^*\n]{1,40}?)\*\*\s*[：:]\s*          # colon after the bold
    """,
    re.VERBOSE,
)
# Header lines of a Chinese article export, and their English equivalents.
_HEADER_KEYS = {
    "author": ("文章作者", "作者", "Author", "By"),
    "date": ("发布时间", "发布日期", "日期", "时间", "Date", "Published"),
    "source_url": ("原文链接", "原文", "链接", "Source", "Original", "URL", "Link"),
    "show": ("播客", "节目", "Podcast", "Show"),
}
_HEADER_LINE = re.compile(
    r"^(?P<key>" + "|".join(k for keys in _HEADER_KEYS.values() for k in keys) + r")\s*[:：]\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
_DATE = re.compile(r"(?P<y>\d{4})[-/.年]\s*(?P<m>\d{1,2})[-/.月]\s*(?P<d>\d{1,2})")
_HEADER_SCAN = 30  # header lines stand near the top


def detect(lines: list[str]) -> bool:
    """Markdown structure: two or more headings, bold labels, code fences, links, images, quotes,
    HTML comments or shortcodes."""
    marks = sum(1 for line in lines if _is_markdown_line(line))
    return marks >= 2


def _is_markdown_line(line: str) -> bool:
    if _HEADING.match(line) or _LABEL.match(line) or _FENCE.match(line):
        return True
    return "](" in line or line.startswith(("> ", "<!--", "{{<", "{{%"))


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    segments = SegmentList()
    fields = read_body(lines, 1, segments)
    heading = next((s for s in segments.build() if s.kind is SegmentKind.HEADING), None)
    title = fields.pop("title", None) or (heading.text if heading else None)
    speakers = tuple(dict.fromkeys(s.speaker for s in segments.build() if s.speaker))
    return (
        Metadata(
            title=title,
            date=fields.get("date"),
            source_url=fields.get("source_url"),
            show=fields.get("show"),
            author=fields.get("author"),
            speakers=speakers,
        ),
        segments.build(),
    )


def read_body(
    lines: list[str], first_line: int, segments: SegmentList, known_speakers: tuple[str, ...] = ()
) -> dict[str, str]:
    """Add the segments of a Markdown body starting at raw line ``first_line``; return header fields."""
    speakers = _speaker_labels(lines, known_speakers)
    fields: dict[str, str] = {}
    paragraph: list[tuple[int, str]] = []
    speaker: str | None = None
    block: list[tuple[int, str]] | None = None  # inside a code fence or an HTML comment
    block_kind = SegmentKind.CODE

    def flush(kind: SegmentKind = SegmentKind.BODY) -> None:
        if paragraph and any(text.strip() for _, text in paragraph):
            segments.add(paragraph[0][0], "\n".join(t for _, t in paragraph), kind=kind, speaker=speaker)
        paragraph.clear()

    for offset, raw in enumerate(lines):
        number = first_line + offset
        if block is not None:
            if block_kind is SegmentKind.CODE and _FENCE.match(raw):
                _add_block(segments, block, block_kind)
                block = None
            elif block_kind is SegmentKind.COMMENT and "-->" in raw:
                _add_block(segments, block + [(number, raw)], block_kind)
                block = None
            else:
                block.append((number, raw))
            continue
        if _FENCE.match(raw) or raw.lstrip().startswith("<!--"):
            flush()
            block_kind = SegmentKind.CODE if _FENCE.match(raw) else SegmentKind.COMMENT
            if block_kind is SegmentKind.COMMENT and "-->" in raw:
                _add_block(segments, [(number, raw)], block_kind)  # a one-line comment
            else:
                block = [] if block_kind is SegmentKind.CODE else [(number, raw)]
            continue
        line = raw.rstrip()
        if _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
            while _QUOTE.match(line):
                line = _QUOTE.sub("", line, count=1)
        stripped = line.strip()
        if not stripped or _RULE.match(stripped):
            flush()
            continue
        if heading := _HEADING.match(stripped):
            flush()
            speaker = None
            title = heading["text"].rstrip("# \t") or heading["text"]  # `## Title ##` closes with marks
            if len(heading["marks"]) == 1 and "title" not in fields:
                fields["title"] = title
            segments.add(number, title, kind=SegmentKind.HEADING)
            continue
        if offset < _HEADER_SCAN and (header := _HEADER_LINE.match(stripped)):
            flush()
            _take_header(header["key"], header["value"].strip(), fields)
            segments.add(number, stripped, kind=SegmentKind.META)
            continue
        label = _label(stripped)
        if label in speakers and not _QUOTE.match(raw):
            flush()
            speaker = label
            stripped = _LABEL.sub("", stripped, count=1).strip()
            if not stripped:
                continue
        elif _LIST_ITEM.match(stripped) or _TABLE_ROW.match(stripped):
            flush()
            stripped = _LIST_ITEM.sub("", stripped, count=1) if _LIST_ITEM.match(stripped) else stripped
        paragraph.append((number, stripped))
        if _TABLE_ROW.match(stripped):
            flush()
    flush()
    _add_block(segments, block or [], block_kind)  # an unclosed fence or comment runs to the end
    return fields


def _add_block(segments: SegmentList, block: list[tuple[int, str]], kind: SegmentKind) -> None:
    if any(text.strip() for _, text in block):
        segments.add(block[0][0], "\n".join(t for _, t in block), kind=kind)


def _speaker_labels(lines: list[str], known_speakers: tuple[str, ...]) -> set[str]:
    """The bold labels that name speakers.

    A label that recurs is a speaker, and so is a label used once inside the conversation those
    recurring labels span; a lead-in outside it (``**编者按：**`` above the interview, a lone
    ``**内容导读** ：`` in an essay) is not taken for a person, unless the metadata names it.
    """
    found = [
        (i, label)
        for i, line in enumerate(lines)
        if not _QUOTE.match(line) and not _LIST_ITEM.match(line) and (label := _label(line))
    ]
    counts = Counter(label for _, label in found)
    turns = [i for i, label in found if counts[label] >= 2]
    return {label for i, label in found if label in known_speakers or (turns and turns[0] <= i <= turns[-1])}


def _label(line: str) -> str | None:
    match = _LABEL.match(line.strip())
    return (match["a"] or match["b"]).strip() if match else None


def _take_header(key: str, value: str, fields: dict[str, str]) -> None:
    for name, keys in _HEADER_KEYS.items():
        if key.casefold() in (k.casefold() for k in keys) and name not in fields:
            if name == "date":
                match = _DATE.search(value)
                if not match:
                    return
                value = f"{int(match['y']):04d}-{int(match['m']):02d}-{int(match['d']):02d}"
            elif name == "source_url":
                url = re.search(r"https?://\S+", value)
                if not url:
                    return
                value = url.group(0)
            fields[name] = value
            return
