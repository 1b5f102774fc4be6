"""Forum threads as a bulletin board lays them out (PTT, the Taiwanese BBS, and boards in its style): each post opens
with a header of fields, its comments follow it one line each:

    作者  nightowl_tw (夜貓)                       看板  StarPhoto      the author's id (and nickname), the board
    標題  [問題] 第一次拍銀河，星點拉線                                  the title, a category tag in brackets
    時間  Sat Mar 16 01:42:17 2024
    ───────────────────────────
    the post's lines ...                                                the author's words
    ※ 引述《nightowl_tw (夜貓)》之銘言：                                 a reply quoting the post it answers:
    : the quoted line                                                   the quoted author's words
    --
    ※ 發信站: 批踢踢實業坊(ptt.cc), 來自: 203.0.113.57                  the site's footer: no one's words
    推 kuma_lens: 拉線是地球自轉                      03/16 01:55       a comment (推 up, 噓 down, → neutral)

Each line is a segment with the speaker whose words it holds, the header and footer lines meta; the first post's
title, without its `Re:` and category tag, is the document's.
"""

from __future__ import annotations

import re

from ..models import Metadata, Segment, SegmentKind
from ._build import SegmentList

# `作者  kuma_lens (熊熊)   看板  StarPhoto`; a simplified board's `发信人: kuma (熊熊), 信区: Photo`
_AUTHOR = re.compile(r"^(?:作者|發信人|发信人)\s*[:：]?\s*(?P<id>[\w.-]+)")
_TITLE = re.compile(r"^(?:標題|标题|標\s+題|标\s+题)\s*[:：]?\s*(?P<title>\S.*)$")
_FIELD = re.compile(r"^(?:時間|时间|發信站|发信站|看板|信區|信区)\s*[:：]?\s")
# a comment: its mark, the commenter's id, the words, and where and when it was posted (`1.2.3.4 03/16 01:55`)
_COMMENT = re.compile(
    r"^(?:推|→|噓|嘘)\s*(?P<id>[\w.-]+)\s*[:：]\s?(?P<text>.*?)\s*(?:\d{1,3}(?:\.\d{1,3}){3}\s+)?"
    r"\d{1,2}/\d{1,2}(?:\s+\d{1,2}:\d{2})?\s*$"
)
_QUOTING = re.compile(r"^※\s*引述\s*《\s*(?P<id>[\w.-]+)")  # `※ 引述《nightowl_tw (夜貓)》之銘言：`
_QUOTED = re.compile(r"^[:：]\s?")  # a line of the quoted post
_SITE = "※"  # the board's own lines: where it was posted from, the post's address, who edited it
_SIGNATURE = "--"  # the author's signature follows, then the site's lines
_RULE = re.compile(r"^[─━—\-=_]{8,}$")
_TAG = re.compile(r"^(?:(?:Re|Fw|RE|FW)\s*:\s*)*(?:\[[^\]]{1,8}\]\s*)?")  # `Re: [問題] `
_HEADER_LINES = 3  # lines after the author's that may be the header's fields (title, time)
_LEAST_COMMENTS = 3  # comments a thread shows, with no header of its own


def detect(lines: list[str]) -> bool:
    """A post's header (an author line, then a title line), or three comments or more with a site's footer."""
    stripped = [line.strip() for line in lines if line.strip()]
    if len(stripped) >= 2 and _AUTHOR.match(stripped[0]) and any(_TITLE.match(line) for line in stripped[1:3]):
        return True
    comments = sum(1 for line in stripped if _COMMENT.match(line))
    return comments >= _LEAST_COMMENTS and any(line.startswith(_SITE) for line in stripped)


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    segments = SegmentList()
    title: str | None = None
    date: str | None = None  # the first post's day
    author: str | None = None
    quoted: str | None = None  # the author of the post a reply quotes
    footer = False  # past the post's signature: the author's signature and the site's lines
    header_ends = 0  # the last line a post's header may reach
    for number, line in enumerate((line.strip() for line in lines), start=1):
        if not line or _RULE.match(line):
            continue
        if found := _AUTHOR.match(line):
            author, quoted, footer, header_ends = found["id"], None, False, number + _HEADER_LINES
            segments.add(number, line, kind=SegmentKind.META)
        elif number <= header_ends and (found := _TITLE.match(line)):
            title = title or _TAG.sub("", found["title"]).strip() or None
            segments.add(number, line, kind=SegmentKind.META)
        elif comment := _COMMENT.match(line):
            if comment["text"]:
                segments.add(number, comment["text"], speaker=comment["id"])
        elif found := _QUOTING.match(line):
            quoted = found["id"]
            segments.add(number, line, kind=SegmentKind.META)
        elif quoted is not None and _QUOTED.match(line) and not footer:
            segments.add(number, _QUOTED.sub("", line), speaker=quoted)
        elif line == _SIGNATURE or line.startswith(_SITE) or footer or (number <= header_ends and _FIELD.match(line)):
            if number <= header_ends and (posted := _POSTED.match(line)):
                date = date or _day(posted["when"])
            footer = footer or line == _SIGNATURE or line.startswith(_SITE)
            segments.add(number, line, kind=SegmentKind.META)
        else:
            segments.add(number, line, speaker=author)
    return Metadata(title=title, date=date), segments.build()


_POSTED = re.compile(r"^(?:時間|时间)\s*[:：]?\s*(?P<when>.+?)\s*$")


def _day(when: str) -> str | None:
    """`Sat Mar 16 01:42:17 2024` (PTT's, as C's ctime writes it) as ISO yyyy-mm-dd, or None."""
    from datetime import datetime

    try:
        return datetime.strptime(" ".join(when.split()), "%a %b %d %H:%M:%S %Y").date().isoformat()
    except ValueError:
        return None
