"""The Chinese side's word knowledge: jieba's segmentation and tags, the stop words that end a term on
its left, the modifiers a writer adds on their own, and the dictionary checks (``dictionary``) that a
Chinese word translates a word of the English. ``boundaries`` builds term edges on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..identity import simplified
from ..lexicon import jieba_words
from ..text import HAN_RE, load_jieba
from .english import latin_letter_or_digit

# Verbs that name what follows them (`…叫作皴法（texture strokes）`): no term starts before one. 叫 alone is left out:
# it is a character of words jieba may leave apart.
NAMING_VERBS = frozenset(
    """
    叫做 叫作 称为 称作 称之为 被称为 被称作 名为 名叫 谓之 又称 亦称 也叫 又叫 就叫 俗称 统称 合称 简称 所谓 所谓的
    指 是指 即指 专指 泛指 特指
    """.split()
)

# Function words, pronouns, and verbs that introduce a term (saying, naming, using). A Chinese
# term never starts with one of these, so the term begins after the last of them in the run.
STOP_WORDS = NAMING_VERBS | frozenset(
    """
    的 了 地 得 着 过了 和 与 及 以及 或 或者 并 并且 而 而且 但 但是 可是 然而 因为 所以 如果 虽然 即使
    在 于 对 对于 把 被 将 从 向 让 使 用 以 由 通过 利用 使用 采用 借助 基于 关于 根据 按照 作为 包括 包含
    是 就是 即 也 都 又 还 就 只 才 更 最 很 太 非常 特别 尤其 确实 其实 已经 正在 可能 可以 能 能够 会 要 需要 应该
    这 那 这种 那种 这个 那个 这些 那些 这样 那样 该 其 此 各 每 某 某种 一种 一个 一些 一类 所谓
    我 你 他 她 它 我们 你们 他们 她们 它们 大家 自己 人们
    认为 觉得 说 说到 讲 讲到 谈 谈到 提到 提出 指出 称 称为 称作 叫 叫做 也叫 又叫 名叫 名为 被称为 所谓的
    定义为 理解为 看作 视为 称之为 即为 也就是 就叫 所说的 介绍 介绍了 解释 解释了 强调 表示
    引入 引入了 发明 发明了 研究 学习了 加入 是不是 不 不是 没有 并不 并非 随着 进行 实现 制定 添加 加上
    聊聊 聊 谈谈 讲讲 看看 来看 看到 就像 好像 如同 讨论 讨论了 谈论 聊到 聊了 说起 提及 讲解 改变 改变了
    做 做了 先做 再做 超出 超过 达到 降低 提高 提升 增加 减少 避免 避开 解决 完成
    开始 继续 保持 执行 运行 调用 创建 设置 获得 得到 提供 支持 计算 检查 还有 另外 此外 而是 还是 或是 也是 都是
    只是 例如 比如 譬如 诸如 像是 常用 常见 通常 一般 主要 典型 所有 全部 整个 各种 多种 不同 相关 相应 其他 其它
    另一 另一种 任何 某些 许多 很多 大量 少量 哪些 哪个 哪种 什么 怎样 怎么 多少 一点 一下
    重新 再次 往往 经常 总是 一直 仍然 依然 逐渐 直接 同时 分别 共同 一起 首先 然后 最后 进一步 相互 互相 如今
    一是 二是 三是 四是 其一 其二 其三
    否则 不然 以免 除以 乘以 减去 加以 如 例 尤其是 特别是 比方说 接近 面向 针对
    若干 经由 变成 变为 比不上 不如 想要 目前 现在 此时 当时
    时候 的时候 那时候 之前 之后 以前 以后 后来 平时 那时 容易 很容易
    装有 设有 带有 附有 含有 具有 拥有 配有 备有 留有 存有 均有 都有 也有 只有 就有 才有 总有 另有 尚有
    大部分 大部份 大多数 绝大多数 绝大部分 多数 少数 不少 一切 要是 假如 倘若 若是 如若 万一 只要 一旦 除非
    来自 源自 出自 来源于 源于
    要么 宁可 宁愿 与其 必须 务必 也许 或许 反而 于是 因此 从而 进而 以便 不过 尽管 何况 况且 甚至
    以为 试试 试一试 试着
    每次 每回
    同埋
    """.split()  # 同埋: written Cantonese's "and" (鯨魚眼同埋夾尾)
)

CANTONESE_PARTICLES = "嘅咗喺俾唔啲嗰𠮶咁嚟佢哋冇埋吓仲"  # written Cantonese's function characters
_AT_PARTICLES = re.compile(f"([{CANTONESE_PARTICLES}])")

# One-character tokens that attach to a verb or noun before them (出, 到, 成…): a term does not
# start with one when jieba leaves it on its own. `过` is absent on purpose (过拟合, 过采样).
STOP_CHARS = frozenset(
    "出到成为于给在了的地得着和与及或并而被把将对从向让使用以由是也都就又还只才更最很太这那其该各每某此做加再先个种位名项些条件来中里内上下有写看按次靠换开纯压拿放送装找带跑像比"
    "选涂刷录设戴进防建算打跟经往盯怕同依报划"  # verbs, prepositions before a term: 戴 手套, 经 逆转录, 同 with, 依 by
    "提"  # `mention`: 不得不提|猫下泌尿道疾病
    "兼"  # `and also`, between two roles: 店长兼|首席技师
    "请"  # `please`: 请展开回溯
    "之"  # formal 的: 资产之账面金额
    + CANTONESE_PARTICLES  # written Cantonese: 的 了 在 被 不 些 那 这样 来 他 们 没有, 计埋 计吓, 还
)
# Measure words: after a numeral (三个, 一层), a quantity, not part of the term after it, unless the English says the
# number (`3 层网络` for `three-layer network`); the second kind also name things (层 `layer`, 段 `segment`).
MEASURE_WORDS = "个种类位名项些条件步块缸帧份张台套组批片颗根关局轮场遍趟回幅本篇枚辆艘尊册撮勺匙滴粒路节只株棵朵家间所"
MEASURE_WORDS += "头处代盏圈对"  # livestock (五十头牦牛), places (一处缺帧), generations (上一代), lamps, rings, pairs
MEASURE_WORDS += "排"  # rows (一排刀齿)
MEASURE_WORDS += "盆杯瓶碗箱袋盒桶壶罐锅碟"  # containers (一盆草物, 两杯水, 一锅瑞可塔)
MEASURE_WORDS += "团束捆"  # a lump, a bunch, a bundle (一团稀疏点云; not 群 nor 串: 一群兼职议员, 整串发酵)
MEASURE_WORDS += "卷格"  # rolls and volumes (一卷练习片), frames and cells (这一格曝光不足)
NAMING_MEASURES = "层波道段堆座栋支首部句阵笔副阶"
COUNTERS = MEASURE_WORDS + NAMING_MEASURES  # every measure word, after a numeral
# A measure word or unit of time after a number in digits (`14 天试用期`, `3 个节点`, `3 下` times, `27 座`, `2 分钟`).
AFTER_DIGITS = frozenset([*COUNTERS, *"天年月周日次倍秒分下", "分钟", "小时", "个月", "星期", "毫秒"])
# Off a word jieba guessed (``_split_guesses``): stop characters and one-character stop words (会析 is 会 + 析); not
# 二 of 二值 `binary` (nor measure words: 回 of 回译 `back-translation`).
_SPLIT_OFF = STOP_CHARS | {word for word in STOP_WORDS if len(word) == 1} | {"一", "当"}
_PARTICLES = frozenset("的地得")  # structural particles: one never follows another
# Off the end of a word jieba guessed: verbs and prepositions that take the term as their object (`总有`, `图中用`);
# not 到, 向, 下, 位 (弱到强, 视向速度, 冰下海洋, 逐位), which end a term's first word as often.
_INTRODUCING = frozenset("有看用做设出给把被让使将")

# Modifiers a Chinese writer adds on their own (一个小型路由模型 for `router model`): kept at the
# start of a term only when the English has one of their translations (`Large Multimodal Models`).
MODIFIERS = {
    line.split()[0]: tuple(line.split()[1:])
    for line in """
    大型 large big giant
    小型 small tiny mini
    超大 huge giant
    新 new novel
    新型 new novel
    旧 old legacy
    简单 simple
    复杂 complex
    高效 efficient
    快速 fast quick rapid
    早期 early
    现代 modern
    传统 traditional classic conventional
    经典 classic
    基本 basic
    基础 basic base foundation
    高级 advanced
    整体 overall
    外部 external outer outside
    内部 internal inner inside
    真正 real true
    有效 effective valid
    重要 important key
    """.strip().splitlines()
}

# One-character words that turn the verb before them into a noun: 运行时, 计算量, 执行器, 调用栈.
BOUND_SUFFIXES = frozenset("时量率器性化式机者法度值集栈图库层数型力源点症")

COMMON_FREQ = 14_000  # jieba frequency above which a verb is a function word (学习 13,482 stays a word)

RARE_FREQ = 50  # jieba count under which a word is a domain word rather than everyday Chinese
PHRASE_PART_FREQ = 200  # jieba count from which each word of a rare set phrase is an everyday word (``_split_phrases``)


def word_tag(token: str) -> str:
    """jieba's dictionary tag of ``token`` (empty for words it does not know); a verb and 一下 ("a little", the
    delimitative: 试一下 `have a try`, 检查一下) is a verb, which jieba's dictionary tags a noun or a set phrase."""
    if len(token) > 2 and token.endswith(_DELIMITATIVE) and jieba_words().tag(token[:-2]).startswith("v"):
        return "v"
    return jieba_words().tag(token)


