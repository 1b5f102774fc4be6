"""Plain text (``sources/plain.py``): one segment a line, unless the text is hard-wrapped at a fixed width (a PDF
converted to text), where a line that fills the width mid-sentence goes on in the next."""

from __future__ import annotations

from vocab import parse_document
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind

WRAPPED = """南岸水务研究所 · 城市供水年度观察（2025）

一、总体判断
    过去一年，全市供水管网的漏损率（non-revenue water）继续下降，但老城区
的管龄偏长、压力分区（pressure zoning）仍不完整，夜间最小流量（minimum
night flow）这一指标在多个片区持续偏高，说明暗漏问题没有根本解决，需要
把主动检漏（active leakage control）从试点推广到全市各个片区，并且和
管网改造的年度计划挂钩，避免重复开挖造成新的浪费与投诉。
    其次，智能水表的覆盖率已经超过六成，数据回传的频率也从每天一次提高
到每小时一次，为分区计量（district metered area，DMA）提供了可靠的基础。
"""

LIST = """本周要读的材料
漏损率（non-revenue water）的定义
压力分区（pressure zoning）的做法
夜间最小流量（minimum night flow）怎么测
主动检漏（active leakage control）的成本
"""


def test_a_hard_wrapped_text_reads_a_gloss_across_a_wrap() -> None:
    document = parse_document(WRAPPED, "report.txt")
    assert document.format is InputFormat.PLAIN
    found = {g.en: (g.zh, g.line) for g in extract_glosses(document)}
    assert found["minimum night flow"] == ("夜间最小流量", 5)  # the wrap inside the bracket: the bracket's line
    assert found["district metered area"] == ("分区计量", 10)
    assert found["active leakage control"] == ("主动检漏", 7)
    segments = [s for s in document.segments if "漏损率" in s.text]
    assert len(segments) == 1 and segments[0].line == 4 and segments[0].end_line == 8  # a paragraph, lines kept


NOTES = """第五周笔记：数值预报是怎么做出来的

· 数值天气预报先把大气切成网格，再用物理方程一步步往前积分，积分之前先做资料同化
  （data assimilation）：把观测和模式自己给的背景场按各自的误差加权结合起来。
· 业务中心常用四维变分同化，也常用集合卡尔曼滤波，后者的英文全称是集合卡尔曼滤波（ensemble Kalman
  filter），老师说这部分下学期专门讲，这周先知道名字就行。
  这一行缩进了，但上一行已经结束，是新的一段。
· 预报要跟基准比较才知道好坏，最简单的基准叫持续性预报，也就是假设明天的天气和今天
  完全一样，其次是直接报当地多年平均的气候态，两者都很难被简单模型打败。
· 机器学习模型训练用的是再分析资料，它把几十年的观测和模式融合在一起，覆盖全球每
  六个小时一个时次，分辨率大约四分之一度，数据量非常大，训练要用很多张显卡。
· 评估的时候要看均方根误差和距平相关系数，还要看极端天气有没有被平滑掉，这一点在
  台风路径和强降水上特别明显，平均误差小不等于极端事件报得好。
"""


def test_a_list_items_hanging_indent_goes_on_with_its_sentence() -> None:
    """Notes whose bullets wrap under their own text (fresh136): the indented line goes on with the item, so a gloss
    across the wrap is read, on the line where its term ends; an indented line after an item that ended is its own."""
    document = parse_document(NOTES, "notes.txt")
    found = {g.en: (g.zh, g.line) for g in extract_glosses(document)}
    assert found["data assimilation"] == ("资料同化", 3)
    assert found["ensemble Kalman filter"] == ("集合卡尔曼滤波", 5)
    assert [s.line for s in document.segments if s.text.startswith("这一行缩进了")] == [7]
    assert [s.end_line for s in document.segments if s.text.startswith("· 预报")] == [9]


def test_short_lines_are_read_one_by_one() -> None:
    """A list of short lines is no wrapped paragraph: each line stays a segment of its own."""
    document = parse_document(LIST, "reading-list.txt")
    assert [s.line for s in document.segments] == [1, 2, 3, 4, 5]
    assert {g.en for g in extract_glosses(document)} == {
        "non-revenue water",
        "pressure zoning",
        "minimum night flow",
        "active leakage control",
    }


