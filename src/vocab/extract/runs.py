"""Runs: the same-script text that ends right before a bracket, where a gloss's term stands.

A run stops at punctuation, markup or masked text; an opening mark right before it (bold, a
quote, a book-title mark, link text) delimits it. ``boundaries`` then cuts the term out of it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import HAN, HAN_RE, NAME_DOTS, occurrences, unwrap
from .brackets import CLOSE_QUOTES, MARKUP, OPEN_QUOTES, TEXT
from .chinese import STOP_CHARS, STOP_WORDS, word_tokens_of
from .english import is_latin_term_char

MAX_RUN = 200  # characters a run goes back from its bracket: three times the longest term in the gold (64)


@dataclass(frozen=True, slots=True)
class Run:
    """The term before a bracket: offsets in the segment text and the term as written."""

    start: int
    end: int
    text: str
    delimited: bool  # an opening mark stands right before it
    wraps_gloss: bool = False  # and closes after the bracket, around the term and its gloss (or a quoted clause)


def run_before(text: str, kinds: bytearray, pos: int, script: str, close: int | None = None) -> Run | None:
    """The run of ``script`` text that ends just before offset ``pos``.

    "en" is a run of English words. "zh" is a run of Chinese that may hold English words glued
    to it (``API服务器``, ``宪法式AI``, ``集群 DNS``); ``trim_chinese`` keeps those only when the
    English side of the gloss has them too. Closing marks and spaces between the run and ``pos``
    are skipped; the run stops at punctuation, markup or masked text. ``close`` is where the bracket
    at ``pos`` closes (a mark right after it can close what opened the run).
    """
    i = before_link_target(text, pos - 1)
    while i >= 0 and (text[i].isspace() or kinds[i] == MARKUP or text[i] in CLOSE_QUOTES):
        i -= 1
    end = i + 1
    accept = _is_mixed_term_char if script == "zh" else is_latin_term_char
    reach = max(end - MAX_RUN, -1)  # further left, no term: a line of 200,000 words took the edge search hours
    while i > reach and kinds[i] == TEXT and (accept(text, i) or _is_inner_gap(text, kinds, i, script)):
        i -= 1
    start = i + 1
    while start < end and not (text[start].isalnum() or HAN_RE.match(text[start])):
        start += 1
    if start >= end or (script == "zh" and not HAN_RE.search(text, start, end)):
        return None
    if script == "zh" and (quoted := _quoted_head(text, start)) is not None and not _says_more(text[start:end]):
        return Run(quoted[0], end, quoted[1] + unwrap(text[start:end]), quoted[2])
    if script == "zh" and (bolded := _bold_before(text, start, end)) is not None:
        return Run(bolded[0], end, bolded[1], True)
    if script == "zh" and (stem := _bold_stem(text, start, end)) is not None:
        return Run(stem[0], end, stem[1], True)
    raw = text[start:end]
    term = unwrap(raw) if script == "zh" else " ".join(raw.split())
    closing = _closing(text, kinds, end, pos, pos if close is None else close, term)
    delimited = start > 0 and _opens_before(text, kinds, start) and closing is not None
    return Run(start, end, term, delimited, delimited and closing == "gloss")


def _bold_before(text: str, start: int, end: int) -> tuple[int, str] | None:
    """A word's first characters bold, its last one not (`**幂等**性（idempotency）`, `**行权**价（…）`, a stem
    bolded): the run is one character right after the closing mark, and the term is the word whole, from where the
    bold opens. Returns that place and the word."""
    if end - start != 1 or not HAN_RE.match(text[start]) or text[start - 2 : start] != "**" or start < 3:
        return None
    opening = text.rfind("**", 0, start - 2)
    bold = text[opening + 2 : start - 2] if opening != -1 else ""
    if not 1 <= len(bold) <= MAX_BOLD_STEM or not all(HAN_RE.match(ch) for ch in bold):
        return None
    return opening, bold + text[start]


MAX_BOLD_STEM = 6  # characters of a bold stem before a word's last, unbolded character


def _bold_stem(text: str, start: int, end: int) -> tuple[int, str] | None:
    """A bold word right before the run, no space between (`**乾式**鏈條油（dry lube）`, `**单晶**组件（monocrystalline
    modules）`): the writer stressed the word that tells this term from its neighbours' (`**濕式**鏈條油`), which is the
    term's first, and a word whole (`**有刷**电机`, not 刷电机). Returns where the bold opens and the term."""
    if not 2 <= end - start <= MAX_BOLD_REST or text[start - 2 : start] != "**" or start < 3:
        return None
    line_start = text.rfind("\n", 0, start) + 1
    if not all(HAN_RE.match(ch) for ch in text[start:end]) or text.count("**", line_start, start - 2) % 2 == 0:
        return None  # (the mark before the run opens a bold, it closes none: `和**每字延迟（…）**`)
    opening = text.rfind("**", 0, start - 2)
    bold = text[opening + 2 : start - 2] if opening != -1 else ""
    if not 1 <= len(bold) <= MAX_BOLD_STEM or not all(HAN_RE.match(ch) for ch in bold):
        return None
    if any(token in STOP_WORDS for token in word_tokens_of(bold)):
        return None  # `**而不是**泛化`: a bold clause, no word of the term
    return opening, bold + text[start:end]


