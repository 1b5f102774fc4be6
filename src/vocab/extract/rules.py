"""The named rules that read a bracket pair as a gloss, and the registry of every rule, in order.

``BRACKET_RULES`` is applied in order to every bracket pair outside masked text; the first rule
that returns a Verdict decides. A Verdict with no drafts is a rejection, and its rule name says
why (``vocab extract --trace`` prints them). Rejections come first, so that an example, an alias
or an aside is never read as a gloss however term-like its words are.
"""

from __future__ import annotations

import dataclasses
import re
from itertools import pairwise

from ..identity import acronym_of, simplified
from ..models import Direction, GlossKind
from ..text import (
    ACCENTED,
    HAN,
    HAN_RE,
    LATIN_RE,
    NAME_DOTS,
    NUMBER_WORD,
    NUMBER_WORDS,
    is_pinyin,
    is_reading,
    spans_of,
    without_marks,
)
from .boundaries import romanises, trim_chinese, trim_english
from .brackets import CLOSE_QUOTES, MARKUP, OPEN_QUOTES, TEXT
from .candidate import LABEL_EN, LABEL_ZH, REJECT, TRIM, Candidate, Draft, Rule, Verdict
from .chinese import STOP_CHARS, tagged_verb, word_tag, word_tokens_of
from .dictionary import (
    covered_words,
    is_headword,
    lower_case_english,
    names_company,
    names_nothing,
    names_person,
    surnames_in,
)
from .english import EN_STOP_WORDS, chinese_words_for
from .rejects import (
    is_quantity,
    reject_aliases,
    reject_asides,
    reject_clauses,
    reject_code,
    reject_examples,
    reject_numbers,
    reject_symbols,
)
from .runs import Run, run_before

# An acronym, or a one-letter symbol (Latin or Greek, perhaps counted), after a comma: `（Multi-Agent System, MAS）`,
# `（Policy, π）`, `（standard deviation，1σ）`.
_ACRONYM_ALIAS = re.compile(
    r"\s*[,，;；]\s*(?:[a-z]{0,2}(?:\d{1,3}-)?\d?[A-Z][A-Za-z0-9&/-]*[A-Z][A-Za-z0-9₀-₉]*s?(?:-[a-z]{2,})?|[A-Z]\d+[a-z]?"
    r"|[A-Z]-[a-z]{2,}|\d?[A-Za-z\u0370-\u03ff])$"
)  # SFT, 2PC, 12-TET, qPCR, RNA-seq; C2 (command and control), K8s; U-value (thermal transmittance); 1σ; SO₂
# Another English name said to be one after a comma: `（transparent lacquer, also called clear lacquer）`.
_NAMED_ALIAS = re.compile(
    r"\s*[,，;；]\s*(?:(?:also|sometimes|often|commonly)\s+(?:called|known\s+as|named)|a\.?k\.?a\.?|or(?:\s+simply)?)\s+"
    r"(?=[A-Za-z])",
    re.IGNORECASE,
)
_COLON = re.compile(r"\s*[:：]\s*")
_DASH = re.compile(r"\s*(?:——|—|--)\s*")  # `（consolidate——让翘起的颜料层重新贴回底层）`: a Chinese note after a dash
_ABBREVIATED_AS = re.compile(r"(?:简称|簡稱|缩写|縮寫|简写|簡寫)(?:为|為|是)?\s*([A-Za-z][A-Za-z0-9&-]*)")  # `簡稱 LTV`
_ABBREVIATED_LAST = re.compile(r"\s*[,，]\s*" + _ABBREVIATED_AS.pattern + r"\s*$")  # the same, last in the English
_COMMA = re.compile(r"\s*[,，]\s*")
_LAST_COMMA = re.compile(r"\s*[,，]\s*(?=[^,，]*$)")
# A Chinese part that reads as a clause, not a term's translation: it opens with 把 / 将 or a person, or with 不
# before a verb (`不禁止任何选项，…`), or ends by denying (`記憶體唔夠，…`): the comma after it is the explanation's.
_CLAUSE_HEAD = re.compile(
    r"^\s*(?:把|将|將|自己|我|你|他|她|不(?![可同透断斷间間变變]))|(?:不|没|沒|唔|冇)\S?\s*$"
    # a condition or a time: `一旦消失，…`, `做动作的时候，…`, `数据到手以后，…`
    r"|^\s*(?:一旦|如果|假如|要是|只要|每当|每當)|(?:时候|時候|的话|的話|[以之][后後前])\s*$"
    # a thing described, not named: `ping（一次短促的声脉冲，接收方靠它…）`, `（一种用舌根当活塞的…）`
    r"|^\s*一(?:种|種|个|個|次|套|款|类|類|件|条|條|段|組|组)[^，,]*的"
)
# A preposition that makes the Chinese a clause wherever it stands: `晚上把窗户全打开，…` (把 and 被 are in no term
# a bracket explains with a comma); so do a reflexive pronoun (`团队自己出钱起步，…`) and an adverb of degree
# (`对环境很挑剔，…`), a verb's complement (`拧得太猛，…`), an adverb of time (`手上还在做这一组，…`) and one that says
# what is so in fact (`基因其实有表达，却…`): they describe, as no translation of a term does.
_CLAUSE_PREPOSITIONS = frozenset("把 被 自己 很 太 非常 得 还 已经 正在 其实 实际上 本来".split())
# A coverb that opens a clause when it is the Chinese's first word: `按成本加价，…` (``word_tokens_of`` simplifies).
_CLAUSE_OPENERS = frozenset("从 由 给 用 按 在 对 向 跟 通过 透过 针对 对于 为了 根据 按照 依照 沿着".split())
# Words that make a bracketed Chinese a description rather than an equivalent.
_CLAUSE = re.compile(
    r"但|而且|并且|并非|很|非常|几乎|能够|可以|用于|用来|用以|一种|指的是|是指|意味着|意思是|意思就是"
    r"|^\s*(?:都|也|就|还|正)?是(?![否非])"  # `ANNOVAR（都是注释工具）`: says what it is, as `runway（就是…）` does
)
_NAME_DOT = re.compile(rf"[\u3400-\u9fff][{NAME_DOTS}][\u3400-\u9fff]")  # the dot of a transliterated name
# Sean, LeCun, Chia-jung, Fei-Fei, an initial
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?:[A-Z][a-z]+)*|[A-Z]\.")
# A title and a name: `Mr. Chan（陳老師）`, `Prof. Wang`, `Dr Ruth Okafor`
_TITLED_NAME = re.compile(
    r"(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Miss|Sir|Dame)\.?\s+(?:[A-Z][a-z]+(?:[-'][A-Za-z]+)?\s?){1,3}"
)
# A company's legal name, by the designator it ends with: `Hengxing Shipping Agency Co., Ltd.（恒行船务代理有限公司）`
_COMPANY_EN = re.compile(r"(?:\b(?:Co|Corp|Inc|Ltd|LLC|GmbH|PLC|Pte)\.?|\bLimited|\bIncorporated)$")
_COMPANY_ZH = ("有限公司", "有限責任公司", "有限责任公司", "股份公司")
MAX_EN_WORDS = 6  # a longer English bracket after Chinese is a quoted sentence, not a term
# ... unless it glosses a Chinese term whole, as a title or a policy's name may be long (`heat transfer across a
# finite temperature difference`, `self-consumption with surplus fed into the grid`): a sentence is caught by its verb
MAX_EN_TERM_WORDS = 8
MAX_MIXED_TAIL = 6  # Chinese characters after a term's last English word (`FOMO 情绪`): more make a clause
JOIN_REACH = 80  # characters before a term searched for English words that 的/和 join to it


_NOTE = re.compile(r"^\s*(?P<label>中文|汉语|英文|英语)\s*[:：]\s*")


def note_definition(c: Candidate) -> Verdict | None:
    """A note after a term: `“**主动性（Agency）**”（中文: 主动性/能动性: 指…）` gives the gloss before it
    its definition; `**Transformers**（英文: Transformers: 一种…）` glosses an English term with a
    Chinese explanation and no Chinese term."""
    note = _NOTE.match(c.inner)
    if not note:
        return None
    term, definition = _split_once(c.inner[note.end() :], _COLON)
    term = term.strip()
    definition = _clean_zh(definition) if definition else None
    previous = c.previous
    if previous is not None and _only_marks_between(c, previous.close + 1, c.pair.open):
        if definition and not previous.definition:
            return Verdict(previous=dataclasses.replace(previous, definition=definition))
        return REJECT
    if definition is None or c.before_script() != "en":
        return None  # a labelled gloss, `强化学习（英文：reinforcement learning）`: the main rules read it
    run = c.run("en")
    en = trim_english(run, term, c.english_context) if run else None
    if not en:
        return REJECT
    if note["label"] in ("英文", "英语"):
        draft = _draft(c, en, None, definition, Direction.EN_ZH, GlossKind.EXPLANATION, "note_definition")
    else:
        draft = _draft(c, en, _clean_zh(term), definition, Direction.EN_ZH, GlossKind.TRANSLATION, "note_definition")
    return Verdict((draft,))


