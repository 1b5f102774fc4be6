"""Transcripts typed as speaker turns with times (``sources/turns.py``): each layout gives every line its turn's
speaker and times, lines keep their raw numbers, and nothing of the text is lost."""

from __future__ import annotations

import pytest

from vocab import parse_document
from vocab.extract import extract_glosses
from vocab.models import InputFormat, SegmentKind
from vocab.rank import rank_terms

INLINE = """《夜航电台》第 5 期 文字稿
录制：2026 年 3 月 2 日
时长 41:20

[00:00:04] 主持人：欢迎收听。今天聊检索增强生成（retrieval-augmented generation）。
[00:00:19] 嘉宾（林工）：谢谢邀请。我们先从向量索引（vector index）说起。
这一段是同一轮的第二行。
[00:01:02] 主持人：好的。
"""

HEADERS = """咖啡與編譯器 EP12
小安 [00:00:03]
大家好，今天聊即時編譯（just-in-time compilation）。
來賓 Ken (00:00:15)
謝謝。先講直譯器（interpreter）。
小安 [00:00:40]
好。
"""

BILINGUAL = """Night Shift Radio, episode 5
00:05 Host: Today we talk about speculative decoding.
00:05 主持人：今天聊投机解码（speculative decoding）。
00:12 Guest: A draft model proposes tokens.
00:12 嘉宾：草稿模型（draft model）先提出 token。
"""


def test_a_time_a_speaker_and_a_colon_open_a_turn() -> None:
    document = parse_document(INLINE, "ep5.txt")
    assert document.format is InputFormat.TURNS
    assert document.metadata.title == "《夜航电台》第 5 期 文字稿" and document.metadata.date == "2026-03-02"
    by_line = {s.line: s for s in document.segments}
    assert by_line[3].text == "时长 41:20" and by_line[3].start is None  # shaped like a turn's header, no turn
    assert (by_line[5].speaker, by_line[5].start, by_line[5].end) == ("主持人", 4.0, 19.0)
    assert by_line[5].text.startswith("欢迎收听")  # the time and the speaker are not text
    assert (by_line[6].speaker, by_line[6].start) == ("嘉宾（林工）", 19.0) and by_line[7].speaker == "嘉宾（林工）"
    assert by_line[8].end is None  # the last turn runs to the end
    glosses = {g.en: g for g in extract_glosses(document)}
    assert (glosses["vector index"].line, glosses["vector index"].speaker, glosses["vector index"].start) == (
        6,
        "嘉宾（林工）",
        19.0,
    )


def test_a_turn_given_no_time_opens_by_its_speakers_label_and_takes_the_last_time() -> None:
    """A learner's report: a transcriber timed some turns only (`[00:01:12] 主持人：…`, then `鄭語彤：…`), and every
    untimed turn was the last timed speaker's. A label a timed turn names, or one used three times, opens a turn."""
    transcript = (
        "晶片訪談\n\n[00:00:05] 主持人：歡迎。\n\n林語彤：大家好，我做封裝（packaging）。\n\n"
        "主持人：那測試呢？\n\n林語彤：測試（test）很花錢。\n\n[00:02:10] 周柏鈞：我補充良率（yield）。\n\n"
        "林語彤：對。\n"
    )
    document = parse_document(transcript, "tw.txt")
    by_line = {s.line: s for s in document.segments}
    assert [(by_line[n].speaker, by_line[n].start) for n in (3, 5, 7, 9, 11, 13)] == [
        ("主持人", 5.0), ("林語彤", 5.0), ("主持人", 5.0), ("林語彤", 5.0), ("周柏鈞", 130.0), ("林語彤", 130.0)
    ]  # fmt: skip
    assert by_line[5].text.startswith("大家好") and by_line[5].end == 130.0 and by_line[5].aligned is None
    assert {g.en: g.speaker for g in extract_glosses(document)} == {
        "packaging": "林語彤",
        "test": "林語彤",
        "yield": "周柏鈞",
    }