MAX_BOLD_REST = 4  # characters of the unbolded rest of a term after its bold first word


_HEAD_QUOTES = {"」": "「", "』": "『", "”": "“"}
MAX_QUOTED_HEAD = 8  # characters: a quoted first word of a term, not a quoted clause


def _quoted_head(text: str, start: int) -> tuple[int, str, bool] | None:
    """A quoted word that opens a term: `「信息」系统（subsystem of information）` is 信息系统. Returns where
    the opening quote stands, the word without its quotes, and whether it delimits the term. Where Chinese
    stands before the quote (`即“无菌驾驶舱”规则（sterile cockpit rule）`), the quote is the writer's emphasis, not
    the term's edge: the run goes on through it, and its Chinese before, for ``boundaries`` to cut."""
    close = start - 1
    if close < 1 or text[close] not in _HEAD_QUOTES:
        return None
    opening = text.rfind(_HEAD_QUOTES[text[close]], max(0, close - MAX_QUOTED_HEAD - 1), close)
    word = text[opening + 1 : close] if opening != -1 else ""
    if not word or not all(HAN_RE.match(ch) for ch in word) or word in STOP_WORDS or word in STOP_CHARS:
        return None  # `“或”深度学习`: a quoted function word is talked about, it opens no term
    before = opening
    while before > 0 and opening - before < MAX_QUOTED_HEAD and HAN_RE.match(text[before - 1]):
        before -= 1
    return before, text[before:opening] + word, before == opening


def _says_more(rest: str) -> bool:
    """The text after a quoted word holds a stop word: it goes on with a clause (`“非常缓慢”指的是准静态过程`), so the
    quoted word does not open the term."""
    return any(token in STOP_WORDS or token in STOP_CHARS for token in word_tokens_of(unwrap(rest)))


def before_link_target(text: str, i: int) -> int:
    """Where the text before ``i`` ends when a Markdown link target stands there: the term of
    `[曼纽尔·布卢姆](https://…)（Manuel Blum）` is the link's text, and its target (masked) is skipped."""
    if i < 0 or text[i] != ")":
        return i
    opening = text.rfind("](", 0, i)
    if opening == -1 or any(ch.isspace() for ch in text[opening + 2 : i]):
        return i
    return opening


def _opens_before(text: str, kinds: bytearray, start: int) -> bool:
    """An opening mark stands right before ``start``: a quote, a book-title mark, link text, a
    tag, or an emphasis run or a term's code font (`` `不保事项`（exclusions） ``) that opens (``**计算能力**``) rather
    than closes (``…）**和力反馈``)."""
    before = text[start - 1]
    if before in OPEN_QUOTES or before == "[" or before == ">":
        return kinds[start - 1] == MARKUP or before in OPEN_QUOTES
    if before not in "*_~=`" or kinds[start - 1] != MARKUP:
        return False
    run_start = start - 1
    while run_start > 0 and text[run_start - 1] == before:
        run_start -= 1
    mark = text[run_start:start]
    return _marks_before(text, mark, run_start) % 2 == 0


@lru_cache(maxsize=256)
def _mark_starts(text: str, mark: str) -> tuple[int, ...]:
    """Where ``mark`` stands in ``text``, left to right without overlaps (as ``str.count`` counts)."""
    return tuple(occurrences(text, mark))


def _marks_before(text: str, mark: str, end: int) -> int:
    """``text.count(mark, 0, end)`` by bisection: a line with thousands of bold terms is counted once, not once
    per bracket (which made a long line quadratic)."""
    return bisect.bisect_right(_mark_starts(text, mark), end - len(mark))


