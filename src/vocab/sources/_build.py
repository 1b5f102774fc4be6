"""A small builder the readers share, so every reader numbers and aligns segments the same way."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
from collections.abc import Iterator
from contextvars import ContextVar

from ..errors import SourceError
from ..models import Lang, Segment, SegmentKind
from ..text import CLAUSE_ENDS, HAN_RE, classify_lang, lang_outside_brackets

# A conversation's distinct speakers at most: more labels are a list of fields (`Date:`) or a tutorial's lead-ins.
MAX_SPEAKERS = 6
# A time on a transcript's turn: `00:54`, `1:02:03`, `00:00:05.5`.
CLOCK = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
# A translation's line under an English turn, after the speaker's label (`主持人：欢迎…` under `[00:04] Host:
# Welcome…`): a short name and no bracket (`投进（draw）：壶刚好停在…` is a gloss), then Chinese
TRANSLATION_LABEL = re.compile(
    r"^(?P<speaker>[^\W\d_][^:：，。！？,!?\[\]【】（）()*]{0,11}?)\s*[:：]\s*(?P<text>[^\sA-Za-z].*)$"
)
# URLs and Markdown link targets say nothing about a line's language.
_NOT_LANGUAGE = re.compile(r"\]\([^()\s]*\)|https?://\S+|www\.\S+")


_warnings: ContextVar[list[str] | None] = ContextVar("reader_warnings", default=None)


def warn(error: SourceError) -> None:
    """A part of the document a reader had to skip or guess at (one bad cue): said, and the rest read."""
    collected = _warnings.get()
    if collected is None:
        raise error  # no one collects warnings here: the document fails, as it used to
    collected.append(str(error))


@contextlib.contextmanager
def collecting_warnings() -> Iterator[list[str]]:
    """The warnings readers give inside the block."""
    collected: list[str] = []
    token = _warnings.set(collected)
    try:
        yield collected
    finally:
        _warnings.reset(token)


_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")  # zero-width space, word joiner, a BOM inside the text


def lang_of(text: str) -> Lang:
    """The language of ``text`` once URLs and link targets are set aside; English where only its brackets hold Chinese
    (`How does that interact with the KV cache (键值缓存)?`: an English sentence and its glosses)."""
    said = _NOT_LANGUAGE.sub(" ", text)
    lang = classify_lang(said)
    if lang is Lang.MIXED and classify_lang(_BRACKETED.sub(" ", said)) is Lang.EN:
        return Lang.EN
    return lang


_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")


class SegmentList:
    """Collects segments in file order and links translations both ways."""

    def __init__(self) -> None:
        self._items: list[Segment] = []

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: int) -> Segment:
        return self._items[index]

    def add(
        self,
        line: int,
        text: str,
        *,
        kind: SegmentKind = SegmentKind.BODY,
        speaker: str | None = None,
        start: float | None = None,
        end: float | None = None,
        field: str | None = None,
        lang: Lang | None = None,
        breaks: tuple[int, ...] = (),
    ) -> int:
        """Append a segment starting at raw ``line``; return its index. A NUL in its text (JSON's or RTF's escape
        `\\u0`: a file's NUL byte is refused before) is dropped: no reader of words takes one; so are zero-width spaces
        and word joiners (Org writers put U+200B between emphasis marks and the Chinese they touch), where no reader's
        breaks count offsets."""
        index = len(self._items)
        text = text.replace("\0", "") if "\0" in text else text
        if not breaks and _INVISIBLE.search(text):
            text = _INVISIBLE.sub("", text)
        self._items.append(
            Segment(
                index=index,
                line=line,
                end_line=line + (len(breaks) if breaks else text.count("\n")),
                text=text,
                lang=lang_of(text) if lang is None else lang,
                kind=kind,
                speaker=speaker,
                start=start,
                end=end,
                field=field,
                breaks=breaks,
            )
        )
        return index

    def align(self, a: int, b: int) -> None:
        """Mark segments ``a`` and ``b`` as translations of each other."""
        self._items[a] = dataclasses.replace(self._items[a], aligned=b)
        self._items[b] = dataclasses.replace(self._items[b], aligned=a)

    def end_at(self, indices: list[int], end: float | None) -> None:
        """Segments ``indices`` (a turn's) end at ``end``, when the next turn begins."""
        for i in indices:
            self._items[i] = dataclasses.replace(self._items[i], end=end)

    def build(self) -> tuple[Segment, ...]:
        return tuple(self._items)


def speakers_of(segments: tuple[Segment, ...]) -> tuple[str, ...]:
    """The speakers of the segments, in the order they first speak."""
    return tuple(dict.fromkeys(s.speaker for s in segments if s.speaker))


def pair_lines(segments: SegmentList, added: list[int], texts: list[str]) -> None:
    """Align each English line or paragraph of a turn with the Chinese one right after it, or before it
    (`[00:00:08] PRIYA` over the English line and its translation)."""
    langs = [lang_outside_brackets(text) for text in texts]
    k = 0
    while k + 1 < len(added):
        if {langs[k], langs[k + 1]} == {Lang.EN, Lang.ZH}:
            segments.align(added[k], added[k + 1])
            k += 2
        else:
            k += 1


def clock_seconds(time: str) -> float:
    """``1:02:03`` → 3723.0, ``00:54`` → 54.0, ``01:10.5`` → 70.5."""
    clock, _, fraction = time.replace(",", ".").partition(".")
    seconds = 0
    for part in clock.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds + (float(f"0.{fraction}") if fraction else 0.0)


def sentence_break(before: str) -> str:
    """What stands between the text ``before`` and text read as the sentences after it (a footnote's, in LaTeX and
    AsciiDoc): a space after a full stop, 。 after Chinese, `. ` after anything else."""
    before = before.rstrip()
    if not before or before[-1] in "。．.!?！？":
        return " "
    return "。" if HAN_RE.match(before[-1]) or before[-1] in "）」”" else ". "


# A section's heading in both languages: a block of Chinese and a block of English words (either first), no brackets
# or sentence inside; numbered (`01 生豆 Green Coffee`, `3. 组件排布 Module Layout`, `二、…`), or titled as a textbook's
# are, its English in title case (`学习目标 Learning Objectives`, `Part A Dialogues 情景对话`).
_HAN_SIDE, _LATIN_SIDE = r"[\u3400-\u9fff][^A-Za-z（）()，。,]*?", r"[A-Za-z][^\u3400-\u9fff（）()，。,]*?"
_NUMBER = r"(?:\d{1,2}(?:\.\d{1,2})*[.、)]?\s+|\d{1,2}[.、)]|[一二三四五六七八九十]+、\s*)"
_SIDES = rf"(?:(?P<han>{_HAN_SIDE})\s+(?P<latin>{_LATIN_SIDE})|(?P<latin2>{_LATIN_SIDE})\s+(?P<han2>{_HAN_SIDE}))"
_NUMBERED_HEADING = re.compile(rf"^{_NUMBER}{_SIDES}$")
_TITLE = re.compile(rf"^{_SIDES}$")
_HEADING_MOST = 60  # characters of a one-line heading
_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or per the to via vs with".split())


def numbered_heading(line: str) -> bool:
    """A numbered line of a Chinese block and an English block, short, ending as no sentence does: a section's
    heading (whether its two sides translate each other, extraction asks)."""
    return _short_line(line) and _NUMBERED_HEADING.match(line) is not None


def bilingual_title(line: str) -> bool:
    """A short line of a Chinese block (two characters or more: not a surname, `Kelvin 黃`) and an English block in
    title case with a word in lower case (not an acronym, `老王 OK`), at most a few words on each side: a textbook's or
    a handout's heading, unnumbered."""
    match = _TITLE.match(line) if _short_line(line) and ":" not in line else None
    if match is None:
        return False
    english, han = match["latin"] or match["latin2"], match["han"] or match["han2"]
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", english)
    cased = all(w[0].isupper() for k, w in enumerate(words) if k == 0 or w.casefold() not in _SMALL_WORDS)
    return cased and any(w[1:].islower() for w in words) and len(words) <= 8 and 2 <= len(HAN_RE.findall(han)) <= 16


def _short_line(line: str) -> bool:
    """Short, not ending as a sentence or a clause does, no spaces aligning a table's columns."""
    return bool(line) and len(line) <= _HEADING_MOST and line[-1] not in CLAUSE_ENDS and "   " not in line


def file_head(path: str | os.PathLike[str], size: int) -> str | None:
    """The first ``size`` bytes of a file as text (a folder walk's look before reading it whole); None where it cannot
    be opened (the reader then says why)."""
    try:
        with open(path, "rb") as file:
            return file.read(size).decode("utf-8", "ignore")
    except OSError:
        return None


def opens_json(lines: list[str], marks: str = "{[") -> bool:
    """The text's first mark is one a JSON document opens with (``marks``): worth parsing to look further."""
    head = next((line.lstrip("\ufeff").lstrip() for line in lines if line.strip()), "")
    return head[:1] in marks and bool(head)


def json_refusal(lines: list[str], path: str, not_what: str, lacking: str) -> SourceError:
    """Why the text is not ``not_what``: its JSON breaks (naming the line: a file cut short), or it lacks
    ``lacking``."""
    try:
        json.loads("\n".join(lines).lstrip("\ufeff"))
    except ValueError as error:
        said = getattr(error, "msg", error)
        return SourceError(path, f"{not_what}: invalid JSON ({said}), cut short?", line=getattr(error, "lineno", 1))
    return SourceError(path, f"{not_what}: JSON with no {lacking}", line=1)
