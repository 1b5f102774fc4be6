"""Script-level helpers shared by readers and extraction: which letters are Chinese, which
language a line is in, how to unwrap a hard line break."""

from __future__ import annotations

import functools
import itertools
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from .lexicon import (
    dictionary_readings,
    head_readings,
    imported_jieba,
    jieba_words,
    phrase_readings,
    pypinyin_for,
    readings_by_sense,
    tail_readings,
)
from .memo import remembered
from .models import Gloss, GlossKind, Lang, Term

# Han ideographs: the basic block, extension A and the compatibility block.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")
ACCENTED = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"  # the Latin letters past ASCII (é, ö, œ; not × and ÷)
ACCENTED_RE = re.compile(f"[{ACCENTED}]")
LATIN_RE = re.compile(f"[A-Za-z{ACCENTED}]")
_HAN_RUNS = re.compile(f"[{HAN}]+")  # counting by runs: half the time of a match per letter
_LATIN_RUNS = re.compile(f"[A-Za-z{ACCENTED}]+")

# One Han character carries about as much as three Latin letters (an English word averages
# five letters, a Chinese word under two characters), so letters are weighed accordingly.
_HAN_WEIGHT = 3.0
_ZH_SHARE = 0.65  # at or above: Chinese, even with English terms and names inside
_EN_SHARE = 0.2  # at or below: English, even with a Chinese gloss inside
_ZH_PUNCTUATION = re.compile(f"[，。？！；：、]|[{HAN}][,.?!;:]")
_CLOSERS = " \t\"'”’」』)）*_"


def han_share(text: str) -> float | None:
    """The weighted share of Chinese in ``text``'s letters, or None when it has no letters.

    >>> han_share("deep learning")
    0.0
    >>> han_share("深度学习")
    1.0
    """
    han = sum(map(len, _HAN_RUNS.findall(text))) * _HAN_WEIGHT
    latin = sum(map(len, _LATIN_RUNS.findall(text)))
    if not han and not latin:
        return None
    return han / (han + latin)


def classify_lang(text: str) -> Lang:
    """Judge the language of a line or paragraph from its letters and punctuation.

    Where neither script clearly outweighs the other, the layout decides: an English block
    then a Chinese block (or the reverse) with no sentence end is a bilingual heading; Chinese
    sentence marks (or ASCII ones right after a Chinese character, as 004 writes them) make
    a Chinese sentence with English terms in it; a full stop after English makes English.

    >>> [classify_lang(text).value for text in ("We talked about world models.", "我们谈到了 world models(世界模型)。")]
    ['en', 'zh']
    >>> [classify_lang(text).value for text in ("那 quantization(量化)呢?", "Social anxiety 社交焦虑")]
    ['zh', 'mixed']
    >>> [classify_lang(text).value for text in ("What I would do differently 如果重来，我会怎么做", "欢迎回到 AI。")]
    ['mixed', 'zh']
    >>> [classify_lang(text).value for text in ("![](https://x/1.png)", "。")]
    ['en', 'none']
    """
    share = han_share(text)
    if share is None:
        return Lang.NONE
    if share >= _ZH_SHARE:
        return Lang.ZH
    if share <= _EN_SHARE:
        return Lang.EN
    tail = text.rstrip(_CLOSERS)[-2:]
    if _is_two_blocks(text) and tail[-1:] not in tuple(".?!。？！…"):
        return Lang.MIXED
    if _ZH_PUNCTUATION.search(text):
        return Lang.ZH
    if len(tail) == 2 and tail[1] in ".?!" and LATIN_RE.match(tail[0]):
        return Lang.EN
    return Lang.MIXED


def _is_two_blocks(text: str) -> bool:
    """All the English letters stand on one side of all the Chinese characters."""
    scripts = "".join("H" if HAN_RE.match(ch) else "L" for ch in text if HAN_RE.match(ch) or LATIN_RE.match(ch))
    return re.fullmatch(r"L+H+|H+L+", scripts) is not None


def dominant_lang(text: str) -> Lang:
    """EN or ZH, whichever weighs more; NONE without letters. Used to pair parallel lines."""
    share = han_share(text)
    if share is None:
        return Lang.NONE
    return Lang.ZH if share >= 0.5 else Lang.EN


NAME_DOTS = "·・‧•"  # between the parts of a transliterated name: 肖恩·麦奎尔, Taiwan's 克里斯蒂安‧惠更斯 (U+2027)
_ENGLISH_BRACKETED = re.compile(r"[(（][^()（）\u3400-\u9fff]*[)）]")


def lang_outside_brackets(text: str) -> Lang:
    """``dominant_lang`` of the text outside its brackets of English: a Chinese line whose glosses are most of its
    letters (`射血分数（ejection fraction）。`, `環境保護署（Environmental Protection Department，EPD）…`) is Chinese. A
    bracket of Chinese says the line is Chinese (`Hattie 和 Timperley 称之为 feed-forward（前馈，即…）`)."""
    bare = dominant_lang(outside_english_brackets(text))
    return bare if bare is not Lang.NONE else dominant_lang(text)


def outside_english_brackets(text: str) -> str:
    """``text`` without its brackets that hold no Chinese: what it says in its own words, not its glosses."""
    return _ENGLISH_BRACKETED.sub("", text)


HEADING_DECORATION = " #*_=~-"  # Markdown's marks, and the rules a plain text draws around a heading (`=== … ===`)
CLAUSE_ENDS = ".。!！?？;；:：,，"  # what ends a sentence or a clause: no heading ends with one
_LATIN_SIDE, _HAN_SIDE = r"[^\u3400-\u9fff]*[A-Za-z][^\u3400-\u9fff]*?", r"[^A-Za-z]*[\u3400-\u9fff][^A-Za-z]*?"
_SEPARATED_SIDES = re.compile(rf"^(?:{_LATIN_SIDE}\s[|｜/]\s{_HAN_SIDE}|{_HAN_SIDE}\s[|｜/]\s{_LATIN_SIDE})$")


