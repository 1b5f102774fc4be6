"""Wikitext and BBCode (``sources/mediawiki.py``), read line for line as Markdown, and a Telegram chat exported as JSON
(``sources/chat_export.py``): each gloss on the line of the file it stands on."""

from __future__ import annotations

import json

from vocab import parse_document
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind

WIKI = """{{DISPLAYTITLE:梯度下降}}
{{Infobox 算法
| 名称 = 梯度下降（gradient descent）
}}
== 变体 Variants ==
'''随机梯度下降'''（{{lang|en|stochastic gradient descent}}）取[[小批量|一批]]<ref>又称小批量（mini-batch）。</ref>。
; 学习率（learning rate）: 每步走多远
{| class="wikitable"
|-
| 动量（momentum） || 记住方向
|}
[[Category:优化]]
"""


def test_wikitext_reads_its_markup_as_markdown_line_for_line() -> None:
    document = parse_document(WIKI, "gd.wiki")
    assert (document.format, document.title) == (InputFormat.MEDIAWIKI, "梯度下降")
    assert any(s.kind is SegmentKind.HEADING and s.text == "变体 Variants" for s in document.segments)
    glosses = [(g.line, g.en) for g in extract_glosses(document)]
    assert glosses == [
        (3, "gradient descent"),
        (6, "stochastic gradient descent"),
        (6, "mini-batch"),  # the footnote's, after its line's sentence
        (7, "learning rate"),
        (10, "momentum"),
    ]


BBCODE = """[size=5][b]正则化 Regularization[/b][/size]
先说[b]权重衰减[/b]（weight decay）。[img]https://x.org/a.png[/img]
[quote="阿明"]那丢弃法（dropout）呢？[/quote]
[list]
[*][url=https://x.org]早停[/url]（early stopping）
[/list]
[code]x = 1  # 噪声（noise）[/code]
"""


def test_wikitext_with_an_infobox_field_per_line_is_no_asciidoc() -> None:
    """fresh106's page was read as AsciiDoc: its `[[Category:…]]` lines and `== 标题 ==` looked like AsciiDoc's."""
    page = "{{Infobox 技术\n| 名称 = 目标检测\n}}\n== 概述 Overview ==\n正文。\n[[Category:视觉]]\n[[Category:检测]]\n"
    assert parse_document(page, "od.wiki").format is InputFormat.MEDIAWIKI
    handbook = "= 手册 Handbook\n:author: 某人\n\n== 工具 Tools\n\n[[tools]]\n====\n注意（note）\n====\n"
    assert parse_document(handbook, "h.adoc").format is InputFormat.ASCIIDOC


def test_a_bbcode_post_reads_its_tags_as_markdown() -> None:
    document = parse_document(BBCODE, "post.txt")
    assert document.format is InputFormat.BBCODE and document.title == "正则化 Regularization"
    glosses = [(g.line, g.en, g.zh) for g in extract_glosses(document)]
    assert glosses == [
        (1, "Regularization", "正则化"),
        (2, "weight decay", "权重衰减"),
        (3, "dropout", "丢弃法"),
        (5, "early stopping", "早停"),
    ]


def test_plain_text_with_a_bracketed_word_or_two_is_no_bbcode() -> None:
    text = "会议记录\n[b]重要[/b] 明天交报告（report）。\n其余照常。\n"
    assert parse_document(text, "notes.txt").format is not InputFormat.BBCODE


