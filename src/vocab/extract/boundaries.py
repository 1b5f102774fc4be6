"""Term edges: exactly the words the other side of the gloss covers.

A gloss's term stands right before its bracket, but the run of same-script text before the
bracket is often longer than the term: ``那种泛化(generalization)``, ``以及数据(data)``,
``称为训练数据集（training data set）``, ``3D 或 video world models(视频世界模型)``.

The method, in order of evidence strength:

1. An opening mark right before the run (bold, quote, book-title mark, link text) delimits the
   term: ``**计算能力**（Compute Power）``, ``“**高杠杆（high leverage）**”``.
2. Chinese runs are segmented with jieba; the term starts after the last function word or
   verb of saying/using (``STOP_WORDS``) or a single-character particle (``STOP_CHARS``).
3. What remains is cut to the length the other side suggests: a Chinese term has about two
   characters per English content word (``MAX_CHARS_PER_WORD``), an English term about one word
   per two Chinese characters. Acronyms count a word per capital.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import HAN_RE
from .brackets import CLOSE_QUOTES, MARKUP, OPEN_QUOTES, TEXT

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
    定义为 理解为 看作 视为 称之为 即为 也就是 就叫 所说的 介绍 介绍了 解释 解释了
    强调 表示 引入 引入了 发明 发明了 研究 学习了 加入
    """.split()
)
# One-character tokens that attach to a verb or noun before them (出, 到, 成…): a term does not
# start with one when jieba leaves it on its own. `过` is absent on purpose (过拟合, 过采样).
STOP_CHARS = frozenset(
    "出到成为于给在了的地得着和与及或并而被把将对从向让使用以由是有也都就又还只才更最很太这那其该各每某此"
)
EN_STOP_WORDS = frozenset(
    """a an the and or but nor of to in on at by for with from as into onto via than then so
    is are was were be been being am do does did has have had it its this that these those
    we you they he she i me us them our your their his her my who which what when where
    called named termed known like about also just very really""".split()
)
MAX_CHARS_PER_WORD = 2  # plus SLACK_CHARS: `reasoning models` ↔ 推理模型, `meta capability` ↔ 元能力
SLACK_CHARS = 2
DELIMITED_MAX = 16  # a delimited Chinese term longer than this is a phrase, and is cut like a plain run

_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.+#&_-]*")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]*[A-Z][a-z]?s?$")


@dataclass(frozen=True, slots=True)
class Run:
    """The term before a bracket: offsets in the segment text and the term as written."""

    start: int
    end: int
    text: str
    delimited: bool  # an opening mark stands right before it


def run_before(text: str, kinds: bytearray, pos: int, script: str) -> Run | None:
    """The run of ``script`` ("zh" or "en") text that ends just before offset ``pos``.

    Closing marks and spaces between the run and ``pos`` are skipped; the run stops at any
    other script, punctuation, markup or masked text.
    """
    i = pos - 1
    while i >= 0 and (text[i].isspace() or kinds[i] == MARKUP or text[i] in CLOSE_QUOTES):
        i -= 1
    end = i + 1
    accept = _is_han_term_char if script == "zh" else _is_latin_term_char
    while i >= 0 and kinds[i] == TEXT and (accept(text, i) or _is_inner_gap(text, kinds, i, script)):
        i -= 1
    start = i + 1
    while start < end and (text[start].isspace() or not text[start].isalnum() and script == "en"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    before = text[start - 1] if start > 0 else ""
    delimited = before != "" and (kinds[start - 1] == MARKUP or before in OPEN_QUOTES)
    raw = text[start:end]
    term = raw.replace("\n", "") if script == "zh" else " ".join(raw.split())
    return Run(start, end, term, delimited)


def _is_han_term_char(text: str, i: int) -> bool:
    ch = text[i]
    return bool(HAN_RE.match(ch)) or ch in "·・〇"


def _is_latin_term_char(text: str, i: int) -> bool:
    ch = text[i]
    if ch.isascii() and ch.isalnum():
        return True
    if ch in "'’.+#&_-/":
        # Inside a word only: `RL's`, `GPT-4.5`, `C++`, `I/O`; a full stop before a space ends a sentence.
        right = text[i + 1] if i + 1 < len(text) else ""
        left = text[i - 1] if i > 0 else ""
        if ch in "+#":
            return left.isascii() and left.isalnum() or left in "+#"
        return left.isascii() and left.isalnum() and right.isascii() and right.isalnum()
    return ch == " " and i > 0 and text[i - 1] not in " \n"


def _is_inner_gap(text: str, kinds: bytearray, i: int, script: str) -> bool:
    """A hard line break inside a term: ``（The Bitter\\nLesson）`` or ``奖励\\n模型``."""
    return (
        text[i] == "\n"
        and i > 0
        and kinds[i - 1] == TEXT
        and (_is_latin_term_char(text, i - 1) if script == "en" else _is_han_term_char(text, i - 1))
    )


def english_weight(en: str) -> int:
    """How many Chinese-word slots an English term fills: content words, a word per capital
    in an acronym.

    >>> english_weight("the Bitter Lesson"), english_weight("RLHF"), english_weight("LLMs")
    (2, 4, 3)
    """
    weight = 0
    for word in en.replace("-", " ").split():
        if word.casefold() in ("a", "an", "the", "of"):
            continue
        weight += sum(ch.isupper() for ch in word) if _ACRONYM.match(word) else 1
    return max(weight, 1)


def trim_chinese(run: Run, en: str) -> str | None:
    """The Chinese term at the end of ``run`` that ``en`` translates."""
    if run.delimited and len(run.text) <= DELIMITED_MAX:
        return run.text
    tokens = _segment(run.text)
    if "·" in tokens or "・" in tokens:  # a transliterated name: 肖恩·麦奎尔 (given name, dot, surname)
        dot = next(k for k, token in enumerate(tokens) if token in "·・")
        return "".join(tokens[max(dot - 1, 0) :])
    for k in range(len(tokens) - 1, -1, -1):
        if tokens[k] in STOP_WORDS or (len(tokens[k]) == 1 and tokens[k] in STOP_CHARS):
            tokens = tokens[k + 1 :]
            break
    if not tokens:
        return None
    limit = MAX_CHARS_PER_WORD * english_weight(en) + SLACK_CHARS
    best = tokens[-1]
    for k in range(len(tokens) - 2, -1, -1):
        candidate = "".join(tokens[k:])
        if len(candidate) > limit:
            break
        best = candidate
    return best


def trim_english(run: Run, zh: str, english_context: bool) -> str | None:
    """The English term at the end of ``run`` that ``zh`` translates.

    In a Chinese sentence the run is already bounded by Chinese on its left; in an English one
    it can be the whole clause, so it is cut to about one word per two Chinese characters.
    """
    words = run.text.split()
    while words and words[0].casefold() in EN_STOP_WORDS:
        words = words[1:]
    if english_context:
        han = len(HAN_RE.findall(zh))
        limit = max(1, math.ceil(han / 2))
        words = words[-limit:]
        while words and words[0].casefold() in EN_STOP_WORDS:
            words = words[1:]
    return " ".join(words) or None


@lru_cache(maxsize=4096)
def _segment_cached(text: str) -> tuple[str, ...]:
    return tuple(_tokenizer().lcut(text))


def _segment(text: str) -> list[str]:
    return list(_segment_cached(text))


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    """jieba, imported and initialised on first use (about a second), quietly."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba
