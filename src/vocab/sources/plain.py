"""Anything else: plain text, one segment per non-blank line (a paragraph where hard wraps break it). Never fails.

Text converted from a PDF or typed with hard wraps breaks its sentences at a fixed width
(``履约期（compliance`` / ``period）截止前``): there a line that fills the width and ends mid-sentence is joined with
the next one, as Markdown joins a paragraph's lines, the line breaks kept in the segment's text. Slides exported as
text number each slide (`--- Slide 3 ---`): the line under the mark is the slide's title, a heading.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..models import Metadata, Segment, SegmentKind
from ._build import SegmentList, bilingual_title, numbered_heading

_STOPS = tuple("。！？!?；;：:…")  # a sentence's (a clause's) last mark
_CLOSERS = '」』”"）)】]'  # the marks that close a quote or a bracket
_ENDS_SENTENCE = (*_STOPS, *_CLOSERS)
_OPENS_ITEM = tuple("一二三四五六七八九十-•*·—#>")
# A number opens an item or a section only as a list's or a heading's does (`1.`, `2、`, `3)`, `1.2 建设内容`,
# `4 储能系统配置` alone), not as the number a wrapped sentence goes on with (`35,040 个点），…`, `2024 年 4 月…`).
_NUMBERED_ITEM = re.compile(r"^\d{1,2}(?:[.、)）]|(?:\.\d{1,2})+\s|\s+\D{1,16}$)")
# A bracket opens an item only around its number (`（二）`, `(3)`, `(b)`): `（corresponding adjustment），…` is a gloss
# whose term ended the line before.
_NUMBERED_BRACKET = re.compile(r"^[（(]\s*(?:[一二三四五六七八九十]+|\d+|[A-Za-z]|[ivxIVX]+)\s*[）)]")
_WRAPPED_SHARE = 0.3  # of the lines that fill the width, how many must end mid-sentence for the text to be wrapped
_MIN_WRAPPED = 4  # lines that fill the width and end mid-sentence, at least
_NEARLY_FULL = 0.75  # of the width: a line this long ending mid-sentence wraps, once the text is known to wrap
_WORD = re.compile(r"[^\W_]")  # a line with no letter, digit or character is a rule (`-----`), no sentence


def detect(lines: list[str]) -> bool:
    return True


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    segments = SegmentList()
    fields = _mail_header(lines)
    for i in range(len(fields)):
        segments.add(i + 1, lines[i].strip(), kind=SegmentKind.META)
    lines = [""] * len(fields) + lines[len(fields) :]  # read no further: the text starts below them
    joined = _wrapped_lines(lines)
    running = _running_headers(lines) if joined else {}
    paragraph: list[tuple[int, str]] = []
    slide = False  # the last paragraph marked a slide's or a page's start: its title follows
    first_slide: int | None = None  # the first slide's title: a deck's
    signed = _signature_start(lines) if fields else len(lines) + 1  # an email's signature and footer: no text
    page_title = _page_title(lines)  # a page copied from a browser: its title's line twice, the site's menu above
    clipped = _clippings(lines)  # a Kindle's clippings: each under its book's line and its place and time
    dated = dateline(lines)  # the line near the top that dates the text: `2024年05月12日 08:30 云南`
    byline = _byline(lines)  # `作者：小林　2025年10月3日`: who wrote it, and when
    headline = _headline(lines, byline, dated)  # a short first line alone, over the text: its title
    titles = {i for i, line in enumerate(lines) if bilingual_title(line.strip())}  # a line of its own, wrapped or not
    for i, line in enumerate(lines):
        if line.strip():
            paragraph.append((i + 1, line.strip()))
        ends = i in titles or i + 1 in titles or not (line.strip() and i in joined and _continues(lines, i))
        if paragraph and ends:
            text = "\n".join(text for _, text in paragraph)
            marks = _SLIDE_MARK.match(text) is not None
            page = marks or text in running or bool(_CONTENTS_LINE.search(text) or _PAGE_MARK.match(text))
            page = page or paragraph[0][0] >= signed
            page = page or (
                page_title is not None and (paragraph[0][0] - 1 < page_title[0] or paragraph[0][0] - 1 == page_title[1])
            )
            page = page or paragraph[0][0] - 1 in clipped or (bool(clipped) and text == _CLIPPING_END)
            page = page or (dated is not None and paragraph[0][0] - 1 == dated[0])
            page = page or (byline is not None and paragraph[0][0] - 1 == byline[0])
            titled = len(paragraph) == 1 and (slide or numbered_heading(text) or paragraph[0][0] - 1 in titles)
            titled = titled or (len(paragraph) == 1 and paragraph[0][0] - 1 == headline)
            titled = titled or (len(paragraph) == 1 and paragraph[0][0] in clipped)
            titled = titled or (len(paragraph) == 1 and _DECORATED_HEADING.match(text) is not None)
            kind = SegmentKind.META if page else SegmentKind.HEADING if titled else None
            index = segments.add(paragraph[0][0], text, kind=kind or SegmentKind.BODY)
            if slide and titled and first_slide is None:
                first_slide = index
            paragraph, slide = [], marks
    built = segments.build()
    title = next((value for name, value in fields if name in _SUBJECT), None) or _article_title(lines)
    title = title or (lines[page_title[0]].strip() if page_title is not None else None)
    books = {lines[i - 1].strip() for i in clipped if i > 0}
    title = title or (books.pop() if len(books) == 1 else None)  # the clippings of one book
    title = title or max(running, key=running.__getitem__, default=None)  # the most repeated, the first of equals
    title = title or (built[first_slide].text if first_slide is not None else None)
    title = title or (lines[headline].strip() if headline is not None else None)
    date = _sent_on(fields) or (dated[1] if dated else None) or (byline[2] if byline else None)
    return Metadata(title=title, date=date, author=byline[1] if byline else None), built


def _byline(lines: list[str]) -> tuple[int, str, str | None] | None:
    """A line near the top that names the writer, perhaps with the day (`作者：小林　2025年10月3日`, `By Ana Ruiz`): no
    text. Its number (0-based), the name, and the day as yyyy-mm-dd."""
    filled = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()][:_DATELINE_WITHIN]
    for i, text in filled:
        if found := _BYLINE.match(text):
            return i, found["name"].strip(), _iso_day(found)
    return None


_BYLINE = re.compile(
    r"^(?:(?:作者|撰文|文|Author)\s*[:：]|By\s)\s*(?P<name>[^\s\d:：，,。]{1,24}?(?: [A-Z][^\s\d:：，,。]{0,20}){0,2})"
    r"(?:[\s\u3000]+(?P<y>(?:19|20)\d{2})\s*[年/.-]\s*(?P<m>\d{1,2})\s*[月/.-]\s*(?P<d>\d{1,2})\s*[日号]?)?\s*$"
)


def _headline(lines: list[str], *under: tuple[Any, ...] | None) -> int | None:
    """The first line (0-based) where it stands alone, short and no sentence, with a blank line, a byline or a
    dateline under it (`从零搭建一个 RAG 系统：我踩过的坑`, `我的生词笔记（第二版）`: a bracket may close a title): the
    text's title, a heading."""
    filled = [i for i, line in enumerate(lines) if line.strip()][:2]
    if not filled:
        return None
    first = lines[filled[0]].strip()
    below = filled[1] if len(filled) > 1 else None
    alone = filled[0] + 1 < len(lines) and not lines[filled[0] + 1].strip()
    marked = below is not None and any(mark is not None and mark[0] == below for mark in under)
    if len(first) > _HEADLINE_MOST or first.rstrip(_CLOSERS).endswith(_STOPS) or not (alone or marked):
        return None
    return filled[0]


_HEADLINE_MOST = 40  # characters: a title, not a paragraph's first line


def _article_title(lines: list[str]) -> str | None:
    """A WeChat article copied as text: its title, then `原创` and the author and account on the line below."""
    filled = [line.strip() for line in lines if line.strip()][:2]
    return filled[0] if len(filled) == 2 and filled[1].startswith(_ORIGINAL) else None


_ORIGINAL = ("原创", "原創")  # WeChat's mark of an article its account wrote


def dateline(lines: list[str]) -> tuple[int, str] | None:
    """A line near the top that is a date and at most a time, a weekday and a place (`2024年05月12日 08:30 云南` under
    a WeChat article's title, `2024 年 10 月 17 日 · 文科楼 B203` on a lecture's first slide): no text, and the day
    the text was written. Its number (0-based) and the day, as yyyy-mm-dd."""
    filled = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()][:_DATELINE_WITHIN]
    for i, text in filled:
        if (found := _DATELINE.match(text)) and (day := _iso_day(found)):
            return i, day
    return None


def _iso_day(found: re.Match[str]) -> str | None:
    """The day a match's groups `y`, `m`, `d` give, as yyyy-mm-dd; None where they give none (month 13)."""
    if not found["y"]:
        return None
    year, month, day = int(found["y"]), int(found["m"]), int(found["d"])
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


_DATELINE = re.compile(
    r"^(?P<y>(?:19|20)\d{2})\s*[年/.-]\s*(?P<m>\d{1,2})\s*[月/.-]\s*(?P<d>\d{1,2})\s*[日号]?"
    r"(?:\s*[（(]?(?:星期|周|週)[一二三四五六日天][）)]?)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:(?:\s*[·|｜]\s*|\s+)[^\s。！？!?，,]{1,8}(?:\s+[^\s。！？!?，,]{1,8})?)?$"
)
_DATELINE_WITHIN = 8  # non-blank lines from the top