def separated_heading(line: str) -> bool:
    """``line`` is a heading in both languages with a separator between them, whatever decoration it has (`=== PART 2 ·
    Tiers | 第二部分 · 分层 ===`): short, not ending as a sentence, its sides apart (``separated_sides``)."""
    bare = line.strip(HEADING_DECORATION)
    return len(bare) <= MAX_HEADING and bare[-1:] not in CLAUSE_ENDS and separated_sides(bare)


# Characters of a heading without its decoration: a longer line is text (and ``separated_sides`` backtracks).
MAX_HEADING = 120


def separated_sides(heading: str) -> bool:
    """``heading`` (without its decoration) is an English side and a Chinese side with a separator between them
    (`PART 2 · Tiers | 第二部分 · 分层`, `基本功 / The Basics`). The pattern backtracks: ask it of short lines only."""
    return _SEPARATED_SIDES.match(heading) is not None


def unwrap(text: str) -> str:
    """Join hard-wrapped lines: no space between Chinese characters, one space between words.

    >>> unwrap("嘉宾是Dan\\nRoberts，他曾是")
    '嘉宾是Dan Roberts，他曾是'
    >>> unwrap("规模定律并非来自架构本\\n。")
    '规模定律并非来自架构本。'
    """
    parts = text.split("\n")
    out = parts[0]
    for part in parts[1:]:
        space = bool(out and part) and _needs_space(out[-1], part[0])
        out += (" " if space else "") + part
    return out


def _needs_space(left: str, right: str) -> bool:
    """A wrap between two ASCII characters, one of them a letter or digit, was a space."""
    return left.isascii() and right.isascii() and (left.isalnum() or right.isalnum())


@functools.lru_cache(maxsize=65536)
def simplified(text: str) -> str:
    """Chinese in Simplified characters (OpenCC t2s); text without Han characters as it is. Remembered: forms
    and segments recur."""
    return simplified_text(text)


def simplified_text(text: str) -> str:
    """``simplified``, not remembered: for a whole document, which nothing asks for twice."""
    if not re.search(r"[\u4e00-\u9fff]", text):
        return text
    return _opencc("t2s").convert(text)


@functools.lru_cache(maxsize=4)
def _opencc(config: str):  # type: ignore[no-untyped-def]
    """OpenCC's converter by its configuration's name (t2s, s2tw, tw2sp), made once."""
    import opencc

    return opencc.OpenCC(config)


@functools.lru_cache(maxsize=8192)
def in_script_of(text: str, model: str) -> str:
    """``text`` in the script ``model`` is written in: Traditional (OpenCC s2tw, Taiwan's characters) where ``model``
    has Traditional characters, Simplified where it has Simplified ones, as it is where it has neither (平行).

    >>> in_script_of("并行计算", "平行運算"), in_script_of("網路", "网络"), in_script_of("网络", "平行")
    ('並行計算', '网路', '网络')
    """
    if simplified(model) != model:
        return _opencc("s2tw").convert(text)
    return simplified(text) if _opencc("s2tw").convert(model) != model else text


@functools.lru_cache(maxsize=8192)
def mainland_copy(text: str) -> str:
    """Traditional Chinese in Simplified characters and the mainland's words, where those are as long as Taiwan's
    (網路 网络, 軟體 软件, 資料庫 数据库: OpenCC tw2sp), for jieba, whose dictionary has the mainland's words
    (learner's trial 61: 校園網路 was cut 早|上校|园网|路); character by character (``simplified``) otherwise, so each
    character stays where it was. Text without Traditional characters as it is.

    >>> mainland_copy("校園網路斷線"), mainland_copy("部落格文章"), mainland_copy("网路")
    ('校园网络断线', '部落格文章', '网路')
    """
    simple = simplified(text)
    if simple == text:
        return text
    mainland = _opencc("tw2sp").convert(text)
    return mainland if len(mainland) == len(text) else simple


@functools.lru_cache(maxsize=65_536)
def to_pinyin(chinese: str | None) -> str:
    """Pinyin with tone marks, one syllable per character; other characters kept as they are.

    >>> to_pinyin("世界模型"), to_pinyin("KV 缓存"), to_pinyin("视频数据"), to_pinyin(None)
    ('shì jiè mó xíng', 'KV huǎn cún', 'shì pín shù jù', '')
    >>> to_pinyin("长上下文"), to_pinyin("飞快地运行"), to_pinyin("子 agent"), to_pinyin("探地雷达")
    ('cháng shàng xià wén', 'fēi kuài de yùn xíng', 'zǐ agent', 'tàn dì léi dá')

    Traditional Chinese is read as its Simplified copy: pypinyin's phrases are Simplified, and alone it reads
    長度 zhǎng dù and 銀行 yín xíng.

    >>> to_pinyin("長度"), to_pinyin("銀行")
    ('cháng dù', 'yín háng')
    """
    if not chinese:
        return ""
    return remembered("pinyin", simplified(chinese), _read_aloud)


def _read_aloud(chinese: str) -> str:
    return punctuated(" ".join(reading for _, reading in read_words(chinese)))


def punctuated(pinyin: str) -> str:
    """Pinyin one space between its pieces, and the Chinese punctuation it kept written as pinyin text writes it,
    against the syllable it follows or precedes (an explanation's 好、之后 is `hǎo, zhī hòu`, not `hǎo 、 zhī hòu`).

    >>> punctuated("nǐ hǎo ， shì jiè 。"), punctuated("“ quán lì yǐ fù ” ， dī chuí guǒ shí , róng yì")
    ('nǐ hǎo, shì jiè.', '"quán lì yǐ fù", dī chuí guǒ shí, róng yì')
    >>> punctuated("《 bā lí xié dìng 》 dì liù tiáo")
    '《bā lí xié dìng》 dì liù tiáo'
    """
    attached = _OPENING_SPACE.sub(r"\1", _SPACE_CLOSING.sub(r"\1", " ".join(pinyin.split())))
    return attached.translate(_PINYIN_PUNCTUATION)