def parallel_alternatives(c: Candidate) -> Verdict | None:
    """`甲 / 乙 (Alpha / Beta)`, `预训练与微调（Pre-training, Fine-tuning）`: as many terms before the bracket
    as alternatives inside, paired in order; written tight on both sides, `检查点/重启（checkpoint/restart）`, the
    alternatives are one term's two forms, one gloss."""
    inner = LABEL_EN.sub("", LABEL_ZH.sub("", c.inner, count=1), count=1)
    if (joined := _joined_pairs(c, inner)) is not None:
        return joined
    parts = [p.strip(TRIM) for p in re.split(r"\s*/\s*", inner)]
    script = c.before_script()
    if len(parts) < 2 or script is None or not all(parts):
        return None
    inner_script = "zh" if all(HAN_RE.search(p) for p in parts) else "en"
    if inner_script == script or (inner_script == "en" and any(HAN_RE.search(p) for p in parts)):
        return None
    terms: list[Run] = []
    pos = c.pair.open
    for _ in parts:
        run = c.run(script) if pos == c.pair.open else run_before(c.text, c.kinds, pos, script)
        if run is None:
            return None
        terms.insert(0, run)
        slash = run.start - 1
        while slash >= 0 and c.text[slash] == " ":
            slash -= 1
        pos = slash
        if len(terms) < len(parts) and (slash < 0 or c.text[slash] != "/"):
            return None
    drafts = []
    for run, part in zip(terms, parts, strict=True):
        if script == "zh":
            zh, en, direction = trim_chinese(run, part, c.repeats, c.translation), part, Direction.ZH_EN
        else:
            zh, en, direction = part, trim_english(run, part, c.english_context), Direction.EN_ZH
        if not zh or not en:
            return None
        drafts.append(_draft(c, en, zh, None, direction, GlossKind.TRANSLATION, "parallel_alternatives"))
    if _TIGHT_SLASH.search(inner) and not re.search(r"\s/|/\s", c.text[terms[0].start : terms[-1].end]):
        # `检查点/重启（checkpoint/restart）`, `正向/反向引物（forward/reverse primer）`: one term with two forms
        first = drafts[0].zh if script == "zh" else drafts[0].en
        start = terms[0].end - len(first or "")
        whole, other = c.text[start : terms[-1].end], "/".join(parts)
        zh, en = (whole, other) if script == "zh" else (other, whole)
        return Verdict((_draft(c, en, zh, None, drafts[0].direction, GlossKind.TRANSLATION, "parallel_alternatives"),))
    return Verdict(tuple(drafts))


_TIGHT_SLASH = re.compile(r"^[^/\s](?:[^/]*[^/\s])?/[^/\s]")  # `A/B`, not `A / B`


def _joined_pairs(c: Candidate, inner: str) -> Verdict | None:
    """Chinese terms joined by 与 (與)/和/及/、 before a bracket of as many English terms separated by commas."""
    parts = [p.strip(TRIM) for p in _COMMA.split(inner)]
    if len(parts) < 2 or c.before_script() != "zh" or _without_alias(inner) != inner:
        return None
    if not all(p and LATIN_RE.search(p) and not HAN_RE.search(p) and len(p.split()) <= 3 for p in parts):
        return None
    if _LAST_JOINED.search(parts[-1]):  # `containment, eradication and recovery`: one enumeration, one term
        return None  # (``_enumeration``), not two parts paired with the last two Chinese words
    run = _listed_run(c, c.run("zh"))
    pieces = re.split(r"(与|與|和|及|、)", run.text) if run else []
    if len(pieces) < 2 * len(parts) - 1:
        return None
    assert run is not None
    at = len(pieces) - (2 * len(parts) - 1)  # the first term's piece: the run before it may hold more words
    terms = pieces[at::2]
    end = run.end - len("".join(pieces[at + 1 :]))
    first = trim_chinese(Run(end - len(terms[0]), end, terms[0], False), parts[0], c.repeats, c.translation)
    if not first or not all(terms[1:]):
        return None
    drafts = [
        _draft(c, en, zh, None, Direction.ZH_EN, GlossKind.TRANSLATION, "parallel_alternatives")
        for en, zh in zip(parts, [first, *terms[1:]], strict=True)
    ]
    return Verdict(tuple(drafts))


_LAST_JOINED = re.compile(r"\s(?:and|or|&)\s", re.IGNORECASE)


def _listed_run(c: Candidate, run: Run | None) -> Run | None:
    """``run`` with the runs an enumeration comma joins to it (`去重、归一化`): a run stops at punctuation, and 、 is
    punctuation. What a quote holds is one term (`「先上线、再优化」`), and is left alone."""
    while run is not None and not run.delimited and run.start > 0 and c.text[run.start - 1] == "、":
        before = run_before(c.text, c.kinds, run.start - 1, "zh")
        if before is None or before.delimited or (before.start > 0 and c.text[before.start - 1] in OPEN_QUOTES):
            break
        run = Run(before.start, run.end, f"{before.text}、{run.text}", False)
    return run


_QUOTE_PAIRS = {"」": "「", "』": "『", "”": "“", '"': '"'}
_QUOTE_REACH = 24  # characters a quoted enumeration may hold


def _enumeration(c: Candidate, run: Run, en: str) -> str | None:
    """A Chinese enumeration (、) that an English one of as many parts (split by commas) glosses whole: one term,
    not its last item: `不动产、厂房和设备（property, plant and equipment）`; the first item cut as a term is
    (`先说前提，不动产`). Quoted, the whole quote, whatever the English's parts: `“自发自用、余电上网”（self-consumption
    with surplus fed into the grid）`, `“吹、拍、喊”（blow, tap, talk）`."""
    between = c.text[run.end : c.pair.open].strip()
    if between in _QUOTE_PAIRS:  # the whole quote, where it holds an enumeration: a quote marks one unit
        opening = c.text.rfind(_QUOTE_PAIRS[between], max(0, run.start - _QUOTE_REACH), run.start)
        quoted = c.text[opening + 1 : run.end] if opening != -1 else ""
        items = quoted.split("、")
        return quoted if len(items) > 1 and all(HAN_RE.match(item[:1]) for item in items) else None
    parts = [part for part in _COMMA.split(en) if part.strip()]
    if len(parts) < 2:
        return None
    listed = _listed_run(c, run)
    pieces = listed.text.split("、") if listed else []
    if len(pieces) != len(parts) or not all(pieces):
        return None
    assert listed is not None
    first = trim_chinese(Run(listed.start, listed.start + len(pieces[0]), pieces[0], False), parts[0], c.repeats)
    return "、".join([first, *pieces[1:]]) if first else None


_CLAUSE_BEFORE = re.compile(r"([A-Za-z][\w'’ -]*[\w'’])\s*[,，]\s*$")


def _whole_sentence(text: str, start: int, sentence: str, zh: str) -> str:
    """A quoted English sentence, translated whole, with the clauses before it that a comma joins when the
    Chinese has as many: `It's a shock，this thing is amazing（这太令人震惊了，这东西太神奇了）`."""
    commas = len(re.findall(r"[,，]", zh))
    while commas and (match := _CLAUSE_BEFORE.search(text[:start])):
        sentence, start, commas = text[match.start() : start] + sentence, match.start(), commas - 1
    return sentence.strip()


# English words joined to the term by a Chinese 的 or 和: `scalable 和 general 的 architecture`.
_JOINED_ENGLISH = re.compile(r"([A-Za-z][\w'-]*(?:[ ]+[A-Za-z][\w'-]*)*)[ ]*(?:的|和|与|與)[ ]*$")


def _with_joined_english(before: str, en: str, zh: str) -> str:
    """``en`` with the English words that 的/和 join to it before, when the Chinese translates at least
    half of the words they add (the dictionary says): `fundamental 的 blocker（根本性阻碍因素）`, but not
    `shared world model 和 hierarchical world model（分层世界模型）`, whose gloss translates only the term's own
    words."""
    term, rest = en, before
    while match := _JOINED_ENGLISH.search(rest):
        own = {w.casefold() for w in re.findall(r"[A-Za-z]+", term)}
        added = [w for w in re.findall(r"[A-Za-z]+", match[1]) if len(w) >= 3 and w.casefold() not in own]
        said = covered_words(word_tokens_of(zh), added, characters=False)  # 流 of 流式 is `class`, not `classifier`
        if not added or 2 * len(said) < len(added):
            break
        term, rest = rest[match.start() :].strip() + " " + term, rest[: match.start()]
        term = re.sub(r"\s*(的|和|与|與)\s*", r" \1 ", term).strip()
    return term


