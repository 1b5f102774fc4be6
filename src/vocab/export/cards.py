"""Card helpers: where a gloss stands in its sentence, the sentence with the answer hidden, and the
term highlighted in a sentence of the other language.

The card renderers use them — the Anki export (``export.anki``) and the terminal review
(``review.terminal``) — so a front never shows its own answer, whichever way it is studied; the
glossary highlights with them too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..extract.align import term_span
from ..identity import folded_words, other_chinese
from ..models import Direction, Gloss, Term
from ..text import HAN_RE, spans_of, term_pinyin, to_pinyin, without_tones


def glossed_sides(gloss: Gloss) -> tuple[str | None, str | None]:
    """The side of ``gloss`` that stands before its bracket, and the side inside it."""
    return (gloss.zh, gloss.en) if gloss.direction is Direction.ZH_EN else (gloss.en, gloss.zh)


def chinese_line(gloss: Gloss) -> str | None:
    """The aligned Chinese sentence that says the term an English line glosses (`mini programs (小程序)` beside
    `很多服务以小程序的形式…`): where a 中文 → English front asks for it (learner's trial 57); None where none."""
    aligned = gloss.sentence_aligned
    if gloss.direction is Direction.EN_ZH and gloss.zh and aligned and gloss.zh in aligned:
        return aligned
    return None


def chinese_and_pinyin(term: Term, shown: str | None, asked: bool = False) -> tuple[str, str]:
    """The Chinese a list or a card shows for ``term``, ``shown`` first and its other words after (归一化 beside 标准化,
    both `normalization`: new-user report 13), and their pinyin, each joined by `; `. Where the Chinese ``asked`` for
    the English (a card's 中文 → English front), not another word that writes a word of the answer (KV 缓存 beside
    键值缓存 for `KV cache`: learner's trial 58)."""
    if not shown:
        return "", term_pinyin(term)
    others, reading = other_chinese(term.zh_forms, shown), term_pinyin(term)
    if asked:
        answer = set(folded_words(term.en))
        others = [form for form in others if not answer & set(folded_words(form))]
    return "; ".join([shown, *others]), "; ".join([reading, *map(to_pinyin, others)]) if reading else ""


def pinyin_spellings(readings: str) -> tuple[str, ...]:
    """How a sentence may write the pinyin of ``readings`` (`bēi guō; …`, as ``chinese_and_pinyin`` gives them):
    spaced or joined, with tone marks or without; not a bare syllable without marks, which English writes too (ai).

    >>> pinyin_spellings("bēi guō")
    ('bēi guō', 'bēiguō', 'bei guo', 'beiguo')
    """
    spellings = []
    for reading in filter(None, readings.split("; ")):
        plain = without_tones(reading)
        for spelled in (reading, plain):
            if spelled != plain or " " in spelled:
                spellings += [spelled, spelled.replace(" ", "")]
    return tuple(dict.fromkeys(spellings))


def gloss_span(sentence: str, term: str | None, inside: str | None = None) -> tuple[int, int] | None:
    """Where ``term(…)`` stands in ``sentence``: the term, its bracket and what is inside (``gloss_match``).

    >>> gloss_span("我们研究 Scaling Laws（缩放定律）的边界。", "scaling laws")
    (5, 23)
    """
    found = gloss_match(sentence, term, inside)
    return None if found is None else (found[0], found[2])


def gloss_match(sentence: str, term: str | None, inside: str | None = None) -> tuple[int, int, int] | None:
    """Where ``term(…)`` starts, where its term ends (past quote marks inside it: `“无菌驾驶舱”规则`), and where its
    bracket closes: the first place whose bracket holds ``inside`` (the gloss's other side: 星团 is the end of
    疏散星团 too, glossed before it), else the first with a bracket.

    >>> sentence = "疏散星团（open cluster）和星团（star cluster）"
    >>> gloss_match(sentence, "星团"), gloss_match(sentence, "星团", "star cluster")
    ((2, 4, 18), (19, 21, 35))
    """
    first = None
    for match in _bracketed(sentence, term):
        if not inside or inside.casefold() in sentence[match[1] : match[2]].casefold():
            return match
        first = first or match
    return first


def _bracketed(sentence: str, term: str | None) -> Iterator[tuple[int, int, int]]:
    """Each place ``term`` stands followed by a bracket (``gloss_match``)."""
    if not term:
        return
    folded, needle = sentence.casefold(), term.casefold()
    if len(folded) != len(sentence) or len(needle) != len(term):  # ß → ss would shift offsets
        folded, needle = sentence, term
    spans, at = [], folded.find(needle)
    while at != -1:  # overlapping: `哈哈` of `哈哈哈（…）` is the one the bracket follows
        spans.append((at, at + len(needle)))
        at = folded.find(needle, at + 1)
    if not spans and HAN_RE.search(term):
        spans = spans_of(sentence, term)
    for at, end in spans:
        opening = end
        while opening < len(sentence) and sentence[opening] in _BETWEEN:
            opening += 1
        if opening < len(sentence) and sentence[opening] in "(（":
            depth = 0
            for i in range(opening, len(sentence)):
                depth += (sentence[i] in "(（") - (sentence[i] in ")）")
                if depth == 0:
                    yield at, end, i + 1
                    break


_BETWEEN = " *_“”\"'》」』’"  # what may stand between a term and its bracket
_CLOSING = "》」』”’\"'"  # of those, the marks that close a quotation or title the term opened


def blank_parts(sentence: str, term: str | None, inside: str | None = None) -> tuple[str, str] | None:
    """The sentence before and after ``term(…)``, for showing it as a blank; the marks that close the
    term's quotation or title stay after the blank, so brackets balance.

    >>> blank_parts("他有一篇文章叫《痛苦的教训》（The Bitter Lesson），很有名。", "痛苦的教训")
    ('他有一篇文章叫《', '》，很有名。')
    """
    found = gloss_match(sentence, term, inside)
    if found is None:
        return None
    start, term_end, end = found
    between = sentence[term_end:end]
    run = between[: len(between) - len(between.lstrip(_BETWEEN))]
    return sentence[:start], "".join(ch for ch in run if ch in _CLOSING) + sentence[end:]


def set_in_chinese(before: str, chinese: str | None) -> str:
    """``before`` without the space that set the English apart from the Chinese before it, where ``chinese`` now
    stands in the English's place (learner's trial 60: `塞满 context window（上下文窗口）` showed `塞满 上下文窗口`).

    >>> set_in_chinese("怎么塞满 ", "上下文窗口"), set_in_chinese("we use ", "上下文")
    ('怎么塞满', 'we use ')
    """
    kept = before.rstrip(" ")
    han = kept and chinese and HAN_RE.match(kept[-1]) and HAN_RE.match(chinese[0])
    return kept if han else before


def hide_forms(text: str, forms: Iterable[str | None], gap: str = "[…]") -> str:
    """``text`` with each of ``forms`` replaced by ``gap`` (English as whole words, any case).

    A card's front must not show its answer even where the sentence repeats it. Longer forms are
    hidden first; plain ``str.find``, so ten thousand notes compile no pattern.

    >>> hide_forms("将“规模法则”（中文: 规模法则: 指…）用于 URL 和 RL，AI规模法则", ["规模法则", "rl"])
    '将“[…]”（中文: […]: 指…）用于 URL 和 […]，AI[…]'
    """
    wanted = sorted({form for form in forms if form}, key=len, reverse=True)
    if not wanted:
        return text
    folded = text.casefold()
    fold = len(folded) == len(text)  # ß → ss would shift offsets: then match the case as written
    hidden = bytearray(len(text))
    spans = []
    for form in wanted:
        if HAN_RE.search(form):  # Chinese as written, or with quote marks inside (`“无菌驾驶舱”规则`)
            for at, end in spans_of(text, form):
                if not any(hidden[at:end]):
                    hidden[at:end] = b"\x01" * (end - at)
                    spans.append((at, end))
            continue
        needle = form.casefold() if fold else form
        at = (folded if fold else text).find(needle)
        while at != -1:
            end = at + len(needle)
            if not any(hidden[at:end]) and _whole(text, at, end):
                hidden[at:end] = b"\x01" * (end - at)
                spans.append((at, end))
            at = (folded if fold else text).find(needle, end if hidden[at] else at + 1)
    parts, last = [], 0
    for start, end in sorted(spans):
        parts += [text[last:start], gap]
        last = end
    return "".join(parts) + text[last:]


def _whole(text: str, start: int, end: int) -> bool:
    """An English form stands as a whole word: no letter or digit glued to either end."""
    before = _is_ascii_word(text[start]) and start > 0 and _is_ascii_word(text[start - 1])
    after = _is_ascii_word(text[end - 1]) and end < len(text) and _is_ascii_word(text[end])
    return not (before or after)


def _is_ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def term_marks(text: str, forms: Iterable[str | None]) -> list[tuple[int, int]]:
    """Where each of ``forms`` first stands in ``text`` (English in any case and inflection), longest
    form first, without overlaps, in text order: what a renderer highlights.

    >>> text = "It must be way older than LLMs(大语言模型)."
    >>> [text[s:e] for s, e in term_marks(text, ["LLM", "大语言模型", None])]
    ['LLMs', '大语言模型']
    >>> text = "负责清理的是 VACUUM（清理）。"  # the gloss in the bracket, not the word of the sentence before it
    >>> [(s, text[s:e]) for s, e in term_marks(text, ["VACUUM", "清理"])]
    [(7, 'VACUUM'), (14, '清理')]
    """
    marks: list[tuple[int, int]] = []
    wanted = sorted({f for f in forms if f}, key=len, reverse=True)
    for form in wanted:
        span = _glossed_place(text, form, [other for other in wanted if other != form])
        if span and all(span[1] <= start or span[0] >= end for start, end in marks):
            marks.append(span)
    return sorted(marks)


def _glossed_place(text: str, form: str, others: list[str]) -> tuple[int, int] | None:
    """Where ``form`` first stands before a bracket holding one of ``others`` (its gloss: 星团 of `星团（star
    cluster）`, not the end of an earlier 疏散星团), or inside the bracket after one (清理 of `VACUUM（清理）`, not
    of an earlier 负责清理), else where it first stands (``term_span``)."""
    if others and HAN_RE.search(form):
        for start, end, close in _bracketed(text, form):
            if any(other.casefold() in text[end:close].casefold() for other in others):
                return start, end
        for other in others:
            for _, end, close in _bracketed(text, other):
                inside = text.find(form, end, close)
                if inside != -1:
                    return inside, inside + len(form)
    return term_span(text, form)


def highlight(text: str, forms: Iterable[str | None], render: Callable[[str], str], mark: tuple[str, str]) -> str:
    """``text`` rendered piece by piece with ``render`` (an escaper), ``forms`` wrapped in ``mark``.

    >>> highlight("a <LLM> b", ["llms"], lambda t: t.replace("<", "&lt;").replace(">", "&gt;"), ("<b>", "</b>"))
    'a &lt;<b>LLM</b>&gt; b'
    """
    out, done = [], 0
    for start, end in term_marks(text, forms):
        out += [render(text[done:start]), mark[0], render(text[start:end]), mark[1]]
        done = end
    return "".join(out) + render(text[done:])