_SPACE_CLOSING = re.compile(r"\s+([，、。：；？！）”’》〉」』,.:;?!)])")
_OPENING_SPACE = re.compile(r"([（“‘《〈「『(])\s+")
_PINYIN_PUNCTUATION = str.maketrans("，、。：；？！（）“”", ',,.:;?!()""')


def term_pinyin(term: Term) -> str:
    """The pinyin shown for a term: the learner's (``vocab edit --pinyin``), else read from its Chinese, where its
    English says which reading a character has: 重 standing alone is chóng, "again", where a word of the English
    begins with `re-` or says `dup` (重参数化 for `reparameterization`, 去重 for `deduplication`; CC-CEDICT's
    chong2 is "again; re-"), and keeps its reading elsewhere (严重事件报告 for `serious incident reporting`). So does a
    word CC-CEDICT reads two ways, one per sense (``_read_by_sense``: 便宜 for `cheap` is pián yi, 大夫 for `doctor`
    dài fu, 结果 for `outcome` jié guǒ). An explanation (`fsync（把…强制写入磁盘）`) is no word to say: none."""
    if term.pinyin:
        return term.pinyin
    if term.kind is GlossKind.EXPLANATION:
        return ""
    if term.readings and (written := dict(term.readings).get(simplified(term.zh or ""))):
        return written
    if term.zh and any(char in term.zh for char in _AGAIN) and _RE_WORD.search(term.en):
        pieces = [_AGAIN.get(word, reading) for word, reading in read_words(simplified(term.zh))]
        return punctuated(" ".join(pieces))
    chinese = simplified(term.zh) if term.zh else ""
    if _read_two_ways(chinese) or _character_sense_said(chinese, term.en):
        return remembered("pinyin-sense", f"{chinese}\t{term.en}", lambda _: _read_by_sense(chinese, term.en))
    return to_pinyin(term.zh)


def written_readings(glosses: Iterable[Gloss]) -> tuple[tuple[str, str], ...]:
    """The pinyin the documents write for a term's Chinese forms (`(应付账款, yìngfù zhàngkuǎn)`), the first for each
    (Simplified) form, as ``syllables_of`` reads it: their writers knew the words (learner's trial 62: four of 33
    business words the texts read were read here with another tone). Kept on the term, so a row or a card reads no
    gloss (``export.glossary``'s workers would copy every one)."""
    found: dict[str, str] = {}
    for gloss in glosses:
        chinese = simplified(gloss.zh) if gloss.reading and gloss.zh else ""
        if chinese and chinese not in found and (read := syllables_of(str(gloss.reading), chinese)):
            found[chinese] = read
    return tuple(found.items())


def syllables_of(written: str, chinese: str) -> str | None:
    """``written``, the pinyin a text gives for ``chinese`` (all Han), as ``to_pinyin`` writes it: one tone-marked
    syllable per character, apart, each one of its character's readings (its tone the text's); None where it is not.

    >>> syllables_of("yìngfù zhàngkuǎn", "应付账款"), syllables_of("wang3hong2", "网红"), syllables_of("Xī'ān", "西安")
    ('yìng fù zhàng kuǎn', 'wǎng hóng', 'xī ān')
    >>> syllables_of("fāngàn", "方案"), syllables_of("lv4se4", "绿色"), syllables_of("nèijuǎn", "内卷吧")
    ('fāng àn', 'lǜ sè', None)
    """
    from pypinyin import Style, pinyin
    from pypinyin.contrib.tone_convert import to_normal, to_tone

    if not chinese or len(HAN_RE.findall(chinese)) != len(chinese):
        return None
    said = _syllables()
    readable = [{r.replace("ü", "v") for r in rs} for rs in pinyin(chinese, style=Style.NORMAL, heteronym=True)]
    words = [word for word in re.split(r"[\s'’-]+", written.strip().casefold()) if word]

    def pieces(word: str) -> list[list[str]]:
        """The ways ``word`` reads as syllables, each with one tone mark at most, longest first syllable first."""
        if _DIGIT.search(word):  # tone numbers end each syllable: no choice to make
            numbered = _NUMBERED.findall(word)
            whole = "".join(letters + tone for letters, tone in numbered) == word
            return [[to_tone(letters.replace("u:", "v") + tone) for letters, tone in numbered]] if whole else []
        if not word:
            return [[]]
        ways = []
        for k in range(min(6, len(word)), 0, -1):
            piece = word[:k]
            if len(_TONED.findall(piece)) <= 1 and to_normal(piece).replace("ü", "v") in said:
                ways += [[piece, *rest] for rest in pieces(word[k:])]
        return ways

    def read(at: int, left: int) -> list[str] | None:
        if at == len(words):
            return [] if left == 0 else None
        done = len(chinese) - left
        for way in pieces(words[at]):
            fits = len(way) <= left and all(
                to_normal(s).replace("ü", "v") in readable[done + i] for i, s in enumerate(way)
            )
            if fits and (rest := read(at + 1, left - len(way))) is not None:
                return [*way, *rest]
        return None

    found = read(0, len(chinese))
    return " ".join(found) if found else None


@functools.lru_cache(maxsize=65_536)
def _read_two_ways(chinese: str) -> bool:
    """``chinese`` holds a word CC-CEDICT reads two ways (``lexicon.readings_by_sense``): asked of every term each time
    a row, a note or a card shows it, so remembered, and only the words of two to four characters it could hold are
    looked up."""
    table = readings_by_sense()
    spans = ((i, j) for i in range(len(chinese)) for j in range(i + 2, min(len(chinese), i + 4) + 1))
    return any(chinese[i:j] in table for i, j in spans)


@functools.lru_cache(maxsize=65_536)
def _character_sense_said(chinese: str, english: str) -> bool:
    """A character of ``chinese`` that CC-CEDICT reads two ways has one reading whose senses alone share a word with
    ``english``: asked of every term, so only the characters' own entries are looked up."""
    said = _words_said(english)
    return any(_reading_said(char, said) for char in set(chinese) if HAN_RE.match(char))


