"""Rich Text (``.rtf``, as WordPad, TextEdit, Word and LibreOffice save it): its text decoded — Chinese written as
``\\u20013?`` escapes or as the code page's bytes (``\\'d6\\'d0``, GBK under ``\\ansicpg936`` or a font of charset
134) — each paragraph (``\\par``, a table's ``\\cell``) one text, a large bold paragraph or one of an outline level a
heading, bold runs bold (they bound a term); the font and colour tables, the document's info (its title, author and
date), pictures, fields' codes, list bullets, headers, footers and footnotes are no text.

A writer breaks an RTF file's lines anywhere (every 80–250 characters, inside a sentence, a word or a character's
bytes), and those breaks are no text: a paragraph's text keeps them only at the end of the clause they fall in (after
a comma, or a sentence, or a definition after a colon), and says where they stand (``Segment.breaks``), so a gloss's
line is the line of the file its term starts on, as in any file.

RTF libraries give a file's text without where it stands; a gloss needs its line, so the reader tokenizes the file
itself (the grammar is small: groups, control words, control symbols, text).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from ..errors import SourceError
from ..models import Metadata, Segment, SegmentKind
from ._build import SegmentList, warn

_TOKEN = re.compile(
    r"\\(?P<word>[a-zA-Z]{1,32})(?P<arg>-?\d{1,10})? ?"  # a control word, its argument, the space that ends it
    r"|\\'(?P<hex>[0-9a-fA-F]{2})"  # a byte in the code page
    r"|\\(?P<symbol>[^a-zA-Z'])"  # a control symbol: \\ \{ \} \~ \- \_ \* and \<newline> (a paragraph)
    r"|(?P<group>[{}])"
    r"|(?P<newline>\r?\n)"
    r"|(?P<text>[^\\{}\r\n]+)",
)
# Destinations whose text is no text of the document (their own groups and all within them)
_SKIPPED = frozenset(
    "fonttbl colortbl stylesheet listtable listoverridetable revtbl rsidtbl generator xmlnstbl themedata "
    "colorschememapping latentstyles datastore pict object objdata fldinst header headerl headerr headerf footer "
    "footerl footerr footerf footnote annotation atnid atnauthor pgdsctbl mmathPr wgrffmtfilter listtext pntext".split()
)
_INFO = frozenset(("title", "author", "subject", "creatim"))
_CHARACTERS = {"emdash": "—", "endash": "–", "bullet": "•", "lquote": "‘", "rquote": "’", "ldblquote": "“",
               "rdblquote": "”", "tab": " ", "line": " ", "~": " ", "_": "-", "-": ""}  # fmt: skip
_SYMBOL = 2  # the character set of Symbol, Wingdings: a bullet's `\\'b7` is no letter of the code page
_CHARSETS = {134: "gbk", 136: "big5", 128: "cp932", 129: "cp949", 0: "cp1252", 1: "cp1252"}
_HEADING_SIZE = 28  # half-points: a bold paragraph this large or larger (14 pt) is a heading


def detect(lines: list[str]) -> bool:
    return bool(lines) and lines[0].lstrip("\ufeff").lstrip().startswith("{\\rtf")


@dataclass
class _State:
    """What a group sets: skipped or not, bold, italic, the font size, the font's code page, the fallback count."""

    skip: bool = False
    bold: bool = False
    italic: bool = False
    size: int = 24
    codec: str = "cp1252"
    fallback: int = 1
    info: str | None = None  # the info field this group's text goes to (`title`)
    fonts: bool = False  # inside the font table
    unicode: bool = False  # inside `\\ud`: the Unicode copy of what `\\upr` gives twice (LibreOffice's title)
    outline: bool = False  # the paragraph has an outline level (`\\outlinelevel0`): a heading
    symbol: bool = False  # the font is a symbol font (Symbol, Wingdings): its bytes are pictures, not letters


