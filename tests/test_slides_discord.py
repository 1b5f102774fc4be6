"""Slides (``sources/pptx.py``), each gloss on its paragraph's number in the deck, and a Discord channel exported as
JSON (``sources/chat_export.py``), each on the line of its message's `content`."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from vocab import parse_document, read_document
from vocab.errors import EmptyDocument, SourceError
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind

NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
KIND = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _shape(paragraphs: str, placeholder: str | None = None) -> str:
    ph = f'<p:nvPr><p:ph type="{placeholder}"/></p:nvPr>' if placeholder else "<p:nvPr/>"
    names = f'<p:nvSpPr><p:cNvPr id="2" name="s"/><p:cNvSpPr/>{ph}</p:nvSpPr>'
    return f"<p:sp>{names}<p:txBody>{paragraphs}</p:txBody></p:sp>"


def _p(*runs: str) -> str:
    return "<a:p>" + "".join(runs) + "</a:p>"


def _r(text: str, bold: bool = False) -> str:
    weight = ' b="1"' if bold else ""
    return f'<a:r><a:rPr lang="zh-CN"{weight}/><a:t>{text}</a:t></a:r>'


def _deck(path: Path, slides: list[tuple[str, str | None]], hidden: frozenset[int] = frozenset()) -> Path:
    """A deck as PowerPoint saves one: its slides in the presentation's order (listed the other way round in the
    package), each with its shapes, and speaker notes where given."""
    with zipfile.ZipFile(path, "w") as deck:
        ids, rels = "", ""
        for n in range(len(slides), 0, -1):
            rels += f'<Relationship Id="rId{n}" Type="{KIND}slide" Target="slides/slide{n}.xml"/>'
        for n in range(1, len(slides) + 1):
            ids += f'<p:sldId id="{255 + n}" r:id="rId{n}"/>'
        deck.writestr("ppt/presentation.xml", f"<p:presentation {NS}><p:sldIdLst>{ids}</p:sldIdLst></p:presentation>")
        deck.writestr("ppt/_rels/presentation.xml.rels", f'<Relationships xmlns="{RELS}">{rels}</Relationships>')
        for n, (shapes, notes) in enumerate(slides, 1):
            show = ' show="0"' if n in hidden else ""  # a hidden slide, as PowerPoint marks it
            slide = f"<p:sld {NS}{show}><p:cSld><p:spTree>{shapes}</p:spTree></p:cSld></p:sld>"
            deck.writestr(f"ppt/slides/slide{n}.xml", slide)
            if notes is not None:
                note = f'<Relationship Id="rId9" Type="{KIND}notesSlide" Target="../notesSlides/notesSlide{n}.xml"/>'
                relations = f'<Relationships xmlns="{RELS}">{note}</Relationships>'
                deck.writestr(f"ppt/slides/_rels/slide{n}.xml.rels", relations)
                body = _shape(_p(_r("幻灯片")), "sldImg") + _shape(notes, "body") + _shape(_p(_r("3")), "sldNum")
                page = f"<p:notes {NS}><p:cSld><p:spTree>{body}</p:spTree></p:cSld></p:notes>"
                deck.writestr(f"ppt/notesSlides/notesSlide{n}.xml", page)
        core = (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
            "<dc:title>强化学习 第三讲</dc:title><dc:creator>周老师</dc:creator>"
            "<dcterms:created>2025-03-10T08:00:00Z</dcterms:created></cp:coreProperties>"
        )
        deck.writestr("docProps/core.xml", core)
    return path


def test_a_decks_paragraphs_are_numbered_slide_by_slide_then_each_slides_notes(tmp_path: Path) -> None:
    table = (
        '<p:graphicFrame><a:graphic><a:graphicData><a:tbl><a:tr h="1">'
        f"<a:tc><a:txBody>{_p(_r('折扣因子（discount factor）'))}</a:txBody></a:tc>"
        f"<a:tc><a:txBody>{_p(_r('γ'))}</a:txBody></a:tc>"
        "</a:tr></a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
    )
    split = _p(_r("先看"), _r("状态", bold=True), _r("转移", bold=True), _r("（state transition）"))
    first = _shape(_p(_r("马尔可夫决策过程 Markov Decision Process")), "title")
    first += _shape(split + "<a:p/>" + _p(_r("奖励（reward）")), "body")
    second = (
        _shape(_p(_r("价值函数 Value Functions")), "title")
        + f"<p:grpSp>{_shape(_p(_r('贝尔曼方程（Bellman equation）')))}</p:grpSp>"
        + table
        + '<p:pic><p:nvPicPr><p:cNvPr id="9" name="pic" descr="图（alt text）"/></p:nvPicPr></p:pic>'
    )
    notes = _p(_r("这里讲回报（return）"), "<a:br/>", _r("和折扣。"))
    path = _deck(tmp_path / "rl.pptx", [(first, notes), (second, None)])
    document = read_document(path)
    said = (document.format, document.title, document.metadata.author)
    assert said == (InputFormat.MARKDOWN, "马尔可夫决策过程 Markov Decision Process", "周老师")
    assert document.segments[0].kind is SegmentKind.HEADING
    glosses = [(g.line, g.en, g.zh) for g in extract_glosses(document)]
    assert glosses == [
        (1, "Markov Decision Process", "马尔可夫决策过程"),
        (2, "state transition", "状态转移"),  # bold runs split mid-word: one term
        (4, "reward", "奖励"),  # the empty paragraph 3 counted
        (5, "return", "回报"),  # the notes' body after the slide, not their slide image or number
        (6, "Value Functions", "价值函数"),
        (7, "Bellman equation", "贝尔曼方程"),  # a group's member
        (8, "discount factor", "折扣因子"),  # a table's cell; the picture's alt text no text
    ]
    assert document.line_count == 9


def test_hidden_slides_and_what_the_deck_gives_twice_are_no_text_but_keep_their_numbers(tmp_path: Path) -> None:
    """A learner's report: a hidden backup slide's terms became cards, and WPS's text in `mc:AlternateContent` counted
    twice (its `mc:Fallback` repeats `mc:Choice`)."""
    twice = _p(_r("补充：批量归一化（batch normalization）"))
    alternative = (
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"<mc:Choice>{_shape(twice)}</mc:Choice><mc:Fallback>{_shape(twice)}</mc:Fallback></mc:AlternateContent>"
    )
    hidden = _shape(_p(_r("线性注意力（linear attention）")))
    slides = [(alternative, None), (hidden, None), (_shape(_p(_r("残差（residual）"))), None)]
    document = read_document(_deck(tmp_path / "d.pptx", slides, hidden=frozenset({2})))
    assert [(g.line, g.en) for g in extract_glosses(document)] == [(1, "batch normalization"), (4, "residual")]


def test_a_damaged_or_empty_deck_is_said_in_plain_words(tmp_path: Path) -> None:
    (tmp_path / "old.pptx").write_bytes(b"\xd0\xcf\x11\xe0 an old .ppt")
    with pytest.raises(SourceError, match=r"old\.pptx: not a PowerPoint deck: .*an old \.ppt or a deck with a pass"):
        read_document(tmp_path / "old.pptx")
    broken = _deck(tmp_path / "broken.pptx", [(_shape(_p(_r("奖励（reward）"))), None), ("<p:sp>", None)])
    document = read_document(broken)  # one slide cut short: the others read, the slide named
    assert [g.en for g in extract_glosses(document)] == ["reward"]
    assert document.warnings == (f"{broken}: slide 2 (ppt/slides/slide2.xml) cannot be read: skipped",)
    empty = _deck(tmp_path / "blank.pptx", [(_shape("<a:p/>", "title"), None)])
    with pytest.raises(EmptyDocument, match="a PowerPoint deck with no text"):
        read_document(empty)


def _discord() -> dict:
    author = {"id": "5", "name": "amy", "discriminator": "0000", "nickname": "Amy", "isBot": False, "roles": []}
    bo = {"id": "6", "name": "bo", "discriminator": "0000", "nickname": None, "isBot": False, "roles": []}
    common = {"timestampEdited": None, "isPinned": False, "attachments": [], "stickers": [], "reactions": []}
    return {
        "guild": {"id": "1", "name": "读书会"},
        "channel": {"id": "2", "type": "GuildTextChat", "category": "学习", "name": "rl-study", "topic": None},
        "messages": [
            {"id": "10", "type": "GuildMemberJoin", "timestamp": "2025-03-30T20:00:00+08:00", "content": "",
             "author": author, "embeds": [], "mentions": [], **common},
            {"id": "11", "type": "Default", "timestamp": "2025-03-30T20:01:00+08:00", "author": author,
             "content": "读**策略梯度**（policy gradient），<@6> 讲 __优势__（advantage）<:ok:1>```x # 损失（loss）```",
             "embeds": [{"title": "论文", "description": "近端策略优化（PPO）"}],
             "mentions": [{"id": "6", "name": "bo", "nickname": None}], **common},
            {"id": "12", "type": "Reply", "timestamp": "2025-03-30T20:02:00+08:00", "author": bo,
             "content": "> 讲优势\nthe ||baseline||（基线） cuts ~~bias~~ variance（方差）.", "embeds": [],
             "mentions": [], "reference": {"messageId": "11"}, **common},
        ],
    }  # fmt: skip


def test_a_discord_channel_gives_each_message_its_author_and_its_content_line() -> None:
    text = json.dumps(_discord(), ensure_ascii=False, indent=2)
    document = parse_document(text, "rl-study.json")
    assert (document.format, document.title, document.metadata.date) == (InputFormat.CHAT, "#rl-study", "2025-03-30")
    lines = text.split("\n")
    said = [(s.speaker, s.text, lines[s.line - 1].strip()[:11]) for s in document.segments]
    assert said == [
        ("Amy", "读**策略梯度**（policy gradient），@bo 讲 优势（advantage）", '"content": '),  # code, emoji gone
        ("bo", "讲优势", '"content": '),
        ("bo", "the baseline（基线） cuts variance（方差）.", '"content": '),  # struck text taken back
    ]
    glosses = [g.en for g in extract_glosses(document)]
    assert glosses == ["policy gradient", "advantage", "baseline", "variance"]  # not the embed's PPO