def _read_by_sense(chinese: str, english: str) -> str:
    """``chinese`` read as ``to_pinyin`` reads it, but each word CC-CEDICT reads two ways read the way whose senses
    alone share a word with ``english``; so is each character of a word no dictionary has, whose reading was a guess
    (行高 for `line height` is háng gāo: 行 háng is "row / line"; 调性 for `key` is diào xìng)."""
    said = _words_said(english)
    dictionaries = phrase_readings(), dictionary_readings()
    pieces = []
    for word, reading in read_words(chinese):
        function_word = len(word) == 1 and jieba_words().tag(word).startswith(_FUNCTION_TAGS)
        numbered = None if function_word else _reading_said(word, said)
        syllables = reading.split()
        if numbered:
            reading = _toned(numbered)
        elif len(syllables) == len(word) > 1 and not any(word in table for table in dictionaries):  # a guess
            by_sense = [_reading_said(char, said) for char in word]
            reading = " ".join(_toned(n) if n else syllable for n, syllable in zip(by_sense, syllables, strict=True))
        pieces.append(reading)
    return punctuated(" ".join(pieces))


# A word of grammar, whose senses the English's content words say only by chance: 与 yù "to take part in" beside
# `Part 3`, 和 hè "to chime in with others" beside `other traps`. Not a sentence's final particle (y): one inside a
# term is none, and is read as its sense (哩 lǐ "mile" in 最后一哩路 for `last mile`, not the particle li).
_FUNCTION_TAGS = ("c", "p", "u", "r", "d")


def _words_said(english: str) -> frozenset[str]:
    return frozenset(_singular(w) for w in re.findall(r"[a-z]{3,}", english.casefold()))


def _reading_said(word: str, said: frozenset[str]) -> str | None:
    """CC-CEDICT's reading of ``word`` whose senses alone share a word with ``said`` (numbered), if one does."""
    matching = [reading for reading, senses in _senses(word) if said & senses]
    return matching[0] if len(matching) == 1 else None