WRAPPED_SHORT = """南岸水务研究所 · 城市供水年度观察（2025）

    过去一年，全市供水管网的漏损率（non-revenue water）继续下降，但老城区
的管龄偏长、压力分区（pressure zoning）仍不完整，夜间最小流量这一指标在
多个片区持续偏高，说明暗漏问题没有根本解决，需要把检漏、分区计量（DMA）和
supervisory control and data acquisition 系统（SCADA）放在一起考虑，并和
35,040 个点的用水数据对照，避免重复开挖造成新的浪费与投诉，也减少停水。
1.2 建设内容
"""


def test_a_wrapped_line_short_of_the_width_with_english_or_before_a_number_goes_on() -> None:
    """English words wrap early, so a line ending mid-sentence a little short of the width wraps too; a number that
    opens a line goes on with the sentence unless it numbers an item or a section (`1.2 建设内容`)."""
    document = parse_document(WRAPPED_SHORT, "report.txt")
    body = [s for s in document.segments if "漏损率" in s.text]
    assert len(body) == 1 and (body[0].line, body[0].end_line) == (3, 7)
    assert [s.text for s in document.segments if s.line == 8] == ["1.2 建设内容"]


def test_a_wrapped_reports_running_header_and_contents_are_page_furniture_and_name_it() -> None:
    """Text converted from a PDF repeats its running header on every page and keeps its contents' dot leaders: no
    mention of the terms they hold; the running header names the document."""
    header = "南岸水务研究所 · 城市供水年度观察（2025）"
    contents = "目  录\n一、总体判断 ........................ 2\n二、漏损控制 ........................ 3\n"
    pages = "\n".join(f"{header}\n\n{WRAPPED.split(chr(10), 2)[2]}\n— {n} —\n" for n in (1, 2, 3))
    document = parse_document(f"{contents}\n{pages}", "report.txt")
    assert document.format is InputFormat.PLAIN and document.title == header
    kinds = {s.text: s.kind for s in document.segments}
    assert kinds[header] is SegmentKind.META
    assert kinds["一、总体判断 ........................ 2"] is SegmentKind.META
    assert any(kind is SegmentKind.BODY and "漏损率" in text for text, kind in kinds.items())


SLIDES = """--- Slide 1 ---
Queueing for Beginners 排队论入门
运筹学导论 · 第 3 讲

--- Slide 2 ---
Arrival Processes 到达过程
• 顾客按泊松过程（Poisson process）到达，单位时间的平均到达数记作到达率（arrival rate）
• 相邻两位顾客到达的间隔服从指数分布（exponential distribution），它是无记忆的，这点常被忽略
• 服务台一次只接待一人时，排队系统用肯德尔记号（Kendall notation）写成 M/M/1，最常见
备注：
先让同学们回忆上周的银行窗口例子，再在黑板上画到达时间轴，大约五分钟

--- Slide 3 ---
Little's Law 利特尔法则
• 系统里的平均顾客数等于到达率乘以平均逗留时间（sojourn time），和分布无关也成立
• 只要系统是稳定的（stable），这条定律就对任何排队规则都成立，包括优先级和轮转规则
• 课堂小测：咖啡店每分钟来两位客人，平均待五分钟，店里平均有几位客人，请写在纸上
备注：
答案是十位，提醒大家单位要统一，分钟对分钟，小时对小时，不然会差六十倍那么多

--- Slide 4 ---
Utilisation 利用率
• 利用率（utilisation）等于到达率除以服务率，接近一时队伍长度会急剧增加，不是线性的
备注：
画一条曲线给大家看利用率从零点五到零点九五时平均队长的变化，强调越接近一越陡峭
"""


def test_slides_exported_as_text_give_each_slide_title_as_a_heading() -> None:
    """A mark that numbers a slide is no text; the line under it is the slide's title, a bilingual heading; bullets
    that fill the width, unended, are a list, not a wrapped paragraph (the notes' label is no running header)."""
    document = parse_document(SLIDES, "queueing-slides.txt")
    assert document.metadata.title == "Queueing for Beginners 排队论入门"
    kinds = {s.line: s.kind for s in document.segments}
    assert kinds[1] is kinds[5] is SegmentKind.META
    assert kinds[2] is kinds[6] is kinds[14] is SegmentKind.HEADING
    assert all(s.line == s.end_line for s in document.segments)  # line by line
    headings = {(g.en, g.zh) for g in extract_glosses(document) if g.rule == "bilingual_heading"}
    assert headings == {
        ("Queueing for Beginners", "排队论入门"),
        ("Arrival Processes", "到达过程"),
        ("Little's Law", "利特尔法则"),
        ("Utilisation", "利用率"),
    }