def test_a_labelled_translation_right_under_a_timed_line_stays_in_its_turn() -> None:
    """Its label names the turn's speaker, and is no words of the line (learner's trial 59: contexts began
    `主持人：`)."""
    transcript = (
        "Stack Talk\n\nMIRA [00:00:04]: Welcome back. Today: garbage collection.\n"
        "米拉：欢迎回来。今天聊垃圾回收（garbage collection）。\n\n"
        "OWEN [00:00:21]: Thanks, Mira.\n欧文：谢谢，米拉。\n\nMIRA [00:00:33]: Let's start.\n米拉：我们开始吧。\n\n"
        "OWEN [00:00:41]: A tracing collector walks the heap.\n欧文：追踪式回收器（tracing collector）会遍历堆。\n\n"
        "MIRA [00:00:52]: And then?\n米拉：然后呢？\n\nOWEN [00:00:55]: It frees the rest.\n欧文：剩下的就释放掉。\n"
    )  # each Chinese label three times: labels a walk would take for speakers, but each stands under a timed line
    document = parse_document(transcript, "gc.txt")
    by_line = {s.line: s for s in document.segments}
    assert (by_line[4].speaker, by_line[4].start, by_line[4].aligned) == ("MIRA", 4.0, by_line[3].index)
    assert by_line[4].text == "欢迎回来。今天聊垃圾回收（garbage collection）。"
    gloss = next(g for g in extract_glosses(document) if g.en == "tracing collector")
    assert (gloss.speaker, gloss.start, gloss.sentence_en) == ("OWEN", 41.0, "A tracing collector walks the heap.")
    assert gloss.sentence == "追踪式回收器（tracing collector）会遍历堆。"


def test_a_speaker_and_a_time_alone_on_a_line_open_the_turn_below() -> None:
    document = parse_document(HEADERS, "ep12.txt")
    assert document.format is InputFormat.TURNS and document.metadata.title == "咖啡與編譯器 EP12"
    assert [(s.line, s.speaker, s.start) for s in document.segments] == [
        (1, None, None),
        (3, "小安", 3.0),
        (5, "來賓 Ken", 15.0),
        (7, "小安", 40.0),
    ]
    assert {g.en: g.speaker for g in extract_glosses(document)} == {
        "just-in-time compilation": "小安",
        "interpreter": "來賓 Ken",
    }


def test_an_english_and_a_chinese_turn_at_the_same_time_translate_each_other() -> None:
    document = parse_document(BILINGUAL, "ep5-en.txt")
    assert document.format is InputFormat.TURNS
    english, chinese = document.segments[1], document.segments[2]
    assert english.aligned == chinese.index and chinese.aligned == english.index
    assert document.segments[3].aligned == document.segments[4].index


def test_a_section_heading_between_turns_is_a_heading_and_no_ones_words() -> None:
    sectioned = (
        "# 窑边夜话 第 9 期\n\n## Part 1 · Clay Bodies 第一部分 · 泥料\n\n"
        "[00:00:05] ROSA: We start with the clay body.\n[00:00:05] 罗莎：我们先从坯体（clay body）说起。\n\n"
        "## Part 2 · Firing 第二部分 · 烧成\n\n"
        "[00:01:10] ROSA: Then the kiln.\n[00:01:10] 罗莎：然后是窑炉（kiln）。\n"
    )
    document = parse_document(sectioned, "kiln-talk.md")
    assert document.format is InputFormat.TURNS
    by_line = {s.line: s for s in document.segments}
    assert [by_line[n].kind for n in (3, 8)] == [SegmentKind.HEADING, SegmentKind.HEADING]
    assert by_line[8].speaker is None and by_line[6].aligned == by_line[5].index  # the turn before it still pairs
    headings = [(g.en, g.zh) for g in extract_glosses(document) if g.rule == "bilingual_heading"]
    assert headings == [("Part 1 · Clay Bodies", "第一部分 · 泥料"), ("Part 2 · Firing", "第二部分 · 烧成")]


PAIRED = """烘焙夜谈 第 3 期
[00:00:05] 主持人：欢迎回来，今天聊天然酵种（sourdough starter）。
[00:00:05] Host: Welcome back, today we talk about sourdough starters.
[00:00:21] 小麦：我每天喂两次，水粉比（hydration）大概是百分之百。
[00:00:21] Xiaomai: I feed it twice a day, at about one hundred percent hydration.
[00:00:47] 主持人：那冷藏发酵（cold retard）呢？
[00:00:47] Host: What about a cold retard?
[00:01:10] 小麦：放一夜，风味更酸。
[00:01:10] Xiaomai: Overnight, and the flavour gets more sour.
[00:01:30] 主持人：谢谢收听。
[00:01:30] Host: Thanks for listening.
"""


def test_turns_and_their_translations_line_by_line_are_turns_not_a_parallel_text() -> None:
    """Every turn followed by its translation at the same time reads line by line as a parallel text too: the
    times and speakers say it is a transcript, and each turn of a pair lasts until the next time, not its pair's."""
    document = parse_document(PAIRED, "bake3.txt")
    assert document.format is InputFormat.TURNS and document.metadata.title == "烘焙夜谈 第 3 期"
    by_line = {s.line: s for s in document.segments}
    assert [(by_line[n].speaker, by_line[n].start, by_line[n].end) for n in (2, 3, 4)] == [
        ("主持人", 5.0, 21.0),
        ("Host", 5.0, 21.0),
        ("小麦", 21.0, 47.0),
    ]
    assert by_line[2].aligned == by_line[3].index and by_line[10].end is None and by_line[11].end is None
    assert {g.en: g.speaker for g in extract_glosses(document)} == {
        "sourdough starter": "主持人",
        "hydration": "小麦",
        "cold retard": "主持人",
    }