def tagged_verb(token: str) -> bool:
    """jieba tags ``token`` a verb, and not a nominal one (vn: 管理 as "management")."""
    tag = word_tag(token)
    return tag[:1] == "v" and tag != "vn"


_DELIMITATIVE = "一下"


def is_nominal(token: str, unknown: bool = False) -> bool:
    """jieba tags ``token`` a noun, a nominal verb or a distinguishing word (and, with ``unknown``,
    it is a Chinese word jieba does not know: 急停, 聚类 are new words of a field)."""
    tag = word_tag(token)
    if not tag:
        return unknown and HAN_RE.match(token) is not None
    return tag[:1] in ("n", "b", "j") or tag in ("vn", "an")


def is_function_word(token: str) -> bool:
    return token in STOP_WORDS or (len(token) == 1 and token in STOP_CHARS) or is_common_function_word(token)


def is_leading_verb(token: str) -> bool:
    """A word of two characters or more that is a verb, by the dictionary or by jieba."""
    return len(token) > 1 and HAN_RE.match(token) is not None and is_verb(token)


def word_tokens_of(text: str) -> list[str]:
    """The words of ``text`` as jieba cuts its Simplified copy."""
    return [token for token, _ in word_tokens(simplified(text))]


_GREEK = re.compile("[\u0391-\u03a9\u03b1-\u03c9]")
_LETTERS = re.compile("[A-Za-z]{1,4}")  # the letters a slash joins into one word: `C/A`, `I/O`
_LETTERS_SLASH = re.compile("(?:[A-Za-z]{1,4}/)+")
_DECIMAL = re.compile(r"\d+\.\d+")  # a number jieba cuts from the letters after it: `2.5|D`, where `3D` is one word