def test_a_line_set_between_runs_of_one_mark_is_a_heading() -> None:
    """Learner's trial 60: study notes set their sections apart with `=== 生活 Daily Life ===`; the first was the
    title, the others body text. Each is a heading, whose two sides are context, not a term."""
    notes = "=== 工作词汇 Work Vocabulary ===\n\n- 背锅 (bēiguō, to take the blame)\n\n"
    notes += "** 生活 Daily Life **\n\n- 外卖\n"
    document = parse_document(notes, "my-words.txt")
    kinds = {s.line: s.kind for s in document.segments}
    assert (kinds[1], kinds[3], kinds[5], kinds[7]) == (
        SegmentKind.HEADING,
        SegmentKind.BODY,
        SegmentKind.HEADING,
        SegmentKind.BODY,
    )


EMAIL = """Subject: 【咖啡周报】第 12 期｜烘焙曲线怎么看
From: 豆仓咖啡 <news@example.com>
Date: Tue, 14 May 2024 08:05:00 +0800
To: 读者 <reader@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"

本期聊聊一爆（first crack）之后的发展时间（development time）。

--
豆仓咖啡 · 回复 TD 退订
"""


def test_an_email_saved_as_text_names_itself_by_its_subject() -> None:
    """The header's fields are no text; the subject is the title, the date the day it was sent."""
    document = parse_document(EMAIL, "newsletter.txt")
    assert document.metadata.title == "【咖啡周报】第 12 期｜烘焙曲线怎么看"
    assert document.metadata.date == "2024-05-14"
    assert [s.kind for s in document.segments[:6]] == [SegmentKind.META] * 6
    assert [(g.en, g.zh, g.line) for g in extract_glosses(document)] == [
        ("first crack", "一爆", 8),
        ("development time", "发展时间", 8),
    ]
    assert [s.kind for s in document.segments[-2:]] == [SegmentKind.META] * 2  # the signature and what follows it
    assert parse_document(EMAIL.replace("Subject", "Topic"), "notes.txt").metadata.title is None  # no subject: no mail


WECHAT = """周末在家做酸奶，我踩过的坑
原创 小满 厨房笔记
2024年06月02日 09:15 浙江
01 菌种 Starter Culture
菌种（starter culture）决定了风味，买冻干粉最省事。
02 温度控制 Temperature Control
保温（incubation）温度保持在 42 度左右，八小时就够。
3/ 这条是手机上转发的碎碎念（笑）
1     全脂奶           1000 mL
"""


def test_a_numbered_line_in_both_languages_is_a_heading_and_a_wechat_article_is_titled_by_its_first_line() -> None:
    """`01 菌种 Starter Culture` heads a section (extraction then asks whether its sides translate each other); a
    tweet's number (`3/ …`) and a table's aligned row are no headings; `原创` under the first line marks a WeChat
    article's title."""
    document = parse_document(WECHAT, "yogurt.txt")
    assert document.metadata.title == "周末在家做酸奶，我踩过的坑"
    headings = {s.line for s in document.segments if s.kind is SegmentKind.HEADING}
    assert headings == {4, 6}
    pairs = [(g.en, g.zh) for g in extract_glosses(document) if g.rule == "bilingual_heading"]
    assert pairs == [("Starter Culture", "菌种"), ("Temperature Control", "温度控制")]


TEXTBOOK = """Unit 3 At the Market 第三单元 在市场
学习目标 Learning Objectives
1. 能用英语问价格（price）并讨价还价（bargain）；
2. 能说出常见水果的名称。
Part B Dialogues 情景对话
Dialogue 1 Buying Fruit 买水果
Vendor: Fresh mangoes, three for ten!
注释 Notes
1. a bargain（便宜货）也可以作名词。
老王 OK
Kelvin 黃
"""


def test_a_textbooks_title_lines_in_both_languages_are_headings_and_a_parts_label_on_one_side_is_no_word() -> None:
    """Unnumbered titles in both languages, the English in title case, head their sections even when a list follows
    on the next line; `Part B` and `Dialogue 1` number the part, only in English, so the pair is without them, while
    `Unit 3` and `第三单元` say each other. A name (`Kelvin 黃`) or an acronym (`老王 OK`) beside Chinese is no
    title."""
    document = parse_document(TEXTBOOK, "unit3.txt")
    headings = [s.line for s in document.segments if s.kind is SegmentKind.HEADING]
    assert headings == [1, 2, 5, 6, 8]
    pairs = [(g.line, g.en, g.zh) for g in extract_glosses(document) if g.rule == "bilingual_heading"]
    assert (1, "Unit 3 At the Market", "第三单元 在市场") in pairs
    assert (5, "Dialogues", "情景对话") in pairs and (6, "Buying Fruit", "买水果") in pairs


