"""Term edges: exactly the words the other side of the gloss covers.

A gloss's term stands right before its bracket, but the run of same-script text before the
bracket is often longer than the term: ``那种泛化(generalization)``, ``以及数据(data)``,
``称为训练数据集（training data set）``, ``3D 或 video world models(视频世界模型)``.

The method, in order of evidence strength:

1. An opening mark right before the run (bold, quote, book-title mark, link text) delimits the
   term: ``**计算能力**（Compute Power）``, ``“**高杠杆（high leverage）**”``.
2. Chinese runs are segmented with jieba; the term starts after the last stop: a function
   word or verb of saying/using (``STOP_WORDS``), a single-character particle (``STOP_CHARS``),
   one of jieba's most frequent verbs (``COMMON_FREQ``), or a numeral with a measure word. The
   word right before the bracket is never a stop (``算子支持（operator coverage）``), nor is 与/和
   when the English has `and` (``文本与数据挖掘例外（text and data mining exception）``).
3. From the last word, words are added leftwards only while the term is shorter than the
   English suggests (``MAX_CHARS_PER_WORD`` per English word; an acronym counts a word per
   capital), so a verb or a modifier before a complete term stays out. A bound prefix (超参数)
   or suffix (关系型数据库) keeps its word; English words glued to the Chinese stay only when
   the English side has them (``KV 缓存（KV cache）``); a modifier from ``MODIFIERS`` stays
   only when the English has its translation; a verb the English lacks stays out when the term
   is one character short of the English (``依靠行政令（executive orders）`` → 行政令).
4. English runs are cut by ``english``, which also says how many Chinese words an English term
   needs. This module holds the runs and the Chinese side: jieba, stop words, modifiers.
"""

from __future__ import annotations

import importlib
import math
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from ..identity import simplified
from ..text import HAN_RE, load_jieba
from .edges import EdgeCandidate, choose
from .english import chinese_words_for, english_term
from .runs import Run

# Function words, pronouns, and verbs that introduce a term (saying, naming, using). A Chinese
# term never starts with one of these, so the term begins after the last of them in the run.
STOP_WORDS = frozenset(
    """
    的 了 地 得 着 过了 和 与 及 以及 或 或者 并 并且 而 而且 但 但是 可是 然而 因为 所以 如果 虽然 即使
    在 于 对 对于 把 被 将 从 向 让 使 用 以 由 通过 利用 使用 采用 借助 基于 关于 根据 按照 作为 包括 包含
    是 就是 即 也 都 又 还 就 只 才 更 最 很 太 非常 特别 尤其 确实 其实 已经 正在 可能 可以 能 能够 会 要 需要 应该
    这 那 这种 那种 这个 那个 这些 那些 这样 那样 该 其 此 各 每 某 某种 一种 一个 一些 一类 所谓
    我 你 他 她 它 我们 你们 他们 她们 它们 大家 自己 人们
    认为 觉得 说 说到 讲 讲到 谈 谈到 提到 提出 指出 称 称为 称作 叫 叫做 名叫 名为 被称为 所谓的
    定义为 理解为 看作 视为 称之为 即为 也就是 就叫 所说的 介绍 介绍了 解释 解释了 强调 表示
    引入 引入了 发明 发明了 研究 学习了 加入 是不是 不 不是 没有 并不 并非 随着 进行 实现 制定 添加 加上
    聊聊 聊 谈谈 讲讲 看看 来看 看到 就像 好像 如同
    做 做了 先做 再做 超出 超过 达到 降低 提高 提升 增加 减少 避免 解决 完成
    开始 继续 保持 执行 运行 调用 创建 设置 获得 得到 提供 支持 计算 检查 还有 另外 此外 而是 还是 或是 也是 都是
    只是 例如 比如 譬如 诸如 像是 常用 常见 通常 一般 主要 典型 所有 全部 整个 各种 多种 不同 相关 相应 其他 其它
    另一 另一种 任何 某些 许多 很多 大量 少量 哪些 哪个 哪种 什么 怎样 怎么 多少 一点 一下
    重新 再次 往往 经常 总是 一直 仍然 依然 逐渐 直接 同时 分别 共同 一起 首先 然后 最后 进一步 相互 互相 如今
    """.split()
)
# One-character tokens that attach to a verb or noun before them (出, 到, 成…): a term does not
# start with one when jieba leaves it on its own. `过` is absent on purpose (过拟合, 过采样).
STOP_CHARS = frozenset(
    "出到成为于给在了的地得着和与及或并而被把将对从向让使用以由是也都就又还只才更最很太这那其该各每某此做加再先个种位名项些条件来中里内上下有写看按次靠换开纯压拿放送装找带跑像比"
)
# Modifiers a Chinese writer adds on their own (一个小型路由模型 for `router model`): kept at the
# start of a term only when the English has one of their translations (`Large Multimodal Models`).
MODIFIERS = {
    "大型": ("large", "big", "giant"),
    "小型": ("small", "tiny", "mini"),
    "超大": ("huge", "giant"),
    "新": ("new", "novel"),
    "新型": ("new", "novel"),
    "旧": ("old", "legacy"),
    "简单": ("simple",),
    "复杂": ("complex",),
    "高效": ("efficient",),
    "快速": ("fast", "quick", "rapid"),
    "早期": ("early",),
    "现代": ("modern",),
    "传统": ("traditional", "classic", "conventional"),
    "经典": ("classic",),
    "基本": ("basic",),
    "基础": ("basic", "base", "foundation"),
    "高级": ("advanced",),
    "整体": ("overall",),
    "外部": ("external", "outer", "outside"),
    "内部": ("internal", "inner", "inside"),
    "真正": ("real", "true"),
    "有效": ("effective", "valid"),
    "重要": ("important", "key"),
}
# One-character words that turn the verb before them into a noun: 运行时, 计算量, 执行器, 调用栈.
BOUND_SUFFIXES = frozenset("时量率器性化式机者法度值集栈图库层数型力源点")
COMMON_FREQ = 14_000  # jieba frequency above which a verb is a function word (学习 13,482 stays a word)
MAX_CHARS_PER_WORD = 2  # a Chinese term has about two characters per English word: 深度推理 ↔ deep reasoning
DELIMITED_MAX = 16  # a delimited Chinese term longer than this is a phrase, and is cut like a plain run
RARE_FREQ = 50  # jieba count under which a word is a domain word rather than everyday Chinese
MAX_CANDIDATE_WORDS = 7  # a term starts at most this many words before its bracket