# Words that make a Chinese gloss a sentence: particles, pronouns, the copula, adverbs of degree.
_CLAUSE_WORDS = frozenset("了 吗 呢 吧 你 我 他 她 我们 你们 他们 是 就是 实在 太 得 只是 真的".split())


# A head that says what kind of word the English is (jargon, an abbreviation, a French word), not what it means.
_SAYS_WHAT_WORD = re.compile(r"(?:行话|黑话|俚语|术语|说法|叫法|简称|缩写|略称|俗称|外来[词语]|[语文]词|单词|口语)\s*$")
_COPULAS_SAYING = frozenset("是 就是 即是 也是 都是".split())  # words of their own (但是, 还是 and 总是 are others)
_DEFINING = frozenset("指 专指 特指 泛指 意指 意为 意即".split())  # `rastral size（指谱表的高度规格，名字来自…）`


def _opens_as_clause(head: str, english: str = "") -> bool:
    """The Chinese before a comma or colon in a bracket after ``english`` opens an explanation, not a translation: it
    is long, or it reads as a clause (``_CLAUSE_HEAD``, ``_CLAUSE_PREPOSITIONS``, ``_CLAUSE_OPENERS``, an adverb the
    English does not say)."""
    if len(HAN_RE.findall(head)) > _head_most(english) or _CLAUSE_HEAD.search(head):
        return True
    if len(HAN_RE.findall(head)) >= _DESCRIBED_HEAD and ("、" in head or "的" in head):
        return True  # `tilt（心態崩掉、越輸越急，…）`, `cheese（出其不意的奇招，…）`: a description, then more of it
    if _SAYS_WHAT_WORD.search(simplified(head)):
        return True  # `going through（司机的行话，指…）`, `paludier（法语词，专指…）`: what kind of word, then sense
    words = word_tokens_of(head)
    if _COPULAS_SAYING.intersection(words):
        return True  # `kite（字面是“风筝”，因为…）`: what the word says, then why: one explanation
    if words and words[0] in _DEFINING:
        return True  # `rastral size（指谱表的高度规格，名字来自…）`: what it refers to, then more: one explanation
    if len(words) > 2 and word_tag(words[0]) == "d" and not covered_words(words[:1], english.split()):
        return True  # `firefighting（到處處理突發狀況，…）`: an adverb opens a doing (终身 is `lifelong`)
    inside = [w for w, verb in pairwise(words[1:]) if len(w) > 1 and word_tag(w) == "d" and word_tag(verb)[:1] == "v"]
    if inside and not covered_words(inside, english.split()):
        return True  # `drawbore（销孔故意错开一点，…）`: an adverb before a verb past the first word, a doing
    if _says_what_happens(head, words, english):
        return True  # `dry socket（血凝块过早脱落，牙槽骨直接暴露…）`: what happens, then more of it: one explanation
    return bool(_CLAUSE_PREPOSITIONS.intersection(words)) or (bool(words) and words[0] in _CLAUSE_OPENERS)


def _says_what_happens(head: str, words: list[str], english: str) -> bool:
    """The Chinese before the comma is a clause, long, with a verb after its first word (jieba's tags): someone or
    something doing (`嘴里发出嘘嘘声`, `工厂不光负责生产`), no name of a thing, whose compounds are shorter
    (`虚拟执行时间`, `底部填充胶`); an acronym's expansion may be long and hold a verb (`分层可导航小世界图`)."""
    if len(HAN_RE.findall(head)) < _CLAUSE_LEAST or _ACRONYM_LETTERS.fullmatch(english.strip()):
        return False
    return any(word_tag(word) in _PREDICATES for word in words[1:])


_CLAUSE_LEAST = 7  # Chinese characters of a clause that says what happens (a term's name with a verb is shorter)
_PREDICATES = frozenset(("v", "vd", "vi", "vg"))  # jieba's verbs, not its nominal ones (vn)


_DESCRIBED_HEAD = 6  # Chinese characters from which a part with 、 or 的 describes rather than names
_HEAD_MOST = 8  # Chinese characters of a translation before a comma, for an English of up to four words


def _head_most(english: str) -> int:
    """The most Chinese characters a translation of ``english`` may take before a comma: eight, or for an acronym two
    per letter and one more, each letter a word written out (`HNSW（分层可导航小世界图，一种多层的近邻图…）`)."""
    letters = _ACRONYM_LETTERS.fullmatch(english.strip())
    return max(_HEAD_MOST, 2 * len(letters[1]) + 1) if letters else _HEAD_MOST


_ACRONYM_LETTERS = re.compile(r"([A-Z]{2,6})s?")


def _english_before(c: Candidate) -> str:
    run = c.run("en")
    return run.text if run else ""


def _reads_as_clause(zh: str) -> bool:
    """The Chinese translates a sentence, not a term: `太多了`, `你得有一些知识`, `代价实在太大`."""
    return bool(_CLAUSE_WORDS.intersection(word_tokens_of(zh)))


def _abbreviates(acronym: str, expansion: str) -> bool:
    """``acronym`` is spelled by ``expansion``: its first letter starts it, and its capitals follow in order.

    >>> _abbreviates("SFT", "Supervised Fine-Tuning"), _abbreviates("FLOPs", "Floating Point Operations")
    (True, True)
    >>> _abbreviates("Scaling", "Supervised Fine-Tuning"), _abbreviates("XSS", "cross-site scripting")
    (False, True)
    """
    letters = [ch.casefold() for ch in acronym if ch.isupper()]
    if len(letters) < 2 or sum(ch.isupper() for ch in acronym) < len(acronym.rstrip("s")) - 2:
        return False
    written = expansion.casefold()
    rest = iter(written)
    return written.startswith(letters[0]) and all(ch in rest for ch in letters) or acronym_of(acronym, expansion)


def _expansion_after(written: str, acronym: str) -> str:
    """The English an acronym's bracket spells out after it (`PCA, principal component analysis`), else the
    acronym: the words, not the letters, say how far the Chinese term reaches."""
    tail = written[len(acronym) :].lstrip(" ,，") if written.startswith(acronym) else ""
    return tail if tail and _abbreviates(acronym, tail) else acronym


_FORMULA_SYMBOL = re.compile(r"[A-Za-z]{1,2}(?:[½⅓¼¾]|\d+\s*[/⁄]\s*\d+|_\{?\w{1,4}\}?)")


def _without_alias(english: str) -> str:
    """The English without its alias: a trailing acronym after a comma, or an abbreviation spelled from the
    phrase's own letters, beginning with a word's first letter (`mmap`, `Ta` of `annealing temperature`).

    >>> _without_alias("Supervised Fine-Tuning, SFT"), _without_alias("memory-mapped，mmap")
    ('Supervised Fine-Tuning', 'memory-mapped')
    >>> _without_alias("tokens, words"), _without_alias("PCA, principal component analysis")
    ('tokens, words', 'PCA')
    >>> _without_alias("drag coefficient，Cd"), _without_alias("moment magnitude，Mw")
    ('drag coefficient', 'moment magnitude')
    >>> _without_alias("pre-production sample，PP sample")
    'pre-production sample'
    >>> _without_alias("marbled lacquer, also called rhinoceros-skin lacquer")
    'marbled lacquer'
    >>> _without_alias("bibliography, or catalog studies")
    'bibliography'
    >>> _without_alias("best of three, Bo3")
    'best of three'
    >>> _without_alias("sulfur dioxide，SO₂"), _without_alias("optical size，`opsz`")
    ('sulfur dioxide', 'optical size')

    An acronym written first keeps its place, and its expansion after the comma is the alias.
    """
    if named := _NAMED_ALIAS.search(english):
        return english[: named.start()]
    head, tail = _split_once(english, _COMMA)
    if tail is not None and _abbreviates(head.strip(), tail) and " " in tail.strip():
        return head.strip()
    if _ACRONYM_ALIAS.search(english):
        return _ACRONYM_ALIAS.sub("", english)
    head, tail = _split_once(english, _LAST_COMMA)
    if tail is not None and _shortened(tail.strip(), head.strip()):
        return head
    if tail is not None and _FORMULA_SYMBOL.fullmatch(tail.strip()):
        return head  # a formula's symbol: `half-life，t½`, `clearance, CL_r`
    tail = tail and tail.strip().removeprefix("`").removesuffix("`")  # an axis's tag as code: `opsz`
    if tail is None or not re.fullmatch(r"[A-Za-z][a-z0-9]+", tail):
        return english
    counted = NUMBER_WORD.sub(lambda m: str(NUMBER_WORDS[m[0]]), head.casefold())  # `Ao5` of `average of five`
    letters, short = re.sub(r"[^a-z0-9]", "", counted), tail.casefold()
    initials = {word[0] for word in re.findall(r"[a-z0-9]+", counted)}
    rest = iter(letters[letters.find(short[0]) + 1 :])
    if short[0] in initials and len(short) * 2 <= len(letters) and all(ch in rest for ch in short[1:]):
        return head
    if len(short) == 2 and short[0] != short[1] and set(short) <= initials:
        return head  # a symbol of two initials in either order: `Cd` of `drag coefficient`
    if re.fullmatch(r"[A-Z][a-z]", tail) and " " in head.strip() and short[0] in initials:
        return head  # a quantity's symbol with its subscript: `Mw` of `moment magnitude`
    return english


