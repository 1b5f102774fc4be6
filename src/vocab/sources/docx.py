"""Word documents (``.docx``, from Word, WPS, Google Docs or a meeting-minutes app): the body's paragraphs in order — a
table's row by row, cell by cell — each one line of a text that is then read as any text is. Where the text is a
transcript's turns (`说话人 1 00:00:05`), a parallel text or another layout with a reader of its own, that reader reads
it; otherwise it is Markdown: a heading style as ``#``, a list item as ``- ``, bold and italic runs as ``**``/``*``
(they bound a term, as they do on a web page), a bold name over a time a speaker's turn. Deleted text, text boxes, field
codes and a table of contents are no text. The document's properties give its title, author and date.

A ``.docx`` has no lines: a gloss's line is its paragraph's number among the body's paragraphs, empty ones counted (a
line break inside a paragraph starts no new one). python-docx (the library) opens the file and resolves styles.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any, NamedTuple

from ..errors import EmptyDocument, SourceError
from ..models import Metadata, Segment

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(?P<level>[1-9])$", re.IGNORECASE)
_TITLE_STYLES = frozenset(("title", "标题", "subtitle", "副标题"))
_LIST_STYLE = re.compile(r"^(?:list|列表|项目符号|编号)", re.IGNORECASE)
_TOC_STYLE = re.compile(r"^(?:toc|目录)\s*\d|^toc heading$|^目录标题$", re.IGNORECASE)  # Word's `TOC 1`, WPS's `目录 1`
_SKIPPED = ("del", "moveFrom", "txbxContent", "Fallback", "instrText")  # deleted, moved away, a text box, a field code
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class WordText(NamedTuple):
    """A Word document's paragraphs as text, with and without Markdown's marks, and its properties."""

    marked: str  # paragraph k on line 2k − 1, a blank line after each: each a paragraph of its own
    plain: str  # the same words without marks, for a reader of another layout
    properties: Metadata
    warnings: tuple[str, ...] = ()  # parts that could not be read (a slide), the others read


def document_text(data: bytes, name: str, max_bytes: int) -> WordText:
    """The body's paragraphs, one per odd line with a blank line after each; a SourceError naming the file for what
    Word cannot open either, an EmptyDocument for a document with no text (not filled in yet, a picture only)."""
    import docx  # python-docx: lazily, only a .docx needs it
    from docx.opc.exceptions import PackageNotFoundError

    if not data.strip():
        raise EmptyDocument(name, "file is empty")  # a document made and not saved yet: skipped, as an empty .txt is
    if not data.startswith(b"PK\x03\x04"):
        owner = name.rsplit("/", 1)[-1].startswith("~$")
        old = data.startswith(b"\xd0\xcf\x11\xe0")  # Office's old binary files, and those it encrypts
        why = "the owner file Word keeps while the document is open" if owner else "none (an old .doc?)"
        why = "an old .doc or a document with a password" if old else why
        raise SourceError(name, f"not a Word document: a .docx is a ZIP file, and this is {why}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > max_bytes:
                raise SourceError(name, "its parts unpack to more than the --max-size limit")
        document = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise SourceError(name, "not a Word document vocab can open: a damaged ZIP file (cut short?)") from None
    except (PackageNotFoundError, KeyError, ValueError):
        raise SourceError(name, "not a Word document vocab can open: a ZIP file without Word's parts") from None
    styles = _Styles(document)
    marked, plain = [], []
    for p in document.element.body.iter(f"{_W}p"):
        said = "" if _inside_skipped(p) else styles.paragraph(p)
        marked += [said, ""]
        plain += [plain_line(said), ""]
    if not any(marked):
        raise EmptyDocument(name, "a Word document with no text")
    return WordText("\n".join(marked), "\n".join(plain), _properties(document.core_properties))


def xml_properties(root: Any, title: str, authors: Sequence[str], dates: Sequence[str]) -> Metadata:
    """Title, author and date from an XML part of properties (a deck's ``docProps/core.xml``, an OpenDocument's
    ``meta.xml``), each the first element whose local name is given that holds text (authors and dates in order of
    preference); a date is its day."""

    def first(*names: str) -> str | None:
        for name in names:
            found = next((e.text for e in root.iter() if e.tag.endswith("}" + name) and (e.text or "").strip()), None)
            if found:
                return " ".join(found.split())
        return None

    made = first(*dates)
    day = made[:10] if made and re.match(r"\d{4}-\d{2}-\d{2}", made) else None
    return Metadata(title=first(title), author=first(*authors), date=day)


def plain_line(line: str) -> str:
    """A line of ``marked`` without Markdown's marks (a heading's, an item's, bold and italic), for ``plain``."""
    return _MARKS.sub("", line)


