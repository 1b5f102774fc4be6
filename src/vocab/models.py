"""The records that flow through vocab: documents in, glosses and terms out.

Every stage takes and returns these frozen dataclasses, never dicts with string keys.
Field names match the JSONL output (and the gold schema), so output is ``asdict()``.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import marshal
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from enum import StrEnum
from functools import lru_cache
from pathlib import PurePath
from typing import Any, NamedTuple, TypeVar, overload

from .errors import VocabError
from .packing import pack, unpack

_Record = TypeVar("_Record")


def _pickled_fast(cls: type[_Record]) -> type[_Record]:
    """Pickle a frozen, slotted record by one C-level getter: dataclasses' own ``__getstate__`` reads ``fields()``
    per object, which was most of pickling a corpus (the pool's results, a deck's note inputs: 70,000 glosses)."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    get_state = operator.attrgetter(*names)

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return get_state(self)  # type: ignore[no-any-return]

    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    cls.__getstate__ = __getstate__  # type: ignore[method-assign, assignment]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls


class InputFormat(StrEnum):
    """The layouts vocab reads; the value is what ``--input-format`` takes."""

    TRANSCRIPT = "transcript"  # `Speaker 100:00 - 00:28` cue headers, English cue then Chinese cue
    FRONTMATTER = "frontmatter"  # Markdown with a YAML front matter block
    PARALLEL = "parallel"  # an English line, then its Chinese line
    TURNS = "turns"  # speaker turns typed with times: `[00:00:05] 主持人：…`, `阿哲 [00:00:03]`
    FORUM = "forum"  # a bulletin board's thread: posts under `作者`/`標題` headers, `推 id: …` comments (PTT)
    MARKDOWN = "markdown"  # a Markdown article: header lines, bold speaker labels, hard wraps
    HTML = "html"  # a web page or an e-book's chapter (XHTML): each block a segment, `<strong>` as bold, `<nav>` meta
    LATEX = "latex"  # LaTeX notes: `\section{…}`, `\textbf{…}`, `\item`, read as the Markdown they mean
    ASCIIDOC = "asciidoc"  # AsciiDoc: `= Title`, `== Section`, `[NOTE]` blocks, `|===` tables, read as Markdown
    RST = "rst"  # reStructuredText (Sphinx docs): underlined titles, `.. note::`, `:term:`…``, read as Markdown
    ORG = "org"  # Emacs Org mode: `* heading`, `#+TITLE:`, `#+BEGIN_SRC`, drawers, read as Markdown
    MEDIAWIKI = "mediawiki"  # a wiki page's source: `== headings ==`, bold in three quotes, `[[links]]`, templates
    BBCODE = "bbcode"  # a forum post's BBCode: `[b]…[/b]`, `[url=…]`, `[quote]`, `[*]`
    RTF = "rtf"  # Rich Text (WordPad, TextEdit, Word): `\b` bold, `\u20013?` and `\'d6\'d0` Chinese, `\par`
    VIDEO = "video"  # a video's transcript panel copied (YouTube's): each caption under its time alone on a line
    LRC = "lrc"  # timed lyrics and lessons: `[00:22.90]林：…`, `[ti:…]` tags
    NOTEBOOK = "notebook"  # a Jupyter notebook (.ipynb): its markdown cells read as Markdown, on their lines
    CHAT = "chat"  # a chat exported as JSON (Telegram Desktop's result.json): each message its sender's
    JSON = "json"  # subtitles kept as JSON: Bilibili's `body`, Whisper's `segments`, YouTube's json3 `events`
    TTML = "ttml"  # Timed Text (TTML, DFXP): `<p begin end>中文<br/>English</p>`
    TABLE = "table"  # a table saved as CSV or TSV (a study sheet, a word list's export): each cell in its language
    SRT = "srt"
    SBV = "sbv"  # YouTube's SubViewer captions: `0:00:01.200,0:00:03.400` over the cue's lines
    ASS = "ass"  # Advanced SubStation Alpha (and SSA): a fansub's `Dialogue:` lines, `中文\NEnglish`
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