@dataclass
class _Reader:
    """The file's characters as they are decoded: each paragraph's (character, line, bold, italic), and the info."""

    paragraphs: list[tuple[list[tuple[str, int, bool, bool]], bool]] = field(default_factory=list)
    current: list[tuple[str, int, bool, bool]] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)
    fonts: dict[int, int] = field(default_factory=dict)  # each font's character set
    defining: int = 0  # the font the font table is describing
    ansi: str = "cp1252"  # the document's code page (`\\ansicpg936`): its fonts' of the default character set
    pending: list[tuple[int, int]] = field(default_factory=list)  # code-page bytes not yet decoded, and their lines
    pending_state: _State | None = None
    open_groups: int = 0  # groups not closed when the file ends: cut short

    def add(self, text: str, line: int, state: _State) -> None:
        if state.info:
            self.info[state.info] = self.info.get(state.info, "") + text
        elif not state.skip:
            self.current += [(ch, line, state.bold, state.italic) for ch in text]
            self.sizes.append(state.size)

    def end_paragraph(self, outline: bool = False) -> None:
        bold = bool(self.current) and all(bold for *_, bold, _ in self.current) and max(self.sizes) >= _HEADING_SIZE
        heading = bool(self.current) and (bold or outline)
        self.paragraphs.append((self.current, heading))
        self.current, self.sizes = [], []

    def flush_bytes(self) -> None:
        """The bytes escaped so far decoded, each character on the line its first byte stands on (a writer breaks its
        lines between the two bytes of a character, or anywhere in a run of them)."""
        if self.pending and self.pending_state:
            decoder = codecs.getincrementaldecoder(self.pending_state.codec)("replace")
            first = None
            for byte, line in self.pending:
                first = first or line
                said = decoder.decode(bytes((byte,)))
                if said:
                    self.add(said, first, self.pending_state)
                    first = None
            if tail := decoder.decode(b"", final=True):
                self.add(tail, first or self.pending[-1][1], self.pending_state)
        self.pending.clear()
        self.pending_state = None


def read(lines: list[str], path: str) -> tuple[Metadata, tuple[Segment, ...]]:
    reader = _decode("\n".join(lines).lstrip("\ufeff"))
    if reader.open_groups:
        warn(SourceError(path, "the RTF ends before its groups close (cut short?): read as far as it goes"))
    segments = SegmentList()
    for chars, titled in reader.paragraphs:
        if chars := _trimmed(chars):
            text, breaks = _text(chars, titled)
            segments.add(chars[0][1], text, kind=SegmentKind.HEADING if titled else SegmentKind.BODY, breaks=breaks)
    info = {key: " ".join(value.split()) for key, value in reader.info.items()}
    heading = next((s.text for s in segments.build() if s.kind is SegmentKind.HEADING), None)
    return Metadata(title=info.get("title") or heading, author=info.get("author") or None, date=info.get("creatim")), (
        segments.build()
    )


def _decode(text: str) -> _Reader:
    reader, stack, state = _Reader(), [], _State()
    line, skip_next, destination_start = 1, 0, False
    for token in _TOKEN.finditer(text):
        kind = token.lastgroup
        if kind != "hex" and kind != "newline":
            reader.flush_bytes()
        if kind == "newline":
            line += 1
            continue
        if skip_next and kind in ("text", "hex", "symbol", "word"):  # a \uN's fallback: one character or escape
            if kind == "text":
                rest = token["text"][skip_next:]
                skip_next = 0
                if rest:
                    reader.add(rest, line, state)
            else:
                skip_next -= 1
            continue
        if kind == "group":
            skip_next = 0  # a fallback never runs past its group
            if token["group"] == "{":
                stack.append(state)
                state = _State(**vars(state))
                destination_start = True
            else:
                state = stack.pop() if stack else _State()
            continue
        starts_group, destination_start = destination_start, False
        if kind == "text":
            reader.add(token["text"], line, state)
        elif kind == "hex":
            if (not state.skip or state.info) and not state.symbol:
                reader.pending.append((int(token["hex"], 16), line))
                reader.pending_state = reader.pending_state or state
        elif kind == "symbol":
            symbol = token["symbol"]
            if symbol in "\\{}":
                reader.add(symbol, line, state)
            elif symbol == "*" and starts_group:
                state.skip = True  # an ignorable destination: `{\*\shppict …}`
            elif symbol == "\n":
                line += 1
                if not state.skip:
                    reader.end_paragraph()  # TextEdit's `\` at a line's end: a paragraph
            elif symbol in _CHARACTERS:
                reader.add(_CHARACTERS[symbol], line, state)
        else:
            skip_next = _control(reader, state, token["word"], token["arg"], line, starts_group)
    reader.flush_bytes()
    if reader.current:
        reader.end_paragraph()
    reader.open_groups = len(stack)
    return reader