def word_tokens(text: str) -> list[tuple[str, int]]:
    """jieba tokens with their offsets; a hyphen between Chinese words stays inside its word, a slash between
    letters too (`C/A码`: the letters of `coarse/acquisition`), a Greek letter stays with the word it names
    (`φ函数`), and a decimal number with the letters after it (`2.5D`, as jieba keeps `3D`)."""
    tokens: list[tuple[str, int]] = []
    offset = 0
    for token in _joined_characters(_split_phrases(_split_guesses(_segment(text)))):
        before = tokens[-1][0] if tokens else ""
        glued = bool(before) and (
            before[-1] in "-－–"
            or _GREEK.fullmatch(before) is not None
            or (_LETTERS.fullmatch(token) is not None and _LETTERS_SLASH.fullmatch(before) is not None)
            or (_LETTERS.fullmatch(token) is not None and _DECIMAL.fullmatch(before) is not None)
            # jieba cuts a Latin word at an accented letter (`Damg|å|rd`): letters touching letters are one word
            or (latin_letter_or_digit(before[-1]) and latin_letter_or_digit(token[0]))
        )
        slashed = token == "/" and tokens and _LETTERS.fullmatch(tokens[-1][0])
        if tokens and (token in "-－–" or glued or slashed) and not token.isspace():
            tokens[-1] = (tokens[-1][0] + token, tokens[-1][1])
        else:
            tokens.append((token, offset))
        offset += len(token)
    return tokens


