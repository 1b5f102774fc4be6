"""OpenDocument text (``.odt`` from LibreOffice Writer, WPS or Google Docs; ``.fodt``, the same saved as one XML file):
the body's paragraphs and headings in order — inside lists, sections and tables (row by row, cell by cell) too — each
one line of Markdown read as a Word document's are (``docx``): an outline heading ``#``, a list item ``- ``, bold and
italic spans ``**``/``*`` (they bound a term). Footnotes, comments, frames (pictures, text boxes), tracked deletions
and the generated indexes (the table of contents) are no text and no paragraphs. ``meta.xml`` gives the title, author
and date.

An ``.odt`` has no lines: a gloss's line is its paragraph's number among the body's paragraphs and headings, empty ones
counted (a line break inside a paragraph starts no new one). The Python standard library reads its XML.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

from ..errors import EmptyDocument, SourceError
from ..models import Metadata
from .docx import WordText, marked_runs, plain_line, xml_properties

_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
# What holds no text of the body: generated indexes, tracked deletions, declarations, forms, notes, comments, frames
_SKIPPED = {
    f"{{{_TEXT}}}{tag}"
    for tag in (
        "table-of-content",
        "alphabetical-index",
        "illustration-index",
        "table-index",
        "object-index",
        "user-index",
        "bibliography",
        "tracked-changes",
        "sequence-decls",
        "variable-decls",
        "user-field-decls",
        "dde-connection-decls",
        "note",
        "ruby-text",
    )
} | {f"{{{_OFFICE}}}{tag}" for tag in ("forms", "annotation", "annotation-end")}
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_TITLE_STYLES = frozenset(("title", "标题", "subtitle", "副标题"))
_PARTS = ("styles.xml", "meta.xml")
_BOLD = re.compile(r"^(?:bold|[6-9]00)$")


def document_text(data: bytes, name: str, max_bytes: int) -> WordText:
    """The body's paragraphs, one per odd line with a blank line after each, and the document's properties; a
    SourceError naming the file for what Writer cannot open either, an EmptyDocument for a document with no text."""
    if not data.strip():
        raise EmptyDocument(name, "file is empty")
    content, styles, meta = _parts(data, name, max_bytes)
    weights = _Weights(styles, content)
    marked = []
    for paragraph, listed in _paragraphs(_body(content)):
        said = _line(paragraph, listed, weights)
        marked += [said, ""]
    if not any(marked):
        raise EmptyDocument(name, "an OpenDocument text with no text")
    return WordText("\n".join(marked), "\n".join(plain_line(line) for line in marked), _properties(meta))


def _parts(
    data: bytes, name: str, max_bytes: int
) -> tuple[ElementTree.Element, ElementTree.Element | None, ElementTree.Element | None]:
    """The content, the styles and the metadata: three parts of a package, or one flat XML document."""
    try:
        if not data.startswith(b"PK\x03\x04"):
            if b"opendocument" not in data[:4096]:
                raise SourceError(name, "not an OpenDocument text: an .odt is a ZIP file, and this is none")
            flat = ElementTree.fromstring(data)
            return flat, flat, flat
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if sum(info.file_size for info in package.infolist()) > max_bytes:
                raise SourceError(name, "its parts unpack to more than the --max-size limit")
            names = package.namelist()
            if "content.xml" not in names:
                raise SourceError(name, "not an OpenDocument text vocab can open: a ZIP file without content.xml")
            manifest = package.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            if b"encryption-data" in manifest:
                raise SourceError(name, "an OpenDocument text with a password: save it without one")
            styles, meta = (ElementTree.fromstring(package.read(p)) if p in names else None for p in _PARTS)
            return ElementTree.fromstring(package.read("content.xml")), styles, meta
    except zipfile.BadZipFile:
        raise SourceError(name, "not an OpenDocument text vocab can open: a damaged ZIP file (cut short?)") from None
    except ElementTree.ParseError as error:
        raise SourceError(name, f"not an OpenDocument text vocab can open: broken XML ({error})") from None


def _holds_no_text(tag: str) -> bool:
    """An element whose paragraphs and words are none of the body's: ``_SKIPPED``, or a frame (a picture, a text
    box: a paragraph holds its frame)."""
    return tag in _SKIPPED or tag.startswith(f"{{{_DRAW}}}")


def _body(content: ElementTree.Element) -> ElementTree.Element:
    found = content.find(f"{{{_OFFICE}}}body/{{{_OFFICE}}}text")
    return found if found is not None else ElementTree.Element("empty")


def _paragraphs(element: ElementTree.Element, listed: bool = False) -> Iterator[tuple[ElementTree.Element, bool]]:
    """Each ``text:p`` and ``text:h`` of the body in order, with whether it is a list item's; not those in what holds
    no text (``_SKIPPED``), nor those of a frame (a text box's: a paragraph holds its frame)."""
    for child in element:
        tag = child.tag
        if tag in (f"{{{_TEXT}}}p", f"{{{_TEXT}}}h"):
            yield child, listed
        elif not _holds_no_text(tag):
            yield from _paragraphs(child, listed or tag == f"{{{_TEXT}}}list-item")


class _Weights:
    """Each style's bold and italic (its own text properties, else its parent's), and each paragraph style's kind."""

    def __init__(self, *roots: ElementTree.Element | None) -> None:
        self.styles: dict[tuple[str, str], ElementTree.Element] = {}
        for root in roots:
            for style in root.iter(f"{{{_STYLE}}}style") if root is not None else ():
                self.styles[(style.get(f"{{{_STYLE}}}family", ""), style.get(f"{{{_STYLE}}}name", ""))] = style
        self.resolved: dict[tuple[str, str], tuple[bool | None, bool | None]] = {}

    def weight(self, family: str, name: str | None) -> tuple[bool | None, bool | None]:
        """The style's bold and italic; None for one it leaves to what it stands in."""
        key = (family, name or "")
        if key not in self.resolved:
            bold = italic = None
            style, seen = self.styles.get(key), set()
            while style is not None and (bold is None or italic is None) and id(style) not in seen:
                seen.add(id(style))
                properties = style.find(f"{{{_STYLE}}}text-properties")
                if properties is not None:
                    weight = properties.get(f"{{{_FO}}}font-weight") or properties.get(f"{{{_STYLE}}}font-weight-asian")
                    slant = properties.get(f"{{{_FO}}}font-style") or properties.get(f"{{{_STYLE}}}font-style-asian")
                    bold = bool(_BOLD.match(weight)) if bold is None and weight else bold
                    italic = slant in ("italic", "oblique") if italic is None and slant else italic
                parent = style.get(f"{{{_STYLE}}}parent-style-name")
                style = self.styles.get((family, parent)) if parent else None
            self.resolved[key] = (bold, italic)
        return self.resolved[key]

    def is_title(self, name: str | None) -> bool:
        """A paragraph style that is (or derives from) the document's title or subtitle."""
        style, seen = self.styles.get(("paragraph", name or "")), 0
        while style is not None and seen < 20:
            names = (style.get(f"{{{_STYLE}}}name", ""), style.get(f"{{{_STYLE}}}display-name", ""))
            if any(n.replace("_20_", " ").casefold() in _TITLE_STYLES for n in names):
                return True
            parent, seen = style.get(f"{{{_STYLE}}}parent-style-name"), seen + 1
            style = self.styles.get(("paragraph", parent)) if parent else None
        return name is not None and name.casefold() in _TITLE_STYLES


def _line(paragraph: ElementTree.Element, listed: bool, weights: _Weights) -> str:
    """One paragraph as one line of Markdown ('' for none): a heading's level, a list item's dash, bold and italic."""
    style = paragraph.get(f"{{{_TEXT}}}style-name")
    bold, italic = weights.weight("paragraph", style)
    pieces: list[tuple[tuple[bool, bool], str]] = []
    _collect(paragraph, (bool(bold), bool(italic)), weights, pieces)
    text = marked_runs(pieces)
    if not text:
        return ""
    if paragraph.tag == f"{{{_TEXT}}}h" or weights.is_title(style):
        level = paragraph.get(f"{{{_TEXT}}}outline-level", "1")
        return "#" * min(int(level) if level.isdigit() and int(level) > 0 else 1, 6) + " " + text.replace("*", "")
    return f"- {text}" if listed else text


def _collect(
    element: ElementTree.Element,
    weight: tuple[bool, bool],
    weights: _Weights,
    pieces: list[tuple[tuple[bool, bool], str]],
) -> None:
    """The text under ``element`` with the weight it is shown in: spans by their styles, spaces (``text:s``), tabs
    and line breaks as spaces, fields as the value they show; what holds no text skipped, its tail kept."""
    if element.text:
        pieces.append((weight, element.text))
    for child in element:
        tag = child.tag
        if tag == f"{{{_TEXT}}}s":
            count = child.get(f"{{{_TEXT}}}c", "1")
            pieces.append((weight, " " * (int(count) if count.isdigit() else 1)))
        elif tag in (f"{{{_TEXT}}}tab", f"{{{_TEXT}}}line-break"):
            pieces.append((weight, " "))
        elif not _holds_no_text(tag):
            own = weights.weight("text", child.get(f"{{{_TEXT}}}style-name")) if tag == f"{{{_TEXT}}}span" else None
            bold, italic = own or (None, None)
            inner = (weight[0] if bold is None else bold, weight[1] if italic is None else italic)
            _collect(child, inner, weights, pieces)
        if child.tail:
            pieces.append((weight, child.tail))


def _properties(meta: ElementTree.Element | None) -> Metadata:
    """Title, author and date from ``meta.xml`` (the first author and the day the document was made)."""
    if meta is None:
        return Metadata()
    return xml_properties(meta, "title", ["initial-creator", "creator"], ["creation-date", "date"])