def _shortened(alias: str, english: str) -> bool:
    """``alias`` is ``english`` with its first words cut to an acronym: `PP sample` of `pre-production sample`,
    `QA team` of `quality assurance team`."""
    acronym, _, words = alias.partition(" ")
    if not words or not english.casefold().endswith(" " + words.casefold()):
        return False
    return _abbreviates(acronym, english[: -len(words)].strip())


def mixed_term_zh_gloss(c: Candidate) -> Verdict | None:
    """An English term written with Chinese after it, glossed in Chinese: `the faithfulness 的能力（对原始信息的
    忠实度）`, `Omni 的模型（全模态模型）`, `强 FOMO 情绪（Fear of Missing Out，害怕错过）`.

    The term runs from its first English word to the bracket. It is taken only where the bracket can be seen
    to translate it: the dictionary finds half its English words there, or the bracket repeats its Chinese
    word (or ends with the one character after an acronym), or the English before a comma in the bracket spells its
    acronym.
    """
    if c.before_script() != "zh" or not HAN_RE.search(c.inner):
        return None
    run = c.run("zh")
    first = LATIN_RE.search(run.text) if run else None
    if run is None or first is None:
        return None  # the common case, a Chinese run with no English in it, is settled first
    inner = LABEL_ZH.sub("", c.inner, count=1)
    head, defined = _split_once(inner, _COLON)
    if defined is not None and HAN_RE.search(defined) and LATIN_RE.search(head) and not HAN_RE.search(head):
        return None  # `N+1 查询（N+1 query：先查出…）`: English that translates the term, a definition after it
    expansion, zh = _split_once(inner, _COMMA)
    if zh is None or HAN_RE.search(expansion) or not LATIN_RE.search(expansion):
        expansion, zh = "", inner
    if not HAN_RE.search(zh):
        return None
    term = re.sub(r"^(?:the|a|an)\s+", "", run.text[first.start() :], flags=re.IGNORECASE)
    english = re.findall(r"[A-Za-z][A-Za-z'-]*", term)
    if not english:
        return None
    tail = HAN_RE.findall(term[term.rfind(english[-1]) :])
    if len(tail) > MAX_MIXED_TAIL:
        return None  # `Aster 4 完成一次调用平均只要 180 毫秒（上一代是…）`: a clause after a name, not a term
    content = [w for w in english if len(w) >= 3]
    translated = bool(content) and 2 * len(covered_words(word_tokens_of(zh), content)) >= len(content)
    repeated = any(len(w) >= 2 and w in zh for w in word_tokens_of("".join(tail)))
    # A one-character head after an acronym that the translation ends with: `EPS 口（应急电源口）`.
    headed = len(tail) == 1 and zh.strip(TRIM).endswith(tail[0]) and sum(ch.isupper() for ch in english[-1]) >= 2
    # An expansion that says the acronym itself translates the whole term: `PID 控制器（PID controller，…）`.
    said = set(expansion.casefold().split())
    spelled = bool(expansion) and any(_abbreviates(w, expansion) and w.casefold() not in said for w in english)
    if not (translated or repeated or headed or spelled) or len(english) > MAX_EN_WORDS:
        return None
    draft = _draft(c, term, _clean_zh(zh), None, Direction.EN_ZH, GlossKind.TRANSLATION, "mixed_term_zh_gloss")
    return Verdict((draft,))


def zh_term_en_gloss(c: Candidate) -> Verdict | None:
    """`泛化(generalization)`, `**计算能力**（Compute Power）`, `**涌现属性**（Emergent Properties: 指…）`.

    The bracket holds English (and perhaps a Chinese definition after a colon); the Chinese term
    before it may carry English words the bracket has too (`KV 缓存（KV cache）`). A trailing
    acronym or abbreviation is an alias, not part of the term: `（Supervised Fine-Tuning, SFT）`,
    `（memory-mapped，mmap）`.
    """
    inner = _pinyin_before(LABEL_EN.sub("", c.inner_unmarked, count=1))[1]
    head, definition = _split_once(inner, _COLON)
    if definition is None:
        head, definition = _noted_after_dash(inner)
    english_definition = definition is not None and LATIN_RE.search(definition) and not HAN_RE.search(definition)
    if english_definition and not _defined_in_english(str(head), str(definition)):
        head, definition = inner, None  # `（Note: this is English）` is one English phrase
    if definition is None:  # `（anchor box，以每个像素为中心的候选框）`: a Chinese definition after a comma
        first, rest = _split_once(inner, _COMMA)
        if rest is not None and HAN_RE.search(rest) and not HAN_RE.search(first):
            if c.before_script() == "en":
                return None  # `SFT（Supervised Fine-Tuning，监督式微调）`: the English term is glossed by the Chinese
            head, definition = first, rest
        elif rest is not None and _APPOSITIVE.match(rest) and _defined_in_english(first, rest):
            head, definition = first, rest  # `(new quality productive forces, the official label for …)`
    abbreviation = None
    if definition is not None and (named := _ABBREVIATED_AS.fullmatch(definition.strip())):
        definition, abbreviation = None, named.group(1)  # `（customer lifetime value，簡稱 LTV）`: an alias
    elif named := _ABBREVIATED_LAST.search(head):
        head, abbreviation = head[: named.start()], named.group(1)  # `（clearance，缩写 CL：单位时间内…）`
    if abbreviation:
        head = f"{head}, {abbreviation}"
    written = _without_quantity(" ".join(head.split()))
    en = _without_alias(written).strip(TRIM)
    if abbreviation and en == written.strip(TRIM):  # `缩写 Css`: said to be one, whatever its letters
        en = written[: written.rfind(",")].strip(TRIM)
    if not en or HAN_RE.search(en) or not LATIN_RE.search(en):
        return None
    if is_quantity(en):  # `熔解曲线分析（65–95 °C，每步 0.5 °C）`: a quantity and a note on it
        return REJECT
    if "、" in en:  # `索引类型（HNSW、IVF、PQ）`: a list of examples, not an equivalent
        return REJECT
    alias = _alias(written, en)
    if len(en.split()) > MAX_EN_TERM_WORDS and not (alias and _abbreviates(alias, en)):
        return REJECT  # a quoted sentence, unless an acronym names it (`…Ice Coring in Antarctica，EPICA`)
    run = c.run("zh")
    if run and (romanized := _ROMANIZED_TAIL.search(en)) and _romanizes_end(romanized[1], run.text):
        en, alias = en[: romanized.start()].strip(), romanized[1]  # `毛茶（crude tea，maocha）`: its pinyin, an alias
    listed = _enumeration(c, run, en) if run else None
    zh = listed or (trim_chinese(run, _expansion_after(written, en), c.repeats, c.translation) if run else None)
    if run is None or not zh:
        return REJECT
    zh = _with_slashed_form(c, run, zh)
    if definition:
        definition = _clean_zh(definition) if HAN_RE.search(definition) else _clean_en(definition)
    else:
        definition = _defined_after(c, run, zh)
    draft = _draft(c, en, zh, definition, Direction.ZH_EN, GlossKind.TRANSLATION, "zh_term_en_gloss")
    return Verdict((dataclasses.replace(draft, alias=alias),))


def _noted_after_dash(inner: str, chinese_head: bool = False) -> tuple[str, str | None]:
    """The English (or, ``chinese_head``, the Chinese of one phrase) and the Chinese note a dash sets after it, as a
    colon would (`marker（標記訊號——喺狗做啱嗰一刻…）`); else the whole bracket."""
    head, note = _split_once(inner, _DASH)
    if chinese_head:
        said = HAN_RE.search(head) is not None and not _COMMA.search(head)
    else:
        said = LATIN_RE.search(head) is not None and not HAN_RE.search(head)
    return (head, note) if note is not None and HAN_RE.search(note) and said else (inner, None)


_ROMANIZED_TAIL = re.compile(r"\s*[,，]\s*([A-Za-z][A-Za-z' -]*)$")


