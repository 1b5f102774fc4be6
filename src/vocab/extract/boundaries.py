"""Term edges: exactly the words the other side of the gloss covers.

A gloss's term stands right before its bracket, but the run of same-script text before the
bracket is often longer than the term: ``那种泛化(generalization)``, ``以及数据(data)``,
``称为训练数据集（training data set）``, ``3D 或 video world models(视频世界模型)``.

1. An opening and closing mark around the run (bold, quote, book-title mark, link text) delimits
   the term: ``**计算能力**（Compute Power）``, ``“**高杠杆（high leverage）**”``.
2. Otherwise every word boundary of the Chinese run (``chinese``: jieba, stop words, modifiers) up to
   the nearest English word the gloss lacks is a candidate start, and ``edges.choose`` scores them.
   One piece of evidence is the rule-based choice (``_rule_start``): the term starts after the last
   stop word, and words are added leftwards while it is shorter than the English suggests
   (``MAX_CHARS_PER_WORD`` per English word), a bound prefix (超参数) or the dictionary pulling in
   more, a modifier the English lacks or a verb one character from a complete term keeping out.
   The others are in ``_candidate``: dictionary coverage, jieba's tags, repetition in the document,
   acronym initials; and, from all the candidates at once, words before full coverage (``_with_saturation``)
   or before the first translated word (``_with_lead_gap``) that the English has no room for.
3. English runs are cut by ``english``, which also says how many Chinese words an English term needs.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from ..identity import acronym_like, simplified
from ..lexicon import jieba_words
from ..text import HAN, HAN_RE, NAME_DOTS, NUMBER_WORD, NUMBER_WORDS, chinese_number, mainland_copy, numbers_said
from .chinese import (
    AFTER_DIGITS,
    BOUND_SUFFIXES,
    COUNTERS,
    MODIFIERS,
    NAMING_VERBS,
    RARE_FREQ,
    STOP_CHARS,
    STOP_WORDS,
    han_units,
    is_common_function_word,
    is_function_word,
    is_latin,
    is_leading_verb,
    is_nominal,
    is_verb,
    tagged_verb,
    translated_in,
    word_tag,
    word_tokens,
)
from .dictionary import AS_AFFIX, translations
from .edges import FEATURES, EdgeCandidate, choose, current_weights, is_recording, score
from .english import chinese_words_for, english_term
from .rejects import SAYS_NOT
from .runs import Run

MAX_CHARS_PER_WORD = 2  # a Chinese term has about two characters per English word: 深度推理 ↔ deep reasoning
MAX_DELIMITED_WORDS = 6  # a delimited English run of more words is a phrase, and is cut like a plain run
DELIMITED_MAX = 16  # a delimited Chinese term longer than this is a phrase, and is cut like a plain run
MAX_CANDIDATE_WORDS = 7  # a term starts at most this many words before its bracket

_ACRONYM_ONLY = re.compile(r"[A-Z]{2,6}s?")
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.+#&_-]*")
_EN_NUMBER = re.compile(rf"({NUMBER_WORD.pattern})|\b(\d+)(?:st|nd|rd|th)?\b", re.IGNORECASE)
# Conjunctions, and the English word that lets one inside a term (`准备性或辅助性活动`, `preparatory or auxiliary …`;
# `模拟到现实迁移`, `sim-to-real transfer`).
_CONJUNCTIONS = {"与": "and", "和": "and", "及": "and", "以及": "and", "或": "or", "或者": "or", "到": "to"}
# A preposition the English may say inside a term too (`人在回路`, `human-in-the-loop`); elsewhere a stop, and a word
# a term may start with as far as the candidates go (its odds against starting one count).
_PREPOSITIONS_SAID = {"在": "in"}
_JOINING = {**_CONJUNCTIONS, **_PREPOSITIONS_SAID}  # a word either kind the English says may stand inside a term
_SHORT_FUNCTION_WORDS = frozenset("a an of in on to at by or as".split())  # English words no Chinese word says
_PROSE_WORDS = _SHORT_FUNCTION_WORDS | {"the", "and", "for", "with", "from", "into", "is", "are", "it", "its"}
# A numeral and a measure word (三个, 两种, 同一个, 一层, 一小撮), or 整 and one (整局, "the whole game"): a quantity,
# not part of the term after it.
_NUMERALS = "一二三四五六七八九十两几半"
_MAGNITUDES = "百千万亿萬億"  # a number's, written after its digits: 250 万
_QUANTITY = re.compile(rf"^(?:[同这那每某任哪好]?[{_NUMERALS}{_MAGNITUDES}]+(?:[大小]?[{COUNTERS}])?|整[{COUNTERS}])$")
_DEMONSTRATIVES = frozenset("这那每某该此哪各")
# Stop characters that place a thing after a noun (模型中, 网络上), and what stands before one that follows no noun.
_LOCATIVES = frozenset("上中下内里")
_BEFORE_NO_NOUN = frozenset("的 是 在".split())
_NEGATIONS = frozenset("不没唔冇")
# Written Cantonese's "not" and "not have": a term starts with one only where its English says a negation
# (有冇|银主同意书 for `mortgagee's consent` asks whether there is one); 不 and 没 start words (不动产, 没收).
_SPOKEN_NEGATIONS = frozenset("唔冇")
# `is`, 即 `namely`, 当 `as`, 是否 `whether`: never inside a term whose English lacks `is` or `as`.
_COPULAS = frozenset("是 即 当 都是 也是 就是 还是 而是 只是 即是 或是 总是 正是 便是 乃是 是不是 是否".split())

# A span of time the English does not count (十年, 三个月), and what places the term in it (前, 以后).
_UNITS_OF_TIME = "年|个月|個月|月|天|日|週|星期|小时|小時|分钟|分鐘|秒|世纪|世紀|年代"
_TIME_SPAN = re.compile(rf"^[一二三四五六七八九十两兩几幾半百千万萬\d]+[个個]?(?:{_UNITS_OF_TIME})$")
_TIME_UNIT = re.compile(rf"^(?:{_UNITS_OF_TIME})$")
_TIME_AFTER = frozenset("前 后 後 来 來 里 裡 内 內 以前 以后 以後 之前 之后 之後 以来 以來".split())


def romanises(words: list[str], chinese: str) -> bool:
    """The English words spell the Chinese in toneless pinyin, in its order or with the first character (the family
    name) last: `Chen Zhiqiang` of 陈志强, `Meiling Lin` of 林美玲."""
    from ..lexicon import pypinyin_for

    if not HAN_RE.fullmatch(chinese[:1]) or len(chinese) > 4:
        return False
    pypinyin = pypinyin_for(chinese)
    readings = [set(r) for r in pypinyin.pinyin(chinese, style=pypinyin.Style.NORMAL, heteronym=True)]
    letters = "".join(words).casefold().replace("-", "")

    def spells(rest: list[set[str]], text: str) -> bool:
        if not rest:
            return not text
        return any(text.startswith(r) and spells(rest[1:], text[len(r) :]) for r in rest[0])

    return spells(readings, letters) or spells(readings[1:] + readings[:1], letters)


def _time_span(words: list[tuple[str, int]], k: int) -> bool:
    """Word ``k`` is a span of time with its number (十年, or 月 after 三个): `十年前光伏（solar PV）` is PV ten years
    ago, the time no part of the term where the English counts nothing."""
    token = words[k][0]
    if _TIME_SPAN.match(token):
        return True
    before = words[k - 1][0] if k > 0 else ""
    return _TIME_UNIT.match(token) is not None and (_numeral(before) or _QUANTITY.match(before) is not None)


def _copula(token: str) -> bool:
    """A copula, or a word jieba ends with one (有的是, 要是, 算是): nothing before it is the term's."""
    return token in _COPULAS or (len(token) > 1 and token.endswith("是") and HAN_RE.match(token) is not None)


def _placing(token: str) -> bool:
    """A verb jieba joins to 在, `at`, after it (坐在, 放在, 落在, 存在): what follows is where, or what there is."""
    return len(token) > 1 and token.endswith("在") and word_tag(token) == "v"


_PLACE_EN = re.compile(r"\b(?:in|on|at|into|onto)\b", re.IGNORECASE)


# 係 "is" (written Cantonese; Taiwan's formal 係指), outside 關係 and 係數: segmented as 是, for Simplified makes it 系
# "system", which jieba joins to the term after it (`係長曝光` as 系长|曝光).
_CANTONESE_COPULA = re.compile("(?<![關联聯干維维])係(?![數数])")
_COPULA_EN = re.compile(r"\b(?:is|are|was|were|be|been|being|am|as)\b|'s\b", re.IGNORECASE)


