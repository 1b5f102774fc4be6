"""The one English sentence a learner reads: aligned sentence to sentence inside a cue pair, capped,
highlighted in glossaries, on cards and in the review, with the whole cue kept as "more".

The documents here are invented for these tests: subtitles whose cues run to several sentences.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from vocab import parse_document
from vocab.cli import cli
from vocab.corpus import load_corpus
from vocab.export.anki import FIELDS, note_fields
from vocab.export.glossary import index_by_document, render_glossary
from vocab.extract import extract_glosses
from vocab.extract.align import _shared_words, term_span
from vocab.extract.context import MAX_SENTENCE, SentenceIndex, plain_text
from vocab.models import CardType, Document, Gloss, Lang
from vocab.rank import rank_terms

from .conftest import EXAMPLES, SEEDS

CUES = """\
1
00:00:01,000 --> 00:00:12,000
Thanks for having me. Honestly, the big LLMs changed how we plan research. We check loss < 2 & run tests weekly.
谢谢邀请。说实话，大型的 LLMs（大语言模型）改变了我们规划研究的方式。我们每周仍然会做一些小实验。

2
00:00:12,500 --> 00:00:20,000
The model generalizes well to tasks it has never seen. That surprised us.
这个模型在没见过的任务上泛化（generalization）得很好。这让我们很意外。

3
00:00:20,500 --> 00:00:30,000
We started with a tiny model. Then we added more data. In the end the curve stopped improving.
我们从一个很小的模型开始。然后加了更多数据。最后曲线进入了平台期（plateau）。

4
00:00:30,500 --> 00:00:40,000
This year our budget is small. The cat pushed the cup off the table, and that is the whole test.
猫把杯子从桌子上推了下去，这就是因果探针（causal probe）。今年我们的预算很少。

5
00:00:40,500 --> 00:00:48,000
We apply knowledge distillation(知识蒸馏) to shrink it. The student is tiny and fast.
我们用知识蒸馏来压缩模型。学生模型又小又快。
"""


def _document(text: str = CUES, name: str = "talk.srt") -> Document:
    return parse_document(text, name)


def _glosses(document: Document) -> dict[str, Gloss]:
    return {gloss.en: gloss for gloss in extract_glosses(document)}


def test_the_english_sentence_that_holds_the_term_in_any_inflection() -> None:
    glosses = _glosses(_document())
    llms = glosses["LLMs"]
    assert llms.sentence == "说实话，大型的 LLMs（大语言模型）改变了我们规划研究的方式。"
    assert llms.sentence_aligned == llms.sentence_en == "Honestly, the big LLMs changed how we plan research."
    assert llms.segment_aligned is not None and llms.segment_aligned.startswith("Thanks for having me. Honestly")
    # 泛化（generalization）: the English says `generalizes`
    assert glosses["generalization"].sentence_en == "The model generalizes well to tasks it has never seen."


def test_the_english_sentence_that_says_the_glosss_acronym_where_the_english_spells_it_out_nowhere() -> None:
    """`专用集成电路（application-specific integrated circuit，ASIC）` in a Chinese sentence that translates two English
    ones: the one that says `ASICs`, not the one the rest of the Chinese sentence translates best."""
    cue = (
        "1\n00:00:01,000 --> 00:00:09,000\n"
        "I run the test lab at Brightwater. We design storage ASICs, mostly for drives.\n"
        "我在 Brightwater 管测试实验室（test lab），我们设计存储方向的专用集成电路（application-specific"
        " integrated circuit，ASIC），主要用在硬盘里。\n"
    )
    glosses = _glosses(parse_document(cue, "talk.srt"))
    assert glosses["test lab"].sentence_en == "I run the test lab at Brightwater."
    assert (
        glosses["application-specific integrated circuit"].sentence_en == "We design storage ASICs, mostly for drives."
    )


def test_a_paraphrase_is_placed_by_position_and_the_dictionary() -> None:
    glosses = _glosses(_document())
    # No English sentence has `plateau`: the third Chinese sentence goes with the third English one.
    assert glosses["plateau"].sentence_en == "In the end the curve stopped improving."
    # The translator swapped the sentences: position says the first, CC-CEDICT (猫 cat, 杯子 cup, 桌子 table)
    # the second.
    assert glosses["causal probe"].sentence_en == "The cat pushed the cup off the table, and that is the whole test."


def test_an_english_gloss_in_an_english_cue_keeps_its_own_sentence() -> None:
    gloss = _glosses(_document())["knowledge distillation"]
    assert gloss.sentence_en == gloss.sentence == "We apply knowledge distillation(知识蒸馏) to shrink it."
    assert gloss.sentence_aligned == "我们用知识蒸馏来压缩模型。"
    assert gloss.segment_aligned == "我们用知识蒸馏来压缩模型。学生模型又小又快。"


def test_a_chinese_line_wrapped_onto_one_that_is_mostly_its_gloss_stays_with_its_cue() -> None:
    wrapped = """1