@functools.lru_cache(maxsize=65_536)
def _senses(word: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each reading CC-CEDICT gives ``word`` with the words of its senses: asked for every character of every term a
    build shows (a library's 3,867 terms took 110 ms without it)."""
    found = []
    for value in readings_by_sense().get(word, ()):
        reading, senses = value.split("\t")
        words = frozenset(_singular(w) for w in re.findall(r"[a-z]{3,}", senses.casefold()))
        found.append((reading, words - _NO_SENSE))
    return tuple(found)


_NO_SENSE = frozenset("the and for with sth used also variant see abbr old name surname".split())


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _toned(numbered: str) -> str:
    """CC-CEDICT's numbered reading in tone marks, as ``to_pinyin`` writes it (pian2 yi5 is pián yi)."""
    from pypinyin.contrib.tone_convert import to_tone

    return " ".join(to_tone(syllable.replace("u:", "v")) for syllable in numbered.split())


_RE_WORD = re.compile(r"\bre-?[a-z]{3,}|dup|repeat", re.IGNORECASE)  # `reparameterization`, `re-ranking`, `dedup`


def parse_pinyin(given: str, chinese: str) -> str:
    """The learner's pinyin for ``chinese``, written as ``to_pinyin`` writes it: one syllable per Han
    character in tone marks (tone numbers converted: lv4 is lǜ, zi5 is zi), the other text as in ``chinese``
    (which the learner may leave out). A ValueError says what is wrong.

    >>> parse_pinyin("chang2 shang4 xia4 wen2", "长上下文"), parse_pinyin("Zǐ", "子 agent")
    ('cháng shàng xià wén', 'zǐ agent')
    >>> parse_pinyin("xian4 r5", "馅儿")  # erhua, as CC-CEDICT writes it
    'xiàn r'
    >>> parse_pinyin("jiu3 qi9", "久期")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: 'qi9' is not a pinyin syllable: ...
    >>> parse_pinyin("cu", "簇")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: 'cu' gives no tone: ...
    >>> parse_pinyin("chang shang xia", "长上下文")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: 'chang shang xia' has 3 syllables for the 4 characters of 长上下文: give one for each, apart, as ...
    """
    from pypinyin.contrib.tone_convert import to_normal, to_tone

    said = _syllables() | {"r"}  # and the r of 儿 said with the syllable before it (馅儿 xiàn r, CC-CEDICT's r5)
    others = {word.casefold() for run in _RUNS.findall(chinese) if not HAN_RE.match(run) for word in run.split()}
    written = [s for s in given.split() if s.casefold() not in others]
    syllables = [to_tone(s.lower().replace("u:", "v")) for s in written]
    wrong = next(
        (w for w, s in zip(written, syllables, strict=True) if to_normal(s) not in said or _DIGIT.search(s)),
        None,
    )  # a digit left after the tones are converted is no tone: `qi9`
    if wrong is not None:
        raise ValueError(
            f"{wrong!r} is not a pinyin syllable: give one per character, apart, in tone marks (cháng) or numbers"
            " (chang2)"
        )
    count = len(HAN_RE.findall(chinese))
    if len(syllables) != count:
        raise ValueError(
            f"{given!r} has {plural(len(syllables), 'syllable')} for the {plural(count, 'character')} of {chinese}:"
            f" give one for each, apart, as {in_script_of('长上下文', chinese)} takes 'cháng shàng xià wén' or"
            " 'chang2 shang4 xia4 wen2'"
        )
    if written and not any(_TONED.search(s) or _DIGIT.search(s) for s in written):
        raise ValueError(
            f"{given!r} gives no tone: write tones as marks (cù) or numbers (cu4); a neutral syllable beside toned"
            " ones takes 5 or none (hu4 shi)"
        )
    read = iter(syllables)
    return punctuated("".join(f" {next(read)} " if HAN_RE.match(char) else char for char in chinese))


_DIGIT = re.compile(r"\d")


def is_pinyin(text: str, every_syllable: bool = False) -> bool:
    """``text`` is pinyin: words made of syllables pypinyin reads characters as, at least one with a tone mark
    (`suànlì`, `qiǎ bózi`, whose zi is in the neutral tone), or, ``every_syllable``, each (`zhōngguó`; not `lamé`,
    a French word that la and me would make); not English with an accent (`café`: fe is no syllable).

    >>> is_pinyin("suànlì"), is_pinyin("qiǎ bózi"), is_pinyin("Xī'ān"), is_pinyin("café"), is_pinyin("Pokémon")
    (True, True, True, False, False)
    >>> is_pinyin("qiǎ bózi", every_syllable=True), is_pinyin("lamé", every_syllable=True)
    (False, False)
    """
    if not _TONED.search(text) or len(text) > _MAX_PINYIN:
        return False
    from pypinyin.contrib.tone_convert import to_normal

    words = [word for word in re.split(r"[\s'’-]+", text.strip().casefold()) if word]
    return bool(words) and all(_syllabified(to_normal(word), word, every_syllable) for word in words)


_MAX_PINYIN = 80  # characters: a longer text is prose, whatever its accents


def spells_syllables(text: str) -> bool:
    """Every word of ``text`` is a run of pinyin syllables, marked or not (`pu er`, `pǔ'ěr`; not `emersed form`)."""
    from pypinyin.contrib.tone_convert import to_normal

    words = [to_normal(word) for word in re.split(r"[\s'’-]+", text.strip().casefold()) if word]
    return bool(words) and len(text) <= _MAX_PINYIN and all(_syllabified(word, word, False) for word in words)


def is_numbered_pinyin(text: str) -> bool:
    """``text`` is pinyin with tone numbers, each syllable with its own (`wang3hong2`, `zhi2bo1 dai4huo4`,
    `lu:4`), as learners' texts write a reading where they type no marks.

    >>> is_numbered_pinyin("wang3hong2"), is_numbered_pinyin("nei4 juan3"), is_numbered_pinyin("gpt4")
    (True, True, False)
    """
    words = [word for word in re.split(r"[\s'’-]+", text.strip().casefold()) if word]
    if not words or len(text) > _MAX_PINYIN or not all(_NUMBERED_WORD.fullmatch(word) for word in words):
        return False  # (before the syllables are loaded: most brackets asked hold no pinyin)
    syllables = _syllables()
    return all(letters.replace("u:", "v") in syllables for word in words for letters, _ in _NUMBERED.findall(word))


def is_reading(text: str) -> bool:
    """``text`` is pinyin as a learner's text writes a reading: with tone marks or with tone numbers."""
    return is_pinyin(text) or is_numbered_pinyin(text)


_NUMBERED = re.compile(r"([a-zü:]+)([1-5])")
_NUMBERED_WORD = re.compile(r"(?:[a-zü:]+[1-5])+")


@functools.lru_cache(maxsize=4096)
def _syllabified(letters: str, toned: str, every_syllable: bool) -> bool:
    """``letters`` (``toned`` without its tone marks, letter for letter) are a run of pinyin syllables, each with a
    tone mark in ``toned`` where ``every_syllable`` says so."""
    if not letters:
        return True
    syllables = _word_syllables()
    return any(
        letters[:k] in syllables
        and (not every_syllable or _TONED.search(toned[:k]) is not None)
        and _syllabified(letters[k:], toned[k:], every_syllable)
        for k in range(min(6, len(letters)), 0, -1)
    )


@functools.lru_cache(maxsize=1)
def _word_syllables() -> frozenset[str]:
    """``_syllables`` but the interjections (呣 m, 嗯 n, 哼 hng), which stand alone, never in a word (Pokémon)."""
    return _syllables() - frozenset("m n ng hm hng".split())


@functools.lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every syllable pypinyin reads a character as, without its tone (about 430): a learner's are checked."""
    from pypinyin.constants import PINYIN_DICT
    from pypinyin.contrib.tone_convert import to_normal

    toned = {reading for readings in PINYIN_DICT.values() for reading in readings.split(",")}
    return frozenset(map(to_normal, toned))


def read_words(chinese: str) -> list[tuple[str, str]]:
    """The pieces of ``chinese`` with their pinyin: words in a run of Han characters, other text as it is.

    pypinyin cuts a run at the longest phrase it knows from the left, so 长上下文 was 长上 (zhǎng shàng,
    "elders") + 下文. jieba cuts 长 + 上下文. So a phrase of pypinyin's (CC-CEDICT's among them) is read as
    one only from one of jieba's word boundaries to another (最大似然估计, a phrase, is three words of
    jieba's); elsewhere each of jieba's words is read on its own, one character by ``_read_char``.

    >>> read_words("子 agent 的长上下文")
    [('子', 'zǐ'), (' agent ', 'agent'), ('的', 'de'), ('长', 'cháng'), ('上下文', 'shàng xià wén')]
    """
    pypinyin = pypinyin_for(chinese)
    lazy_pinyin, tone = pypinyin.lazy_pinyin, pypinyin.Style.TONE
    words: list[tuple[str, str]] = []
    for run in _RUNS.findall(chinese):
        if HAN_RE.match(run):
            before = words[-1][0].strip() if words else ""
            words += _read_run(run, before if any(char.isalnum() for char in before) else None)
        else:
            words.append((run, " ".join(" ".join(lazy_pinyin(run, style=tone)).split())))
    return words


def _read_run(run: str, before: str | None) -> list[tuple[str, str]]:
    """``read_words`` of one run of Han characters, which comes after the word ``before`` (None: nothing)."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.seg.simpleseg import seg

    by_phrase = lazy_pinyin(run, style=Style.TONE)  # one syllable per character, by pypinyin's own cut
    if len(by_phrase) != len(run):  # a character pypinyin cannot read stays as it is, beside its neighbours
        by_phrase = [" ".join(lazy_pinyin(char, style=Style.TONE)) for char in run]
    # The words of jieba's dictionary only: one its HMM makes up (更长, 学得) has no reading of its own, so
    # its characters are better read as one-character words.
    jieba_words = load_jieba().lcut(run, HMM=False)
    ends = set(itertools.accumulate(map(len, jieba_words)))
    pypinyin_words = seg(run)
    phrases = dict(zip(itertools.accumulate(map(len, pypinyin_words), initial=0), pypinyin_words, strict=False))
    words: list[tuple[str, str]] = []
    at = until = 0  # ``until``: the end of the last phrase read whole
    for k, word in enumerate(jieba_words):
        if at >= until:
            phrase = phrases.get(at, "")
            if len(phrase) > 1 and at + len(phrase) in ends:
                until = at + len(phrase)
                words.append((phrase, _suffix_neutral(phrase, _toned_as_cedict(phrase, " ".join(by_phrase[at:until])))))
            elif len(word) > 1:
                words.append((word, _read_word(word)))
            else:
                after = jieba_words[k + 1] if k + 1 < len(jieba_words) else None
                words.append((word, _read_char(word, by_phrase[at], before, after)))
        at += len(word)
        before = word
    return words


def _toned_as_cedict(word: str, reading: str) -> str:
    """``reading`` of a phrase with each syllable's tone CC-CEDICT's where they differ only in whether it is neutral,
    and CC-CEDICT reads the word one way: pypinyin's phrases read 延误 yán wu, CC-CEDICT yán wù (耽误 is dān wu in
    both); they read 火候 huǒ hòu, CC-CEDICT huǒ hou (huo3 hou5), as the dictionaries of standard Chinese do.

    >>> _toned_as_cedict("延误", "yán wu"), _toned_as_cedict("耽误", "dān wu"), _toned_as_cedict("火候", "huǒ hòu")
    ('yán wù', 'dān wu', 'huǒ hou')
    """
    cedict = dictionary_readings().get(word, ())
    ours = reading.split()
    if len(cedict) != 1 or len(ours) != len(word):
        return reading
    theirs = _toned(cedict[0].lower()).split()
    if len(theirs) != len(ours):
        return reading

    def kept(our: str, their: str) -> str:
        if their == "r" and without_tones(our) == "er":
            return their  # 馅儿 xiàn r: the 儿 of erhua, no syllable of its own
        return their if without_tones(our) == without_tones(their) and _neutral(our) != _neutral(their) else our

    return " ".join(map(kept, ours, theirs))


def _neutral(syllable: str) -> bool:
    return without_tones(syllable) == unicodedata.normalize("NFD", syllable).replace("\u0308", "")


def without_tones(syllable: str) -> str:
    """Pinyin's letters without its tone marks (ü as u).

    >>> without_tones("bēi guō"), without_tones("lǜ")
    ('bei guo', 'lu')
    """
    return "".join(c for c in unicodedata.normalize("NFD", syllable) if not unicodedata.combining(c))


def _suffix_neutral(word: str, reading: str) -> str:
    """``reading`` with a word's last 子 in the neutral tone where CC-CEDICT reads it so (凿子 záo zi: the suffix of
    桌子, which a phrase table may give its full tone)."""
    syllables = reading.split()
    cedict = dictionary_readings().get(word, ())
    suffixed = len(word) > 1 and word.endswith("子") and syllables[-1:] == ["zǐ"] and len(cedict) == 1
    if suffixed and cedict[0].lower().split()[-1:] == ["zi5"]:
        return " ".join([*syllables[:-1], "zi"])
    return reading


def _read_word(word: str) -> str:
    """A word of jieba's that is no phrase of pypinyin's, read as its phrases make it up from its end: a Chinese
    compound puts its head last, so 外行星 is 外 + 行星 (xíng), not pypinyin's cut from the left, 外行 (háng) + 星.
    A character that is no phrase's part reads at the word's start as phrases read it at theirs, and at its end as
    at theirs, where most agree (``_head_reading``, ``_tail_reading``): 残差 is cán chā as 误差 and 偏差 end, where
    差 alone is chà. (Over the dictionaries' own two-character words, each left out of the count it is read by,
    this reads the first character right 91.2 → 93.1 %, the last 89.8 → 92.1 %: ``eval/pinyin_positions.py``.)
    A word of jieba's that begins with an adverb is no compound but two words (更好, 最差 is zuì chà, "worst"):
    its characters read as they do alone.

    >>> [read_words(word) for word in ("外行星", "银行家", "残差")]  # (pypinyin set up for the word, as it reads)
    [[('外行星', 'wài xíng xīng')], [('银行家', 'yín háng jiā')], [('残差', 'cán chā')]]
    """
    from pypinyin import Style, lazy_pinyin, pinyin

    table = phrase_readings()
    if word in table:
        return _suffix_neutral(word, " ".join(lazy_pinyin(word, style=Style.TONE)))
    cedict = dictionary_readings().get(word, ())
    if len(cedict) == 1 and len(cedict[0].split()) == len(word):  # one reading of a word pypinyin has no phrase for:
        return _toned(cedict[0].lower())  # 价差 is jià chā, where 差 alone is chà
    pieces, end = [], len(word)
    while end > 0:
        start = next((s for s in range(end - 1) if word[s:end] in table), end - 1)  # the longest phrase ending here
        pieces.append(word[start:end])
        end = start
    pieces.reverse()
    readings = [" ".join(lazy_pinyin(piece, style=Style.TONE)) for piece in pieces]
    if jieba_words().tag(pieces[0]) == _ADVERB_TAG:  # 更好, 最差: an adverb and a word, no compound
        return " ".join(readings)
    for at, by_position in ((0, _head_reading), (-1, _tail_reading)):
        if len(pieces[at]) == 1 and len(pinyin(pieces[at], style=Style.TONE, heteronym=True)[0]) > 1:
            readings[at] = by_position(pieces[at], _PIECE_AGREEMENT) or readings[at]
    return " ".join(readings)


_RUNS = re.compile(f"[{HAN}]+|[^{HAN}]+")
# A vowel with a tone mark: a syllable without one is in the neutral tone (的 de, 桌子 zhuō zi).
TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜḿńňǹ"  # pinyin's letters with a tone mark
_TONED = re.compile(f"[{TONE_MARKED}]")
_PARTICLE_TAGS = ("u", "y")  # jieba: 地 uv, 得 ud, 的 uj, 了 ul, 着 uz, 过 ug; modal particles (吧, 呢) y
_PRONOUN_TAG = "r"  # 你, 我们, 这
_MODALS = frozenset(("可",))  # 可得 is "obtainable", kě dé: 得 the verb, after a modal jieba tags a verb
_ADVERB_TAG = "d"  # 更, 最, 很
_AGAIN = {"重": "chóng"}  # a prefix that reads so before a one-character verb: 重做 is chóng zuò, "to redo"
_HEAD_AGREEMENT = 0.75  # the share of a character's phrases that must agree on its reading at their head
_HEAD_PHRASES = 10  # and how many phrases it must head for the share to mean anything
# Inside a word no dictionary has, a majority: over the dictionaries' two-character words, each left out of the count
# it is read by, a majority reads more of them right than three in four does (first 92.7 → 93.1 %, last 91.6 → 92.1 %).
_PIECE_AGREEMENT = 0.5


def _read_char(char: str, reading: str, before: str | None, after: str | None = None) -> str:
    """The reading of a one-character word between the words ``before`` and ``after`` (None: nothing), from
    the part of speech jieba's dictionary gives them (not its tagger's guess in context, which calls 长 of
    的长上下文 a noun).

    A particle after a word is in the neutral tone: 地 after an adverbial (飞快地) is de, not dì (探地雷达 is dì:
    after a verb of one character); 得 after a
    verb (跑得快) is de, not dé. Not after a pronoun, which is neither: 你得 is "you must"; nor after 可 (可得性, kě dé
    xìng, "availability"). An adjective or a noun
    reads as it does at the head of the phrases that begin with it, when they agree (长 heads 335 as cháng,
    44 as zhǎng: 长序列 is cháng; 重 splits, chóng 184 and zhòng 133, so it keeps ``reading``). Any other
    one-character word is no suffix, so it has a full tone: 子 of 子任务 is zǐ (zi only ends words: 桌子).
    重 before a one-character verb says "again": chóng (重做, 重跑, 重算), where before a longer word it may
    weigh (重负载 is zhòng fù zài).
    """
    from pypinyin import Style, pinyin

    if char in _AGAIN and after is not None and len(after) == 1 and jieba_words().tag(after) == "v":
        return _AGAIN[char]

    options = pinyin(char, style=Style.TONE, heteronym=True)[0]
    tag = jieba_words().tag(char)
    if tag.startswith(_PARTICLE_TAGS) and not (char == "地" and _ground(before)):
        after_word = before is not None and not jieba_words().tag(before).startswith(_PRONOUN_TAG)
        after_word = after_word and before not in _MODALS
        return next((o for o in options if not _TONED.search(o)), reading) if after_word else reading
    if tag in ("a", "n") and len(options) > 1:
        reading = _head_reading(char) or reading
    if not _TONED.search(reading):
        reading = next((o for o in options if _TONED.search(o)), reading)
    return reading


def _ground(before: str | None) -> bool:
    """地 is the ground, dì, not the particle, after a verb of one character: the particle follows an adverbial
    (飞快地运行; 探地雷达 is "probe-ground radar")."""
    return before is not None and len(before) == 1 and jieba_words().tag(before).startswith("v")


@functools.lru_cache(maxsize=1024)
def _head_reading(char: str, agreement: float = _HEAD_AGREEMENT) -> str | None:
    """How the phrases that begin with ``char`` read it, when enough of them agree; else None (pypinyin's
    130,000 phrases and CC-CEDICT's, counted in ``lexicon.head_readings``).

    >>> _head_reading("长"), _head_reading("重")
    ('cháng', None)
    """
    return _agreed(_counted(head_readings().get(char)), agreement)


@functools.lru_cache(maxsize=1024)
def _tail_reading(char: str, agreement: float = _HEAD_AGREEMENT) -> str | None:
    """How the phrases that end with ``char`` read it, when enough of them agree; else None (``lexicon.tail_readings``).

    >>> _tail_reading("差"), _tail_reading("差", 0.5), _tail_reading("杠")
    (None, 'chā', 'gàng')
    """
    return _agreed(_counted(tail_readings().get(char)), agreement)


def _counted(entries: tuple[str, ...]) -> Counter[str]:
    """A kept table's `reading count` entries as counts."""
    return Counter({reading: int(count) for reading, count in (entry.split() for entry in entries)})


def _agreed(counts: Counter[str], agreement: float) -> str | None:
    """The reading a character's phrases give it most, if they are enough and that share of them agrees."""
    if counts.total() < _HEAD_PHRASES:
        return None
    reading, count = counts.most_common(1)[0]
    return reading if count >= agreement * counts.total() else None


def occurrences(text: str, needle: str) -> list[int]:
    """Where ``needle`` starts in ``text``, left to right without overlaps (as ``str.count`` counts them); plain
    ``find``, so no pattern is compiled per needle.

    >>> occurrences("aaaa 世界模型 世界模型", "aa"), occurrences("世界模型，世界模型", "世界模型")
    ([0, 2], [0, 5])
    """
    found, at = [], text.find(needle)
    while at != -1 and needle:
        found.append(at)
        at = text.find(needle, at + len(needle))
    return found


# Quote marks and a title's marks a writer puts inside a term (`“无菌驾驶舱”规则`, `《巴黎协定》第六条`), which its form
# leaves out.
_OPENING, _CLOSING = "“「『《〈", "”」』》〉"
_MARKS_INSIDE = _OPENING + _CLOSING


def without_marks(form: str) -> str:
    """``form`` without the quote marks inside it: `“金发姑娘”区` is the term 金发姑娘区 (``spans_of`` finds it back).

    >>> without_marks("“金发姑娘”区")
    '金发姑娘区'
    """
    return form.translate(_NO_MARKS)


_NO_MARKS = str.maketrans("", "", _MARKS_INSIDE)


def spans_of(text: str, form: str) -> list[tuple[int, int]]:
    """Where ``form`` stands in ``text`` (``occurrences``), or, where it stands nowhere as written, with quote marks
    between its characters: the extractor writes `“无菌驾驶舱”规则（sterile cockpit rule）` as 无菌驾驶舱规则.

    >>> text = "即“无菌驾驶舱”规则（sterile cockpit rule）"
    >>> [text[s:e] for s, e in spans_of(text, "无菌驾驶舱规则")], spans_of("规则与规则", "规则")
    (['“无菌驾驶舱”规则'], [(0, 2), (3, 5)])
    """
    found = [(at, at + len(form)) for at in occurrences(text, form)]
    if found or not form or not any(mark in text for mark in _MARKS_INSIDE):
        return found
    at = text.find(form[0])
    while at != -1:
        end, k = at, 0
        while end < len(text) and k < len(form) and (text[end] == form[k] or (k and text[end] in _MARKS_INSIDE)):
            k += text[end] == form[k]
            end += 1
        if k == len(form):
            opened = at > 0 and text[at - 1] in _OPENING and _CLOSING[_OPENING.index(text[at - 1])] in text[at:end]
            found.append((at - opened, end))  # the quote the writer opened before the term goes with it
        at = text.find(form[0], end if k == len(form) else at + 1)
    return found


def link_target(url: str | None) -> str | None:
    """``url`` made safe to link to from Markdown, HTML and Anki alike, or None when it is no web address
    (`javascript:…`, `file:…`, text): only http and https become links, and the characters that could end a
    link or open a tag are percent-encoded.

    >>> link_target("https://a.example/ep 1?t=3s&x=(1)"), link_target("javascript:alert(1)//")
    ('https://a.example/ep%201?t=3s&x=%281%29', None)
    >>> link_target("https://a.example/)<img/src=x/onerror=alert(1)>")
    'https://a.example/%29%3Cimg/src=x/onerror=alert%281%29%3E'
    """
    from urllib.parse import quote, urlsplit

    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=":/?#[]@!$&*+,;=%~-._")


