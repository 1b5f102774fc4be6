"""Word documents (``sources/docx.py``), Slack exports (``sources/chat_export.py``) and YouTube's timed text
(``sources/ttml.py``): each gloss on its paragraph's number, or on the line of the file its text stands on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vocab import parse_document, read_document
from vocab.errors import SourceError
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _word_file(path: Path) -> Path:
    """A handout as Word saves one: a heading, a term's bold split over runs, an edit tracked, a table, a list item, a
    line break inside a paragraph, an empty paragraph, a run in the `Strong` character style."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.core_properties.title = "属性里的旧标题"
    document.core_properties.author = "林老师"
    document.add_heading("第二讲 正则化 Regularization", level=1)  # paragraph 1
    lead = document.add_paragraph("先讲")  # 2
    for piece in ("权重", "衰减"):  # Word splits a word into runs at every edit
        lead.add_run(piece).bold = True
    lead.add_run("（weight decay），")
    deleted = "<w:r><w:delText>删掉的早停（early stop）</w:delText></w:r>"
    lead._p.append(parse_xml(f'<w:del xmlns:w="{W}">{deleted}</w:del>'))
    lead._p.append(parse_xml(f'<w:ins xmlns:w="{W}"><w:r><w:t>再讲丢弃法（dropout）。</w:t></w:r></w:ins>'))
    broken = document.add_paragraph("这一行")  # 3
    broken.add_run().add_break()
    broken.add_run("接着讲数据增强（data augmentation）。")
    table = document.add_table(rows=2, cols=2)  # cells: paragraphs 4-7
    table.cell(0, 0).text, table.cell(0, 1).text = "术语", "作用"
    table.cell(1, 0).text, table.cell(1, 1).text = "早停（early stopping）", "防止过拟合"
    document.add_paragraph("")  # 8
    document.add_paragraph("标签平滑（label smoothing）", style="List Bullet")  # 9
    strong = document.add_paragraph("We call it ")  # 10
    strong.add_run("dropout", style="Strong")
    strong.add_run("（随机失活）.")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


def test_a_word_document_is_read_paragraph_by_paragraph_each_gloss_on_its_paragraphs_number(tmp_path: Path) -> None:
    document = read_document(_word_file(tmp_path / "lecture.docx"))
    assert (document.format, document.title, document.metadata.author) == (
        InputFormat.MARKDOWN,
        "第二讲 正则化 Regularization",  # the text's heading, not the properties' stale title
        "林老师",
    )
    assert document.segments[0].kind is SegmentKind.HEADING
    glosses = [(g.line, g.en, g.zh) for g in extract_glosses(document)]
    assert glosses == [
        (1, "Regularization", "正则化"),  # the heading's halves
        (2, "weight decay", "权重衰减"),  # the bold runs are one term; the deleted text is gone, the inserted read
        (2, "dropout", "丢弃法"),
        (3, "data augmentation", "数据增强"),  # after a line break inside paragraph 3, a space
        (6, "early stopping", "早停"),  # a table's cells are paragraphs, row by row
        (9, "label smoothing", "标签平滑"),  # the empty paragraph 8 counted
        (10, "dropout", "随机失活"),
    ]
    assert document.line_count == 10
    assert document.segments[2].text == "这一行 接着讲数据增强（data augmentation）。"  # a break the writer's: a space