def _romanizes_end(written: str, run: str) -> bool:
    """``written`` is the end of ``run`` in pinyin without tones (`maocha`, `Mao Cha` of 毛茶), as CC-CEDICT reads
    a word of two to six characters there."""
    from .dictionary import readings

    letters = re.sub(r"[^a-z]", "", written.casefold())
    ends = (simplified(run[-k:]) for k in range(2, min(len(run), _ROMANIZED_MOST) + 1))
    return any(re.sub(r"[^a-z]", "", reading.casefold()) == letters for end in ends for reading in readings(end))


_ROMANIZED_MOST = 6  # characters of the longest word whose pinyin is looked up


def _with_slashed_form(c: Candidate, run: Run, zh: str) -> str:
    """The term with the Chinese word a slash joins tight to its front: a term's two forms or two halves for one
    English (`限流/限速（rate limiting）`, `力/力矩传感器（force-torque sensor）`), as the gold keeps them
    (`脚手架/框架`)."""
    slash = _term_start(run, zh) - 1
    if slash < 1 or c.text[slash] != "/" or not HAN_RE.match(c.text[slash - 1]):
        return zh
    before = run_before(c.text, c.kinds, slash, "zh")
    if before is None or before.end != slash or not (other := _last_word(before.text)):
        return zh
    if len(other) == 1 and zh.endswith(other):  # a head both forms share: 停显|液/急制液 (fresh121)
        tokens = word_tokens_of(before.text[:-1])  # (Simplified: the document's own characters are taken)
        if tokens and HAN_RE.match(tokens[-1][0]) and (tokens[-1][0] not in STOP_CHARS or is_headword(tokens[-1])):
            other = before.text[-len(tokens[-1]) - 1 :]  # 防冻|液/冷却液, whose 防 opens a word here
    return f"{other}/{zh}"


def _last_word(text: str) -> str | None:
    """The longest word (of the dictionary's or jieba's, up to four characters, no stop character first unless it is a
    dictionary's word: 埋点, whose 埋 is a Cantonese particle) that ends ``text``: the form before a slash (`限流` of
    `先做限流`, `力` of `装了力`, `埋点` of `做好埋点`)."""
    from ..lexicon import jieba_words

    for k in range(min(4, len(text)), 0, -1):
        end = simplified(text[-k:])
        known = is_headword(end)
        first_ok = end[0] not in STOP_CHARS or known and k > 1
        if HAN_RE.fullmatch(end[0]) and first_ok and (known or jieba_words().frequency(end)):
            return text[-k:]
    return None


def _pinyin_before(inner: str) -> tuple[str | None, str]:
    """The Chinese term's pinyin a bracket writes before its English, as texts for learners of Chinese do (`算力
    (suànlì, computing power)`), and the bracket without it; None and the bracket where it writes none."""
    first, rest = _split_once(inner, _COMMA)
    return (first.strip(), rest) if rest is not None and LATIN_RE.search(rest) and is_pinyin(first) else (None, inner)


# What opens an English definition after a comma: an article, or a word that says one follows.
_APPOSITIVE = re.compile(r"(?:a|an|the|i\.e\.|that is|meaning|literally)\s+\S", re.IGNORECASE)
_DEFINITION_WORDS = 3  # words an English definition has at least: `(new quality productive forces, the official …)`


def _defined_in_english(head: str, definition: str) -> bool:
    """``head`` is an English term and ``definition`` an English note on it (`intelligent computing centre: a data
    centre built for AI training`), as an English text glossing Chinese words writes them; not a label before a
    phrase (`Note: this is English`), which is one capitalised word, not a compound (`Buddha-like: relaxed…`)."""
    words = head.split()
    label = len(words) == 1 and words[0][:1].isupper() and "-" not in words[0]
    return 0 < len(words) <= MAX_EN_WORDS and not label and len(definition.split()) >= _DEFINITION_WORDS


_LIST_MARK = re.compile(r"\s*(?:(?:[-*+•]|\d{1,2}[.)、]|[（(]?\d{1,2}[）)])\s*)?")  # what may stand before a term
MAX_LEAD = 40  # characters of list marks and markup (bold, a tag) before a term that opens its line
MAX_DEFINITION = 200  # characters of a definition after the bracket: a longer line is a paragraph, not a gloss's note


def _defined_after(c: Candidate, run: Run, zh: str) -> str | None:
    """The definition a note writes after the bracket of a term that opens its line: `**辐射强迫**（Radiative
    Forcing）：指某个因子…。`, to the sentence's end (new-user report 15: how study notes define their terms). Not in
    running text, where a colon after a gloss opens a list (`包括碳汇（carbon sink）：森林、海洋`), nor a value the
    note sets (`批次大小（batch size）：4，…`)."""
    after = _colon_after(c)
    if after is None or not _opens_its_line(c, run, zh):
        return None
    definition = _FIRST_SENTENCE.findall(_rest_of_line(c, after))[0].strip()  # the sentences after it are the note's
    if not HAN_RE.search(definition) or len(definition) > MAX_DEFINITION:
        return None
    if _SETTING.match(definition) or _SEE.match(definition):
        return None
    if _pinyin_before(c.inner_unmarked)[0] is not None and _uses(definition, zh):
        return None  # a learner's word list: the bracket reads and translates the word, the line then uses it
    return _clean_zh(definition).rstrip("。．；;，,、")  # the line's stop or a list's `；`, which a bracket lacks


def _uses(sentence: str, zh: str) -> bool:
    """``sentence`` says the term where a word ends, before a stop, a particle or no more Chinese: an example of its
    use (learner's trial 60: `- 背锅 (bēiguō, to take the blame)：线上出了问题，总有人要背锅。`, whose example was the
    card's definition); not where the term begins a longer word (损失 in 损失函数的值)."""
    return any(
        not HAN_RE.match(sentence[end : end + 1]) or sentence[end] in _PARTICLES_AFTER
        for _, end in spans_of(sentence, zh)
    )


_PARTICLES_AFTER = frozenset("了的吗呢吧啊呀嘛")  # what may follow a verb or a noun that ends a sentence


_FIRST_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]?")
# A value a note sets, not what the term means: `**批次大小**（batch size）：4，搭配…` (not `2D 卷积…`)
_SETTING = re.compile(r"\s*[-+]?\d[\d.,]*\s*[%A-Za-z]{0,4}\s*(?:[，,；;、]|$)")
# Where to read more, not what the term means (learner's trial 59): `量化（quantization）：见 Inference Hour E9`,
# `：详见第三章` (not `：见到并证明`)
_SEE = re.compile(
    r"\s*(?:参见|參見|详见|詳見|另见|另見|(?:见|見)(?=\s|[A-Za-z0-9《「“\"第上下前后後附图圖表本])|(?i:see|cf\.?)\s)"
)


def _colon_after(c: Candidate) -> int | None:
    """Where the colon right after the bracket stands (past closing marks and spaces), if one does."""
    after = c.pair.close + 1
    while after < len(c.text) and (c.kinds[after] == MARKUP or c.text[after] in CLOSE_QUOTES or c.text[after] == " "):
        after += 1
    return after if c.text[after : after + 1] in ("：", ":") else None


def _rest_of_line(c: Candidate, colon: int) -> str:
    """The text after ``colon`` to its line's end (at most twice ``MAX_DEFINITION``), without bold or tags, nor a
    footnote's reference (`…逻辑难题<sup>[5]</sup>`, `[^5]`: its number had stayed, `逻辑难题5`)."""
    end = c.text.find("\n", colon, colon + MAX_DEFINITION * 2)
    stop = end if end >= 0 else min(len(c.text), colon + MAX_DEFINITION * 2)
    notes = {i for m in _FOOTNOTE_REF.finditer(c.text, colon + 1, stop) for i in range(m.start(), m.end())}
    return "".join(c.text[i] for i in range(colon + 1, stop) if c.kinds[i] != MARKUP and i not in notes)


_FOOTNOTE_REF = re.compile(r"<sup>[^<]{0,12}</sup>|\[\^?\d{1,3}\]")


def _term_start(run: Run, zh: str) -> int:
    """Where the term ``zh`` cut from ``run`` starts in the text (the run's start where it was cleaned of marks)."""
    return run.end - len(zh) if run.text.endswith(zh) and run.end - run.start == len(run.text) else run.start


def _opens_its_line(c: Candidate, run: Run, zh: str) -> bool:
    """The term ``zh`` of ``run`` opens its line, after list marks and markup at most: a note's or a list's entry."""
    term_start = _term_start(run, zh)
    reach = max(0, term_start - MAX_LEAD)  # looked for near the term only: a line of 100,000 glosses stays linear
    newline = c.text.rfind("\n", reach, term_start)
    if newline < 0 and reach > 0:
        return False  # more of the line before the term than list marks and markup take
    before = "".join(c.text[i] for i in range(newline + 1, term_start) if c.kinds[i] == TEXT)
    return _LIST_MARK.fullmatch(before) is not None