def format_time(seconds: float | None) -> str:
    """``mm:ss``, or ``h:mm:ss`` past the hour; empty for no time.

    >>> format_time(3723.0), format_time(28), format_time(None)
    ('1:02:03', '00:28', '')
    """
    if seconds is None:
        return ""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


@functools.lru_cache(maxsize=1)
def load_jieba():  # type: ignore[no-untyped-def]
    """jieba, imported on first use and kept quiet, its dictionary read from the cache folder
    (``lexicon``): the one place it is set up (extraction's tokenizer, the ranking's term tokenizer and
    wordfreq's Chinese tokenizer all come through here)."""
    jieba = imported_jieba()
    jieba.setLogLevel(logging.WARNING)
    jieba_words().serve(jieba.dt)
    return jieba


def plural(count: int, noun: str) -> str:
    """``1 term``, ``2 terms``.

    >>> plural(1, "term"), plural(0, "note")
    ('1 term', '0 notes')
    """
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _toneless(text: str) -> str:
    pypinyin = pypinyin_for(text)
    return " ".join(pypinyin.lazy_pinyin(text, style=pypinyin.Style.NORMAL))


@functools.lru_cache(maxsize=65_536)  # a deck tags each note with its episode, thousands of times
def slugify(text: str, limit: int = 80) -> str:
    """A safe file-name slug: lowercase ASCII letters, digits and hyphens, Chinese as pinyin.

    >>> slugify("Ep 12: Tomás Ruiz on World Models"), slugify("AI 进展加速：计算"), slugify("？？")
    ('ep-12-tomas-ruiz-on-world-models', 'ai-jin-zhan-jia-su-ji-suan', 'untitled')
    >>> slugify("从 BPE、WordPiece 到 SentencePiece")  # punctuation of any script parts words
    'cong-bpe-wordpiece-dao-sentencepiece'
    """
    if HAN_RE.search(text):
        text = remembered("toneless", text, _toneless)
    text = _NOT_WORD.sub(" ", text)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "untitled"