def test_a_folder_walk_reads_word_documents_and_a_damaged_one_is_refused_by_name(tmp_path: Path) -> None:
    from vocab.sources import DOCUMENT_SUFFIXES

    assert ".docx" in DOCUMENT_SUFFIXES
    (tmp_path / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0 an old .doc renamed")
    with pytest.raises(SourceError, match=r"old\.docx: not a Word document.*a ZIP file"):
        read_document(tmp_path / "old.docx")
    cut = _word_file(tmp_path / "cut" / "a.docx").read_bytes()[:2000]
    (tmp_path / "cut.docx").write_bytes(cut)
    with pytest.raises(SourceError, match=r"cut\.docx: not a Word document vocab can open"):
        read_document(tmp_path / "cut.docx")


def _slack_day() -> list[dict]:
    profile = {"real_name": "周晓", "display_name": "xiao"}
    return [
        {"type": "message", "subtype": "channel_join", "user": "U1", "text": "<@U1> has joined the channel",
         "ts": "1741938000.000100"},
        {"type": "message", "user": "U1", "user_profile": profile, "ts": "1741938060.000200",
         "text": "先看*熔断器*（circuit breaker）。\n<https://x.org/a|报告>里有_重试风暴_（retry storm）&amp; 更多",
         "blocks": [{"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": [
             {"type": "text", "text": "熔断器（circuit breaker）", "style": {"bold": True}}]}]}]},
        {"type": "message", "subtype": "tombstone", "text": "This message was deleted.", "ts": "1741938100.000100"},
        {"type": "message", "user": "U2", "ts": "1741938120.000300", "user_profile": {"real_name": "Dan"},
         "text": "<@U1> the backoff（退避） needs jitter, see `retry_max`"},
    ]  # fmt: skip


def test_a_slack_day_gives_each_message_its_sender_and_its_text_line_not_its_blocks_copy() -> None:
    text = json.dumps(_slack_day(), ensure_ascii=False, indent=4)
    document = parse_document(text, "export/incidents/2025-03-14.json")
    assert (document.format, document.metadata.date) == (InputFormat.CHAT, "2025-03-14")
    assert document.title == "#incidents 2025-03-14"  # the channel's folder: two channels' days told apart
    lines = text.split("\n")
    said = [(s.speaker, s.text, lines[s.line - 1].strip()[:11]) for s in document.segments]
    assert said == [
        ("周晓", "先看**熔断器**（circuit breaker）。", '"text": "先看'),
        ("周晓", "报告里有*重试风暴*（retry storm）& 更多", '"text": "先看'),  # a link its label, `&amp;` decoded
        ("Dan", "@周晓 the backoff（退避） needs jitter, see `retry_max`", '"text": "<@'),  # a mention its name
    ]
    assert [(g.line, g.en) for g in extract_glosses(document)] == [
        (document.segments[0].line, "circuit breaker"),
        (document.segments[0].line, "retry storm"),
        (document.segments[2].line, "backoff"),
    ]


def test_slack_markup_is_read_as_markdown_but_snake_case_and_arithmetic_are_left_alone() -> None:
    from vocab.sources.chat_export import _slack_markdown

    assert _slack_markdown("*注意力*（attention）与 _dropout_", {}) == "**注意力**（attention）与 *dropout*"
    assert _slack_markdown("set max_new_tokens and 2*3*4 &lt;ok&gt;", {}) == "set max_new_tokens and 2*3*4 <ok>"
    assert _slack_markdown("<!here> <#C1|general> <@U9> <!subteam^S1|@ml>", {"U9": "Amy"}) == "@here #general @Amy @ml"
    # a learner's report: struck text (taken back) and a code block's comment became terms
    taken_back = "~前馈层（feed-forward layer）~ 更正：逐位置前馈网络（position-wise FFN）"
    assert _slack_markdown(taken_back, {}) == " 更正：逐位置前馈网络（position-wise FFN）"
    assert _slack_markdown("看：```\nx = 1  # 分数（scores）\n```好", {}) == "看：\n好"


SRV3 = """<?xml version="1.0" encoding="utf-8" ?><timedtext format="3">
<head><pen id="1" fc="#FEFEFE"/><wp id="0"/></head>
<body>
<p t="1500" d="2500" wp="0">学习率（learning rate）
the learning rate</p>
<p t="4000" d="1200"><s>it</s><s t="300"> slips</s></p>
<p t="5200" d="0"></p>
</body>
</timedtext>
"""


def test_youtube_srv3_cues_are_split_at_their_line_breaks_with_times_in_milliseconds() -> None:
    document = parse_document(SRV3, "clip.srv3")
    assert document.format is InputFormat.TTML
    said = [(s.line, s.text, s.start, s.end, s.aligned) for s in document.segments]
    assert said == [
        (4, "学习率（learning rate）", 1.5, 4.0, 1),
        (5, "the learning rate", 1.5, 4.0, 0),
        (6, "it slips", 4.0, 5.2, None),  # a cue's words in <s> parts are one line
    ]