HEADED_PAIRS = {
    "name-then-time": (
        "Night Shift Radio, episode 9\n夜班电台 第 9 期\n\n"
        "Rosa Pike [00:00:05]\nToday it is all about vector search.\n今天只聊向量检索（vector search）。\n\n"
        "Tom Oduya [00:00:21]\nStart with the embedding model.\n先说嵌入模型（embedding model）。\n\n"
        "Rosa Pike [00:00:40]\nAnd then the index.\n然后是索引（index）。\n"
    ),
    "name-time-colon": (
        "Night Shift Radio, episode 9\n夜班电台 第 9 期\n\n"
        "Rosa Pike (00:00:05):\nToday it is all about vector search.\n今天只聊向量检索（vector search）。\n\n"
        "Tom Oduya (00:00:21):\nStart with the embedding model.\n先说嵌入模型（embedding model）。\n\n"
        "Rosa Pike (00:00:40):\nAnd then the index.\n然后是索引（index）。\n"
    ),
    "time-then-name": (
        "Night Shift Radio, episode 9\n夜班电台 第 9 期\n\n"
        "[00:00:05] Rosa Pike:\nToday it is all about vector search.\n今天只聊向量检索（vector search）。\n\n"
        "[00:00:21] Tom Oduya:\nStart with the embedding model.\n先说嵌入模型（embedding model）。\n\n"
        "[00:00:40] Rosa Pike:\nAnd then the index.\n然后是索引（index）。\n"
    ),
    "name-time-and-english": (
        "Night Shift Radio, episode 9\n夜班电台 第 9 期\n\n"
        "Rosa Pike [00:00:05]: Today it is all about vector search.\n罗莎：今天只聊向量检索（vector search）。\n\n"
        "Tom Oduya [00:00:21]: Start with the embedding model.\n汤姆：先说嵌入模型（embedding model）。\n\n"
        "Rosa Pike [00:00:40]: And then the index.\n罗莎：然后是索引（index）。\n"
    ),
    "name-and-time-in-one-bracket": (
        "Night Shift Radio, episode 9\n夜班电台 第 9 期\n\n"
        "【Rosa Pike 00:00:05】\nToday it is all about vector search.\n今天只聊向量检索（vector search）。\n\n"
        "【Tom Oduya 00:00:21】\nStart with the embedding model.\n先说嵌入模型（embedding model）。\n\n"
        "【Rosa Pike 00:00:40】\nAnd then the index.\n然后是索引（index）。\n"
    ),
    "time-name-and-english": (
        "Night Shift Radio, episode 9\n夜班电台 第 9 期\n\n"
        "[00:00:05] Rosa Pike: Today it is all about vector search.\n今天只聊向量检索（vector search）。\n\n"
        "[00:00:21] Tom Oduya: Start with the embedding model.\n先说嵌入模型（embedding model）。\n\n"
        "[00:00:40] Rosa Pike: And then the index.\n然后是索引（index）。\n"
    ),
}


def test_a_speaker_and_time_over_a_line_and_its_translation_keep_their_turn() -> None:
    """A turn's header (`Rosa Pike [00:00:05]`, `Rosa Pike (00:00:05):`, `[00:00:05] Rosa Pike:`, or either with the
    English after a colon; `【Rosa Pike 00:00:05】`, fresh86's) over an English line and its translation opens a third
    of the lines: read line by line as a parallel text, the glosses lost their speakers and times (fresh84, fresh63,
    fresh86 and four more blind sets)."""
    for layout, text in HEADED_PAIRS.items():
        document = parse_document(text, "ep9.txt")
        assert document.format is InputFormat.TURNS, layout
        found = {g.en: (g.speaker, g.start) for g in extract_glosses(document)}
        assert found == {
            "vector search": ("Rosa Pike", 5.0),
            "embedding model": ("Tom Oduya", 21.0),
            "index": ("Rosa Pike", 40.0),
        }, layout
        assert all(g.sentence_aligned for g in extract_glosses(document)), layout