def word_list_entry(c: Candidate) -> Verdict | None:
    """A word list's entry for learners of Chinese: the term, its pinyin in the bracket, then a colon, the English
    and perhaps a dash and a note (`- **落地** (luòdì): to land — to get a pilot project into real use`). Before
    ``reject_symbols``, which takes a bracket of pinyin alone for an aside."""
    if c.before_script() != "zh" or not is_pinyin(c.inner.strip(TRIM)) or (colon := _colon_after(c)) is None:
        return None
    entry = _LIST_ENGLISH.fullmatch(_rest_of_line(c, colon))
    run = c.run("zh")
    if not entry or not run or len(entry["en"].split()) > MAX_EN_WORDS:
        return None
    zh = trim_chinese(run, entry["en"], c.repeats, c.translation)
    if not zh or not _opens_its_line(c, run, zh):
        return None
    note = entry["definition"]
    # a Chinese sentence that uses the term is an example, not what it means (learner's trial 60: `- **落地** (luòdì):
    # to land — 方案终于落地了。`)
    definition = _clean_en(note).rstrip(".") if note and not (HAN_RE.search(note) and _uses(note, zh)) else None
    return Verdict((_draft(c, entry["en"], zh, definition, Direction.ZH_EN, GlossKind.TRANSLATION, WORD_LIST_ENTRY),))


WORD_LIST_ENTRY = "word_list_entry"  # the rule's name: its line is an entry, neither an English nor a Chinese sentence


def word_list_lines(text: str) -> list[Draft]:
    """The entries of a learner's own word list written without a bracket's colon, a line each: `内卷 nèijuǎn —
    involution`, `对接 = to liaise`, `开模 → tooling`, `- 量产 (liàngchǎn) — mass production`, a Pleco export's
    tab-separated `甲方 jia3fang1 party A` (learner's trial 62: such a list gave nothing). The Chinese opens the line,
    its pinyin may follow, then a dash, an equals sign, an arrow, a tab (or, after pinyin written bare, a colon) and
    English of a few words with no sentence's end. `内卷 (nèijuǎn): involution` is ``word_list_entry``'s."""
    drafts = []
    for entry in _LIST_LINE.finditer(text):  # one scan of the text: a library's every paragraph is asked
        reading = entry["bare"] or entry["bracketed"]
        if reading and not is_reading(reading):
            continue
        if entry["sep"] in ":：" and not entry["bare"]:
            continue  # `备注: see below`: a label and English, no entry without its pinyin
        english = entry["en"].strip()
        head, comma, rest = english.partition(",")
        if comma and not reading and rest.strip() and is_reading(head):
            reading, english = head, rest.strip()  # `内卷 → nèijuǎn, involution`: the pinyin after the sign
        if len(english.split()) <= MAX_EN_WORDS and not english.endswith(("?", "!", ".")):
            drafts.append(
                Draft(
                    english,
                    entry["zh"],
                    None,
                    Direction.ZH_EN,
                    GlossKind.TRANSLATION,
                    WORD_LIST_ENTRY,
                    entry.start("zh"),
                    entry.end() - 1,
                    reading=reading or None,
                )
            )
    return drafts


_LIST_LINE = re.compile(
    rf"^[ \t]*(?:[-*•][ \t]+|\d{{1,3}}[.)、][ \t]*)?(?P<zh>[{HAN}]{{1,12}})"
    rf"(?:[ \t]+(?P<bare>[A-Za-z{ACCENTED}][A-Za-z{ACCENTED}0-9' :]*?)|[ \t]*[(（\[](?P<bracketed>[^)）\]\n]+)[)）\]])?"
    r"[ \t]*(?P<sep>—|–|--|->|→|=>|⇒|[ \t]-[ \t]|=|\t|:|：)[ \t]*(?P<en>[A-Za-z][^\u3400-\u9fff\t\n]*?)[ \t\r]*$",
    re.MULTILINE,
)


# After a word list's colon: the English (no Chinese, no bracket), then perhaps a dash and a note.
_LIST_ENGLISH = re.compile(
    r"\s*(?P<en>[A-Za-z][^\u3400-\u9fff—–;；(（\n]*?)\s*(?:(?:—|–|--|\s-\s)\s*(?P<definition>[^\n]+?))?\s*"
)


def _without_quantity(english: str) -> str:
    """The English without a quantity noted after its last comma: `SYBR Green master mix, 2×`, `buffer, 10 mM`."""
    head, tail = _split_once(english, _LAST_COMMA)
    return head if tail is not None and is_quantity(tail) else english


def _alias(written: str, en: str) -> str | None:
    """What ``_without_alias`` cut from the bracket: `MPI` of `Message Passing Interface，MPI`, or the expansion
    after an acronym written first (`principal component analysis` of `PCA, principal component analysis`)."""
    if written == en:
        return None
    tail = written[len(en) :] if written.startswith(en) else ""
    if named := _NAMED_ALIAS.match(tail):
        tail = tail[named.end() :]
    return tail.strip(" ,，;；`") or None


def en_term_zh_gloss(c: Candidate) -> Verdict | None:
    """`deep learning(深度学习)`, `scrappy(资源有限但执行力很强)`, `low hanging fruits(低垂果实,容易摘的机会)`."""
    inner = LABEL_ZH.sub("", c.inner, count=1)
    if not HAN_RE.search(inner) or c.before_script() != "en":
        return None
    head, definition = _split_once(inner, _COLON)
    if definition is None:
        head, definition = _noted_after_dash(inner, chinese_head=True)
    expansion = None
    if definition is None:
        head, definition = _split_once(inner, _COMMA)
        if definition is not None and not HAN_RE.search(head) and HAN_RE.search(definition):
            # `mixture of experts（MoE，混合专家）`, `SFT（Supervised Fine-Tuning，监督式微调）`: an acronym or the
            # English written out comes first; the Chinese after the comma is the gloss
            expansion = head
            head, definition = _split_once(definition, _COMMA)
        elif definition is not None and LATIN_RE.fullmatch(definition.strip()[:1]) and not HAN_RE.search(definition):
            # `GCN（图卷积网络，graph convolutional network）`: the English written out follows the gloss
            expansion, definition = definition, None
        elif definition is not None and (not HAN_RE.search(definition) or _opens_as_clause(head, _english_before(c))):
            head, definition = inner, None  # a comma inside a long explanation, or one that opens as a clause
    elif _opens_as_clause(head, _english_before(c)):
        head, definition = inner, None  # `Hour-1 bundle（识别后 1 小时内要做的几件事：…）`: the colon introduces a list
    zh = _clean_zh(head)
    han = len(HAN_RE.findall(zh))
    if han == 0:  # `多 agent`, `数字 AGI`: Chinese renderings keep English words
        return REJECT
    run = c.run("en")
    en = trim_english(run, zh, c.english_context) if run else None
    if run and not en and run.delimited and not c.english_context:
        en = run.text  # `再就是“on by”（意思是别理它…）`: a quoted phrase of small words is the term, a call or command
    elif run and en and en != run.text and _short_noun_phrase(run.text) and _list_entry(c, run):
        en = run.text  # `• chalk bag（粉袋）`: a list's item, a noun phrase whole
    elif run and en and c.translation and (glossed := _glossed_beside(c.translation, zh, run.text, en)):
        en = glossed  # `the case back (底盖)` beside `打开底盖（case back）`: not the `back` two characters suggest
    if not en or not LATIN_RE.search(en):
        return REJECT
    if expansion and _noted_after_expansion(en, expansion, zh):
        return REJECT  # `REW（Room EQ Wizard，免费）`: the acronym written out, and a note on the thing
    if expansion and _abbreviates(en.split()[-1], expansion):
        en = en.split()[-1]  # `Scaling SFT（Supervised Fine-Tuning，…）`: the bracket glosses the acronym
    elif (
        run
        and not c.english_context
        and len(run.text.split()) > len(en.split())
        and _reads_as_clause(inner)
        and not _named_after_saying(run.text, en)
    ):
        zh, definition = _clean_zh(inner), None  # a sentence's comma is its own, not a definition's
        en = _whole_sentence(c.text, run.start, run.text, zh)  # `The price is too big（代价实在太大）`
    elif run and not c.english_context and en == run.text:
        en = _with_joined_english(c.text[max(0, run.start - JOIN_REACH) : run.start], en, zh)
    if definition is not None and (slogan := _quoted_clauses(c.text[: c.pair.open], inner)):
        en, zh, definition = slogan, _clean_zh(inner), None  # `“Move fast, break things”（快速行动，打破常规）`
    elif run and not c.english_context and (parts := _parallel_parts(c.text[: c.pair.open], inner)):
        en, zh, definition = parts, _clean_zh(inner), None  # `push hard, push fast（用力压、快快压）`
    kind = _kind_of(en, zh)
    definition = _clean_zh(definition) if definition else None
    draft = _draft(c, en, zh, definition, Direction.EN_ZH, kind, "en_term_zh_gloss")
    if expansion and expansion.strip() != en and (_abbreviates(expansion.strip(), en) or _abbreviates(en, expansion)):
        # `security modules (HSM, 安全模块)`: its acronym; `GRIP（Greenland Ice Core Project，格陵兰冰芯计划）`: the
        # acronym's expansion, which a learner needs most (new-user report 15)
        draft = dataclasses.replace(draft, alias=" ".join(expansion.split()))
    return Verdict((draft,))