_MARKS = re.compile(r"^(?:#{1,6} |- )|\*+")


def marked_runs(pieces: Sequence[tuple[tuple[bool, bool], str]]) -> str:
    """A paragraph's runs, each (bold, italic) and its text, as one line of Markdown: neighbours of the same weight
    together (a word split into runs at an edit joins again), bold marked, italic where not bold (`**知识*蒸馏***`
    would bound nothing); a line break or tab a space (a break inside a paragraph is the writer's, never a wrap)."""
    groups: list[tuple[tuple[bool, bool], str]] = []
    for (bold, italic), said in pieces:
        style = (bold, italic and not bold)
        if groups and groups[-1][0] == style:
            groups[-1] = (style, groups[-1][1] + said)
        else:
            groups.append((style, said))
    out = ""
    for (bold, italic), said in groups:
        said = re.sub(r"[\t\n\r]+", " ", said)
        mark, core = "**" if bold else "*" if italic else "", said.strip()
        if mark and core:
            said = f"{said[: len(said) - len(said.lstrip())]}{mark}{core}{mark}{said[len(said.rstrip()) :]}"
        out += said
    return out.strip()


def paragraph_lines(segments: Sequence[Segment]) -> tuple[Segment, ...]:
    """The segments of ``document_text``'s text numbered by paragraph: its line 2k − 1 is paragraph k."""
    return tuple(
        dataclasses.replace(s, line=(s.line + 1) // 2, end_line=(s.end_line + 1) // 2, text=_one_per_paragraph(s.text))
        for s in segments
    )


def _one_per_paragraph(text: str) -> str:
    """A block's text (code runs across paragraphs) with a line per paragraph, not the blank line after each."""
    return text.replace("\n\n", "\n")


class _Styles:
    """The document's styles, each resolved once (python-docx looks a style up anew at every paragraph and run: 2 ms a
    paragraph), and a paragraph as the line of Markdown it is."""

    def __init__(self, document: Any) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        self.by_id = {style.style_id: style for style in document.styles}
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.default = default.style_id if default is not None else None
        self.kinds: dict[str | None, tuple[int, bool, bool]] = {}  # heading level, list item, table of contents
        self.weights: dict[str | None, tuple[bool, bool]] = {}  # a character style's bold and italic
        self.fields: list[list[Any]] = []  # the fields open at this run: [instruction, showing its result]

    def paragraph(self, p: Any) -> str:
        """One paragraph as one line of Markdown ('' for no text, or a table of contents' entry)."""
        level, listed, contents = self._kind(p.style or self.default)
        if contents or _in_contents_control(p):
            return ""
        text = self._runs_text(p)
        if not text:
            return ""
        level = level or _outline_level(p) or 0
        if level:
            return "#" * level + " " + text.replace("*", "").strip()
        numbered = p.find(f"{_W}pPr/{_W}numPr") is not None
        return f"- {text}" if listed or numbered else text

    def _kind(self, style_id: str | None) -> tuple[int, bool, bool]:
        if style_id not in self.kinds:
            style, level, names = self.by_id.get(style_id), 0, []
            while style is not None and not level:
                name = (style.name or "").strip()
                names.append(name)
                found = _HEADING_STYLE.match(name)
                level = 1 if name.casefold() in _TITLE_STYLES else int(found["level"]) if found else 0
                level = min(level or _outline_level(style.element) or 0, 6)
                style = style.base_style
            listed = any(_LIST_STYLE.match(name) for name in names)
            self.kinds[style_id] = (level, listed, any(_TOC_STYLE.match(name) for name in names))
        return self.kinds[style_id]

    def _runs_text(self, p: Any) -> str:
        """The paragraph's runs as Markdown (``marked_runs``), each in its own weight, else its character style's."""
        pieces = []
        for r in p.iter(f"{_W}r"):
            if _inside_skipped(r, stop=p) or self._in_contents_field(r):
                continue
            if said := r.text:
                pieces.append((self._weight(r), said))
        return marked_runs(pieces)

    def _in_contents_field(self, r: Any) -> bool:
        """The run shows a table of contents or an index a field makes (`TOC \\o "1-3"`), whose entries repeat the
        headings with page numbers; a field's marks open and close across runs and paragraphs."""
        for child in r:
            if child.tag == f"{_W}fldChar":
                kind = child.get(f"{_W}fldCharType")
                if kind == "begin":
                    self.fields.append(["", False])
                elif kind == "separate" and self.fields:
                    self.fields[-1][1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif child.tag == f"{_W}instrText" and self.fields:
                self.fields[-1][0] += child.text or ""
        return any(shown and instruction.split()[:1] in (["TOC"], ["INDEX"]) for instruction, shown in self.fields)

    def _weight(self, r: Any) -> tuple[bool, bool]:
        """A run's bold and italic: its own setting, else its character style's (``Strong``)."""
        properties = r.rPr
        own = (_toggle(properties, "b"), _toggle(properties, "i")) if properties is not None else (None, None)
        if None not in own:
            return bool(own[0]), bool(own[1])
        style_id = properties.style if properties is not None else None
        if style_id not in self.weights:
            style, bold, italic = self.by_id.get(style_id), None, None
            while style is not None and (bold is None or italic is None):
                bold = style.font.bold if bold is None else bold
                italic = style.font.italic if italic is None else italic
                style = style.base_style
            self.weights[style_id] = (bool(bold), bool(italic))
        inherited = self.weights[style_id]
        return (inherited[0] if own[0] is None else own[0]), (inherited[1] if own[1] is None else own[1])


def _toggle(properties: Any, tag: str) -> bool | None:
    """A run property's `<w:b/>` or `<w:i/>`: on, off (`w:val="0"`), or not set."""
    found = properties.find(f"{_W}{tag}")
    if found is None:
        return None
    return found.get(f"{_W}val", "true").casefold() not in ("0", "false", "off")


def _outline_level(element: Any) -> int | None:
    """A paragraph's or style's outline level as a heading level; None where it has none, 0 for body text (9)."""
    found = element.find(f"{_W}pPr/{_W}outlineLvl")
    if found is None:
        return None
    value = found.get(f"{_W}val", "9")
    return min(int(value) + 1, 6) if value.isdigit() and int(value) < 9 else 0


def _in_contents_control(p: Any) -> bool:
    """The paragraph stands in Word's table of contents (a content control of the `Table of Contents` gallery)."""
    parent = p.getparent()
    while parent is not None:
        if parent.tag == f"{_W}sdtContent":
            gallery = parent.getparent().find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
            if gallery is not None and "contents" in gallery.get(f"{_W}val", "").casefold():
                return True
        parent = parent.getparent()
    return False


def _inside_skipped(element: Any, stop: Any = None) -> bool:
    """Whether ``element`` stands in deleted text, a text box or a field code (below ``stop``)."""
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag.rsplit("}", 1)[-1] in _SKIPPED:
            return True
        parent = parent.getparent()
    return False


def _properties(core: Any) -> Metadata:
    """Title, author and date from the document's properties (``docProps/core.xml``)."""
    title = " ".join((core.title or "").split()) or None
    author = " ".join((core.author or "").split()) or None
    created = core.created
    return Metadata(title=title, author=author, date=created.date().isoformat() if created else None)
