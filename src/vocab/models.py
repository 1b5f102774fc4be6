"""The records that flow through vocab: documents in, glosses and terms out.

Every stage takes and returns these frozen dataclasses, never dicts with string keys.
Field names match the JSONL output (and the gold schema), so output is ``asdict()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import PurePath


class InputFormat(StrEnum):
    """The layouts vocab reads; the value is what ``--input-format`` takes."""

    TRANSCRIPT = "transcript"  # `Speaker 100:00 - 00:28` cue headers, English cue then Chinese cue
    FRONTMATTER = "frontmatter"  # Markdown with a YAML front matter block
    PARALLEL = "parallel"  # an English line, then its Chinese line
    MARKDOWN = "markdown"  # a Markdown article: header lines, bold speaker labels, hard wraps
    SRT = "srt"
    VTT = "vtt"
    PLAIN = "plain"  # anything else, line by line


class Lang(StrEnum):
    """The language of a segment, judged from its letters."""

    EN = "en"
    ZH = "zh"
    MIXED = "mixed"  # both languages in strength, e.g. a heading `Social anxiety 社交焦虑`
    NONE = "none"  # no letters at all: a rule, an image link, a lone `。`


class SegmentKind(StrEnum):
    """Where a segment stands in its document."""

    BODY = "body"
    HEADING = "heading"
    META = "meta"  # a front-matter value or a page-header line (show, author, source link)
    CODE = "code"  # a fenced code block: never glossed
    COMMENT = "comment"  # an HTML comment (translated docs keep the English original in them): never glossed


@dataclass(frozen=True, slots=True)
class Segment:
    """One unit of text: a cue, a paragraph, a line, or a front-matter value.

    ``text`` keeps the hard line breaks of the raw file as ``\\n``, so the raw line of any
    character is ``line + text[:i].count("\\n")``.
    """

    index: int  # position in Document.segments
    line: int  # first raw line, 1-based, counting front-matter lines too
    end_line: int  # last raw line
    text: str
    lang: Lang
    kind: SegmentKind = SegmentKind.BODY
    speaker: str | None = None
    start: float | None = None  # seconds
    end: float | None = None
    aligned: int | None = None  # index of the segment that translates this one
    field: str | None = None  # the front-matter key, for META segments read from YAML

    def line_of(self, offset: int) -> int:
        """The raw line of the character at ``offset`` in ``text``."""
        return self.line + self.text.count("\n", 0, offset)


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a document says about itself; every field is optional."""

    title: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    source_url: str | None = None
    show: str | None = None
    author: str | None = None
    speakers: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """A read document: its format, metadata and segments in file order."""

    path: str
    format: InputFormat
    metadata: Metadata
    segments: tuple[Segment, ...]
    encoding: str = "utf-8"
    line_count: int = 0

    def aligned_segment(self, segment: Segment) -> Segment | None:
        """The segment in the other language that translates ``segment``, if the format gives one."""
        return None if segment.aligned is None else self.segments[segment.aligned]

    @property
    def title(self) -> str:
        """The document's title, or its file name when it states none (subtitles rarely do)."""
        return self.metadata.title or PurePath(self.path).stem


class Direction(StrEnum):
    """Which side of the gloss stands in the running text and which in the bracket."""

    EN_ZH = "en_zh"  # `deep learning(深度学习)`: English term, Chinese in brackets
    ZH_EN = "zh_en"  # `泛化(generalization)`: Chinese term, English in brackets


class GlossKind(StrEnum):
    TRANSLATION = "translation"  # the bracket holds an equivalent of the term
    EXPLANATION = "explanation"  # the bracket describes the term instead: `scrappy(资源有限但执行力很强)`


@dataclass(frozen=True, slots=True)
class Gloss:
    """One occurrence of an embedded bilingual gloss, with the context a learner needs.

    ``line`` is the raw line of the opening bracket (where the term stands, even when a hard
    wrap splits the gloss). ``rule`` names the extraction rule that found it.
    """

    source: str
    line: int
    en: str
    zh: str | None  # None only for an English term with a Chinese note and no Chinese term
    definition: str | None
    direction: Direction
    kind: GlossKind
    rule: str
    speaker: str | None
    start: float | None
    end: float | None
    url: str | None
    sentence: str
    sentence_aligned: str | None
    title: str


class CardSide(StrEnum):
    """Which side of a term a review card asks from: the front's language, then the answer's."""

    EN_ZH = "en-zh"  # the English term on the front, its Chinese to recall
    ZH_EN = "zh-en"  # the Chinese term on the front, its English to recall


class MarkStatus(StrEnum):
    KNOWN = "known"  # learned: left out until the learner takes the mark back
    IGNORED = "ignored"  # not worth learning (or not a term): never shown again


@dataclass(frozen=True, slots=True)
class ReviewCard:
    """The FSRS memory state of one term in one direction, as the review store keeps it."""

    term: str  # the term's identity (rank.Term.key), the same the Anki note GUID is made from
    side: CardSide
    state: int  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None


@dataclass(frozen=True, slots=True)
class Mark:
    """A word the learner marked known or ignored: English by identity key, Chinese by form."""

    lang: str  # "en" or "zh"
    key: str
    word: str  # as the learner (or the Anki note) wrote it
    status: MarkStatus
    source: str  # where the mark came from: review, cli, anki, known.txt
    marked_at: datetime


@dataclass(frozen=True, slots=True)
class TermEdit:
    """The learner's correction of a term: each field given replaces the extracted one."""

    term: str
    en: str | None = None
    zh: str | None = None
    definition: str | None = None


__all__ = [
    "CardSide", "Direction", "Document", "Gloss", "GlossKind", "InputFormat", "Lang", "Mark", "MarkStatus",
    "Metadata", "ReviewCard", "Segment", "SegmentKind", "TermEdit",
]  # fmt: skip
