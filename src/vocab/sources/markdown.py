"""Markdown articles: headings, paragraphs hard-wrapped across lines, bold speaker labels.

An interview write-up looks like::

    # 红杉专访｜…                          title
    文章作者: 瓜哥AI新知                    header lines: author, time, original link
    发布时间: 2024-10-26 08:00
    原文链接: http://mp.weixin.qq.com/s?…
    **主持人Sonya：** 加入我们本期节目的嘉宾是Dan     a speaker label; the speaker holds until the
    Roberts，他曾是…                                  next label or heading; lines wrap mid-sentence

A podcast transcript kept in Markdown opens each turn with a bold name and a time (``**Maren Oakes** (00:00:05)``,
``**Host** [12:03]:``), over the turn's English paragraph and its translation: its paragraphs take the speaker and the
time, and each English paragraph is aligned with the Chinese one beside it, as a plain transcript's lines are.

A paragraph becomes one segment whose text keeps its line breaks, so a gloss wrapped across
two lines (``肖恩·麦奎尔（Sean\\nMcGuire）``) is still one piece of text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..models import Metadata, Segment, SegmentKind
from ._build import CLOCK, MAX_SPEAKERS, TRANSLATION_LABEL, SegmentList, clock_seconds, pair_lines
from .plain import dateline

_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_QUOTE = re.compile(r"^\s*>\s?")
# A callout's first line, in a quote: GitHub's alerts (`> [!NOTE]`), Obsidian's and Notion's boxes with a title
# (`> [!tip]- 小结`)
_CALLOUT = re.compile(r"^\[!(?P<kind>[A-Za-z][\w-]*)\][+-]?(?:\s+(?P<title>.*))?$")
# A container's fences, as HackMD, Docusaurus and VitePress write boxes: `:::warning`, `::: tip 小结`, `:::spoiler 答案`
# and the `:::` that closes one
_CONTAINER = re.compile(r"^:{3,}\s*(?P<kind>[A-Za-z][\w-]*)?(?:\s+(?P<title>\S.*))?$")
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
# `**Maren Oakes** (00:00:05)`, `**Host (12:03):** text`, `**[00:12:03] Priya**`: a bold name and a time open a timed
# turn, whoever the name is (the time says it is a turn)
_NAME = r"(?P<name>[^*\n\[\]()（）:：]{1,40}?)"
_AT = rf"[\[(（]\s*(?P<time>{CLOCK})\s*[\])）]"
_FULL_CLOCK = r"\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?"  # a bare time before the turn's words: `10:30` may be the day's
# `[00:00:04] Host: Welcome…` in plain text, a transcript pasted under a show's notes: a turn where a body has two or
# more; and in such a turn, a translation's line after the speaker's label (``TRANSLATION_LABEL``) is a paragraph of its
# own
_SPEAKER_NAME = r"(?P<name>[^\W\d_][^:：，。！？,!?\[\]【】*]{0,19}?)"
_PLAIN_TURN = re.compile(rf"^[\[(（【]\s*(?P<time>{CLOCK})\s*[\])）】]\s*{_SPEAKER_NAME}\s*[:：]\s*(?P<text>\S.*)$")
_TIMED_LABELS = tuple(
    re.compile(pattern)
    for pattern in (
        rf"^\*\*\s*{_NAME}\s*\*\*\s*{_AT}\s*[:：]?\s*(?P<text>.*)$",
        rf"^\*\*\s*{_NAME}\s*{_AT}\s*[:：]?\s*\*\*\s*[:：]?\s*(?P<text>.*)$",
        rf"^\*\*\s*{_AT}\s*{_NAME}\s*[:：]?\s*\*\*\s*[:：]?\s*(?P<text>.*)$",
        rf"^\*\*\s*{_NAME}\s*\*\*\s+(?P<time>{CLOCK})(?P<text>)$",  # a bold name and a bare time alone: a turn's head
        rf"^\*\*\s*{_NAME}\s*\*\*\s+(?P<time>{_FULL_CLOCK})\s+(?P<text>.+)$",  # `**林晓**  00:00:08 你好`: hours too
    )
)
# A label that names a part in a conversation: a speaker however often it stands (`**主持人小陈：**` once).
_CONVERSATION_ROLE = re.compile(
    r"^(?:主持人|主持|嘉宾|嘉賓|来宾|來賓|记者|記者|采访者|採訪者|受访者|受訪者|主播|(?:host|guest|interviewer|interviewee)\b)",
    re.IGNORECASE,
)
# Header lines of a Chinese article export, and their English equivalents.
_HEADER_KEYS = {
    "author": ("文章作者", "作者", "Author", "By"),
    "date": (
        *("发布时间", "发布日期", "日期", "时间", "Date", "Published"),
        *("录音时间", "录制时间", "采访时间", "访谈时间"),  # an interview's recording
        *("Created", "Created time", "创建时间", "创建日期"),  # a Notion page's properties
    ),
    "source_url": ("原文链接", "原文", "链接", "Source", "Original", "URL", "Link"),
    "show": ("播客", "节目", "Podcast", "Show"),
}
_HEADER_LINE = re.compile(
    r"^(?P<key>" + "|".join(k for keys in _HEADER_KEYS.values() for k in keys) + r")\s*[:：]\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
_TASK_BOX = re.compile(r"^\[[ xX]\]\s+")
# An icon opening a paragraph (a Notion callout's `💡`, `⚠️`): no part of its sentence
_ICON = re.compile("^[\u2600-\u27bf\U0001f300-\U0001faff][\ufe0f\u200d\u2600-\u27bf\U0001f300-\U0001faff]*[ \t]*")
# A Notion page's other properties, as its export writes them under the title (`Status:` may be empty): no text.
_PROPERTY_LINE = re.compile(
    r"^(?:Last edited time|Last edited by|Created by|Tags|Status|Type|Category|Priority|Assign|Assignee|Due|Course"
    r"|最后编辑时间|最后编辑者|创建者|标签|状态|类型|分类|优先级)\s*[:：]",
    re.IGNORECASE,
)
# A line that is only an HTML block tag, as Notion writes a callout (`<aside>` … `</aside>`): no text.
_HTML_TAG_LINE = re.compile(r"^</?(?:aside|details|div|section|figure|center)(?:\s[^>]*)?>$", re.IGNORECASE)
_DATE = re.compile(r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})")  # `2025 年 2 月 22 日` too
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ENGLISH_DATE = re.compile(r"\b(?P<month>[A-Za-z]{3})[a-z]*\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})\b")  # March 3, 2025
_HEADER_SCAN = 30  # header lines stand near the top
_DAY_WRITTEN = rf"(?P<day>{_DATE.pattern}\s*[日号]?)"  # 2025年08月20日
_ORIGINAL_LINE = re.compile(  # WeChat's: `原创 作者 公众号 2025年09月02日 21:14 北京`
    rf"^(?:原创|原創)\s+(?P<name>[^\s\d]+)(?:\s+[^\s\d]+)*?\s+{_DAY_WRITTEN}(?:\s+\d{{1,2}}:\d{{2}})?(?:\s+\S{{1,8}})?$"
)
_DATED_NAME = re.compile(rf"^(?P<name>\S.*?)[\s\u3000]+{_DAY_WRITTEN}$")  # a byline: `阿凱　2025年08月20日`


def is_heading(line: str) -> bool:
    """``line`` (stripped) is a Markdown heading: `#` to `######`, a space, its text."""
    return _HEADING.match(line) is not None


def detect(lines: list[str]) -> bool:
    """Markdown structure: two or more headings, bold labels, code fences, links, images, quotes,
    HTML comments or shortcodes."""
    return marked_lines(lines) >= 2


def marked_lines(lines: list[str]) -> int:
    """How many lines are Markdown: a heading, a bold label, a code fence, a link or image, a quote…"""
    return sum(1 for line in lines if _is_markdown_line(line))


def _is_markdown_line(line: str) -> bool:
    if _HEADING.match(line) or _LABEL.match(line) or _FENCE.match(line) or _HTML_TAG_LINE.match(line.strip()):
        return True
    if _timed_label(line.strip()):
        return True  # `**Maya Oka** (00:03)`, `**林晓**  00:00:08 你好`: a speaker's bold name and time
    return "](" in line or line.startswith(("> ", "<!--", "{{<", "{{%"))


def has_turns(lines: list[str]) -> bool:
    """Speakers' turns Markdown reads: bold names with times (`**Maya** (00:03)`, `**Maya**  00:00:04` alone on its
    line), twice or more, or bold labels that name speakers (`**主持人：**`)."""
    timed = sum(_timed_label(line.strip()) is not None for line in lines)
    return timed >= 2 or bool(_speaker_labels(lines, ()))


def _timed_label(stripped: str) -> re.Match[str] | None:
    """A bold name with a time opening a turn, in any of ``_TIMED_LABELS``' ways."""
    if not stripped.startswith("**"):
        return None
    return next(filter(None, (p.match(stripped) for p in _TIMED_LABELS)), None)


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    segments = SegmentList()
    fields = read_body(lines, 1, segments)
    heading = next((s for s in segments.build() if s.kind is SegmentKind.HEADING), None)
    title = fields.pop("title", None) or (heading.text if heading else None)
    dated = None if "date" in fields else dateline(lines)  # `2025年3月5日` under the title, as plain text dates it
    return (
        Metadata(
            title=title,
            date=fields.get("date") or (dated[1] if dated else None),
            source_url=fields.get("source_url"),
            show=fields.get("show"),
            author=fields.get("author"),
        ),
        segments.build(),
    )


