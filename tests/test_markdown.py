"""Markdown articles (``sources/markdown.py``): what a Markdown page holds besides its paragraphs."""

from __future__ import annotations

from vocab import parse_document
from vocab.extract import extract_glosses
from vocab.models import SegmentKind

NOTES = """# 第4课：训练一个分类器

先看损失函数（loss function）。

> [!tip] 小结 Summary
> 优化器（optimizer）根据梯度（gradient）更新参数。

> [!NOTE]
> 学习率（learning rate）太大会发散。
"""


def test_a_callouts_kind_is_no_text_and_its_title_is_a_heading() -> None:
    """GitHub's alerts and Obsidian's boxes open with `[!kind] title`: the kind is no part of the sentence under it."""
    document = parse_document(NOTES, "lesson4.md")
    by_line = {s.line: s for s in document.segments}
    assert by_line[5].kind is SegmentKind.HEADING and by_line[5].text == "小结 Summary"
    assert by_line[8].kind is SegmentKind.META
    assert by_line[6].text.startswith("优化器") and by_line[9].text.startswith("学习率")
    glosses = {g.en: g.sentence for g in extract_glosses(document)}
    assert glosses["optimizer"] == "优化器（optimizer）根据梯度（gradient）更新参数。"
    assert glosses["learning rate"] == "学习率（learning rate）太大会发散。"


BOXES = """# 第 3 讲 笔记

:::warning
上课前装好编译器（compiler）。
:::

::: tip 小结 Summary
链接器（linker）把目标文件合在一起。
:::
"""


def test_a_containers_fences_are_no_text_and_its_title_is_a_heading() -> None:
    """HackMD, Docusaurus and VitePress open a box with `:::kind title` and close it with `:::` (a learner saw
    `:::danger有人落水時…` in a glossary): the fences are no part of the sentences inside."""
    document = parse_document(BOXES, "lesson3.md")
    by_line = {s.line: s for s in document.segments}
    assert by_line[3].kind is SegmentKind.META and by_line[5].kind is SegmentKind.META
    assert by_line[7].kind is SegmentKind.HEADING and by_line[7].text == "小结 Summary"
    glosses = {g.en: g.sentence for g in extract_glosses(document)}
    assert glosses["compiler"] == "上课前装好编译器（compiler）。"
    assert glosses["linker"] == "链接器（linker）把目标文件合在一起。"


def test_a_header_dates_the_document_with_spaces_around_its_year_month_and_day() -> None:
    """`发布时间：2024 年 5 月 16 日` (spaces around the numbers, as many Chinese editors type them) and an interview's
    `录音时间：` date the document."""
    for header in ("发布时间：2024 年 5 月 16 日（周四）", "录音时间：2024年5月16日，线上"):
        text = f"# 访谈\n\n{header}\n\n正文提到注意力（attention）。\n"
        assert parse_document(text, "a.md").metadata.date == "2024-05-16"


def test_a_byline_and_a_wechat_original_line_give_the_writer_and_the_day() -> None:
    """Learner's trial 58 #10: `作者：阿凱　2025年08月20日` was read as an author named with the date, and a WeChat
    article's `原创 作者 公众号 日期 时间 地点` line as text, so the glossary and the deck had no date."""
    byline = parse_document("# 微調筆記\n\n作者：小周　2025年03月07日\n\n先做微調（fine-tuning）。\n", "a.md")
    assert (byline.metadata.author, byline.metadata.date) == ("小周", "2025-03-07")
    wechat = "# 芯片笔记\n\n原创 芯片观察 读书会 2025年09月02日 21:14 杭州\n\n推理（inference）很贵。\n"
    document = parse_document(wechat, "b.md")
    assert (document.metadata.author, document.metadata.date) == ("芯片观察", "2025-09-02")
    assert document.segments[1].kind is SegmentKind.META
    said = parse_document("# 笔记\n\n原创的想法很少，今天聊推理（inference）。\n", "c.md")
    assert said.metadata.date is None and said.segments[1].kind is SegmentKind.BODY


NOTION_PAGE = """# 学游泳 Learning to Swim

Created: April 9, 2025 7:02 PM
Last edited time: May 1, 2025 8:15 AM
Status:
Tags: 运动, 课程笔记

<aside>
💡 教练说先学会换气（breathing），再谈速度。

</aside>

- 蛙泳（breaststroke）的腿要收得慢、蹬得快。
- 手臂划水时别憋气，水下慢慢吐。
- 下周练习踢水板，先练二十分钟。

## 问教练的问题

自由泳的转头幅度多大才合适？
"""


def test_a_notion_export_dates_the_page_and_its_properties_and_callout_tags_are_no_text() -> None:
    """Notion's "Markdown & CSV" export writes a page's properties under its title (`Created: April 9, 2025 7:02 PM`,
    an empty `Status:`) and a callout as `<aside>` … `</aside>`: no sentences of the page, and `Created` its date."""
    document = parse_document(NOTION_PAGE, "学游泳 Learning to Swim 3f2a9c0d1b7e4a6f8c5d2e1f0a9b8c7d.md")
    assert (document.title, document.metadata.date) == ("学游泳 Learning to Swim", "2025-04-09")
    by_line = {s.line: s for s in document.segments}
    assert all(by_line[n].kind is SegmentKind.META for n in (3, 4, 5, 6, 8, 11))
    glosses = {g.en: g.sentence for g in extract_glosses(document)}
    assert glosses["breathing"] == "教练说先学会换气（breathing），再谈速度。"  # the icon no part of it
    assert glosses["breaststroke"] == "蛙泳（breaststroke）的腿要收得慢、蹬得快。"