def trim_chinese(
    run: Run, en: str, repeats: Callable[[str], int] | None = None, translation: str | None = None
) -> str | None:
    """The Chinese term at the end of ``run`` that ``en`` translates, or None if there is none.

    Every word boundary from the nearest hard stop (English the gloss lacks) to the bracket is a
    candidate start; ``edges.choose`` scores them on their evidence, one piece of which is the
    rule-based choice (``_rule_start``). ``repeats(text)`` counts a text in the whole document;
    ``translation`` is the text aligned with the run's (a cue's English), where the words around the term are.
    Traditional Chinese is segmented as its Simplified copy (jieba's dictionary is Simplified),
    and the term keeps the document's own characters.
    """
    # A mark around the term and its gloss may hold a clause (`"模型显示…输电线路(transmission lines)"`): it delimits
    # only a run no longer than a translation of the English may be.
    most = MAX_CHARS_PER_WORD * chinese_words_for(en, generous=True) if run.wraps_gloss else DELIMITED_MAX
    if run.delimited and len(run.text) <= most and _latin_ok(run.text, en):
        return run.text
    plan = _edge_plan(run.text, en)
    if not isinstance(plan, tuple):
        return plan
    candidates = _with_context(list(plan), en, translation) if translation else list(plan)
    if _STANDALONE_NUMBER.search(en):  # a gloss keeps its numbers (``says_its_numbers``): 第一拉格朗日点, `point 1`
        candidates = [c for c in candidates if says_its_numbers(en, c.text)] or candidates
    candidates = _with_first_words(candidates, en)
    candidates = _with_frequency(candidates, en, repeats is not None)
    if repeats is not None and (is_recording() or not _settled(candidates)):
        candidates = [_counted(candidate, repeats) for candidate in candidates]
    chosen = choose(run.text, en, candidates)
    if _opens_with_particle(chosen.text):  # the next best: no term opens with a particle, whatever the weights say
        chosen = choose(run.text, en, [c for c in candidates if not _opens_with_particle(c.text)] or candidates)
    return _with_negation(chosen.text, [c.text for c in candidates])


_PREFIXED_NEGATIONS = frozenset("不非无未無")  # a negation a dictionary word may open (不透明)


def _with_negation(chosen: str, candidates: list[str]) -> str:
    """The term with the negation jieba cut from its front where the two make a dictionary word: 不|透明度 of
    `opacity reset` is 不透明度重置, as 不足额保险 and 不均匀沉降 (all gold's nine such cuts lost the negation, and
    no term of the gold starts after one that makes a word with it)."""
    from .dictionary import is_headword

    negated = next((text for text in candidates if len(text) == len(chosen) + 1 and text.endswith(chosen)), None)
    if negated is None or negated[0] not in _PREFIXED_NEGATIONS:
        return chosen
    return negated if any(is_headword(simplified(negated[:k])) for k in range(2, min(len(negated), 4) + 1)) else chosen


def _opens_with_particle(text: str) -> bool:
    """``text`` opens with a particle standing alone (`的|黑色过眼纹` of `看脸上的黑色过眼纹（eye-stripe）`): no term
    does, whatever the weights make of it (的士 and 了解 are words of their own)."""
    tokens = word_tokens(text) if text[:1] in _PARTICLES else []
    return bool(tokens) and tokens[0][0] in _PARTICLES


_PARTICLES = frozenset("的 得 了 着".split())
_GIVEN_NAME_MOST = 6  # characters of a transliterated given name (伊尔莎, 克里斯托弗, 安布鲁瓦兹)
_NAME_PIECE_RARE = 100  # jieba's count under which a word before a name is a piece of it (安布 of 安布鲁瓦兹)
# a noun, a place, an organisation, a set phrase or a time: a word before a name, not a piece of it
_NOT_NAME_TAGS = ("n", "nz", "ns", "nt", "vn", "l", "i", "t", "m", "mq")  # `第三座由约翰·斯米顿`: 第三座 counts


def _name_spelled(run: str, en: str) -> str | None:
    """The end of ``run`` that ``en``, a person's name of two or three words, spells in pinyin (吴琳达 of `Linda Wu`,
    张伟 of `Zhang Wei`): the name, without the title or the relation before it (财务总监吴琳达, 同事张伟; learner's
    trial 60)."""
    words = en.split()
    if not 2 <= len(words) <= 3 or not all(_PINYIN_NAME_WORD.fullmatch(word) for word in words):
        return None
    for k in range(min(len(run), _ROMANISED_NAME_MOST), 1, -1):
        if romanises(words, simplified(run[-k:])):
            return run[-k:]
    return None


_PINYIN_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)?")  # Wei, Linda, Chia-jung
_ROMANISED_NAME_MOST = 4  # characters of a name ``romanises`` reads


def _given_name_start(tokens: list[tuple[str, int]], dot: int) -> int:
    """Where the given name before a transliterated name's dot starts: the Chinese words right before the dot, back to
    a stop word or a word that is no piece of a name (jieba cuts a name it does not know: 伊尔|莎·马尔凯|蒂; 后来 of
    后来玛丽·居礼 is a time, 物理学家 a noun), at most ``_GIVEN_NAME_MOST`` characters."""
    start = max(dot - 1, 0)
    while start > 0:
        token = tokens[start - 1][0]
        size = sum(len(t) for t, _ in tokens[start - 1 : dot])
        if not HAN_RE.fullmatch(token[0]) or token in STOP_WORDS or token in STOP_CHARS or size > _GIVEN_NAME_MOST:
            break
        if not _name_piece(token):  # 后来 before 玛丽·居礼
            break
        start -= 1
    return start


def _name_piece(token: str) -> bool:
    """``token`` may be part of a transliterated name: a character (威 of 威拉德, jieba's place), a name to jieba (nr,
    nrt), or a word it hardly knows that is no common noun, set phrase or time (安布, a rare verb to jieba, of
    安布鲁瓦兹; not 追溯到)."""
    tag = word_tag(token)
    if len(token) == 1 or tag.startswith("nr"):
        return True
    return jieba_words().frequency(token) < _NAME_PIECE_RARE and tag not in _NOT_NAME_TAGS


@lru_cache(maxsize=8192)
def _edge_plan(run: str, en: str) -> str | None | tuple[EdgeCandidate, ...]:
    """What ``trim_chinese`` decides from the run and the English alone (the same for every occurrence):
    the term itself, None for no term, or the candidates with every piece of evidence but repetition."""
    simple = mainland_copy(_CANTONESE_COPULA.sub("是", run))
    tokens = word_tokens(simple if len(simple) == len(run) else run)
    if not tokens:
        return None
    dots = [k for k, (token, _) in enumerate(tokens) if token in NAME_DOTS]
    if dots and dots[-1] + 2 < len(tokens) and not any(c.isupper() for c in en):
        # an English that names no one: the name is the term's context (`老莱纳斯·耶鲁…改进弹子锁（pin tumbler lock）`)
        tokens, dots = tokens[dots[-1] + 2 :], []
    if named := _name_spelled(run, en):
        return named
    if dots:  # a transliterated name: 肖恩·麦奎尔
        given, at = tokens[_given_name_start(tokens, dots[0])]
        # a stop character jieba's dictionary glues to a name's first syllables (由约翰, a word of count 2) is no part
        return run[at + (len(given) > 2 and given[0] in STOP_CHARS and given[1] not in NAME_DOTS) :]
    spaced = _call_apart([t for t in tokens if not t[0].isspace()])
    words = _counter_apart(_prefix_apart(_split_glued(_quantity_apart(spaced, en)), en), en)
    if len(words) > 1 and words[-2][0].isdigit() and words[-1][0] in AFTER_DIGITS:
        return None  # `留 2 到 3 下（RIR 2–3）`: a count, not a term
    first = _after_last_stop(words, en)
    if first >= len(words):
        return None
    head = words[-1][0]
    if is_latin(head) and head.casefold() not in en.casefold():
        return None  # `ViT (Vision Transformer)`: English explained by English
    rule_start = _rule_start(words, first, en)
    floor = _hard_floor(words, en)
    opening = next(
        (
            k
            for k in range(len(words) - 2, max(floor, first) - 1, -1)
            if is_latin(words[k][0]) and _opens(words[k][0], en)
        ),
        None,
    )
    if opening is not None:  # `4R养分管理（4R nutrient stewardship）`, `锁定 C/A码`: the English's first word
        return run[words[opening][1] :].strip()
    negated = SAYS_NOT.search(en) is not None
    starts = [
        k
        for k in range(floor, len(words))
        if k == len(words) - 1 or (_may_start(words, k, en) and (negated or words[k][0] not in _SPOKEN_NEGATIONS))
    ]
    lone = _lone_untranslated(head, en) and not _joins_nothing(words, first)
    if len(starts) > 1 and (_bound_character(head) or _completes_word(words) or lone):
        starts = starts[:-1]  # `剖析|器（parser）`, `多序列比|对（MSA）`: the character belongs to the word before it
    english = _english_pieces(words, en)
    candidates = _with_saturation(tuple(_candidate(run, words, k, rule_start, first, en, english) for k in starts))
    return _with_lead_gap(candidates, words, en, english)


def _joins_nothing(words: list[tuple[str, int]], first: int) -> bool:
    """The last word follows the last stop word, which takes in no character after it: a word of two or more
    (`比如|灶`, `若干|簇`) or a function word (`由|秩`, `更|响`); a one-character verb may (`出|子`, `加|针`)."""
    before = words[-2][0] if len(words) > 1 else ""
    return first == len(words) - 1 and (len(before) > 1 or word_tag(before)[:1] in ("p", "d", "u", "c", "r"))


def _lone_untranslated(head: str, en: str) -> bool:
    """A last word of one character that the dictionary does not find in the English is no term alone: jieba cut
    a word it lacks (位|姿 for `pose`, 开|片 for `crazing`); one it finds may be (桶 `bucket`, 熵 `entropy`)."""
    return len(head) == 1 and HAN_RE.match(head) is not None and not translated_in(head, en)


