"""Line-by-line parallel translations: an English line, then its Chinese line.

Headings sometimes hold both languages on one line (``Social anxiety 社交焦虑``); they break the
alternation, so lines are paired by language, not by position.
"""

from __future__ import annotations

from ..models import Lang, Metadata, Segment, SegmentKind
from ..text import (
    CLAUSE_ENDS,
    HEADING_DECORATION,
    classify_lang,
    lang_outside_brackets,
    outside_english_brackets,
    separated_heading,
)
from . import turns
from ._build import SegmentList

_MIN_PAIRS = 3
_PAIRED_SHARE = 0.6  # of the non-blank lines


def detect(lines: list[str]) -> bool:
    """Most lines stand in an English/Chinese pair with a neighbour, and are not speaker turns with times (``turns``
    pairs those by their times)."""
    numbered = [(i, line) for i, line in enumerate(lines) if line.strip()]
    pairs = _pairs(numbered)
    return len(pairs) >= _MIN_PAIRS and 2 * len(pairs) >= _PAIRED_SHARE * len(numbered) and not turns.timed(lines)


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    segments = SegmentList()
    index_of: dict[int, int] = {}
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        kind = SegmentKind.HEADING if _is_bilingual_heading(text) else SegmentKind.BODY
        index_of[i] = segments.add(i + 1, text, kind=kind)
    numbered = [(i, line) for i, line in enumerate(lines) if line.strip()]
    for a, b in _pairs(numbered):
        segments.align(index_of[a], index_of[b])
    first = segments[0] if len(segments) else None
    if first is not None and first.aligned is not None and first.lang is Lang.ZH:
        first = segments[first.aligned]
    # `# Why Good Bread Has Holes 好面包…`: a Markdown title's marks are no part of it
    return Metadata(title=first.text.strip(HEADING_DECORATION) if first else None), segments.build()


def _pairs(numbered: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Adjacent (English, Chinese) line pairs, in the order the document mostly uses."""
    langs = [(i, _is_bilingual_heading(text), lang_outside_brackets(text)) for i, text in numbered]
    forward = _adjacent(langs, Lang.EN, Lang.ZH)
    backward = _adjacent(langs, Lang.ZH, Lang.EN)
    return forward if len(forward) >= len(backward) else backward


def _adjacent(langs: list[tuple[int, bool, Lang]], first: Lang, second: Lang) -> list[tuple[int, int]]:
    pairs = []
    k = 0
    while k + 1 < len(langs):
        (i, heading_a, dom_a), (j, heading_b, dom_b) = langs[k], langs[k + 1]
        # A bilingual heading pairs with nothing: it already holds both languages.
        if not (heading_a or heading_b) and (dom_a, dom_b) == (first, second):
            pairs.append((i, j))
            k += 2
        else:
            k += 1
    return pairs


def _is_bilingual_heading(text: str) -> bool:
    """A short line, not ending like a sentence, with both languages in strength outside its glosses: a Chinese
    line whose English is all in brackets is one language glossed (`此致，王磊，北辰运动（Northstar Motion）`, a
    letter's signature), and pairs with the English line before it. A separator between an English and a Chinese
    side says so whatever their strength (`=== PART 2 · Tiers | 第二部分 · 分层 ===`), in a longer line too."""
    if separated_heading(text):
        return True
    bare = text.strip(HEADING_DECORATION)
    if bare[-1:] in CLAUSE_ENDS or len(bare) > 80:
        return False  # a sentence, or longer than a heading with no separator is
    return classify_lang(outside_english_brackets(bare)) is Lang.MIXED