def _is_han_term_char(text: str, i: int) -> bool:
    """Chinese, a name's middle dot, or a Greek letter a term is named after (`φ函数`, `β分布`)."""
    ch = text[i]
    greek = "\u03b1" <= ch <= "\u03c9" or "\u0391" <= ch <= "\u03a9"
    return bool(HAN_RE.match(ch)) or ch in NAME_DOTS or ch == "〇" or greek


def _is_mixed_term_char(text: str, i: int) -> bool:
    """Chinese, or an English word or a space that touches Chinese in the same run, or a Greek letter that begins a
    Chinese word (`α-淀粉酶`, `β受体`)."""
    if _is_han_term_char(text, i) or (text[i] in "-－–" and i > 0 and HAN_RE.match(text[i - 1])):
        return True
    if _GREEK_LETTER.match(text[i]) or (text[i] in "-－/" and i > 0 and _GREEK_LETTER.match(text[i - 1])):
        return _GREEK_LEAD.match(text, i + 1) is not None  # `α-淀粉酶`, `α/β比值`
    if text[i] == " " and _GREEK_LETTER.match(text[i + 1 : i + 2]):
        return False  # `测 γ干扰素`: the space sets the Greek-led word apart, as a term's start
    if text[i] == " " and i > 0 and HAN_RE.match(text[i - 1]) and HAN_RE.match(text[i + 1 : i + 2]):
        return False  # `还有一种天敌 长棘海星`: a space between Chinese words is a pause, a subtitle's comma
    if text[i] == "—" and 0 < i < len(text) - 1 and HAN_RE.match(text[i - 1]) and HAN_RE.match(text[i + 1]):
        return True  # `用户—物品矩阵`: one dash between two words joins them, as a hyphen (two: a pause)
    if text[i] in "%％" and i > 0 and text[i - 1].isdigit():
        return True  # `4% 法则（4% rule）`: a percentage names the rule
    if text[i] == "@" and i > 0 and HAN_RE.match(text[i - 1]) and text[i + 1 : i + 2].isalnum():
        return True  # `精确率@K (Precision@K)`: a metric at a cutoff
    return is_latin_term_char(text, i)


_GREEK = "\u03b1-\u03c9\u0391-\u03a9"
_GREEK_LETTER = re.compile(f"[{_GREEK}]")
_GREEK_LEAD = re.compile(f"[-－/{_GREEK}]*[ ]?[{HAN}]")  # what follows a Greek letter that begins a Chinese word


def _is_inner_gap(text: str, kinds: bytearray, i: int, script: str) -> bool:
    """A hard line break inside a term: ``（The Bitter\\nLesson）`` or ``奖励\\n模型``."""
    return (
        text[i] == "\n"
        and i > 0
        and kinds[i - 1] == TEXT
        and (is_latin_term_char(text, i - 1) if script == "en" else _is_mixed_term_char(text, i - 1))
        and _word_stands_apart(text, i)
    )


def _word_stands_apart(text: str, end: int) -> bool:
    """The word that ends at ``end`` begins after a space, Chinese or the start: `](x)B` at a line's end is no word a
    term wraps from; `zero-knowledge` is one word (its inner marks as ``is_latin_term_char`` takes them)."""
    start = end
    while start > 0 and not text[start - 1].isspace() and is_latin_term_char(text, start - 1):
        start -= 1
    return start == end or start == 0 or text[start - 1].isspace() or HAN_RE.match(text[start - 1]) is not None


def _closing(text: str, kinds: bytearray, end: int, pos: int, close: int, term: str) -> str | None:
    """Where the mark that opened the term closes: right after it (`“规模法则”（…）`) or, for bold, right after its
    bracket (`**高杠杆（high leverage）**`): "term"; a quote right after the bracket, around the term and its gloss or
    around a quoted clause: "gloss"; else None. A quote that opens a whole sentence (`text:
    "首先是標記器(Tokenizer)，…"`) does not delimit the term, nor does a quote around a phrase and its gloss
    (`"基于单个字符的标记(Tokenization)"`: a 的 inside says it quotes more than the term, where bold marks a term:
    `**智能体的社会性（Agent Sociality）**`)."""
    if any(text[i] in CLOSE_QUOTES or kinds[i] == MARKUP for i in range(end, pos)):
        return "term"
    after = close + 1
    if after >= len(text):
        return None
    if kinds[after] == MARKUP:
        return "term"  # bold marks a term with its gloss
    return "gloss" if text[after] in CLOSE_QUOTES and "的" not in term[1:-1] else None