def read_body(
    lines: list[str], first_line: int, segments: SegmentList, known_speakers: tuple[str, ...] = ()
) -> dict[str, str]:
    """Add the segments of a Markdown body starting at raw line ``first_line``; return header fields."""
    plain_turns = sum(_PLAIN_TURN.match(line.strip()) is not None for line in lines) >= 2
    body = _Body(segments, _speaker_labels(lines, known_speakers), plain_turns)
    for offset, raw in enumerate(lines):
        number = first_line + offset
        if body.block is not None:
            body.continue_block(number, raw)
        elif _FENCE.match(raw) or raw.lstrip().startswith("<!--"):
            body.open_block(number, raw)
        else:
            body.add_line(offset, number, raw)
    body.flush()
    _add_block(segments, body.block or [], body.block_kind)  # an unclosed fence or comment runs to the end
    body.end_turns()
    return body.fields


@dataclass
class _Body:
    """What reading a body line by line carries from one line to the next: the paragraph being
    gathered, the current speaker, and an open code fence or HTML comment."""

    segments: SegmentList
    speakers: set[str]
    plain_turns: bool = False  # the body has turns opened by a plain time and name (``_PLAIN_TURN``)
    fields: dict[str, str] = field(default_factory=dict)
    paragraph: list[tuple[int, str]] = field(default_factory=list)
    speaker: str | None = None
    start: float | None = None  # the time of the timed turn the text is in
    turns: list[tuple[float, list[int]]] = field(default_factory=list)  # each timed turn's time and paragraphs
    block: list[tuple[int, str]] | None = None  # inside a code fence or an HTML comment
    block_kind: SegmentKind = SegmentKind.CODE

    def flush(self, kind: SegmentKind = SegmentKind.BODY) -> None:
        """End the paragraph: its lines become one segment, line breaks kept."""
        if self.paragraph and any(text.strip() for _, text in self.paragraph):
            text = "\n".join(t for _, t in self.paragraph)
            index = self.segments.add(self.paragraph[0][0], text, kind=kind, speaker=self.speaker, start=self.start)
            if self.start is not None:
                self.turns[-1][1].append(index)
        self.paragraph.clear()

    def end_turns(self) -> None:
        """Each timed turn ends when the next later one begins, and its English paragraphs are aligned with the
        Chinese ones beside them."""
        for k, (start, added) in enumerate(self.turns):
            end = next((later for later, _ in self.turns[k + 1 :] if later > start), None)
            self.segments.end_at(added, end)
            pair_lines(self.segments, added, [self.segments[i].text for i in added])

    def open_block(self, number: int, raw: str) -> None:
        """A code fence or an HTML comment starts; a comment may also end on the same line."""
        self.flush()
        self.block_kind = SegmentKind.CODE if _FENCE.match(raw) else SegmentKind.COMMENT
        if self.block_kind is SegmentKind.COMMENT and "-->" in raw:
            _add_block(self.segments, [(number, raw)], self.block_kind)  # a one-line comment
        else:
            self.block = [] if self.block_kind is SegmentKind.CODE else [(number, raw)]

    def continue_block(self, number: int, raw: str) -> None:
        """A line inside an open block: kept as written, or the block's closing line."""
        assert self.block is not None
        if self.block_kind is SegmentKind.CODE and _FENCE.match(raw):
            _add_block(self.segments, self.block, self.block_kind)
            self.block = None
        elif self.block_kind is SegmentKind.COMMENT and "-->" in raw:
            _add_block(self.segments, self.block + [(number, raw)], self.block_kind)
            self.block = None
        else:
            self.block.append((number, raw))

    def add_line(self, offset: int, number: int, raw: str) -> None:
        """A line outside blocks: a break, a heading, a header line near the top, or text."""
        stripped = _unquote(raw.rstrip()).strip()
        if not stripped or _RULE.match(stripped):
            self.flush()
        elif heading := _HEADING.match(stripped):
            self.flush()
            self.speaker = self.start = None
            title = heading["text"].rstrip("# \t") or heading["text"]  # `## Title ##` closes with marks
            if len(heading["marks"]) == 1 and "title" not in self.fields:
                self.fields["title"] = title
            self.segments.add(number, title, kind=SegmentKind.HEADING)
        elif callout := _CALLOUT.match(stripped) or _CONTAINER.match(stripped):  # `> [!note] 提示`, `:::spoiler 答案`:
            self.flush()  # the box's kind is no text, its title a heading
            title = (callout["title"] or "").strip()
            self.segments.add(number, title or stripped, kind=SegmentKind.HEADING if title else SegmentKind.META)
        elif offset < _HEADER_SCAN and (header := _HEADER_LINE.match(stripped)):
            self.flush()
            _take_header(header["key"], header["value"].strip(), self.fields)
            self.segments.add(number, stripped, kind=SegmentKind.META)
        elif offset < _HEADER_SCAN and (original := _ORIGINAL_LINE.match(stripped)) and (day := _day(original["day"])):
            self.flush()  # a WeChat article's `原创 作者 公众号 2025年09月02日 21:14 北京`: its writer and day, no text
            self.fields.setdefault("author", original["name"])
            self.fields.setdefault("date", day)
            self.segments.add(number, stripped, kind=SegmentKind.META)
        elif (offset < _HEADER_SCAN and _PROPERTY_LINE.match(stripped)) or _HTML_TAG_LINE.match(stripped):
            self.flush()
            self.segments.add(number, stripped, kind=SegmentKind.META)
        else:
            self.add_text(number, raw, stripped)

    def add_text(self, number: int, raw: str, stripped: str) -> None:
        """Text joins the paragraph; a speaker label, a list item or a table row starts a new one,
        and a table row is a paragraph of its own."""
        label = _label(stripped)
        quoted = _QUOTE.match(raw) is not None
        plain = self.plain_turns and not quoted
        timed = None if quoted else _timed_label(stripped) or (_PLAIN_TURN.match(stripped) if plain else None)
        translated = TRANSLATION_LABEL.match(stripped) if plain and not timed and self.turns else None
        if timed:
            self.flush()
            start = clock_seconds(timed["time"])
            if not (self.turns and self.start == start):  # else its translation, at the same time: one turn
                self.turns.append((start, []))
            self.speaker, self.start = timed["name"].strip(), start
            stripped = timed["text"].strip()
            if not stripped:
                return
        elif translated and self.start is not None:
            self.flush()  # the label names the turn's speaker
            stripped = translated["text"].strip()
        elif label in self.speakers and not _QUOTE.match(raw):
            self.flush()
            self.speaker, self.start = label, None
            stripped = _LABEL.sub("", stripped, count=1).strip()
            if not stripped:
                return
        elif _LIST_ITEM.match(stripped) or _TABLE_ROW.match(stripped):
            self.flush()
            if _LIST_ITEM.match(stripped):  # a to-do's box too: `- [x] 读完…` (GitHub, Notion, Obsidian)
                stripped = _TASK_BOX.sub("", _LIST_ITEM.sub("", stripped, count=1), count=1)
        elif not self.paragraph:
            stripped = _ICON.sub("", stripped, count=1) or stripped  # a callout's icon: `💡 一句话总结：…`
        self.paragraph.append((number, stripped))
        if _TABLE_ROW.match(stripped):
            self.flush()


