"""Gloss extraction: every embedded bilingual gloss in a document, in document order.

For each segment (code blocks aside), the text is classified into prose, markup and masked
spans (``brackets``), every outermost bracket pair is judged by the ordered ``BRACKET_RULES``
(``rules``), term edges come from ``boundaries``, and each found gloss gets its sentence, the
aligned sentence (``align``), speaker, time and a deep link (``context``). Bilingual one-line headings
(``Social anxiety 社交焦虑``) are read by ``bilingual_heading``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ..errors import LookupFailed
from ..models import BOOK_TITLE, Direction, Document, Gloss, GlossKind, InputFormat, Lang, Segment, SegmentKind
from ..text import HAN, HAN_RE, HEADING_DECORATION, LATIN_RE, dominant_lang, numbers_said, separated_sides
from .align import aligned_sentence
from .boundaries import says_its_numbers
from .brackets import classify_chars, find_pairs
from .candidate import Candidate, Draft, Verdict
from .context import SentenceIndex, deep_link, plain_text
from .edges import EdgeChoice, at_line, is_recording, recording
from .rules import BRACKET_RULES, WORD_LIST_ENTRY, word_list_lines

HEADING_RULE = "bilingual_heading"
_NOT_PROSE = (SegmentKind.CODE, SegmentKind.COMMENT)
RULE_NAMES = tuple(name for name, _ in BRACKET_RULES) + (HEADING_RULE,)


@dataclass(frozen=True, slots=True)
class ExtractConfig:
    """Which rules run. Every rule is on by default; switch one off by name (``RULE_NAMES``,
    ``vocab extract --disable-rule NAME``) to see what it adds. A name that is no rule is refused,
    so a typo never silently leaves every rule on."""

    disabled: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.disabled) - set(RULE_NAMES))
        if unknown:
            names = ", ".join(map(repr, unknown))
            raise LookupFailed(f"no rule named {names}: the rules are {', '.join(RULE_NAMES)}", "rule")


def load_word_lists() -> None:
    """Open the word lists extraction looks words up in (jieba's dictionary, CC-CEDICT, wordfreq's; built
    in the cache folder on first use): a process that forks workers after this shares them with every worker."""
    from ..lexicon import served_wordfreq
    from ..text import load_jieba
    from .dictionary import translations

    load_jieba()
    translations("模型")  # a first lookup opens CC-CEDICT
    wordfreq = served_wordfreq()
    wordfreq.zipf_frequency("model", "en")  # and wordfreq's lists: English,
    wordfreq.zipf_frequency("模型", "zh")  # and Chinese with its tokenizer (term edges weigh frequencies)


@dataclass(frozen=True, slots=True)
class Decision:
    """What happened to one bracket pair: for ``vocab extract --trace``."""

    line: int
    bracket: str
    rule: str | None  # None: no rule applied
    edges: tuple[EdgeChoice, ...] = ()  # the term edges chosen on the way, with their candidates
    glosses: int = 0  # what the rule made of it: a rule may apply and keep nothing (no term on the side it reads)


def extract_glosses(document: Document, config: ExtractConfig | None = None) -> Iterator[Gloss]:
    """Every gloss occurrence in ``document``, in document order."""
    repeats = _repeats_in(document)
    config = config or ExtractConfig()
    segments = document.segments
    for k, segment in enumerate(segments):
        drafts = _segment_drafts(document, segment, config, None, repeats)
        if drafts:
            sentences = SentenceIndex(segment.text, english=segment.lang is Lang.EN)
            aligned = document.aligned_segment(segment)
            others = SentenceIndex(aligned.text, english=aligned.lang is Lang.EN) if aligned else None
            whole = plain_text(aligned.text) if aligned else None
            for draft in drafts:
                gloss = _to_gloss(document, segment, draft, sentences, (others, whole))
                under = segments[k + 1 : k + 1 + HEADING_REACH]
                yield _under_heading(gloss, under) if segment.kind is SegmentKind.HEADING else gloss


HEADING_REACH = 4  # segments after a heading in which its glossed term is looked for in a sentence


def _under_heading(gloss: Gloss, after: Sequence[Segment]) -> Gloss:
    """A gloss in a heading (`## 主序星（Main Sequence Star）`) with the first sentence under it that says its term as
    its sentence: the heading alone is no context, and a card's front would be just the blank. As it was where none
    of the next few segments, before the next heading, says the term."""
    inside_another: tuple[str, bool] | None = None  # a sentence that says it only inside a longer term glossed there
    for segment in after:
        if segment.kind is SegmentKind.HEADING:
            break
        if segment.kind in _NOT_PROSE:
            continue
        english = segment.lang is Lang.EN
        # the term in the sentence's own language: a Chinese sentence's English stands in other terms' brackets
        form = gloss.en if english or not gloss.zh else gloss.zh
        for sentence in SentenceIndex(segment.text, english=english).sentences():
            if _said_alone(sentence, form):
                return _with_sentence(gloss, sentence, english)
            if inside_another is None and form.casefold() in sentence.casefold():
                inside_another = (sentence, english)
    return _with_sentence(gloss, *inside_another) if inside_another else gloss


def _with_sentence(gloss: Gloss, sentence: str, english: bool) -> Gloss:
    aligned = sentence if english else None
    return dataclasses.replace(gloss, sentence=sentence, sentence_aligned=None, sentence_en=aligned)


def _said_alone(sentence: str, form: str) -> bool:
    """``form`` stands in ``sentence`` other than as the start of a longer term glossed there: 糖化 (`mash`) is not said
    by `倒进糖化桶（mash tun）`, a sentence of another term (new-user report 19)."""
    folded, wanted = sentence.casefold(), form.casefold()
    at = folded.find(wanted)
    while at != -1:
        if not _LONGER_GLOSSED.match(sentence, at + len(form)):
            return True
        at = folded.find(wanted, at + 1)
    return False


_LONGER_GLOSSED = re.compile(f"[{HAN}]{{1,6}}\\s?[（(]")  # more of a Chinese term, then its bracket


def trace_decisions(document: Document, config: ExtractConfig | None = None) -> Iterator[Decision]:
    """The rule that decided each bracket pair, accepted or rejected, in document order."""
    repeats = _repeats_in(document)
    config = config or ExtractConfig()
    for segment in document.segments:
        decisions: list[Decision] = []
        _segment_drafts(document, segment, config, decisions, repeats)
        yield from decisions


def _segment_drafts(
    document: Document,
    segment: Segment,
    config: ExtractConfig,
    decisions: list[Decision] | None,
    repeats: Callable[[str], int],
) -> list[Draft]:
    if segment.kind in _NOT_PROSE:
        return []
    if HEADING_RULE not in config.disabled and (
        heading := _bilingual_heading(segment, lambda: _translated_line_by_line(document), lambda: _outline(document))
    ):
        return [heading]
    text = segment.text
    listed = word_list_lines(text) if WORD_LIST_ENTRY not in config.disabled else []
    if "(" not in text and "（" not in text:
        return listed
    kinds = classify_chars(text)
    people = _people(document)
    english_context = dominant_lang(text) is Lang.EN
    translation = document.segments[segment.aligned].text if segment.aligned is not None else None
    drafts: list[Draft] = []
    covered = -1  # the end of the last outer pair that was read as a gloss: what it holds is its own
    for pair in find_pairs(text, kinds):
        if pair.depth and pair.open < covered:
            continue
        previous = drafts[-1] if drafts else None
        in_english = english_context or _in_english_sentence(text, pair.open, pair.close)
        candidate = Candidate(text, kinds, pair, in_english, people, previous, repeats, translation)
        edges: list[EdgeChoice] = []
        if decisions is None and not is_recording():
            name, verdict = _decide(candidate, config)
        else:  # the term edges chosen on the way are kept, with the line they stand on
            with at_line(segment.line_of(pair.open)), recording() as edges:
                name, verdict = _decide(candidate, config)
        if verdict is not None and not all(map(_sane, verdict.drafts)):
            name, verdict = "reject_unsound", None  # `模型（a（a（a…`: no term is 40,000 characters long
        if verdict is not None:
            if verdict.previous is not None:
                drafts[-1] = verdict.previous
                covered = pair.close
            drafts.extend(verdict.drafts)
            if verdict.drafts:
                covered = pair.close
        if decisions is not None:
            made = len(verdict.drafts) if verdict is not None else 0
            bracket = text[pair.open : pair.close + 1]
            decisions.append(Decision(segment.line_of(pair.open), bracket, name, tuple(edges), made))
    if segment.kind is SegmentKind.HEADING and segment.field == BOOK_TITLE:
        return [_as_title(draft, text) for draft in drafts]
    return sorted([*drafts, *listed], key=lambda draft: draft.open) if listed else drafts


def _as_title(draft: Draft, text: str) -> Draft:
    """A gloss that is a book's title whole (a Kindle notebook's `数据密集型应用系统设计 (Designing Data-Intensive
    Applications)`) names the book, as a one-line bilingual heading names a section: context, not a term, unless
    running text glosses it too (``rank``). A heading glossed so in a text (`## 发酵（Fermentation）`), even its first,
    often names the term the section teaches, and stays one."""
    before, after = text[: _term_start(text, draft)], text[draft.close + 1 :]
    if before.strip(HEADING_DECORATION + " ") or after.strip(HEADING_DECORATION + " "):
        return draft
    return dataclasses.replace(draft, rule=HEADING_RULE)


def _in_english_sentence(text: str, opens: int, closes: int) -> bool:
    """The bracket stands inside an English sentence of a Chinese text (`…不算真正的开源。Meanwhile, the debate over
    open-source（开源）licenses keeps heating up`): from the sentence's start, English words only up to it, more than a
    term's few, and English goes on after it, past a comma maybe (a sentence the bracket ends is quoted whole: `The
    price is too big（…）`)."""
    start = max(text.rfind(mark, 0, opens) for mark in _SENTENCE_ENDS) + 1
    before = text[start:opens]
    if HAN_RE.search(before) or len(re.findall(r"[A-Za-z]+", before)) < _ENGLISH_SENTENCE_LEAST:
        return False
    if re.match(r"\s*[,;，；、]?\s*[A-Za-z]", text[closes + 1 :]):
        return True  # `AED (…), and so`: it goes on
    # or ends there with a word glossed, not a sentence translated: `…live in your starter (酵種).`
    ended = re.match(r"\s*[.!?]", text[closes + 1 :]) is not None
    return ended and len(HAN_RE.findall(text, opens, closes)) < len(re.findall(r"[A-Za-z]+", before))


_SENTENCE_ENDS = ("。", "！", "？", "；", "\n", "：")
_ENGLISH_SENTENCE_LEAST = 4  # English words before a bracket, from its sentence's start: a sentence, not a term


MAX_SIDE = 150  # characters of a term or its translation; an explanation longer than this is no gloss
MAX_DEFINITION = 1_000


def _sane(draft: Draft) -> bool:
    """A gloss a learner could study: each side of a sane length, with its brackets balanced."""
    sides = (draft.en, draft.zh or "")
    if any(len(side) > MAX_SIDE or _unbalanced(side) for side in sides):
        return False
    return len(draft.definition or "") <= MAX_DEFINITION


def _unbalanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char in "(（") - (char in ")）")
        if depth < 0:
            return True
    return depth != 0


_CLAUSE_END = re.compile(r"[，。！？；：、\n]")
_LEADING_MARKS = ">*#-+|"


def _repeats_in(document: Document) -> Callable[[str], int]:
    """How often a text (spaces aside) stands in the document's prose: a term repeated without its
    gloss is evidence of where the term starts. Each clause counts once, however often it is written: a
    quoted reply or a repeated heading copies a term's context, it does not confirm it. The prose is joined
    on the first question."""

    @cache
    def prose() -> str:
        written = "\n".join(s.text for s in document.segments if s.kind not in _NOT_PROSE)
        distinct: dict[str, str] = {}  # each clause once, its quote or list marks aside: `> …` copies a clause
        for clause in _CLAUSE_END.split(written):
            compact = "".join(clause.split())
            distinct.setdefault(compact.lstrip(_LEADING_MARKS), compact)
        return "\0".join(distinct.values())

    @cache
    def repeats(text: str) -> int:
        return prose().count(text) if text else 0

    return repeats


def _decide(candidate: Candidate, config: ExtractConfig) -> tuple[str | None, Verdict | None]:
    """The first enabled rule that judges ``candidate``, and its verdict."""
    for name, rule in BRACKET_RULES:
        if name not in config.disabled and (verdict := rule(candidate)) is not None:
            said = tuple(
                d for d in verdict.drafts if not d.zh or says_its_numbers(d.en, d.zh) and not _quantity(candidate, d)
            )
            return name, verdict if len(said) == len(verdict.drafts) else Verdict(said, verdict.previous)
    return None, None


def _quantity(candidate: Candidate, draft: Draft) -> bool:
    """The English is a unit after a number, and the Chinese says a number the English does not: the bracket
    translates the quantity, not a term (`2,000 TFLOPS（每秒两千万亿次浮点运算）`, learner's trial 63)."""
    if draft.direction is not Direction.EN_ZH or not draft.zh:
        return False
    before = candidate.text[: draft.open].rstrip()
    if not before.endswith(draft.en) or not _NUMBER_BEFORE.search(before[: -len(draft.en)]):
        return False
    return bool(numbers_said(draft.zh) - {1, *map(int, re.findall(r"\d+", draft.en))})  # 一 of 统一 is no count


# `可达 2,000 `, `1.5`, in running text: not a list's or a section's number (`3. layover`, `5.3 Evoformer`)
_NUMBER_BEFORE = re.compile(r"\S\s*(?<![\w.-])\d(?:[\d,.]*\d)?\s*$")


_HEADING_BLOCKS = re.compile(
    r"^\s*(?P<first>[^\u3400-\u9fff]*?[A-Za-z][^\u3400-\u9fff]*?)\s+(?P<second>[\u3400-\u9fff][^A-Za-z]*?)\s*$"
    r"|^\s*(?P<zh_first>[\u3400-\u9fff][^A-Za-z]*?)\s+(?P<en_second>[A-Za-z][^\u3400-\u9fff]*?)\s*$"
)


_SECTION_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*[.、)]?|[一二三四五六七八九十]+、)\s*")  # a section's number


def _people(document: Document) -> frozenset[str]:
    """Names from the metadata, whole and by part (`Ilya` for `Ilya Sutskever`), case-folded."""
    names = document.metadata.people + document.metadata.speakers
    parts = {part for name in names for part in name.split() if len(part) > 2}
    return frozenset(n.casefold() for n in (*names, *parts))


def _bilingual_heading(
    segment: Segment, parallel: Callable[[], bool], outline: Callable[[], Direction | None] = lambda: None
) -> Draft | None:
    """A one-line heading in both languages, `Social anxiety 社交焦虑`: English block and Chinese block.

    In a line-by-line parallel text such a line stands for a translated pair. Elsewhere it must show it is one: a
    separator between the two (`## 基本功 / The Basics`), or a Chinese that the dictionary finds saying at least half
    the English's words (`## 稀薄空氣的物理 The Physics of Thin Air`); a heading that names a thing in English inside
    Chinese is no pair (`## KV Cache 实现`, `## Transformer 架构`: the dictionary finds no word of the English). So
    does a heading whose sides stand in the order of the document's ``outline`` (asked last), its English of two
    words or more or a common word: `## 快问快答 Lightning Round`, `## 名词小抄 Glossary` among headings that are pairs,
    Chinese first.
    """
    sides = _heading_sides(segment)
    if sides is None:
        return None
    en, zh, direction, separated = sides
    if not (parallel() or separated or _says_most_of(zh, en) or _more_than_a_name(en, zh) and direction is outline()):
        return None
    start = segment.text.find(en if direction is Direction.EN_ZH else zh)
    return Draft(en, zh, None, direction, GlossKind.TRANSLATION, HEADING_RULE, start, len(segment.text) - 1)


def _translated_line_by_line(document: Document) -> bool:
    """A parallel text, or a video's transcript or an LRC lesson whose lines are translated line by line: there a
    heading in both languages (a chapter's `开场 Intro`) stands for a translated pair, as its lines do."""
    if document.format is InputFormat.PARALLEL:
        return True  # (no cache: hashing a document hashes its segments, dearer than this for any but a video's)
    timed = document.format in (InputFormat.VIDEO, InputFormat.LRC)
    return timed and any(s.aligned is not None for s in document.segments)


def _more_than_a_name(en: str, zh: str) -> bool:
    """Two English words or more, or one the dictionary writes as a common word (`Glossary`, `Highlights`) beside
    Chinese that is no verb alone: not a name, nor what is done to it (`## 安装 Docker`)."""
    from .chinese import tagged_verb, word_tokens_of
    from .dictionary import capitalised_mostly, lower_case_english

    if len(en.split()) > 1:
        return True
    words = word_tokens_of(zh)
    acts = len(words) == 1 and tagged_verb(words[0])
    return lower_case_english(en) and not capitalised_mostly(en) and not acts


@lru_cache(maxsize=2)  # asked by each heading of the document being read that shows no evidence of its own
def _outline(document: Document) -> Direction | None:
    """The order in which a document's headings give both languages, where two or more show they are pairs (by a
    separator or the dictionary) and none of its one-line bilingual headings that may be one stands the other way
    round (`## HNSW 参数` names a thing in English and says nothing of the order)."""
    sides = [found for s in document.segments if (found := _heading_sides(s))]
    shown = [(en, zh, d, separated or _says_most_of(zh, en)) for en, zh, d, separated in sides]  # pairs by evidence
    orders = {d for en, zh, d, paired in shown if paired or _more_than_a_name(en, zh)}
    return orders.pop() if len(orders) == 1 and sum(paired for *_, paired in shown) >= 2 else None


def _heading_sides(segment: Segment) -> tuple[str, str, Direction, bool] | None:
    """A heading's English block and Chinese block, which comes first, and whether a separator stands between them."""
    if segment.kind is not SegmentKind.HEADING or len(segment.text) > 120:
        return None
    bare = _SECTION_NUMBER.sub("", segment.text.strip(HEADING_DECORATION))  # `1. The Core Loop`: no side's number
    match = _HEADING_BLOCKS.match(bare) or _named_in_both(bare)
    separated = separated_sides(bare)  # `PART 2 · Tiers | 第二部分 · 分层`: short English too
    if not match:
        return None
    sides = match.groupdict()
    en, zh = _unmatched_labels_dropped(
        (sides.get("first") or sides["en_second"]).strip(_HEADING_MARKS),
        (sides.get("second") or sides["zh_first"]).strip(_HEADING_MARKS),
    )
    if not LATIN_RE.search(en) or re.search(r"[()（）\[\]`=]", en + zh) or not _long_enough(zh, en):
        return None
    if sides.get("zh_first") and zh[-1] in _JOINS_ON and not (zh[-1] == "的" and _title_cased(en)):
        return None  # `## 粒度：逐通道、分组与 group size`: the Chinese goes on in English, it is no translation
    return en, zh, Direction.EN_ZH if sides.get("first") else Direction.ZH_EN, bool(separated)


_HEADING_MARKS = " *_#:：-—/|｜"  # Markdown, and what stands between the two sides
_JOINS_ON = "与和及或的之、"  # a conjunction or particle: what ends with one goes on


def _title_cased(english: str) -> bool:
    """Two words or more, each of four letters or more capitalised: a title (`How Forecasts Are Made` after
    `天气预报是怎么做出来的`, whose 的 ends a question, not a phrase the English goes on)."""
    words = english.split()
    return len(words) >= 2 and all(w[0].isupper() for w in words if len(w) >= 4) and words[0][0].isupper()


# A part's label opening a side: `Chapter 4`, `Unit 7`, `Part A`, `Dialogue 1`; `第四章`, `第七单元`, `第3课`
_EN_LABEL = re.compile(
    r"^(?:chapter|unit|part|section|lesson|lecture|dialogue|episode|module|week|appendix|step|ch\.|ep\.)\s*"
    r"(?:\d{1,3}|[ivxlc]{1,5}|[a-z]|one|two|three|four|five|six|seven|eight|nine|ten)\b[\s.:·—–-]*",
    re.IGNORECASE,
)
_ZH_LABEL = re.compile(
    r"^第\s*[\d一二三四五六七八九十百零两]+\s*(?:章|节|節|课|課|讲|講|单元|單元|部分|篇|卷|回|期|集|步|幕)[\s：:·、.]*"
)


def _unmatched_labels_dropped(en: str, zh: str) -> tuple[str, str]:
    """The two sides of a heading without a part's label that only one side gives (`Part A Dialogues 情景对话`,
    `第四章 冷启动与评估 Cold Start and Evaluation`): the label numbers the part, it is no word of the title. Labels on
    both sides (`Unit 7 At the Airport 第七单元 在机场`) say each other and stay."""
    en_label, zh_label = _EN_LABEL.match(en), _ZH_LABEL.match(zh)
    if en_label and not zh_label and en[en_label.end() :].strip():
        return en[en_label.end() :].strip(), zh
    if zh_label and not en_label and zh[zh_label.end() :].strip():
        return en, zh[zh_label.end() :].strip()
    return en, zh


# A Chinese side that keeps a name in Latin letters before its Chinese, then the English: `Cox 迴歸 Cox Regression`
_NAMED_BLOCKS = re.compile(
    r"^\s*(?P<zh_first>(?P<name>[A-Za-z][^\u3400-\u9fff]*?)\s*[\u3400-\u9fff][^A-Za-z]*?)\s+"
    r"(?P<en_second>[A-Za-z][^\u3400-\u9fff]*?)\s*$"
)


def _named_in_both(heading: str) -> re.Match[str] | None:
    """``_NAMED_BLOCKS``' match where the English says the name the Chinese keeps (`Cox`), else None."""
    match = _NAMED_BLOCKS.match(heading)
    if match is None or not match["en_second"].casefold().startswith(match["name"].strip().casefold()):
        return None
    return match


def _long_enough(zh: str, en: str) -> bool:
    """Two Chinese characters or more, or one that the dictionary says is the English (`The Lamp 灯`)."""
    from .chinese import translated_in

    han = len(HAN_RE.findall(zh))
    return han >= 2 or (han == 1 and translated_in(zh, en))


def _says_most_of(zh: str, en: str) -> bool:
    """The dictionary finds at least half of the English's content words in the Chinese: in its words, or in their
    characters read as words of their own."""
    from .chinese import word_tokens_of
    from .dictionary import covered_words
    from .english import EN_STOP_WORDS

    english = [w.casefold() for w in re.findall(r"[A-Za-z]+", en) if len(w) >= 3 and w.casefold() not in EN_STOP_WORDS]
    han = [t for t in word_tokens_of(zh) if HAN_RE.match(t)]
    # a character read as a whole word: 快速检查 says `Quick Check` by 快 and 检 (not 构, `form`, in `Transformer`)
    by_character = covered_words([c for t in han if len(t) > 1 for c in t], english, whole=True)
    return bool(english) and 2 * len(covered_words(han, english) | by_character) >= len(english)


def _to_gloss(
    document: Document,
    segment: Segment,
    draft: Draft,
    sentences: SentenceIndex,
    aligned_segment: tuple[SentenceIndex | None, str | None],
) -> Gloss:
    """The gloss with its context: its sentence, and the aligned segment's sentences and plain text."""
    others, whole = aligned_segment
    start, end = _term_start(segment.text, draft), draft.close + 1
    sentence = sentences.sentence_around(start, end)
    aligned = None
    if others is not None:
        term, alias = (draft.en, draft.alias) if others.english else (draft.zh, None)
        aligned = aligned_sentence(sentences, (start, end), others, term, alias)
    english = sentence if sentences.english else aligned if others is not None and others.english else None
    if draft.rule == WORD_LIST_ENTRY:  # `- **内卷** (nèijuǎn): involution` is no English sentence to read
        english = None
    standing = _standing_line(segment.text, start, draft.open)
    return Gloss(
        source=document.path,
        line=segment.line_of(standing) if segment.breaks else segment.line + sentences.line_offset(standing),
        en=draft.en,
        zh=draft.zh,
        definition=draft.definition,
        direction=draft.direction,
        kind=draft.kind,
        rule=draft.rule,
        speaker=segment.speaker,
        start=segment.start,
        end=segment.end,
        url=deep_link(document.metadata.source_url, segment.start),
        sentence=sentence,
        sentence_aligned=aligned,
        sentence_en=english,
        segment_aligned=whole,
        alias=draft.alias,
        reading=draft.reading,
        title=document.title,
    )


def _standing_line(text: str, start: int, opening: int) -> int:
    """Where a gloss stands: its bracket's line, or its term's where a hard wrap comes between the whole term and the
    bracket (`相应调整` / `（corresponding adjustment）`); a term the wrap breaks stands with its bracket."""
    return start if "\n" not in text[start:opening].rstrip() else opening


def _term_start(text: str, draft: Draft) -> int:
    """Where the term begins, so that the sentence holds it whole: a hard wrap may break the term (`碳排放` /
    `强度（carbon intensity）`) or come before its bracket (`相应调整` / `（…）`), and bold may stop inside it
    (`**行权**价（exercise price）`)."""
    term = draft.zh if draft.direction is Direction.ZH_EN else draft.en
    if not term:
        return draft.open
    reach = max(0, draft.open - 4 * len(term) - 8)
    window = text[reach : draft.open]
    found_at = text.rfind(term.split()[0], reach, draft.open) if "\n" not in window else -1
    if found_at == -1:
        spread = r"(?:\s|\*\*)*".join(map(re.escape, "".join(term.split())))  # the term's characters, apart
        found = [m.start() for m in re.finditer(spread, window)]
        found_at = reach + found[-1] if found else text.rfind(term.split()[0], reach, draft.open)
    return found_at if found_at != -1 else draft.open


__all__ = ["RULE_NAMES", "Decision", "ExtractConfig", "extract_glosses", "trace_decisions"]