_NUMERAL = re.compile(r"[0-9]+|[一二三四五六七八九十两几百千]+")


def _split_guesses(tokens: Iterable[str]) -> list[str]:
    """Split stop characters and numerals off a word jieba guessed (not in its dictionary), one by one: `或卷` is
    `或` + `卷`, `先用切` is `先` + `用` + `切`, `一硅` (claim language: `一硅中介层`, "a silicon interposer") is
    `一` + `硅`; and around the Cantonese particles inside it (``_split_at_particles``)."""
    words = jieba_words()
    out: list[str] = []
    after_digits = False
    for token in tokens:
        if after_digits and len(token) > 1 and token[0] in AFTER_DIGITS and token not in AFTER_DIGITS:
            # `2023 年防|回流`: the unit goes with the number before it; also off a word of jieba's (`96 节电|芯`), but
            # not off a unit that is one (`2 分钟`)
            out.append(token[0])
            token = token[1:]
        after_digits = token.isdigit() or (after_digits and token.isspace())
        if (
            out
            and _NUMERAL.fullmatch(out[-1])
            and len(token) > 1
            and token[0] in COUNTERS
            and not words.frequency(token)
        ):
            out[-1], token = out[-1] + token[0], token[1:]  # `十二|场半`: the measure word goes with its numeral
        while len(token) > 1 and token[0] in _SPLIT_OFF and HAN_RE.match(token) and not words.frequency(token):
            if token[0] == "一" and token[1] in COUNTERS:
                break  # 一关, 一阶: a quantity, which ``boundaries`` knows
            if token[0] in _PARTICLES and out and out[-1] in _PARTICLES:
                break  # `的|地平式`: no particle follows 的, so 地 starts a word here
            out.append(token[0])
            token = token[1:]
        last = ""
        if len(token) > 1 and token[-1] in _INTRODUCING and HAN_RE.match(token) and not words.frequency(token):
            token, last = token[:-1], token[-1]  # `总有`, `图中用`: the verb or preposition that introduces the term
        inner = next((i for i in range(1, len(token) - 1) if token[i] in _INTRODUCING), 0) if HAN_RE.match(token) else 0
        if inner and not words.frequency(token):  # `时用束|搜索`: 时 用 束搜索, the verb inside the word jieba guessed
            out += [token[:inner], token[inner]]
            token = token[inner + 1 :]
        out += _split_at_particles(token) if not words.frequency(token) else [token]
        out += [last] if last else []
    return out


def _split_at_particles(token: str) -> list[str]:
    """A word jieba guessed, split around the Cantonese function characters inside it (jieba knows no Cantonese:
    `部机仲有` is 部机 + 仲 + 有, `计吓` is 计 + 吓)."""
    return [piece for piece in _AT_PARTICLES.split(token) if piece]


def _split_phrases(tokens: list[str]) -> list[str]:
    """Split a set phrase of an adverb and a verb that jieba's dictionary keeps as one rare word (逐步提高, 严格遵守,
    认真对待: officialese's way to open a clause) into its two words: whole, it reads as a domain word at a term's
    left edge (`逐步提高氮肥利用率`), where its verb tells it is none."""
    return [part for token in tokens for part in _phrase_parts(token)]