def test_a_ruled_bilingual_heading_between_turns_is_a_heading() -> None:
    """`=== PART 2 · Indexes | 第二部分 · 索引 ===` between turns is no one's words: a heading, as a parallel text
    reads it (fresh63's six part headings)."""
    text = HEADED_PAIRS["name-time-and-english"].replace(
        "Rosa Pike [00:00:40]", "=== PART 2 · Indexes | 第二部分 · 索引 ===\n\nRosa Pike [00:00:40]"
    )
    document = parse_document(text, "ep9.txt")
    headings = [s for s in document.segments if s.kind is SegmentKind.HEADING]
    assert document.format is InputFormat.TURNS and [(h.text, h.speaker) for h in headings] == [
        ("=== PART 2 · Indexes | 第二部分 · 索引 ===", None)
    ]


def test_a_short_chinese_turn_that_keeps_a_long_english_term_pairs_with_its_translation() -> None:
    """`那逆温层（temperature inversion）呢？` has more Latin letters than Chinese: it is still the Chinese side of the
    English turn at its time, and the page's title above the turns is no mention of the term."""
    text = (
        "逆温层专题\n[00:00:05] 主持人：那逆温层（temperature inversion）呢？\n"
        "[00:00:05] Host: What about a temperature inversion?\n[00:00:20] 嘉宾：就是上面的空气比下面暖。\n"
        "[00:00:20] Guest: The air above is warmer than below.\n"
    )
    document = parse_document(text, "inversion.txt")
    by_line = {s.line: s for s in document.segments}
    assert by_line[2].aligned == by_line[3].index and by_line[4].aligned == by_line[5].index
    assert by_line[1].kind is SegmentKind.META
    term = rank_terms(extract_glosses(document), [document])[0]
    assert (term.en, term.count, term.glossed) == ("temperature inversion", 1, 1)


def test_a_turn_that_holds_an_english_line_and_its_translation_pairs_them() -> None:
    """A time and a speaker alone on a line, the English below it, then the Chinese (new-user report 15's layout, and
    fresh56's): each turn's two lines translate each other, whatever the speaker line says."""
    text = (
        "Grid Talk, episode 9\n\n[00:00:04] MEI\nWelcome back to the show.\n欢迎回来。\n\n"
        "[00:00:11] ARJUN\nWe start with the duck curve and curtailment.\n"
        "我们先谈鸭子曲线（duck curve）和弃电（curtailment）。\n"
        "Then storage.\n然后谈储能。\n\n[00:00:30] MEI\nThanks.\n"
    )
    document = parse_document(text, "grid9.txt")
    by_line = {s.line: s for s in document.segments}
    assert document.format is InputFormat.TURNS
    pairs = [(s.line, document.segments[s.aligned].line) for s in document.segments if s.aligned is not None]
    assert pairs == [(4, 5), (5, 4), (8, 9), (9, 8), (10, 11), (11, 10)]
    assert by_line[3].aligned is None and by_line[14].aligned is None
    glosses = extract_glosses(document)
    assert {g.en: g.sentence_aligned for g in glosses} == {
        "duck curve": "We start with the duck curve and curtailment.",
        "curtailment": "We start with the duck curve and curtailment.",
    }


def test_a_parallel_line_whose_english_glosses_outweigh_its_chinese_is_still_chinese() -> None:
    """New-user report 15: `環境保護署（Environmental Protection Department，EPD）…（air quality data）。` has more
    Latin letters than Chinese, and was left without its English line: a line's language is that of its text outside
    brackets of English."""
    text = (
        "Notes for teachers 教师笔记\n\nThe Environmental Protection Department publishes hourly air quality data.\n"
        "环境保护署（Environmental Protection Department，EPD）每小时公布空气质量数据（air quality data）。\n\n"
        "The index rose sharply in winter.\n冬天这个指数急升。\n\n"
        "Schools close when it passes ten.\n指数超过十时学校停课。\n"
    )
    document = parse_document(text, "aqhi.txt")
    assert document.format is InputFormat.PARALLEL
    by_line = {s.line: s for s in document.segments}
    assert [by_line[n].aligned for n in (3, 6, 9)] == [by_line[n].index for n in (4, 7, 10)]


def test_a_parallel_texts_markdown_title_is_read_without_its_marks() -> None:
    text = (
        "# Why Dough Rises 面团为什么会发\n\nYeast eats sugar.\n酵母吃糖。\n\n"
        "It makes carbon dioxide.\n它产生二氧化碳。\n\nThe gas stretches gluten.\n气体撑开面筋（gluten）。\n"
    )
    document = parse_document(text, "dough.md", "parallel")
    assert document.format is InputFormat.PARALLEL and document.title == "Why Dough Rises 面团为什么会发"


def test_prose_that_names_a_few_times_is_not_a_transcript() -> None:
    prose = "会议定在 10:30 开始。\n我们先看数据。\n14:00 以后讨论模型。\n最后总结。\n晚上 20:15 散会。\n附录见下。\n"
    assert parse_document(prose, "notes.txt").format is InputFormat.PLAIN