def _control(reader: _Reader, state: _State, word: str, arg: str | None, line: int, starts_group: bool) -> int:
    """A control word's effect on ``state`` and the text; returns how many fallback characters follow (``\\u``)."""
    number = int(arg) if arg is not None else None
    if word in _SKIPPED and starts_group:
        state.skip, state.fonts = True, word == "fonttbl"
    elif word == "ud":
        state.unicode = True
    elif word in _INFO and starts_group:
        state.skip, state.info = True, word
        if state.unicode:
            reader.info[word] = ""  # `\\upr` gives the title twice: its Unicode copy is the title
    elif word == "info":
        state.skip = True
    elif word in ("yr", "mo", "dy") and state.info == "creatim" and number is not None:
        sep = "-" if word != "yr" else ""
        reader.info["creatim"] = reader.info.get("creatim", "") + f"{sep}{number:02d}"
    elif word == "f" and number is not None:
        if state.fonts:
            reader.defining = number
        else:
            charset = reader.fonts.get(number, 0)
            state.codec = reader.ansi if charset in (0, 1) else _CHARSETS.get(charset, reader.ansi)
            state.symbol = charset == _SYMBOL
    elif word == "fcharset" and number is not None and state.fonts:
        reader.fonts[reader.defining] = number
    elif word == "ansicpg" and number is not None:
        reader.ansi = state.codec = _codec(f"cp{number}")
    elif word == "uc" and number is not None:
        state.fallback = number
    elif word == "u" and number is not None:
        reader.add(chr(number % 65536), line, state)
        return state.fallback
    elif word in ("par", "cell", "row", "sect", "page"):
        if not state.skip:
            reader.end_paragraph(state.outline)
    elif word == "outlinelevel" and number is not None:
        state.outline = number < 9
    elif word == "pard":
        state.outline = False
    elif word in ("b", "i"):
        setattr(state, "bold" if word == "b" else "italic", number != 0)
    elif word == "plain":
        state.bold = state.italic = False
        state.size = 24
    elif word == "fs" and number is not None:
        state.size = number
    elif word in _CHARACTERS:
        reader.add(_CHARACTERS[word], line, state)
    return 0


def _codec(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "cp1252"


def _text(chars: list[tuple[str, int, bool, bool]], heading: bool) -> tuple[str, tuple[int, ...]]:
    """A paragraph's text, bold runs bold (not a heading's), each break between the file's lines kept after the clause
    it falls in (`，`, `。`; a definition after a colon: its sentence), or before the clause it starts: there it ends
    nothing a line's end would end (a definition, a word, a term opening its line); and where in the text each of the
    file's lines starts (``Segment.breaks``: a gloss's line is its term's, as for any file)."""
    out, bold, line, breaks, defining = "", False, chars[0][1], 0, False
    starts: list[int] = []
    for ch, at, is_bold, _ in chars:
        breaks += at - line
        if breaks and out.rstrip("\n")[-1:] in _SENTENCE_ENDS | _CLAUSE_ENDS and not ch.isspace():  # a clause starts it
            out += "\n" * breaks
            breaks = 0
        if is_bold != bold and not heading:
            out += "**"
            bold = is_bold
        starts += [len(out)] * (at - line)
        line = at
        out += ch
        if ch in _SENTENCE_ENDS:
            defining = False
        elif ch in "：:":
            defining = True  # a definition runs to its sentence's end: no break inside it
        if breaks and (ch in _SENTENCE_ENDS or (ch in _CLAUSE_ENDS and not defining)):
            out += "\n" * breaks
            breaks = 0
    # the breaks after its last sentence: the next's
    return (out.rstrip("\n") + ("**" if bold else "")).rstrip("\n"), tuple(starts)


_SENTENCE_ENDS = frozenset("。！？；!?;")
_CLAUSE_ENDS = frozenset("，、,")


def _trimmed(chars: list[tuple[str, int, bool, bool]]) -> list[tuple[str, int, bool, bool]]:
    """A paragraph's characters without the spaces at its ends."""
    start, end = 0, len(chars)
    while start < end and chars[start][0].isspace():
        start += 1
    while end > start and chars[end - 1][0].isspace():
        end -= 1
    return chars[start:end]