_ACRONYM_ONLY = re.compile(r"[A-Z]{2,6}s?")
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.+#&_-]*")
_ORDINAL_EN = re.compile(r"\b(?:first|second|third|one|two|three|\d+(?:st|nd|rd|th)?)\b|-order", re.IGNORECASE)
_CONJUNCTIONS = frozenset("与 和 及 以及".split())
# A numeral and a counting measure word (三个, 两种, 同一个): a quantity, not part of the term after it.
_QUANTITY = re.compile(r"^[同这那每某任哪]?[一二三四五六七八九十两几]+[个种类位名项些条件步]?$")


def trim_chinese(run: Run, en: str, repeats: Callable[[str], int] | None = None) -> str | None:
    """The Chinese term at the end of ``run`` that ``en`` translates, or None if there is none.

    Every word boundary from the nearest hard stop (English the gloss lacks) to the bracket is a
    candidate start; ``edges.choose`` scores them on their evidence, one piece of which is the
    rule-based choice (``_rule_start``). ``repeats(text)`` counts a text in the whole document.
    Traditional Chinese is segmented as its Simplified copy (jieba's dictionary is Simplified),
    and the term keeps the document's own characters.
    """
    if run.delimited and len(run.text) <= DELIMITED_MAX and _latin_ok(run.text, en):
        return run.text
    simple = simplified(run.text)
    tokens = _tokens(simple if len(simple) == len(run.text) else run.text)
    if not tokens:
        return None
    if any(token in "·・" for token, _ in tokens):  # a transliterated name: 肖恩·麦奎尔
        dot = next(k for k, (token, _) in enumerate(tokens) if token in "·・")
        return run.text[tokens[max(dot - 1, 0)][1] :]
    words = [t for t in tokens if not t[0].isspace()]
    first = _after_last_stop(words, en)
    if first >= len(words):
        return None
    head = words[-1][0]
    if _is_latin(head) and head.casefold() not in en.casefold():
        return None  # `ViT (Vision Transformer)`: English explained by English
    rule_start = _rule_start(words, first, en)
    floor = _hard_floor(words, en)
    candidates = [
        _candidate(run.text, words, k, rule_start, first, en, repeats) for k in range(floor, len(words))
    ]
    chosen = choose(run.text, en, candidates)
    return run.text[chosen.start :].strip()