@lru_cache(maxsize=65_536)
def _phrase_parts(token: str) -> tuple[str, ...]:
    words = jieba_words()
    if len(token) != 4 or not 0 < words.frequency(token) < RARE_FREQ:
        return (token,)
    adverb, verb = token[:2], token[2:]
    if min(words.frequency(adverb), words.frequency(verb)) < PHRASE_PART_FREQ:
        return (token,)
    if word_tag(adverb) in ("d", "ad", "vd") and tagged_verb(verb):
        return (adverb, verb)
    return (token,)


def _joined_characters(tokens: list[str]) -> list[str]:
    """Join two characters jieba left apart where they make a word of CC-CEDICT's: jieba's dictionary lacks
    common words such as 会话 and 对等, and cuts them into characters (`会|话`), so a term would start inside one.
    Not a measure word after a number: it counts the word after it (`1,126 根|音管`, where 根音 is a word too)."""
    out: list[str] = []
    for token in tokens:
        last = out[-1] if out else ""
        counted = last in AFTER_DIGITS and _after_number(out[:-1])
        joined = len(last) == 1 == len(token) and HAN_RE.match(last) and HAN_RE.match(token) and not counted
        if joined and _one_word(last + token):
            out[-1] = last + token
        else:
            out.append(token)
    return out


def _after_number(tokens: list[str]) -> bool:
    """The last of ``tokens`` but spaces is a number, in digits or in Chinese numerals."""
    last = next((token for token in reversed(tokens) if not token.isspace()), "")
    return _NUMERAL.fullmatch(last) is not None


def _one_word(pair: str) -> bool:
    """Two characters that CC-CEDICT has as a word which names something: not a verb (说说 "to say sth"), not
    two function characters (要有 "must have")."""
    from .dictionary import is_headword

    both_function = all(c in STOP_CHARS or c in STOP_WORDS for c in pair)
    introducing = pair[1] in _INTRODUCING  # 总 有 "there will always be" (`总有里程焦虑`): the verb takes the term
    return not both_function and not introducing and is_headword(pair) and not is_verb(pair)


def is_common_function_word(token: str) -> bool:
    """One of jieba's most frequent verbs, prepositions, adverbs or pronouns (成为, 存在, 进行, 看):
    they introduce a term, they are not part of one."""
    if len(token) < 2:  # single characters are judged by STOP_CHARS: 死 in 死元组 is no verb
        return False
    tag = word_tag(token)
    return tag[:1] in ("v", "p", "d", "c", "r") and tag != "vn" and jieba_words().frequency(token) >= COMMON_FREQ


def is_latin(token: str) -> bool:
    """The token is English (or another Latin-script word: `À`, `naïve`)."""
    return bool(token) and latin_letter_or_digit(token[0])


def han_units(words: list[tuple[str, int]]) -> int:
    """Length in Chinese characters, an English word counting as two."""
    return sum(_token_units(token) for token, _ in words)


@lru_cache(maxsize=65_536)
def _token_units(token: str) -> int:
    return 2 if is_latin(token) else len(HAN_RE.findall(token)) + len(_GREEK.findall(token))


def translated_in(chinese: str, english: str, *, inside_words: bool = True) -> bool:
    from .dictionary import supports

    return HAN_RE.match(chinese) is not None and supports(chinese, english, inside_words=inside_words)


def is_verb(chinese: str) -> bool:
    """A verb by the dictionary (every sense `to …`), or by jieba's tag for words it does not know."""
    from .dictionary import is_verb, translations

    if is_verb(chinese):
        return True
    return not translations(chinese) and tagged_verb(chinese)


@lru_cache(maxsize=4096)
def _segment_cached(text: str) -> tuple[str, ...]:
    return tuple(load_jieba().lcut(text))


def _segment(text: str) -> list[str]:
    return list(_segment_cached(text))