def test_youtube_srv1_text_escaped_twice_is_decoded_once_more() -> None:
    srv1 = '<?xml version="1.0" encoding="utf-8" ?><transcript>'
    srv1 += '<text start="0.5" dur="2">它&amp;#39;s 过拟合（overfitting）</text>\n<text start="2.5" dur="1.5">'
    srv1 += "&lt;font color=&quot;#E5E5E5&quot;&gt;下一句&lt;/font&gt;</text></transcript>"
    document = parse_document(srv1, "clip.xml")
    assert [(s.line, s.text, s.start, s.end) for s in document.segments] == [
        (1, "它's 过拟合（overfitting）", 0.5, 2.5),
        (2, "下一句", 2.5, 4.0),
    ]


def test_a_bold_name_over_a_bare_time_heads_a_turn_as_word_transcripts_write_it(tmp_path: Path) -> None:
    """Minutes and interview transcripts saved from Word put `**主持人 小林**  00:02:30` alone above the turn."""
    import docx

    document = docx.Document()
    turns = (("主持人 小林", "00:00:05", "今天聊检索增强生成（RAG）。"), ("嘉宾 Amy", "00:01:12", "对。"))
    for name, time, said in turns:
        head = document.add_paragraph()
        head.add_run(name).bold = True
        head.add_run(f"  {time}")
        document.add_paragraph(said)
    document.save(tmp_path / "minutes.docx")
    turns = [(s.line, s.speaker, s.start) for s in read_document(tmp_path / "minutes.docx").segments]
    assert turns == [(2, "主持人 小林", 5.0), (4, "嘉宾 Amy", 72.0)]
    assert parse_document("**注意** 10:30 开会\n", "a.md").segments[0].speaker is None  # a time inside a sentence
    inline = parse_document("**林晓**  00:00:08 你好。\n\n**Amy**  00:01:02 对。\n", "a.md").segments  # hours: a turn
    assert [(s.speaker, s.start, s.text) for s in inline] == [("林晓", 8.0, "你好。"), ("Amy", 62.0, "对。")]