00:00:01,000 --> 00:00:04,000
Today we measure the patient's
ejection fraction with an echo.
我们今天测量
射血分数（ejection fraction）。
"""
    gloss = _glosses(_document(wrapped))["ejection fraction"]
    assert gloss.sentence == "我们今天测量射血分数（ejection fraction）。"
    assert gloss.sentence_en == "Today we measure the patient's ejection fraction with an echo."


def test_a_gloss_in_a_heading_takes_the_sentence_under_it_that_says_its_term() -> None:
    notes = (
        "# 恒星\n\n## 主序星（Main Sequence Star）\n\n恒星一生中大部分时间都处于主序星阶段。\n\n"
        "## 红巨星（Red Giant）\n\n待补。\n"
    )
    glosses = _glosses(_document(notes, "stars.md"))
    assert glosses["Main Sequence Star"].sentence == "恒星一生中大部分时间都处于主序星阶段。"
    assert glosses["Main Sequence Star"].line == 3  # the gloss still stands in its heading
    assert glosses["Red Giant"].sentence == "红巨星（Red Giant）"  # nothing under it says the term


def test_a_heading_term_said_only_inside_a_longer_term_takes_a_sentence_that_says_it_alone() -> None:
    """New-user report 19: `## 糖化（Mash）` took `…倒进糖化桶（mash tun）。`, the sentence of another term that
    begins with 糖化, over the next one, which says 糖化 itself; where no sentence says it alone, the one inside is
    still taken."""
    notes = (
        "## 发酵（Fermentation）\n\n把麦汁倒进发酵罐（fermenter）。发酵要在恒温下进行。\n\n"
        "## 装瓶（Bottling）\n\n先把装瓶机（bottling wand）洗干净。\n"
    )
    glosses = _glosses(_document(notes, "brew.md"))
    assert glosses["Fermentation"].sentence == "发酵要在恒温下进行。"
    assert glosses["Bottling"].sentence == "先把装瓶机（bottling wand）洗干净。"


def test_a_chinese_run_on_line_is_cut_to_its_clauses_around_the_term() -> None:
    """Learner's trial 56, item 9: a pasted page's run-on line, 295 Chinese characters with commas only, was a card's
    whole front. A Chinese character is two columns wide: the context is cut to MAX_SENTENCE columns, at commas."""
    clauses = ["又翻了好几本书", "又问了好几个朋友", "后来又看了一遍视频", "还是没有完全弄明白"] * 5
    line = "，".join([*clauses[:10], "最后才明白激活函数（activation function）就是一个开关", *clauses[10:]]) + "。"
    sentence = next(extract_glosses(_document(line + "\n", "page.txt"))).sentence
    assert MAX_SENTENCE // 2 < len(line) < MAX_SENTENCE and "激活函数（activation function）" in sentence
    assert sum(2 if "\u4e00" <= char <= "\u9fff" or char in "，（）。" else 1 for char in sentence) <= MAX_SENTENCE
    assert sentence.startswith(("又", "后来", "还是")) and sentence.endswith("，")


def test_chinese_only_text_has_no_english_sentence() -> None:
    gloss = next(extract_glosses(_document("我们使用梯度下降（gradient descent）来训练。它很常见。\n", "notes.txt")))
    assert (gloss.sentence_en, gloss.sentence_aligned, gloss.segment_aligned) == (None, None, None)


def test_a_run_on_cue_is_cut_at_a_clause_around_the_term() -> None:
    filler = ", and then we talked about the weather and the food and the trains for a while"
    english = "So we kept going" + filler * 4 + ", and the reward model got hacked" + filler * 4
    document = _document(f"1\n00:00:01,000 --> 00:00:30,000\n{english}\n我们谈到了奖励模型（reward model）被攻破。\n")
    gloss = next(extract_glosses(document))
    assert len(english) > 2 * MAX_SENTENCE
    assert gloss.sentence_en is not None and len(gloss.sentence_en) <= MAX_SENTENCE
    assert "reward model" in gloss.sentence_en
    assert gloss.sentence_en.startswith("and") or gloss.sentence_en.startswith("then")  # cut after a comma
    assert gloss.segment_aligned == english


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("We use it, e.g. for RL. It costs 3.5 times more! Why? Ask the U.S. team.",
         ["We use it, e.g. for RL.", "It costs 3.5 times more!", "Why?", "Ask the U.S. team."]),
        ("Mr. Chen and Dr. Ruiz agree vs. the rest. They do.",
         ["Mr. Chen and Dr. Ruiz agree vs. the rest.", "They do."]),
        ("I mean... it works. So do I. Next.", ["I mean... it works.", "So do I.", "Next."]),
    ],
    ids=["abbreviations-decimals", "titles", "ellipsis-pronoun"],
)  # fmt: skip
def test_english_sentences_split_on_stops_not_abbreviations(text: str, sentences: list[str]) -> None:
    assert SentenceIndex(text, english=True).sentences() == sentences


def test_chinese_sentences_split_on_chinese_stops() -> None:
    text = "先说结论；再看数据。真的吗？是的！"
    assert SentenceIndex(text, english=False).sentences() == ["先说结论；", "再看数据。", "真的吗？", "是的！"]


def test_a_chinese_context_runs_on_across_a_semicolon_while_it_stays_short() -> None:
    """A learner's trial: `温度（temperature）也很重要；` was the context, cut where the English beside it goes on. A
    summary's long sentence keeps the clause of its gloss, and a list's items stay apart."""
    short = SentenceIndex("温度（temperature）也很重要；温度越低，回答越保守。下一句。", english=False)
    whole = "温度（temperature）也很重要；温度越低，回答越保守。"
    assert short.sentence_around(0, 2) == whole and short.sentence_around(18, 20) == whole  # from either clause
    long = "增量来自后训练（post-training）；" + "双方还谈到了成本" * 12 + "。"
    assert SentenceIndex(long, english=False).sentence_around(4, 7) == "增量来自后训练（post-training）；"
    listed = SentenceIndex("- 第一项（first）；\n- 第二项。", english=False)
    assert listed.sentence_around(2, 5) == "- 第一项（first）；"


def test_glossary_shows_the_english_sentence_in_bold_and_the_cue_as_a_footnote() -> None:
    document = _document()
    terms = rank_terms(list(extract_glosses(document)), [document])
    page = render_glossary(document, terms, "md")
    assert "| First | English | Context |" in page
    row = next(line for line in page.splitlines() if "| LLMs |" in line)
    rank = row.split(" | ")[0].removeprefix("| ")
    assert f"| Honestly, the big **LLMs** changed how we plan research.[^{rank}] |" in row
    assert "| 说实话，大型的 **LLMs**（**大语言模型**）改变了我们规划研究的方式。 |" in row
    assert f"\n[^{rank}]: Thanks for having me. Honestly, the big **LLMs** changed how we plan research. We" in page
    assert "We check loss \\< 2 & run tests weekly.\n" in page  # escaped for Markdown
    own = next(line for line in page.splitlines() if "| knowledge distillation |" in line)
    assert "| We apply **knowledge distillation**(**知识蒸馏**) to shrink it. | 我们用**知识蒸馏**来压缩模型。[^" in own
    rows = json.loads(render_glossary(document, terms, "json"))["terms"]
    llms = next(r for r in rows if r["en"] == "LLMs")
    assert llms["sentence_en"] == "Honestly, the big LLMs changed how we plan research."
    assert llms["segment_aligned"].startswith("Thanks for having me.")


def test_a_chinese_only_glossary_has_no_english_column() -> None:
    document = _document("我们使用梯度下降（gradient descent）来训练。\n", "notes.txt")
    page = render_glossary(document, rank_terms(list(extract_glosses(document)), [document]), "md")
    assert "| First | Context |" in page and "English" not in page and "[^" not in page


def test_the_english_front_carries_one_escaped_sentence_and_the_cue_folded() -> None:
    document = _document()
    terms = {t.en: t for t in rank_terms(list(extract_glosses(document)), [document])}
    aligned = FIELDS.index("Aligned")
    field = note_fields(terms["LLMs"], tuple(CardType), {document.path: document})[aligned]
    sentence, more = field.split('<details class="more"><summary>more</summary>')
    assert sentence == "Honestly, the big <b>LLMs</b> changed how we plan research."
    assert more.startswith("Thanks for having me. Honestly, the big <b>LLMs</b>") and more.endswith("</details>")
    assert "We check loss &lt; 2 &amp; run tests weekly." in more  # every text escaped first
    # An English cue: its Chinese sentence is on the front, with the answer hidden; text is escaped.
    field = note_fields(terms["knowledge distillation"], tuple(CardType), {document.path: document})[aligned]
    assert field.startswith("我们用[…]来压缩模型。") and "知识蒸馏" not in field


def test_the_english_front_shows_the_alias_the_sentence_says_in_bold() -> None:
    """Learner's trial 56, item 8: `Is DPO replacing RLHF?` on the front of `direct preference optimization (DPO)`
    had nothing in bold."""
    transcript = (
        "Speaker 100:10 - 00:20\nIs DPO replacing RLHF?\n"
        "Speaker 100:10 - 00:20\n直接偏好优化（Direct Preference Optimization，DPO）会取代 RLHF 吗？\n"
    )
    document = parse_document(transcript, "ep.txt")
    (term,) = [t for t in rank_terms(list(extract_glosses(document)), [document]) if t.zh == "直接偏好优化"]
    field = note_fields(term, tuple(CardType), {document.path: document})[FIELDS.index("Aligned")]
    assert field == "Is <b>DPO</b> replacing RLHF?"


def test_the_english_front_sets_the_english_apart_from_the_chinese_around_it() -> None:
    """Learner's trial 56, item 12: the English front's sentence glued the English to the Chinese where the gloss
    stood (`所谓的activation function就是`)."""
    document = parse_document("所谓的激活函数（activation function）就是一个非线性变换。\n", "notes.md")
    (term,) = rank_terms(list(extract_glosses(document)), [document])
    field = note_fields(term, tuple(CardType), {document.path: document})[FIELDS.index("ContextEn")]
    assert field == "所谓的 <b>activation function</b> 就是一个非线性变换。"


def test_review_front_shows_the_english_sentence_without_the_answer(tmp_path: Path) -> None:
    doc = tmp_path / "talk.srt"
    doc.write_text(CUES.split("\n\n")[0] + "\n", encoding="utf-8")  # the first cue: LLMs
    result = CliRunner().invoke(
        cli,
        ["review", str(doc), "--direction", "en-zh", "--now", "2026-11-25T12:00:00+00:00", "--top", "1"],
        input=" q",
        env={"VOCAB_HOME": str(tmp_path / "home")},
    )
    assert result.exit_code == 0, result.output
    front, back = result.output.split("space/enter answer")[:2]
    asked = next(line for line in front.splitlines()[2:] if line.strip())
    assert asked == "LLMs"
    assert "Honestly, the big LLMs changed how we plan research." in front and "大语言模型" not in front
    assert "大语言模型" in back


def test_extract_and_list_jsonl_carry_the_english_sentence(tmp_path: Path) -> None:
    doc = tmp_path / "talk.srt"
    doc.write_text(CUES, encoding="utf-8")
    runner = CliRunner()
    extracted = runner.invoke(cli, ["extract", "--format", "jsonl", str(doc)])
    rows = {r["en"]: r for r in map(json.loads, extracted.stdout.splitlines())}
    assert rows["LLMs"]["sentence_en"] == "Honestly, the big LLMs changed how we plan research."
    assert rows["LLMs"]["segment_aligned"].startswith("Thanks for having me.")
    listed = runner.invoke(cli, ["list", str(doc), "--format", "jsonl"], env={"VOCAB_HOME": str(tmp_path / "h")})
    terms = {r["en"]: r for r in map(json.loads, listed.stdout.splitlines())}
    assert terms["plateau"]["sentence_en"] == "In the end the curve stopped improving."


def _english_cue(document: Document, gloss: Gloss) -> str | None:
    """The English segment a gloss's context comes from: its own, or the one aligned with it."""
    segment = next(s for s in document.segments if s.line <= gloss.line <= s.end_line)
    aligned = document.aligned_segment(segment)
    english = segment if segment.lang is Lang.EN else aligned if aligned and aligned.lang is Lang.EN else None
    return plain_text(english.text) if english else None