_NOT_WORD = re.compile(r"[^\w\s]|_")  # punctuation and symbols of any script: `、` between two words parts them

_CHINESE_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
_CHINESE_NUMBER = re.compile(r"\d+|[零一二两三四五六七八九十百千]+")


def chinese_number(token: str) -> int | None:
    """The value of a number in digits or in Chinese numerals (7, 十二, 二十五, 一百), or in numerals read digit by
    digit (九九六 is 996, 二零二四 2024); None for anything else.

    >>> chinese_number("二十五"), chinese_number("九九六"), chinese_number("二零二四"), chinese_number("两")
    (25, 996, 2024, 2)
    """
    if token.isascii() and token.isdigit():
        return int(token)
    if not token or any(c not in _CHINESE_DIGITS and c not in _CHINESE_UNITS for c in token):
        return None
    if len(token) > 1 and not any(c in _CHINESE_UNITS for c in token):
        return int("".join(str(_CHINESE_DIGITS[c]) for c in token))
    total, digit = 0, None
    for c in token:
        if c in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[c]
        else:
            total, digit = total + (1 if digit is None else digit) * _CHINESE_UNITS[c], None
    return total + (digit or 0)


# The numbers English writes in words (`twelve-factor app`, `third-party`, `a dozen`): a term may hold them in Chinese.
NUMBER_WORDS = {
    **{word: n for n, word in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)},
    **{word: n for n, word in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)},
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "dozen": 12,
}  # fmt: skip
NUMBER_WORD = re.compile(rf"\b(?:{'|'.join(NUMBER_WORDS)})\b", re.IGNORECASE)  # one of them, as a word


def numbers_said(zh: str) -> set[int | None]:
    """The numbers ``zh`` says, in digits or in Chinese numerals (千 is 1000)."""
    return {chinese_number(n) for n in _CHINESE_NUMBER.findall(zh)}