_NAMING = frozenset("say says said call calls called name names named term terms termed".split())


def _named_after_saying(run: str, term: str) -> bool:
    """The words before the term say it is what is called so (`we say you bonked（糖原耗尽、…）`): the bracket explains
    the word said, not a sentence translated whole."""
    before = run[: len(run) - len(term)].split()
    return any(word.casefold().strip(",.") in _NAMING for word in before)


def _short_noun_phrase(english: str) -> bool:
    """At most ``_ITEM_MOST`` words, none of them a stop word or holding a digit: a list item's term, not a sentence,
    a section's number (`3.1 FCFS`) or a model's name the Chinese leaves out (`GPT-3.5 instruction following`)."""
    words = english.split()
    return len(words) <= _ITEM_MOST and not any(
        w.casefold() in EN_STOP_WORDS or any(map(str.isdigit, w)) for w in words
    )


_ITEM_MOST = 4


def _list_entry(c: Candidate, run: Run) -> bool:
    """The run opens its line and the bracket ends it, or a note follows after a colon or a dash: an entry of a list
    of terms (`• chalk bag（粉袋）`), not a sentence that begins with its term (`Model capability(能力) grows …`)."""
    end = c.text.find("\n", c.pair.close)
    rest = c.text[c.pair.close + 1 : None if end < 0 else end].strip()
    return _opens_its_line(c, run, run.text) and (not rest or rest[0] in _ENTRY_GOES_ON)


_ENTRY_GOES_ON = ":：—–-，,；;、。."  # a note, or the next entry, after a list entry's bracket


_NOTE_MOST = 2  # characters of a word that notes a thing after its English written out (免费, 付费, 可选)
_EVERYDAY_ZIPF = 4.0  # wordfreq's Zipf from which a Chinese word is everyday (免费 5.2, 付费 4.2; 轮转 3.7)


def _noted_after_expansion(en: str, expansion: str, zh: str) -> bool:
    """The Chinese after an acronym's expansion is one short everyday word that translates none of the expansion's
    words: a note on the thing (`免费`, "free"), not its name in Chinese (`自动补水` for `Auto Top-Off`, `轮转` for
    `Round Robin`, which the dictionary lacks)."""
    from ..lexicon import served_wordfreq
    from .dictionary import supports

    word = simplified(zh)
    if not _abbreviates(en.split()[-1], expansion) or len(word) > _NOTE_MOST or supports(word, expansion):
        return False
    return served_wordfreq().zipf_frequency(word, "zh") >= _EVERYDAY_ZIPF


_QUOTED_CLAUSES = re.compile(r"[“\"]([A-Za-z][A-Za-z'’ -]*(?:[,，]\s*[A-Za-z'’ -]+)+)[”\"]\s*$")


def _quoted_clauses(before: str, inner: str) -> str | None:
    """A quoted English phrase of clauses right before the bracket that the Chinese translates comma for comma:
    the whole quote is the term, and the Chinese after the comma is its translation's, not a definition."""
    match = _QUOTED_CLAUSES.search(before)
    if not match or len(match[1].split()) > 2 * MAX_EN_WORDS:
        return None
    return match[1] if len(_COMMA.findall(match[1])) == len(_COMMA.findall(inner)) else None


# English parts set apart by commas, from where the Chinese text gives way to English up to the bracket.
_ENGLISH_PARTS = re.compile(r"(?:^|(?<=[^\x00-\x7f]))\s*([A-Za-z][A-Za-z'’ -]*(?:,\s*[A-Za-z][A-Za-z'’ -]*)+)$")
_CHINESE_PARTS = re.compile(r"[、，,]")
_PART_MOST = 4  # English words of one part: a term's or a slogan's, not a sentence's
_PARTS_REACH = 160  # characters before a bracket in which its English parts stand (more than enough for four parts)


def _parallel_parts(before: str, inner: str) -> str | None:
    """The English parts a Chinese text lists before the bracket, when the Chinese gives as many parts, each said in
    Chinese: one term or slogan said part for part (`push hard, push fast（用力压、快快压）`, `harvest now, decrypt
    later（先…存着，等将来…再解密）`), not its last part alone."""
    match = _ENGLISH_PARTS.search(before[-_PARTS_REACH:].rstrip())
    if not match or (match.start() == 0 and len(before) > _PARTS_REACH):  # (more English before the reach: a sentence)
        return None
    parts, chinese = match[1].split(","), _CHINESE_PARTS.split(inner)
    if len(parts) != len(chinese) or not all(HAN_RE.search(part) for part in chinese):
        return None
    if _named_after_saying(match[1], ""):
        return None  # `right, we say you bonked（糖原耗尽、…）`: the word said is the term
    return match[1].strip() if all(0 < len(part.split()) <= _PART_MOST for part in parts) else None


BRACKET_RULES: tuple[tuple[str, Rule], ...] = (
    ("reject_numbers", reject_numbers),
    ("reject_examples", reject_examples),
    ("reject_aliases", reject_aliases),
    ("reject_asides", reject_asides),
    ("reject_clauses", reject_clauses),
    ("reject_code", reject_code),
    (WORD_LIST_ENTRY, word_list_entry),
    ("reject_symbols", reject_symbols),
    ("note_definition", note_definition),
    ("parallel_alternatives", parallel_alternatives),
    ("mixed_term_zh_gloss", mixed_term_zh_gloss),
    ("zh_term_en_gloss", zh_term_en_gloss),
    ("en_term_zh_gloss", en_term_zh_gloss),
)


def _glossed_beside(translation: str, zh: str, run: str, en: str) -> str | None:
    """The run's last words where the aligned translation glosses the same Chinese with them and they are more than
    ``en``: the subtitle's other line writes the term whole (`底盖（case back）`)."""
    if zh not in translation:
        return None  # (asked of every bracket in a subtitle's line: no pattern made for the usual answer)
    words = run.split()
    for found in re.finditer(rf"{re.escape(zh)}[*_]*\s*[（(]\s*([^（）()\n]+?)\s*[）)]", translation):
        said = found[1].split()
        if len(en.split()) < len(said) <= len(words) and _folded(words[-len(said) :]) == _folded(said):
            return " ".join(words[-len(said) :])
    return None


def _folded(words: list[str]) -> list[str]:
    return [word.strip("*_").casefold() for word in words]


def _kind_of(en: str, zh: str) -> GlossKind:
    """Explanation when the Chinese is much longer than a translation would be, or reads as a clause.

    Calibrated on the seed gold: `treadmill(跑步机式循环)` (6 characters for one word) translates,
    `scrappy(资源有限但执行力很强)` (10) explains.
    """
    han = len(HAN_RE.findall(zh))
    weight = chinese_words_for(en, generous=True)
    if han >= 5 and _CLAUSE.search(zh):
        return GlossKind.EXPLANATION
    if han > 4 * weight + 2 or (han >= 2 * weight + 3 and _describes(en, zh)):
        # `no fault found（送修后车间测不出任何问题）`; not a compound that names a thing (`luthier（提琴制作师）`)
        return GlossKind.TRANSLATION if _names_a_thing(zh, han, weight) else GlossKind.EXPLANATION
    return GlossKind.TRANSLATION


def _names_a_thing(zh: str, han: int, weight: int) -> bool:
    """Chinese of words alone (no 的, no clause's mark, no stop character, no verb or adverb after its first word)
    ending in a noun, not much longer than a translation: a compound that names a thing, as a field names it
    (`softmax（归一化指数函数）`, `fsck（文件系统检查工具）`)."""
    words = word_tokens_of(zh)
    if han != len(zh) or han > 4 * weight + 6 or not words:
        return False
    said = any(word_tag(w) in ("v", "d") for w in words[1:])  # a verb or an adverb after the first word: a clause
    return word_tag(words[-1])[:1] == "n" and not said and not any(len(w) == 1 and w in STOP_CHARS for w in words)


_NAMED_SHORT = re.compile(r"[A-Z].*[A-Z]|\d")  # two capitals or a digit: an acronym's or a name's, whose words the
# Chinese spells out (`eDRAM`, `PSD2`), no description