def _counter_apart(words: list[tuple[str, int]], en: str) -> list[tuple[str, int]]:
    """The words with a last one that is a numeral and its measure word cut in two where the English says no
    number: jieba joins them (一帧, 四節), and the measure word is the term the numeral counts (`一帧（frame）`); so
    is a magnitude joined to the word it counts (万光年)."""
    token, at = words[-1]
    if len(token) > 2 and token[0] in _MAGNITUDES and not _numbered(en) and _magnitude_apart(token):
        return [*words[:-1], (token[0], at), (token[1:], at + 1)]  # `250 万光年（light-years）`: 万 counts the years
    if len(token) < 2 or token[-1] not in COUNTERS or not _numeral(token[:-1]) or _numbered(en):
        return words
    return [*words[:-1], (token[:-1], at), (token[-1], at + len(token) - 1)]


def _magnitude_apart(token: str) -> bool:
    """jieba joined a number's magnitude to the word after it: the rest is a dictionary word, the whole is none (万光年;
    not 万维网 or 亿万富翁)."""
    from .dictionary import is_headword

    return not is_headword(simplified(token)) and is_headword(simplified(token[1:]))


def _numeral(token: str) -> bool:
    """``token`` is Chinese numerals only (四, 十二, 两)."""
    return bool(token) and not token.strip(_NUMERALS)


def _numbered(en: str) -> bool:
    """The English counts something (`three-body problem`, `day-7 retention`, `second-order`): a numeral may belong
    to the term."""
    return bool(_numbers_in(en)) or "-order" in en or _COUNTING_WORD.search(en) is not None


_COUNTING_WORD = re.compile(r"\b(?:half|pairs?)\b", re.IGNORECASE)  # 半圈 for `half turn`, 一对 for `a pair of`


@lru_cache(maxsize=4096)
def _numbers_in(en: str) -> frozenset[int]:
    """The numbers ``en`` says, in digits or in words, and the number that opens an acronym (3 of `3BLD`, 5 of `5G`)."""
    said = {NUMBER_WORDS[w.casefold()] if w else int(d) for w, d in _EN_NUMBER.findall(en)}
    return frozenset(said | {int(d) for d in _ACRONYM_NUMBER.findall(en)})


_ACRONYM_NUMBER = re.compile(r"\b(\d+)[A-Z]{1,5}\b")  # `3BLD`, `5G`, `2FA`, `4K`: the number is the term's


# A number standing alone in English (`Xid 79`, `ALT 112 U/L`), or a count before a hyphen and a word (`12-bar blues`,
# `1-inch sensor`); not part of a word (`F1`, `3D`, `pass@1`), a range (`2-3`), a name (`GPT-4`, `1099-INT`) or a unit
_STANDALONE_NUMBER = re.compile(r"(?<![\w.@/+-])\d+(?![\w.@/+%]|-(?![a-z]))")


def says_its_numbers(en: str, zh: str) -> bool:
    """The Chinese says every number the English states alone: a translation keeps its numbers (`四级接续步`,
    `level 4 step sequence`), where a value or a model beside its description does not (`转氨酶升高（ALT 112 U/L）`,
    `GPU 掉卡（Xid 79）`)."""
    stated = {int(n) for n in _STANDALONE_NUMBER.findall(en)}
    return not stated or stated <= numbers_said(zh)


def _says_number(token: str, en: str) -> bool:
    """``token`` is a number the English says too: 十二 in `twelve-factor app`, 7 in `day-7 retention`."""
    value = chinese_number(token)
    return value is not None and value in _numbers_in(en)


def _may_start(words: list[tuple[str, int]], k: int, en: str) -> bool:
    """A term may start at word ``k``: not at a conjunction, nor at a suffix that makes the Chinese word before it
    a noun (`形成|性|评价`: 性评价 is no term), unless that word is a stop character or the English's first word says
    the suffix (`讲|层|归一化`, `layer normalization`: 层 is the layer)."""
    token = words[k][0]
    if token in _CONJUNCTIONS:
        return _word_with_next(words, k, en)
    if k == 0 or len(token) > 1 or token not in BOUND_SUFFIXES:
        return True
    if re.split(r"[-/]", en.split()[0].casefold())[0] in translations(simplified(token)):
        return True
    before = words[k - 1][0]
    return not HAN_RE.match(before[-1]) or before in STOP_CHARS  # `的|栈帧`: 的 takes no suffix


_COVERAGE, _FIRST_TRANSLATED = FEATURES.index("coverage"), FEATURES.index("first_translated")