@_pickled_fast
@dataclass(frozen=True, slots=True)
class Segment:
    """One unit of text: a cue, a paragraph, a line, or a front-matter value.

    ``text`` keeps the hard line breaks of the raw file as ``\\n``, so the raw line of any
    character is ``line + text[:i].count("\\n")``; a reader that moves its file's breaks (RTF's fall inside words)
    says where they stand in ``breaks``.
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
    # where each raw line after the first starts in ``text``, when the text writes its breaks elsewhere (an RTF's, at
    # the end of the clause they fall in, not inside a word; a chat export's pieces, joined); empty: its ``\n`` are
    # the breaks
    breaks: tuple[int, ...] = dataclasses.field(default=(), metadata={"omit_empty": True})

    def line_of(self, offset: int) -> int:
        """The raw line of the character at ``offset`` in ``text``."""
        if self.breaks:
            return self.line + bisect.bisect_right(self.breaks, offset)
        return self.line + self.text.count("\n", 0, offset)


BOOK_TITLE = "book-title"  # a segment's field where its reader knows it holds a book's title (a Kindle notebook's)
_SEGMENT_FIELDS = (
    "index", "line", "end_line", "text", "lang", "kind", "speaker", "start", "end", "aligned", "field", "breaks",
)  # fmt: skip
if tuple(f.name for f in fields(Segment)) != _SEGMENT_FIELDS:
    raise ImportError("Segment's fields changed: update PackedSegments, which builds segments positionally")


class PackedSegments(Sequence[Segment]):
    """A document's segments as one compressed blob, and a digest of what they say.

    After extraction only counting reads a document's segments, once: a corpus keeps them packed (a tenth of the
    memory) and ``Document.unpacked`` gives them back for that. A document taken from the cache stays packed, so a
    rebuild never builds the segments of a document whose counts it has (``digest`` keys them).
    """

    __slots__ = ("blob", "digest", "_count")

    def __init__(self, blob: bytes, count: int, digest: str) -> None:
        self.blob, self._count, self.digest = blob, count, digest

    @classmethod
    def pack(cls, segments: Sequence[Segment]) -> PackedSegments:
        plain = [  # in _SEGMENT_FIELDS' order, the enums as their strings
            (s.index, s.line, s.end_line, s.text, str(s.lang), str(s.kind), s.speaker, s.start, s.end, s.aligned,
             s.field, s.breaks)
            for s in segments
        ]  # fmt: skip
        return cls(pack(marshal.dumps(plain)), len(plain), segments_digest(segments))

    def unpack(self) -> tuple[Segment, ...]:
        """The segments, built again (positionally, the enums looked up in a dict: by keyword took seconds)."""
        langs, kinds = {v.value: v for v in Lang}, {v.value: v for v in SegmentKind}
        plain = marshal.loads(unpack(self.blob))
        return tuple(
            Segment(index, line, end, text, langs[lang], kinds[kind], speaker, start, stop, aligned, field, breaks)
            for index, line, end, text, lang, kind, speaker, start, stop, aligned, field, breaks in plain
        )

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Segment]:
        return iter(self.unpack())

    @overload
    def __getitem__(self, index: int) -> Segment: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Segment, ...]: ...
    def __getitem__(self, index: int | slice) -> Segment | tuple[Segment, ...]:
        return self.unpack()[index]  # each time: use Document.unpacked() to read many

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedSegments):
            return self.digest == other.digest and self.unpack() == other.unpack()
        return isinstance(other, tuple) and self.unpack() == other

    def __hash__(self) -> int:
        return hash(self.unpack())

    def __reduce__(self) -> tuple[Any, ...]:
        return PackedSegments, (self.blob, self._count, self.digest)


def segments_digest(segments: Sequence[Segment]) -> str:
    """A digest of what ``segments`` say and how they pair (what counting mentions depends on): the same for the
    same text whichever way it was read or stored."""
    if isinstance(segments, PackedSegments):
        return segments.digest
    said = "\0".join(f"{s.kind}|{s.lang}|{s.aligned}|{s.text}" for s in segments)
    return hashlib.sha256(said.encode()).hexdigest()


@_pickled_fast
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
    media: str | None = None  # the episode's audio or video, from a `media:` key (relative to the document)
    body_line: int = 1  # the first raw line of what the document says: front matter and a page header are no mention


@_pickled_fast
@dataclass(frozen=True, slots=True)
class Document:
    """A read document: its format, metadata and segments in file order (packed once extracted)."""

    path: str
    format: InputFormat
    metadata: Metadata
    segments: tuple[Segment, ...] | PackedSegments
    encoding: str = "utf-8"
    line_count: int = 0
    warnings: tuple[str, ...] = ()  # what the reader read around (`path:line: malformed cue timing …`)

    def aligned_segment(self, segment: Segment) -> Segment | None:
        """The segment in the other language that translates ``segment``, if the format gives one."""
        return None if segment.aligned is None else self.segments[segment.aligned]

    def packed(self) -> Document:
        """This document with its segments packed (``PackedSegments``)."""
        if isinstance(self.segments, PackedSegments):
            return self
        return replace(self, segments=self.packed_segments())

    def packed_segments(self) -> PackedSegments:
        """Its segments, packed."""
        return self.segments if isinstance(self.segments, PackedSegments) else PackedSegments.pack(self.segments)

    def unpacked(self) -> Document:
        """This document with its segments as a tuple, to read them all."""
        if isinstance(self.segments, PackedSegments):
            return replace(self, segments=self.segments.unpack())
        return self

    @property
    def title(self) -> str:
        """The document's title, or its file name when it states none (subtitles rarely do)."""
        return self.metadata.title or _stem(self.path)