LABELLED = """《图谱之外》访谈稿
受访者：某实验室负责人
Q: 先请您介绍一下，你们最近在做什么？
A: 我们在做图神经网络（graph neural network）的可解释性。
Q: 难点在哪里？
A: 主要是消息传递（message passing）很难追踪。
这一点我们写过一篇短文。
Q: 最后一个问题。
A: 好的。
"""


def test_a_speaker_label_used_again_and_again_opens_a_turn_without_a_time() -> None:
    document = parse_document(LABELLED, "qa.txt")
    assert document.format is InputFormat.TURNS and document.metadata.title == "《图谱之外》访谈稿"
    speakers = {s.line: s.speaker for s in document.segments}
    assert speakers[2] is None  # `受访者：` once is a header line, not a speaker
    assert (speakers[3], speakers[4], speakers[6], speakers[7]) == ("Q", "A", "A", "A")
    assert all(s.start is None and s.aligned is None for s in document.segments)
    assert {g.en: g.speaker for g in extract_glosses(document)} == {
        "graph neural network": "A",
        "message passing": "A",
    }


def test_markdown_keeps_its_own_reader_for_its_speaker_labels() -> None:
    talk = "\n\n".join(f"主持人：第 {i} 个问题？\n\n嘉宾：第 {i} 个回答。" for i in range(4)) + "\n"
    assert parse_document("# 对话\n\n## 上\n\n" + talk, "talk.md").format is InputFormat.MARKDOWN
    assert parse_document("# 对话\n\n" + talk, "talk.txt").format is InputFormat.PLAIN  # one Markdown line
    named = parse_document("# 对话\n\n" + talk, "talk.md")  # one, in a file named .md: Markdown, its title the heading
    assert named.format is InputFormat.MARKDOWN and named.metadata.title == "对话"


def test_a_bold_label_that_names_a_part_in_a_conversation_is_a_speaker_even_once() -> None:
    """New-user report 11: `**主持人小陈：**` and `**嘉宾老王：**`, each once, stayed in the text and named nobody;
    a lone lead-in (`**编者按：**`) is still no speaker."""
    text = (
        "# 环栅晶体管\n\n**编者按：** 本文有删节。\n\n**主持人小陈：** Why is gate-all-around needed now?\n\n"
        "**嘉宾老王：** You grow a stack of sacrificial layers（牺牲层）first.\n"
    )
    document = parse_document(text, "gaa.md")
    assert document.metadata.speakers == ("主持人小陈", "嘉宾老王")
    said = {s.speaker: s.text for s in document.segments if s.speaker}
    assert said["嘉宾老王"].startswith("You grow")  # the label is not the sentence's
    assert any(s.text.startswith("**编者按：**") or s.text.startswith("编者按") for s in document.segments)


def test_a_tutorials_many_bold_lead_ins_are_no_speakers() -> None:
    """A learner's report: a tutorial whose sections open `**优势：**`, `**意义：**` (one of them twice) listed all its
    lead-ins as speakers; more labels than a conversation has speakers are lead-ins."""
    labels = ["意义", "优势", "缺点", "用法", "原理", "示例", "注意", "意义"]
    text = "# 教程\n\n" + "".join(f"**{label}：** 这里讲梯度裁剪（gradient clipping）。\n\n" for label in labels)
    document = parse_document(text, "guide.md")
    assert document.metadata.speakers == () and not any(s.speaker for s in document.segments)


def test_a_markdown_file_with_one_heading_is_markdown_and_the_same_text_elsewhere_plain() -> None:
    """One Markdown line is too little to call text Markdown, unless the file's name says so: its heading titles it."""
    text = "# 雨水花园笔记\n\n**生物滞留池**（bioretention cell）能截留雨水。\n\n下渗率（infiltration rate）要先测。\n"
    notes = parse_document(text, "rain-notes.md")
    assert notes.format is InputFormat.MARKDOWN and notes.metadata.title == "雨水花园笔记"
    assert parse_document(text, "rain-notes.txt").format is InputFormat.PLAIN


MARKDOWN_TURNS = {
    "name, then the time": ("**Ines Varga** (00:00:06)", "**Bo Lindqvist** (00:00:31)", "**Ines Varga** (00:01:10)"),
    "the time inside the bold": (
        "**Ines Varga (00:00:06):**",
        "**Bo Lindqvist (00:00:31):**",
        "**Ines Varga (00:01:10):**",
    ),
    "the time first": ("**[00:00:06] Ines Varga**", "**[00:00:31] Bo Lindqvist**", "**[00:01:10] Ines Varga**"),
}