def _call_apart(words: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Words with 叫 (`called`) cut off a word of two characters jieba made of it and the next character, before more
    Chinese: `叫门|柱石` is 叫 门柱石, "called gate stoops", not 叫门 ("knock at the door")."""
    result = []
    for k, (token, offset) in enumerate(words):
        before_more = k + 1 < len(words) and HAN_RE.match(words[k + 1][0]) is not None
        if before_more and len(token) == 2 and token[0] == "叫" and token not in STOP_WORDS:
            result += [(token[0], offset), (token[1], offset + 1)]
        else:
            result.append((token, offset))
    return result


def _quantity_apart(words: list[tuple[str, int]], en: str) -> list[tuple[str, int]]:
    """Words with a leading numeral or demonstrative and its measure word cut from the word jieba glued them to
    (一个角|块 is 一个|角|块), or the measure word alone from a word jieba does not know after a numeral or
    demonstrative of its own (这|张热|力图 is 这|张|热|力图), or from a rare one the English does not say (四|条凳|腿
    for `legs`: 条凳 is a bench; not 这|部分): the count is never the term's, and the dictionary has no such word.
    Not 半 (`half-`, 半波整流), and not a measure word said twice (一块块, `one after another`), a quantity whole."""
    from .dictionary import is_headword

    result: list[tuple[str, int]] = []
    for k, (token, offset) in enumerate(words):
        before = words[k - 1][0] if k else ""
        after_count = bool(before) and (before.isdigit() or before[-1] in _COUNTING)
        known = jieba_words().frequency(token)
        unsaid = after_count and known < RARE_FREQ and HAN_RE.match(token) is not None and not translated_in(token, en)
        counted = after_count and (not known or unsaid)
        at = 1 if counted else 2
        count, rest = token[:at], token[at:]
        if (
            rest
            and (counted or count[0] in _COUNTING)
            and _is_counter(count[-1])
            and not rest.startswith(count[-1])
            and (unsaid or not is_headword(token))
        ):
            if counted and len(before) == 1 and before in _COUNTING and result[-1][0] == before:
                result[-1] = (before + count, result[-1][1])  # 一|家犬|舍 is 一家|犬舍: a quantity, as jieba's 一家 is
            else:
                result.append((count, offset))
            result.append((rest, offset + at))
        else:
            result.append((token, offset))
    return result


_COUNTING = frozenset(_NUMERALS.replace("半", "")) | _DEMONSTRATIVES  # what counts with a measure word after it


def _split_glued(words: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Words with those cut where jieba glued the first characters of a word to the word before it, its own
    dictionary lacking the longer word (塞气|凝胶 for 塞|气凝胶, 有假|阳性 for 有|假阳性): where the end of a word and
    the word or words after it make a word of the dictionary, and neither the first word nor both together are one
    (十二平均|律 stays: 十二平均律)."""
    from .dictionary import is_headword

    result = []
    for k, (token, offset) in enumerate(words):
        following = words[k + 1][0] if k + 1 < len(words) else ""
        cut = 0
        if HAN_RE.match(following) and not (is_headword(token) or is_headword(token + following)):
            # the word the end starts may take in up to _GLUED_REACH words after it: 狗拉全|地形|车 is 狗拉|全地形车
            joined = ("".join(t for t, _ in words[k + 1 : k + 1 + n]) for n in range(1, _GLUED_REACH + 1))
            afters = [after for after in joined if HAN_RE.fullmatch(after[-1])]
            cuts = ((j, token[j:] + after) for j in range(1, len(token)) for after in afters)
            cut = next((j for j, word in cuts if len(word) >= 3 and is_headword(word)), 0)
        result += [(token[:cut], offset), (token[cut:], offset + cut)] if cut else [(token, offset)]
    return result


_GLUED_REACH = 3  # words after a glued word that the dictionary's word it starts may take in


def _prefix_apart(words: list[tuple[str, int]], en: str) -> list[tuple[str, int]]:
    """Words with a last character cut off where it is the prefix the English writes on the word the next one
    translates, and jieba glued it to the word before (从未|压缩 for `uncompressed`: 从|未|压缩, so that 未压缩 may
    be the term); not where the whole word is that prefix (预先|加载, `preloading`)."""
    from .dictionary import prefixes_next

    result = []
    for k, (token, offset) in enumerate(words):
        following = words[k + 1][0] if k + 1 < len(words) else ""
        if (
            len(token) > 1
            and HAN_RE.match(token[-1])
            and HAN_RE.match(following)
            and prefixes_next(token[-1], following, en)
            and not prefixes_next(token, following, en)
        ):
            result += [(token[:-1], offset), (token[-1], offset + len(token) - 1)]
        else:
            result.append((token, offset))
    return result


def _with_saturation(candidates: tuple[EdgeCandidate, ...]) -> tuple[EdgeCandidate, ...]:
    """Each candidate with whether it starts before the shortest one in which the dictionary finds every word of the
    English (`经 逆转录` beside `逆转录` for `reverse transcription`: 经 adds nothing the English says), unless the
    dictionary finds its first word in the English (多 of `multicycle path`, 再 of `refeeding`). Where the
    dictionary misses a word (`随机` for `stochastic`), no candidate is beyond: the word may be the missing one."""
    best = max((c.features[_COVERAGE] for c in candidates), default=0.0)
    covered = [c.start for c in candidates if best >= 1 - 1e-9 and c.features[_COVERAGE] >= best - 1e-9]
    shortest = max(covered, default=-1)
    return tuple(
        dataclasses.replace(
            c, features=(*c.features, 1.0 if 0 <= c.start < shortest and not c.features[_FIRST_TRANSLATED] else 0.0)
        )
        for c in candidates
    )


def _with_lead_gap(
    candidates: tuple[EdgeCandidate, ...], words: list[tuple[str, int]], en: str, english: tuple[str, ...]
) -> tuple[EdgeCandidate, ...]:
    """Each candidate with its Chinese words before the first one the dictionary finds in the English (or a prefix of
    the word after it), beyond the English words before the first one it finds there: both languages put modifiers
    first, so a word the English has no room for is not the term's (筛查 of 筛查潜伏结核感染 for `latent tuberculosis
    infection`). A last English word in -ing it does not find makes room for one more: Chinese says that verb first
    (切流量, `traffic shifting`). ``english``: the English's pieces (``_english_pieces``)."""
    from .dictionary import covered_words

    at = {offset: k for k, (_, offset) in enumerate(words)}
    found: dict[int, set[str]] = {}
    for k, (token, _) in enumerate(words):
        if HAN_RE.match(token):
            found[k] = covered_words([token], english)
        elif letters := _letters_written([token], english):  # the k of k均值, for `k-means`
            found[k] = letters
    for k in found:
        if not found[k] and _prefixes_next(words, k, en):  # 再 of 再喂养: the `re-` of the word 喂养 translates
            found[k] = covered_words([words[k + 1][0]], english)
    result = []
    for candidate in candidates:
        said = [found[j] for j in range(at[candidate.start], len(words)) if j in found]
        first_zh = next((i for i, words_found in enumerate(said) if words_found), None)
        excess = 0.0
        if first_zh is not None:
            translated = set().union(*said)
            room = next(i for i, w in enumerate(english) if w in translated)
            room += len(english) > 1 and english[-1] not in translated and english[-1].endswith("ing")
            excess = float(max(first_zh - room, 0))
        in_translation = 0.0  # filled in by ``_with_context``
        odds = (0.0, 0.0)  # first_word_odds and crossed_odds: by ``_with_first_words``, from the weights in use
        result.append(dataclasses.replace(candidate, features=(*candidate.features, excess, in_translation, *odds)))
    return tuple(result)


def _completes_word(words: list[tuple[str, int]]) -> bool:
    """The last word is one character that makes a word of the dictionary with the word before it, which jieba's
    own dictionary lacks (执行|绪, Taiwan's `thread`): no term starts inside a word."""
    from .dictionary import is_headword

    last = words[-1][0]
    return len(words) > 1 and len(last) == 1 and HAN_RE.match(last) is not None and is_headword(words[-2][0] + last)


def _bound_character(token: str) -> bool:
    """A character that is never a term alone: a stop character (对, 下) or one that makes the word before it a
    noun (器, 性, 度)."""
    return len(token) == 1 and (token in STOP_CHARS or token in BOUND_SUFFIXES)


_REPEATS, _REPEAT_RATIO = FEATURES.index("repeats"), FEATURES.index("repeat_ratio")
_IN_TRANSLATION = FEATURES.index("in_translation")


def _with_context(candidates: list[EdgeCandidate], en: str, translation: str) -> list[EdgeCandidate]:
    """The candidates with ``in_translation``: a word one holds before its last translates a word next to the English
    term in ``translation``. A translation says the words around the term too: `on a big reservoir` beside
    大热库（heat reservoir）, `examines the bill of lading` beside 审提单: 大 and 审 are the term's neighbours.
    An acronym is left alone (a translation may spell it out beside it), and so is a term the translation lacks."""
    around = "" if acronym_like(en) else _neighbours(translation, en)
    if len(candidates) < 2 or not around:
        return candidates
    said: dict[str, bool] = {}  # each candidate's text → whether a word it holds before its last is a neighbour's
    shorter = ""
    for candidate in sorted(candidates, key=lambda candidate: len(candidate.text)):
        word = simplified(candidate.text[: len(candidate.text) - len(shorter)].strip())
        said[candidate.text] = bool(shorter) and (said[shorter] or _says_around(word, en, around))
        shorter = candidate.text
    result = []
    for candidate in candidates:
        features = list(candidate.features)
        features[_IN_TRANSLATION] = 1.0 if said[candidate.text] else 0.0
        result.append(dataclasses.replace(candidate, features=tuple(features)))
    return result


_NEIGHBOURS_BEFORE, _NEIGHBOURS_AFTER = 4, 3  # English words: `examines the bill of lading`, `Lloyd's of London`


def _neighbours(translation: str, en: str) -> str:
    """The words next to the English term wherever ``translation`` says it (its last word in any inflection)."""
    words = re.finditer(r"[\w'’-]+", translation)
    spans = [(m.start(), m.end()) for m in words]
    found = []
    for m in re.finditer(rf"(?i)(?<!\w){re.escape(en)}\w*", translation):
        first = next((k for k, (_, end) in enumerate(spans) if end > m.start()), len(spans))
        after = next((k for k, (start, _) in enumerate(spans) if start >= m.end()), len(spans))
        for k in [*range(max(first - _NEIGHBOURS_BEFORE, 0), first), *range(after, after + _NEIGHBOURS_AFTER)]:
            if k < len(spans):
                found.append(translation[slice(*spans[k])])
    return " ".join(found)


@lru_cache(maxsize=4096)
def _says_around(word: str, en: str, around: str) -> bool:
    """The dictionary finds ``word`` among the words ``around`` the term (a whole word or its stem, no part of a
    compound) and not in the term ``en`` (as it is or inflected); a word it does not know, by its characters
    (降旧 of 降旧球帆: 旧 is `old`)."""
    from .dictionary import says_exactly, translations

    pieces = [word] if translations(word) or len(word) == 1 else list(word)
    return any(
        translated_in(piece, around, inside_words=False) and not says_exactly(piece, en)
        for piece in pieces
        if HAN_RE.match(piece)
    )


_REPETITION = {_REPEATS: 1.0, _REPEAT_RATIO: 1.0}  # repetition's features, each in [0, 1]


_FIRST_WORD_ODDS, _CROSSED_ODDS = FEATURES.index("first_word_odds"), FEATURES.index("crossed_odds")
_FIRST_TRANSLATED, _ACRONYM_INITIALS = FEATURES.index("first_translated"), FEATURES.index("acronym_initials")


def _with_first_words(candidates: list[EdgeCandidate], en: str) -> list[EdgeCandidate]:
    """The candidates with ``first_word_odds``, how the gold's terms treat each one's first word (``first_word``) as
    the fitted weights keep it, and ``crossed_odds``, the worst of those it takes in after its first (``taken_in``).
    None for a word the English says (研究 of `R&D`, 研究与开发): it is the term's, whatever its habits elsewhere."""
    words = current_weights().words
    if not words:
        return candidates
    own = [first_word_odds(candidate, words, en) for candidate in candidates]
    result = []
    for candidate, odds, inside in zip(candidates, own, taken_in(candidates), strict=True):
        crossed = min((own[k] for k in inside), default=0.0)
        if odds or crossed < 0:
            features = list(candidate.features)
            features[_FIRST_WORD_ODDS], features[_CROSSED_ODDS] = odds, min(crossed, 0.0)
            candidate = dataclasses.replace(candidate, features=tuple(features))
        result.append(candidate)
    return result


def first_word_odds(candidate: EdgeCandidate, words: Mapping[str, float], en: str) -> float:
    """``words``' odds for the candidate's first word, or none where the English says it (``says_first_word``)."""
    return 0.0 if says_first_word(candidate, en) else words.get(simplified(first_word(candidate)), 0.0)


def says_first_word(candidate: EdgeCandidate, en: str) -> bool:
    """The English says the candidate's first word: it translates it, spells it with an acronym's initial, joins it
    to the rest by a conjunction it says too (研究与开发 for `R&D`), or it is a preposition the English says (在 of
    人在回路, `human-in-the-loop`) or stands before one: the word is the term's, whatever its habits."""
    if candidate.features[_FIRST_TRANSLATED] or candidate.features[_ACRONYM_INITIALS]:
        return True
    rest = "".join((candidate.shorter or "").split())
    conjoined = _conjoined(en)
    said = _PREPOSITIONS_SAID.get(first_word(candidate)) in conjoined
    return said or any(rest.startswith(word) and joined in conjoined for word, joined in _JOINING.items())


def taken_in(candidates: Sequence[EdgeCandidate]) -> tuple[tuple[int, ...], ...]:
    """For each candidate, the shorter candidates whose first word it holds after its own (the word alone at the end
    is in every candidate and never counts)."""
    return tuple(
        tuple(k for k, other in enumerate(candidates) if other.shorter is not None and len(other.text) < len(c.text))
        for c in candidates
    )


def first_word(candidate: EdgeCandidate) -> str:
    """The candidate's first word: its text before the candidate one word shorter."""
    text = "".join(candidate.text.split())
    return text[: len(text) - len("".join(candidate.shorter.split()))] if candidate.shorter else text


def _settled(candidates: list[EdgeCandidate]) -> bool:
    """The best candidate leads by more than repetition could make up (counting it costs a search of the
    whole document for every candidate)."""
    if len(candidates) < 2:
        return True
    weights = current_weights()
    scores = sorted((score(c, weights) for c in candidates), reverse=True)
    return scores[0] - scores[1] > 2 * max(weights.swing(c.features, _REPETITION) for c in candidates)


def _counted(candidate: EdgeCandidate, repeats: Callable[[str], int]) -> EdgeCandidate:
    """The candidate with its repetition in this document: how often it stands there, and how often where
    the candidate one word shorter stands."""
    count = repeats("".join(candidate.text.split()))
    shorter = repeats("".join(candidate.shorter.split())) if candidate.shorter else count
    features = list(candidate.features)
    features[_REPEATS] = 1.0 if count >= 2 else 0.0
    features[_REPEAT_RATIO] = count / shorter if candidate.shorter and shorter >= 2 else 0.0
    return dataclasses.replace(candidate, features=tuple(features))


def _rule_start(words: list[tuple[str, int]], first: int, en: str) -> int:
    """The rule-based start: from the last word, words are added leftwards while the term is still
    shorter than the English suggests (two characters per English word), never across a stop word,
    and English words only where ``en`` has them (控制模型容量（capacity） → 容量,
    送入多层感知机（multilayer perceptron） → 多层感知机)."""
    ideal = MAX_CHARS_PER_WORD * chinese_words_for(en)
    start = len(words) - 1
    for k in range(len(words) - 2, first - 1, -1):
        token = words[k][0]
        if is_latin(token) and not _latin_in(token, en):
            break
        if token in MODIFIERS and not _has_modifier(en, MODIFIERS[token]):
            break
        if han_units(words[start:]) >= ideal and not _evidence_for(words, k, start, en):
            break
        units = han_units(words[start:])
        if (
            units >= max(3, ideal - 2)
            and is_leading_verb(token)
            and word_tag(token) != "vn"
            and not (translated_in(token, en) or translated_in(token + words[k + 1][0], en))
        ):
            break  # a verb the English lacks, one word from a complete term: 依靠 行政令, 推行 轮作休耕
        if (
            word_tag(token)[:1] in ("v", "a")
            and word_tag(token) != "vn"
            and _translates_all(words[start:], en)
            and not (_says_number(token, en) or _prefixes_next(words, k, en) or translated_in(token, en))
        ):
            break  # a verb or adjective the English lacks before a complete term: 扣 折旧, 预防 犬瘟热, 小 分类器
        start = k
    return start


def _has_modifier(en: str, translations: tuple[str, ...]) -> bool:
    """The English has the modifier: as a word, or as the letter it stands for in an acronym (大型 in
    大型语言模型 for `LLM`)."""
    if _ACRONYM_ONLY.fullmatch(en.strip()):
        return any(w[0].upper() == en.strip()[0] for w in translations)
    return any(w in en.casefold() for w in translations)


def _letter_of_word(words: list[tuple[str, int]], k: int) -> bool:
    """Word ``k`` is a capital letter Chinese writes inside its own words (X光, B 超, P 帧), which the English need
    not say (`dental radiographs`, `ultrasound`, `predicted frame`): glued to Chinese after it, or alone before a
    Chinese word, after another or first in the run (not English's `A` or `I` there: `A 大厂 (big tech company)`)."""
    token = words[k][0]
    if _LETTER_WORD.fullmatch(token):
        return True
    if _CAPITAL.fullmatch(token) is None or k + 1 >= len(words) or not HAN_RE.match(words[k + 1][0]):
        return False
    return bool(HAN_RE.match(words[k - 1][0])) if k > 0 else token not in "AI"


_CAPITAL = re.compile(r"[A-Z]")
_LETTER_WORD = re.compile(f"[A-Z][{HAN}]+")  # X光, B超, T恤: jieba's word of a letter and Chinese


def _hard_floor(words: list[tuple[str, int]], en: str, reach: int = MAX_CANDIDATE_WORDS) -> int:
    """The first word a term may start at: after English the gloss lacks, after a quantity the English does not
    count (`一层隔热层（insulation layer）`, `整局胜率（win rate）`), after a negation, a conjunction or a clause's
    adverb the English does not say, and at most ``reach`` words back."""
    floor = max(0, len(words) - reach)
    numbered = _numbered(en)
    for k in range(len(words) - 2, floor - 1, -1):
        token = words[k][0]
        if is_latin(token) and not (_latin_in(token, en) or _says_number(token, en) or _letter_of_word(words, k)):
            return k + 1  # `把 SPF 调到 30 防晒（sun protection）`; not the 5 of `5 号线（five-weight）`, nor X光
        if not numbered and len(words[k][0]) > 1 and _QUANTITY.match(words[k][0]):
            # a numeral with its measure word; a bare 一 or 半 may say `a` or `semi-`. A measure word jieba cut off
            # the numeral counts with it (六十七 份 铜: `copper`, not 份铜), unless it is the term the numeral counts.
            apart = _numeral(words[k][0]) and k + 1 < len(words) - 1 and _is_counter(words[k + 1][0])
            return k + 1 + apart
        if not numbered and _time_span(words, k):
            return k + 1 + (words[k + 1][0] in _TIME_AFTER and k + 1 < len(words) - 1)  # 十年前光伏: when, not what
        if not numbered and k == len(words) - 2 and words[-1][0] in COUNTERS and _numeral(words[k][0]):
            return k + 1  # the numeral ``_counter_apart`` cut off the measure word that is the term
        if k > 0 and _is_counter(words[k][0]) and words[k - 1][0] in _DEMONSTRATIVES:
            return k + 1  # `这幅立轴（hanging scroll）`: a demonstrative and its measure word
        if len(words[k][0]) == 2 and words[k][0][0] in _DEMONSTRATIVES and _is_counter(words[k][0][1]):
            return k + 1  # `每个纠错周期（error correction cycle）`: the two as one word
        if words[k][0] in NAMING_VERBS:
            return k + 1  # `…谓之平远（level distance）`: the verb that names the term is never part of it
        if token in _NOT_DONE and not _NEGATED_EN.search(en):
            return k + 1  # `五分鐘內沒確認（acknowledge）`: the sentence's negation, which the English does not say
        if _joins_two(words, k, en):
            return k + 1  # `自动陀和日历功能（date complication）`: 和 joins two things, the English names one
        if not numbered and len(token) > 2 and HAN_RE.match(token) and _some(token[1:]):
            return k + 1  # `加一点|料酒`, `第一台|公路车`: a word jieba made of a quantity and the character before it
        if token in _CLAUSE_ADVERBS:
            return k + 1  # `涨得好就|重仓`: an adverb or a modal of the clause, inside no term of the gold's
        if len(words[k][0]) <= 2 and words[k][0].endswith("了"):
            # `学了|跳步（jump）`, `为了`: a done action's particle ends what comes before the term (not 狼来了效应's)
            return k + 1
        if _copula(words[k][0]) and not _COPULA_EN.search(en):
            return k + 1  # `每个中间态都是平衡态（equilibrium state）`: no `is` (即 `as`) its English lacks
        if _placing(words[k][0]) and not _PLACE_EN.search(en):
            return k + 1  # `把钢坯放在冷床（cooling bed）上`: where a thing is put, not the putting
        if is_latin(words[k][0]) and _opens(words[k][0], en):
            return k  # `EUV 光刻（extreme ultraviolet lithography）`: nothing before it is in the English
    return floor


def _opens(token: str, en: str) -> bool:
    """``token`` is the English's first word, or an acronym of its first words (`EUV` of `extreme ultraviolet …`)."""
    words = _en_parts(en)
    if not words:
        return False
    if token.casefold() in (words[0], en.split()[0].casefold()):
        return True  # `EUV`, `I-cord` of `I-cord bind-off`
    letters = _initials(token)
    return letters is not None and _starts_words(letters, words, anchored=True)


def _candidate(
    run: str,
    words: list[tuple[str, int]],
    k: int,
    rule_start: int,
    first: int,
    en: str,
    english: tuple[str, ...],
) -> EdgeCandidate:
    """The term from word ``k`` to the bracket, with its evidence (``edges.FEATURES``, in order); repetition
    in the document is filled in by ``_counted``; ``english``: the English's pieces (``_english_pieces``)."""
    token = words[k][0]
    ideal = MAX_CHARS_PER_WORD * chinese_words_for(en)
    most = MAX_CHARS_PER_WORD * chinese_words_for(en, generous=True)
    units = han_units(words[k:])
    last = k == len(words) - 1
    han = HAN_RE.match(token) is not None
    prefix = not last and han and _prefixes_next(words, k, en)
    translated = not last and (_says_number(token, en) or prefix or (han and translated_in(token, en)))
    features = (
        1.0 if k == rule_start else 0.0,
        max(units - most, 0) / most,
        max(ideal - units, 0) / ideal,
        1.0 if k < first else 0.0,
        1.0 if not last and is_leading_verb(token) else 0.0,
        1.0 if not last and is_function_word(token) and not (prefix or (translated and token in AS_AFFIX)) else 0.0,
        1.0 if translated else 0.0,
        1.0 if not last and not translated and han_units(words[k + 1 :]) >= ideal else 0.0,
        _coverage(words[k:], en, english),
        0.0,  # repeats
        0.0,  # repeat_ratio
        1.0 if not last and _is_known_word("".join(t for t, _ in words[k:])) else 0.0,
        1.0 if len(token) == 1 and HAN_RE.match(token) else 0.0,
        1.0 if _spells_acronym(words[k:], en) else 0.0,
        1.0 if k == first else 0.0,
        0.0 if last else math.log10(jieba_words().frequency(token) + 1) / 5,
        1.0 if not last and HAN_RE.match(token) and jieba_words().frequency(token) < RARE_FREQ else 0.0,
        float(rule_start - k),
        1.0 if not last and is_nominal(token) else 0.0,
        1.0 if not last and word_tag(token)[:1] in ("d", "m", "q", "r", "u", "p", "c") else 0.0,
        1.0 if any(_verb_and_complement(words, j, en) for j in range(k, len(words) - 1)) else 0.0,
        1.0 if k < rule_start and all(_noun_like(t) for t, _ in words[k:rule_start]) else 0.0,
        1.0 if any(_verb_like(t) for t, _ in words[k:rule_start]) else 0.0,
        1.0 if k > rule_start and all(_noun_like(t) for t, _ in words[rule_start:k]) else 0.0,
        0.0,  # more_common, filled in by ``_with_frequency``
        0.0,  # less_common
    )
    shorter = None if last else run[words[k + 1][1] :].strip()
    return EdgeCandidate(words[k][1], run[words[k][1] :].strip(), features, shorter)


_COMPLEMENTS = frozenset("成好到完进了着过")  # what a verb did or has done: 剪成, 定好, 抄到, 做完, 封进, 用过
_TO = re.compile(r"\bto\b", re.IGNORECASE)


def _verb_and_complement(words: list[tuple[str, int]], k: int, en: str) -> bool:
    """Word ``k`` is a verb of one character with its result or aspect, or that complement after a verb: what was
    done to the term, not part of it (剪成|切片 for `short clips`, 搭成|组合梯, 定|好|触发值, 做|完|锋电位分选), unless
    the English translates the pair (生成 of `generative model`)."""
    token = words[k][0]
    if token[-1:] == "到" and _TO.search(en):
        return False  # the English's `to` (端到端 of `end-to-end`, 仿真到真机 of `sim-to-real`)
    if len(token) == 2 and token[1] in _COMPLEMENTS and _acts(token[0]):
        return not translated_in(token, en)
    return len(token) == 1 and token in _COMPLEMENTS and k > 0 and _acts(words[k - 1][0])


def _acts(token: str) -> bool:
    """``_verb_like``, and for one character the dictionary's verbs too (jieba tags 换 and 穿 otherwise): the wider
    test is kept to the verb before a complement, where adds_verb's weights were not fitted with it."""
    return _verb_like(token) or is_verb(token)


_MORE_COMMON, _LESS_COMMON = FEATURES.index("more_common"), FEATURES.index("less_common")


def _with_frequency(candidates: list[EdgeCandidate], en: str, repeated: bool) -> list[EdgeCandidate]:
    """The candidates with their frequency against the English (``_frequency_gap``), looked up for those that may
    still win: where the others' evidence leaves one further behind the best than frequency and repetition
    (``repeated``) together could make up, its lookup is skipped (it cannot win; a recording needs them all).
    Repetition's features lie in [0, 1]; frequency's in [0, 1 - the English's share] and [0, its share], one of the two
    zero: ``Weights.swing`` says how far they can move a score, up or down."""
    weights = current_weights()
    english = _zipf(en, "en") / _ZIPF_MOST
    repetition = _REPETITION if repeated else {}
    # a candidate is more common than the English or less, never both: the larger of the two swings
    either = ({_MORE_COMMON: 1 - english} | repetition, {_LESS_COMMON: english} | repetition)
    scores = [score(c, weights) for c in candidates]
    cut = -math.inf
    if not is_recording() and len(candidates) >= 2:
        cut = max(scores) - max(weights.swing(c.features, *either) for c in candidates)
    result = []
    for candidate, value in zip(candidates, scores, strict=True):
        if value >= cut:
            features = list(candidate.features)
            features[_MORE_COMMON], features[_LESS_COMMON] = _frequency_gap(candidate.text, en)
            candidate = dataclasses.replace(candidate, features=tuple(features))
        result.append(candidate)
    return result


_ZIPF_MOST = 8.0  # wordfreq's Zipf scale ends below this (`的` is 7.8)


def _frequency_gap(chinese: str, en: str) -> tuple[float, float]:
    """How much more and how much less common (wordfreq's Zipf, / 8) the candidate is than its English: a term and its
    translation are about as common, so an everyday word alone (设备, 机制, 模型) rarely translates a rare English word
    (`wearables`, `backoff`) that the words before it narrow down."""
    gap = _zipf("".join(chinese.split()), "zh") - _zipf(en, "en")
    return max(gap, 0.0) / _ZIPF_MOST, max(-gap, 0.0) / _ZIPF_MOST


@lru_cache(maxsize=2048)
def _zipf(text: str, lang: str) -> float:
    from ..lexicon import served_wordfreq

    return min(float(served_wordfreq().zipf_frequency(text, lang)), _ZIPF_MOST)


def _noun_like(token: str) -> bool:
    """A noun to jieba (or unknown to it), unless the dictionary gives it only verb senses: jieba tags 谈论
    a nominal verb, but every sense CC-CEDICT gives is `to talk about`."""
    return is_nominal(token, True) and not is_leading_verb(token)


def _verb_like(token: str) -> bool:
    """A verb to jieba (not a nominal one), or to the dictionary."""
    return tagged_verb(token) or is_leading_verb(token)


def _coverage(words: list[tuple[str, int]], en: str, english: tuple[str, ...]) -> float:
    """The share of the English's content words (``english``, its pieces) that some Chinese word of the candidate
    translates."""
    kept = (t for t, _ in words if HAN_RE.match(t) or t.isdigit() or (len(t) <= 2 and t.isascii() and t.isalpha()))
    return _coverage_of(tuple(kept), en, english)


def _english_pieces(words: list[tuple[str, int]], en: str) -> tuple[str, ...]:
    """The English's content words, in order, a compound cut where a word of the run translates only its end
    (``dictionary.compound_pieces``); a letter before a hyphen, which stands for a word (the `i` of `i-frames`,
    无敌帧) that no dictionary finds, unless the Chinese writes the letter itself (`k-means`, k均值); and an acronym of
    two capitals beside other words, which stands for two (`TP degree`: 张量 并行 度, ``_spelled_within``)."""
    from .dictionary import compound_pieces, is_prefix

    han = tuple(t for t, _ in words if HAN_RE.match(t))
    pieces: list[str] = []
    several = len(_WORD_OR_LETTER.findall(en)) > 1
    for match in _WORD_OR_LETTER.finditer(en):
        word = match.group().casefold()
        if len(word) >= 3:
            pieces += compound_pieces((word,), han)
        elif en[match.end() : match.end() + 1] == "-" and word not in _SHORT_FUNCTION_WORDS and not is_prefix(word):
            pieces.append(word)
        elif several and _TWO_CAPITALS.fullmatch(match.group()):
            pieces.append(match.group())
    return tuple(pieces)


def _said_by(word: str) -> list[str]:
    """The translations of ``word``, and of its first two characters where it is longer (并行度: 并行, `parallel`)."""
    from .dictionary import translations

    return [*translations(word), *(translations(word[:2]) if len(word) > 2 else ())]


_TWO_CAPITALS = re.compile(r"[A-Z]{2}")  # an acronym no dictionary finds (three letters or more may be its word: GPU)


def _spelled_within(chinese: list[str], english: tuple[str, ...]) -> set[str]:
    """The acronyms of ``english`` (``_english_pieces``) that words of ``chinese`` in a row spell, each letter the
    start of one word's translation (`TP`: 张量 并行, `tensor parallelism`)."""
    spelled = set()
    for acronym in (piece for piece in english if piece.isupper()):
        for i in range(len(chinese) - len(acronym) + 1):
            row = zip(chinese[i : i + len(acronym)], acronym, strict=True)
            if all(any(w.startswith(letter.casefold()) for w in _said_by(t)) for t, letter in row):
                spelled.add(acronym)
                break
    return spelled


_WORD_OR_LETTER = re.compile(r"[A-Za-z]+")


def _letters_written(chinese: tuple[str, ...] | list[str], english: tuple[str, ...]) -> set[str]:
    """The letter pieces of ``english`` that the Chinese writes as a word of its own (k of k均值, TP of TP 度)."""
    written = {token.casefold() for token in chinese if len(token) <= 2}
    return {piece for piece in english if len(piece) <= 2 and piece.casefold() in written}


@lru_cache(maxsize=16_384)
def _coverage_of(chinese: tuple[str, ...], en: str, english: tuple[str, ...]) -> float:
    """A number the English writes in digits is one of its words too, covered where the Chinese says it (`1-inch
    sensor`: 一吋感光元件)."""
    from .dictionary import covered_words

    digits = {int(d) for _, d in _EN_NUMBER.findall(en) if d}
    said = {chinese_number(token) for token in chinese} & digits
    han = [t for t in chinese if HAN_RE.match(t)]
    found = covered_words(han + _joined_headwords(han), english) | _letters_written(chinese, english)
    covered = len(found | _spelled_within(han, english)) + len(said)
    return covered / (len(english) + len(digits)) if english or digits else 0.0


def _joined_headwords(chinese: list[str]) -> list[str]:
    """The dictionary's words made of two or more of jieba's words in a row (三 和弦: 三和弦, `triad`)."""
    from .dictionary import is_headword

    spans = ((i, j) for i in range(len(chinese)) for j in range(i + 2, len(chinese) + 1))
    return [joined for i, j in spans if is_headword(joined := "".join(chinese[i:j]))]


def _translates_all(words: list[tuple[str, int]], en: str) -> bool:
    """The dictionary finds every content word of ``en``, each whole, in the Chinese words: a part of a compound
    does not count (参数 finds `parameter`, not `hyperparameter`: 超 is missing), and a letter or two it is not
    asked about stands for a word it cannot find (the `i` of `i-frames`: 无敌 of 无敌帧)."""
    from .dictionary import covered_words

    if any(len(w) < 3 and w.casefold() not in _SHORT_FUNCTION_WORDS for w in re.findall(r"[A-Za-z]+", en)):
        return False
    english = _content_words(en)
    chinese = [t for t, _ in words if HAN_RE.match(t)]
    return bool(english) and len(covered_words(chinese, english, whole=True)) == len(english)


def _expanded_across(words: list[tuple[str, int]], k: int, en: str) -> bool:
    """The acronym ``en`` has room for the Chinese on both sides of the conjunction at ``k``, from the word before it,
    at two characters a letter (`TAWS`: 提示 和 警告系统): an expansion the dictionary cannot spell."""
    letters = en.strip().replace("-", "")
    if k == 0 or not _ACRONYM_ONLY.fullmatch(letters) or not HAN_RE.match(words[k - 1][0]):
        return False
    return han_units(words[k - 1 :]) <= MAX_CHARS_PER_WORD * len(letters.rstrip("s"))


def _spelled_across(words: list[tuple[str, int]], k: int, en: str) -> bool:
    """The acronym ``en`` is spelled by words on both sides of the conjunction at ``k`` (`EDR`: 端点 检测 与 响应)."""
    return any(_spells_acronym(words[j:], en) for j in range(max(k - 3, 0), k))


def _spells_acronym(words: list[tuple[str, int]], en: str) -> bool:
    """`LLM` and 大型 语言 模型: each letter of the acronym starts a translation of one word, in order (`D-SIBs`
    and 国内 系统性 重要 银行 too; a conjunction spells nothing: `EDR`, 端点 检测 与 响应)."""
    letters = en.strip().replace("-", "")
    if not _ACRONYM_ONLY.fullmatch(letters):
        return False
    from .dictionary import translations

    chinese = [t for t, _ in words if HAN_RE.match(t) and t not in _CONJUNCTIONS]
    if len(chinese) != len(letters.rstrip("s")):
        return False
    pairs = zip(chinese, letters, strict=False)
    return all(any(w.startswith(ch.casefold()) for w in translations(t)) for t, ch in pairs)


def _is_known_word(text: str) -> bool:
    from .dictionary import translations

    return bool(translations(text)) or bool(jieba_words().frequency(text))


def trim_english(run: Run, zh: str, english_context: bool) -> str | None:
    """The English term at the end of ``run`` that ``zh`` translates (see ``english.english_term``); a run a mark
    delimits (`You must **give way** (让行)`) is the term whole, as a Chinese one is."""
    if run.delimited and len(run.text.split()) <= MAX_DELIMITED_WORDS:
        return run.text
    return english_term(run.text, zh, english_context)


def _evidence_for(words: list[tuple[str, int]], k: int, start: int, en: str) -> bool:
    """Once the term is as long as the English suggests, only evidence takes the word before it.

    The word is English the gloss has too (`k 最近邻（k-NN）`, `水平 Pod 自动扩缩器`); the term would
    otherwise start with a bound suffix (型 数据库); the word is a single character that is no
    verb, a bound prefix (超 参数, 反 亲和性); or the dictionary says the English has it, alone or
    with the next word (聊天 机器人 for `chatbot`, 守护 进程 for `DaemonSet`). Cheap checks first:
    the dictionary loads only when it is asked.
    """
    token = words[k][0]
    if is_latin(token) or _anchored(words, k, en) or words[start][0] in BOUND_SUFFIXES:
        return True
    if not HAN_RE.match(token):
        return False
    if len(token) == 1 and not is_verb(token):
        return True
    return translated_in(token, en) or translated_in(token + words[k + 1][0], en) or _prefixes_next(words, k, en)


def _prefixes_next(words: list[tuple[str, int]], k: int, en: str) -> bool:
    """Word ``k`` is a prefix the English writes on the word the next one translates (再 喂养: `refeeding`; 预先 加载:
    `preloading`), or the 每 of a unit the English says in -ly (每 小时: `hourly`)."""
    from .dictionary import prefixes_next

    if len(words[k][0]) > 2 or k + 1 >= len(words):
        return False
    return prefixes_next(words[k][0], words[k + 1][0], en) or (words[k][0] == "每" and _every_unit(words[k + 1][0], en))


@lru_cache(maxsize=4096)
def _conjoined(en: str) -> frozenset[str]:
    """The conjunctions the English says (`&` is `and`), and `in`: one of them may stand inside the Chinese term."""
    return frozenset("and" if said == "&" else said for said in re.findall(r"\b(?:and|or|to|in)\b|&", en.casefold()))


_AND_OR = frozenset(("与", "和", "及", "以及", "或", "或者"))
_ONE_THING = re.compile(r"[A-Za-z][a-z]+(?: [A-Za-z][a-z]+)*")


def _one_thing(en: str) -> bool:
    """English words with no hyphen, slash, comma or capital run: no pair (`bias-variance`, 偏差與變異) and no
    acronym (`TDM`, 文本与数据挖掘) whose parts a conjunction may join in the Chinese."""
    return _ONE_THING.fullmatch(en.strip()) is not None


_NOT_DONE = frozenset(("没", "沒", "没有", "沒有", "别", "別"))  # negation of a verb (不 starts terms: 不可抗力)
_NEGATED_EN = re.compile(r"\b(?:not|no|non|never|without|nothing|none|un\w+|dis\w+)\b|n't|\w+less\b", re.IGNORECASE)


_CLAUSE_ADVERBS = frozenset("就 都 才 已经 正在 可以 能 要 便 却".split())


def _some(token: str) -> bool:
    """``token`` is a quantity: a number and its measure word (``_QUANTITY``), or `a little` (一点, 一点儿)."""
    return _QUANTITY.match(token) is not None or token in ("一点", "一点儿", "一點", "一點兒")


def _joins_two(words: list[tuple[str, int]], k: int, en: str) -> bool:
    """Word ``k`` is an `and` or an `or` the English, one thing, does not say, with a word of the term after it (not a
    lone character: 親|和|圖 is jieba's cut of 親和圖)."""
    after = "".join(t for t, _ in words[k + 1 :])
    if words[k][0] not in _AND_OR or not _one_thing(en) or len(after) < 2:
        return False
    return not _conjunction_said(words, k, en, _conjoined(en))


def _conjunction_said(words: list[tuple[str, int]], k: int, en: str, conjoined: frozenset[str]) -> bool:
    """The conjunction ``words[k]`` stands inside the term: the English says it, or spells or expands its two sides."""
    token = words[k][0]
    if _CONJUNCTIONS[token] in conjoined or _spelled_across(words, k, en) or _expanded_across(words, k, en):
        return True
    return _word_with_next(words, k, en)


def _word_with_next(words: list[tuple[str, int]], k: int, en: str) -> bool:
    """Word ``k`` and the next are one word of the dictionary that says the English: 和 is no `and` in 和面, `knead
    dough`, which jieba cuts as 和|面 (learner's trial 57)."""
    return k + 1 < len(words) and translated_in(words[k][0] + words[k + 1][0], en)


def _after_last_stop(words: list[tuple[str, int]], en: str) -> int:
    """The index of the first token after the last stop word (or numeral with a measure word).

    A word from ``STOP_WORDS`` is not a stop when a single character follows it: `计算量` stays
    whole, while `计算嵌入` loses its verb.
    """
    numbered = _numbered(en)
    conjoined = _conjoined(en)
    # The word right before the bracket is what the bracket glosses, whatever it is: `算子支持（operator coverage）`.
    for k in range(len(words) - 2, -1, -1):
        token = words[k][0]
        if token in _CONJUNCTIONS and _conjunction_said(words, k, en, conjoined):
            continue  # `文本与数据挖掘例外（text and data mining exception）`, `端点检测与响应（EDR）`
        if _PREPOSITIONS_SAID.get(token) in conjoined:
            continue  # `人在回路（human-in-the-loop）`
        if token in AS_AFFIX and translated_in(token, en):  # `基于风险的方法（risk-based approach）`, `按量计费`
            continue
        if len(token) > 1 and token in STOP_WORDS and translated_in(token, en, inside_words=False):
            continue  # `视为验收合格（deemed acceptance）`: a stop word the English says (not 还有 `still`)
        # A verb before a noun-forming suffix is part of the term: 计算量, 运行时接口, 学习率.
        bound_suffix = len(token) > 1 and k + 1 < len(words) and words[k + 1][0] in BOUND_SUFFIXES
        stopping = token in STOP_CHARS or token in STOP_WORDS
        # `再喂养综合征（refeeding syndrome）`: 再 is the `re-` of `refeeding`, 共同 the `co-` of `coinsurance`; 地 the
        # `ground` of 地震动
        if stopping and (_prefixes_next(words, k, en) or (len(token) == 1 and _says_english(words, k, en))):
            continue
        if token in _LOCATIVES and _nothing_to_follow(words, k):
            continue  # `一个中开衩（single vent）`, `。中置电机`: no noun for 中 to follow, the term starts with it
        if k == len(words) - 2 and len(token) == 1 == len(words[-1][0]) and chinese_words_for(en) > 1:
            continue  # `加|针` for `backward loop cast-on`: jieba cut a word in two; the term is no one character
        if (token in STOP_WORDS and not bound_suffix) or (len(token) == 1 and token in STOP_CHARS):
            if token in _NEGATIONS and 0 < k < len(words) - 2 and words[k - 1][0] == words[k + 1][0]:
                return k + 2  # `保唔保早期危疾`, `要不要`: the verb an A-not-A question repeats
            return k + 1
        if len(token) > 1 and token[-1] in "于的":  # 局限于, 取决于; 小小的, 真正的: not a term's start
            return k + 1
        if token == "过" and k > 0 and _verb_like(words[k - 1][0]) and not translated_in(token, en):
            return k + 1  # `跑过可用性测试`: the aspect of the verb before it (not the `over-` of `使用过采样`)
        if (
            not numbered
            and _QUANTITY.match(token)
            and not (_prefixes_next(words, k, en) or _says_english(words, k, en))
        ):
            return k + 1  # `三个`, not the `semi-` of 半结构式
        if token in AFTER_DIGITS and k > 0 and words[k - 1][0].isdigit() and not numbered:
            return k + 1
        if is_common_function_word(token):
            return k + 1
    return 0


def _nothing_to_follow(words: list[tuple[str, int]], k: int) -> bool:
    """The locative ``k`` (上, 中: `on`, `in` after a noun, 模型中) stands where no noun goes before it: first in its
    run, or after 的, 是, 在 or a quantity (一个, 一盆). There it is no postposition but a term's first character."""
    if k == 0:
        return True
    before = words[k - 1][0]
    return before in _BEFORE_NO_NOUN or bool(_QUANTITY.match(before))


def _every_unit(unit: str, en: str) -> bool:
    """``unit`` after 每 translates the stem of an English word in -ly (小时 `hour` of `hourly`, 天 `day` of `daily`):
    每 is that -ly."""
    from .dictionary import translations

    stems = {re.sub(r"il$", "y", word[:-2]) for word in re.findall(r"[a-z]+ly\b", en.casefold())}
    return bool(stems & translations(unit))


def _says_english(words: list[tuple[str, int]], k: int, en: str) -> bool:
    """The word ``k`` says the English's first word (`地` of `ground motion`), or makes with the next word's first
    character (or a character with the last before it) a dictionary word the English says (`下|風標` for `leeward
    mark`: 下风 is `leeward`): a character that introduces terms elsewhere belongs to this one."""
    from .dictionary import is_headword, translations

    parts = _en_parts(en)
    said_next = k + 1 < len(words) and bool(parts) and parts[0] in translations(words[k + 1][0])
    if parts and parts[0] in translations(words[k][0]) and not said_next:
        return True  # not where the next word says it too: 从|助理 for `assistant editor` (从 is also `assistant`)
    if parts and len(words[k][0]) == 1 and _ends_with_suffix(parts[0], translations(words[k][0])):
        return True  # 最 of 最左前缀, `leftmost`: the character says the word's `-most`
    pairs = [words[k][0] + words[k + 1][0][0]] if k + 1 < len(words) and HAN_RE.match(words[k + 1][0]) else []
    if k > 0 and len(words[k][0]) == 1 and HAN_RE.match(words[k - 1][0][-1]):
        pairs.append(words[k - 1][0][-1] + words[k][0])  # `成|对|偏好` for `pairwise preference`: 成对 is `pair`
    return any(is_headword(pair) and translated_in(pair, en, inside_words=False) for pair in pairs)


def _ends_with_suffix(word: str, translations: frozenset[str]) -> bool:
    """``word`` ends with a suffix the dictionary translates a character with (最 is "most; -est": `leftmost`,
    `oldest`; 无 "-less"), after a stem of three letters or more."""
    return any(len(word) >= len(t) + 3 and word.endswith(t) for t in translations & _SUFFIXES)


_SUFFIXES = frozenset({"most", "est", "less"})  # English suffixes CC-CEDICT gives characters as senses: 最, 无


def _anchored(words: list[tuple[str, int]], k: int, en: str) -> bool:
    """An English word the gloss shares lies at or after ``k``, and English stands before it in ``en``
    (``水平 Pod 自动扩缩器`` for HorizontalPodAutoscaler), so the term reaches left of it."""
    for token, _ in words[k + 1 :]:
        if is_latin(token):
            at = en.casefold().find(token.casefold())
            return at > 0 and k + 1 < len(words) and not is_latin(words[k][0])
    return False


def _latin_in(token: str, en: str) -> bool:
    """The English has ``token``: as written, or as an acronym of its words (`KL` in `Kullback–Leibler
    divergence`, so 散度 reaches left to KL散度; `EUV` in `extreme ultraviolet lithography`). A single letter only as
    a word of its own (`Plan A`; not the `a` of `learning`); an English function word never, which is the prose's
    (`shorten it to 卷 (to compete to exhaustion)`: the term is 卷)."""
    if token in _PROSE_WORDS:
        return False
    if len(token) == 1:
        return re.search(rf"\b{re.escape(token)}\b", en, re.IGNORECASE) is not None
    if token.casefold() in en.casefold():
        return True
    letters = _initials(token)
    return letters is not None and _starts_words(letters, _en_parts(en))


def _initials(token: str) -> str | None:
    """The letters of ``token`` read as the initials of English words, folded: an acronym's (`EUV`, `qPCR`) or those a
    slash joins (`C/A` of `coarse/acquisition code`); None for a word."""
    if "/" in token:
        return token.replace("/", "").casefold()
    return token.casefold() if _acronym_like(token) else None


def _content_words(en: str) -> list[str]:
    """The English's words of three letters or more, folded: those the dictionary is asked about."""
    return [w.casefold() for w in re.findall(r"[A-Za-z]+", en) if len(w) >= 3]


def _en_parts(en: str) -> list[str]:
    """The English's words and the parts of its compounds, folded: `Kullback–Leibler divergence` → three."""
    return [word.casefold() for word in re.split(r"[\s\-–—/]+", en) if word]


def _acronym_like(token: str) -> bool:
    """Letters written as an acronym: capitals (`EUV`), with a small letter before or among them (`qPCR`, `gDNA`),
    or a capital and a small letter (`Ct`, `Tm`)."""
    return re.fullmatch(r"[a-z]{0,2}[A-Z][A-Za-z]*[A-Z][a-z]?|[A-Z][a-z]", token) is not None


def _starts_words(letters: str, words: list[str], anchored: bool = False) -> bool:
    """``letters`` are the starts of two or more consecutive ``words`` (with ``anchored``, from the first), each
    word giving its first letter and perhaps more of its own in order: `KL` of `Kullback Leibler`, `EUV` of `extreme
    ultraviolet`, not `CPU` of `computer`. Stricter than ``rules._abbreviates`` (an acronym's capitals anywhere in an
    expansion, in order), because here a Latin word in a Chinese run decides how far the term reaches."""

    def from_word(i: int, rest: str, used: int = 0) -> bool:
        if not rest:
            return used >= 2
        if i >= len(words) or not words[i].startswith(rest[0]):
            return False
        word, k = words[i], 1
        for taken in range(1, len(rest) + 1):  # this word gives rest[:taken], the next words the remainder
            if taken > 1:
                k = word.find(rest[taken - 1], k) + 1
                if k == 0:
                    return False
            if from_word(i + 1, rest[taken:], used + 1):
                return True
        return False

    return any(from_word(i, letters) for i in (range(1) if anchored else range(len(words))))


def _latin_ok(text: str, en: str) -> bool:
    return all(word.casefold() in en.casefold() for word in _LATIN_WORD.findall(text))


def _is_counter(token: str) -> bool:
    return len(token) == 1 and token in COUNTERS