@lru_cache(maxsize=65536)
def _stem(path: str) -> str:
    """``PurePath(path).stem``, remembered: a deck asks each note's documents for their titles."""
    return PurePath(path).stem


class Direction(StrEnum):
    """Which side of the gloss stands in the running text and which in the bracket."""

    EN_ZH = "en_zh"  # `deep learning(深度学习)`: English term, Chinese in brackets
    ZH_EN = "zh_en"  # `泛化(generalization)`: Chinese term, English in brackets


class GlossKind(StrEnum):
    TRANSLATION = "translation"  # the bracket holds an equivalent of the term
    EXPLANATION = "explanation"  # the bracket describes the term instead: `scrappy(资源有限但执行力很强)`
    NAME = "name"  # a person's, a work's or a body's name, `Sean McGuire（肖恩·麦奎尔）`: left out by default


@_pickled_fast
@dataclass(frozen=True, slots=True)
class Gloss:
    """One occurrence of an embedded bilingual gloss, with the context a learner needs.

    ``line`` is the raw line of the opening bracket (where the term stands, even when a hard
    wrap splits the gloss). ``rule`` names the extraction rule that found it. ``sentence`` is the
    sentence it stands in; ``sentence_aligned`` the one sentence of the aligned segment that
    translates it (``extract.align``), ``segment_aligned`` that whole segment (the "more" under
    it); ``sentence_en`` whichever of the two sentences is English (None in Chinese-only text).
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
    sentence_en: str | None
    segment_aligned: str | None
    alias: str | None  # what the bracket also calls the term: `MPI` of `消息传递接口（Message Passing Interface，MPI）`
    reading: str | None  # the pinyin the document writes for zh (`(网红, wang3hong2)`), as written
    title: str

    @property
    def has_english_beside(self) -> bool:
        """It stands in a bilingual cue or pair: the English sentence a card or a glossary row shows is there."""
        return bool(self.sentence_en and self.sentence_aligned)

    @property
    def says_more(self) -> bool:
        """Its sentence says more than the gloss: not a table's cell or a list's item that is the gloss alone
        (`频率（frequency）`), which teaches nothing on a card."""
        return len(self._words_besides()) >= 2

    @property
    def says_enough(self) -> bool:
        """Its sentence says enough to learn the term from: `但上下文窗口（context window）还是很快就满了。`, not
        `那上下文窗口（context window）呢？` (`What about the context window?`; learner's trial 59)."""
        return len(self._words_besides()) >= _ENOUGH_WORDS

    def _words_besides(self) -> list[str]:
        """The words and Chinese characters of its sentence besides the gloss's two sides."""
        return _WORDS.findall(self.sentence.replace(self.zh or "", "").replace(self.en, ""))


_WORDS = re.compile(r"[A-Za-z]+|[\u3400-\u9fff]")
_ENOUGH_WORDS = 6  # besides the gloss: a clause, not a question's two words


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def first_with_english(glosses: Sequence[Gloss]) -> Gloss:
    """The first of ``glosses`` with its English sentence beside it, else the first: what a learner is shown of them
    (a front matter's summary glosses first but has no English, no speaker and no time)."""
    return next((g for g in glosses if g.has_english_beside), glosses[0])


def glossed_mentions(glosses: Iterable[Gloss]) -> Counter[str]:
    """Glossed mentions per document: a gloss each, but `ion tail(离子尾)` in a cue and again in its translation is
    one mention, as counting takes an aligned pair's larger side (each gloss stands in the segment the other's is
    aligned with)."""
    found: Counter[str] = Counter()
    by_source: dict[str, list[Gloss]] = {}
    for gloss in glosses:
        by_source.setdefault(gloss.source, []).append(gloss)
    for source, here in by_source.items():
        partnered: set[int] = set()
        for i, gloss in enumerate(here):
            if i in partnered or not gloss.segment_aligned:
                continue
            partner = next((j for j in range(i + 1, len(here)) if j not in partnered and _pair(gloss, here[j])), None)
            if partner is not None:
                partnered.add(partner)
        found[source] = len(here) - len(partnered)
    return found


def _pair(a: Gloss, b: Gloss) -> bool:
    """``a`` and ``b`` stand on the two sides of one aligned pair."""
    return (
        a.line != b.line
        and b.segment_aligned is not None
        and b.sentence in (a.segment_aligned or "")
        and a.sentence in b.segment_aligned
    )


@_pickled_fast
@dataclass(frozen=True, slots=True)
class Mention:
    """An utterance that mentions a term: its raw lines (an aligned pair spans both) and start time."""

    line: int
    end_line: int
    start: float | None


@_pickled_fast
@dataclass(frozen=True, slots=True)
class Term:
    """A term to learn: its forms, every occurrence, and the parts of its score (see ``rank``)."""

    key: str  # identity: the normalised English (identity.en_key)
    en: str  # the most frequent English form
    zh: str | None  # the most frequent Chinese form (Simplified)
    en_forms: tuple[str, ...]  # every English form, in order of first appearance, then the acronyms brackets give
    zh_forms: tuple[str, ...]  # every Chinese form: the senses when they differ
    definition: str | None  # the first definition a gloss carries
    kind: GlossKind
    glosses: tuple[Gloss, ...]  # every glossed occurrence, in corpus order
    count: int  # glossed occurrences plus unglossed mentions
    glossed: int  # of ``count``, the glossed ones (``glossed_mentions``; a gloss in front matter is no mention)
    documents: tuple[str, ...]  # paths of the documents it occurs in
    document_counts: tuple[int, ...]  # its count in each of those documents
    zipf_en: float
    zipf_zh: float | None
    rarity: float
    score: float
    rank: int = 0
    also: tuple[str, ...] = ()  # the English of other terms glossed with the same Chinese
    first_mentions: tuple[Mention, ...] = ()  # where each of ``documents`` first mentions it, glossed or not
    mention_lines: tuple[tuple[int, ...], ...] = ()  # per document: each counted mention's utterance, by first line
    pinyin: str | None = None  # the learner's reading of zh (`vocab edit --pinyin`); None: read from zh on export
    shown: Gloss | None = None  # what ``first`` gives where a learner asked for some documents (``select_terms``)
    readings: tuple[tuple[str, str], ...] = ()  # (Chinese, pinyin): what the texts write (``text.written_readings``)

    @property
    def unglossed(self) -> int:
        """Mentions without a gloss: ``count`` less the glossed ones."""
        return self.count - self.glossed

    @property
    def first(self) -> Gloss:
        """The occurrence a learner is shown (a card's context, a list's sentence): the first with its English
        sentence beside it (a bilingual cue or pair, which gives a card its English side) whose sentence says enough
        to learn from (``says_enough``), else the first with its English, else the first; of each,
        one that writes the Chinese the term is shown in first (電子錢包 beside 电子钱包: a sentence in the script and
        the word the card teaches; new-user reports 14 and 15); or ``shown``, one of the documents a learner asked
        for."""
        if self.shown is not None:
            return self.shown
        with_english = writing = None
        for gloss in self.glosses:  # one pass, ended early in the usual case: a library's terms have many glosses
            if gloss.has_english_beside:
                if self._writes_its_chinese(gloss):
                    if gloss.says_enough:
                        return gloss
                    writing = writing or gloss
                with_english = with_english or gloss
        if (chosen := writing or with_english) is not None:
            return chosen
        written = None
        for gloss in self.glosses:  # a sentence, not a list's or a table's bare gloss (`频率（frequency）`)
            if self._writes_its_chinese(gloss):
                if gloss.says_more:
                    return gloss
                written = written or gloss
        return written or next((g for g in self.glosses if g.says_more), self.glosses[0])

    def _writes_its_chinese(self, gloss: Gloss) -> bool:
        """``gloss`` writes the Chinese the term is shown in (``rank._written_forms``: NFKC, the documents' script)."""
        return gloss.zh is not None and (gloss.zh == self.zh or _nfkc(gloss.zh) == _nfkc(self.zh or ""))

    def count_in(self, path: str) -> int:
        """Occurrences in one document (a scan of ``documents``: a caller asking of many documents finds their
        places once, ``places``, and asks ``count_at``)."""
        return self.count_at(self.documents.index(path) if path in self.documents else None)

    def first_mention_in(self, path: str) -> Mention | None:
        """The utterance where one document first mentions the term (None when not counted there)."""
        return self.first_mention_at(self.documents.index(path) if path in self.documents else None)

    def places(self, of: Iterable[str] | None = None) -> dict[str, int]:
        """Each of its documents' place in ``documents``; or only those of the paths ``of``, found in a scan that stops
        once all are (the documents that gloss it come first: a glossary asks for those of a term said in thousands)."""
        if of is None:
            return {path: at for at, path in enumerate(self.documents)}
        wanted, found = set(of), {}
        for at, path in enumerate(self.documents):
            if path in wanted:
                found[path] = at
                if len(found) == len(wanted):
                    break
        return found

    def count_at(self, at: int | None) -> int:
        """``count_in`` the document at place ``at`` of ``documents`` (None: not one of them)."""
        return self.document_counts[at] if at is not None else 0

    def first_mention_at(self, at: int | None) -> Mention | None:
        """``first_mention_in`` the document at place ``at`` of ``documents``."""
        return self.first_mentions[at] if at is not None and at < len(self.first_mentions) else None


@dataclass(frozen=True, slots=True)
class Corpus:
    """Every document read from some paths, their glosses, the errors met, and the ranked terms."""

    documents: list[Document] = field(default_factory=list)
    glosses: list[Gloss] = field(default_factory=list)
    errors: list[VocabError] = field(default_factory=list)  # one per document that could not be read
    skipped: list[VocabError] = field(default_factory=list)  # one per document with no text: left out, said
    terms: list[Term] = field(default_factory=list)  # ranked, before the learner's curation
    # path → the document cache's key of what was read there (its bytes, how it was read, vocab's code): each of
    # its glosses is fixed by that key, the path and its place among them (``export.digests``)
    document_keys: dict[str, str] = field(default_factory=dict)
    left_out: tuple[PurePath, ...] = ()  # files of the folders read that are of no type vocab reads (`page.html`)


@dataclass(frozen=True, slots=True)
class ScoreParts:
    """The factors of a term's score (``rank.SCORE_FORMULA``), each rounded as ``--explain`` shows it."""

    frequency: float  # log2(1 + count)
    spread: float  # 1 + SPREAD_WEIGHT × log2(documents)
    rarity: float
    rarity_factor: float  # RARITY_FLOOR + rarity


class OutputFormat(StrEnum):
    """What ``--format`` takes; each command offers the ones that fit what it prints."""

    TABLE = "table"  # rich tables on a terminal, plain columns when piped
    JSONL = "jsonl"  # one JSON object per record
    JSON = "json"  # one JSON document
    CSV = "csv"  # one row per record, with a header row
    MD = "md"  # Markdown, for reading


class TermOrder(StrEnum):
    """How ``vocab list`` and ``vocab glossary`` order terms; ties keep the rank order."""

    SCORE = "score"
    COUNT = "count"
    RARITY = "rarity"
    ALPHA = "alpha"  # by the English, A to Z
    PINYIN = "pinyin"  # by the Chinese's pinyin, as a Chinese dictionary orders words (a 中→英 sheet)


@dataclass(frozen=True, slots=True)
class TermQuery:
    """Which ranked terms a command shows, and in what order (``corpus.select_terms``)."""

    document: str | None = None  # only terms of documents whose path or title has this
    min_zipf: float | None = None  # English at least this frequent (wordfreq Zipf)
    max_zipf: float | None = None
    order: TermOrder = TermOrder.SCORE
    top: int | None = None  # the first N after ordering
    min_score: float | None = None  # only terms scoring at least this
    include_names: bool = False  # keep people's names (kind `name`), which are not vocabulary
    search: str | None = None  # only terms whose English, Chinese, pinyin or definition has this
    listed: Callable[[Term], bool] | None = None  # only the terms a learner's list names (`--terms`)


class CardSide(StrEnum):
    """Which side of a term a review card asks from: the front's language, then the answer's."""

    EN_ZH = "en-zh"  # the English term on the front, its Chinese to recall
    ZH_EN = "zh-en"  # the Chinese term on the front, its English to recall


class ReviewDirection(StrEnum):
    """Which cards a review session asks: one side, or both as two cards."""

    EN_ZH = "en-zh"
    ZH_EN = "zh-en"
    MIXED = "mixed"

    @property
    def sides(self) -> tuple[CardSide, ...]:
        return tuple(CardSide) if self is ReviewDirection.MIXED else (CardSide(self.value),)


class CardType(StrEnum):
    """The Anki card types a note can have."""

    EN_ZH = "en-zh"
    ZH_EN = "zh-en"
    CLOZE = "cloze"
    LISTEN = "listen"  # hear the term's moment, recall the term: only where the note has a clip, off by default


DEFAULT_CARDS = (CardType.EN_ZH, CardType.ZH_EN, CardType.CLOZE)


class ClozeSide(StrEnum):
    """What a cloze card blanks in its sentence."""

    TERM = "term"  # the side the sentence writes as its term, its translation in brackets the hint
    ENGLISH = "english"  # always the English: for a learner of English
    CHINESE = "chinese"  # always the Chinese: for a learner of Chinese


class DeckSplit(StrEnum):
    """Subdecks of an exported deck."""

    NONE = "none"
    SHOW = "show"  # vocab::<show>
    DOCUMENT = "document"  # vocab::<show>::<episode>


class MarkStatus(StrEnum):
    KNOWN = "known"  # learned: left out until the learner takes the mark back
    IGNORED = "ignored"  # not worth learning (or not a term): never shown again


@dataclass(frozen=True, slots=True)
class ReviewCard:
    """The FSRS memory state of one term in one direction, as the review store keeps it."""

    term: str  # the term's identity (Term.key), the same the Anki note GUID is made from
    side: CardSide
    state: int  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None


@dataclass(frozen=True, slots=True)
class Answer:
    """One stored answer to a review card."""

    term: str
    side: CardSide
    rating: int  # fsrs.Rating: 1 again, 2 hard, 3 good, 4 easy
    state_before: int  # 0 for a new card, else the fsrs.State it was in
    reviewed_at: datetime


@dataclass(frozen=True, slots=True)
class CorpusProgress:
    """How the terms of some documents stand for the learner (``vocab stats PATHS``)."""

    terms: int
    terms_known: int
    new: int  # neither known, ignored nor studied yet


@dataclass(frozen=True, slots=True)
class ReviewStats:
    """Where the learner stands: words marked, cards being learned, today's work, retention."""

    known: int
    ignored: int
    learning: int  # terms with a card
    cards: int
    cards_learning: int  # in learning steps
    cards_mature: int
    due_today: int
    due_tomorrow: int
    reviews_today: int
    new_today: int
    retention: float | None  # None: no answer to a card in review yet
    retention_reviews: int
    corpus: CorpusProgress | None = None  # with PATHS only


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
    pinyin: str | None = None  # tone-marked, as ``text.to_pinyin`` writes it; "" drops the learner's reading
    pinyin_of: str | None = None  # the Chinese ``pinyin`` reads: shown only while the term shows that Chinese
    dropped_zh: tuple[str, ...] = ()  # Chinese forms that are no form of the term (a wrong cut): not shown or counted
    merged_into: str | None = None  # the identity of the term this one is part of (`vocab edit --merge-into`)


class ChineseCorrection(NamedTuple):
    """What ranking takes of a learner's correction (``TermEdit``): the Chinese to show and weigh (None: the
    extracted one's), the forms that are none of the term's, which its glosses no longer give, and the identities of
    the terms merged into it, whose glosses are its own."""

    zh: str | None
    dropped: tuple[str, ...] = ()
    merged: tuple[str, ...] = ()


__all__ = [
    "DEFAULT_CARDS", "Answer", "CardSide", "CardType", "ChineseCorrection", "ClozeSide", "Corpus", "CorpusProgress",
    "DeckSplit", "Direction", "Document", "Gloss", "GlossKind", "InputFormat", "Lang", "Mark", "MarkStatus", "Metadata",
    "OutputFormat", "ReviewCard", "ReviewDirection", "ReviewStats", "ScoreParts", "Segment", "SegmentKind", "Term",
    "TermEdit", "TermOrder", "TermQuery",
]  # fmt: skip
