"""Forum threads in a bulletin board's layout (``sources/forum.py``): posts under author and title headers, a reply
quoting the post it answers, the site's footer, and one-line comments with their commenter's id and time."""

from __future__ import annotations

from vocab import parse_document
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind

THREAD = """作者  breadcat (麵包貓)                                      看板  Baking
標題  [問題] 歐式麵包切開組織很密，是哪裡出錯？
時間  Sun Apr  7 22:15:03 2024
───────────────────────────────────────

第一次做鄉村麵包，配方是高筋麵粉加 75% 的水
揉到出現薄膜才停，發酵兩小時，烤出來組織（crumb）卻很密
想請問是不是水合率（hydration）太低？

--
※ 發信站: 批踢踢實業坊(ptt.cc), 來自: 198.51.100.23 (臺灣)
※ 文章網址: https://www.ptt.cc/bbs/Baking/M.1712499303.A.1B2.html
推 oven_spring: 兩小時不夠吧，看一下最後發酵（final proof）        04/07 22:20
→ oven_spring: 室溫低的話要更久                                    04/07 22:21
噓 lurker42: 精華區有整理                                          04/07 22:40
推 ryemaster: 麵團溫度(dough temperature)也要量                    04/07 23:02

作者  ryemaster (黑麥大師)                                     看板  Baking
標題  Re: [問題] 歐式麵包切開組織很密，是哪裡出錯？
時間  Mon Apr  8 09:30:11 2024
───────────────────────────────────────

※ 引述《breadcat (麵包貓)》之銘言：
: 揉到出現薄膜才停，發酵兩小時，烤出來組織（crumb）卻很密

組織密通常是發酵不足（underproofing），不是水的問題
可以用按壓測試（poke test）判斷發酵夠不夠

--
※ 發信站: 批踢踢實業坊(ptt.cc), 來自: 203.0.113.8 (臺灣)
推 breadcat: 感謝！今晚再試一次                                    04/08 10:02
"""


def test_a_thread_reads_posts_quotes_and_comments_with_their_speakers() -> None:
    document = parse_document(THREAD, "ptt-thread.txt")
    assert document.format is InputFormat.FORUM
    assert document.metadata.title == "歐式麵包切開組織很密，是哪裡出錯？"  # no `Re:`, no category tag
    assert document.metadata.date == "2024-04-07"  # the first post's
    assert document.metadata.speakers == ("breadcat", "oven_spring", "lurker42", "ryemaster")
    by_line = {s.line: s for s in document.segments}
    assert all(by_line[n].kind is SegmentKind.META for n in (1, 2, 3, 10, 11, 12, 18, 19, 20, 23, 29, 30))
    assert by_line[13].text == "兩小時不夠吧，看一下最後發酵（final proof）"  # the comment's words, not its time
    assert by_line[13].speaker == "oven_spring"
    assert (
        by_line[24].text.startswith("揉到出現薄膜") and by_line[24].speaker == "breadcat"
    )  # quoted: the quoted author's
    assert by_line[26].speaker == "ryemaster"
    glosses = {(g.en, g.zh, g.line) for g in extract_glosses(document)}
    assert glosses == {
        ("crumb", "組織", 7),
        ("hydration", "水合率", 8),
        ("final proof", "最後發酵", 13),
        ("dough temperature", "麵團溫度", 16),
        ("crumb", "組織", 24),
        ("underproofing", "發酵不足", 26),
        ("poke test", "按壓測試", 27),
    }


def test_comments_alone_with_a_footer_are_a_thread() -> None:
    """A thread copied from its comments on (the post's header left out) is still read as one."""
    comments = THREAD[THREAD.index("※ 發信站") : THREAD.index("作者  ryemaster")]
    document = parse_document(comments, "comments.txt")
    assert document.format is InputFormat.FORUM
    assert [s.speaker for s in document.segments if s.kind is SegmentKind.BODY] == [
        "oven_spring",
        "oven_spring",
        "lurker42",
        "ryemaster",
    ]


def test_a_line_shaped_like_a_field_in_a_post_is_the_post_s_text() -> None:
    """`時間 …` is a header's field only in the header: in a post's text it is the author's words."""
    text = THREAD.replace("第一次做鄉村麵包", "時間 不夠的話，第一次做鄉村麵包")
    document = parse_document(text, "ptt-thread.txt")
    line = next(s for s in document.segments if s.text.startswith("時間 不夠"))
    assert line.kind is SegmentKind.BODY and line.speaker == "breadcat"