def _describes(en: str, zh: str) -> bool:
    """Chinese longer than a translation needs that says what happens, a verb, while the dictionary finds at most a
    third of the English's words in it: `thermal throttling（芯片过热后自动降频）` describes, `rollout（推演采样）` does
    not."""
    if _NAMED_SHORT.search(en):
        return False
    words = [word for word in word_tokens_of(zh) if HAN_RE.match(word)]
    if not any(map(tagged_verb, words)):
        return False
    english = [word.casefold() for word in re.findall(r"[A-Za-z]{3,}", en)]
    return bool(english) and 3 * len(covered_words(words, english)) <= len(english)


def _draft(
    c: Candidate, en: str, zh: str | None, definition: str | None, direction: Direction, kind: GlossKind, rule: str
) -> Draft:
    named = zh and (_name_shaped(en, zh) or _company(en, zh) or _body(en, zh) or _brand(en, zh))
    if kind is GlossKind.TRANSLATION and (named or _titles_a_work(c)):
        kind = GlossKind.NAME
    if zh and kind is not GlossKind.EXPLANATION:  # an explanation keeps its writer's quotes (把船“走”过去)
        zh = without_marks(zh)  # `“金发姑娘”区`: the quotes mark a coinage, the term is 金发姑娘区
    reading = c.reading if direction is Direction.EN_ZH else _reading_before_english(c)
    return Draft(en, zh, definition or None, direction, kind, rule, c.pair.open, c.pair.close, reading=reading)


def _reading_before_english(c: Candidate) -> str | None:
    """The pinyin a bracket after a Chinese term writes: all of it (a word list's `(luòdì)`), or before the English
    (`算力 (suànlì, computing power)`)."""
    inner = c.inner_unmarked.strip(TRIM)
    return inner if is_pinyin(inner) else _pinyin_before(inner)[0]


def _name_shaped(en: str, zh: str) -> bool:
    """A person's name: a transliteration (肖恩·麦奎尔), a title and a name (`Mr. Chan`), or two or three capitalised
    English words of which the dictionary finds none in the Chinese (`Yann LeCun（杨立昆）`, where `Compute Power
    （计算能力）` is a term written in title case: 计算 is "to compute")."""
    if _NAME_DOT.search(zh) or _TITLED_NAME.fullmatch(en.strip()):
        return True
    words = en.split()
    if not 2 <= len(words) <= 3 or not all(_NAME_WORD.fullmatch(w) for w in words):
        return False
    if len(words) == 3 and all(lower_case_english(w) for w in words):
        return False  # `Floor Area Ratio（容积率）`: three common words of the dictionary name no person
    if any(_english_compound(w) for w in words if "-" in w):
        return False  # `Held-out Eval Set`: English words joined, where a given name joins syllables (Chia-jung)
    chinese = simplified(zh)
    if romanises(words, chinese):
        return True  # `Lin Meiling（林美玲）`: the English is the Chinese in pinyin (new-user report 16)
    if names_person(chinese, words[-1]):
        return True  # `哈勃（Edwin Hubble）`: the dictionary's 哈勃 is the astronomer, so it finds his name in it
    # `Promissory Estoppel（禁止反言）` opens with a common word (禁止, "to prohibit"), as no transliteration does
    if any(is_headword(chinese[:k]) and names_nothing(chinese[:k]) for k in range(2, min(len(chinese), 4) + 1)):
        return False
    parts = {chinese[i:j] for i in range(len(chinese)) for j in range(i + 1, min(len(chinese), i + 4) + 1)}
    family = surnames_in(chinese)  # `Chia-jung Lin（林佳蓉）`: 林 is "surname Lin", no translation of the name
    return not covered_words(sorted(parts), [w for w in words if w.casefold() not in family])


def _brand(en: str, zh: str) -> bool:
    """A company's or a brand's name, one capitalised word or an acronym, as the dictionary knows it: `Huawei（华为）`,
    `BYD（比亚迪）`, `Tencent（腾讯）` (learner's trial 62: they became cards); or a capitalised word that spells the
    Chinese in pinyin, a place's or a firm's name (`Huaqiangbei（华强北）`, `Pinduoduo（拼多多）`), alone or before
    capitalised words that say what the firm makes (`Kangheng Medical（康衡医疗）`: learner's trial 63)."""
    word, chinese = en.strip(), simplified(zh.strip())
    first, *rest = word.split() or [""]
    if rest and all(_BRAND_WORD.fullmatch(w) for w in rest):  # `Kangheng Medical（康衡医疗）`: its name, what it makes;
        # a coined name, no word of the dictionary (`Gongfu Brewing（功夫茶）` is a way to make tea)
        coined = (chinese[:k] for k in (2, 3, 4) if not is_headword(chinese[:k]))
        return not first.isupper() and any(romanises([first], name) for name in coined)
    if _BRAND_WORD.fullmatch(word) is None:
        return False
    return names_company(chinese, word) or (not word.isupper() and romanises([word], chinese))


_BRAND_WORD = re.compile(r"[A-Z][A-Za-z0-9]+")


def _company(en: str, zh: str) -> bool:
    """A company's legal name, which a learner does not study: it ends with a designator (`Co., Ltd.`, `Inc.`,
    有限公司) in either language."""
    return _COMPANY_EN.search(en.strip()) is not None or zh.strip().endswith(_COMPANY_ZH)


# What names a body or a meeting, not a thing of the field: `Specialty Coffee Association（精品咖啡协会）`,
# `NeurIPS（神经信息处理系统大会）`, `NIST（美国国家标准与技术研究院）` (asked of the Simplified copy)
_BODY_ZH = (
    "大会", "会议", "峰会", "研讨会", "年会", "协会", "学会", "基金会", "委员会", "联合会", "联盟", "大学", "学院",
    "研究院", "研究所", "实验室", "组织",
)  # fmt: skip
_PROPER_EN = re.compile(r"[A-Z][\w.&'-]*(?:\s+(?:(?:of|for|and|the|on|in|de)\s+)*[A-Z0-9][\w.&'-]*)*")


def _body(en: str, zh: str) -> bool:
    """The name of an organisation or a conference: English in capitals word by word (or an acronym), Chinese that
    ends with what such a body is (协会, 大会, 研究院). Lower-case English is a term (`soft tissue（软组织）`)."""
    return simplified(zh.strip()).endswith(_BODY_ZH) and _PROPER_EN.fullmatch(en.strip()) is not None


def _titles_a_work(c: Candidate) -> bool:
    """The Chinese side stands in 《》, the marks Chinese gives only to the title of a book, an article, a film or a
    law: `《深度学习》（Deep Learning）` names a book, not the field."""
    before = c.text[: c.pair.open].rstrip(" \t*_")
    inside = c.text[c.pair.open + 1 : c.pair.close].strip(" \t*_")
    return before.endswith("》") or (inside.startswith("《") and inside.endswith("》"))


def _english_compound(word: str) -> bool:
    """A hyphenated word of everyday English words (`Held-out`, `Fine-tuning`), not a romanised given name whose
    syllables English uses little or not at all (`Chia-jung`, `Ing-wen`)."""
    from ..lexicon import served_wordfreq

    frequencies = [served_wordfreq().zipf_frequency(part, "en") for part in word.casefold().split("-") if part]
    return bool(frequencies) and min(frequencies) >= 3.5 and max(frequencies) >= 4.5


def _split_once(text: str, separator: re.Pattern[str]) -> tuple[str, str | None]:
    match = separator.search(text)
    if not match or not text[: match.start()].strip() or not text[match.end() :].strip():
        return text, None
    return text[: match.start()], text[match.end() :]


def _clean_en(text: str) -> str:
    """An English definition as written: a hard wrap is a space, and no marks around it."""
    return " ".join(text.split()).strip(TRIM)


def _clean_zh(text: str) -> str:
    """Chinese as written, without surrounding marks and without the breaks of a hard wrap; a quote mark that pairs
    with one inside stays (`就是所谓的“热身”`, not `就是所谓的“热身`)."""
    unwrapped = re.sub(r"\s*\n\s*", "", text).strip()
    cleaned = unwrapped.strip(TRIM)
    start = unwrapped.find(cleaned)
    end = start + len(cleaned)
    for opening, closing in _PAIRED_QUOTES:
        if cleaned.count(opening) > cleaned.count(closing) and unwrapped[end : end + 1] == closing:
            end += 1
        if cleaned.count(closing) > cleaned.count(opening) and unwrapped[start - 1 : start] == opening:
            start -= 1
    return unwrapped[start:end]


_PAIRED_QUOTES = (("“", "”"), ("「", "」"), ("『", "』"), ("‘", "’"), ("《", "》"), ("〈", "〉"))


def _only_marks_between(c: Candidate, start: int, end: int) -> bool:
    return all(c.text[i].isspace() or c.kinds[i] == MARKUP or c.text[i] in CLOSE_QUOTES for i in range(start, end))