def _unquote(line: str) -> str:
    """``line`` without its quote marks, however deeply nested.

    >>> _unquote("> > 引用（quote）"), _unquote("a > b")
    ('引用（quote）', 'a > b')
    """
    while _QUOTE.match(line):
        line = _QUOTE.sub("", line, count=1)
    return line


def _add_block(segments: SegmentList, block: list[tuple[int, str]], kind: SegmentKind) -> None:
    if any(text.strip() for _, text in block):
        segments.add(block[0][0], "\n".join(t for _, t in block), kind=kind)


def _speaker_labels(lines: list[str], known_speakers: tuple[str, ...]) -> set[str]:
    """The bold labels that name speakers.

    A label that recurs is a speaker, and so is a label used once inside the conversation those
    recurring labels span, or one that names a part in a conversation (``**主持人小陈：**``, ``**Guest:**``:
    a short interview's labels each stand once); a lead-in outside it (``**编者按：**`` above the interview, a lone
    ``**内容导读** ：`` in an essay) is not taken for a person, unless the metadata names it; nor are labels spanning
    more than a conversation's few speakers (a tutorial's ``**意义：**`` and ``**优势：**`` between dozens of others).
    """
    found = [
        (i, label)
        for i, line in enumerate(lines)
        if not _QUOTE.match(line) and not _LIST_ITEM.match(line) and (label := _label(line))
    ]
    counts = Counter(label for _, label in found)
    turns = [i for i, label in found if counts[label] >= 2]
    spanned = {label for i, label in found if turns and turns[0] <= i <= turns[-1]}
    named = {label for _, label in found if label in known_speakers or _CONVERSATION_ROLE.match(label)}
    if len(spanned) > MAX_SPEAKERS:  # `**优势：**`, `**意义：**`, … a tutorial's lead-ins, dozens: no conversation
        return named
    return spanned | named