def test_a_to_dos_box_and_a_callouts_icon_are_no_part_of_a_sentence() -> None:
    """`- [ ] 复习…` (a task list in GitHub, Notion or Obsidian) and `💡 总结：…` (a Notion callout's icon): a card
    shows the sentence, not the box or the icon."""
    text = (
        "# 笔记\n\n## 待办\n\n- [ ] 复习奖励塑形（reward shaping）\n- [x] 读完稀疏奖励（sparse reward）\n\n"
        "💡 总结：智能体（agent）。\n"
    )
    sentences = {g.en: g.sentence for g in extract_glosses(parse_document(text, "todo.md"))}
    assert sentences == {
        "reward shaping": "复习奖励塑形（reward shaping）",
        "sparse reward": "读完稀疏奖励（sparse reward）",
        "agent": "总结：智能体（agent）。",
    }


def test_a_front_matter_date_that_is_none_is_left_out_and_the_note_read() -> None:
    """Learner's trial 56, item 6: `date: 2025-02-30` made the note unreadable, and a build wrote nothing. The date is
    left out with a warning naming its line; the title and the glosses are read."""
    text = "---\ntitle: 第 8 课笔记\ndate: 2025-02-30\n---\n\n我们用知识蒸馏（knowledge distillation）压缩模型。\n"
    document = parse_document(text, "lesson8.md")
    assert document.metadata.title == "第 8 课笔记" and document.metadata.date is None
    assert document.warnings == (
        "lesson8.md:3: invalid date in front matter: 2025-02-30 (day is out of range for month): left out",
    )
    assert [(g.en, g.zh) for g in extract_glosses(document)] == [("knowledge distillation", "知识蒸馏")]


SHOW_NOTES = """---
title: "Ep 4: Serving small models"
date: 2025-02-01
show: Byte Sized
---

# Ep 4 · Serving small models

- 为什么要做量化（quantization）

## Transcript 文字稿

[00:00:04] Host: Welcome back. Today we talk about quantization.
主持人：欢迎回来。今天我们聊聊量化（quantization）。

[00:00:12] Mira: Thanks. Quantization makes the model smaller.
[00:00:12] 米拉：谢谢。量化让模型变小。
"""


def test_a_transcript_pasted_under_show_notes_is_read_as_timed_turns() -> None:
    """Learner's trial 59: `[00:00:04] Host: …` turns under a show's front matter and notes, each English line over its
    translation, with a label (`主持人：`) or the same time: each line a paragraph of its own, with its speaker and
    time, the English aligned with the Chinese under it (they were one Chinese paragraph, with no time or pair, and
    a mention in both lines counted twice)."""
    document = parse_document(SHOW_NOTES, "byte-sized-04.md")
    assert document.metadata.show == "Byte Sized" and document.metadata.date == "2025-02-01"
    by_line = {s.line: s for s in document.segments}
    welcome = "Welcome back. Today we talk about quantization."
    assert (by_line[13].speaker, by_line[13].start, by_line[13].text) == ("Host", 4.0, welcome)
    assert (by_line[14].speaker, by_line[14].text) == ("Host", "欢迎回来。今天我们聊聊量化（quantization）。")
    assert (by_line[16].speaker, by_line[17].speaker, by_line[17].start) == ("Mira", "米拉", 12.0)
    segments = list(document.segments)
    for english, chinese in ((13, 14), (16, 17)):
        assert segments[by_line[english].aligned or 0].line == chinese
    assert by_line[9].kind is SegmentKind.BODY and by_line[9].start is None  # the notes above stay notes
    gloss = next(g for g in extract_glosses(document) if g.line == 14)
    assert gloss.speaker == "Host" and gloss.start == 4.0


def test_lines_that_only_look_like_turns_once_stay_a_paragraph() -> None:
    """One `[10:30] 会议：…` line is no transcript: the paragraph stays whole."""
    document = parse_document("# 周会\n\n[10:30] 会议：讨论量化（quantization）\n下午继续。\n", "notes.md")
    assert [s.text for s in document.segments if s.kind is SegmentKind.BODY] == [
        "[10:30] 会议：讨论量化（quantization）\n下午继续。"
    ]


def test_a_dateline_under_the_title_dates_a_markdown_article() -> None:
    """Learner's trial 62: a Chinese article pasted as Markdown, `2025年3月5日` under its heading, was undated (plain
    text reads such a line), so it sorted after every dated episode and its sentences lost to theirs."""
    article = "# 供应链的“内卷”还要多久？\n\n2025年3月5日\n\n这种内卷（involution）源于产能过剩。\n"
    assert parse_document(article, "article.md").metadata.date == "2025-03-05"
    later = "# 标题\n\n正文第一段。\n\n" + "\n\n".join(f"第{n}段。" for n in range(10)) + "\n\n2025年3月5日\n"
    assert parse_document(later, "notes.md").metadata.date is None  # a date far down is the text's, not its day