def test_a_pages_number_is_no_text_and_the_line_after_it_goes_on() -> None:
    """`第 2 页` between a text's pages is no text; unlike a slide's mark, it heads no title."""
    text = "数据管道（data pipeline）先清洗再入库。\n第 2 页\n批处理（batch processing）每晚运行一次。\n"
    document = parse_document(text, "notes.txt")
    assert [s.kind for s in document.segments] == [SegmentKind.BODY, SegmentKind.META, SegmentKind.BODY]
    assert document.metadata.title is None
    unended = parse_document(text.rstrip("\n"), "notes.txt")  # no line end after the last line: still text
    assert [s.kind for s in unended.segments] == [SegmentKind.BODY, SegmentKind.META, SegmentKind.BODY]


PAGE = """首页
发现
等你来答
搜索
为什么家用烤箱总是烤不匀？
烘焙
为什么家用烤箱总是烤不匀？
我发现后排总比前排先上色，是热风循环（convection）的问题吗？
"""


def test_a_page_copied_from_a_browser_is_titled_and_its_menu_is_no_text() -> None:
    """A learner's report: a Zhihu page copied as text had no title, and its menu (首页, 发现…) was read as text. The
    page's title stands twice near the top, under the site's short menu items."""
    document = parse_document(PAGE, "oven.txt")
    assert document.metadata.title == "为什么家用烤箱总是烤不匀？"
    kinds = [s.kind for s in document.segments]
    assert kinds[:4] == [SegmentKind.META] * 4 and kinds[6] is SegmentKind.META  # the menu, the title again
    assert kinds[4] is SegmentKind.BODY and kinds[7] is SegmentKind.BODY
    assert [(g.en, g.zh) for g in extract_glosses(document)] == [("convection", "热风循环")]
    # a title repeated with no menu above it is no page's: a notes file's first line said twice stays text
    notes = parse_document("今天的实验记录很长很长\n数据（data）\n今天的实验记录很长很长\n", "notes.txt")
    assert notes.metadata.title is None and SegmentKind.META not in [s.kind for s in notes.segments]


CLIPPINGS = """\ufeff深海笔记 (林岸)
- Your Highlight on page 3 | Location 40-42 | Added on Monday, May 6, 2024 9:12:03 PM

鲸落（whale fall）能养活一个群落几十年。
==========
深海笔记 (林岸)
- 您在第 5 页（位置 #61-62）的标注 | 添加于 2024年5月7日星期二 下午9:30:11

热液喷口（hydrothermal vent）周围没有阳光。
==========
"""


def test_a_kindles_clippings_are_read_under_their_book() -> None:
    """A Kindle's `My Clippings.txt`: a clipping's place and time and the `==========` after it are no text, the line
    above names the book (a heading), and the clippings of one book are titled by it."""
    document = parse_document(CLIPPINGS.lstrip("\ufeff"), "My Clippings.txt")
    kinds = {s.line: s.kind for s in document.segments}
    assert kinds == {
        1: SegmentKind.HEADING, 2: SegmentKind.META, 4: SegmentKind.BODY, 5: SegmentKind.META,
        6: SegmentKind.HEADING, 7: SegmentKind.META, 9: SegmentKind.BODY, 10: SegmentKind.META,
    }  # fmt: skip
    assert document.metadata.title == "深海笔记 (林岸)"
    assert [g.en for g in extract_glosses(document)] == ["whale fall", "hydrothermal vent"]


def test_a_dateline_near_the_top_dates_the_text_and_is_no_text() -> None:
    """A learner's report: a WeChat article's `2024年05月12日 08:30 云南` and a lecture's `2024 年 10 月 17 日 · 文科楼
    B203` were read as text, and their glossaries had no date. A sentence that starts with a date is text."""
    article = parse_document(WECHAT, "yogurt.txt")
    assert article.metadata.date == "2024-06-02" and article.segments[2].kind is SegmentKind.META
    slides = parse_document("--- Slide 1 ---\n博弈论 Game Theory\n2024 年 10 月 17 日 · 文科楼 B203\n", "s.txt")
    assert slides.metadata.date == "2024-10-17" and slides.segments[-1].kind is SegmentKind.META
    told = parse_document("2024年5月1日我们开会讨论了缓存（cache）。\n", "notes.txt")
    assert told.metadata.date is None and told.segments[0].kind is SegmentKind.BODY