def _raw_word_file(path: Path, body: str) -> Path:
    """A .docx whose body is ``body`` as written (what python-docx makes no call for: a table of contents, a field)."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    element = document.element.body
    for child in parse_xml(f'<w:body xmlns:w="{W}">{body}</w:body>'):
        element.insert(len(element) - 1, child)  # before the section's properties
    document.save(path)
    return path


def test_a_table_of_contents_and_a_struck_word_are_no_text_in_a_word_document(tmp_path: Path) -> None:
    """A learner's report: Word's table of contents counted each heading's gloss twice and gave cards the line
    `1 梯度裁剪（Gradient Clipping） 1`; a bold term with an italic part (`**知识*蒸馏***`) was cut to 蒸馏."""
    toc = (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
        "<w:sdtContent><w:p><w:r><w:t>目录</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>梯度裁剪（Gradient Clipping）</w:t></w:r><w:r><w:tab/><w:t>1</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    field = (  # a TOC field without the content control: its result runs across paragraphs
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>早停（Early Stopping） 2</w:t></w:r></w:p>'
        '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    body = (
        "<w:p><w:r><w:t>这叫</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>知识</w:t></w:r>"
        "<w:r><w:rPr><w:b/><w:i/></w:rPr><w:t>蒸馏</w:t></w:r><w:r><w:t>（knowledge distillation）。</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>梯度裁剪（Gradient Clipping）防止梯度爆炸。</w:t></w:r></w:p>"
    )
    document = read_document(_raw_word_file(tmp_path / "tricks.docx", toc + field + body))
    glosses = [(g.line, g.en, g.zh) for g in extract_glosses(document)]
    assert glosses == [(5, "knowledge distillation", "知识蒸馏"), (6, "Gradient Clipping", "梯度裁剪")]


def test_a_word_interview_with_bold_names_over_times_is_read_as_turns_not_as_a_parallel_text(tmp_path: Path) -> None:
    """A learner's report: `**Maya Chen**  00:00:04` over an English and a Chinese paragraph read as a parallel
    text, every speaker and time lost and `**` in the text."""
    import docx

    document = docx.Document()
    document.add_heading("访谈 Interview", level=1)
    for name, time, english, chinese in (
        ("Maya Chen", "00:00:04", "Welcome back to the show.", "欢迎回来。今天聊机器人学习（robot learning）。"),
        ("Arjun Patel", "00:00:19", "Thanks for having me.", "谢谢邀请，我们用遥操作（teleoperation）收数据。"),
    ):
        head = document.add_paragraph()
        head.add_run(name).bold = True
        head.add_run(f"  {time}")
        document.add_paragraph(english)
        document.add_paragraph(chinese)
    document.save(tmp_path / "interview.docx")
    read = read_document(tmp_path / "interview.docx")
    said = [(s.line, s.speaker, s.start, s.aligned is not None) for s in read.segments if s.speaker]
    assert said == [(3, "Maya Chen", 4.0, True), (4, "Maya Chen", 4.0, True), (6, "Arjun Patel", 19.0, True)] + [
        (7, "Arjun Patel", 19.0, True)
    ]
    assert not any("**" in s.text for s in read.segments)


def test_an_empty_word_document_is_skipped_as_an_empty_text_is(tmp_path: Path) -> None:
    from vocab.errors import EmptyDocument

    (tmp_path / "new.docx").write_bytes(b"")
    with pytest.raises(EmptyDocument, match="file is empty"):
        read_document(tmp_path / "new.docx")
    with pytest.raises(EmptyDocument, match="a Word document with no text"):
        read_document(_raw_word_file(tmp_path / "blank.docx", "<w:p/>"))


def test_a_folder_walk_reads_youtube_timed_text_saved_as_xml_and_leaves_other_xml_out(tmp_path: Path) -> None:
    from vocab.corpus import document_paths

    (tmp_path / "talk.zh.xml").write_text(SRV3, encoding="utf-8")
    (tmp_path / "feed.xml").write_text('<?xml version="1.0"?><rss><channel/></rss>\n', encoding="utf-8")
    left_out: list[Path] = []
    assert [p.name for p in document_paths([str(tmp_path)], left_out=left_out)] == ["talk.zh.xml"]
    assert [p.name for p in left_out] == ["feed.xml"]


def test_srv1_keeps_angle_brackets_its_text_says_and_drops_its_markup() -> None:
    """A learner's report: `&amp;lt;eos&amp;gt;` (the token `<eos>`, escaped twice) was dropped as a tag."""
    srv1 = '<?xml version="1.0" ?><transcript><text start="0" dur="2">停在 &amp;lt;eos&amp;gt; '
    srv1 += "&lt;font color=&quot;#FFF&quot;&gt;结束符&lt;/font&gt;（end-of-sequence token）</text></transcript>"
    assert parse_document(srv1, "a.srv1").segments[0].text == "停在 <eos> 结束符（end-of-sequence token）"


def test_a_downloaders_file_name_gives_the_video_its_address_and_title() -> None:
    """A learner's report: captions saved by yt-dlp (`Title [id].zh-Hans.srv3`) had no link to open the video at a
    cue, and their title kept the id and the language."""
    document = parse_document(SRV3, "/lib/打结入门 [aB3dE5fG7h0].zh-Hans.srv3")
    assert (document.title, document.metadata.source_url) == ("打结入门", "https://www.youtube.com/watch?v=aB3dE5fG7h0")
    assert [g.url for g in extract_glosses(document)] == ["https://www.youtube.com/watch?v=aB3dE5fG7h0&t=1s"]
    bilibili = parse_document(SRV3, "陶艺 [BV1xx411c7mD].srv3").metadata.source_url
    assert bilibili == "https://www.bilibili.com/video/BV1xx411c7mD"
    assert parse_document(SRV3, "notes [draft].srv3").metadata.source_url is None  # no video's id