def _label(line: str) -> str | None:
    match = _LABEL.match(line.strip())
    return (match["a"] or match["b"]).strip() if match else None


def _day(value: str) -> str | None:
    """The date a header's value gives (`2025-03-04`, `2025 年 3 月 4 日`, Notion's `March 4, 2025 9:14 PM`)."""
    if match := _DATE.search(value):
        return f"{int(match['y']):04d}-{int(match['m']):02d}-{int(match['d']):02d}"
    english = _ENGLISH_DATE.search(value)
    if english is None or english["month"].casefold() not in _MONTHS:
        return None
    return f"{int(english['y']):04d}-{_MONTHS.index(english['month'].casefold()) + 1:02d}-{int(english['d']):02d}"


def _take_header(key: str, value: str, fields: dict[str, str]) -> None:
    """A header line's field; an author's line that ends with the day (`作者：阿凱　2025年08月20日`, a byline) gives
    the date too, where no line gave one."""
    for name, keys in _HEADER_KEYS.items():
        if key.casefold() in (k.casefold() for k in keys) and name not in fields:
            if name == "author" and (dated := _DATED_NAME.match(value)) and (day := _day(dated["day"])):
                fields.setdefault("date", day)
                value = dated["name"]
            if name == "date":
                day = _day(value)
                if day is None:
                    return
                value = day
            elif name == "source_url":
                url = re.search(r"https?://\S+", value)
                if not url:
                    return
                value = url.group(0)
            fields[name] = value
            return