def _rule_start(words: list[tuple[str, int]], first: int, en: str) -> int:
    """The rule-based start: from the last word, words are added leftwards while the term is still
    shorter than the English suggests (two characters per English word), never across a stop word,
    and English words only where ``en`` has them (控制模型容量（capacity） → 容量,
    送入多层感知机（multilayer perceptron） → 多层感知机)."""
    ideal = MAX_CHARS_PER_WORD * chinese_words_for(en)
    start = len(words) - 1
    for k in range(len(words) - 2, first - 1, -1):
        token = words[k][0]
        if _is_latin(token) and not _latin_in(token, en):
            break
        if token in MODIFIERS and not _has_modifier(en, MODIFIERS[token]):
            break
        if _units(words[start:]) >= ideal and not _evidence_for(words, k, start, en):
            break
        units = _units(words[start:])
        if (
            units < ideal <= units + _units([words[k]]) - (ideal - units)
            and _is_leading_verb(token)
            and not (_translated_in(token, en) or _translated_in(token + words[k + 1][0], en))
        ):
            break  # a verb the English lacks, one character from a complete term: 依靠 行政令, 授予 训练权
        start = k
    return start


def _has_modifier(en: str, translations: tuple[str, ...]) -> bool:
    """The English has the modifier: as a word, or as the letter it stands for in an acronym (大型 in
    大型语言模型 for `LLM`)."""
    if _ACRONYM_ONLY.fullmatch(en.strip()):
        return any(w[0].upper() == en.strip()[0] for w in translations)
    return any(w in en.casefold() for w in translations)


def _hard_floor(words: list[tuple[str, int]], en: str, reach: int = MAX_CANDIDATE_WORDS) -> int:
    """The first word a term may start at: after English the gloss lacks, and at most ``reach`` words back."""
    floor = max(0, len(words) - reach)
    for k in range(len(words) - 2, floor - 1, -1):
        if _is_latin(words[k][0]) and not _latin_in(words[k][0], en):
            return k + 1
    return floor


def _candidate(
    run: str,
    words: list[tuple[str, int]],
    k: int,
    rule_start: int,
    first: int,
    en: str,
    repeats: Callable[[str], int] | None,
) -> EdgeCandidate:
    """The term from word ``k`` to the bracket, with its evidence (``edges.FEATURES``, in order)."""
    token = words[k][0]
    text = re.sub(r"\s+", "", run[words[k][1] :])
    ideal = MAX_CHARS_PER_WORD * chinese_words_for(en)
    units = _units(words[k:])
    last = k == len(words) - 1
    translated = not last and HAN_RE.match(token) is not None and _translated_in(token, en)
    count = repeats(text) if repeats else 1
    shorter = repeats(re.sub(r"\s+", "", run[words[k + 1][1] :])) if repeats and not last else count
    features = (
        1.0 if k == rule_start else 0.0,
        max(units - ideal, 0) / ideal,
        max(ideal - units, 0) / ideal,
        1.0 if k < first else 0.0,
        1.0 if not last and _is_leading_verb(token) else 0.0,
        1.0 if not last and _is_function_token(token) else 0.0,
        1.0 if translated else 0.0,
        1.0 if not last and not translated and _units(words[k + 1 :]) >= ideal else 0.0,
        _coverage(words[k:], en),
        1.0 if count >= 2 else 0.0,
        count / shorter if not last and shorter >= 2 else 0.0,
        1.0 if not last and _is_known_word("".join(t for t, _ in words[k:])) else 0.0,
        1.0 if len(token) == 1 and HAN_RE.match(token) else 0.0,
        1.0 if _spells_acronym(words[k:], en) else 0.0,
        1.0 if k == first else 0.0,
        0.0 if last else math.log10((_tokenizer().get_FREQ(token) or 0) + 1) / 5,
        1.0 if not last and HAN_RE.match(token) and (_tokenizer().get_FREQ(token) or 0) < RARE_FREQ else 0.0,
        float(rule_start - k),
        1.0 if not last and _is_nominal(token) else 0.0,
        1.0 if not last and _tag(token)[:1] in ("d", "m", "q", "r", "u", "p", "c") else 0.0,
        1.0 if k < rule_start and all(_is_nominal(t, True) for t, _ in words[k:rule_start]) else 0.0,
        1.0 if any(_tag(t)[:1] == "v" and _tag(t) != "vn" for t, _ in words[k:rule_start]) else 0.0,
        1.0 if k > rule_start and all(_is_nominal(t, True) for t, _ in words[rule_start:k]) else 0.0,
    )
    return EdgeCandidate(words[k][1], run[words[k][1] :].strip(), features)