def _clippings(lines: list[str]) -> set[int]:
    """A Kindle's `My Clippings.txt`: the lines (0-based) that give a clipping's place and time (`- Your Highlight on
    page 9 | Location 118-121 | Added on …`, `- 您在第 12 页（位置 #180-183）的标注 | 添加于 …`), where two or more do.
    They are no text, the line above each names the book (a heading), and `==========` ends a clipping."""
    found = {i for i, line in enumerate(lines) if _CLIPPING_INFO.match(line.strip())}
    return found if len(found) >= 2 else set()


_CLIPPING_INFO = re.compile(
    r"^-\s*(?:Your\s+(?:Highlight|Note|Bookmark|Clip)\b|您在.{0,40}?的(?:标注|笔记|书签|標註|筆記|書籤))", re.IGNORECASE
)
_CLIPPING_END = "=========="


def _page_title(lines: list[str]) -> tuple[int, int] | None:
    """A page copied from a browser (a Zhihu question, a forum thread): the site's menu, short lines (`首页`, `会员`,
    `发现`), then the page's title, which stands again a few lines below (over the question, the post). The two lines'
    numbers (0-based), or None."""
    filled = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()][:_PAGE_HEAD]
    menu = 0
    for k, (i, text) in enumerate(filled):
        if not _WORD.search(text):
            continue  # a rule, a zero-width space
        if len(text) <= _MENU_ITEM:
            menu += 1
            continue
        again = next((j for j, other in filled[k + 1 : k + 1 + _TITLE_AGAIN] if other == text), None)
        return (i, again) if again is not None and menu >= _MENU_ITEMS else None
    return None


_PAGE_HEAD = 40  # lines in which a page's menu and title stand
_MENU_ITEM = 12  # characters of a site menu's item at most: the first longer line is the title, or there is none
_TITLE_AGAIN = 12  # lines below its first within which a page's title stands again
_MENU_ITEMS = 2  # a menu's items at least above the title