def test_a_short_first_line_alone_is_the_title_and_a_byline_names_the_writer_and_the_day() -> None:
    """Learner's trial 56, item 7: a blog pasted as text had no title, author or date, so its glossary and subdeck
    were named after the file (`rag-blog`). A first line that is a sentence, or runs on into the text, is text."""
    text = "从零搭建一个 RAG 系统：我踩过的坑\n\n作者：小林　2025年10月3日\n\n先说检索增强生成（RAG）是什么。\n"
    blog = parse_document(text, "rag-blog.txt")
    assert (blog.metadata.title, blog.metadata.author, blog.metadata.date) == (
        "从零搭建一个 RAG 系统：我踩过的坑",
        "小林",
        "2025-10-03",
    )
    assert [s.kind for s in blog.segments] == [SegmentKind.HEADING, SegmentKind.META, SegmentKind.BODY]
    said = parse_document("我们今天讲缓存（cache）。\n\n缓存很快。\n", "notes.txt")
    assert said.metadata.title is None and said.segments[0].kind is SegmentKind.BODY
    wrapped = parse_document("短短一行\n紧接着正文，讲缓存（cache）。\n", "notes.txt")
    assert wrapped.metadata.title is None


def test_a_title_may_end_in_a_bracket() -> None:
    """Learner's trial 57, item 13: `我的中文生词笔记（乱七八糟版）` over a blank line was read as text, and the deck
    named the document after its file. A first line that ends a sentence inside its bracket is still no title."""
    notes = parse_document("我的做菜笔记（第二版）\n\n今天学了焯水（blanching）。\n", "notes.txt")
    assert notes.metadata.title == "我的做菜笔记（第二版）" and notes.segments[0].kind is SegmentKind.HEADING
    aside = parse_document("我们先焯水（就是过一下开水。）\n\n然后再炒。\n", "notes.txt")
    assert aside.metadata.title is None and aside.segments[0].kind is SegmentKind.BODY


def test_a_word_lists_line_is_no_english_sentence() -> None:
    """Learner's trial 60: the glossary put `- **内卷** (nèijuǎn): involution` in its English column (the line is
    mostly Latin letters) and lines whose note is Chinese in its Context column. An entry is no sentence in either
    language: none is given as the English one."""
    notes = "- **内卷** (nèijuǎn): involution, pointless competition\n- **落地** (luòdì): to land — 方案终于落地了。\n"
    glosses = extract_glosses(parse_document(notes, "my-words.md"))
    assert [(g.zh, g.sentence_en) for g in glosses] == [("内卷", None), ("落地", None)]


def test_a_learners_own_word_list_is_read_whatever_separates_its_sides() -> None:
    """Learner's trial 62: a word list typed on a train (`内卷 nèijuǎn — involution`, `对接 = to liaise`, a Pleco
    export's tabs) gave no gloss, so six of its words were in no deck. Each line opening with the Chinese, then perhaps
    its pinyin, a dash, an equals sign, an arrow or a tab and a few English words is an entry (pinyin may follow the
    sign, before a comma); a label before English prose is not (`备注: see below`, `结论 — it works.`)."""
    typed = (
        "My list\r\n\r\n内卷 nèijuǎn — involution\r\n报价 bao4jia4 — quotation\r\n"
        "- 量产 (liàngchǎn) — mass production\r\n对接 = to liaise\r\n甲方\tjia3fang1\tparty A\r\n"
        "开模 → tooling\r\n打样 -> sampling\r\n交期 → jiāoqī, lead time\r\n"
        "备注: see below\r\n结论 — it works.\r\n流程 → see step 2.\r\n"
    )
    glosses = list(extract_glosses(parse_document(typed, "my-list.txt")))
    assert [(g.en, g.zh, g.reading) for g in glosses] == [
        ("involution", "内卷", "nèijuǎn"),
        ("quotation", "报价", "bao4jia4"),
        ("mass production", "量产", "liàngchǎn"),
        ("to liaise", "对接", None),
        ("party A", "甲方", "jia3fang1"),
        ("tooling", "开模", None),
        ("sampling", "打样", None),
        ("lead time", "交期", "jiāoqī"),
    ]
    assert {g.sentence_en for g in glosses} == {None}