def test_a_bold_name_and_a_time_open_a_timed_turn_in_markdown() -> None:
    """A podcast transcript kept in Markdown (fresh87's first look): `**Name** (00:00:06)` over an English paragraph
    and its translation. Its glosses had no speaker, no time and no English sentence; each paragraph now takes its
    turn's speaker and times, and the English paragraph is the Chinese one's translation."""
    for layout, (first, second, third) in MARKDOWN_TURNS.items():
        text = (
            "---\ntitle: Cellar Notes 7\n---\n\n# Cellar Notes, episode 7\n\n"
            f"{first}\n\nToday we look at malolactic fermentation.\n\n"
            "今天聊苹果酸-乳酸发酵（malolactic fermentation）。\n\n"
            f"{second}\n\nIt softens the wine's acidity.\n\n它会让酒的酸度（acidity）变柔和。\n\n"
            f"## 装瓶\n\n{third}\n\nThen comes bottling.\n\n然后是装瓶（bottling）。\n"
        )
        document = parse_document(text, "cellar-7.md")
        found = {g.en: (g.speaker, g.start, g.end, g.sentence_aligned) for g in extract_glosses(document)}
        assert found == {
            "malolactic fermentation": ("Ines Varga", 6.0, 31.0, "Today we look at malolactic fermentation."),
            "acidity": ("Bo Lindqvist", 31.0, 70.0, "It softens the wine's acidity."),
            "bottling": ("Ines Varga", 70.0, None, "Then comes bottling."),
        }, layout
        assert document.metadata.speakers == ("Ines Varga", "Bo Lindqvist"), layout


def test_a_bold_phrase_with_a_time_in_running_text_is_no_turn() -> None:
    """Only a line that opens with the bold name and its time opens a turn: bold text with a time later in a
    paragraph is prose."""
    text = "# 笔记\n\n**重点**：第 (00:12) 分钟讲了缓存（cache）。\n\n## 下\n\n更多内容。\n"
    document = parse_document(text, "notes.md")
    assert {g.speaker for g in extract_glosses(document)} == {None}


CHAT = """平台组 周会群 聊天记录
导出：2025/11/02 10:40

2025/11/01 09:58 小鹿: 早，昨晚的灰度发布（canary release）回滚了吗
2025/11/01 10:02 Mina王: 回滚了，探针（probe）一直报超时
还在查是不是连接池（connection pool）满了
2025/11/01 10:05 小鹿: 好，我先把告警静默（silence）一小时
2025/11/02 08:30 老周: 结论：是 DNS 缓存（DNS cache）过期没刷新
"""


def test_a_chats_dated_messages_are_turns_of_their_senders_at_no_time() -> None:
    """A chat's export dates each message: the sender is the speaker of the message and the lines under it, and the
    hour it was sent is no time in a recording (its days start again at 00:00)."""
    document = parse_document(CHAT, "chat.txt")
    assert document.format is InputFormat.TURNS
    by_line = {s.line: s for s in document.segments}
    assert by_line[4].text.startswith("早，") and by_line[4].speaker == "小鹿"
    assert (by_line[5].speaker, by_line[6].speaker, by_line[8].speaker) == ("Mina王", "Mina王", "老周")
    assert all(s.start is None and s.end is None for s in document.segments)
    assert {g.en: g.speaker for g in extract_glosses(document)} == {
        "canary release": "小鹿",
        "probe": "Mina王",
        "connection pool": "Mina王",
        "silence": "小鹿",
        "DNS cache": "老周",
    }


def test_a_chat_export_is_titled_by_the_chats_name_not_the_exporters_banner() -> None:
    banner = "微信聊天记录导出\n群聊：平台组 · 值班群（5 人）\n导出范围：2025-11-01 至 2025-11-02\n\n"
    document = parse_document(banner + CHAT.split("\n", 3)[3], "chat.txt")
    assert document.format is InputFormat.TURNS and document.title == "平台组 · 值班群（5 人）"
    assert parse_document(CHAT, "chat.txt").title == "平台组 周会群 聊天记录"  # no name line: the first line


WHATSAPP = """12/04/2024, 21:02 - Messages and calls are end-to-end encrypted. No one outside this chat can read them.
12/04/2024, 21:02 - Ada Chan created group "Roof garden crew"
12/04/2024, 21:03 - Ada Chan added Ben, 阿美
12/04/2024, 21:05 - Ada Chan: 今晚先講下堆肥（composting）點做
12/04/2024, 21:06 - Ben: 我試過蚯蚓堆肥（vermicomposting）
好快有成果
12/04/2024, 21:07 - 阿美: <Media omitted>
"""
WHATSAPP_IOS = "[12/04/2024, 21:05:11] Ada Chan: 今晚先講下堆肥（composting）\n[12/04/2024, 21:06:40] Ben: 好\n" * 2