def _tag(token: str) -> str:
    """jieba's dictionary tag of ``token`` (empty for words it does not know)."""
    return str(_tokenizer().posseg.dt.word_tag_tab.get(token, ""))


def _is_nominal(token: str, unknown: bool = False) -> bool:
    """jieba tags ``token`` a noun, a nominal verb or a distinguishing word (and, with ``unknown``,
    it is a Chinese word jieba does not know: 急停, 聚类 are new words of a field)."""
    tag = _tag(token)
    if not tag:
        return unknown and HAN_RE.match(token) is not None
    return tag[:1] in ("n", "b", "j") or tag in ("vn", "an")


def _is_function_token(token: str) -> bool:
    return token in STOP_WORDS or (len(token) == 1 and token in STOP_CHARS) or _is_common_function_word(token)


def _coverage(words: list[tuple[str, int]], en: str) -> float:
    """The share of the English's content words that some Chinese word of the candidate translates."""
    from .dictionary import covered_words

    english = [w for w in re.findall(r"[A-Za-z]+", en) if len(w) >= 3]
    if not english:
        return 0.0
    found = covered_words([t for t, _ in words if HAN_RE.match(t)], english)
    return len(found) / len(english)


def _spells_acronym(words: list[tuple[str, int]], en: str) -> bool:
    """`LLM` and 大型 语言 模型: each letter of the acronym starts a translation of one word, in order."""
    letters = en.strip()
    if not _ACRONYM_ONLY.fullmatch(letters):
        return False
    from .dictionary import translations

    chinese = [t for t, _ in words if HAN_RE.match(t)]
    if len(chinese) != len(letters.rstrip("s")):
        return False
    pairs = zip(chinese, letters, strict=False)
    return all(any(w.startswith(ch.casefold()) for w in translations(t)) for t, ch in pairs)


def _is_known_word(text: str) -> bool:
    from .dictionary import translations

    return bool(translations(text)) or bool(_tokenizer().get_FREQ(text))


def trim_english(run: Run, zh: str, english_context: bool) -> str | None:
    """The English term at the end of ``run`` that ``zh`` translates (see ``english.english_term``)."""
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
    if _is_latin(token) or _anchored(words, k, en) or words[start][0] in BOUND_SUFFIXES:
        return True
    if not HAN_RE.match(token):
        return False
    if len(token) == 1 and not _is_verb(token):
        return True
    return _translated_in(token, en) or _translated_in(token + words[k + 1][0], en)


def _is_leading_verb(token: str) -> bool:
    """A word of two characters or more that is a verb, by the dictionary or by jieba."""
    return len(token) > 1 and HAN_RE.match(token) is not None and _is_verb(token)


def _tokens(text: str) -> list[tuple[str, int]]:
    """jieba tokens with their offsets; a hyphen between Chinese words stays inside its word."""
    tokens: list[tuple[str, int]] = []
    offset = 0
    for token in _split_guesses(_segment(text)):
        if tokens and (token in "-－" or tokens[-1][0][-1] in "-－") and not token.isspace():
            tokens[-1] = (tokens[-1][0] + token, tokens[-1][1])
        else:
            tokens.append((token, offset))
        offset += len(token)
    return tokens


def _split_guesses(tokens: Iterable[str]) -> list[str]:
    """Split a stop character off a word jieba guessed (not in its dictionary): `或卷` is `或` + `卷`."""
    jieba = _tokenizer()
    out: list[str] = []
    for token in tokens:
        if len(token) > 1 and token[0] in STOP_CHARS and HAN_RE.match(token) and not jieba.get_FREQ(token):
            out += [token[0], token[1:]]
        else:
            out.append(token)
    return out