def test_a_telegram_export_gives_each_sentence_its_sender_and_the_line_it_starts_on() -> None:
    chat = {
        "name": "读书会",
        "type": "private_supergroup",
        "id": 1,
        "messages": [
            {"id": 1, "type": "service", "date": "2024-03-01T10:00:00", "action": "join_group_by_link", "text": ""},
            {"id": 2, "type": "message", "date": "2024-03-01T10:01", "from": "小林", "text": "讲注意力（attention）"},
            {"id": 3, "type": "message", "date": "2024-03-02T09:00:00", "from": "Amy",
             "text": ["先复习", {"type": "bold", "text": "残差连接"}, "（residual connection）。对。",
                      {"type": "bold", "text": "exit pupil（出瞳直径）"}, "越大越亮"]},
            {"id": 4, "type": "message", "date": "2024-03-02T09:05:00", "from": "Amy",
             "text": ["生词\n", {"type": "bold", "text": "鲁邦种"},
                      "（levain）：取一部分喂养。\n喂养（feeding）= 加面粉和水"]},
        ],
    }  # fmt: skip
    text = json.dumps(chat, ensure_ascii=False, indent=1)
    document = parse_document(text, "result.json")
    assert (document.format, document.title, document.metadata.date) == (InputFormat.CHAT, "读书会", "2024-03-01")
    lines = text.split("\n")
    said = [(s.speaker, s.text, lines[s.line - 1].strip()) for s in document.segments]
    assert said == [
        ("小林", "讲注意力（attention）", '"text": "讲注意力（attention）"'),
        ("Amy", "先复习**残差连接**（residual connection）。", '"先复习",'),  # where the sentence starts
        ("Amy", "对。", '"（residual connection）。对。",'),
        ("Amy", "**exit pupil（出瞳直径）**越大越亮", '"text": "exit pupil（出瞳直径）"'),  # a piece holding a gloss
        ("Amy", "生词", '"生词\\n",'),
        ("Amy", "**鲁邦种**（levain）：取一部分喂养。", '"text": "鲁邦种"'),  # its bracket opens the next piece
        ("Amy", "喂养（feeding）= 加面粉和水", '"（levain）：取一部分喂养。\\n喂养（feeding）= 加面粉和水"'),
    ]
    glosses = [(g.en, lines[g.line - 1].strip()) for g in extract_glosses(document)]
    assert glosses == [  # each on its term's line (fresh131: a bold term's gloss stood on its sentence's first line)
        ("attention", '"text": "讲注意力（attention）"'),
        ("residual connection", '"text": "残差连接"'),
        ("exit pupil", '"text": "exit pupil（出瞳直径）"'),
        ("levain", '"text": "鲁邦种"'),
        ("feeding", '"（levain）：取一部分喂养。\\n喂养（feeding）= 加面粉和水"'),
    ]


def test_a_forum_posts_line_breaks_are_its_writers_not_wraps() -> None:
    """A learner's report: lines without a full stop were glued (`先铺底床` + `水草泥（aqua soil）` gave 床水草泥)."""
    post = '[b]开缸[/b] 笔记\n先铺底床\n水草泥（aqua soil）很贵\n[quote="阿明"]前景草（foreground plant）呢[/quote]\n'
    post += "[img]a.png[/img]\n"
    glosses = [(g.zh, g.sentence) for g in extract_glosses(parse_document(post, "post.txt"))]
    assert glosses == [("水草泥", "水草泥（aqua soil）很贵"), ("前景草", "前景草（foreground plant）呢")]


def test_a_chat_export_with_no_text_is_an_empty_document_skipped_with_a_warning() -> None:
    """A learner's report: an export of photos only stopped a whole build, and one with no messages was called "JSON
    with no subtitle cues"."""
    import pytest

    from vocab.errors import EmptyDocument

    photo = {"id": 1, "type": "message", "date": "2024-01-01T00:00", "from": "A", "photo": "p.jpg", "text": ""}
    photos = {"name": "群", "type": "private_group", "id": 1, "messages": [photo]}
    for chat in (photos, {"name": "群", "type": "private_group", "id": 1, "messages": []}):
        with pytest.raises(EmptyDocument, match="a chat export with no text in its messages"):
            parse_document(json.dumps(chat, ensure_ascii=False, indent=1), "result.json")
    with pytest.raises(EmptyDocument, match="a JSON file with nothing in it"):  # a Slack day no one wrote on
        parse_document("[]\n", "general/2024-03-15.json")
