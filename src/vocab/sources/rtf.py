"""Rich Text (``.rtf``, as WordPad, TextEdit and Word save it): its text decoded — Chinese written as ``\\u20013?``
escapes or as the code page's bytes (``\\'d6\\'d0``, GBK under ``\\ansicpg936`` or a font of charset 134) — each
character on the line of the file its escape stands on, so that a gloss's line is the file's. Each paragraph (``\\par``,
a table's ``\\cell``) reads as an item of Markdown, a large bold paragraph as a heading, bold runs bold (they bound a
term); the font and colour tables, the document's info (its title, author and date), pictures, fields' codes,
headers, footers and footnotes are no text.

RTF libraries give a file's text without where it stands; a gloss needs its line, so the reader tokenizes the file
itself (the grammar is small: groups, control words, control symbols, text).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from ..models import Metadata, Segment
from . import markdown
from ._build import SegmentList

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
    "footerl footerr footerf footnote annotation atnid atnauthor pgdsctbl mmathPr wgrffmtfilter".split()
)
_INFO = frozenset(("title", "author", "subject", "creatim"))
_CHARACTERS = {"emdash": "—", "endash": "–", "bullet": "•", "lquote": "‘", "rquote": "’", "ldblquote": "“",
               "rdblquote": "”", "tab": " ", "line": " ", "~": " ", "_": "-", "-": ""}  # fmt: skip
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

    def add(self, text: str, line: int, state: _State) -> None:
        if state.info:
            self.info[state.info] = self.info.get(state.info, "") + text
        elif not state.skip:
            self.current += [(ch, line, state.bold, state.italic) for ch in text]
            self.sizes.append(state.size)

    def end_paragraph(self) -> None:
        heading = bool(self.current) and all(bold for *_, bold, _ in self.current) and max(self.sizes) >= _HEADING_SIZE
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
    segments = SegmentList()
    markdown.read_body(_markdown_lines(reader.paragraphs, len(lines)), 1, segments)
    info = {key: " ".join(value.split()) for key, value in reader.info.items()}
    heading = next((s.text for s in segments.build() if s.kind.value == "heading"), None)
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
            if not state.skip or state.info:
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
    return reader


def _control(reader: _Reader, state: _State, word: str, arg: str | None, line: int, starts_group: bool) -> int:
    """A control word's effect on ``state`` and the text; returns how many fallback characters follow (``\\u``)."""
    number = int(arg) if arg is not None else None
    if word in _SKIPPED and starts_group:
        state.skip, state.fonts = True, word == "fonttbl"
    elif word in _INFO and starts_group:
        state.skip, state.info = True, word
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
            reader.end_paragraph()
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


def _markdown_lines(paragraphs: list[tuple[list[tuple[str, int, bool, bool]], bool]], count: int) -> list[str]:
    """The paragraphs written on the lines of the file their characters stand on: each paragraph an item (a paragraph
    of its own), a heading a heading, bold runs bold, a paragraph that starts on a line another one holds joined to
    it."""
    out = [""] * (count + 1)
    for chars, heading in paragraphs:
        chars = _trimmed(chars)
        if not chars:
            continue
        first = chars[0][1]
        out[first - 1] += (" " if out[first - 1] else "") + ("## " if heading else "- ")
        bold = False
        for ch, line, is_bold, _ in _unbroken_words(chars):
            if is_bold != bold and not heading:
                out[line - 1] += "**"
                bold = is_bold
            out[line - 1] += ch
        if bold:
            out[chars[-1][1] - 1] += "**"
    return out[:count]


def _unbroken_words(chars: list[tuple[str, int, bool, bool]]) -> list[tuple[str, int, bool, bool]]:
    """The characters with a word the file breaks between two lines (`disc` / `ount factor`: an RTF writer breaks its
    lines anywhere, and a break is no text) kept on the line it starts on, up to where it ends."""
    kept, previous = [], None
    for ch, line, bold, italic in chars:
        if previous and line > previous[1] and _WORD.match(ch) and _WORD.match(previous[0]):
            line = previous[1]
        previous = (ch, line)
        kept.append((ch, line, bold, italic))
    return kept


_WORD = re.compile(r"[A-Za-z0-9]")


def _trimmed(chars: list[tuple[str, int, bool, bool]]) -> list[tuple[str, int, bool, bool]]:
    """A paragraph's characters without the spaces at its ends."""
    start, end = 0, len(chars)
    while start < end and chars[start][0].isspace():
        start += 1
    while end > start and chars[end - 1][0].isspace():
        end -= 1
    return chars[start:end]