def _after_last_stop(words: list[tuple[str, int]], en: str) -> int:
    """The index of the first token after the last stop word (or numeral with a measure word).

    A word from ``STOP_WORDS`` is not a stop when a single character follows it: `计算量` stays
    whole, while `计算嵌入` loses its verb.
    """
    numbered = bool(_ORDINAL_EN.search(en))
    conjoined = bool(re.search(r"\band\b|&", en))
    # The word right before the bracket is what the bracket glosses, whatever it is: `算子支持（operator coverage）`.
    for k in range(len(words) - 2, -1, -1):
        token = words[k][0]
        if conjoined and token in _CONJUNCTIONS:  # `文本与数据挖掘例外（text and data mining exception）`
            continue
        # A verb before a noun-forming suffix is part of the term: 计算量, 运行时接口, 学习率.
        bound_suffix = len(token) > 1 and k + 1 < len(words) and words[k + 1][0] in BOUND_SUFFIXES
        if (token in STOP_WORDS and not bound_suffix) or (len(token) == 1 and token in STOP_CHARS):
            return k + 1
        if len(token) > 1 and token[-1] in "于的":  # 局限于, 取决于; 小小的, 真正的: not a term's start
            return k + 1
        if not numbered and _QUANTITY.match(token):
            return k + 1
        if _is_common_function_word(token):
            return k + 1
    return 0


def _is_common_function_word(token: str) -> bool:
    """One of jieba's most frequent verbs, prepositions, adverbs or pronouns (成为, 存在, 进行, 看):
    they introduce a term, they are not part of one."""
    if len(token) < 2:  # single characters are judged by STOP_CHARS: 死 in 死元组 is no verb
        return False
    jieba = _tokenizer()
    tag = jieba.posseg.dt.word_tag_tab.get(token, "")
    return tag[:1] in ("v", "p", "d", "c", "r") and tag != "vn" and (jieba.get_FREQ(token) or 0) >= COMMON_FREQ


def _anchored(words: list[tuple[str, int]], k: int, en: str) -> bool:
    """An English word the gloss shares lies at or after ``k``, and English stands before it in ``en``
    (``水平 Pod 自动扩缩器`` for HorizontalPodAutoscaler), so the term reaches left of it."""
    for token, _ in words[k + 1 :]:
        if _is_latin(token):
            at = en.casefold().find(token.casefold())
            return at > 0 and k + 1 < len(words) and not _is_latin(words[k][0])
    return False


def _latin_in(token: str, en: str) -> bool:
    """The English has ``token``: as written, or as the initials of its words (`KL` in `Kullback–Leibler
    divergence`, so 散度 reaches left to KL散度)."""
    if token.casefold() in en.casefold():
        return True
    initials = "".join(word[0] for word in re.split(r"[\s\-–—/]+", en) if word)
    return len(token) >= 2 and token.isupper() and token in initials.upper()


def _latin_ok(text: str, en: str) -> bool:
    return all(word.casefold() in en.casefold() for word in _LATIN_WORD.findall(text))


def _is_latin(token: str) -> bool:
    return bool(token) and token[0].isascii() and token[0].isalnum()


def _units(words: list[tuple[str, int]]) -> int:
    """Length in Chinese characters, an English word counting as two."""
    return sum(2 if _is_latin(token) else len(HAN_RE.findall(token)) for token, _ in words)


def _translated_in(chinese: str, english: str) -> bool:
    from .dictionary import supports

    return HAN_RE.match(chinese) is not None and supports(chinese, english)


def _is_verb(chinese: str) -> bool:
    """A verb by the dictionary (every sense `to …`), or by jieba's tag for words it does not know."""
    from .dictionary import is_verb, translations

    if is_verb(chinese):
        return True
    tag = _tokenizer().posseg.dt.word_tag_tab.get(chinese, "")
    return not translations(chinese) and tag.startswith("v") and tag != "vn"


@lru_cache(maxsize=4096)
def _segment_cached(text: str) -> tuple[str, ...]:
    return tuple(_tokenizer().lcut(text))


def _segment(text: str) -> list[str]:
    return list(_segment_cached(text))


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    """jieba (``text.load_jieba``), its dictionary loaded on first use (about a second)."""
    jieba = load_jieba()
    importlib.import_module("jieba.posseg")  # its word-tag table tells verbs from nouns

    jieba.initialize()
    return jieba