def test_a_whatsapp_export_is_read_as_its_senders_turns_and_its_system_lines_are_no_ones() -> None:
    document = parse_document(WHATSAPP, "chat.txt")
    assert document.format is InputFormat.TURNS and document.title == "Roof garden crew"
    by_line = {s.line: s for s in document.segments}
    assert all(by_line[n].kind is SegmentKind.META for n in (1, 2, 3))
    assert by_line[4].text.startswith("今晚") and by_line[4].speaker == "Ada Chan"
    assert (by_line[5].speaker, by_line[6].speaker) == ("Ben", "Ben")  # a message's next line is still Ben's
    assert all(s.start is None for s in document.segments)  # the hour sent is no time in a recording
    assert {g.en: g.speaker for g in extract_glosses(document)} == {"composting": "Ada Chan", "vermicomposting": "Ben"}
    ios = parse_document(WHATSAPP_IOS, "chat.txt")
    assert ios.format is InputFormat.TURNS and {s.speaker for s in ios.segments} == {"Ada Chan", "Ben"}


def test_a_chat_exports_sender_line_with_its_date_names_the_sender_alone() -> None:
    """WeChat's desktop export puts `Name  YYYY-MM-DD HH:MM` above each message: the date is no part of the name, and
    the hour sent is no time in a recording."""
    text = (
        "群聊：苗圃志愿者群\n\n"
        "周红  2025-04-02 09:10\n今天先讲扦插（cuttings）\n"
        "小林（新来的）  2025-04-02 09:12\n好的，那生根粉（rooting hormone）要买吗\n"
        "周红  2025-04-02 09:15\n要，顺便买点珍珠岩（perlite）\n"
    )
    document = parse_document(text, "chat.txt")
    assert document.format is InputFormat.TURNS
    assert {s.speaker for s in document.segments if s.speaker} == {"周红", "小林（新来的）"}
    assert all(s.start is None for s in document.segments)
    assert {g.en: g.speaker for g in extract_glosses(document)} == {
        "cuttings": "周红",
        "rooting hormone": "小林（新来的）",
        "perlite": "周红",
    }


# The same three messages as four chat programs copy or export them: a header over each message, at a time of day.
_MESSAGES = (
    "今天读的是蒸馏（knowledge distillation）那篇",
    "温度（temperature）那个超参我一直没搞懂",
    "所以学生模型（student model）学的是分布",
)
_HEADERS = {
    "discord": ("kaiwen — Today at 9:03 PM", "mira_z — Today at 9:05 PM", "kaiwen — 03/01/2024 9:06 PM"),
    "slack": ("kaiwen  9:03 PM", "mira_z  9:05 PM", "kaiwen  9:06 PM"),
    "telegram": ("Lin Wei, [01.03.24 21:03]", "Mira, [01.03.24 21:05]", "Lin Wei, [01.03.24 21:06]"),
    "exporter": ("[01-Mar-24 09:03 PM] kaiwen", "[01-Mar-24 09:05 PM] mira_z", "[01-Mar-24 09:06 PM] kaiwen"),
}
_SENDERS = {"telegram": ("Lin Wei", "Mira", "Lin Wei")}  # the others: kaiwen, mira_z, kaiwen


@pytest.mark.parametrize("program", sorted(_HEADERS))
def test_a_chat_programs_message_headers_name_the_sender_at_no_time(program: str) -> None:
    """Discord's `name — Today at 9:03 PM`, Slack's `name  9:03 PM`, Telegram's `name, [date time]` and a Discord
    exporter's `[date time] name` over each message: the sender speaks the line below, with no dash or comma in the
    name, and the hour is no time in a recording."""
    banner = "Guild: ML Study Group\nChannel: paper-reading\n\n" if program == "exporter" else ""
    pairs = zip(_HEADERS[program], _MESSAGES, strict=True)
    document = parse_document(banner + "".join(f"{header}\n{message}\n\n" for header, message in pairs), "chat.txt")
    assert document.format is InputFormat.TURNS
    senders = _SENDERS.get(program, ("kaiwen", "mira_z", "kaiwen"))
    assert [g.speaker for g in extract_glosses(document)] == list(senders)
    assert all(s.start is None for s in document.segments)
    if program == "exporter":
        assert document.title == "paper-reading"  # the channel, not the exporter's rule or the server