# An email saved as text opens with its header's fields, one a line (`Subject: …`, `From: …`; `主题：…` where the
# mail program speaks Chinese): no text, and its subject names the document.
_MAIL_FIELD = re.compile(
    r"^(?P<name>subject|from|to|cc|bcc|date|sent|reply-to|mime-version|content-[\w-]+|message-id|return-path|x-[\w-]+"
    r"|list-[\w-]+|主题|主題|发件人|寄件者|寄件人|收件人|抄送|副本|日期|时间|時間)"
    r"\s*[:：]\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_SUBJECT = frozenset({"subject", "主题", "主題"})
_MAIL_LEAST = 2  # fields an email's header has at least, one of them its subject


def _mail_header(lines: list[str]) -> list[tuple[str, str]]:
    """The fields of the email header the text opens with (name, value), or none."""
    fields = []
    for line in lines:
        match = _MAIL_FIELD.match(line.strip())
        if match is None:
            break
        fields.append((match["name"].casefold(), match["value"].strip()))
    named = any(name in _SUBJECT for name, _ in fields)
    return fields if named and len(fields) >= _MAIL_LEAST else []


def _signature_start(lines: list[str]) -> int:
    """The raw line of an email's signature delimiter (`-- `, as mail programs write it), the last one; past the end
    where it has none."""
    return max((i + 1 for i, line in enumerate(lines) if line.rstrip() == "--"), default=len(lines) + 1)


def _sent_on(fields: list[tuple[str, str]]) -> str | None:
    """The day the email was sent, from its `Date:` (RFC 2822, as mail programs write it), as ISO yyyy-mm-dd."""
    from email.utils import parsedate_to_datetime

    for name, value in fields:
        if name in ("date", "sent"):
            try:
                return parsedate_to_datetime(value).date().isoformat()
            except (TypeError, ValueError, IndexError):
                return None
    return None


# Slides exported as text, each under a mark that numbers it (`--- Slide 3 ---`, `幻灯片 4`, `第 4 张`): the mark is
# no text, the line after it the slide's title. A page's number (`[Page 2/9]`, `第 4 页`) is no text either; the line
# after it goes on with the text.
_MARK_EDGES, _MARK_ENDS = r"^[-=#*_~\s\[【(（<]*", r"[-=#*_~\s\]】)）>]*$"
_SLIDE_MARK = re.compile(
    rf"{_MARK_EDGES}(?:slide\s*\d+(?:\s*(?:/|of)\s*\d+)?|(?:幻灯片|投影片)\s*\d+|第\s*\d+\s*(?:张|張))"
    rf"{_MARK_ENDS}",
    re.IGNORECASE,
)
_PAGE_MARK = re.compile(
    rf"{_MARK_EDGES}(?:page\s*\d+(?:\s*(?:/|of)\s*\d+)?|(?:页|頁)\s*\d+|第\s*\d+\s*(?:页|頁)){_MARK_ENDS}",
    re.IGNORECASE,
)


# A page's furniture, no mention of the terms it holds: a line of contents (`3 光伏系统方案 ........ 4`), in any plain
# text, and in text converted from a PDF (a wrapped one) a running header repeated on every page (`…可行性研究报告`),
# which names the document.
_CONTENTS_LINE = re.compile(r"(?:[.…·．]{4,}|[.…·．](?:\s[.…·．]){3,})\s*\d+\s*$")
# A line set between runs of one mark, as notes set their sections apart (`=== 工作词汇 Work Vocabulary ===`)
_DECORATED_HEADING = re.compile(r"^([=*#~])\1+\s*[^=*#~\s].*?\s*\1{2,}$")
_RUNNING_LEAST = 3  # times a line stands alone in a wrapped text to be its running header


def _running_headers(lines: list[str]) -> dict[str, int]:
    """Lines a wrapped text repeats on their own, word for word, three times or more (the pages' running headers), with
    how often, in the order they first stand."""
    counts = Counter(line.strip() for line in lines if _WORD.search(line))
    return {line: n for line, n in counts.items() if n >= _RUNNING_LEAST}


def _width(line: str) -> int:
    """Columns the line takes: a wide character (Han, kana, hangul, full-width forms) two."""
    stripped = line.strip()
    return len(stripped) + len(_WIDE.findall(stripped))


_WIDE = re.compile("[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def _wrapped_lines(lines: list[str]) -> set[int]:
    """The lines that end where the text wraps: they fill the width most long lines fill (within a tenth) and do not
    end a sentence, or they leave a bracket open (`履约期（compliance`). Empty unless enough of the text wraps so: a
    list, a chat or a poem is read line by line."""
    widths = [_width(line) for line in lines]
    common = Counter(w for w in widths if w >= 40)
    if not common:
        return set()
    width = max(w for w, n in common.items() if n == max(common.values()))
    full = [i for i, w in enumerate(widths) if w >= 0.9 * width]
    wrapped = {i for i in full if not lines[i].rstrip().endswith(_ENDS_SENTENCE) and _WORD.search(lines[i])}
    # a list's items fill the width too, unended (slides' bullets): only a line the next one goes on from is wrapped
    if sum(1 for i in wrapped if _continues(lines, i)) < max(_MIN_WRAPPED, _WRAPPED_SHARE * len(full)):
        return set()
    # in wrapped text, a line a little short of the width (English words wrap early) that ends mid-sentence wraps too
    nearly = {
        i
        for i, w in enumerate(widths)
        if w >= _NEARLY_FULL * width and not lines[i].rstrip().endswith(_ENDS_SENTENCE) and _WORD.search(lines[i])
    }
    return wrapped | nearly | {i for i, line in enumerate(lines) if _opens_more_than_it_closes(line)}


def _opens_more_than_it_closes(line: str) -> bool:
    return sum(map(line.count, "（(")) > sum(map(line.count, "）)"))


def _continues(lines: list[str], i: int) -> bool:
    """The line after ``i`` goes on with its sentence: it is text, not blank, and opens no item or section."""
    following = lines[i + 1].strip() if i + 1 < len(lines) else ""
    opens_item = following.startswith(_OPENS_ITEM) or bool(
        _NUMBERED_BRACKET.match(following) or _NUMBERED_ITEM.match(following)
    )
    return bool(following) and not opens_item and (lines[i + 1][:1] not in " \t\u3000" or _hangs(lines, i))


_ITEM_MARK = re.compile(r"^\s*(?:[-•*·]|\d{1,2}[.)、])\s+")  # a list item's mark, and the spaces after it


def _hangs(lines: list[str], i: int) -> bool:
    """The line after ``i`` is indented as far as the text of the list item ``i`` is in (`· 靠的是资料同化` over
    `  （data assimilation）：…`): the item's hanging indent, its sentence going on, not a paragraph indented anew."""
    indent = len(lines[i + 1]) - len(lines[i + 1].lstrip(" "))
    for j in range(i, max(i - _HANGING_REACH, -1), -1):
        if mark := _ITEM_MARK.match(lines[j]):
            return mark.end() == indent
        if len(lines[j]) - len(lines[j].lstrip(" ")) != indent:
            return False  # no line of the item: a line above it indented otherwise
    return False


_HANGING_REACH = 12  # lines back to an item's mark from the line its text wraps on