def _check_english(sentence: str | None, marked: str | None, gloss: Gloss, cue: str | None) -> bool:
    """One English sentence, capped, holding the term in bold; False when the whole cue lacks the term
    (the translation paraphrases) and the sentence only shares a word of it."""
    assert (sentence is None) == (cue is None), gloss
    if sentence is None:
        return True
    assert len(sentence) <= MAX_SENTENCE and sentence in cue or len(cue) > MAX_SENTENCE, gloss
    if term_span(sentence, gloss.en) is None:
        assert term_span(cue, gloss.en) is None, f"{gloss.en!r}: the cue has it, {sentence!r} does not"
        assert _shared_words(sentence, gloss.en), f"{gloss.en!r} shares no word with {sentence!r}"
        return False
    bold = re.findall(r"\*\*(.+?)\*\*|<b>(.+?)</b>", marked or "")
    assert any(term_span(html.unescape(a or b).replace("\\", ""), gloss.en) for a, b in bold), (gloss.en, marked)
    return True


def _corpus_paths(name: str) -> list[Path]:
    if name == "examples":
        return [EXAMPLES]
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return [SEEDS]


@pytest.mark.parametrize("name", ["examples", "seeds"])
def test_every_glossary_row_and_english_front_carries_one_english_sentence_with_the_term(name: str) -> None:
    corpus = load_corpus(_corpus_paths(name))
    index = index_by_document(corpus.terms)
    documents = {d.path: d for d in corpus.documents}
    checked, paraphrased = 0, []
    for document in corpus.documents:
        page = render_glossary(document, corpus.terms, "md", index)
        english_column = "| English |" in page
        for term, here, *_ in index.get(document.path, []):
            gloss = here[0]
            row = next(line for line in page.splitlines() if line.startswith(f"| {term.rank} |"))
            cell = row.split(" | ")[7] if english_column else None
            if not _check_english(gloss.sentence_en, cell, gloss, _english_cue(document, gloss)):
                paraphrased.append(gloss.en)
            checked += 1
    for term in corpus.terms:  # the English → 中文 front: ContextEn, then the Aligned sentence
        gloss = term.first
        fields = dict(zip(FIELDS, note_fields(term, tuple(CardType), documents), strict=True))
        own = gloss.sentence_en == gloss.sentence
        marked = fields["ContextEn"] if own else fields["Aligned"].split("<details")[0]
        shown = html.unescape(re.sub(r"<[^>]+>", "", marked))
        if gloss.sentence_en is not None and not own:
            assert shown == gloss.sentence_en
        _check_english(gloss.sentence_en, marked, gloss, _english_cue(documents[gloss.source], gloss))
    assert checked > 100
    assert len(paraphrased) <= checked // 10, paraphrased