def test_what_a_chat_program_shows_around_a_message_is_no_ones_words_nor_a_translation() -> None:
    """`{Reactions}` and its counts, `(edited)`, an attachment's address, Telegram's `[ Photo ]` and `[In reply to …]`:
    no text, and never the English beside a Chinese line of the message."""
    text = (
        "[08-Mar-24 09:03 PM] xiaoyu\n论文里叫工具调用（tool use）\n{Reactions}\n👍 3\n\n"
        "[08-Mar-24 09:06 PM] kaiwen\n第三节讲的规划（planning）是不是先拆子任务？\n(edited)\n\n"
        "[08-Mar-24 09:07 PM] xiaoyu\n对，拆成子目标（subgoals）\n{Attachments}\nhttps://cdn.example.com/figure3.png\n\n"
        "[08-Mar-24 09:08 PM] Mina\n[ Photo ]\n[In reply to xiaoyu]\n这里的残差连接（residual connection）画反了吧\n"
    )
    document = parse_document(text, "chat.txt")
    noise = {3, 4, 8, 12, 13, 16, 17}
    assert {s.line for s in document.segments if s.kind in (SegmentKind.META, SegmentKind.COMMENT)} == noise
    assert all(s.aligned is None for s in document.segments)
    assert [(g.en, g.speaker) for g in extract_glosses(document)] == [
        ("tool use", "xiaoyu"),
        ("planning", "kaiwen"),
        ("subgoals", "xiaoyu"),
        ("residual connection", "Mina"),
    ]


def test_a_speaker_who_speaks_twice_inside_the_others_turns_is_a_speaker() -> None:
    """A learner's report: `李博士：` spoke twice in a round table of `主持人：` and `王工：` turns, and both turns were
    credited to the speaker before, the label left in the text."""
    table = (
        "圆桌实录\n主持人：先请王工说说。\n王工：大头是显存。\n主持人：那批处理呢？\n王工：吞吐量高了。\n"
        "李博士：我补充一句，投机解码（speculative decoding）也有用。\n主持人：量化呢？\n"
        "李博士：要配合校准数据集（calibration set）。\n主持人：最后一个问题。\n王工：明年看分离式推理。\n"
    )
    turns = [(s.speaker, s.text[:4]) for s in parse_document(table, "table.txt").segments if s.speaker]
    assert ("李博士", "我补充一") in turns and ("李博士", "要配合校") in turns


def test_a_discord_exports_embeds_and_attachments_are_no_ones_words() -> None:
    """A learner's report: DiscordChatExporter's text export put a link preview's title and description (`{Embed}`)
    and an attachment's file name in the poster's mouth, and their brackets became terms."""
    export = (
        "==============================================================\nGuild: 读书会\nChannel: 优化\n"
        "==============================================================\n\n"
        "[10-Mar-25 09:03 PM] kaiwen\n今天讲动量（momentum）。\n\n{Reactions}\n👍 (4)\n\n"
        "[10-Mar-25 09:12 PM] mia\n推荐这篇：https://x.org/momentum\n\n{Embed}\nWhy Momentum Works（动量为何有效）\n"
        "条件数（condition number）决定了收敛速度。\n\n{Attachments}\nhttps://cdn.x.org/笔记(notes).pdf\n\n"
        "[10-Mar-25 09:15 PM] lixiao\n还有学习率（learning rate）。\n\n[10-Mar-25 09:16 PM] kaiwen\n对。\n\n"
        "[10-Mar-25 09:17 PM] mia\n好的\n\n[10-Mar-25 09:18 PM] lixiao\n下周见\n"
    )
    document = parse_document(export, "discord.txt")
    glosses = [(g.en, g.speaker) for g in extract_glosses(document)]
    assert glosses == [("momentum", "kaiwen"), ("learning rate", "lixiao")]


def test_a_hard_wrap_between_chinese_characters_in_a_timed_turn_joins_its_lines() -> None:
    """A typed transcript's lines are its paragraphs, but a wrap between two Chinese characters with no stop before it
    goes on with the sentence (fresh135): a term it cuts is whole, on the line of its bracket; a chat's unstopped lines
    stay messages of their own."""
    document = parse_document(WRAPPED, "ep6.txt")
    assert document.format is InputFormat.TURNS
    glosses = [(g.line, g.en, g.zh) for g in extract_glosses(document)]
    assert glosses == [(7, "iteration-level scheduling", "迭代级调度")]
    assert [s.text for s in document.segments if s.line == 8] == ["下一行是新的一段。"]


WRAPPED = """夜航电台 第 6 期

阿哲 [00:05:02]
那怎么调度？
林昭 [00:05:18]
论文里管这个叫迭代级
调度（iteration-level scheduling）。
下一行是新的一段。
阿哲 [00:05:40]
明白了。
"""