def test_notes_that_only_alternate_languages_are_no_parallel_text(tmp_path: Path) -> None:
    """Lines in English and Chinese by turns, none the translation of its neighbour: read as plain text, so no
    unrelated line is shown as a gloss's translation; a real parallel text stays one."""
    from vocab import read_document

    notes = tmp_path / "notes.txt"
    notes.write_text(
        "Trip notes from the coast\n海边采样的零碎记录\n\n"
        "潮间带的藤壶（barnacle）比去年多了很多。\n"
        "We compared salinity readings(盐度读数) across three pools.\n"
        "下午用无人机（drone）拍了整个海湾，大概 40 分钟。\n"
        "Ask Lin about the rockweed(岩藻) samples tomorrow.\n"
        "晚饭后整理了浮游生物（plankton）的照片。\n",
        encoding="utf-8",
    )
    document = read_document(notes)
    assert document.format.value == "plain" and all(s.aligned is None for s in document.segments)
    assert read_document(EXAMPLES / "on-evals-parallel.txt").format.value == "parallel"


def test_a_chinese_line_whose_english_is_all_glosses_pairs_with_the_english_line_before() -> None:
    """A letter's signature in a parallel text: the Chinese line glosses the company in brackets, so it is one
    language glossed, not a one-line bilingual heading, and its gloss gets the English line as its translation."""
    document = parse_document(
        "Dear Ms. Okafor,\n奥卡福女士您好：\n"
        "The gearbox samples will leave the plant on Friday.\n齿轮箱样品（gearbox samples）周五从工厂发出。\n"
        "Kind regards, Zhou Ming, Bluepeak Robotics\n祝好，周明，蓝峰机器人（Bluepeak Robotics）\n"
        "Seasons change 四季更替\n",
        "letter.txt",
    )
    assert document.format.value == "parallel"
    by_line = {segment.line: segment for segment in document.segments}
    assert by_line[6].kind.value == "body" and by_line[6].aligned == by_line[5].index
    assert by_line[7].kind.value == "heading" and by_line[7].aligned is None  # both languages side by side
    company = _glosses(document)["Bluepeak Robotics"]
    assert company.sentence_aligned == "Kind regards, Zhou Ming, Bluepeak Robotics"


def test_subtitle_styling_is_neither_text_nor_a_language() -> None:
    """Fansub styling on both lines of a cue (`<font>`, an ASS `{\\an8}`, WebVTT's `<c.yellow>`) is drawn, not read:
    the cue stays an English and a Chinese segment, aligned, and no tag reaches a sentence."""
    srt = (
        '1\n00:00:01,000 --> 00:00:04,000\n<font color="#ffff00">The reef needs cleaner fish.</font>\n'
        '<font color="#ffff00">珊瑚礁需要清洁鱼（cleaner fish）。</font>\n\n'
        "2\n00:00:05,000 --> 00:00:08,000\n{\\an8}Watch the <c.yellow>spawning</c> season.\n"
        "{\\an8}注意产卵季（spawning season）。\n"
    )
    document = parse_document(srt, "reef.srt")
    assert [(s.lang.value, s.aligned is not None) for s in document.segments] == [("en", True), ("zh", True)] * 2
    assert all("<" not in s.text and "{" not in s.text for s in document.segments)
